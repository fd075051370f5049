import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { fingerprint, NearDuplicateIndex, signature, similarity } from '../../dist/corpus/near-duplicates.js';
import { hasShared, seedPath, sharedDir } from '../helpers/paths.js';

const seedText = readFileSync(seedPath, 'utf8');
const bbc = (path: string) => readFileSync(`${sharedDir}data/articles/bbc/${path}`, 'utf8');

describe('near-duplicate articles (MinHash over 5-word shingles)', () => {
  test('the seed with other line ends and case is the same story; its first lines alone are not', () => {
    const seed = signature(seedText)!;
    expect(similarity(seed, signature(seedText.replace(/\n/g, '\r\n').toUpperCase())!)).toBe(1);
    // A fifth of the article shares at most a fifth of its shingles: below the 0.5 line.
    const lines = seedText.split('\n');
    const head = lines.slice(0, Math.ceil(lines.length / 5)).join('\n');
    expect(similarity(seed, signature(head)!)).toBeLessThan(0.5);
  });

  test('a text of fewer than five words has no fingerprint, and a malformed one is skipped', () => {
    expect(fingerprint('Kerry flew to Moscow')).toBeNull();
    const index = new NearDuplicateIndex();
    expect(index.add('bad', 'not base64 of 128 bytes')).toBeNull();
    expect(index.add('seed', fingerprint(seedText)!)).toBeNull();
    expect(index.add('again', fingerprint(seedText)!)).toEqual({ original: 'seed', similarity: 1 });
  });

  (hasShared ? test : test.skip)('real BBC copies are grouped under the first seen, and other stories are not', () => {
    const index = new NearDuplicateIndex();
    const add = (path: string) => index.add(path, fingerprint(bbc(path))!);
    // politics/069 and 311 are byte-identical; 312 is the same pension-talks story rewritten after the talks.
    for (const path of ['politics/069.txt', 'politics/070.txt', 'tech/131.txt', 'entertainment/129.txt']) expect(add(path)).toBeNull();
    expect(add('politics/311.txt')).toEqual({ original: 'politics/069.txt', similarity: 1 });
    const rewritten = add('politics/312.txt');
    expect(rewritten?.original).toBe('politics/069.txt');
    expect(rewritten!.similarity).toBeGreaterThanOrEqual(0.5);
    expect(rewritten!.similarity).toBeLessThan(1);
    expect(add('tech/179.txt')).toEqual({ original: 'tech/131.txt', similarity: 1 });
    expect(add('entertainment/261.txt')).toEqual({ original: 'entertainment/129.txt', similarity: 1 });
    for (const path of ['politics/001.txt', 'business/001.txt', 'sport/001.txt']) expect(add(path)).toBeNull();
  });
});
