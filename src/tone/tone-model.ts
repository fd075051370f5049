// Target tone: how a sentence speaks of one target in it, positive, neutral or negative. A multiclass
// averaged perceptron over features that know where the target is: the words on each side by
// distance, AFINN-165 valence on each side (negated or not), the verb the target is subject or
// object of, quotation marks, the target's own words. Trained on NewsMTSC train by
// scripts/train-tone.js; shipped as src/models/tone-features.txt and tone-weights.bin.
import { readFileSync } from 'node:fs';
import type { Doc, Span } from '../doc/doc.js';
import { tokenAt } from '../doc/spans.js';
import { VALENCE } from '../knowledge/valence.js';
import { addWeights, loadShippedModel, type LinearModel } from '../ml/linear-model.js';
import { NameSink, ScoreSink, type FeatureSink } from '../ml/feature-sink.js';

export const TONE_LABELS = ['negative', 'neutral', 'positive'] as const;
export type ToneLabel = (typeof TONE_LABELS)[number];
const K = TONE_LABELS.length;

const NEGATORS = new Set(['not', "n't", 'n’t', 'no', 'never', 'without', 'nor', 'none', 'nobody', 'nothing']);

/** Distance buckets from the target, in tokens. */
const bucket = (d: number) => (d <= 1 ? 1 : d <= 3 ? 3 : d <= 8 ? 8 : 99);

/** Whether "not", "never" ... stands just before token t (one or two words back). */
function isNegated(doc: Doc, t: number): boolean {
  const { tokens } = doc;
  return (t > 0 && NEGATORS.has(tokens[t - 1]!.lower)) || (t > 1 && NEGATORS.has(tokens[t - 2]!.lower));
}

/** A word's signed valence, negated after "not", "never" ...; undefined for words without one. */
function valenceAt(doc: Doc, t: number): number | undefined {
  const valence = VALENCE.get(doc.tokens[t]!.lower);
  if (valence === undefined) return undefined;
  return isNegated(doc, t) ? -valence : valence;
}

/**
 * The features a word adds wherever it stands relative to the target. They are the same for every
 * target of a sentence, so the tagger sums them once per sentence (see toneToward).
 */
export function wordFeatures(doc: Doc, t: number): string[] {
  const token = doc.tokens[t]!;
  if (token.type !== 'word') return [];
  return wordFeatureNames(token.lower, valenceAt(doc, t));
}

function wordFeatureNames(lower: string, v: number | undefined): string[] {
  return v === undefined ? [`w=${lower}`] : [`w=${lower}`, `val=${v > 0 ? '+' : '-'}${Math.min(3, Math.abs(v))}`];
}

/** The features of one target span in its sentence: where-sensitive ones plus every other word's wordFeatures. */
export function toneFeatures(doc: Doc, target: Span): string[] {
  const features = positionalFeatures(doc, target);
  const { first, last, sentence } = locate(doc, target);
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) if (t < first || t > last) features.push(...wordFeatures(doc, t));
  return features;
}

/** The target's first and last token (the last at least the first) and the sentence of the first. */
export function locate(doc: Doc, target: Span) {
  const first = tokenAt(doc, target.start);
  const last = Math.max(first, tokenAt(doc, Math.max(target.start, target.end - 1)));
  return { first, last, sentence: doc.sentences[doc.tokens[first]!.sentence]! };
}

/** Words further than this from the target share one bucket per side ("L99", "R99"). */
const NEAR = 8;

/** What the sentence holds whatever the target: its valence words and how many quotation marks. */
interface SentenceFacts { valences: [number, number][]; quoteMarks: number }

function sentenceFacts(doc: Doc, sentence: { firstToken: number; lastToken: number }): SentenceFacts {
  const valences: [number, number][] = [];
  let quoteMarks = 0;
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
    const token = doc.tokens[t]!;
    if (/^["“”‘’«»]$/.test(token.text)) quoteMarks += 1;
    if (token.type !== 'word') continue;
    const v = valenceAt(doc, t);
    if (v !== undefined) valences.push([t, v]);
  }
  return { valences, quoteMarks };
}

/** The features a word far from the target (bucket 99) adds on one side. */
function farFeatureNames(lower: string, v: number | undefined, side: 'L' | 'R'): string[] {
  return v === undefined ? [`${side}99=${lower}`] : [`${side}99=${lower}`, `val${side}99=${v > 0 ? '+' : '-'}`];
}

/**
 * The features that depend on where words stand relative to the target. With `aroundWords` false the
 * words of the sentence are left out: the tagger adds them from its per-word and per-sentence sums.
 */
function positionalFeatures(doc: Doc, target: Span, facts?: SentenceFacts, aroundWords = true): string[] {
  const sink = new NameSink();
  emitPositionalFeatures(doc, target, facts, aroundWords, sink);
  return sink.names;
}

const SUMS = ['-3', '-2', '-1', '0', '1', '2', '3'];
const clampToSum = (x: number) => SUMS[Math.max(-3, Math.min(3, Math.round(x))) + 3]!;
const QUOTE_COUNTS = ['0', '1', '2'];

function emitPositionalFeatures(doc: Doc, target: Span, facts: SentenceFacts | undefined, aroundWords: boolean, sink: FeatureSink): void {
  const { tokens } = doc;
  const { first, last, sentence } = locate(doc, target);
  const { valences, quoteMarks } = facts ?? sentenceFacts(doc, sentence);
  sink.add('bias');
  for (let t = first; t <= last; t += 1) if (tokens[t]!.type === 'word') sink.add('tw', tokens[t]!.lower);
  for (let t = sentence.firstToken; t <= sentence.lastToken && aroundWords; t += 1) {
    if (t >= first && t <= last) continue;
    const token = tokens[t]!;
    if (token.type !== 'word') continue;
    const side = t < first ? 'L' : 'R';
    const distance = t < first ? first - t : t - last;
    sink.add(`${side}${bucket(distance)}`, token.lower);
    const v = valenceAt(doc, t);
    if (v !== undefined) sink.add(`val${side}${bucket(distance)}`, v > 0 ? '+' : '-');
  }
  let left = 0;
  let right = 0;
  for (const [t, v] of valences) {
    if (t < first) left += v / Math.sqrt(first - t);
    else if (t > last) right += v / Math.sqrt(t - last);
  }
  // The verb the target is subject of ("Trump attacked ...") or object of ("... praised Trump").
  const after = tokens[last + 1];
  const afterAfter = tokens[last + 2];
  if (after && (after.pos === 'VERB' || after.pos === 'AUX')) {
    sink.add('subj-of', after.lower);
    if (afterAfter?.pos === 'VERB') sink.add('subj-of', afterAfter.lower);
    else sink.add('subj-of-aux');
  }
  for (let t = first - 1; t >= sentence.firstToken && first - t <= 3; t -= 1) {
    if (tokens[t]!.pos === 'VERB') { sink.add('obj-of', tokens[t]!.lower); break; }
  }
  sink.add('left', clampToSum(left));
  sink.add('right', clampToSum(right));
  sink.add('sum', clampToSum(left + right));
  sink.add('quotes', QUOTE_COUNTS[Math.min(2, quoteMarks)]!);
}

export type ToneModel = LinearModel;

let shipped: ToneModel | null = null;

export function shippedToneModel(): ToneModel {
  shipped ??= loadShippedModel('tone', TONE_LABELS);
  return shipped;
}

/**
 * What one sentence contributes to every target in it, computed once: the summed wordFeatures of
 * all its words; running sums of far-left features (prefix[i]: words before firstToken + i) and of
 * far-right ones (suffix[i]: words from firstToken + i on); its valence words and quote marks.
 */
interface SentenceSums {
  words: Float64Array; prefix: Float64Array; suffix: Float64Array; facts: SentenceFacts;
  /** Each token's WordVectors (NO_VECTORS for non-words and unknown words), from the sentence's first token. */
  vectors: Int32Array;
}
/** Per Doc, its sentences' sums, made under one generation of the word store (offsets into it). */
const sentenceSums = new WeakMap<Doc, { sums: Map<number, SentenceSums>; prefix: Float64Array; suffix: Float64Array; generation: number }>();

/**
 * A word's weights: where its SLOTS * K floats start in its model's word slab. First wherever it
 * stands (WORD), then as a far word on the left (FAR_LEFT) and on the right (FAR_RIGHT).
 */
type WordVectors = number;
const NO_VECTORS = -1;
const WORD = 0;
const FAR_LEFT = K;
const FAR_RIGHT = 2 * K;
/** Then one vector per side and near bucket (L1, L3, L8, R1, R3, R8): the word at that distance. */
const NEAR_BUCKETS = [1, 3, 8] as const;
const NEAR_INDEX: Record<number, number> = { 1: 0, 3: 1, 8: 2 };
const NEAR_SLOT = (side: 'L' | 'R', b: number) => (3 + (side === 'L' ? 0 : 3) + NEAR_INDEX[b]!) * K;
const SLOTS = 9;
const WORD_SIZE = SLOTS * K;
/** A word's vectors as it stands, and (for a word with a valence) negated, made when first needed. */
interface WordEntry { valence: number | undefined; plain: WordVectors; negated: WordVectors }
/**
 * Per model, the words seen so far and their vectors, all in one slab (not one small array each,
 * which costs an allocation and GC work per word).
 */
interface WordStore { entries: Map<string, WordEntry>; slab: Float64Array; used: number; generation: number }
const wordStores = new WeakMap<ToneModel, WordStore>();

function wordStoreOf(model: ToneModel): WordStore {
  let store = wordStores.get(model);
  if (!store) wordStores.set(model, (store = { entries: new Map(), slab: new Float64Array(1024 * WORD_SIZE), used: 0, generation: 0 }));
  return store;
}

/**
 * The words the model has some weight for, in any slot (w=, L1= ... R99=). Most words of an article
 * are not among them: with no valence either, their vectors are all zero, so they share one entry
 * and cost neither the building of feature names nor additions.
 */
const knownWordSets = new WeakMap<ToneModel, Set<string>>();
const WORD_SLOT_FEATURE = /^(?:w|[LR]\d+)=(.+)$/;

function knownWords(model: ToneModel): Set<string> {
  let known = knownWordSets.get(model);
  if (!known) {
    known = new Set();
    for (const feature of model.index.keys()) {
      const word = WORD_SLOT_FEATURE.exec(feature)?.[1];
      if (word !== undefined) known.add(word);
    }
    knownWordSets.set(model, known);
  }
  return known;
}

/** The entry of every word the model knows nothing of: no valence, no vectors. */
const UNKNOWN_WORD: WordEntry = { valence: undefined, plain: NO_VECTORS, negated: NO_VECTORS };
/** Bounds the per-word cache of a long-running process (and so each worker's memory). */
const MAX_CACHED_WORDS = 50_000;

/** The vectors of one word form with valence v, from the names the features have in training. */
function wordVectors(model: ToneModel, store: WordStore, lower: string, v: number | undefined): WordVectors {
  if (store.used + WORD_SIZE > store.slab.length) {
    const grown = new Float64Array(store.slab.length * 2);
    grown.set(store.slab);
    store.slab = grown;
  }
  const at = store.used;
  store.used += WORD_SIZE;
  const { slab } = store;
  slab.fill(0, at, at + WORD_SIZE);
  addWeights(model, wordFeatureNames(lower, v), slab, at + WORD);
  addWeights(model, farFeatureNames(lower, v, 'L'), slab, at + FAR_LEFT);
  addWeights(model, farFeatureNames(lower, v, 'R'), slab, at + FAR_RIGHT);
  // The same names positionalFeatures gives a word near the target.
  for (const side of ['L', 'R'] as const) {
    for (const b of NEAR_BUCKETS) {
      const near = [`${side}${b}=${lower}`];
      if (v !== undefined) near.push(`val${side}${b}=${v > 0 ? '+' : '-'}`);
      addWeights(model, near, slab, at + NEAR_SLOT(side, b));
    }
  }
  return at;
}

/**
 * The vectors of token t, cached per word form (and, for the few words with a valence, per
 * negated-or-not), so a sentence costs one lookup per word instead of building feature names.
 */
function entryOf(model: ToneModel, store: WordStore, lower: string): WordEntry {
  let entry = store.entries.get(lower);
  if (!entry) {
    const valence = VALENCE.get(lower);
    entry = valence === undefined && !knownWords(model).has(lower)
      ? UNKNOWN_WORD
      : { valence, plain: wordVectors(model, store, lower, valence), negated: NO_VECTORS };
    store.entries.set(lower, entry);
  }
  return entry;
}

const QUOTE_MARKS = new Set(['"', '“', '”', '‘', '’', '«', '»']);

/**
 * One pass over the sentence: each word's vectors (from the per-word cache, negated after "not"),
 * their sums, and the sentence facts (valence words, quotation marks).
 */
function sumsOf(doc: Doc, model: ToneModel, index: number): SentenceSums {
  const store = wordStoreOf(model);
  let perDoc = sentenceSums.get(doc);
  if (!perDoc || perDoc.generation !== store.generation) {
    // The word store starts afresh once full, only here as a Doc starts: a Doc's sums hold offsets
    // into it (and a Doc summed under an older generation is summed again).
    if (store.entries.size >= MAX_CACHED_WORDS) {
      store.entries.clear();
      store.used = 0;
      store.generation += 1;
    }
    // One buffer per Doc for all its sentences' running sums (sentence s: n + 1 slots from its
    // first token + s), viewed per sentence: a typed array per sentence would be an allocation each.
    const slots = (doc.tokens.length + doc.sentences.length) * K;
    sentenceSums.set(doc, (perDoc = { sums: new Map(), prefix: new Float64Array(slots), suffix: new Float64Array(slots), generation: store.generation }));
  }
  let sums = perDoc.sums.get(index);
  if (sums) return sums;
  const { tokens } = doc;
  const sentence = doc.sentences[index]!;
  const n = sentence.lastToken - sentence.firstToken + 1;
  const words = new Float64Array(K);
  const from = (sentence.firstToken + index) * K;
  const prefix = perDoc.prefix.subarray(from, from + (n + 1) * K);
  const suffix = perDoc.suffix.subarray(from, from + (n + 1) * K);
  const vectors = new Int32Array(n).fill(NO_VECTORS);
  const facts: SentenceFacts = { valences: [], quoteMarks: 0 };
  for (let i = 0; i < n; i += 1) {
    const t = sentence.firstToken + i;
    const token = tokens[t]!;
    if (QUOTE_MARKS.has(token.text)) facts.quoteMarks += 1;
    if (token.type !== 'word') continue;
    const entry = entryOf(model, store, token.lower);
    if (entry === UNKNOWN_WORD) continue;
    let v = entry.plain;
    if (entry.valence !== undefined) {
      const negated = isNegated(doc, t);
      facts.valences.push([t, negated ? -entry.valence : entry.valence]);
      if (negated) {
        if (entry.negated === NO_VECTORS) entry.negated = wordVectors(model, store, token.lower, -entry.valence);
        v = entry.negated;
      }
    }
    vectors[i] = v;
  }
  // Read the slab only now: making a word's vectors above may have grown it.
  const { slab } = store;
  for (let i = 0; i < n; i += 1) {
    const v = vectors[i]!;
    if (v !== NO_VECTORS) for (let k = 0; k < K; k += 1) words[k] += slab[v + WORD + k]!;
  }
  for (let i = 0; i < n; i += 1) {
    const v = vectors[i]!;
    for (let k = 0; k < K; k += 1) prefix[(i + 1) * K + k] = prefix[i * K + k]! + (v !== NO_VECTORS ? slab[v + FAR_LEFT + k]! : 0);
  }
  for (let i = n - 1; i >= 0; i -= 1) {
    const v = vectors[i]!;
    for (let k = 0; k < K; k += 1) suffix[i * K + k] = suffix[(i + 1) * K + k]! + (v !== NO_VECTORS ? slab[v + FAR_RIGHT + k]! : 0);
  }
  sums = { words, prefix, suffix, facts, vectors };
  perDoc.sums.set(index, sums);
  return sums;
}

const positionalScorers = new WeakMap<ToneModel, ScoreSink>();

function positionalScorer(model: ToneModel): ScoreSink {
  let scorer = positionalScorers.get(model);
  if (!scorer) positionalScorers.set(model, (scorer = new ScoreSink(model, new Set())));
  return scorer;
}

/** Probabilities for one target: the same scores as toneFeatures would give, from the sentence's sums. */
function targetProbabilities(doc: Doc, model: ToneModel, target: Span): Float64Array {
  const { first, last, sentence } = locate(doc, target);
  const sums = sumsOf(doc, model, doc.tokens[first]!.sentence);
  const { slab } = wordStoreOf(model);
  const vectorAt = (t: number) => sums.vectors[t - sentence.firstToken] ?? NO_VECTORS;
  const scores = Float64Array.from(sums.words);
  const own = new Float64Array(K);
  for (let t = first; t <= last; t += 1) {
    const v = vectorAt(t);
    if (v !== NO_VECTORS) for (let k = 0; k < K; k += 1) own[k] += slab[v + WORD + k]!;
  }
  // Far words: those before first - NEAR and after last + NEAR.
  const farLeftEnd = Math.max(0, first - NEAR - sentence.firstToken);
  const farRightStart = Math.min(sentence.lastToken + 1, last + NEAR + 1) - sentence.firstToken;
  for (let k = 0; k < K; k += 1) {
    scores[k] += sums.prefix[farLeftEnd * K + k]! + sums.suffix[farRightStart * K + k]! - own[k]!;
  }
  // Words near the target, from the per-word cache; the rest of the positional features by name.
  for (let t = Math.max(sentence.firstToken, first - NEAR); t <= Math.min(sentence.lastToken, last + NEAR); t += 1) {
    if (t >= first && t <= last) continue;
    const v = vectorAt(t);
    if (v === NO_VECTORS) continue;
    const slot = v + (t < first ? NEAR_SLOT('L', bucket(first - t)) : NEAR_SLOT('R', bucket(t - last)));
    for (let k = 0; k < K; k += 1) scores[k] += slab[slot + k]!;
  }
  const positional = positionalScorer(model).reset();
  emitPositionalFeatures(doc, target, sums.facts, false, positional);
  for (let k = 0; k < K; k += 1) scores[k] += positional.scores[k]!;
  const max = Math.max(...scores);
  let total = 0;
  for (let k = 0; k < K; k += 1) total += (scores[k] = Math.exp(scores[k]! - max));
  for (let k = 0; k < K; k += 1) scores[k] /= total;
  return scores;
}

/** The mean of each label's probability over the mentions of one thing (at least one). */
function meanProbabilities(doc: Doc, model: ToneModel, spans: Span[]): Float64Array {
  const mean = new Float64Array(K);
  for (const span of spans) {
    const p = targetProbabilities(doc, model, span);
    for (let k = 0; k < K; k += 1) mean[k] += p[k]! / spans.length;
  }
  return mean;
}

const roundScore = (score: number) => Math.round(Math.max(-1, Math.min(1, score)) * 1000) / 1000;

/** Mean probabilities (TONE_LABELS order) as a tone: the likeliest label, the score p(positive) - p(negative). */
export function toneOfMean(mean: ArrayLike<number>): { label: ToneLabel; score: number } {
  let best = 0;
  for (let k = 1; k < K; k += 1) if (mean[k]! > mean[best]!) best = k;
  return { label: TONE_LABELS[best]!, score: roundScore(mean[2]! - mean[0]!) };
}

/**
 * Tone toward one mention (or a few read together) in its sentence: each mention's sentence scored
 * with that mention as the target; the label is the largest mean probability, the score the mean
 * of p(positive) - p(negative), in [-1, 1]. What a JSONL span target gets.
 */
export function toneToward(doc: Doc, model: ToneModel, spans: Span[]): { label: ToneLabel; score: number } {
  if (!spans.length) return { label: 'neutral', score: 0 };
  return toneOfMean(meanProbabilities(doc, model, spans));
}

/** How the mention-level score maps to the article's tone: src/models/article-tone.json. */
export interface ArticleToneCalibration { shift: number; band: number }

let articleCalibration: ArticleToneCalibration | null = null;

export function shippedArticleToneCalibration(): ArticleToneCalibration {
  articleCalibration ??= JSON.parse(readFileSync(new URL('../models/article-tone.json', import.meta.url), 'utf8')) as ArticleToneCalibration;
  return articleCalibration;
}

/**
 * The article's tone toward a thing over all its mentions: what an entity's `tone` and a --target
 * string get. News writes conflict words around the people it reports on whatever the writer thinks
 * of them, so the mean mention score runs below the article's attitude: PerSenT's article labels
 * put the neutral band at [-0.55, -0.05] of it. The score is recentred by that shift, and the label
 * read from a band around zero, so label and score agree (scripts/calibrate-article-tone.js).
 */
export function articleToneToward(
  doc: Doc, model: ToneModel, spans: Span[], calibration = shippedArticleToneCalibration(),
): { label: ToneLabel; score: number } {
  if (!spans.length) return { label: 'neutral', score: 0 };
  const mean = meanProbabilities(doc, model, spans);
  const score = roundScore(mean[2]! - mean[0]! + calibration.shift);
  return { label: score > calibration.band ? 'positive' : score < -calibration.band ? 'negative' : 'neutral', score };
}
