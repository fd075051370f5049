#!/usr/bin/env node
// npm run train:quotes: trains the reported-speech cue model (none / content after / content before,
// multiclass averaged perceptron) on PolNeAR train and writes src/models/attribution-features.txt
// and attribution-weights.bin.
// usage: node scripts/train-quotes.js [--epochs 8] [--folds K] [--out src/models/]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { tokenAt } from '../dist/doc/spans.js';
import { buildReportingLexicon } from '../dist/stages/find-quotes.js';
import { ATTRIBUTION_LABELS, cueFeatures, cueHead, isCandidate } from '../dist/quotes/attribution-model.js';
import { crossValidate, nonZeroF1, scoresOf, trainPerceptron, writeLinearModel } from './lib/perceptron.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const epochs = Number(option('--epochs', 8)); // 3-fold CV cue F1 on train: 3 -> 67.3, 5 -> 67.9, 8 -> 68.7, 12 -> 68.7 (68.6 with today's features and lexicon)
const folds = Number(option('--folds', 0));
const out = option('--out', fileURLToPath(new URL('../src/models/', import.meta.url)));
const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));

const json = JSON.parse(readFileSync(new URL('../src/lexicons/reporting-verbs.json', import.meta.url), 'utf8'));
const lexicon = buildReportingLexicon(json);
const AFTER = 1;
const BEFORE = 2;
/** The scale writeLinearModel gives the shipped weights, so that their softmax reads as a probability. */
const SCALE = 0.1;

/** One article -> an item per candidate word outside direct quotes: its features and its class. */
function prepare(record) {
  const doc = buildDoc(record.text);
  const gold = new Map();
  const skip = new Set();
  for (const q of record.quotes) {
    // Inside a direct quote the CLI never looks for reported speech: neither teach nor test there.
    if (q.kind === 'direct') {
      for (let t = tokenAt(doc, q.start); t <= tokenAt(doc, q.end - 1); t += 1) skip.add(t);
    }
    const span = q.cueSpans?.[0];
    if (!span) continue;
    const head = cueHead(doc, tokenAt(doc, span[0]), tokenAt(doc, span[1] - 1));
    if (head === null) continue;
    if (q.kind === 'direct') { skip.add(head); continue; }
    if (q.start >= span[1]) gold.set(head, AFTER);
    else if (q.end <= span[0]) gold.set(head, BEFORE);
    else skip.add(head);
  }
  const items = [];
  for (let t = 0; t < doc.tokens.length; t += 1) {
    if (skip.has(t) || !isCandidate(doc, t, lexicon)) continue;
    items.push({ features: cueFeatures(doc, t, lexicon), gold: gold.get(t) ?? 0 });
  }
  return items;
}

const records = readFileSync(`${data}/quotes/polnear-train.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
// Folds by article, so one article's words are never on both sides.
const byArticle = records.map(prepare);
const items = byArticle.flat();
console.log(`prepared ${items.length} candidate words from ${records.length} articles (${items.filter((x) => x.gold).length} cues)`);

/** F1 over cue words with the right side, the decision the quotes stage takes from the model. */
function cueF1(model, held) {
  const { p, r, f1 } = nonZeroF1(model, held);
  console.log(`  P ${(100 * p).toFixed(1)} R ${(100 * r).toFixed(1)}`);
  return f1;
}

/**
 * The quotes stage reads a word as a cue when the softmax of its scaled scores gives the more likely
 * side at least MIN_CUE_PROBABILITY: counts of that decision at several thresholds, for choosing it
 * on held-out folds rather than on the dev set.
 */
const THRESHOLDS = [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
const byThreshold = THRESHOLDS.map(() => ({ tp: 0, predicted: 0, gold: 0 }));
function countAtThresholds(model, held) {
  for (const x of held) {
    const scores = scoresOf(model, x.features).map((v) => v * SCALE);
    const max = Math.max(...scores);
    const e = scores.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    const side = e[AFTER] >= e[BEFORE] ? AFTER : BEFORE;
    THRESHOLDS.forEach((threshold, i) => {
      const counts = byThreshold[i];
      if (x.gold) counts.gold += 1;
      if (e[side] / total < threshold) return;
      counts.predicted += 1;
      if (side === x.gold) counts.tp += 1;
    });
  }
}

if (folds > 1) {
  const articles = byArticle.map((list, i) => ({ list, i }));
  const fit = (train) => trainPerceptron(train.flatMap((a) => a.list), ATTRIBUTION_LABELS.length, epochs);
  const score = (model, held) => {
    countAtThresholds(model, held.flatMap((a) => a.list));
    return cueF1(model, held.flatMap((a) => a.list));
  };
  console.log(`cross-validated cue F1 ${(100 * crossValidate(articles, folds, fit, score)).toFixed(1)} (${epochs} epochs)`);
  console.log(`cue F1 over all folds by the stage's probability threshold: ${THRESHOLDS.map((threshold, i) => {
    const { tp, predicted, gold } = byThreshold[i];
    const p = tp / (predicted || 1); const r = tp / (gold || 1);
    return `${threshold} -> ${(100 * (2 * p * r) / (p + r || 1)).toFixed(1)}`;
  }).join(', ')}`);
} else {
  const kept = writeLinearModel(out, 'attribution', ATTRIBUTION_LABELS, trainPerceptron(items, ATTRIBUTION_LABELS.length, epochs), { scale: SCALE, minWeight: 1 });
  console.log(`wrote ${out}: ${kept} features, ${epochs} epochs, trained on PolNeAR train (${items.length} words)`);
}
