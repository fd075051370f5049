// The Node inference of the stance pair encoder gives the probabilities the trainer (PyTorch)
// gave the same pairs, which it stored with the model (src/models/stance-encoder.json, "check").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildDoc } from '../../dist/doc/build-doc.js';
import { pairInput } from '../../dist/stance/pair-input.js';
import { PairEncoder, shippedPairEncoder } from '../../dist/stance/pair-encoder.js';

interface Check { words: string[]; tags: string[]; a: [number, number]; b: [number, number]; probabilities: number[] }
const meta = JSON.parse(readFileSync(new URL('../../dist/models/stance-encoder.json', import.meta.url), 'utf8')) as { check: Check[]; threshold: number };

describe('stance pair encoder', () => {
  it('ships pairs to check against, and a threshold between 0 and 1', () => {
    expect(meta.check.length).toBeGreaterThanOrEqual(10);
    expect(meta.threshold).toBeGreaterThan(0.2);
    expect(meta.threshold).toBeLessThan(1);
  });

  it('reads its tensors in place from the file, and says so when the file is cut short', () => {
    const bytes = readFileSync(new URL('../../dist/models/stance-encoder.bin', import.meta.url));
    const fromFile = new PairEncoder(meta as never, bytes);
    expect(fromFile.classifyInput(meta.check[0]!)).toEqual(shippedPairEncoder().classifyInput(meta.check[0]!));
    // A file that lost its last bytes: its last tensor (the word vectors) runs past the end.
    expect(() => new PairEncoder(meta as never, bytes.subarray(0, bytes.length - 100))).toThrow(/runs past the end of its file/);
  });

  it.each(meta.check.map((c, i) => [i, c] as const))('pair %i reads as PyTorch read it', (_i, check) => {
    const p = shippedPairEncoder().classifyInput(check);
    check.probabilities.forEach((q, l) => expect(p[l]).toBeCloseTo(q, 4));
  });

  it('reads a stance in a real sentence and none where names only co-occur', () => {
    const encoder = shippedPairEncoder();
    const read = (text: string, a: string, b: string) => {
      const doc = buildDoc(text);
      const at = (name: string, from = 0) => {
        const start = text.indexOf(name, from);
        const first = doc.tokens.findIndex((t) => t.start === start);
        const last = doc.tokens.findIndex((t) => t.end === start + name.length);
        return [first, last] as const;
      };
      const [aFirst, aLast] = at(a);
      const [bFirst, bLast] = at(b, doc.tokens[aLast]!.end);
      return encoder.classifyInput(pairInput(doc, { aFirst, aLast, bFirst, bLast }));
    };
    // the seed article: the U.S. accuses Russia (a -> b negative)
    const accuses = read('Russian Federation has been carrying out air strikes it says target Islamic State (IS) positions in Syria, but the U.S. accuses Russian Federation of bombing moderate rebels to shore up its ally President Assad.', 'U.S.', 'Russian Federation');
    expect(accuses.indexOf(Math.max(...accuses))).toBe(3);
    const together = read('John Kerry and Sergei Lavrov arrived in Geneva on Monday.', 'John Kerry', 'Sergei Lavrov');
    expect(together[0]).toBeGreaterThan(0.5);
  });
});
