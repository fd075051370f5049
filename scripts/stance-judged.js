#!/usr/bin/env node
// The stance edges judged by hand in the random BBC samples (docs/hand-check-stances*.md), joined
// with what the shipped pipeline draws today: each judged edge it still draws, with its source and
// its model's probability. Prints precision by source and probability band, and the precision the
// judged edges would have at other thresholds of each model.
// usage: node scripts/stance-judged.js [--jsonl FILE]
//   --jsonl: every joined edge, one per line (file, edge, source, probability, right)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stageContext } from '../dist/analyze.js';
import { buildDoc } from '../dist/doc/build-doc.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { toAnalysis } from '../dist/to-analysis.js';
import { bbcArticles, judgedEdges } from './lib/hand-check.js';

const args = process.argv.slice(2);
const valueOf = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);

/** The random samples only: the targeted checks (lexicon, rules, patterns...) drew the edges of one rule. */
const SAMPLES = ['hand-check-stances.md', 'hand-check-stances-fresh.md', 'hand-check-stances-fresh-2.md', 'hand-check-stances-fresh-3.md', 'hand-check-stances-fresh-4.md', 'hand-check-stances-fresh-5.md', 'hand-check-stances-fresh-6.md', 'hand-check-stances-fresh-7.md'];

/**
 * The kinds the judged edges are counted by: a source and, for the models, a band of probability
 * [min, max). The linear model's readings split at 0.8, what its reading needs without a stance
 * word (find-stances.ts); the encoder's judged edges are too few to split.
 */
const KINDS = [
  { name: 'pattern', source: 'pattern', min: 0, max: Infinity },
  { name: 'quote', source: 'quote', min: 0, max: Infinity },
  { name: 'linear >= 0.8', source: 'linear', min: 0.8, max: Infinity },
  { name: 'linear < 0.8', source: 'linear', min: 0, max: 0.8 },
  { name: 'encoder', source: 'encoder', min: 0, max: Infinity },
];

// The same edge judged in two samples keeps its latest verdict.
const judged = [...judgedEdges(SAMPLES).values()];
const { root: bbc } = bbcArticles();
const context = { ...stageContext(), targets: [] };
const parts = new Set(['entities', 'stances']);
const stages = defaultStages.filter((s) => s.name !== 'tone' && s.name !== 'targets');
const drawn = new Map();
for (const file of new Set(judged.map((j) => j.file))) {
  const text = readFileSync(join(bbc, file), 'utf8');
  const doc = runStages(buildDoc(text), stages, context);
  const analysis = toAnalysis(doc, { id: file, parts, elapsedMs: 0 });
  analysis.stances.forEach((s, k) => {
    const { source, probability } = doc.stances[k];
    drawn.set(`${file}\t${s.holderName} -> ${s.targetName} ${s.label}`, { source, probability });
  });
}

const joined = judged.filter((j) => drawn.has(`${j.file}\t${j.edge}`)).map((j) => ({ ...j, ...drawn.get(`${j.file}\t${j.edge}`) }));
const share = (list) => (list.length ? `${list.filter((e) => e.right).length}/${list.length} (${((100 * list.filter((e) => e.right).length) / list.length).toFixed(1)}%)` : '-');
console.log(`${judged.length} distinct judged edges in ${SAMPLES.length} random samples; ${joined.length} still drawn, ${share(joined)} right`);

console.log('\nby source and band:');
for (const kind of KINDS) {
  const list = joined.filter((e) => e.source === kind.source && (e.probability ?? 0) >= kind.min && (e.probability ?? 0) < kind.max);
  console.log(`  ${kind.name.padEnd(24)} ${share(list)}`);
}

for (const source of ['linear', 'encoder']) {
  console.log(`\n${source}: the judged edges kept at each threshold of its own (the others all kept)`);
  const others = joined.filter((e) => e.source !== source);
  for (let t = 0.5; t <= 0.901; t += 0.05) {
    const kept = [...others, ...joined.filter((e) => e.source === source && e.probability >= t)];
    const p = kept.filter((e) => e.right).length / kept.length;
    const se = Math.sqrt((p * (1 - p)) / kept.length);
    const mine = joined.filter((e) => e.source === source && e.probability >= t);
    console.log(`  >= ${t.toFixed(2)}  all ${share(kept).padEnd(18)} SE ${(100 * se).toFixed(1)}   its own ${share(mine)}`);
  }
}

const jsonl = valueOf('--jsonl');
if (jsonl) writeFileSync(jsonl, joined.map((e) => JSON.stringify(e)).join('\n') + '\n');
