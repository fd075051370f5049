// The Unix side of a batch: a pure JSONL filter that can be split, `| head`, and Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { repoRoot, seedPath } from '../helpers/paths.js';

const bin = join(repoRoot, 'bin/newslens.js');
const seed = readFileSync(seedPath, 'utf8');
const dropElapsed = (s: string) => s.replace(/"elapsedMs":[0-9.]+/g, '"elapsedMs":0');

/** Real records: each paragraph run of the seed article as one record. */
const records = seed.split('\n').filter(Boolean).map((_, i, all) => JSON.stringify({ id: `seed-${i}`, text: all.slice(i, i + 4).join('\n') }));

const filter = (input: string, jobs: string) => spawnSync(process.execPath, [bin, '-', '--input-format', 'jsonl', '-f', 'jsonl', '-j', jobs], { input, encoding: 'utf8' });

test('the JSONL filter gives the same lines split in parts as in one run, in order', () => {
  const whole = filter(`${records.join('\n')}\n`, '2');
  expect(whole.status).toBe(0);
  expect(whole.stdout.trim().split('\n')).toHaveLength(records.length);
  const parts = [records.slice(0, 5), records.slice(5, 9), records.slice(9)].map((part) => filter(`${part.join('\n')}\n`, '1').stdout);
  expect(dropElapsed(parts.join(''))).toBe(dropElapsed(whole.stdout));
  expect(whole.stdout.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(records.map((r) => JSON.parse(r).id));
});

function folderOfCopies(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-copies-'));
  for (let i = 0; i < count; i += 1) copyFileSync(seedPath, join(dir, `${String(i).padStart(4, '0')}.txt`));
  return dir;
}

test('`| head -3` ends quietly: exit 0, no stack trace, workers stopped', () => {
  const dir = folderOfCopies(300);
  const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" "${dir}" -f jsonl -j 2 | head -3`], { encoding: 'utf8' });
  expect(result.stdout.trim().split('\n')).toHaveLength(3);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('Ctrl-C stops the run and exits 130', async () => {
  const dir = folderOfCopies(2000);
  const child = spawn(process.execPath, [bin, dir, '-f', 'jsonl', '-j', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.resume();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(code).toBe(130);
});
