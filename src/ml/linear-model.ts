// A linear model over string features, as the trained models ship: <name>-features.txt (the labels
// tab-separated on the first line, then one feature a line) and <name>-weights.bin (one
// little-endian float32 weight per label per feature, in the same order). Compact, and it loads
// without parsing tens of thousands of JSON arrays.
import { readFileSync } from 'node:fs';

export interface LinearModel {
  labels: readonly string[];
  /** Feature -> offset of its weights (one per label) in `weights`. */
  index: Map<string, number>;
  weights: Float32Array;
}

export function linearModelFromFiles(labels: readonly string[], featuresText: string, weightsBytes: Uint8Array, name = 'model'): LinearModel {
  const lines = featuresText.split('\n');
  const header = lines.shift()!;
  if (header !== labels.join('\t')) throw new Error(`${name} labels ${header.split('\t').join()} do not match ${labels.join()}`);
  if (lines[lines.length - 1] === '') lines.pop();
  const size = lines.length * labels.length * 4;
  if (weightsBytes.byteLength !== size) {
    throw new Error(`${name}: ${lines.length} features need ${size} bytes of weights, instead found ${weightsBytes.byteLength}`);
  }
  const weights = new Float32Array(weightsBytes.buffer.slice(weightsBytes.byteOffset, weightsBytes.byteOffset + weightsBytes.byteLength));
  const index = new Map<string, number>();
  lines.forEach((feature, i) => index.set(feature, i * labels.length));
  return { labels, index, weights };
}

/** Loads src/models/<name>-features.txt and <name>-weights.bin (copied next to dist/ by the build). */
export function loadShippedModel(name: string, labels: readonly string[]): LinearModel {
  return linearModelFromFiles(
    labels,
    readFileSync(new URL(`../models/${name}-features.txt`, import.meta.url), 'utf8'),
    readFileSync(new URL(`../models/${name}-weights.bin`, import.meta.url)),
    `${name} model`,
  );
}

/** Adds the weights of `features` into `into` (one slot per label, from `at`). */
export function addWeights(model: LinearModel, features: string[], into: Float32Array | Float64Array, at = 0): void {
  const { index, weights } = model;
  const k = model.labels.length;
  for (const feature of features) {
    const offset = index.get(feature);
    if (offset !== undefined) for (let l = 0; l < k; l += 1) into[at + l] += weights[offset + l]!;
  }
}

/** The label scores of `features` as probabilities (softmax). */
export function probabilities(model: LinearModel, features: string[]): Float64Array {
  const scores = new Float64Array(model.labels.length);
  addWeights(model, features, scores);
  const max = Math.max(...scores);
  let total = 0;
  for (let l = 0; l < scores.length; l += 1) total += (scores[l] = Math.exp(scores[l]! - max));
  for (let l = 0; l < scores.length; l += 1) scores[l] /= total;
  return scores;
}
