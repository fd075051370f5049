// A multiclass averaged perceptron over string features, and the two-file model format that
// src/ml/linear-model.ts loads. Shared by the training scripts of the tone and stance models.
import { writeFileSync } from 'node:fs';

/** Trains on [{ features: string[], gold: labelIndex }]; seeded, so the same data gives the same model. */
export function trainPerceptron(items, labelCount, epochs) {
  const K = labelCount;
  const ids = new Map();
  const idOf = (f) => { let id = ids.get(f); if (id === undefined) ids.set(f, (id = ids.size)); return id; };
  const examples = items.map((x) => ({ ids: x.features.map(idOf), gold: x.gold }));
  const w = new Float64Array(ids.size * K);
  const u = new Float64Array(ids.size * K);
  let c = 1;
  let state = 20261125;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    for (let i = examples.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [examples[i], examples[j]] = [examples[j], examples[i]];
    }
    for (const x of examples) {
      const scores = new Float64Array(K);
      for (const id of x.ids) for (let k = 0; k < K; k += 1) scores[k] += w[id * K + k];
      let guess = 0;
      for (let k = 1; k < K; k += 1) if (scores[k] > scores[guess]) guess = k;
      if (guess !== x.gold) {
        for (const id of x.ids) {
          w[id * K + x.gold] += 1; u[id * K + x.gold] += c;
          w[id * K + guess] -= 1; u[id * K + guess] -= c;
        }
      }
      c += 1;
    }
  }
  const weights = new Float64Array(w.length);
  for (let i = 0; i < w.length; i += 1) weights[i] = w[i] - u[i] / c;
  return { ids, weights, K };
}

/** The label scores of one item's features. */
export function scoresOf(model, features) {
  const scores = new Float64Array(model.K);
  for (const f of features) {
    const id = model.ids.get(f);
    if (id !== undefined) for (let k = 0; k < model.K; k += 1) scores[k] += model.weights[id * model.K + k];
  }
  return scores;
}

export function predict(model, features) {
  const scores = scoresOf(model, features);
  let best = 0;
  for (let k = 1; k < model.K; k += 1) if (scores[k] > scores[best]) best = k;
  return best;
}

export function macroF1(model, items, labels = [...Array(model.K).keys()]) {
  const guesses = items.map((x) => predict(model, x.features));
  const f1s = labels.map((k) => {
    let tp = 0; let p = 0; let g = 0;
    items.forEach((x, i) => {
      if (guesses[i] === k) p += 1;
      if (x.gold === k) g += 1;
      if (guesses[i] === k && x.gold === k) tp += 1;
    });
    const precision = tp / (p || 1); const recall = tp / (g || 1);
    return (2 * precision * recall) / (precision + recall || 1);
  });
  return f1s.reduce((a, b) => a + b, 0) / labels.length;
}

/** Precision, recall and F1 over the items whose label is not 0 (the "none" or "neutral" class). */
export function nonZeroF1(model, items) {
  let tp = 0; let predicted = 0; let gold = 0;
  for (const x of items) {
    const guess = predict(model, x.features);
    if (guess) predicted += 1;
    if (x.gold) gold += 1;
    if (guess && guess === x.gold) tp += 1;
  }
  const p = tp / (predicted || 1); const r = tp / (gold || 1);
  return { p, r, f1: (2 * p * r) / (p + r || 1) };
}

/** K-fold cross-validation: the mean of `score(model, heldOut)` over the folds. */
export function crossValidate(items, folds, fit, score) {
  const scores = [];
  for (let k = 0; k < folds; k += 1) {
    const model = fit(items.filter((_, i) => i % folds !== k));
    scores.push(score(model, items.filter((_, i) => i % folds === k)));
    console.log(`fold ${k + 1}/${folds}: ${(100 * scores[k]).toFixed(1)}`);
  }
  return scores.reduce((a, b) => a + b, 0) / folds;
}

/**
 * Writes <dir>/<name>-features.txt and <name>-weights.bin. Weights are scaled by `scale` so that a
 * softmax over them reads as a probability; features whose weights are all small are dropped.
 */
export function writeLinearModel(dir, name, labels, model, { scale = 1, minWeight = 0.05 } = {}) {
  const K = labels.length;
  const kept = [];
  for (const [feature, id] of model.ids) {
    const vector = Array.from(model.weights.subarray(id * K, id * K + K));
    if (vector.some((v) => Math.abs(v) >= minWeight)) kept.push([feature, vector.map((v) => v * scale)]);
  }
  const buffer = new Float32Array(kept.length * K);
  kept.forEach(([, vector], i) => buffer.set(vector, i * K));
  writeFileSync(`${dir}/${name}-features.txt`, `${labels.join('\t')}\n${kept.map(([f]) => f).join('\n')}\n`);
  writeFileSync(`${dir}/${name}-weights.bin`, new Uint8Array(buffer.buffer));
  return kept.length;
}
