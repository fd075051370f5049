#!/usr/bin/env node
// Draws stance edges for a hand-check: the BBC articles in path order, every STEP-th from OFFSET,
// analysed with the shipped pipeline; then N of their edges with a fixed seed, as Markdown rows
// (file, edge, cue, sentence) with the verdict left for the reader.
// usage: node scripts/sample-stances.js [--step 23] [--offset 7] [--n 50] [--seed 1]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../dist/analyze.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const step = option('--step', 23);
const offset = option('--offset', 7);
const n = option('--n', 50);
let seed = option('--seed', 1);

const root = join(data, 'articles', 'bbc');
const files = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.txt')).map(String).sort();
const picked = files.filter((_, i) => i % step === offset);
const analyze = createAnalyzer({ only: ['entities', 'stances'] });
const edges = [];
for (const file of picked) {
  const text = readFileSync(join(root, file), 'utf8');
  const a = analyze(text, { id: file });
  for (const s of a.stances) {
    const sentence = text.slice(s.evidence.start, s.evidence.end).replace(/\s+/g, ' ');
    edges.push({ file, edge: `${s.holderName} -> ${s.targetName} ${s.label}`, cue: s.cue, sentence });
  }
}
// mulberry32: a fixed seed draws the same sample again
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
for (let i = edges.length - 1; i > 0; i -= 1) {
  const j = Math.floor(random() * (i + 1));
  [edges[i], edges[j]] = [edges[j], edges[i]];
}
console.log(`<!-- ${picked.length} articles (every ${step}th from ${offset}), ${edges.length} edges, ${Math.min(n, edges.length)} drawn with seed ${option('--seed', 1)} -->`);
console.log('| # | file | edge | cue | sentence | verdict |');
console.log('| --- | --- | --- | --- | --- | --- |');
const cell = (x) => x.replace(/\|/g, '\\|');
edges.slice(0, n).forEach((e, i) => console.log(`| ${i + 1} | ${e.file} | ${cell(e.edge)} | ${cell(e.cue)} | ${cell(e.sentence)} | |`));
