#!/usr/bin/env node
// Writes DSE train (or another DSE file) as the pair encoder reads it, one JSON line a pair:
// {words, tags, a, b, label (five classes, a = the name that comes first), group (the sentence,
// for grouped folds)}. scripts/train-stance-encoder.py trains on it. A marked name is read as the
// pipeline's name over it where there is one, so training sees the spans the stage will give it.
// With --unmarked, the other pairs of names the pipeline finds in each sentence (PERSON, ORG, GPE,
// NORP, as findStances reads them) are added as neutral with "unmarked": true: DSE marks one pair a
// row, and a model that never sees the other pairs of a stance sentence reads its mood into them.
// usage: node scripts/export-stance-pairs.js [stance/dse-train.jsonl] [--unmarked] > pairs.jsonl
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { tokenAt } from '../dist/doc/spans.js';
import { pairInput } from '../dist/stance/pair-input.js';
import { analyzeText } from '../dist/index.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const args = process.argv.slice(2);
const unmarked = args.includes('--unmarked');
const file = args.find((a) => !a.startsWith('--')) ?? 'stance/dse-train.jsonl';
const STANCE_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
/** The marked pairs of each sentence (DSE repeats a sentence with another pair marked). */
const marked = new Map();
/** The five DSE classes with the two names' order swapped. */
const SWAPPED = { 0: 0, 1: 2, 2: 1, 3: 4, 4: 3 };

const rows = readFileSync(`${data}/${file}`, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
for (const r of rows) {
  let spans = marked.get(r.text);
  if (!spans) marked.set(r.text, (spans = []));
  spans.push(r.holder, r.target);
}
const overlaps = (x, y) => x.start < y.end && y.start < x.end;
const done = new Set();

/** The names the pipeline finds in a text (PERSON, ORG, GPE, NORP), in order, each with its entity. */
function pipelineNames(text) {
  return analyzeText(text, {}, { only: ['entities'] }).entities
    .filter((e) => STANCE_TYPES.has(e.type))
    .flatMap((e) => e.mentions.filter((m) => m.kind === 'name').map((m) => ({ start: m.start, end: m.end, entity: e.id })))
    .sort((x, y) => x.start - y.start);
}
/** A marked span as the stage reads it: the pipeline's name over it when there is one ("the U.S." for "U.S."). */
const asRead = (span, names) => names.find((m) => overlaps(m, span)) ?? span;

for (const r of rows) {
  const doc = buildDoc(r.text);
  const found = pipelineNames(r.text);
  // DSE's p is the first-marked entity: the holder, or the target when the stance runs q -> p.
  const p = asRead(r.direction === 'q->p' ? r.target : r.holder, found);
  const q = asRead(r.direction === 'q->p' ? r.holder : r.target, found);
  if (overlaps(p, q)) continue;
  const [a, b] = p.start <= q.start ? [p, q] : [q, p];
  const pair = { aFirst: tokenAt(doc, a.start), aLast: tokenAt(doc, a.end - 1), bFirst: tokenAt(doc, b.start), bLast: tokenAt(doc, b.end - 1) };
  if (pair.bFirst <= pair.aLast) continue; // overlapping names: no pair
  const input = pairInput(doc, pair);
  const label = a === p ? r.dse_label : SWAPPED[r.dse_label];
  process.stdout.write(`${JSON.stringify({ id: r.id, ...input, label, group: r.text })}\n`);
  if (!unmarked || done.has(r.text)) continue;
  done.add(r.text);
  const names = found.filter((m) => !marked.get(r.text).some((s) => overlaps(s, m)));
  // pairs with at least one unmarked name: neither of DSE's marked names, so no stance was annotated
  const all = [...names, ...marked.get(r.text).map((m) => ({ ...m, entity: `marked:${m.start}` }))].sort((x, y) => x.start - y.start);
  for (let i = 0; i < all.length; i += 1) {
    for (let j = i + 1; j < all.length; j += 1) {
      const [x, y] = [all[i], all[j]];
      if (x.entity === y.entity || overlaps(x, y) || (x.entity.startsWith('marked:') && y.entity.startsWith('marked:'))) continue;
      const extra = { aFirst: tokenAt(doc, x.start), aLast: tokenAt(doc, x.end - 1), bFirst: tokenAt(doc, y.start), bLast: tokenAt(doc, y.end - 1) };
      if (extra.bFirst <= extra.aLast || doc.tokens[extra.aFirst].sentence !== doc.tokens[extra.bFirst].sentence) continue;
      process.stdout.write(`${JSON.stringify({ id: `${r.id}-u${i}-${j}`, ...pairInput(doc, extra), label: 0, group: r.text, unmarked: true })}\n`);
    }
  }
}
