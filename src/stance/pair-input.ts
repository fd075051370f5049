// What the pair encoder reads of a pair of names: the words and POS tags of the sentence that
// holds them, with the two names' token ranges. Training (scripts/export-stance-pairs.js) and
// inference (pair-encoder.ts) both build it here, so the two cannot drift apart.
import type { Doc } from '../doc/doc.js';
import type { Pair } from './stance-model.js';

export interface PairInput {
  /** Lower-cased forms, as the word vectors are keyed. */
  words: string[];
  tags: string[];
  /** The names' token ranges inside `words` (inclusive), a before b. */
  a: [number, number];
  b: [number, number];
}

/** The POS tags the encoder knows; any other reads as X. */
export const TAGS = ['ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X', 'SPACE'] as const;

/** What the encoders read of tokens from..to: their lower-cased forms and POS tags. */
export function wordsAndTags(doc: Doc, from: number, to: number): { words: string[]; tags: string[] } {
  const words: string[] = [];
  const tags: string[] = [];
  for (let t = from; t <= to; t += 1) {
    words.push(doc.tokens[t]!.lower);
    tags.push(doc.tokens[t]!.pos);
  }
  return { words, tags };
}

/** The sentence of a through the sentence of b (one sentence, unless the text glued two). */
export function pairInput(doc: Doc, pair: Pair): PairInput {
  const { tokens, sentences } = doc;
  const from = sentences[tokens[pair.aFirst]!.sentence]!.firstToken;
  const to = sentences[tokens[pair.bLast]!.sentence]!.lastToken;
  return { ...wordsAndTags(doc, from, to), a: [pair.aFirst - from, pair.aLast - from], b: [pair.bFirst - from, pair.bLast - from] };
}
