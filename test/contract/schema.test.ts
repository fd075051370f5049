// The JSON Schemas in docs/schema are generated from the TypeScript types, shipped in the package,
// and hold for real output: the seed in every part combination, error records, HTML input, Summaries.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import { repoRoot, seedPath } from '../helpers/paths.js';

const bin = join(repoRoot, 'bin/newslens.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args, '-q'], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const schemaOf = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'docs/schema', name), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validAnalysis = ajv.compile(schemaOf('analysis.schema.json'));
const validSummary = ajv.compile(schemaOf('summary.schema.json'));
const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l));

test('the committed schemas are the ones the types give (npm run schema rewrites them)', async () => {
  const { makeSchemas } = await import(pathToFileURL(join(repoRoot, 'scripts/make-schema.js')).href);
  const made = makeSchemas() as Record<string, string>;
  for (const [file, text] of Object.entries(made)) expect(readFileSync(join(repoRoot, 'docs/schema', file), 'utf8')).toBe(text);
});

describe('real output validates', () => {
  test.each([[[]], [['--only', 'entities']], [['--only', 'quotes']], [['--only', 'stances']], [['--target', 'Assad', '--target', 'Islamic State']]])('the seed, %j', (args) => {
    const analysis = JSON.parse(run([seedPath, '-f', 'json', ...args]).stdout);
    expect(validAnalysis(analysis)).toBe(true);
    expect(validAnalysis.errors ?? null).toBeNull();
  });

  test('error records and JSONL records with dates and span targets', () => {
    const seed = readFileSync(seedPath, 'utf8');
    const input = [
      JSON.stringify({ id: 'ok', date: '2016-09-20', text: seed, targets: [{ start: 0, end: 5 }] }),
      JSON.stringify({ id: 'empty', text: '' }),
      'not json',
    ].join('\n');
    const results = lines(run(['-', '--input-format', 'jsonl', '-f', 'jsonl'], input).stdout);
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'empty', 'bad-json']);
    for (const r of results) expect(validAnalysis(r)).toBe(true);
  });

  test('HTML input carries its text', () => {
    const [title, ...paragraphs] = readFileSync(seedPath, 'utf8').split('\n').filter(Boolean);
    const page = `<html><head><title>${title}</title></head><body><nav>Home | World</nav><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const analysis = JSON.parse(run(['-', '--input-format', 'html', '-f', 'json'], page).stdout);
    expect(typeof analysis.text).toBe('string');
    expect(validAnalysis(analysis)).toBe(true);
  });

  test('a Summary', () => {
    const summary = JSON.parse(run(['summary', seedPath, '--target', 'Assad', '-f', 'json']).stdout);
    expect(summary.entities.length).toBeGreaterThan(5);
    expect(validSummary(summary)).toBe(true);
  });

  test('the schemas can fail: a wrong label, a missing field, a score out of range', () => {
    const analysis = JSON.parse(run([seedPath, '-f', 'json']).stdout);
    const broken = [
      { ...analysis, entities: [{ ...analysis.entities[0], tone: { label: 'angry', score: 0 } }] },
      { ...analysis, stats: { chars: 1 } },
      { ...analysis, entities: [{ ...analysis.entities[0], salience: 3 }] },
    ];
    for (const b of broken) expect(validAnalysis(b)).toBe(false);
  });
});
