#!/usr/bin/env node
// What a change to the stance stage does to real news, joined with every verdict already given: the
// edges the built pipeline draws in a corpus are saved before the change and compared after it, and
// each edge gained or lost is printed with its verdict from any stance hand-check under docs/ (or
// as unjudged, ready for one). The corpora are BBC's articles and the JSONL articles of
// ../shared/data that no stance model trains on.
// usage: node scripts/stance-diff.js --save FILE [--corpus NAME]     (before the change)
//        node scripts/stance-diff.js --against FILE [--corpus NAME]  (after it, rebuilt)
//   NAME: bbc (default), polnear-train, polnear-dev, persent-dev
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer } from '../dist/analyze.js';
import { bbcArticles, cell, data, judgedEdges, stanceHandChecks } from './lib/hand-check.js';

const args = process.argv.slice(2);
const valueOf = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const CORPORA = {
  'polnear-train': 'quotes/polnear-train.jsonl',
  'polnear-dev': 'quotes/polnear-dev.jsonl',
  'persent-dev': 'stance/persent-dev.jsonl',
};
const corpus = valueOf('--corpus') ?? 'bbc';
const [save, against] = [valueOf('--save'), valueOf('--against')];
if ((!save && !against) || (corpus !== 'bbc' && !CORPORA[corpus])) {
  console.error(`usage: node scripts/stance-diff.js (--save FILE | --against FILE) [--corpus ${['bbc', ...Object.keys(CORPORA)].join('|')}]`);
  process.exit(2);
}

/** The corpus as [id, text] pairs: BBC's file paths, or the records' ids. */
function articles() {
  if (corpus === 'bbc') {
    const { root, files } = bbcArticles();
    return files.map((file) => [file, readFileSync(join(root, file), 'utf8')]);
  }
  return readFileSync(join(data, CORPORA[corpus]), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)).map((r) => [r.id, r.text]);
}

/** Every edge the built pipeline draws: {article, edge, cue, sentence}, in corpus order. */
function edges() {
  const analyze = createAnalyzer({ only: ['entities', 'stances'], timing: false });
  return articles().flatMap(([id, text]) => analyze(text, { id }).stances.map((s) => ({
    article: id, edge: `${s.holderName} -> ${s.targetName} ${s.label}`, cue: s.cue, sentence: text.slice(s.evidence.start, s.evidence.end).replace(/\s+/g, ' '),
  })));
}

const drawn = edges();
if (save) {
  writeFileSync(save, `${drawn.map((e) => JSON.stringify(e)).join('\n')}\n`);
  console.log(`${drawn.length} edges of ${corpus} saved to ${save}`);
} else {
  const before = readFileSync(against, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const key = (e) => `${e.article}\t${e.edge}\t${e.sentence}`;
  const [was, is] = [new Set(before.map(key)), new Set(drawn.map(key))];
  // Every verdict of the stance hand-checks (the latest file's, by name, when two judged an edge).
  const judged = judgedEdges(stanceHandChecks());
  console.log(`${corpus}: ${before.length} edges before, ${drawn.length} now`);
  for (const [title, list] of [['removed', before.filter((e) => !is.has(key(e)))], ['added', drawn.filter((e) => !was.has(key(e)))]]) {
    const verdictOf = (e) => { const j = judged.get(`${e.article}\t${e.edge}`); return j ? `${j.verdict} (${j.sample})` : ''; };
    const right = list.filter((e) => verdictOf(e).startsWith('right')).length;
    console.log(`\n### ${list.length} ${title}: ${list.filter(verdictOf).length} judged before, ${right} of those right\n`);
    if (!list.length) continue;
    console.log('| # | article | edge | cue | sentence | verdict |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    list.forEach((e, i) => console.log(`| ${i + 1} | ${e.article} | ${cell(e.edge)} | ${cell(e.cue)} | ${cell(e.sentence)} | ${cell(verdictOf(e))} |`));
  }
}
