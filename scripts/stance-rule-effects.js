#!/usr/bin/env node
// What each rule of the stance stage removes on real news: BBC articles are read with the shipped
// stage and again with one rule of StanceGates switched off; the edges drawn only without the rule
// are the ones it keeps from readers. Counts per rule over the articles, and a fixed-seed sample of
// those edges per rule as Markdown rows for a hand-check (docs/hand-check-stance-rules.md).
// usage: node scripts/stance-rule-effects.js [--step 1] [--per-rule 6] [--seed 1] [--gate NAME (that rule only)]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDoc } from '../dist/doc/build-doc.js';
import { stageContext } from '../dist/analyze.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { toAnalysis } from '../dist/to-analysis.js';
import { SHIPPED_GATES } from '../dist/stages/find-stances.js';
import { shippedPairEncoder } from '../dist/stance/pair-encoder.js';
import { shippedStanceModel } from '../dist/stance/stance-model.js';
import { bbcArticles, cell, option, seededRandom, shuffle } from './lib/hand-check.js';

const step = option('--step', 1);
const perRule = option('--per-rule', 6);
const random = seededRandom(option('--seed', 1));

const { root, files: all } = bbcArticles();
const files = all.filter((_, i) => i % step === 0);
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

const shipped = edges(SHIPPED_GATES);
console.log(`<!-- ${files.length} BBC articles (every ${step}th), ${shipped.size} edges as shipped; up to ${perRule} removed edges drawn per rule with seed ${option('--seed', 1)} -->`);
const only = process.argv.includes('--gate') ? process.argv[process.argv.indexOf('--gate') + 1] : null;
// A rule of a number (linearAgreement) is off at 0.
const switches = [['lexicalCue', 'none'], ...Object.keys(SHIPPED_GATES).filter((g) => SHIPPED_GATES[g] === true || SHIPPED_GATES[g] > 0).map((g) => [g, SHIPPED_GATES[g] === true ? false : 0])]
  .filter(([gate]) => only === null || gate === only);
for (const [gate, off] of switches) {
  const without = edges({ ...SHIPPED_GATES, [gate]: off });
  const removed = [...without].filter(([key]) => !shipped.has(key)).map(([, e]) => e);
  const added = [...shipped.keys()].filter((key) => !without.has(key)).length;
  console.log(`\n### ${gate}: ${removed.length} edges removed, ${added} drawn only with it\n`);
  if (!removed.length) continue;
  console.log('| # | file | edge | cue | sentence | verdict |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  shuffle(removed, random).slice(0, perRule).forEach((e, i) => console.log(`| ${i + 1} | ${e.file} | ${cell(e.edge)} | ${cell(e.cue)} | ${cell(e.sentence)} | |`));
}
