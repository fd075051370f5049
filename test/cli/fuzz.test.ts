// Hostile input through the real binary: every input gives exactly one record, nothing crashes,
// exit codes follow the contract, every offset lies inside its text. FUZZ_COUNT=30000 runs longer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { repoRoot, seedPath } from '../helpers/paths.js';

const COUNT = Number(process.env.FUZZ_COUNT ?? 2000);
const seed = readFileSync(seedPath, 'utf8');

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(state: number) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MARKS = ['“', '”', '"', '‘', '’', "'", '«', '»', '„', '‹', '›'];

function hostileInputs(dir: string, count: number, random: () => number): number {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const slice = () => {
    const start = Math.floor(random() * seed.length);
    return seed.slice(start, start + Math.floor(random() * 800));
  };
  let records = 0;
  const kinds = [
    () => ['bin.txt', Buffer.from(Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256)))],
    () => ['latin1.txt', Buffer.concat([Buffer.from(slice()), Buffer.from([0xa3, 0xe9, 0xff]), Buffer.from(slice())])],
    () => ['punct.txt', Array.from({ length: 1 + Math.floor(random() * 300) }, () => pick([...'!?.,;:-—()[]{}…'])).join('')],
    () => ['marks.txt', Array.from({ length: 1 + Math.floor(random() * 300) }, () => pick([...MARKS, ' ', '\n'])).join('')],
    () => ['mutated.txt', slice().split('').map((c) => (random() < 0.03 ? pick([...MARKS, '\n\n', '\r\n', '\t', '\u00a0', '\ufeff']) : c)).join('')],
    () => ['empty.txt', pick(['', ' ', '\n\n\n', '\ufeff'])],
    () => ['page.html', `<html><head><script>alert(1)</script></head><body>${'<div>'.repeat(Math.floor(random() * 2000))}<p onerror="x()">${slice().replace(/</g, '&lt;')}</p></body></html>`],
    () => ['broken.html', `<p>${slice()}<script>while(1){}</script><div><<<>>>${pick(MARKS)}`],
  ] as (() => [string, string | Buffer])[];
  for (let i = 0; i < count; i += 1) {
    if (i % 50 === 0) {
      // A JSONL file whose lines are every kind of record, good and bad.
      const lines = [
        JSON.stringify({ id: `j${i}`, text: slice() || 'x' }), '{not json', '[1,2]', '"text"', 'null', JSON.stringify({ text: 5 }),
        JSON.stringify({ id: `s${i}`, text: `Kerry \ud800 said “${slice()}” \udfff` }),
        JSON.stringify({ id: `t${i}`, text: seed, targets: ['Assad', { start: 0, end: 5 }] }),
        JSON.stringify({ id: `b${i}`, text: seed, targets: [{ start: 5, end: 2 }] }),
        JSON.stringify({ id: `h${i}`, text: 'a'.repeat(30_000) }),
      ];
      writeFileSync(join(dir, `${String(i).padStart(6, '0')}-records.jsonl`), `${lines.join('\n')}\n\n`);
      records += lines.length;
      continue;
    }
    const [name, content] = pick(kinds)();
    writeFileSync(join(dir, `${String(i).padStart(6, '0')}-${name}`), content);
    records += 1;
  }
  return records;
}

test(`${COUNT} hostile inputs: one record each, no crash, offsets inside their text`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-fuzz-'));
  const expected = hostileInputs(dir, COUNT, generator(20261125));
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/newslens.js'), dir, '-f', 'jsonl', '-j', '2', '-q', '--max-chars', '20000'], {
    encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' },
  });
  expect(result.stderr).not.toMatch(/unexpected error|at .+\.js:\d+/);
  expect([0, 1]).toContain(result.status);
  const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  expect(records).toHaveLength(expected);
  const codes = new Set<string>();
  for (const r of records) {
    expect(r.schema).toBe('newslens/analysis@1');
    expect(typeof r.id).toBe('string');
    if (r.error) { codes.add(r.error.code); continue; }
    const inside = (s: { start: number; end: number }) => {
      expect(s.start).toBeGreaterThanOrEqual(0);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(r.stats.chars);
    };
    for (const e of r.entities) for (const m of e.mentions) inside(m);
    for (const q of r.quotes) inside(q);
    for (const s of r.stances) inside(s.evidence);
  }
  // The generator really produced the bad inputs it meant to.
  expect([...codes]).toEqual(expect.arrayContaining(['binary', 'not-utf8', 'empty', 'bad-json', 'bad-record', 'no-text', 'bad-target', 'too-large']));
});

// Shapes that once made a stage quadratic, each as long as one article may be: one run of a
// letter with no space (wink's tokenizer), one sentence of quotation marks (the text before each
// quotation), one sentence of cues and names with no full stop (cue features, pronouns, speakers),
// thousands of people with one title (nominal mentions).
// Each must end with one record; at these sizes the quadratic versions took minutes, so a hang
// shows as the spawn timeout, not as a speed figure.
test('pathological articles of 600,000 characters end, one record each', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newslens-shapes-'));
  const random = generator(7);
  const words = (list: string[], chars: number) => {
    const out: string[] = [];
    for (let length = 0; length < chars; length += out[out.length - 1]!.length + 1) out.push(list[Math.floor(random() * list.length)]!);
    return out.join(' ');
  };
  const shapes: Record<string, string> = {
    'one-word.txt': 'a'.repeat(600_000),
    'marks.txt': '“““””” '.repeat(85_000),
    'no-full-stop.txt': words(['“Yes,”', 'said', 'Kerry', 'he', 'told', 'Lavrov', '“No”', 'according', 'to', 'the', 'government', 'of', 'Russia', 'that', ')'], 600_000),
    // Thousands of people titled "President", each followed by role phrases (nominal mentions).
    'presidents.txt': Array.from({ length: 8_000 }, (_, i) => {
      const surname = [i % 26, Math.floor(i / 26) % 26, Math.floor(i / 676) % 26].map((k) => String.fromCharCode(97 + k)).join('');
      return `President John ${surname[0]!.toUpperCase()}${surname.slice(1)}son spoke. The president said the leader was fine. `;
    }).join(''),
  };
  for (const [name, text] of Object.entries(shapes)) writeFileSync(join(dir, name), text);
  const result = spawnSync(process.execPath, [join(repoRoot, 'bin/newslens.js'), dir, '-f', 'jsonl', '-j', '1', '-q'], {
    encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, timeout: 180_000,
  });
  expect(result.signal).toBeNull();
  expect(result.status).toBe(0);
  const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  expect(records.map((r) => r.id.split('/').pop())).toEqual(Object.keys(shapes).sort());
  for (const r of records) expect(r.error).toBeUndefined();
}, 200_000);
