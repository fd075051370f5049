// The stance lexicons, each read once for the model and the rules: the cue verbs
// (src/lexicons/stance-verbs.json), the patterns' words (src/lexicons/stance-patterns.json) and the
// words of negation.
import { readFileSync } from 'node:fs';
import { inflect } from '../knowledge/inflect.js';

export type Polarity = 'positive' | 'negative';
export type ByPolarity = Record<Polarity, string[]>;

const readLexicon = (name: string): unknown => JSON.parse(readFileSync(new URL(`../lexicons/${name}`, import.meta.url), 'utf8'));

/** Verbs inflected ("accuse" -> "accuses", "accused" ...), each with its polarity. */
function polarityOfForms(byPolarity: ByPolarity): Map<string, Polarity> {
  return new Map([
    ...byPolarity.negative.flatMap(inflect).map((f) => [f, 'negative'] as const),
    ...byPolarity.positive.flatMap(inflect).map((f) => [f, 'positive'] as const),
  ]);
}

/** Inflected cue words with their polarity: "accuses" -> negative. */
export const CUE_POLARITY: ReadonlyMap<string, Polarity> = polarityOfForms(readLexicon('stance-verbs.json') as ByPolarity);

/** The words of src/lexicons/stance-patterns.json (its _comment says what each list is for). */
export const STANCE_PATTERNS = readLexicon('stance-patterns.json') as {
  allyNouns: string[]; withPhrases: ByPolarity; phrasalStanceVerbs: ByPolarity; stanceNouns: ByPolarity; stanceNounPrepositions: string[];
  firstPersonWithVerbs: ByPolarity; evaluationVerbs: ByPolarity;
  demandVerbs: string[]; departureVerbs: string[]; placePrepositions: string[]; endingWords: string[]; feelingWords: string[]; privatePersons: string[]; stateNouns: string[]; peopleNouns: string[]; outsiderNouns: string[];
};

/** Inflected verbs of a polarity list -> +1 or -1. */
export function signsOf(byPolarity: ByPolarity): Map<string, number> {
  return new Map([...polarityOfForms(byPolarity)].map(([form, polarity]) => [form, polarity === 'positive' ? 1 : -1]));
}

export const NEGATIONS: ReadonlySet<string> = new Set(['not', "n't", 'n’t', 'never', 'no']);

/** Pronouns that may hold a verb in place of the name before them ("you can't trust Labor" is anyone, so not "you"). */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'he', 'she', 'they']);
