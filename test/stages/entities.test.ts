import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { analyzeText } from '../../dist/index.js';
import { seedPath } from '../helpers/paths.js';

const seed = analyzeText(readFileSync(seedPath, 'utf8'), { id: 'seed' });
const byName = (name: string) => seed.entities!.filter((e) => e.name === name);

describe('entities on the seed article', () => {
  test.each([
    ['John Kerry', 'PERSON', ['Kerry']],
    ['Vladimir Putin', 'PERSON', ['Putin']],
    ['Sergei Lavrov', 'PERSON', ['Lavrov']],
    ['Russia', 'GPE', ['Russian Federation']],
    ['United States', 'GPE', ['U.S.', 'USA', 'US']],
    ['Free Syrian Army', 'ORG', ['FSA']],
    ['Islamic State', 'ORG', ['IS']],
    ['Syria', 'GPE', []],
    ['Moscow', 'GPE', []],
    ['Riyadh', 'GPE', []],
    ['Kremlin', 'ORG', []],
  ])('%s is one %s entity with its aliases', (name, type, aliases) => {
    const found = byName(name);
    expect(found).toHaveLength(1);
    expect(found[0]!.type).toBe(type);
    expect(found[0]!.aliases).toEqual(expect.arrayContaining([name, ...aliases]));
  });

  test('both quotes introduced by "he said" are John Kerry’s', () => {
    const kerry = byName('John Kerry')[0]!.id;
    const heSaid = seed.quotes!.filter((q) => q.speaker?.mention?.text === 'he');
    expect(heSaid).toHaveLength(2);
    for (const q of heSaid) expect(q.speaker!.entity).toBe(kerry);
  });

  test('the line-2 "He" is a pronoun mention of John Kerry', () => {
    const kerry = byName('John Kerry')[0]!;
    expect(kerry.mentions).toContainEqual(expect.objectContaining({ text: 'He', kind: 'pronoun', sentence: 1 }));
  });

  test('titles are not part of names and function words are not entities', () => {
    const names = seed.entities!.map((e) => e.name);
    for (const bad of ['He', 'Ahead', 'Regarding', 'While', 'After', 'It', 'The', 'President', 'President Vladimir Putin']) {
      expect(names).not.toContain(bad);
    }
  });

  test('salience ranks the article\'s subjects first and stays in [0, 1]', () => {
    expect(seed.entities!.slice(0, 3).map((e) => e.name)).toEqual(expect.arrayContaining(['John Kerry', 'Russia']));
    for (const e of seed.entities!) {
      expect(e.salience).toBeGreaterThanOrEqual(0);
      expect(e.salience).toBeLessThanOrEqual(1);
    }
    // Salience is each entity's share, rounded to 3 decimals: the shares add up to 1.
    expect(seed.entities!.reduce((sum, e) => sum + e.salience, 0)).toBeCloseTo(1, 1);
  });

  test('Dunkin’ Donuts is an organisation', () => {
    expect(byName('Dunkin’ Donuts')[0]?.type).toBe('ORG');
  });
});

describe('entities in real sentences', () => {
  test.each([
    ['Ban Ki-moon met leaders of al-Qaeda’s rivals in Charles de Gaulle airport.', ['Ban Ki-moon', 'al-Qaeda']],
    ['Tony Blair and Gordon Brown denied the claims on Tuesday.', ['Tony Blair', 'Gordon Brown']],
  ])('%s', (sentence, names) => {
    const found = analyzeText(sentence).entities!.map((e) => e.name);
    expect(found).toEqual(expect.arrayContaining(names));
  });

  // DSE dev: a one-word name the gazetteer knows, mid-sentence, where the tagger saw none; BBC
  // politics/223: "Parliament" alone is the institution.
  test.each([
    ['Democrats will be sure to accuse the GOP of threatening the health care of millions.', 'GOP', 'Republicans'],
    ['Mr Kennedy said during his nearly 22 years in Parliament he had seen prime ministers and party leaders come and go and knew the pitfalls of British politics.', 'Parliament', 'Parliament'],
  ])('a known one-word name the tagger missed: %s', (sentence, surface, name) => {
    const entity = analyzeText(sentence).entities!.find((e) => e.mentions.some((m) => sentence.slice(m.start, m.end) === surface));
    expect(entity?.name).toBe(name);
    expect(entity?.type).toBe('ORG');
  });

  // BBC education and politics: the tagger read "Tory" before a title as a person (a PERSON "Tory"
  // in 51 BBC articles, a pronoun resolved to it in some); it is the party, one entity with "the Tories".
  test.each([
    ['Her comments did not impress Tory shadow education secretary Tim Collins.', 'Tim Collins'],
    ['National Insurance will be raised if Labour wins the next election, Tory leader Michael Howard has claimed.', 'Michael Howard'],
  ])('"Tory" before a title is the Conservatives: %s', (sentence, person) => {
    const text = `${sentence} The Tories say so.`;
    const entities = analyzeText(text).entities!;
    const party = entities.filter((e) => e.mentions.some((m) => /^Tor(y|ies)$/.test(text.slice(m.start, m.end))));
    expect(party.map((e) => [e.name, e.type, e.mentions.map((m) => text.slice(m.start, m.end))])).toEqual([['Conservatives', 'ORG', ['Tory', 'Tories']]]);
    expect(entities.find((e) => e.name === person)?.type).toBe('PERSON');
  });

  // BBC entertainment/100: a holiday is a date, never a person; a spaced dash ends a name.
  test('"Christmas takings" has a DATE and no named entity "Christmas"', () => {
    const entities = analyzeText('However, Christmas takings were down 26.5% on 2003.').entities!;
    expect(entities.filter((e) => e.name === 'Christmas').map((e) => e.type)).toEqual(['DATE']);
  });
  test('a name typed a person once and a company elsewhere is one entity (BBC business/300)', () => {
    const text = 'Pharmaceutical giant Johnson & Johnson has agreed to buy medical technology firm Guidant for $25.4bn (£13bn).\n\n'
      + 'Guidant is a key producer of equipment that combats heart problems such as implant defibrillators and pacemakers.';
    const guidant = analyzeText(text).entities!.filter((e) => e.name === 'Guidant');
    expect(guidant.map((e) => [e.type, e.mentions.length])).toEqual([['ORG', 2]]);
  });
  test('an acronym does not join a longer name by its last word: "PC" is not the magazine "Mobile PC" (BBC tech/009)', () => {
    const text = 'The Apple Powerbook 100 has been chosen as the greatest gadget of all time, by US magazine Mobile PC. '
      + 'All these things are useful to real people, not just PC magazine editors.';
    const entities = analyzeText(text).entities!;
    expect(entities.find((e) => e.name === 'Mobile PC')?.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Mobile PC']);
  });
  test('a first name alone is the one person of the article with that first name (BBC sport/303)', () => {
    const text = 'Wales fly-half Stephen Jones admitted he was happy to hand Gavin Henson responsibility for the kick. '
      + '"I knew the percentages of Gavin reaching it were far higher than me," said Jones.';
    const henson = analyzeText(text).entities!.find((e) => e.name === 'Gavin Henson')!;
    expect(henson.mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Gavin Henson', 'Gavin']);
  });
  test('"3G" is no organisation "G" (BBC tech/050)', () => {
    const names = analyzeText('Competition to get people using 3G mobiles will grow in the next year as almost all of the UK\'s operators have now launched third generation networks.').entities!.map((e) => e.name);
    expect(names).toContain('United Kingdom');
    expect(names).not.toContain('G');
  });
  test('"Comedy Fat Albert - co-written by Bill Cosby" names no "Albert - co-written"', () => {
    const names = analyzeText('Comedy Fat Albert - co-written by Bill Cosby - moved down the chart to fourth.').entities!.map((e) => e.name);
    expect(names).toContain('Bill Cosby');
    expect(names.filter((n) => n.includes('co-written'))).toEqual([]);
  });
});

describe('aliases that are not', () => {
  test('a country in brackets after a player (BBC tennis seedings) is the country, not the player’s acronym', () => {
    const text = 'Men\'s seeds:\n1 Roger Federer (Swi)\n2 Andy Roddick (US)\n8 Andre Agassi (US)\n';
    const entities = analyzeText(text).entities!;
    const roddick = entities.find((e) => e.name === 'Andy Roddick');
    expect(roddick?.aliases).toEqual(['Andy Roddick']);
    expect(entities.find((e) => e.aliases.includes('US'))?.type).toBe('GPE');
  });

  test('"Free Syrian Army (FSA)" still teaches its acronym', () => {
    const entities = analyzeText('Free Syrian Army (FSA) fighters in Western Syria denied it. The FSA is a loose alliance.').entities!;
    expect(entities.find((e) => e.name === 'Free Syrian Army')?.aliases).toEqual(expect.arrayContaining(['FSA']));
  });

  // BBC business/232: the gazetteer's FSA is the Free Syrian Army; this article spells out another.
  test('an acronym the article spells out is that name, not the gazetteer’s (the FSA of a City story)', () => {
    const text = 'Lloyd\'s of London head chides FSA\n\nThe head of Lloyd\'s of London, the insurance market, has criticised Britain\'s financial watchdog, the Financial Services Authority (FSA). In a speech on Monday, Mr Prettejohn urged the FSA to force brokers to disclose the size of their commissions.';
    const entities = analyzeText(text).entities!;
    expect(entities.map((e) => e.name)).not.toContain('Free Syrian Army');
    const fsa = entities.find((e) => e.name === 'Financial Services Authority');
    expect(fsa?.aliases).toEqual(['Financial Services Authority', 'FSA']);
    expect(fsa?.mentions).toHaveLength(4);
  });

  // BBC business/469 and tech/164: no brackets, the name earlier or later in the article.
  test('an acronym joins the name with its initials elsewhere in the article, before or after it', () => {
    const headline = analyzeText('IMF agrees fresh Turkey funding\n\nTurkey has agreed a draft proposal with the International Monetary Fund to borrow $10bn (£5.19bn), extending its ongoing financial support until 2007.').entities!;
    expect(headline.find((e) => e.aliases.includes('IMF'))?.name).toBe('International Monetary Fund');
    const body = analyzeText('The Financial Services Authority has warned banks and other financial institutions that members of criminal gangs may be applying for jobs. In fact, I suspect that the FSA is probably very late to this particular party.').entities!;
    expect(body.find((e) => e.aliases.includes('FSA'))?.name).toBe('Financial Services Authority');
  });

  test('a two-letter acronym keeps the gazetteer’s reading (US is not Universal Studios)', () => {
    const entities = analyzeText('Universal Studios said on Monday that the film would open in the US in May.').entities!;
    expect(entities.find((e) => e.aliases.includes('US'))?.name).toBe('United States');
  });
});

describe('OntoNotes types beyond CoNLL’s four, on real sentences', () => {
  const typeOf = (sentence: string, name: string) => analyzeText(sentence).entities!.find((e) => e.name === name)?.type;
  test.each([
    ['Thousands of protesters gathered in Trafalgar Square in London on Sunday.', 'Trafalgar Square', 'FAC'],
    ['The flight landed at Heathrow Airport late on Friday.', 'Heathrow Airport', 'FAC'],
    ['Thousands of protesters gathered in Trafalgar Square in London on Sunday.', 'London', 'GPE'],
    ['Syrian rebels and Russian diplomats met in Geneva.', 'Syrian', 'NORP'],
    ['Syrian rebels and Russian diplomats met in Geneva.', 'Geneva', 'GPE'],
    ['Flood warnings were issued along the River Thames and the Persian Gulf coast.', 'Persian Gulf', 'LOC'],
    ['England were knocked out of the World Cup in Germany.', 'World Cup', 'EVENT'],
    ['The Kyoto Protocol came into force in 2005.', 'Kyoto Protocol', 'LAW'],
    ['Kerry met Lavrov in the Kremlin on Tuesday.', 'Kremlin', 'ORG'],
    // A religious group is NORP like a nationality (BBC politics/100).
    ['Mr Mubanga, who insists he does not feel bitter, said: "I\'ve lost three years of my life, because I was a Muslim.', 'Muslim', 'NORP'],
    // Some wires space the initials (DSE train's sources): still the country, not an event.
    ['The U. S. government has formally accused Russia of orchestrating the hack.', 'United States', 'GPE'],
  ])('%s -> %s is %s', (sentence, name, type) => {
    expect(typeOf(sentence, name)).toBe(type);
  });

  test('a river is a LOC ("River Thames")', () => {
    expect(typeOf('Flood warnings were issued along the River Thames and the Persian Gulf coast.', 'River Thames')).toBe('LOC');
  });
  test('a law named with "Act" is a LAW ("Human Rights Act")', () => {
    expect(typeOf('Critics say the Human Rights Act should be repealed, the minister said.', 'Human Rights Act')).toBe('LAW');
  });
});

describe('nominal mentions: a role the text gave one person refers to them', () => {
  /** Each nominal mention as "entity <- phrase". */
  const nominals = (text: string) => analyzeText(text).entities!.flatMap((e) => e.mentions.filter((m) => m.kind === 'nominal').map((m) => `${e.name} <- ${m.text}`));

  // Passages of BBC politics articles (politics/262, 006, 126, 285, 280, 035).
  test.each([
    ['Tory leader Michael Howard has claimed in a heated prime minister\'s questions. The Tory leader countered that such agreements had been struck twice at dinners with the chancellor.', ['Michael Howard <- The Tory leader']],
    ['Deputy Prime Minister John Prescott said a good deal had been secured. English Partnerships and the office of the deputy prime minister have worked hard to get a deal.', ['John Prescott <- the deputy prime minister']],
    ['His words about President Bush met a cool reception from French President Jacques Chirac. The French president told reporters: "Europe today has more than ever the need."', ['Jacques Chirac <- The French president']],
    ['Tim Collins, the shadow education secretary, said last week it would be a "huge boost".', ['Tim Collins <- the shadow education secretary']],
  ])('%s', (text, expected) => {
    expect(nominals(text)).toEqual(expected);
  });

  test.each([
    // The deputy prime minister is not the prime minister.
    ['Deputy Prime Minister John Prescott said a good deal had been secured. The prime minister said he was pleased.'],
    // ", the prime minister said" opens a clause, not an apposition of Rice.
    ['Echoing the new US Secretary of State Condoleezza Rice, the prime minister said there has been a clear evolution of US policy.'],
    // An Italian title does not make "the prime minister" of a British article the Italian one.
    ['Tony Blair has met Italian Prime Minister Silvio Berlusconi. Mr Blair\'s official spokesman said: "The prime minister has regular meetings with both of them."'],
    // A role two people share stays unresolved.
    ['Labour leader Tony Blair and Tory leader Michael Howard clashed. The leader said he would not resign.'],
    // A role named before the person is not a reference back.
    ['The chancellor will speak on Monday. Chancellor Gordon Brown has said little.'],
  ])('no nominal: %s', (text) => {
    expect(nominals(text)).toEqual([]);
  });

  test('a quote of the nominal is the person\'s, and a --target reaches the nominal too', () => {
    const text = 'Tory leader Michael Howard visited Leeds. The Tory leader said: "We will cut taxes for working families."';
    const a = analyzeText(text, {}, { targets: ['Michael Howard'] });
    const howard = a.entities!.find((e) => e.name === 'Michael Howard')!;
    expect(a.quotes!.find((q) => q.kind === 'direct')?.speaker?.entity).toBe(howard.id);
    expect(a.targets![0]!.mentions).toContainEqual([text.indexOf('The Tory leader'), text.indexOf('The Tory leader') + 'The Tory leader'.length]);
  });
});
