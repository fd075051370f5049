// The target tone encoder (the stance encoder's CNN over one name, src/models/tone-encoder.*) reads
// in Node as PyTorch read the targets stored with it, and serves span targets in the pipeline.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { buildDoc } from '../../dist/doc/build-doc.js';
import { encoderToneToward, shippedToneEncoder, targetInput } from '../../dist/tone/tone-encoder.js';
import { analyzeText } from '../../dist/index.js';

interface Check { words: string[]; tags: string[]; a: [number, number]; b: null; probabilities: number[] }
const meta = JSON.parse(readFileSync(new URL('../../dist/models/tone-encoder.json', import.meta.url), 'utf8')) as { check: Check[]; labels: string[] };

describe('target tone encoder', () => {
  it('ships targets to check against, in the tone labels', () => {
    expect(meta.check.length).toBeGreaterThanOrEqual(2);
    expect(meta.check.every((c) => c.b === null)).toBe(true);
    expect(meta.labels).toEqual(['negative', 'neutral', 'positive']);
  });

  it.each(meta.check.map((c, i) => [i, c] as const))('target %i reads as PyTorch read it', (_i, check) => {
    const p = shippedToneEncoder().classifyTargets(check.words, check.tags, [check.a])[0]!;
    check.probabilities.forEach((q, l) => expect(p[l]).toBeCloseTo(q, 4));
  });

  it('reads the target in its own sentence', () => {
    const text = 'The weather was fine. Critics said the minister had failed the country. He left.';
    const doc = buildDoc(text);
    const start = text.indexOf('minister');
    const input = targetInput(doc, { start, end: start + 'minister'.length })!;
    expect(input.words.slice(0, 2)).toEqual(['critics', 'said']);
    expect(input.words[input.a[0]]).toBe('minister');
  });

  it('tells praise from attack toward a span (real NewsMTSC-style sentences)', () => {
    const praise = 'The senator praised Obama for his courage and his decency.';
    const attack = 'The senator attacked Obama as a liar who betrayed the country.';
    const toward = (text: string) => encoderToneToward(buildDoc(text), [{ start: text.indexOf('Obama'), end: text.indexOf('Obama') + 5 }]);
    expect(toward(praise).score).toBeGreaterThan(toward(attack).score);
    expect(toward(attack).label).toBe('negative');
  });

  it('is what a span target gets in the Analysis', () => {
    const text = 'The senator attacked Obama as a liar who betrayed the country.';
    const target = { start: text.indexOf('Obama'), end: text.indexOf('Obama') + 5 };
    const analysis = analyzeText(text, { targets: [target] }, { only: ['entities'] });
    const { label, score } = analysis.targets![0]!;
    expect({ label, score }).toEqual(encoderToneToward(buildDoc(text), [target]));
  });
});
