#!/usr/bin/env node
// The stance pair encoder alone: the pipeline reads the BBC articles once to collect every
// sentence's pairs as the stage asks for them, then a fresh encoder classifies them all twice, cold
// (each word's share computed at first sight) and warm; the md5 of the probabilities shows whether
// a change to the inference kept them to the bit.
// usage: node scripts/bench-encoder.js [FOLDER]
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { stageContext } from '../dist/analyze.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { SHIPPED_GATES } from '../dist/stages/find-stances.js';
import { PairEncoder, shippedPairEncoder } from '../dist/stance/pair-encoder.js';
import { shippedStanceModel } from '../dist/stance/stance-model.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const root = process.argv[2] ?? join(data, 'articles', 'bbc');
const files = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.txt')).map(String).sort();
const shipped = shippedPairEncoder();
const calls = [];
const recorder = {
  threshold: shipped.threshold,
  classify(words, tags, names, pairs) {
    calls.push({ words: [...words], tags: [...tags], names: names.map((x) => [...x]), pairs: pairs.map((x) => [...x]) });
    return shipped.classify(words, tags, names, pairs);
  },
};
const prepared = stageContext();
const context = { ...prepared, targets: [], stancePairs: { models: { linear: shippedStanceModel(), encoder: recorder }, gates: SHIPPED_GATES } };
for (const file of files) runStages(buildDoc(readFileSync(join(root, file), 'utf8')), defaultStages, context);
console.log(`${files.length} articles: ${calls.length} sentences, ${calls.reduce((n, c) => n + c.pairs.length, 0)} pairs`);

const started = performance.now();
const encoder = new PairEncoder(
  JSON.parse(readFileSync(new URL('../dist/models/stance-encoder.json', import.meta.url), 'utf8')),
  readFileSync(new URL('../dist/models/stance-encoder.bin', import.meta.url)),
);
console.log(`load ${(performance.now() - started).toFixed(0)} ms`);
for (const round of ['cold', 'warm']) {
  const md5 = createHash('md5');
  const t = performance.now();
  for (const c of calls) for (const p of encoder.classify(c.words, c.tags, c.names, c.pairs)) md5.update(new Uint8Array(p.buffer));
  console.log(`${round} ${(performance.now() - t).toFixed(0)} ms, probabilities md5 ${md5.digest('hex')}`);
}
