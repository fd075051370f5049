#!/usr/bin/env node
// What each rule of the stance stage removes on real news: BBC articles are read with the shipped
// stage and again with one rule of StanceGates switched off; the edges drawn only without the rule
// are the ones it keeps from readers. Counts per rule over the articles, and a fixed-seed sample of
// those edges per rule as Markdown rows for a hand-check (docs/hand-check-stance-rules.md).
// usage: node scripts/stance-rule-effects.js [--step 1] [--per-rule 6] [--seed 1]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { stageContext } from '../dist/analyze.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { toAnalysis } from '../dist/to-analysis.js';
import { SHIPPED_GATES } from '../dist/stages/find-stances.js';
import { shippedPairEncoder } from '../dist/stance/pair-encoder.js';
import { shippedStanceModel } from '../dist/stance/stance-model.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const step = option('--step', 1);
const perRule = option('--per-rule', 6);
let seed = option('--seed', 1);

const root = join(data, 'articles', 'bbc');
const files = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.txt')).map(String).sort().filter((_, i) => i % step === 0);
const texts = files.map((file) => readFileSync(join(root, file), 'utf8'));
const prepared = stageContext();
const models = { linear: shippedStanceModel(), encoder: shippedPairEncoder() };
const stages = defaultStages.filter((s) => s.name !== 'tone' && s.name !== 'targets');
const parts = new Set(['entities', 'stances']);

/** Every edge of every article with these rules, by a key of article, sentence, holder, target and polarity. */
function edges(gates) {
  const found = new Map();
  texts.forEach((text, k) => {
    const doc = runStages(buildDoc(text), stages, { ...prepared, targets: [], stancePairs: { models, gates } });
    const analysis = toAnalysis(doc, { id: files[k], parts, elapsedMs: 0 });
    const name = (id) => analysis.entities.find((e) => e.id === id)?.name ?? id;
    for (const s of analysis.stances) {
      const edge = `${name(s.holder)} -> ${name(s.target)} ${s.label}`;
      found.set(`${files[k]}|${s.evidence.start}|${edge}`, { file: files[k], edge, cue: s.cue, sentence: text.slice(s.evidence.start, s.evidence.end).replace(/\s+/g, ' ') });
    }
  });
  return found;
}

// mulberry32: a fixed seed draws the same sample again
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const shuffled = (list) => {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
};

const shipped = edges(SHIPPED_GATES);
console.log(`<!-- ${files.length} BBC articles (every ${step}th), ${shipped.size} edges as shipped; up to ${perRule} removed edges drawn per rule with seed ${option('--seed', 1)} -->`);
const switches = [['lexicalCue', 'none'], ...Object.keys(SHIPPED_GATES).filter((g) => SHIPPED_GATES[g] === true).map((g) => [g, false])];
const cell = (x) => x.replace(/\|/g, '\\|');
for (const [gate, off] of switches) {
  const without = edges({ ...SHIPPED_GATES, [gate]: off });
  const removed = [...without].filter(([key]) => !shipped.has(key)).map(([, e]) => e);
  const added = [...shipped.keys()].filter((key) => !without.has(key)).length;
  console.log(`\n### ${gate}: ${removed.length} edges removed, ${added} drawn only with it\n`);
  if (!removed.length) continue;
  console.log('| # | file | edge | cue | sentence | verdict |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  shuffled(removed).slice(0, perRule).forEach((e, i) => console.log(`| ${i + 1} | ${e.file} | ${cell(e.edge)} | ${cell(e.cue)} | ${cell(e.sentence)} | |`));
}
