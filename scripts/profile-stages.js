// npm run bench -- --profile: where the time and the memory traffic of one process go.
// 1. Fixed costs: importing the code, then loading each model and lexicon, once, in a fresh process.
// 2. The pipeline stage by stage over the corpus: every article's Doc is built first (wink), then
//    each stage runs over all Docs before the next, so each stage's wall time, GC time and bytes
//    allocated are its own. Allocation = growth of the used heap + what each GC in the pass freed
//    (v8.GCProfiler). Run as: node --max-old-space-size=8192 scripts/profile-stages.js [FOLDER]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const corpus = process.argv[2] ?? fileURLToPath(new URL('../../shared/data/articles/bbc', import.meta.url));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path); else if (name.endsWith('.txt')) files.push(path);
  }
};
walk(corpus);
const texts = files.map((f) => readFileSync(f, 'utf8'));

const ms = (from) => performance.now() - from;
let t = performance.now();
const { buildDoc, warmUp } = await import('../dist/doc/build-doc.js');
const { defaultStages, runStages } = await import('../dist/stages/index.js');
const { stageContext } = await import('../dist/analyze.js');
const { toAnalysis } = await import('../dist/to-analysis.js');
const { shippedNerModel } = await import('../dist/ner/tagger.js');
const { builtInGazetteer } = await import('../dist/knowledge/gazetteer.js');
const { shippedToneModel } = await import('../dist/tone/tone-model.js');
const { shippedStanceModel } = await import('../dist/stance/stance-model.js');
const { shippedAttributionModel } = await import('../dist/quotes/attribution-model.js');
const fixed = [['import the code (ESM graph, compile)', ms(t)]];
for (const [name, load] of [
  ['wink model', warmUp], ['NER model and word clusters', shippedNerModel], ['gazetteer and name lists', builtInGazetteer],
  ['tone model', shippedToneModel], ['stance model', shippedStanceModel], ['attribution model', shippedAttributionModel],
]) {
  t = performance.now();
  load();
  fixed.push([name, ms(t)]);
}
t = performance.now();
const context = { ...stageContext(), targets: [] };
fixed.push(['stage context (tagger, reporting lexicon)', ms(t)]);
console.log('fixed costs of one process (first use):');
for (const [name, took] of fixed) console.log(`  ${name.padEnd(42)} ${took.toFixed(1).padStart(7)} ms`);

/** Runs `pass` once over the corpus under the GC profiler: wall and GC ms, MiB allocated. */
function measurePass(pass) {
  const profiler = new v8.GCProfiler();
  const before = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  const started = performance.now();
  pass();
  const wall = performance.now() - started;
  const { statistics } = profiler.stop();
  const after = v8.getHeapStatistics().used_heap_size;
  let freed = 0;
  let gcMs = 0;
  for (const gc of statistics) {
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    gcMs += gc.cost / 1000;
  }
  return { wall, gcMs, allocatedMb: (after - before + freed) / 2 ** 20 };
}

// One warm pass over a tenth of the corpus first, so the stages are compiled as in a long run.
for (const text of texts.slice(0, Math.ceil(texts.length / 10))) toAnalysis(runStages(buildDoc(text), defaultStages, context), { id: 'warm', parts: new Set(['entities', 'quotes', 'stances']), elapsedMs: 0 });

let docs = [];
const rows = [['build Doc (wink tokens, sentences, POS)', measurePass(() => { docs = texts.map((text) => buildDoc(text)); })]];
const tokens = docs.reduce((n, d) => n + d.tokens.length, 0);
for (const stage of defaultStages) rows.push([`stage ${stage.name}`, measurePass(() => { for (const doc of docs) stage.run(doc, context); })]);
let analyses = [];
rows.push(['to Analysis', measurePass(() => { analyses = docs.map((doc, i) => toAnalysis(doc, { id: files[i], parts: new Set(['entities', 'quotes', 'stances']), elapsedMs: 0 })); })]);
rows.push(['JSON.stringify (jsonl)', measurePass(() => { for (const a of analyses) JSON.stringify(a); })]);

const total = rows.reduce((s, [, r]) => s + r.wall, 0);
console.log(`\nstage by stage over ${texts.length} articles, ${tokens.toLocaleString('en')} tokens (one thread; each stage over all Docs):`);
console.log(`  ${'step'.padEnd(42)} ${'wall ms'.padStart(8)} ${'share'.padStart(6)} ${'GC ms'.padStart(7)} ${'MiB alloc'.padStart(10)} ${'B/token'.padStart(8)}`);
for (const [name, r] of rows) {
  console.log(`  ${name.padEnd(42)} ${r.wall.toFixed(0).padStart(8)} ${`${((100 * r.wall) / total).toFixed(1)}%`.padStart(6)} ${r.gcMs.toFixed(0).padStart(7)} ${r.allocatedMb.toFixed(0).padStart(10)} ${((r.allocatedMb * 2 ** 20) / tokens).toFixed(0).padStart(8)}`);
}
console.log(`  ${'total'.padEnd(42)} ${total.toFixed(0).padStart(8)}        ${Math.round(tokens / (total / 1000)).toLocaleString('en')} tok/s`);

// The same work as the CLI orders it, every step for one article before the next: the difference
// from the total above is what running the stages interleaved costs (caches, GC of the live Doc).
docs = [];
analyses = [];
const parts = new Set(['entities', 'quotes', 'stances']);
const interleaved = measurePass(() => {
  for (let i = 0; i < texts.length; i += 1) JSON.stringify(toAnalysis(runStages(buildDoc(texts[i]), defaultStages, context), { id: files[i], parts, elapsedMs: 0 }));
});
console.log(`  ${'article by article, as the CLI runs'.padEnd(42)} ${interleaved.wall.toFixed(0).padStart(8)}        ${interleaved.gcMs.toFixed(0).padStart(7)} ${interleaved.allocatedMb.toFixed(0).padStart(10)}          ${Math.round(tokens / (interleaved.wall / 1000)).toLocaleString('en')} tok/s`);
