import { describe, expect, test } from '@jest/globals';
import { analyzeText } from '../../dist/index.js';
import { stageContext } from '../../dist/analyze.js';
import { buildDoc } from '../../dist/doc/build-doc.js';
import { defaultStages, runStages } from '../../dist/stages/index.js';
import { SHIPPED_GATES, type StanceGates } from '../../dist/stages/find-stances.js';
import { shippedPairEncoder } from '../../dist/stance/pair-encoder.js';
import { shippedStanceModel } from '../../dist/stance/stance-model.js';
import { toAnalysis } from '../../dist/to-analysis.js';

const names = (text: string) => {
  const a = analyzeText(text);
  const nameOf = new Map(a.entities!.map((e) => [e.id, e.name]));
  return a.stances!.map((s) => `${nameOf.get(s.holder)} ${s.label} ${nameOf.get(s.target)} (${s.cue})`);
};

/** The edges of a text read with other rules than the shipped ones. */
const namesWith = (text: string, gates: StanceGates) => {
  const context = { ...stageContext(), targets: [], stancePairs: { models: { linear: shippedStanceModel(), encoder: shippedPairEncoder() }, gates } };
  const a = toAnalysis(runStages(buildDoc(text), defaultStages, context), { id: 'text', parts: new Set(['entities', 'stances'] as const), elapsedMs: 0 });
  const nameOf = new Map(a.entities!.map((e) => [e.id, e.name]));
  return a.stances!.map((s) => `${nameOf.get(s.holder)} ${s.label} ${nameOf.get(s.target)} (${s.cue})`);
};

describe('stances from a cue verb between two entities', () => {
  test.each([
    ['But the U.S. accuses Russian Federation of bombing moderate rebels.', 'United States negative Russia (accuses)'],
    ['Nicola Sturgeon accused Mr McLetchie of failing to properly serve his constituents.', 'Nicola Sturgeon negative McLetchie (accused)'],
    ['Tony Blair praised Gordon Brown for his budget.', 'Tony Blair positive Gordon Brown (praised)'],
  ])('%s', (sentence, edge) => {
    expect(names(sentence)).toEqual([edge]);
  });

  // Sentences of BBC politics articles the model reads since it knows the verb right before the target.
  test.each([
    ["The Tories criticised the Lib Dem stance, saying Mr Oaten had initially said he accepted Mr Blunkett's word unless further evidence emerged.", 'Conservatives negative Liberal Democrats (criticised)'],
    ['But Chief Secretary to the Treasury Paul Boateng attacked the Tory plans.', 'Paul Boateng negative Conservatives (attacked)'],
    ["Meanwhile Lib Dem leader Charles Kennedy is expected to attack Mr Blair's words as he begins a nationwide tour on Monday.", 'Charles Kennedy negative Blair (attack)'],
  ])('BBC: %s', (sentence, edge) => {
    expect(names(sentence)).toEqual([edge]);
  });

  // BBC sport/330 and politics/102: verbs of attack and praise added to the lexicon (docs/hand-check-stance-verbs.md).
  test.each([
    ['England coach Andy Robinson lambasted referee Jonathan Kaplan for costing them the game after disallowing tries from Mark Cueto and Josh Lewsey.', 'Andy Robinson negative Jonathan Kaplan (lambasted)'],
    ['At the end of his Middle East trip, Mr Blair said he still admired Mr Blunkett and thought his integrity was intact.', 'Blair positive Blunkett (admired)'],
  ])('BBC, added verb: %s', (sentence, edge) => {
    expect(names(sentence)).toEqual([edge]);
  });

  // BBC sport/059: "champion" is a noun in news, so it was left out of the lexicon.
  test('"defending champion" is no stance (BBC)', () => {
    expect(names("In the women's race, Jeanette Kwayke was hoping to run against defending champion Joice Maduaka.")).toEqual([]);
  });

  test.each([
    ['Kerry calls for common ground with Russia on Syria, Ukraine', 'John Kerry positive Russia (common ground with)', 'US Secretary of State John Kerry flew in to Moscow today. '],
    ['Russian Federation has been bombing moderate rebels to shore up its ally President Assad.', 'Russia positive Assad (ally)', ''],
    ['The USA and many of its allies insist that Assad go.', 'United States negative Assad (insist that Assad go)', ''],
  ])('patterns: %s', (sentence, edge, context) => {
    expect(names(context + sentence)).toContain(edge);
  });

  // Each pattern of issue #6 with a real sentence: nouns, passive participles, "with" phrases (BBC,
  // DSE train, NewsMTSC train).
  test.each([
    ['Andrew Sullivan praised Bush\'s criticism of Palin and McCain.', 'Bush negative Palin (criticism of)'],
    ["Edu added that he had been encouraged by Wenger's support for him.", 'Wenger positive Edu (support for)'],
    ['The United States, backed by Britain and France, has said it is ready to act with or without support from the United Nations, where the Security Council was to vote as early as Tuesday on rival US and Russian proposals to probe chemical attacks in Syria.', 'United Kingdom positive United States (backed by)'],
    ['In February, Spears clashed with Us Weekly for publishing pictures of her honeymoon in Fiji without permission.', 'Spears negative Us Weekly (clashed with)'],
  ])('pattern: %s', (sentence, edge) => {
    expect(names(sentence)).toContain(edge);
  });

  test('names joined by "and" share the role of the one the model read (DSE train)', () => {
    const text = 'Thursday Birmingham accused Shorten and Labor, along with the some states and school sectors, of fighting to hold on to special deals on schools';
    expect(names(text)).toEqual(['Birmingham negative Shorten (accused)', 'Birmingham negative Labor (accused)']);
  });

  // BBC tech/383, business/189, entertainment/141: a deal, a contract or a partner in life is no
  // stance (docs/hand-check-stance-patterns-deals.md: 1 right edge of the 21 these patterns drew).
  test.each([
    ['Nokia and Microsoft have agreed a deal to work on delivery of music to handsets, while Sony Ericsson has unveiled its phone Walkman and Motorola is working on an iTunes phone.'],
    ['Earlier this week, Fiat reached an agreement with GM to dissolve an alliance which could have obliged GM to buy the Italian firm outright.'],
    ["On Sunday night, the Osbournes had been celebrating the birthday of singer Sir Elton John's partner David Furnish."],
    ['Nokia and Microsoft did not agree on a deal.'],
    ["Chelsea's Damien Duff has been ruled out of Wednesday's Champions League clash with Barcelona at the Nou Camp."],
    ['The race between GM and DaimlerChrysler to ally with Fiat ended in 2000.'],
  ])('no pattern edge: %s', (sentence) => {
    expect(names(sentence)).toEqual([]);
  });

  // A direct quotation by X that praises or attacks Y (BBC sport and politics).
  test.each([
    ['Smith already has the backing of many pundits and fans, including former Scotland manager Craig Brown. Brown said: "Walter is an outstanding candidate without doubt."', 'Craig Brown positive Walter'],
    ['Conservative co-chairman Liam Fox said: "The reality is, the Lib Dems lack the courage to tackle waste and bureaucracy."', 'Liam Fox negative Liberal Democrats'],
    ['Chancellor Gordon Brown said: "I congratulate Paul on his new appointment."', 'Gordon Brown positive Paul'],
  ])('speaker: %s', (text, edge) => {
    expect(names(text).map((e) => e.replace(/ \(.*\)$/, ''))).toContain(edge);
  });

  // Quotations that name someone without the speaker judging them (BBC sport/168, sport/099, politics/068,
  // tech/300): a supposition, a passive (someone else's view), how the name feels.
  test.each([
    ['Agent Gilmar Rinaldi told the BBC: "If Chelsea are interested then they must make an offer."', 'Gilmar Rinaldi'],
    ['Scotland boss Walter Smith added: "England were criticised for the 0-0 draw against Holland."', 'Walter Smith'],
    ['Peter Saunders of the Christian Medical Fellowship said: "CMF is concerned that patients will make unwise and hasty advance decisions."', 'Peter Saunders'],
    ['Analyst Nick Ross said: "Apple has been hoping that sales of the iPod will have a halo effect on the sales of the Mac."', 'Nick Ross'],
  ])('no speaker edge: %s', (text, speaker) => {
    expect(names(text).filter((edge) => edge.startsWith(speaker))).toEqual([]);
  });

  test('a quotation that only mentions someone is no stance toward them', () => {
    expect(names('"We will meet Russia next week to talk about Syria," said Kerry.')).toEqual([]);
  });

  test('entities that merely co-occur have no edge', () => {
    expect(names('Lavrov and Kerry will discuss the situation in Syria and Ukraine.')).toEqual([]);
  });

  // Stance verbs of several words, from BBC (sport/301, politics/189, sport/432's headline, sport/220):
  // the holder is the name nearest before the verb, not the team in his title; a party before a
  // person is the person's party; a role may stand before the target's name.
  test.each([
    ["Ireland coach Eddie O'Sullivan heaped praise on Italy after seeing his side stutter to a 28-17 victory in Rome.", ["Eddie O'Sullivan positive Italy (heaped praise on)"]],
    ["Mr Blair also paid tribute to Democrat John Kerry's campaign, saying he had helped make the presidential election \"a true celebration of American democracy\".", ['Blair positive John Kerry (paid tribute to)']],
    ['Davenport hits out at Wimbledon', ['Davenport negative Wimbledon (hits out at)']],
    ['Charlton manager Alan Curbishley paid tribute to two-goal striker Jonatan Johansson after beating Norwich.', ['Alan Curbishley positive Jonatan Johansson (paid tribute to)']],
  ])('a stance verb of several words: %s', (sentence, edges) => {
    expect(names(sentence)).toEqual(edges);
  });

  // BBC politics sentences that read as stances before a stance without a cue word needed more confidence.
  test.each([
    ["During an interview with BBC Radio 4's Today programme, Mr Balls said he was sure Mr Brown's Budget would not put at risk the stability of the economy."],
    ['But Labour campaign chiefs say there are no plans for Mr Blair to hold a daily news conference.'],
    ['On Monday Tony Blair insisted closer co-operation did not mean losing control of British borders.'],
  ])('no stance word, no edge: %s', (sentence) => {
    expect(names(sentence)).toEqual([]);
  });

  test('a people\'s name before a word of the state speaks for its country (the seed: "the Russian foreign ministry attacked")', () => {
    const text = 'Kerry flew in to Moscow to meet Russia\'s foreign minister. '
      + 'Ahead of the talks, the Russian foreign ministry attacked U.S. policy in Syria, accusing Washington of dividing terrorists.';
    expect(names(text)).toContain('Russia negative United States (attacked)');
  });
  test('the object of one verb is not the holder of the next one joined by "and" (the seed)', () => {
    const text = 'Free Syrian Army (FSA) fighters in Western Syria, however, denied that they were receiving any such support, which perhaps is not '
      + 'surprising as some of the FSA factions in the west are allied with al-Qaeda and fighting against the Assad government.';
    expect(names(text).filter((edge) => edge.startsWith('al-Qaeda'))).toEqual([]);
  });
  test('"Syrian rebels" are Syrians, not Syria', () => {
    const text = 'Syria has been at war for years. Syrian rebels accused Russia of bombing hospitals.';
    expect(names(text).filter((edge) => edge.startsWith('Syria '))).toEqual([]);
  });

  // BBC sentences (entertainment/006, 372; politics/080, 252, 192, 055; business/478 had their like) whose
  // model edges named the wrong holder or target: a holder inside a prepositional phrase, a target
  // that is only where it happened, "supporting" as an adjective, "talks with", an ended partnership.
  test.each([
    ['Dame Judi Dench was best supporting actress for the RSC\'s All\'s Well That Ends Well.', 'Judi Dench'],
    ['And Jamie Foxx, who had two nominations this year, paid tribute to the "beautiful legacy" of soul legend Ray Charles, who died last year, and thanked director Taylor Hackford.', 'Ray Charles'],
    ['The National Audit Office praised ministers for reaching the benchmark of 750,000 adults in England gaining basic qualifications by this year.', 'National Audit Office'],
    ['Former welfare minister Frank Field MP criticised the reported rivalry between the pair on GMTV\'s Sunday Programme.', 'Frank Field'],
    ['Within hours of his final talks with Mr Thorpe, Sir Edward Heath told the nation he was resigning.', 'Edward Heath'],
    ['Roddick ended his 18-month partnership with Brad Gilbert on Monday.', 'Roddick'],
    ['Ms Clarkson\'s legal action, filed in Los Angeles Superior Court, also accuses Mr Spector of negligence and battery.', 'Los Angeles Superior Court'],
  ])('no edge from the wrong reading: %s', (sentence, holder) => {
    expect(names(sentence).filter((edge) => edge.startsWith(holder))).toEqual([]);
  });

  // ... and BBC sentences whose edges those rules must keep: a preposition inside a title, one that
  // opens the sentence, a with-phrase that is not over.
  test.each([
    ['Labour\'s deputy minister for women Jacqui Smith accused the Lib Dems of offering "false promises" to women.', 'Jacqui Smith negative Liberal Democrats (accused)'],
    ['Sir Elton has also teamed up with Phil Collins to record a version of Eric Clapton\'s 1991 hit Tears In Heaven to raise money for the relief fund.', 'Elton positive Phil Collins (teamed up with)'],
  ])('the edge stays: %s', (sentence, edge) => {
    expect(names(sentence)).toContain(edge);
  });

  test('a place where something happens stands between no two names (DSE dev)', () => {
    const text = 'Mr. Sanders has started running commercials in New York criticizing Mrs. Clinton for accepting speaking fees from Wall Street banks.';
    expect(names(text)).toEqual(['Sanders negative Clinton (criticizing)']);
  });

  test('a name in a person\'s title is part of the title: the person holds the stance (DSE dev)', () => {
    const text = 'When he was hired, Toig was praised by Tidal owner Jay Z for being a leader at the intersection of consumer technology and entertainment.';
    expect(names(text)).toEqual(['Jay Z positive Toig (praised)']);
  });

  // BBC politics/119, 128, 231: a name in an aside after the subject is not the holder; a person the
  // aside names after an organisation is.
  test.each([
    ['Trevor Phillips, chair of the Commission for Racial Equality, praised Lord Scarman\'s "ability to listen".', 'Trevor Phillips positive Scarman (praised)'],
    ['Vincent Cable, for the Liberal Democrats, accused Mr Brown of ducking tough choices.', 'Vincent Cable negative Brown (accused)'],
    ['But director of the Victims of Crime Trust, Norman Brennan, accused Lord Woolf of having an "arrogant contempt for victims of crime".', 'Norman Brennan negative Woolf (accused)'],
  ])('an aside: %s', (sentence, edge) => {
    expect(names(sentence)).toEqual([edge]);
  });

  // BBC sport/178, business/366: a denied cue is no stance.
  test.each([
    ['Cole refuses to blame van Persie', []],
    ['Last month Australia\'s competition watchdog said it would not oppose the purchase of WMC by Zurich and London-based Xstrata.', []],
  ])('a denied cue: %s', (sentence, edges) => {
    expect(names(sentence)).toEqual(edges);
  });

  // The linear model's readings in [0.65, 0.7) are left out, right or wrong: of the 22 BBC edges
  // judged in that band (scripts/stance-judged.js over docs/hand-check-stances*.md), 8 were
  // right. Two right ones lost (politics/021, business/241) and two wrong ones gone (politics/040, business/132).
  test.each([
    ["Tony Blair has backed Chancellor Gordon Brown's pre-Budget report amid opposition claims he was too bullish about the state of the UK economy."],
    ["But the US says it cannot support Mr Brown's International Finance Facility to boost aid to developing countries."],
    ["Jack Straw has attacked the decision by Britain's highest court that detaining foreign terrorist suspects without trial breaks human rights laws."],
    ['Belgian brewing giant Inbev has seen its profits soar thanks to its acquisition of Brazil\'s biggest beer firm Ambev last year.'],
  ])('a linear reading under 0.7: %s', (sentence) => {
    expect(names(sentence)).toEqual([]);
  });

  // BBC tech/037, politics/094: a place that says where someone is from does not hold their stance.
  test.each([
    ['A US woman is suing Hewlett Packard (HP), saying its printer ink cartridges are secretly programmed to expire on a certain date.', 'United States'],
    ['A Highland councillor who was at the event has also defended Mr McConnell.', 'Highland'],
  ])('a place before a person: %s', (sentence, place) => {
    expect(names(sentence).filter((edge) => edge.startsWith(place))).toEqual([]);
  });

  // BBC entertainment/245, entertainment/352 (docs/hand-check-stance-modifiers.md): a place or
  // nationality before a common noun only modifies it; before its people it is a side.
  test.each([
    ['Mogul Wilson backing UK rap band', 'United Kingdom'],
    ['The Baftas has a tradition of honouring British cinema, and this year Vera Drake is the obvious candidate to be heaped with praise.', 'British'],
    // The one right edge (borderline) of the 20 the rule removes on BBC: schools are no people.
    ['On Monday school inspection chief David Bell, accused some Islamic schools of failing to teach pupils about their obligations to British society.', 'Islamic'],
  ])('a place that modifies a noun is no side: %s', (sentence, place) => {
    expect(names(sentence).filter((edge) => edge.includes(place))).toEqual([]);
  });
  test('a nationality before its people is a side', () => {
    expect(names('South African president Thabo Mbeki has attacked British imperialists, saying they treated Africans like savages.'))
      .toContain('Thabo Mbeki negative British (attacked)');
  });

  // BBC sport/207, sport/137, business/336: a denial is a stance only over somebody's claims.
  test.each([
    ['Arnesen denies rift with Santini'],
    ["Arsenal's Patrick Vieira had earlier denied accusations that he threatened Gary Neville before the 4-2 defeat."],
  ])('a denial of a rift or a deed is no stance: %s', (sentence) => {
    expect(names(sentence)).toEqual([]);
  });
  test('denying their claims stands against them', () => {
    expect(names("Merrill Lynch denied Ms Villalba's claims and said she was removed from her post because of the extensive losses the firm was suffering on the continent."))
      .toEqual(['Merrill Lynch negative Villalba (denied)']);
  });

  // BBC sport/157, sport/259: a defeat in a match report is a result, not a stance.
  test.each([
    ['Arsenal manager Arsene Wenger claimed their display in the 3-1 defeat against Bayern Munich was "our worst peformance in the Champions League".'],
    ['Benitez admitted it was a costly loss of two points by Liverpool, who followed up their derby defeat against Everton with a disappointing draw.'],
  ])('a cue word used as a noun: %s', (sentence) => {
    expect(names(sentence)).toEqual([]);
  });

  // BBC sport/340, sport/253, business/161: the name before a passive cue is its object, so it holds
  // no stance toward the name after ("for France's tactics", "for kicking Gregory Vignal").
  test.each([
    ["Laporte has been criticised for France's negative tactics in their wins over Scotland and England."],
    ['Camara was punished for kicking Gregory Vignal.'],
  ])('the subject of a passive cue holds nothing: %s', (sentence) => {
    expect(names(sentence)).toEqual([]);
  });

  // BBC tech/255: read both as hope (the linear model) and as harm (the encoder), the pair is left
  // out rather than drawn twice. As shipped the encoder doubts the hope, so only the harm is read.
  test('one sentence gives a pair one polarity or none', () => {
    const sentence = "By targeting servers, the MPAA hopes to cripple BitTorrent's ability to share files.";
    expect(namesWith(sentence, { ...SHIPPED_GATES, linearAgreement: 0 })).toEqual([]);
    expect(names(sentence)).toEqual(['MPAA negative BitTorrent (hopes)']);
  });

  // BBC entertainment/131 (a reader's letter) and politics/399: a with-phrase belongs to the subject
  // pronoun before it, not to the name before that; in a quote, "I" is its speaker.
  test('a subject pronoun between a name and "disagree with" holds it', () => {
    expect(names('Though I really like Franz Ferdinand, I have to disagree with Mr Kapranos.')).toEqual([]);
    expect(names('Liberal Democrat chairman Matthew Taylor said: "Whilst I disagree with Howard Flight\'s views, it seems extraordinary to sack somebody for telling the truth."'))
      .toEqual(['Matthew Taylor negative Howard Flight (said)']);
  });

  // BBC politics/290 and 276 (the seventh fresh sample): the holder's clause ends at a semicolon,
  // and a place after "over" is what the stance is about, not its target.
  test.each([
    ['Mr Forsyth has forgotten one key point; the terrorists who threaten Britain today are well aware that Hitler, Stalin, and the IRA all failed.'],
    ['Duncan Bannatyne also attacked the government over Iraq and its "poor" response to the Asian tsunami crisis.'],
  ])('no edge across a semicolon, nor to a place after "over": %s', (sentence) => {
    expect(namesWith(sentence, { ...SHIPPED_GATES, holderClause: false, targetNotPlace: false })).not.toEqual([]);
    expect(names(sentence)).toEqual([]);
  });

  // PolNeAR (docs/hand-check-stances-polnear.md) and BBC: who holds a stance near a preposition, a
  // title or an outsider noun.
  test.each([
    ['She said she asked the question “to build on Dr. West’s comments,” in regards to a previous question posed by Dr. Cornel West, a Sanders supporter who has vociferously criticized Clinton.', 'Sanders'],
    ['Former Breitbart reporter Michelle Fields accused Donald Trump campaign manager Corey Lewandowski of grabbing her at a press conference in Florida last week.', 'Donald Trump'],
    ['Yet Rooney is seen only as the worst example of many England miscreants, with Gary Neville criticised for continuing the feud between Manchester United and Arsenal for his tackles on Jose Reyes.', 'Gary Neville'],
    ['Trevor Phillips, chairman of the Commission for Racial Equality, called on Mr Clarke to denounce the suggestion Britain\'s hospitality was being tested by immigration.', 'Clarke'],
  ])('no side where a name only qualifies another or follows a preposition: %s', (sentence, name) => {
    expect(names(sentence).filter((edge) => edge.startsWith(`${name} `) || edge.includes(` ${name} (`) || edge.includes(`${name} (`))).toEqual([]);
  });
  // PolNeAR and BBC politics/268: a subject pronoun between a name and the verb is the verb's
  // holder, unless the name's own words of saying lead to it.
  test.each([
    ["Brett H. McGurk, President Obama's special envoy to the global coalition fighting the Islamic State, tweeted that he welcomed Twitter's action."],
    ["Mr Milburn gave more details of planned reforms in a speech to Labour's Fabian Society, in which he also praised Mr Brown as one of the leaders of the party's reform process."],
  ])('a subject pronoun holds the verb after it: %s', (sentence) => {
    expect(namesWith(sentence, { ...SHIPPED_GATES, pronounSubject: false })).not.toEqual([]);
    expect(names(sentence)).toEqual([]);
  });
  test('"X also said he supports Y" is X\'s stance', () => {
    expect(names("Cuban also said he supports President Barack Obama's signature achievement, the Affordable Care Act.")).toEqual(['Cuban positive Barack Obama (supports)']);
  });
  // PolNeAR: after the cue's object, a name in the reason ("for ...") is not the target.
  test.each([
    ["Pence blames media for Trump's 'Obama founded ISIS' flap."],
    ['Republican presidential nominee Donald Trump has blasted the media for allowing Clinton to go so long without a press conference.'],
  ])('a name in the reason after "for" is no target: %s', (sentence) => {
    expect(namesWith(sentence, { ...SHIPPED_GATES, reasonNotTarget: false })).not.toEqual([]);
    expect(names(sentence)).toEqual([]);
  });
  test('a name right after "for" is still the target of what is done for it', () => {
    expect(names('And Hillary Clinton will protect funding for Planned Parenthood and protect a woman’s right to choose.')).toEqual(['Hillary Clinton positive Planned Parenthood (protect)']);
  });
  // BBC business/106 and sport/445: who a rejected claim is about is defended, not opposed; the
  // maker of the claims is opposed (PolNeAR train).
  test.each([
    ['Serena Williams has angrily rejected claims that she and sister Venus are a declining force in tennis.'],
    ['Mr Balls rejected the allegation that Mr Brown had been sidelined in the election campaign, saying he was playing a "different" role to the one he played in the last two elections.'],
  ])('no edge to whom a rejected claim is about: %s', (sentence) => {
    expect(namesWith(sentence, { ...SHIPPED_GATES, claimSubjectNotTarget: false })).not.toEqual([]);
    expect(names(sentence)).toEqual([]);
  });
  test('rejecting the claims of someone is a stance against them', () => {
    expect(names('Democratic National Committee Chair Debbie Wasserman Schultz dismissed Bernie Sanders’ accusations that the Clinton campaign is violating federal election law.'))
      .toEqual(['Debbie Wasserman Schultz negative Bernie Sanders (dismissed)']);
  });

  // PolNeAR train 0752: "his endorsement of Y" is the person "his" was resolved to, not the
  // sentence's first name ("Former Texas Gov.").
  test('a resolved possessive holds the stance noun after it', () => {
    expect(names('Former Texas Gov. Rick Perry announced his endorsement of Sen. Ted Cruz for president on Sunday.')).toEqual(['Rick Perry positive Ted Cruz (endorsement of)']);
  });

  // BBC sport/323: a defeat is a result, no stance.
  test('"the defeats against Wales and France" is no stance', () => {
    expect(names('England were sloppy and leaderless in the defeats against Wales and France and another loss would be unthinkable.')).toEqual([]);
  });

  // PolNeAR dev (docs/hand-check-stances-unseen-news.md, 15): an avoided stance is not taken.
  test('"avoids condemning" is no condemnation', () => {
    expect(names('Trump avoids condemning Russia’s invasion of Ukraine, including its annexation of Crimea.')).toEqual([]);
  });

  test('a name after "with" holds the -ing verb right after it', () => {
    expect(names('Labour hit back at the Tory proposals even before their publication with election coordinator Alan Milburn accusing Mr Howard of producing a "fraudulent prospectus".'))
      .toContain('Alan Milburn negative Howard (accusing)');
  });

  // BBC tech/300, sport/177, politics/293: an organisation's fans, users or supporters are not the
  // organisation (outsidersNotSide); its officials are.
  test.each([
    ['The Mac mini has been welcomed by Apple fans, industry experts and PC users.'],
    ['Thompson reacted sharply to some Liverpool supporters, who criticised Gerrard\'s performance in the Carling Cup final against Chelsea.'],
    ["LG Card's creditors have threatened parent group LG Group with penalties if it fails to respond to their demands."],
  ])('a name before its fans or supporters is neither side: %s', (sentence) => {
    expect(namesWith(sentence, { ...SHIPPED_GATES, outsidersNotSide: false })).not.toEqual([]);
    expect(names(sentence)).toEqual([]);
  });
  test('a name before its officials holds their stance', () => {
    expect(names('UKIP officials also argue Mr Kilroy-Silk has not been "straightforward" in attacking the party he once wanted to lead.')).toEqual(['UK Independence Party negative Kilroy-Silk (argue)']);
  });

  // BBC match reports the linear model read as stances, where the encoder gives the polarity under
  // linearAgreement (docs/hand-check-stance-agreement.md); and one it keeps.
  test.each([
    ['Rangers had rarely threatened until Celtic goalkeeper Rab Douglas let defender Vignal\'s 25-yard drive slip through his grasp and into the net.'],
    ['He gobbled up Cueto from another Hodgson cross-field kick, then regained his feet to stop Lewsey from scoring a certain try.'],
  ])('a linear reading the encoder doubts is dropped: %s', (sentence) => {
    expect(namesWith(sentence, { ...SHIPPED_GATES, linearAgreement: 0 })).not.toEqual([]);
    expect(names(sentence)).toEqual([]);
  });

  test('a passive cue reverses the roles (issue #6)', () => {
    expect(names('Russia was accused by the United States of bombing rebels.')).toEqual(['United States negative Russia (accused)']);
  });
});

describe('targets', () => {
  const text = 'Islamic State fighters killed dozens of civilians in a brutal attack. Assad praised the army.';
  test('a --target string reaches every mention of its entity and gets a tone', () => {
    const [target] = analyzeText(text, {}, { targets: ['Islamic State'] }).targets;
    expect(target).toMatchObject({ query: 'Islamic State', label: 'negative' });
    expect(target!.mentions).toEqual([[0, 13]]);
    expect(target!.score).toBeLessThan(0);
  });

  test('a span target from JSONL is scored on its own sentence', () => {
    const start = text.indexOf('Assad');
    const [target] = analyzeText(text, { targets: [{ start, end: start + 5 }] }).targets;
    expect(target).toMatchObject({ query: 'Assad', label: 'positive', mentions: [[start, start + 5]] });
  });

  test('a target that is not in the text is neutral with no mentions', () => {
    const [target] = analyzeText(text, {}, { targets: ['Kerry'] }).targets;
    expect(target).toMatchObject({ query: 'Kerry', entity: null, label: 'neutral', mentions: [] });
  });
});

describe('scoring without feature names', () => {
  test('the stance model scores a pair through a ScoreSink exactly as through its named features', async () => {
    const { buildDoc } = await import('../../dist/doc/build-doc.js');
    const { emitStanceFeatures, shippedStanceModel, stanceFeatures } = await import('../../dist/stance/stance-model.js');
    const { probabilities } = await import('../../dist/ml/linear-model.js');
    const { ScoreSink } = await import('../../dist/ml/feature-sink.js');
    const doc = buildDoc('The Russian foreign ministry on Saturday attacked U.S. policy in Syria, while the U.S. was accused by Moscow of backing rebels.');
    const at = (word: string, from = 0) => doc.tokens.findIndex((t, i) => i >= from && t.text === word);
    const model = shippedStanceModel();
    const pairs = [
      { aFirst: at('Russian'), aLast: at('Russian'), bFirst: at('U.S.'), bLast: at('U.S.') },
      { aFirst: at('U.S.', at('while')), aLast: at('U.S.', at('while')), bFirst: at('Moscow'), bLast: at('Moscow') },
    ];
    for (const pair of pairs) {
      expect(Math.min(pair.aFirst, pair.bFirst)).toBeGreaterThanOrEqual(0);
      const named = probabilities(model, stanceFeatures(doc, pair));
      const sink = new ScoreSink(model, new Set());
      emitStanceFeatures(doc, pair, sink);
      const scored = sink.probabilities();
      expect(stanceFeatures(doc, pair).length).toBeGreaterThan(8);
      named.forEach((p, l) => expect(scored[l]).toBeCloseTo(p, 6));
    }
  });
});
