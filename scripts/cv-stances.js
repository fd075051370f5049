#!/usr/bin/env node
// Train cross-validation of the whole stance stage: DSE train is read by the pipeline as eval.js
// reads dev, but every pair gets the encoder's out-of-fold probabilities (the fold that did not
// train on its sentence), so the rules around the encoder (StanceGates) are chosen here and never
// on dev. Each gate is switched off in turn to show what it is worth. The linear model that also
// reads neighbouring names is left out unless --linear-folds gives it out of fold too: the shipped
// one was trained on all of train, so its share would be read in-sample.
// usage: node scripts/cv-stances.js OOF.jsonl [stance/dse-train.jsonl] [--gate NAME] [--linear-folds DIR]
//   OOF.jsonl: scripts/train-stance-encoder.py PAIRS --folds 5 --no-write --oof OOF.jsonl
//   --linear-folds DIR: the linear model joins the stage, each sentence read by the one of DIR's
//   fold models that did not train on it (train-stance.js --fold-models DIR, on the encoder's folds)
//   --scan-linear: with --linear-folds, the linear model's thresholds against the agreement it needs
import { readFileSync } from 'node:fs';
import { linearModelFromFiles } from '../dist/ml/linear-model.js';
import { STANCE_LABELS } from '../dist/stance/stance-model.js';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { stageContext } from '../dist/analyze.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { toAnalysis } from '../dist/to-analysis.js';
import { NO_GATES, SHIPPED_GATES } from '../dist/stages/find-stances.js';
import { shippedPairEncoder } from '../dist/stance/pair-encoder.js';
import { scoreDse } from './lib/score-dse.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const OPTIONS = ['--gate', '--linear-folds'];
const FLAGS = ['--scan-linear'];
const [oofFile, file = 'stance/dse-train.jsonl'] = process.argv.slice(2).filter((a, i, all) => !OPTIONS.includes(a) && !FLAGS.includes(a) && !OPTIONS.includes(all[i - 1]));
const valueOf = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : null);
if (!oofFile) {
  console.error('usage: node scripts/cv-stances.js OOF.jsonl [stance/dse-train.jsonl]');
  process.exit(2);
}
const keyOf = (words, a, b) => `${words.join(' ')}|${a.join(',')}|${b.join(',')}`;
const oof = new Map();
for (const line of readFileSync(oofFile, 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  oof.set(keyOf(r.words, r.a, r.b), r.probabilities);
}
let missing = 0;
let looked = 0;
const NEUTRAL = [1, 0, 0, 0, 0];
let threshold = shippedPairEncoder().threshold;
const outOfFold = {
  get threshold() { return threshold; },
  classify(words, tags, names, pairs) {
    return pairs.map(([i, j]) => {
      looked += 1;
      const p = oof.get(keyOf(words, names[i], names[j]));
      if (!p) missing += 1;
      return p ?? NEUTRAL;
    });
  },
};

// Each distinct marked pair once: DSE train repeats 1,611 rows exactly (mostly polar ones), and dev
// and test were deduplicated against it, so repeats would score train CV on easier ground.
const seenRows = new Set();
const records = readFileSync(`${data}/${file}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => {
  const key = `${r.text}|${r.holder.start},${r.holder.end}|${r.target.start},${r.target.end}`;
  if (seenRows.has(key)) return false;
  seenRows.add(key);
  return true;
});
const prepared = stageContext();
const stages = defaultStages.filter((s) => s.name !== 'tone' && s.name !== 'targets');
const parts = new Set(['entities', 'stances']);

/** With --linear-folds: the linear model for each sentence, the fold's that never read it; else none. */
const linearFolds = valueOf('--linear-folds');
const linearOf = (() => {
  if (!linearFolds) return () => null;
  const foldOf = JSON.parse(readFileSync(`${linearFolds}/folds.json`, 'utf8'));
  const models = new Map();
  const load = (k) => linearModelFromFiles(STANCE_LABELS, readFileSync(`${linearFolds}/fold-${k}/stance-features.txt`, 'utf8'), readFileSync(`${linearFolds}/fold-${k}/stance-weights.bin`), `stance fold ${k}`);
  return (text) => {
    const k = foldOf[text];
    if (k === undefined) throw new Error(`a sentence of train has no fold in ${linearFolds}/folds.json`);
    if (!models.has(k)) models.set(k, load(k));
    return models.get(k);
  };
})();

/** The marked spans of each sentence: DSE repeats a sentence once per marked pair. */
const markedSpans = new Map();
for (const r of records) {
  if (!markedSpans.has(r.text)) markedSpans.set(r.text, []);
  markedSpans.get(r.text).push(r.holder, r.target);
}

/**
 * The stage's DSE score with out-of-fold probabilities, and its edges between names DSE did not
 * mark in that sentence (`unmarked`, per sentence read once): not all wrong, as DSE marks one pair a
 * row, but the co-occurrence edges a reader would see.
 */
function run(gates) {
  const out = new Map();
  const read = new Set();
  let unmarked = 0;
  for (const r of records) {
    const doc = runStages(buildDoc(r.text), stages, { ...prepared, targets: [], stancePairs: { models: { linear: linearOf(r.text), encoder: outOfFold }, gates } });
    const analysis = toAnalysis(doc, { id: r.id, parts, elapsedMs: 0 });
    out.set(r.id, analysis);
    if (read.has(r.text)) continue;
    read.add(r.text);
    const isMarked = (id) => analysis.entities.find((e) => e.id === id)?.mentions.some((m) => markedSpans.get(r.text).some((s) => m.start < s.end && s.start < m.end));
    unmarked += analysis.stances.filter((s) => !isMarked(s.holder) || !isMarked(s.target)).length;
  }
  return { ...scoreDse(records, out), unmarked, sentences: read.size };
}

const pct = (x) => (100 * x).toFixed(1);
// "all pairs": every edge drawn between names DSE did not mark counted wrong too, the trust a reader of the whole network can have (a lower bound).
const allPairsPrecision = (s) => s.edges.tp / (s.edges.predicted + s.unmarked || 1);
const line = (name, s) => console.log(`${name.padEnd(24)} five-class ${pct(s.fiveClass.macroF1)} | edges F1 ${pct(s.edges.f1)} (P ${pct(s.edges.p)} R ${pct(s.edges.r)}; ${s.edges.tp} of ${s.edges.predicted}) | unmarked edges ${s.unmarked} in ${s.sentences} sentences | P all pairs ${pct(allPairsPrecision(s))}`);
// --gate NAME: the shipped gates and that one switched off, nothing else.
const only = process.argv.includes('--gate') ? process.argv[process.argv.indexOf('--gate') + 1] : null;
const shipped = threshold;
for (const t of only ? [] : [0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55]) {
  threshold = t;
  line(`threshold ${t}`, run(SHIPPED_GATES));
}
threshold = shipped;
line('shipped gates', run(SHIPPED_GATES));
for (const cue of ['between', 'sentence', 'none']) if (cue !== SHIPPED_GATES.lexicalCue && !only) line(`lexicalCue ${cue}`, run({ ...SHIPPED_GATES, lexicalCue: cue }));
const switches = Object.keys(SHIPPED_GATES).filter((gate) => SHIPPED_GATES[gate] === true && (!only || gate === only));
for (const gate of switches) line(`without ${gate}`, run({ ...SHIPPED_GATES, [gate]: false }));
if (!only) line('no gates', run(NO_GATES));
// The encoder's agreement a linear reading needs, chosen here: the linear model is out of fold only with --linear-folds.
for (const t of linearFolds && !only ? [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5] : []) line(`linearAgreement ${t}`, run({ ...SHIPPED_GATES, linearAgreement: t }));
// --scan-linear: the linear model's own thresholds with the agreement it needs.
for (const minimum of linearFolds && process.argv.includes('--scan-linear') ? [0.5, 0.6, 0.7] : []) {
  for (const withoutCue of [0.8, minimum]) {
    for (const agreement of [0.1, 0.2, 0.3, 0.4]) line(`linear ${minimum}/${withoutCue}/${agreement}`, run({ ...SHIPPED_GATES, linearMinimum: minimum, linearWithoutCue: withoutCue, linearAgreement: agreement }));
  }
}
console.log(`threshold ${threshold}; ${missing} of ${looked} pairs had no out-of-fold probabilities (read as neutral)`);
