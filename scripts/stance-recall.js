#!/usr/bin/env node
// Where the stance stage loses DSE's polar pairs: each marked pair of a non-neutral row, followed
// through the pipeline with the shipped models and rules, lands in the first step that drops it:
//   no entity     a marked span overlaps no entity of a stance type (the NER missed the name)
//   same entity   both spans are one entity (merged aliases, or one name inside the other)
//   not asked     the rules never give the pair to the encoder (another name nearer, no stance
//                 word in the sentence, the cap of names per sentence ...)
//   below         the encoder read it, its best stance class under the threshold
//   wrong class   the encoder's best stance class (over the threshold) has another direction or polarity
//   rejected      over the threshold with the right class, but a rule dropped the reading
//   found         the edge is in the Analysis with the right direction and polarity
// Where the encoder read the pair, the step also counts how its reading compared (for "not asked"
// nothing is known of it). For reading, not fitting: it tells where recall goes, on dev or train.
// usage: node scripts/stance-recall.js [stance/dse-dev.jsonl] [--examples N]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDoc } from '../dist/doc/build-doc.js';
import { stageContext } from '../dist/analyze.js';
import { defaultStages, runStages } from '../dist/stages/index.js';
import { toAnalysis } from '../dist/to-analysis.js';
import { NO_GATES, SHIPPED_GATES } from '../dist/stages/find-stances.js';
import { shippedPairEncoder } from '../dist/stance/pair-encoder.js';
import { shippedStanceModel } from '../dist/stance/stance-model.js';
import { sentenceOf, spanIn } from './lib/stage-pairs.js';

const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../shared/data', import.meta.url));
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? 'stance/dse-dev.jsonl';
const examples = args.includes('--examples') ? Number(args[args.indexOf('--examples') + 1]) : 0;
const rows = readFileSync(`${data}/${file}`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.dse_label > 0);

const encoder = shippedPairEncoder();
const prepared = stageContext();
const overlaps = (x, y) => x.start < y.end && y.start < x.end;
const STANCE_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
/** DSE's five classes with a and b swapped. */
const SWAPPED = { 0: 0, 1: 2, 2: 1, 3: 4, 4: 3 };

const steps = new Map();
const shown = new Map();
const count = (step, r) => {
  steps.set(step, (steps.get(step) ?? 0) + 1);
  if ((shown.get(step) ?? []).length < examples) shown.set(step, [...(shown.get(step) ?? []), `${r.holder.text} -> ${r.target.text} (${r.label}) | ${r.text}`]);
};
const byText = new Map();
for (const r of rows) byText.set(r.text, [...(byText.get(r.text) ?? []), r]);
for (const [text, textRows] of byText) {
  const doc = buildDoc(text);
  const { read, analysis } = readWith(doc, SHIPPED_GATES);
  for (const r of textRows) {
    const [p, q] = r.direction === 'q->p' ? [r.target, r.holder] : [r.holder, r.target];
    const entitiesOver = (span) => new Set(analysis.entities.filter((e) => STANCE_TYPES.has(e.type) && e.mentions.some((m) => overlaps(m, span))).map((e) => e.id));
    const pe = entitiesOver(p);
    const qe = entitiesOver(q);
    const found = analysis.stances.find((s) => (pe.has(s.holder) && qe.has(s.target)) || (qe.has(s.holder) && pe.has(s.target)));
    const predicted = !found ? 0 : pe.has(found.holder) ? (found.label === 'positive' ? 1 : 3) : (found.label === 'positive' ? 2 : 4);
    if (predicted === r.dse_label) { count('found', r); continue; }
    if (!pe.size || !qe.size) { count('no entity', r); continue; }
    if ([...pe].some((e) => qe.has(e))) { count('same entity', r); continue; }
    const readingOf = (readings) => readings.find(({ a, b }) => (overlaps(a, p) && overlaps(b, q)) || (overlaps(a, q) && overlaps(b, p)));
    const reading = readingOf(read);
    if (!reading) {
      // the one rule whose absence alone lets the encoder read the pair, if there is one
      const rule = Object.keys(SHIPPED_GATES).find((gate) => readingOf(readWith(buildDoc(text), { ...SHIPPED_GATES, [gate]: NO_GATES[gate] }).read));
      const anyRule = readingOf(readWith(buildDoc(text), NO_GATES).read);
      count(`not asked: ${rule ?? (anyRule ? 'several rules' : 'no rule (cap, other sentence)')}`, r);
      continue;
    }
    // the gold class as the encoder's a and b read it (a is the name that comes first)
    const gold = overlaps(reading.a, p) ? r.dse_label : SWAPPED[r.dse_label];
    let best = 1;
    for (let l = 2; l < 5; l += 1) if (reading.p[l] > reading.p[best]) best = l;
    if (reading.p[best] < encoder.threshold) count(reading.p[gold] >= 0.2 ? 'below threshold (p >= 0.2)' : 'below threshold (p < 0.2)', r);
    else if (best !== gold) count('wrong class', r);
    else count('rejected by a rule', r);
  }
}

/** The stage run over a Doc under these rules: the pairs the encoder read and the Analysis. */
function readWith(doc, gates) {
  // every pair the encoder reads, with its class probabilities, by the character spans of the two names
  const read = [];
  const recorder = {
    threshold: encoder.threshold,
    classify(words, tags, names, pairs) {
      const sentence = sentenceOf(doc, words);
      const span = (range) => spanIn(doc, sentence, range);
      const probabilities = encoder.classify(words, tags, names, pairs);
      pairs.forEach(([i, j], c) => read.push({ a: span(names[i]), b: span(names[j]), p: probabilities[c] }));
      return probabilities;
    },
  };
  runStages(doc, defaultStages.filter((s) => s.name !== 'targets'), { ...prepared, targets: [], stancePairs: { models: { linear: shippedStanceModel(), encoder: recorder }, gates } });
  return { read, analysis: toAnalysis(doc, { id: 'x', parts: new Set(['entities', 'quotes', 'stances']), elapsedMs: 0 }) };
}
const total = rows.length;
console.log(`${file}: ${total} polar rows`);
for (const [step, n] of [...steps].sort((x, y) => y[1] - x[1])) {
  console.log(`  ${step.padEnd(32)} ${String(n).padStart(5)}  ${(100 * n / total).toFixed(1).padStart(5)}%`);
  for (const e of shown.get(step) ?? []) console.log(`      ${e.slice(0, 220)}`);
}
