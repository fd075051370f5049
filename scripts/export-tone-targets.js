#!/usr/bin/env node
// Writes NewsMTSC (train, or another file of target sentiment) as the pair encoder's trainer reads
// it, one target a line: {words, tags, a (the target's token range in its sentence), b: null,
// label (index in TONE_LABELS: 0 negative, 1 neutral, 2 positive), group (the text, for grouped
// folds)}. npm run train:tone-encoder trains on it (train-stance-encoder.py --single).
// usage: node scripts/export-tone-targets.js [stance/newsmtsc-train.jsonl] > targets.jsonl
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { targetInput } from '../dist/tone/tone-encoder.js';
import { TONE_LABELS } from '../dist/tone/tone-model.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const file = process.argv[2] ?? 'stance/newsmtsc-train.jsonl';
let written = 0;
for (const line of readFileSync(`${data}/${file}`, 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line);
  const doc = buildDoc(r.text);
  // the target's sentence is the context, as the pipeline reads a target (targetInput)
  const input = targetInput(doc, r.target);
  if (!input) continue;
  process.stdout.write(`${JSON.stringify({ id: r.id, ...input, b: null, label: TONE_LABELS.indexOf(r.label), group: r.text })}\n`);
  written += 1;
}
console.error(`${written} targets`);
