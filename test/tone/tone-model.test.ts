import { describe, expect, test } from '@jest/globals';
import { buildDoc } from '../../dist/doc/build-doc.js';
import { TONE_LABELS, shippedToneModel, toneToward } from '../../dist/tone/tone-model.js';
import { linearModelFromFiles } from '../../dist/ml/linear-model.js';

const toneOf = (sentence: string, target: string) => {
  const start = sentence.indexOf(target);
  return toneToward(buildDoc(sentence), shippedToneModel(), [{ start, end: start + target.length }]);
};

describe('the shipped tone model', () => {
  test('loads with its three labels and finite weights', () => {
    const model = shippedToneModel();
    expect(model.index.size).toBeGreaterThan(10_000);
    expect(model.weights).toHaveLength(model.index.size * TONE_LABELS.length);
    expect(model.weights.every(Number.isFinite)).toBe(true);
    expect(() => linearModelFromFiles(TONE_LABELS, 'positive\tnegative\nbias\n', new Uint8Array(8))).toThrow('do not match');
  });

  test.each([
    ['But the U.S. accuses Russian Federation of bombing moderate rebels to shore up its ally President Assad.', 'Russian Federation', 'negative'],
    ['Islamic State fighters killed dozens of civilians in a brutal attack on the town.', 'Islamic State', 'negative'],
    ['The senator praised the governor for her courage and her leadership during the crisis.', 'governor', 'positive'],
    ['Lavrov and Kerry will discuss the situation in Syria on Tuesday.', 'Kerry', 'neutral'],
  ])('%s -> %s is %s', (sentence, target, label) => {
    const tone = toneOf(sentence, target);
    expect(tone.label).toBe(label);
    expect(Math.abs(tone.score)).toBeLessThanOrEqual(1);
  });
});
