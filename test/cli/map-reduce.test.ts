// The cluster path end to end: map (GNU parallel, a Slurm array, any engine that pipes records)
// gives the bytes of one run; reduce (`summary` over Analyses) gives the Summary of one run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { fixture, repoRoot, seedPath } from '../helpers/paths.js';

const bin = join(repoRoot, 'bin/newslens.js');
const seed = readFileSync(seedPath, 'utf8');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
/** A Python with Dask, if this machine has one (Debian: python3-dask). */
const daskPython = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p) => p && spawnSync(p, ['-c', 'import dask.bag'], { encoding: 'utf8' }).status === 0);

/** Real records: runs of the seed's paragraphs, with dates in the forms feeds use, and one bad record. */
const paragraphs = seed.split('\n').filter(Boolean);
const DATES = ['2016-09-20', 'Tue, 20 Sep 2016 10:00:00 GMT', '21 September 2016', 'October 3, 2016'];
const records = [
  ...paragraphs.map((_, i) => JSON.stringify({ id: `seed-${i}`, date: DATES[i % DATES.length], text: paragraphs.slice(i, i + 3).join('\n'), targets: ['Assad'] })),
  JSON.stringify({ id: 'wire-empty', text: '' }),
];
const corpus = `${records.join('\n')}\n`;
const dir = mkdtempSync(join(tmpdir(), 'newslens-map-'));
const corpusPath = join(dir, 'corpus.jsonl');
writeFileSync(corpusPath, corpus);
// The recipes call `newslens` by name, as a user who ran `npm link` would.
const binDir = join(dir, 'bin');
mkdirSync(binDir);
symlinkSync(bin, join(binDir, 'newslens'));
const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };

const oneRun = run(['-', '--input-format', 'jsonl', '-f', 'jsonl', '-j', '1', '-q', '--fail-on', 'usage', '--no-timing'], corpus);

describe('map', () => {
  test('one run: one line per record, in order, exit 0 with --fail-on usage though one record failed', () => {
    expect(oneRun.status).toBe(0);
    const lines = oneRun.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([...paragraphs.map((_, i) => `seed-${i}`), 'wire-empty']);
    expect(lines.at(-1).error.code).toBe('empty');
    expect(lines[0].stats.elapsedMs).toBe(0);
  });

  (hasParallel ? test : test.skip)('GNU parallel with small blocks gives the bytes of one run (docs/recipes/gnu-parallel.sh)', () => {
    const result = spawnSync('bash', [join(repoRoot, 'docs/recipes/gnu-parallel.sh'), corpusPath], { encoding: 'utf8', env: { ...env, BLOCK: '2k' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(oneRun.stdout);
  });

  test('a Slurm array of 3 tasks gives the bytes of one run once its parts are joined (docs/recipes/slurm-array.sh)', () => {
    const out = join(dir, 'slurm-out');
    for (const task of [1, 2, 3]) {
      const result = spawnSync('bash', [join(repoRoot, 'docs/recipes/slurm-array.sh'), corpusPath, out], {
        encoding: 'utf8', env: { ...env, SLURM_ARRAY_TASK_ID: String(task), SLURM_ARRAY_TASK_COUNT: '3' },
      });
      expect(result.status).toBe(0);
    }
    const parts = readdirSync(out).sort();
    expect(parts).toEqual(['part-00001.jsonl', 'part-00002.jsonl', 'part-00003.jsonl']);
    expect(parts.every((p) => readFileSync(join(out, p), 'utf8').length > 0)).toBe(true);
    expect(parts.map((p) => readFileSync(join(out, p), 'utf8')).join('')).toBe(oneRun.stdout);
  });

  (daskPython ? test : test.skip)('a Dask bag in small blocks gives the bytes of one run once its parts are joined in name order (docs/recipes/dask-bag.py)', () => {
    const out = join(dir, 'dask-out');
    // 500-byte blocks of the 9 kB corpus: more than ten parts (so their names must sort as numbers) and some of them empty
    const result = spawnSync(daskPython!, [join(repoRoot, 'docs/recipes/dask-bag.py'), corpusPath, out, '500B'], { encoding: 'utf8', env });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const parts = readdirSync(out).sort();
    expect(parts.length).toBeGreaterThan(10);
    const texts = parts.map((p) => readFileSync(join(out, p), 'utf8'));
    expect(texts.some((text) => text === '')).toBe(true);
    expect(texts.join('')).toBe(oneRun.stdout);
  });

  test('without --fail-on usage a failed record makes exit status 1, and the rest is printed all the same', () => {
    const result = run(['-', '--input-format', 'jsonl', '-f', 'jsonl', '-j', '1', '-q', '--no-timing'], corpus);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(oneRun.stdout);
    expect(run(['no-such-file.jsonl', '--fail-on', 'usage']).status).toBe(2);
  });
});

describe('error records keep the record id', () => {
  test.each([
    ['{"id":"wire-1","text":""}', 'wire-1', 'empty'],
    ['{"id":17,"title":"no text"}', '17', 'no-text'],
    ['{"id":"wire-3","text":"Kerry spoke.","targets":[3]}', 'wire-3', 'bad-target'],
    ['{"id":"wire-4", "text": "cut off', 'stdin:1', 'bad-json'],
  ])('%s', (line, id, code) => {
    const [record] = run(['-', '--input-format', 'jsonl', '-q'], `${line}\n`).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(record.id).toBe(id);
    expect(record.error.code).toBe(code);
    expect(record.error.message.startsWith(`${id}: `)).toBe(true);
  });
});

describe('reduce: summary over Analyses', () => {
  const summaryArgs = ['--target', 'Assad', '-f', 'json', '-j', '1', '-q'];

  test('summary of analyze\'s JSONL equals summary of the articles (records with dates, and a folder of files)', () => {
    const analysesPath = join(dir, 'analyses.jsonl');
    writeFileSync(analysesPath, run(['-', '--input-format', 'jsonl', '-f', 'jsonl', '--target', 'Assad', '-q'], corpus).stdout);
    const direct = run(['summary', '-', '--input-format', 'jsonl', ...summaryArgs], corpus);
    const folded = run(['summary', analysesPath, ...summaryArgs]);
    expect(folded.stdout).toBe(direct.stdout);
    const summary = JSON.parse(folded.stdout);
    expect(summary).toMatchObject({ inputs: records.length, failed: 1 });
    expect(summary.targets[0].byDate.map((d: { date: string }) => d.date)).toEqual(['2016-09', '2016-10']);
    // From stdin too, at any -j.
    expect(run(['summary', '-', '--input-format', 'jsonl', ...summaryArgs, '-j', '2'], readFileSync(analysesPath, 'utf8')).stdout).toBe(direct.stdout);

    const articles = fixture('articles');
    const folder = run(['analyze', articles, '-f', 'jsonl', '-q']).stdout;
    writeFileSync(join(dir, 'folder.jsonl'), folder);
    expect(run(['summary', join(dir, 'folder.jsonl'), '-f', 'json', '-q']).stdout).toBe(run(['summary', articles, '-f', 'json', '-q']).stdout);
  });

  test('a record that claims the Analysis schema but lacks its shape is an error record', () => {
    const [record] = run(['-', '--input-format', 'jsonl', '-q'], '{"schema":"newslens/analysis@1","id":"x"}\n').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(record.error.code).toBe('bad-analysis');
  });
});
