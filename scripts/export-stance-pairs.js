#!/usr/bin/env node
// Writes DSE train (or another DSE file) as the pair encoder reads it, one JSON line a pair:
// {words, tags, a, b, label (five classes, a = the name that comes first), group (the sentence,
// for grouped folds)}. scripts/train-stance-encoder.py trains on it.
// usage: node scripts/export-stance-pairs.js [stance/dse-train.jsonl] > pairs.jsonl
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { tokenAt } from '../dist/doc/spans.js';
import { pairInput } from '../dist/stance/pair-input.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const file = process.argv[2] ?? 'stance/dse-train.jsonl';
/** The five DSE classes with the two names' order swapped. */
const SWAPPED = { 0: 0, 1: 2, 2: 1, 3: 4, 4: 3 };

for (const line of readFileSync(`${data}/${file}`, 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  const doc = buildDoc(r.text);
  // DSE's p is the first-marked entity: the holder, or the target when the stance runs q -> p.
  const p = r.direction === 'q->p' ? r.target : r.holder;
  const q = r.direction === 'q->p' ? r.holder : r.target;
  const [a, b] = p.start <= q.start ? [p, q] : [q, p];
  const pair = { aFirst: tokenAt(doc, a.start), aLast: tokenAt(doc, a.end - 1), bFirst: tokenAt(doc, b.start), bLast: tokenAt(doc, b.end - 1) };
  if (pair.bFirst <= pair.aLast) continue; // overlapping names: no pair
  const input = pairInput(doc, pair);
  const label = a === p ? r.dse_label : SWAPPED[r.dse_label];
  process.stdout.write(`${JSON.stringify({ id: r.id, ...input, label, group: r.text })}\n`);
}
