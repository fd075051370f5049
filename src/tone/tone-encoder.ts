// Tone toward a span target (a JSONL record's `targets`, NewsMTSC's kind of item) by the stance
// encoder's CNN read over one name instead of two: scripts/train-stance-encoder.py --single on
// NewsMTSC train, shipped as src/models/tone-encoder.{json,bin}. Sentence-grouped 5-fold CV on train
// puts it above the linear tone model (README); it reads one sentence per target, so it serves
// span targets, and an entity's many mentions keep the linear model (the stage's speed).
import { readFileSync } from 'node:fs';
import type { Doc, Span } from '../doc/doc.js';
import { PairEncoder } from '../stance/pair-encoder.js';
import { wordsAndTags } from '../stance/pair-input.js';
import { locate, TONE_LABELS, toneOfMean, type ToneLabel } from './tone-model.js';

/** What the encoder reads of a target: its sentence's words and tags, the target's token range there. */
export interface TargetInput { words: string[]; tags: string[]; a: [number, number] }

/** The sentence of the target's first token (as the linear model reads it); the range ends with that sentence. */
export function targetInput(doc: Doc, target: Span): TargetInput | null {
  if (!doc.tokens.length) return null;
  const { first, last, sentence } = locate(doc, target);
  const { words, tags } = wordsAndTags(doc, sentence.firstToken, sentence.lastToken);
  return { words, tags, a: [first - sentence.firstToken, Math.min(last, sentence.lastToken) - sentence.firstToken] };
}

let shipped: PairEncoder | null = null;

/** The model in src/models/tone-encoder.{json,bin}, loaded on first use. */
export function shippedToneEncoder(): PairEncoder {
  shipped ??= new PairEncoder(
    JSON.parse(readFileSync(new URL('../models/tone-encoder.json', import.meta.url), 'utf8')),
    readFileSync(new URL('../models/tone-encoder.bin', import.meta.url)),
    TONE_LABELS,
  );
  return shipped;
}

/**
 * The tone toward each span in its sentence, the mean over the spans: the label of the largest mean
 * probability, the score the mean p(positive) - p(negative), as the linear model's toneToward.
 */
export function encoderToneToward(doc: Doc, spans: Span[], encoder: PairEncoder = shippedToneEncoder()): { label: ToneLabel; score: number } {
  const mean = new Float64Array(TONE_LABELS.length);
  let read = 0;
  for (const span of spans) {
    const input = targetInput(doc, span);
    if (!input) continue;
    const p = encoder.classifyTargets(input.words, input.tags, [input.a])[0]!;
    for (let k = 0; k < mean.length; k += 1) mean[k] += p[k]!;
    read += 1;
  }
  if (!read) return { label: 'neutral', score: 0 };
  for (let k = 0; k < mean.length; k += 1) mean[k] /= read;
  return toneOfMean(mean);
}
