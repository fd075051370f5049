#!/usr/bin/env node
// npm run bench: whole-process wall time, tokens/s and peak RSS of `newslens analyze -f jsonl` over
// the BBC corpus with one job and with all cores, next to the raw wink-nlp floor in the same run.
// usage: node scripts/bench.js [FOLDER] [--rounds 3] [--profile]
// --profile prints, instead, where one process spends its time and allocations: fixed costs and each
// pipeline stage (scripts/profile-stages.js).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 3;
const profileAt = args.indexOf('--profile');
if (profileAt >= 0) args.splice(profileAt, 1);
const corpus = args[0] ?? fileURLToPath(new URL('../../shared/data/articles/bbc', import.meta.url));
if (!existsSync(corpus)) {
  console.log(`bench: skipped, no corpus at ${corpus} (the BBC articles live in ../shared/data/articles/bbc)`);
  process.exit(0);
}
if (profileAt >= 0) {
  // Every Doc of the corpus is held at once there, so the heap may grow past the bin's 512 MB.
  const { status } = spawnSync(process.execPath, ['--max-old-space-size=8192', join(root, 'scripts/profile-stages.js'), corpus], { stdio: 'inherit' });
  process.exit(status ?? 1);
}
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path); else if (name.endsWith('.txt')) files.push(path);
  }
};
walk(corpus);

/** Runs a command to completion; wall time, stdout, and peak RSS polled from /proc (VmHWM covers threads). */
function measure(args, command = process.execPath) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
    let peakKb = 0;
    let bytes = 0;
    const lines = [];
    let tail = '';
    const poll = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch { /* exited */ }
    }, 25);
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      const text = tail + chunk.toString('utf8');
      const parts = text.split('\n');
      tail = parts.pop();
      for (const line of parts) if (line.length < 200 || lines.length < 1) lines.push(line.length < 200 ? line : '');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, code, bytes, stdout: lines.concat(tail ? [tail] : []) });
    });
  });
}

const jobs = availableParallelism();
const newslens = join(root, 'bin/newslens.js');
const load = await measure(['--input-type=module', '-e', [
  "import { warmUp } from './dist/doc/build-doc.js';",
  "import { shippedNerModel } from './dist/ner/tagger.js';",
  "import { builtInGazetteer } from './dist/knowledge/gazetteer.js';",
  'let t = performance.now(); warmUp(); const wink = performance.now() - t;',
  't = performance.now(); shippedNerModel(); const ner = performance.now() - t;',
  't = performance.now(); builtInGazetteer(); const gazetteer = performance.now() - t;',
  'console.log([wink, ner, gazetteer].map((ms) => ms.toFixed(1)).join(" "));',
].join('\n')]);

// What is measured each round: the floor, then newslens as a user runs it (the bin's shebang sets
// the heap flags) with one job, all cores, and the parts the issues set their own targets for:
// entities (#4), entities and quotes (#5).
// The ceiling for all cores on this machine (issue #17): two independent one-job processes at once,
// each over half of the files, with nothing shared; its time is the later one's, its memory the sum.
const halves = [files.slice(0, Math.ceil(files.length / 2)), files.slice(Math.ceil(files.length / 2))];
async function measureHalves() {
  const both = await Promise.all(halves.map((half) => measure(['analyze', ...half, '-f', 'jsonl', '-j', '1', '-q'], newslens)));
  return { seconds: Math.max(...both.map((r) => r.seconds)), peakMb: both.reduce((sum, r) => sum + r.peakMb, 0), code: Math.max(...both.map((r) => r.code ?? 1)) };
}
const runs = {
  floor: { name: 'wink-nlp floor (sbd+pos)', run: () => measure([join(root, 'scripts/wink-floor.js'), ...files]) },
  one: { name: 'newslens -j 1', run: () => measure(['analyze', corpus, '-f', 'jsonl', '-j', '1', '-q'], newslens) },
  all: { name: `newslens -j ${jobs}`, run: () => measure(['analyze', corpus, '-f', 'jsonl', '-j', String(jobs), '-q'], newslens) },
  halves: { name: `  ${halves.length} x -j 1 on halves`, run: measureHalves },
  entities: { name: '  --only entities -j 1', run: () => measure(['analyze', corpus, '-f', 'jsonl', '-j', '1', '-q', '--only', 'entities'], newslens) },
  entitiesQuotes: { name: '  --only entities,quotes', run: () => measure(['analyze', corpus, '-f', 'jsonl', '-j', '1', '-q', '--only', 'entities,quotes'], newslens) },
};
// These VMs vary by a third from minute to minute, so every command runs `rounds` times,
// interleaved, and each ratio is taken within a round (against that round's floor), then the median.
const results = Object.fromEntries(Object.keys(runs).map((key) => [key, []]));
for (let round = 0; round < rounds; round += 1) {
  for (const [key, { run }] of Object.entries(runs)) results[key].push(await run());
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const tokens = Number(results.floor[0].stdout[0]);
const seconds = (key) => median(results[key].map((r) => r.seconds));
const peakMb = (key) => Math.max(...results[key].map((r) => r.peakMb));
const vsFloor = (key) => median(results[key].map((r, i) => results.floor[i].seconds / r.seconds));
console.log(`bench: ${files.length} articles, ${tokens.toLocaleString('en')} wink tokens (${corpus}); median of ${rounds} interleaved rounds`);
for (const [key, { name }] of Object.entries(runs)) {
  const s = seconds(key);
  const spread = results[key].map((r) => r.seconds.toFixed(2)).join('/');
  console.log(`${name.padEnd(26)} ${s.toFixed(2).padStart(7)} s ${Math.round(tokens / s).toLocaleString('en').padStart(10)} tok/s ${vsFloor(key).toFixed(2).padStart(6)}x floor ${peakMb(key).toFixed(0).padStart(5)} MiB peak RSS  (${spread} s)`);
}
const [winkMs, nerMs, gazetteerMs] = load.stdout[0].split(' ');
console.log(`all cores vs one job: ${median(results.one.map((r, i) => r.seconds / results.all[i].seconds)).toFixed(2)}x; `
  + `-j ${jobs} reaches ${(100 * median(results.halves.map((r, i) => r.seconds / results.all[i].seconds))).toFixed(0)}% of the ceiling (two one-job processes on halves)`);
console.log(`load: wink model ${winkMs} ms, NER model (with its word clusters) ${nerMs} ms, gazetteer and name lists ${gazetteerMs} ms`);
if (Object.keys(runs).filter((key) => key !== 'floor').some((key) => results[key].some((r) => r.code))) {
  console.log('note: newslens exited non-zero (1 means some input failed)');
}

// The corpus summary costs little over analysing: issue #8 asks for under 2x analyze on one folder.
const politics = join(corpus, 'politics');
if (existsSync(politics)) {
  const analyzed = await measure(['analyze', politics, '-f', 'jsonl', '-q'], newslens);
  const summarized = await measure(['summary', politics, '-f', 'json', '-q'], newslens);
  console.log(`summary of ${politics}: ${summarized.seconds.toFixed(2)} s, analyze ${analyzed.seconds.toFixed(2)} s (${(summarized.seconds / analyzed.seconds).toFixed(2)}x)`);
}
