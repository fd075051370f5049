#!/usr/bin/env node
// npm run eval: scores the CLI (JSONL in, JSONL out) against the dev sets in ../shared/data.
// usage: node scripts/eval.js [--limit N] [--json] [--only ner,quotes,stance] [--stance-threshold P]
//   --stance-threshold: passed to the CLI for the stance scores (reporting; no choice is made on dev)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { macroF1, scoreDse } from './lib/score-dse.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const bin = `${root}bin/newslens.js`;
const args = process.argv.slice(2);
const flag = (name) => args.indexOf(name);
const limit = flag('--limit') >= 0 ? Number(args[flag('--limit') + 1]) : Infinity;
const asJson = flag('--json') >= 0;
const tasks = flag('--only') >= 0 ? args[flag('--only') + 1].split(',') : ['ner', 'quotes', 'stance'];
const stanceArgs = flag('--stance-threshold') >= 0 ? ['--stance-threshold', args[flag('--stance-threshold') + 1]] : [];

if (!existsSync(data)) {
  console.log(`eval: skipped, no data at ${data} (the dev sets live in ../shared/data)`);
  process.exit(0);
}

const readJsonl = (file) => readFileSync(`${data}/${file}`, 'utf8').split('\n').filter(Boolean).slice(0, limit).map((l) => JSON.parse(l));

/** Runs the CLI over records and returns its Analyses by id. */
function runCli(records, extraArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '-', '--input-format', 'jsonl', '-f', 'jsonl', '-q', ...extraArgs], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks = [];
    child.stdout.on('data', (c) => chunks.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const out = new Map();
      for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
        if (!line) continue;
        const a = JSON.parse(line);
        out.set(a.id, a);
      }
      resolve(out);
    });
    child.stdin.on('error', () => {});
    for (const r of records) child.stdin.write(`${JSON.stringify(r)}\n`);
    child.stdin.end();
  });
}

const f1 = (tp, predicted, gold) => {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const pct = (x) => (100 * x).toFixed(1);

// NER: exact span and type, CoNLL classes; only `name` mentions count.
const CONLL = { PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC', FAC: 'LOC', NORP: 'MISC', EVENT: 'MISC', PRODUCT: 'MISC', WORK_OF_ART: 'MISC', LAW: 'MISC', LANGUAGE: 'MISC' };
async function evalNer() {
  const records = readJsonl('ner/conll03-dev.jsonl');
  const out = await runCli(records.map(({ id, text }) => ({ id, text })), ['--only', 'entities']);
  const counts = {};
  const bump = (cls, key) => { counts[cls] ??= { tp: 0, pred: 0, gold: 0 }; counts[cls][key] += 1; };
  for (const r of records) {
    const gold = new Set(r.entities.map((e) => `${e.start}:${e.end}:${e.type}`));
    for (const e of r.entities) bump(e.type, 'gold');
    const predicted = new Set();
    for (const e of out.get(r.id)?.entities ?? []) {
      const cls = CONLL[e.type];
      if (!cls) continue;
      for (const m of e.mentions) if (m.kind === 'name') predicted.add(`${m.start}:${m.end}:${cls}`);
    }
    for (const key of predicted) {
      const cls = key.split(':')[2];
      bump(cls, 'pred');
      if (gold.has(key)) bump(cls, 'tp');
    }
  }
  const all = Object.values(counts).reduce((a, c) => ({ tp: a.tp + c.tp, pred: a.pred + c.pred, gold: a.gold + c.gold }), { tp: 0, pred: 0, gold: 0 });
  const perClass = Object.fromEntries(['PER', 'ORG', 'LOC', 'MISC'].map((c) => [c, f1(counts[c]?.tp ?? 0, counts[c]?.pred ?? 0, counts[c]?.gold ?? 0).f1]));
  return { articles: records.length, ...f1(all.tp, all.pred, all.gold), perClass };
}

// Quotes: one-to-one matching at character Jaccard >= 0.5; PolNeAR `mixed` is our `partial`.
const jaccard = (a, b) => {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = a.end - a.start + (b.end - b.start) - inter;
  return union ? inter / union : 0;
};
function matchQuotes(gold, predicted) {
  const pairs = [];
  gold.forEach((g, i) => predicted.forEach((p, j) => { const s = jaccard(g, p); if (s >= 0.5) pairs.push([s, i, j]); }));
  pairs.sort((a, b) => b[0] - a[0]);
  const usedG = new Set();
  const usedP = new Set();
  const matches = [];
  for (const [s, i, j] of pairs) {
    if (usedG.has(i) || usedP.has(j)) continue;
    usedG.add(i); usedP.add(j); matches.push({ gold: gold[i], pred: predicted[j], exact: s === 1 });
  }
  return matches;
}
const lastWord = (s) => (s ?? '').toLowerCase().replace(/[’']s$/, '').split(/\s+/).filter(Boolean).at(-1);
function speakerRight(gold, pred) {
  if (!pred.speaker) return false;
  const m = pred.speaker.mention;
  if (m && gold.speakerSpans.some(([s, e]) => m.start < e && s < m.end)) return true;
  const goldLast = lastWord(gold.speaker);
  return Boolean(goldLast) && goldLast.length > 2 && lastWord(pred.speaker.name) === goldLast;
}
async function evalQuotes() {
  const records = readJsonl('quotes/polnear-dev.jsonl');
  const out = await runCli(records.map(({ id, text }) => ({ id, text })), ['--only', 'quotes']);
  const score = (keepGold, keepPred) => {
    let tp = 0; let pred = 0; let gold = 0; let exact = 0; let withSpeaker = 0; let speakerOk = 0; let endToEnd = 0;
    for (const r of records) {
      const g = r.quotes.filter(keepGold);
      const p = (out.get(r.id)?.quotes ?? []).filter(keepPred);
      gold += g.length; pred += p.length;
      for (const m of matchQuotes(g, p)) {
        tp += 1;
        if (m.exact) exact += 1;
        const right = m.gold.speaker ? speakerRight(m.gold, m.pred) : m.pred.speaker === null;
        if (m.gold.speaker) { withSpeaker += 1; if (right) speakerOk += 1; }
        if (right) endToEnd += 1;
      }
    }
    return { ...f1(tp, pred, gold), exactRate: tp ? exact / tp : 0, speakerAccuracy: withSpeaker ? speakerOk / withSpeaker : 0, endToEnd: f1(endToEnd, pred, gold).f1 };
  };
  return { articles: records.length, direct: score((q) => q.kind === 'direct', (q) => q.kind === 'direct'), all: score(() => true, () => true) };
}

// Stance: target tone macro-F1 (NewsMTSC, PerSenT) and directed stance on DSE.
const LABELS = ['positive', 'neutral', 'negative'];
async function evalTone(file, toTarget) {
  const records = readJsonl(file);
  const out = await runCli(records.map((r) => ({ id: r.id, text: r.text, targets: [toTarget(r)] })), ['--only', 'entities']);
  return { items: records.length, ...macroF1(records.map((r) => [r.label, out.get(r.id)?.targets?.[0]?.label ?? 'neutral']), LABELS) };
}
async function evalDse() {
  const records = readJsonl('stance/dse-dev.jsonl');
  return scoreDse(records, await runCli(records.map(({ id, text }) => ({ id, text })), ['--only', 'entities,stances', ...stanceArgs]));
}

const results = {};
const started = performance.now();
if (tasks.includes('ner')) results.ner = await evalNer();
if (tasks.includes('quotes')) results.quotes = await evalQuotes();
if (tasks.includes('stance')) {
  results.newsmtscRw = await evalTone('stance/newsmtsc-rw-dev.jsonl', (r) => ({ start: r.target.start, end: r.target.end }));
  results.newsmtscMt = await evalTone('stance/newsmtsc-mt-dev.jsonl', (r) => ({ start: r.target.start, end: r.target.end }));
  results.persent = await evalTone('stance/persent-dev.jsonl', (r) => r.entity);
  results.dse = await evalDse();
}
results.seconds = Math.round((performance.now() - started) / 100) / 10;

if (asJson) console.log(JSON.stringify(results, null, 2));
else {
  const { ner, quotes, newsmtscRw, newsmtscMt, persent, dse } = results;
  if (ner) console.log(`NER  conll03-dev (${ner.articles} articles): F1 ${pct(ner.f1)} (P ${pct(ner.p)} R ${pct(ner.r)}) | ${Object.entries(ner.perClass).map(([c, v]) => `${c} ${pct(v)}`).join(' ')}`);
  if (quotes) {
    for (const kind of ['direct', 'all']) {
      const q = quotes[kind];
      console.log(`QUOTES polnear-dev ${kind.padEnd(6)}: span F1 ${pct(q.f1)} (P ${pct(q.p)} R ${pct(q.r)}) exact ${pct(q.exactRate)} | speaker acc ${pct(q.speakerAccuracy)} | end-to-end F1 ${pct(q.endToEnd)}`);
    }
  }
  if (newsmtscRw) console.log(`TONE newsmtsc-rw-dev: macro-F1 ${pct(newsmtscRw.macroF1)} acc ${pct(newsmtscRw.accuracy)} | newsmtsc-mt-dev: macro-F1 ${pct(newsmtscMt.macroF1)} acc ${pct(newsmtscMt.accuracy)} | persent-dev: macro-F1 ${pct(persent.macroF1)} acc ${pct(persent.accuracy)}`);
  if (dse) console.log(`STANCE dse-dev (${dse.items}): five-class macro-F1 ${pct(dse.fiveClass.macroF1)} acc ${pct(dse.fiveClass.accuracy)} | directed edges F1 ${pct(dse.edges.f1)} (P ${pct(dse.edges.p)} R ${pct(dse.edges.r)})`);
  console.log(`eval took ${results.seconds}s`);
}
