#!/usr/bin/env node
// Draws stance edges for a hand-check: the BBC articles in path order, every STEP-th from OFFSET,
// analysed with the shipped pipeline; then N of their edges with a fixed seed, as Markdown rows
// (file, edge, cue, sentence) with the verdict left for the reader.
// usage: node scripts/sample-stances.js [--step 23] [--offset 7] [--n 50] [--seed 1] [--fresh] [--jsonl FILE]
//   --fresh: leaves out every article a stance hand-check under docs/ has already drawn from
//   --jsonl: the articles of a JSONL file of {id, text} records instead of BBC's (news no stance
//   rule was shaped on, such as PolNeAR's in ../shared/data/quotes); the file column is the id
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../dist/analyze.js';
import { bbcArticles, cell, option, seededRandom, shuffle } from './lib/hand-check.js';

const step = option('--step', 23);
const offset = option('--offset', 7);
const n = option('--n', 50);

const jsonl = process.argv.includes('--jsonl') ? process.argv[process.argv.indexOf('--jsonl') + 1] : null;
const records = jsonl ? new Map(readFileSync(jsonl, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)).map((r) => [r.id, r.text])) : null;
const { root, files } = records ? { root: '', files: [...records.keys()] } : bbcArticles();
const textOf = (file) => (records ? records.get(file) : readFileSync(join(root, file), 'utf8'));
const docs = fileURLToPath(new URL('../docs/', import.meta.url));
const checked = new Set();
if (process.argv.includes('--fresh')) {
  for (const name of readdirSync(docs).filter((f) => f.startsWith('hand-check-stance'))) {
    for (const match of readFileSync(join(docs, name), 'utf8').matchAll(/\b(business|entertainment|politics|sport|tech)\/\d+\.txt\b/g)) checked.add(match[0]);
  }
}
const inStep = files.filter((_, i) => i % step === offset);
const picked = inStep.filter((f) => !checked.has(f));
const analyze = createAnalyzer({ only: ['entities', 'stances'] });
const edges = [];
for (const file of picked) {
  const text = textOf(file);
  const a = analyze(text, { id: file });
  for (const s of a.stances) {
    const sentence = text.slice(s.evidence.start, s.evidence.end).replace(/\s+/g, ' ');
    edges.push({ file, edge: `${s.holderName} -> ${s.targetName} ${s.label}`, cue: s.cue, sentence });
  }
}
shuffle(edges, seededRandom(option('--seed', 1)));
console.log(`<!-- ${picked.length} articles (every ${step}th from ${offset}${picked.length < inStep.length ? `, ${inStep.length - picked.length} already checked left out` : ''}), ${edges.length} edges, ${Math.min(n, edges.length)} drawn with seed ${option('--seed', 1)} -->`);
console.log('| # | file | edge | cue | sentence | verdict |');
console.log('| --- | --- | --- | --- | --- | --- |');
edges.slice(0, n).forEach((e, i) => console.log(`| ${i + 1} | ${e.file} | ${cell(e.edge)} | ${cell(e.cue)} | ${cell(e.sentence)} | |`));
