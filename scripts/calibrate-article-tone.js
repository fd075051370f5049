#!/usr/bin/env node
// npm run calibrate:tone (also the last step of train:tone): fits how the tone model's mean mention
// score maps to the article's tone toward a thing, on PerSenT dev (article-level labels toward the
// main person; there is no PerSenT train here). Two numbers: a shift that recentres the score and a
// neutral band around zero, the pair with the best macro-F1 on a grid. Writes
// src/models/article-tone.json, with the figure of 5-fold cross-validation (the grid refitted on
// four fifths, scored on the fifth, ten shuffles) so the fit to dev is not mistaken for accuracy.
// usage: node scripts/calibrate-article-tone.js [--out src/models/article-tone.json] [--encoder]
//   --encoder  the mean score of the tone encoder (src/tone/tone-encoder.ts) instead of the linear
//              model's, for comparison: prints the two figures and writes nothing
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stageContext } from '../dist/analyze.js';
import { buildDoc } from '../dist/doc/build-doc.js';
import { MAX_TONE_MENTIONS, defaultStages, isArticleSubject, runStages } from '../dist/stages/index.js';
import { articleToneToward, shippedToneModel } from '../dist/tone/tone-model.js';
import { encoderToneToward } from '../dist/tone/tone-encoder.js';

const args = process.argv.slice(2);
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : fileURLToPath(new URL('../src/models/article-tone.json', import.meta.url));
const withEncoder = args.includes('--encoder');
const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));

const records = readFileSync(`${data}/stance/persent-dev.jsonl`, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const context = stageContext();
const stages = defaultStages.filter((stage) => !['tone', 'quotes', 'stances'].includes(stage.name));
const model = shippedToneModel();
// The uncalibrated score of each article's main person, over the mentions the targets stage finds,
// for the articles where newslens reads that person as the article's subject (the calibration is
// used only there).
const items = records.flatMap((record) => {
  const doc = runStages(buildDoc(record.text), stages, { ...context, targets: [record.entity] });
  const [target] = doc.targets;
  if (target.entity === null || !isArticleSubject(doc.entities[target.entity])) return [];
  // the encoder reads as many mentions as the tone stage would
  const score = withEncoder ? encoderToneToward(doc, target.spans.slice(0, MAX_TONE_MENTIONS)).score
    : articleToneToward(doc, model, target.spans, { shift: 0, band: 0 }).score;
  return [{ gold: record.label, score }];
});

const LABELS = ['negative', 'neutral', 'positive'];
const labelOf = (score, low, high) => (score < low ? 'negative' : score > high ? 'positive' : 'neutral');
function macroF1(pairs) {
  return LABELS.reduce((sum, label) => {
    const tp = pairs.filter(([gold, guess]) => gold === label && guess === label).length;
    const guessed = pairs.filter(([, guess]) => guess === label).length;
    const gold = pairs.filter(([g]) => g === label).length;
    return sum + (tp ? (2 * tp) / (guessed + gold) : 0);
  }, 0) / LABELS.length;
}
const scoreWith = (subset, low, high) => macroF1(subset.map((item) => [item.gold, labelOf(item.score, low, high)]));
// Band edges on a 0.025 grid (whole numbers of fortieths, so the same grid every run).
const GRID = [];
for (let low = -32; low <= 8; low += 1) for (let high = low; high <= 16; high += 1) GRID.push([low / 40, high / 40]);
function fit(subset) {
  let best = { f1: -1, low: 0, high: 0 };
  for (const [low, high] of GRID) {
    const f1 = scoreWith(subset, low, high);
    if (f1 > best.f1) best = { f1, low, high };
  }
  return best;
}

let seed = 20261202;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const FOLDS = 5;
const SHUFFLES = 10;
let cvTotal = 0;
for (let round = 0; round < SHUFFLES; round += 1) {
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const pairs = [];
  for (let fold = 0; fold < FOLDS; fold += 1) {
    const held = order.filter((_, k) => k % FOLDS === fold).map((i) => items[i]);
    const { low, high } = fit(order.filter((_, k) => k % FOLDS !== fold).map((i) => items[i]));
    for (const item of held) pairs.push([item.gold, labelOf(item.score, low, high)]);
  }
  cvTotal += macroF1(pairs) / SHUFFLES;
}

const best = fit(items);
const round3 = (x) => Math.round(x * 1000) / 1000;
const calibration = {
  shift: round3(-(best.low + best.high) / 2),
  band: round3((best.high - best.low) / 2),
  fittedOn: `PerSenT dev, the ${items.length} of ${records.length} articles whose main person newslens reads as the subject`,
  devMacroF1: round3(100 * best.f1),
  crossValidatedMacroF1: round3(100 * cvTotal),
};
if (withEncoder) {
  console.log(`tone encoder: PerSenT dev macro-F1 ${calibration.devMacroF1} fitted (shift ${calibration.shift}, band ±${calibration.band}), ${calibration.crossValidatedMacroF1} in 5-fold cross-validation; nothing written`);
  process.exit(0);
}
writeFileSync(out, `${JSON.stringify(calibration, null, 2)}\n`);
console.log(`wrote ${out}: shift ${calibration.shift}, band ±${calibration.band}; PerSenT dev macro-F1 ${calibration.devMacroF1} fitted, ${calibration.crossValidatedMacroF1} in 5-fold cross-validation`);
