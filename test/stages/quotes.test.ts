import { describe, expect, test } from '@jest/globals';
import { analyzeText } from '../../dist/index.js';

const quotesOf = (text: string) => analyzeText(text, {}, { only: ['entities', 'quotes'] }).quotes!;

describe('direct quotes in every mark style', () => {
  test.each([
    ['“We will not back down on this issue,” Kerry said.', 'We will not back down on this issue,'],
    ['"We will not back down on this issue," Kerry said.', 'We will not back down on this issue,'],
    ['Kerry said: «We will not back down on this issue».', 'We will not back down on this issue'],
    ['Kerry said: „We will not back down on this issue“.', 'We will not back down on this issue'],
    ["'We will not back down on this issue,' the minister said.", 'We will not back down on this issue,'],
  ])('%s', (sentence, inside) => {
    const [quote] = quotesOf(sentence);
    expect(quote?.text).toBe(inside);
    expect(quote?.kind).toBe('direct');
  });

  test('apostrophes are not quotation marks', () => {
    expect(quotesOf('Russia’s envoy visited a Dunkin’ Donuts and heard rock \'n\' roll in Moscow’s streets.')).toEqual([]);
  });

  test('a stray unpaired mark is skipped and the other quotes kept', () => {
    const quotes = quotesOf('He left “without a word.\n\nLater she said: “This is the only way forward for all of us.”');
    expect(quotes.map((q) => q.text)).toEqual(['This is the only way forward for all of us.']);
  });

  test('a quotation that runs over two paragraphs is one quote', () => {
    const text = '“The first part of what I have to say is this.\n\n“And the second part comes here,” Kerry said.';
    const quotes = quotesOf(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.text.startsWith('The first part')).toBe(true);
    expect(quotes[0]!.text.endsWith('comes here,')).toBe(true);
  });
});

describe('speakers', () => {
  test.each([
    ['“We will not back down on this issue,” Kerry said.', 'Kerry'],
    ['“We will not back down on this issue,” said John Kerry.', 'John Kerry'],
    ['“We will not back down on this issue,” a senior official said.', 'a senior official'],
  ])('%s', (sentence, speaker) => {
    expect(quotesOf(sentence)[0]?.speaker?.mention?.text).toBe(speaker);
  });

  test.each([
    ['“Is this really the best that we can do for our country?” he asks.', 0, 'he'],
    ['“We were asked to leave the area and we complied,” Figueroa told USA Today.', 0, 'Figueroa'],
    ['“I want to ask for patience from the community,” Tulsa police Chief Chuck Jordan said Monday.', 0, 'Chuck Jordan'],
    ['“Trump has shown again that he is not ready for this,” Rep. Gwen Moore (D-Wis.) said Friday.', 0, 'Gwen Moore'],
    ['He said:\n\n“There is no solution that does not start with the people of Chicago.”', 0, 'He'],
    ['“Here comes Big Daddy,” she said, clapping. “This is the night that we have all waited for.”', 1, 'she'],
  ])('%s (quote %i by %s)', (text, index, speaker) => {
    expect(quotesOf(text)[index]?.speaker?.mention?.text).toBe(speaker);
  });

  test('a nominal speaker has no entity', () => {
    expect(quotesOf('“We will not back down on this issue,” a senior official said.')[0]?.speaker?.entity).toBeNull();
  });

  test('"he said" resolves to the subject of the sentence before', () => {
    const text = 'Kerry met Lavrov on Tuesday.\n“Russia and the United States agree on this threat,” he said.';
    expect(quotesOf(text)[0]?.speaker?.name).toBe('Kerry');
  });
});

describe('partial quotes: quoted words inside the writer’s own sentence', () => {
  test('the seed: Kerry said there were still “kinks” ...', () => {
    const text = 'While Kerry said there were still “kinks” that needed to be worked out on the plan to unite the opposition groups, the Kremlin rejected the outcome.';
    const [quote] = quotesOf(text);
    expect(quote).toMatchObject({ kind: 'partial', cue: 'said' });
    expect(quote!.text.startsWith('there were still “kinks” that needed')).toBe(true);
    expect(quote!.fragments!.map((f) => text.slice(f.start, f.end))).toEqual(['kinks']);
    expect(quote!.speaker?.mention?.text).toBe('Kerry');
  });

  test('two fragments of one reported clause are one partial quote', () => {
    const text = 'Trump said the system was “rigged” and that the media were “totally dishonest” about it.';
    const quotes = quotesOf(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]!.fragments!.map((f) => text.slice(f.start, f.end))).toEqual(['rigged', 'totally dishonest']);
  });

  test('a quotation that fills the reported clause stays direct', () => {
    const [quote] = quotesOf('Kerry called it “an important day for us to try to make further progress on a number of these issues”.');
    expect(quote).toMatchObject({ kind: 'direct', cue: 'called' });
  });

  test.each([
    ['The show was billed as “the greatest night of television” by its makers.'],
    ['He stayed at the hotel known as “The Old Lodge” for a week.'],
  ])('scare quotes and titles with no reporting verb are not quotes: %s', (text) => {
    expect(quotesOf(text)).toEqual([]);
  });
});

describe('indirect quotes: reported speech without marks', () => {
  test.each([
    ['Russian Federation has consistently said Assad’s future is for the Syrian people to decide, while the USA and many of its allies insist that he go.', 'Assad’s future is for the Syrian people to decide', 'said', 'Russian Federation'],
    ['The Kremlin rejected the outcome of the Riyadh meeting, saying it had no right to speak on behalf of the entire Syrian opposition.', 'it had no right to speak on behalf of the entire Syrian opposition.', 'saying', 'Kremlin'],
    ['The economy will grow by 3% next year, the Treasury said.', 'The economy will grow by 3% next year', 'said', 'Treasury'],
    ['According to the Treasury, the economy will grow by 3% next year.', 'the economy will grow by 3% next year.', 'According to', 'Treasury'],
    ['The U.S. accuses Russian Federation of bombing moderate rebels.', 'bombing moderate rebels.', 'accuses', 'U.S.'],
  ])('%s', (sentence, content, cue, speaker) => {
    const quote = quotesOf(sentence).find((q) => q.kind === 'indirect');
    expect(quote).toMatchObject({ text: content, cue });
    expect(quote!.speaker?.mention?.text).toContain(speaker);
  });

  test.each([
    ['US Secretary of State John Kerry flew in to Moscow today to meet Russia’s President Vladimir Putin.'],
    ['Kerry flew to Moscow to urge him to keep the peace process on track.'],
    ['The minister said nothing about the plan.'],
  ])('not reported speech: %s', (sentence) => {
    expect(quotesOf(sentence).filter((q) => q.kind === 'indirect')).toEqual([]);
  });

  test('the speaker of "X, however, denied that ..." is X, not the place in a phrase after it', () => {
    const text = 'Free Syrian Army (FSA) fighters in Western Syria, however, denied that they were receiving any such support.';
    expect(quotesOf(text).find((q) => q.kind === 'indirect')?.speaker?.name).toBe('Free Syrian Army');
  });
});

describe('speakers through relative clauses and participles', () => {
  test('"X, who accused ..." speaks for X; the mention stays "who", as "he said" keeps "he"', () => {
    const text = 'His claims were denied by Foreign Secretary Jack Straw, who accused the Tories of "running scared" of debate on the constitution.';
    const quote = quotesOf(text).find((q) => q.speaker?.mention?.text === 'who');
    expect(quote?.speaker?.name).toBe('Jack Straw');
    expect(quote?.speaker?.entity).not.toBeNull();
  });

  test('", accusing X of “...”": the speaker is the main clause\'s subject, not the one accused', () => {
    const text = 'Ahead of the talks, the Russian foreign ministry attacked U.S. policy, accusing Washington of “dividing terrorists into good and bad ones”.';
    const [quote] = quotesOf(text);
    expect(quote?.text).toBe('dividing terrorists into good and bad ones');
    expect(quote?.speaker?.name).toBe('the Russian foreign ministry');
    expect(quote?.speaker?.entity).toBeNull();
  });

  test('a name right after an accusing cue is never its speaker', () => {
    const text = 'The senator attacked the plan, accusing Obama of "giving away the store" to Tehran.';
    expect(quotesOf(text)[0]?.speaker?.name).not.toBe('Obama');
  });
});

describe('the shipped reported-speech model (src/models/attribution-*)', () => {
  test('loads and reads real sentences: cue words, their side, and words that are no cue', async () => {
    const { buildDoc } = await import('../../dist/doc/build-doc.js');
    const { probabilities } = await import('../../dist/ml/linear-model.js');
    const { ATTRIBUTION_LABELS, cueFeatures, shippedAttributionModel } = await import('../../dist/quotes/attribution-model.js');
    const { buildReportingLexicon } = await import('../../dist/stages/find-quotes.js');
    const { readFileSync } = await import('node:fs');
    const { repoRoot } = await import('../helpers/paths.js');
    const lexicon = buildReportingLexicon(JSON.parse(readFileSync(`${repoRoot}src/lexicons/reporting-verbs.json`, 'utf8')));
    const model = shippedAttributionModel();
    const read = (text: string, word: string) => {
      const doc = buildDoc(text);
      const t = doc.tokens.findIndex((token) => token.text === word);
      const p = probabilities(model, cueFeatures(doc, t, lexicon));
      return ATTRIBUTION_LABELS[p.indexOf(Math.max(...p))];
    };
    expect(read('Stein spokeswoman Melezia Figueroa said the candidate was headed to the venue.', 'said')).toBe('after');
    expect(read('Trump’s skepticism on climate change has severely hurt the GOP nominee with young voters, Graham said.', 'said')).toBe('before');
    expect(read('US Secretary of State John Kerry flew in to Moscow today to meet Russia’s President Vladimir Putin.', 'flew')).toBe('none');
  });
});

describe('more shapes of attribution', () => {
  test('a transcript: each "NAME:" turn is one direct quote by that name, the label left out', () => {
    const text = [
      'The interview aired on Sunday.',
      '"WALLACE: Do you really see those two as equivalent? Do you really see those two as equivalent, Mark Cuban and Gennifer Flowers?',
      '"PENCE: Well, look, you know, Mark Cuban has been out there saying some pretty tough stuff about my running mate.',
      '"But the truth is that Donald Trump has a unique way of communicating to the American people.',
    ].join('\n\n');
    const quotes = quotesOf(text);
    expect(quotes.map((q) => [q.kind, q.speaker?.name, q.text.slice(0, 12)])).toEqual([
      ['direct', 'WALLACE', 'Do you reall'], ['direct', 'PENCE', 'Well, look, '], ['direct', 'PENCE', 'But the trut'],
    ]);
  });

  test('a quotation signed with a dash is its signer’s', () => {
    const text = '“He represents our greatest shame, and I am tired of hearing it every day.” ― Sonya Herridge';
    expect(quotesOf(text)[0]?.speaker?.name).toBe('Sonya Herridge');
  });

  test.each([
    ['Clinton says Trump’s “latest twitter meltdown is unhinged, even for him.”', 'partial'],
    ['Trump says voter fraud “would be one hell of a way to lose.”', 'partial'],
    ['Kerry called it “an important day for us to try to make further progress on a number of these issues”.', 'direct'],
  ])('words of the writer beside the quotation make it partial: %s', (text, kind) => {
    expect(quotesOf(text)[0]?.kind).toBe(kind);
  });

  test('"said Mr. Burman": an inverted speaker past his title', () => {
    const text = '“It would be a huge boon for tax lawyers and accountants across the country,” said Mr. Burman.';
    expect(quotesOf(text)[0]?.speaker?.name).toContain('Burman');
  });

  test('a purpose clause is no reported speech: "to meet Putin and urge him to ..."', () => {
    const text = 'US Secretary of State John Kerry flew in to Moscow today to meet Russia’s President Vladimir Putin and urge him to keep the fledgling Syrian peace process on track.';
    expect(quotesOf(text).filter((q) => q.cue === 'urge')).toEqual([]);
  });
});

describe('feature sinks (src/ml/feature-sink.ts)', () => {
  test('scoring through the template index gives the same probabilities as the feature names, on every word of the seed', async () => {
    const { buildDoc } = await import('../../dist/doc/build-doc.js');
    const { probabilities } = await import('../../dist/ml/linear-model.js');
    const { ScoreSink } = await import('../../dist/ml/feature-sink.js');
    const { CUE_PAIR_TEMPLATES, cueFeatures, emitCueFeatures, shippedAttributionModel } = await import('../../dist/quotes/attribution-model.js');
    const { buildReportingLexicon } = await import('../../dist/stages/find-quotes.js');
    const { readFileSync } = await import('node:fs');
    const { repoRoot, seedPath } = await import('../helpers/paths.js');
    const lexicon = buildReportingLexicon(JSON.parse(readFileSync(`${repoRoot}src/lexicons/reporting-verbs.json`, 'utf8')));
    const model = shippedAttributionModel();
    const sink = new ScoreSink(model, CUE_PAIR_TEMPLATES);
    const doc = buildDoc(readFileSync(seedPath, 'utf8'));
    let largest = 0;
    for (let t = 0; t < doc.tokens.length; t += 1) {
      const byName = probabilities(model, cueFeatures(doc, t, lexicon));
      emitCueFeatures(doc, t, lexicon, sink.reset());
      const bySink = sink.probabilities();
      for (let k = 0; k < byName.length; k += 1) largest = Math.max(largest, Math.abs(byName[k]! - bySink[k]!));
    }
    expect(doc.tokens.length).toBeGreaterThan(400);
    expect(largest).toBeLessThan(1e-9);
  });
});

describe('a BBC paragraph about Michael Howard, his wife and Anne Robinson', () => {
  // BBC politics: Cockerell's film on Michael Howard (the paragraph as published, cut after the ping pong answer).
  const text = [
    'Michael Howard has agreed to be filmed at home by Michael Cockerell.',
    '',
    'Ms Robinson, who presents The Weakest Link tells Cockerell that she despaired at his hardline image when he was home secretary in John Major\'s government. "I used to have to sit on my hands because he\'d get on television and give a passable impression of someone who\'d like to kick your cat or would put your baby in prison if he cried. I mean it was very, very Draconian." The film shows Mr Howard laughing at Rory Bremner\'s impression of him as Dracula, which he calls "good fun", apart from the serious falsehood of a comment suggesting he wants fewer black people in the UK. The film shows the private side of the Tory leader watching television at home or playing table tennis with his wife, ex-model Sandra. Asked if she enjoys a game of ping pong she confesses: "Yeah, it would be more enjoyable if I could win occasionally too, but otherwise it\'s quite fun."',
  ].join('\n');
  const quotes = analyzeText(text, {}, { only: ['entities', 'quotes'] }).quotes!;
  const by = (start: string) => quotes.find((q) => q.text.startsWith(start))?.speaker?.name;

  test('a quotation after a sentence naming a person is that person’s, not the previous speaker’s', () => {
    expect(by('I used to have to sit on my hands')).toContain('Robinson');
  });

  test('"The film shows Mr Howard laughing ...": a name after a cue that does not invert is not the speaker', () => {
    expect(by('I used to have to sit on my hands')).not.toContain('Howard');
  });

  test('"she confesses" is a woman: Sandra, not Michael Howard', () => {
    expect(by('Yeah, it would be more enjoyable')).toBe('Sandra');
  });
});

describe('"it said": the organisation speaking (BBC business sentences)', () => {
  test.each([
    ['Yukos said it would consider its options in light of the ruling. However, it claimed that the court had backed its argument in four out of five key issues.', 'Yukos'],
    ['GM has a hybrid pickup on the market. Even sports car maker Porsche may join the race, although it insists it is still considering whether to hybridise its Cayenne SUV.', 'Porsche'],
  ])('%s', (text, organisation) => {
    const quote = quotesOf(text).find((q) => q.speaker?.mention?.text === 'it');
    expect(quote?.speaker?.name).toBe(organisation);
  });

  test('an organisation only named inside a quotation or as an object is no antecedent', () => {
    const text = 'It has cash available, after getting A$846m from selling property business Lensworth, but it has said it will not buy a rival.';
    expect(quotesOf(text).filter((q) => q.speaker?.name === 'Lensworth')).toEqual([]);
  });
});

describe('what is not reported speech', () => {
  test('the time of a saying is not what was said', () => {
    const text = '"We are not going anywhere," the lawmakers said. Top black lawmakers said Friday afternoon.';
    expect(quotesOf(text).filter((q) => q.kind === 'indirect')).toEqual([]);
  });
});

describe('a BBC paragraph that lost its closing marks (politics/100)', () => {
  const text = 'Mr Mubanga, who insists he does not feel bitter, said: "I\'ve lost three years of my life, because I was a Muslim. '
    + 'He added: "The authorities wanted to break me but they strengthened me. They\'ve made me what I am - even if I\'m not quite sure yet who that person is." '
    + 'The US government denied the claims, saying it condemned and prohibited torture. '
    + 'But Fair Trials Abroad director Stephen Jakobi said there were similarities between Mr Mubanga\'s account and those of other Guantanamo detainees. '
    + 'He said: "The pattern is the same. The real problem is the concentration camp conditions in Guantanamo."';
  const direct = () => quotesOf(text).filter((q) => q.kind === 'direct').map((q) => [text.slice(q.start, q.end), q.speaker?.name]);

  test('a mark opening "He added: "..." ends the quotation left open before it', () => {
    expect(direct()).toEqual(expect.arrayContaining([
      ['I\'ve lost three years of my life, because I was a Muslim.', 'Mubanga'],
      ['The authorities wanted to break me but they strengthened me. They\'ve made me what I am - even if I\'m not quite sure yet who that person is.', 'Mubanga'],
    ]));
  });
  test('a quotation right after another, nothing between, has its speaker, not a person named inside it', () => {
    const statement = 'The US government denied the claims, saying it condemned and prohibited torture. In a statement, it said: '
      + '"The Department of Defense has no doubt that Mr Mubanga was properly detained as an enemy combatant under the laws of war. '
      + '"He was detained to prevent him from fighting against the US and our allies in the war on terror."';
    const speakers = quotesOf(statement).filter((q) => q.kind === 'direct').map((q) => q.speaker?.name);
    expect(speakers).toEqual(['it', 'it']);
  });
  test('"He said:" opening a sentence continues the person who opened the one before, not the most named', () => {
    expect(direct()).toEqual(expect.arrayContaining([
      ['The pattern is the same. The real problem is the concentration camp conditions in Guantanamo.', 'Stephen Jakobi'],
    ]));
  });
});

describe('"he said" after a quotation that names other people (BBC sport/200)', () => {
  const text = 'Sir Alex Ferguson has called on the Football Association to punish Arsenal\'s Thierry Henry for an incident involving Gabriel Heinze.\n\n'
    + 'Ferguson believes Henry deliberately caught Heinze on the head with his knee during United\'s controversial win. '
    + '"We shall present it to the FA and see what they do. The tackle on Heinze was terrible," he said. '
    + 'Henry, following the ball, attempted to hurdle the Argentine but his knee collided with the back of Heinze\'s head.\n\n'
    + 'Ferguson was also upset by Arsenal\'s overall discipline during the heated encounter between the two arch-rivals and praised his own side\'s behaviour. '
    + '"Edu produced a terrible tackle on Scholes that was a potential leg-breaker," he said.';
  test.each([
    // BBC politics/208, /202, /200
    ['However a spokesman said that there were particular logistical difficulties in Indonesia.', 'a spokesman'],
    ['This week a judge said easy access to drink was breeding "urban savages" and turning town centres into no-go areas.', 'a judge'],
    ['Most local observers said the contest is too close to call.', 'Most local observers'],
    // BBC entertainment/152: the son speaks, not the father "his" refers to.
    ['Mr Nogar, who died in 1994 aged 72, always used to make two tapes of sessions as a back-up. "He called them his \'ass-saver\' tapes," his son said.', 'his son'],
    // BBC entertainment/052: a hyphenated age is one word of the phrase.
    ['"It\'s a huge market," the 47-year-old director said.', 'the 47-year-old director'],
  ])('a nominal speaker is its noun phrase, no connective or time before it: %s', (sentence, speaker) => {
    expect(quotesOf(sentence).map((q) => q.speaker?.name)).toEqual([speaker]);
  });
  test.each([
    // BBC business/126 and /112: a role in lower case between the verb and the name.
    ['"The headline numbers are in line, but the story is costs," said analyst Alex Potter at Lehman Brothers.', 'Alex Potter'],
    ['"Our results for 2004 allow us to improve our financial structure," said chief executive Thierry Breton.', 'Thierry Breton'],
    // PolNeAR-like shapes: "the" and a title before the name; a name the tagger missed.
    ['"We have to make sure our neighbourhoods are safe," said the Rev. Peter Wherry, of Mayfield Memorial Missionary Baptist Church.', 'Peter Wherry'],
    ['"It is a simple matter of justice for the families," said 9/11 widow Terry Strada.', 'Terry Strada'],
    ['"We have the votes we need to override the veto," Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday.', 'Mitch McConnell'],
    ['"Nobody has ever told me what to say on the air," Mr. King, 82, told me.', 'Mr. King'],
    // BBC sport/306: the country is whose coach speaks.
    ['"Serge has a good case so we are confident he will play," said France coach Bernard Laporte.', 'Bernard Laporte'],
    // BBC business/102: a colon introduction wins over the sentence after the quote.
    ['Prosecuting attorney Carol Lam said: "All US companies should take note that attempting to bribe foreign officials is criminal conduct and will be appropriately prosecuted." The company says it no longer tolerates such practices.', 'Carol Lam'],
  ])('%s', (sentence, speaker) => {
    expect(quotesOf(sentence).filter((q) => q.kind === 'direct').map((q) => q.speaker?.name)).toEqual([speaker]);
  });
  test('a second quotation after "said the report." keeps the report as its speaker (BBC business/107)', () => {
    const text = '"The IMF team stands ready to assist the (Liberian) authorities in strengthening the areas mentioned," said the report. '
      + '"The team agreed with the (Liberian) authorities that the key priorities are to restore security and stability."';
    expect(quotesOf(text).filter((q) => q.kind === 'direct').map((q) => q.speaker?.name)).toEqual(['the report', 'the report']);
  });
  test('"the prime minister said" is the one person the article titles so', () => {
    const text = 'Prime Minister Tony Blair met Chancellor Gordon Brown on Monday. The prime minister said the economy was strong. '
      + 'Later Michael Howard, the Tory leader, attacked the plan. The Tory leader said it was a con.';
    expect(quotesOf(text).map((q) => q.speaker?.name)).toEqual(['Tony Blair', 'Michael Howard']);
  });
  test('"The United boss said" is a nominal speaker, not United', () => {
    const sentence = 'The United boss said it was worse than Ruud van Nistelrooy\'s foul on Ashley Cole for which he got a three-game ban.';
    const [quote] = quotesOf(sentence);
    expect([quote!.speaker?.name, quote!.speaker?.entity]).toEqual(['The United boss', null]);
  });
  test('the speaker is the person the narrative is about, not one named inside the quotation', () => {
    const speakers = quotesOf(text).filter((q) => q.kind === 'direct').map((q) => q.speaker?.name);
    expect(speakers).toEqual(['Alex Ferguson', 'Alex Ferguson']);
  });
});

describe('a quotation introduced by an apposition and "told ...:", then more that lost their closing marks (BBC politics/196)', () => {
  const text = 'Mr Mandelson, a former Labour communications director, told BBC Radio 4\'s Today programme: '
    + '"I understand why the Tories will be gunning for Alastair Campbell because they fear his campaigning skills. '
    + '"What I understand less is why the BBC should be joining with the Tories in driving that agenda."';
  test('both are Mandelson\'s, under the cue that introduced them, and no reported speech is made of the introduction', () => {
    const quotes = quotesOf(text);
    expect(quotes.map((q) => [q.kind, q.cue, q.speaker?.name])).toEqual([
      ['direct', 'told', 'Mandelson'],
      ['direct', 'told', 'Mandelson'],
    ]);
  });
});
