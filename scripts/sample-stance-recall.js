#!/usr/bin/env node
// Draws sentences for a hand-check of stance recall on BBC, which no dev set measures: sentences of
// the hand-check articles (every STEP-th from OFFSET, in path order) that name two or more distinct
// entities a stance can be held by or toward, N of them with a fixed seed, each with its entities
// and the edges the shipped pipeline drew there, as Markdown rows for the reader to judge: which
// directed stances the sentence states, and which of them the pipeline found.
// usage: node scripts/sample-stance-recall.js [--step 11] [--offset 4] [--n 40] [--seed 7]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../dist/analyze.js';
import { buildDoc } from '../dist/doc/build-doc.js';
import { bbcArticles, cell, option, seededRandom, shuffle } from './lib/hand-check.js';

const step = option('--step', 11);
const offset = option('--offset', 4);
const n = option('--n', 40);
const STANCE_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);

const { root, files } = bbcArticles();
const analyze = createAnalyzer({ only: ['entities', 'stances'] });
const sentences = [];
for (const file of files.filter((_, i) => i % step === offset)) {
  const text = readFileSync(join(root, file), 'utf8');
  const a = analyze(text, { id: file });
  // the pipeline's own sentences (buildDoc reads a text the same way every time)
  const spans = buildDoc(text).sentences;
  const bySentence = new Map();
  for (const e of a.entities) {
    if (!STANCE_TYPES.has(e.type)) continue;
    for (const m of e.mentions) {
      if (m.kind !== 'name') continue;
      const s = spans.findIndex((x) => x.start <= m.start && m.start < x.end);
      bySentence.set(s, [...(bySentence.get(s) ?? []), e]);
    }
  }
  for (const [s, entities] of bySentence) {
    const distinct = [...new Map(entities.map((e) => [e.id, e])).values()];
    if (s < 0 || distinct.length < 2) continue;
    const span = spans[s];
    const edges = a.stances.filter((x) => x.evidence.start === span.start).map((x) => `${x.holderName} -> ${x.targetName} ${x.label}`);
    sentences.push({ file, sentence: text.slice(span.start, span.end).replace(/\s+/g, ' '), entities: distinct.map((e) => e.name).join('; '), edges: edges.join('; ') || '-' });
  }
}
shuffle(sentences, seededRandom(option('--seed', 7)));
console.log(`<!-- ${sentences.length} sentences with two or more stance entities in ${files.filter((_, i) => i % step === offset).length} articles (every ${step}th from ${offset}); ${Math.min(n, sentences.length)} drawn with seed ${option('--seed', 7)} -->`);
console.log('| # | file | sentence | entities | edges drawn | stances stated | found |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
sentences.slice(0, n).forEach((x, i) => console.log(`| ${i + 1} | ${x.file} | ${cell(x.sentence)} | ${cell(x.entities)} | ${cell(x.edges)} | | |`));
