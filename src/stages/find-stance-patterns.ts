// Directed stances from a few patterns the model reads poorly (src/lexicons/stance-patterns.json):
// "X's ally Y" and "shore up its ally Y" (X -> Y positive), "X calls for common ground with Y"
// (X -> Y positive), "X clashed with Y" (negative), "X paid tribute to Y" and "X hit out at Y",
// "X's criticism of Y" (by the noun), "Y, backed by X" (by the verb), "X insist that Y go" (X -> Y
// negative). Precise and few, like the model's; a deal is no stance ("X and Y agreed" is no pattern).
import type { Doc, EntityCluster, StanceAnnotation } from '../doc/doc.js';
import { inflect } from '../knowledge/inflect.js';
import { CUE_POLARITY, NEGATIONS, STANCE_PATTERNS as lexicon, SUBJECT_PRONOUNS, type Polarity } from '../stance/lexicons.js';

const ALLY = new Set(lexicon.allyNouns);
const POLARITIES: Polarity[] = ['positive', 'negative'];
/** The "with" phrases and the stance verbs of several words ("paid tribute to"), by their first word, so most tokens cost one lookup. */
const WITH = new Map<string, { words: string[]; polarity: Polarity; verb: boolean }[]>();
for (const polarity of POLARITIES) {
  for (const [phrases, verb] of [[lexicon.withPhrases[polarity], false], [lexicon.phrasalStanceVerbs[polarity], true]] as const) {
    for (const phrase of phrases) {
      const words = phrase.split(' ');
      WITH.set(words[0]!, [...(WITH.get(words[0]!) ?? []), { words, polarity, verb }]);
    }
  }
}
const STANCE_NOUN = new Map<string, Polarity>(POLARITIES.flatMap((polarity) => lexicon.stanceNouns[polarity].map((noun) => [noun, polarity] as const)));
const NOUN_PREPOSITIONS = new Set(lexicon.stanceNounPrepositions);
const DEMAND = new Set(lexicon.demandVerbs.flatMap(inflect));
const DEPART = new Set(lexicon.departureVerbs.flatMap(inflect));
const NONE: { words: string[]; polarity: Polarity; verb: boolean }[] = [];
/** How far before its verb a holder found by nameBefore may be: "Edu has hit out at". */
const MAX_HOLDER_DISTANCE = 8;
const ENDING = new Set(lexicon.endingWords);
/** Words of a noun phrase before its head: "his 18-month", "a blazing". */
const PHRASE_POS = new Set(['DET', 'PRON', 'NUM', 'ADJ', 'NOUN']);
const POSSESSIVES = new Set(['its', 'his', 'her', 'their']);
const AGENTS = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
/** What may stand between a stance verb and its target's name: "the", "actor", "two-goal striker". */
const BEFORE_NAME = new Set(['DET', 'ADJ', 'NUM', 'NOUN']);
const MAX_BEFORE_TARGET = 4;

export function findStancePatterns(doc: Doc, entities: EntityCluster[], titles: ReadonlySet<string>): StanceAnnotation[] {
  const { tokens } = doc;
  /** Whether the noun phrase before token t is one that is over: "ended his 18-month partnership", "a former ally". */
  const endedBefore = (t: number, first: number) => {
    let k = t - 1;
    while (k >= first && k >= t - 6 && (PHRASE_POS.has(tokens[k]!.pos) || tokens[k]!.text === '-')) {
      if (ENDING.has(tokens[k]!.lower)) return true;
      k -= 1;
    }
    return k >= first && ENDING.has(tokens[k]!.lower);
  };
  // Every mention, pronouns included, by token: the target of "that he go" is a pronoun's person.
  // The entity of each token (-1: none) and of each token that starts a mention.
  const entityIndex = new Int32Array(tokens.length).fill(-1);
  const startIndex = new Int32Array(tokens.length).fill(-1);
  // The first token of the mention that ends at each token (-1: none).
  const firstOfEnding = new Int32Array(tokens.length).fill(-1);
  entities.forEach((e, i) => {
    if (!AGENTS.has(e.type)) return;
    for (const m of e.mentions) {
      // A name inside a nominal ("the Syrian president") stays its own entity's.
      if (m.kind === 'nominal') {
        for (let t = m.firstToken; t <= m.lastToken; t += 1) if (entityIndex[t] === -1) entityIndex[t] = i;
      } else entityIndex.fill(i, m.firstToken, m.lastToken + 1);
      startIndex[m.firstToken] = i;
      firstOfEnding[m.lastToken] = m.firstToken;
    }
  });
  const at = (index: Int32Array, t: number) => (index[t] !== undefined && index[t]! >= 0 ? index[t] : undefined);
  const entityAt = (t: number) => at(entityIndex, t);
  const startsAt = (t: number) => at(startIndex, t);
  /** "Though I really like Franz Ferdinand, I have to disagree with": a subject pronoun of no entity at k holds the verb after it, not the name before it. */
  const unknownSubject = (k: number) => SUBJECT_PRONOUNS.has(tokens[k]!.lower) && entityAt(k) === undefined;
  /** The entity of the name nearest before token t in its sentence, within MAX_HOLDER_DISTANCE. */
  const nameBefore = (t: number, first: number): number | undefined => {
    let holder: number | undefined;
    for (let k = t - 1; k >= first && t - k <= MAX_HOLDER_DISTANCE && holder === undefined; k -= 1) {
      if (unknownSubject(k)) return undefined;
      holder = entityAt(k);
    }
    return holder;
  };
  /** The sentence's subject as the holder of a phrase at t, unless a subject pronoun of no entity stands between them (as in nameBefore). */
  const subjectUnlessPronoun = (subject: number | undefined, t: number): number | undefined => {
    if (subject === undefined) return undefined;
    for (let k = t - 1; k >= 0 && entityAt(k) !== subject; k -= 1) if (unknownSubject(k)) return undefined;
    return subject;
  };
  const found: StanceAnnotation[] = [];
  for (const sentence of doc.sentences) {
    // The sentence's subject: its first named agent.
    let subject: number | undefined;
    for (let t = sentence.firstToken; t <= sentence.lastToken && subject === undefined; t += 1) subject = entityAt(t);
    const push = (holder: number | undefined, target: number | undefined, label: 'positive' | 'negative', cueFirst: number, cueLast: number) => {
      if (holder === undefined || target === undefined || holder === target) return;
      found.push({ holder, target, label, cue: { start: tokens[cueFirst]!.start, end: tokens[cueLast]!.end }, sentence: tokens[cueFirst]!.sentence, evidence: { start: sentence.start, end: sentence.end }, source: 'pattern', probability: null });
    };
    // The target: a name after "the" or a title; after a stance verb, also after a short noun phrase
    // that names its role ("paid tribute to actor Ossie Davis", "to two-goal striker Jonatan
    // Johansson"). The other patterns keep the narrower reach: widened, it drew more wrong edges
    // than right on BBC.
    const targetAfter = (t: number, afterVerb = false): number | undefined => {
      let k = t;
      if (afterVerb) {
        while (k <= sentence.lastToken && k - t < MAX_BEFORE_TARGET && startsAt(k) === undefined
          && (titles.has(tokens[k]!.text) || BEFORE_NAME.has(tokens[k]!.pos) || tokens[k]!.text === '-')) k += 1;
      } else {
        while (k <= sentence.lastToken && (titles.has(tokens[k]!.text) || tokens[k]!.pos === 'DET')) k += 1;
      }
      const first = startsAt(k);
      // "paid tribute to Democrat John Kerry's campaign": a people's name before a person's is the person's party.
      if (first !== undefined && entities[first]!.type === 'NORP') {
        const end = entities[first]!.mentions.find((m) => m.firstToken === k)?.lastToken;
        const next = end === undefined ? undefined : startsAt(end + 1);
        if (next !== undefined && entities[next]!.type === 'PERSON') return next;
      }
      return first;
    };
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      const token = tokens[t]!;
      // "X's ally Y", "its ally Y"
      if (ALLY.has(token.lower) && t > sentence.firstToken) {
        const before = tokens[t - 1]!;
        let holder: number | undefined;
        if (POSSESSIVES.has(before.lower)) holder = subject;
        else if ((before.text === '’s' || before.text === "'s") && t >= 2) holder = entityAt(t - 2);
        push(holder, targetAfter(t + 1), 'positive', t, t);
      }
      // "common ground with Y", "clashed with Y": the subject holds it; not "did not agree with Y",
      // and not when the verb qualifies a noun ("measures agreed with the US").
      // Nor one that is over ("ended his 18-month partnership with Y", "his former ally").
      // (Checked only for the few words that open a "with" phrase: it walks back over the phrase.)
      const phrases = WITH.get(token.lower) ?? NONE;
      const qualified = phrases !== NONE && ((token.pos === 'VERB' && (NEGATIONS.has(tokens[t - 1]?.lower ?? '') || tokens[t - 1]?.pos === 'NOUN'))
        || endedBefore(t, sentence.firstToken));
      for (const { words, polarity, verb } of qualified ? NONE : phrases) {
        if (!words.every((word, k) => tokens[t + k]?.lower === word)) continue;
        // A verb's holder is the nearest name before it ("Ireland coach Eddie O'Sullivan heaped
        // praise on Italy", "Mr Blair said Fox hit out at"); a with-phrase's, the sentence's subject.
        const holder = verb ? nameBefore(t, sentence.firstToken) : subjectUnlessPronoun(subject, t);
        push(holder, targetAfter(t + words.length, verb), polarity, t, t + words.length - 1);
      }
      // "X's criticism of Y", "its support for Y"
      const nounPolarity = STANCE_NOUN.get(token.lower);
      if (nounPolarity && t > sentence.firstToken && NOUN_PREPOSITIONS.has(tokens[t + 1]?.lower ?? '')) {
        const before = tokens[t - 1]!;
        let holder: number | undefined;
        // "after his praise of Robert E. Lee": a resolved possessive is its person's; else the subject's.
        if (POSSESSIVES.has(before.lower)) holder = entityAt(t - 1) ?? subject;
        else if ((before.text === '’s' || before.text === "'s") && t >= 2) holder = entityAt(t - 2);
        push(holder, targetAfter(t + 2), nounPolarity, t, t + 1);
      }
      // "Y, backed by X" and "rebels backed by X": a participle of a stance verb right after Y.
      const verbPolarity = CUE_POLARITY.get(token.lower);
      if (verbPolarity && token.lower.endsWith('ed') && tokens[t + 1]?.lower === 'by' && t > sentence.firstToken) {
        const end = tokens[t - 1]!.text === ',' ? t - 2 : t - 1;
        if (end >= sentence.firstToken && firstOfEnding[end]! >= 0) push(targetAfter(t + 2), entityAt(end), verbPolarity, t, t + 1);
      }
      // "X insist that Y go"
      if (DEMAND.has(token.lower) && tokens[t + 1]?.lower === 'that') {
        const target = startsAt(t + 2);
        const verb = tokens[t + 3];
        if (verb && DEPART.has(verb.lower)) push(nameBefore(t, sentence.firstToken), target, 'negative', t, t + 3);
      }
    }
  }
  return found;
}
