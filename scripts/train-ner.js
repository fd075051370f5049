#!/usr/bin/env node
// npm run train:ner: trains the named-entity tagger (structured averaged perceptron, Viterbi, BIO)
// on CoNLL-2003 train over wink's tokens, and writes src/models/ner-features.txt and ner-weights.bin.
// usage: node scripts/train-ner.js [--epochs 15] [--folds K] [--dev] [--out src/models/]
//   --folds K  K-fold cross-validation on train (reports F1 per fold; writes nothing)
//   --dev      also scores conll03-dev after every epoch (for reading, not for choosing)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { builtInGazetteer } from '../dist/knowledge/gazetteer.js';
import {
  LABELS, OFFSETS, contextFeatures, contextKey, docFacts, formFeatures, gazetteerTags, shapeOf, transitionFeatures,
} from '../dist/ner/features.js';
import { NerTagger, spansOf } from '../dist/ner/tagger.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const epochs = Number(option('--epochs', 15)); // chosen by 3-fold cross-validation on train: 10 -> 87.9, 15 -> 88.1
const folds = Number(option('--folds', 0));
const out = option('--out', fileURLToPath(new URL('../src/models/', import.meta.url)));
const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const L = LABELS.length;
const gazetteer = builtInGazetteer();

const readJsonl = (file) => readFileSync(`${data}/${file}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

/** An article as the tagger sees it: tokens, gold BIO labels, per-token feature strings. */
function prepare(record) {
  const doc = buildDoc(record.text);
  const gold = new Uint8Array(doc.tokens.length);
  for (const e of record.entities) {
    let first = true;
    doc.tokens.forEach((token, t) => {
      if (token.start >= e.start && token.start < e.end) {
        gold[t] = LABELS.indexOf(`${first ? 'B' : 'I'}-${e.type}`);
        first = false;
      }
    });
  }
  const facts = docFacts(doc);
  const gazetteerTag = gazetteerTags(doc, gazetteer);
  const sentences = doc.sentences.map((sentence) => {
    const tokens = [];
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      const features = contextFeatures(contextKey(doc, t, facts, gazetteerTag[t]));
      for (const offset of OFFSETS) {
        const at = t + offset;
        if (at >= sentence.firstToken && at <= sentence.lastToken) features.push(...formFeatures(doc.tokens[at].text, offset, gazetteer));
      }
      tokens.push({ features, shape: shapeOf(doc.tokens[t].text), gold: gold[t] });
    }
    return tokens;
  });
  return { record, doc, sentences };
}

/** Interns feature strings; the weights are one flat array of L per feature. */
class Weights {
  constructor() { this.ids = new Map(); this.w = new Float64Array(1 << 20); this.u = new Float64Array(1 << 20); this.c = 1; }
  id(feature, add) {
    let id = this.ids.get(feature);
    if (id === undefined && add) {
      id = this.ids.size;
      this.ids.set(feature, id);
      if ((id + 1) * L > this.w.length) {
        const w = new Float64Array(this.w.length * 2); w.set(this.w); this.w = w;
        const u = new Float64Array(this.u.length * 2); u.set(this.u); this.u = u;
      }
    }
    return id;
  }
  update(id, label, delta) {
    this.w[id * L + label] += delta;
    this.u[id * L + label] += this.c * delta;
  }
  averaged() {
    const model = new Map();
    for (const [feature, id] of this.ids) {
      const v = new Float32Array(L);
      let any = false;
      for (let l = 0; l < L; l += 1) {
        v[l] = this.w[id * L + l] - this.u[id * L + l] / this.c;
        if (v[l] !== 0) any = true;
      }
      if (any) model.set(feature, v);
    }
    return { weights: model };
  }
}

function compile(articles, weights, add) {
  const transitionIds = new Map();
  for (const article of articles) {
    for (const sentence of article.sentences) {
      for (const token of sentence) {
        token.ids = Int32Array.from(token.features.map((f) => weights.id(f, add)).filter((id) => id !== undefined));
        if (!transitionIds.has(token.shape)) {
          transitionIds.set(token.shape, LABELS.map((prev) => transitionFeatures(prev, token.shape).map((f) => weights.id(f, true))));
        }
        token.transitions = transitionIds.get(token.shape);
      }
    }
  }
}

const allowed = (prev, label) => !LABELS[label].startsWith('I-') || LABELS[prev].slice(2) === LABELS[label].slice(2);

function viterbi(sentence, weights) {
  const n = sentence.length;
  const back = new Uint8Array(n * L);
  let previous = new Float64Array(L);
  for (let i = 0; i < n; i += 1) {
    const token = sentence[i];
    const emission = new Float64Array(L);
    for (const id of token.ids) for (let l = 0; l < L; l += 1) emission[l] += weights.w[id * L + l];
    const trans = token.transitions.map((ids) => {
      const s = new Float64Array(L);
      for (const id of ids) for (let l = 0; l < L; l += 1) s[l] += weights.w[id * L + l];
      return s;
    });
    const current = new Float64Array(L);
    for (let l = 0; l < L; l += 1) {
      if (i === 0) { current[l] = LABELS[l].startsWith('I-') ? -Infinity : emission[l] + trans[0][l]; continue; }
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < L; p += 1) {
        if (!allowed(p, l)) continue;
        const s = previous[p] + trans[p][l];
        if (s > best) { best = s; arg = p; }
      }
      current[l] = best + emission[l];
      back[i * L + l] = arg;
    }
    previous = current;
  }
  const labels = new Uint8Array(n);
  let label = 0;
  for (let l = 1; l < L; l += 1) if (previous[l] > previous[label]) label = l;
  for (let i = n - 1; i >= 0; i -= 1) { labels[i] = label; label = back[i * L + label]; }
  return labels;
}

function train(articles, weights, onEpoch) {
  compile(articles, weights, true);
  const sentences = articles.flatMap((a) => a.sentences);
  let state = 20261125;
  const random = () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    // Seeded shuffle: the same data gives the same model.
    for (let i = sentences.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
    }
    let errors = 0;
    for (const sentence of sentences) {
      const predicted = viterbi(sentence, weights);
      for (let i = 0; i < sentence.length; i += 1) {
        const token = sentence[i];
        const gold = token.gold;
        const guess = predicted[i];
        const goldPrev = i ? sentence[i - 1].gold : 0;
        const guessPrev = i ? predicted[i - 1] : 0;
        if (gold !== guess) {
          errors += 1;
          for (const id of token.ids) { weights.update(id, gold, 1); weights.update(id, guess, -1); }
        }
        if (gold !== guess || goldPrev !== guessPrev) {
          for (const id of token.transitions[goldPrev]) weights.update(id, gold, 1);
          for (const id of token.transitions[guessPrev]) weights.update(id, guess, -1);
        }
      }
      weights.c += 1;
    }
    onEpoch?.(epoch, errors);
  }
}

/** The averaged weights as the tagger reads a shipped model (labels, feature index, weights). */
function asLinearModel(averaged) {
  const index = new Map();
  const buffer = new Float32Array(averaged.weights.size * L);
  let i = 0;
  for (const [feature, vector] of averaged.weights) { buffer.set(vector, i * L); index.set(feature, i * L); i += 1; }
  return { labels: LABELS, index, weights: buffer };
}

/** Exact span-and-type F1 of a model over prepared articles (gold from the records). */
function score(averaged, articles) {
  const tagger = new NerTagger(asLinearModel(averaged), gazetteer);
  let tp = 0; let predicted = 0; let gold = 0;
  for (const { record, doc } of articles) {
    const goldSet = new Set(record.entities.map((e) => `${e.start}:${e.end}:${e.type}`));
    gold += goldSet.size;
    for (const span of spansOf(tagger.tag(doc))) {
      predicted += 1;
      if (goldSet.has(`${doc.tokens[span.firstToken].start}:${doc.tokens[span.lastToken].end}:${span.type}`)) tp += 1;
    }
  }
  const p = tp / (predicted || 1);
  const r = tp / (gold || 1);
  return (2 * p * r) / (p + r || 1);
}

const started = performance.now();
const trainSet = readJsonl('ner/conll03-train.jsonl').map(prepare);
console.log(`prepared ${trainSet.length} articles in ${((performance.now() - started) / 1000).toFixed(1)}s`);

if (folds > 1) {
  const scores = [];
  for (let k = 0; k < folds; k += 1) {
    const held = trainSet.filter((_, i) => i % folds === k);
    const rest = trainSet.filter((_, i) => i % folds !== k);
    const weights = new Weights();
    train(rest, weights);
    scores.push(score(weights.averaged(), held));
    console.log(`fold ${k + 1}/${folds}: F1 ${(100 * scores[k]).toFixed(1)}`);
  }
  console.log(`cross-validated F1 ${(100 * scores.reduce((a, b) => a + b, 0) / folds).toFixed(1)}`);
  process.exit(0);
}

const devSet = args.includes('--dev') ? readJsonl('ner/conll03-dev.jsonl').map(prepare) : [];
const weights = new Weights();
train(trainSet, weights, (epoch, errors) => {
  const dev = devSet.length ? ` dev F1 ${(100 * score(weights.averaged(), devSet)).toFixed(1)}` : '';
  console.log(`epoch ${epoch}: ${errors} token errors${dev} (${((performance.now() - started) / 1000).toFixed(0)}s)`);
});

// Ship: averaged weights, features whose weights are all small dropped.
const MIN_WEIGHT = Number(option('--min-weight', 0.05));
const kept = [];
for (const [feature, vector] of weights.averaged().weights) {
  if (vector.some((v) => Math.abs(v) >= MIN_WEIGHT)) kept.push([feature, vector.map((v) => (Math.abs(v) >= MIN_WEIGHT ? v : 0))]);
}
const buffer = new Float32Array(kept.length * L);
kept.forEach(([, vector], i) => buffer.set(vector, i * L));
writeFileSync(`${out}/ner-features.txt`, `${LABELS.join('\t')}\n${kept.map(([feature]) => feature).join('\n')}\n`);
writeFileSync(`${out}/ner-weights.bin`, new Uint8Array(buffer.buffer));
console.log(`wrote ${out}: ${kept.length} features, ${epochs} epochs, trained on CoNLL-2003 English train (${trainSet.length} articles)`);
