import { describe, expect, test } from '@jest/globals';
import { buildDoc } from '../../dist/doc/build-doc.js';
import { readFileSync } from 'node:fs';
import { TONE_LABELS, articleToneToward, shippedArticleToneCalibration, shippedToneModel, toneToward } from '../../dist/tone/tone-model.js';
import { linearModelFromFiles } from '../../dist/ml/linear-model.js';
import { analyzeText } from '../../dist/index.js';
import { seedPath } from '../helpers/paths.js';

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

describe('the article tone toward the people an article is about', () => {
  const seed = readFileSync(seedPath, 'utf8');
  const analysis = analyzeText(seed);
  const entity = (name: string) => analysis.entities!.find((e) => e.name === name)!;
  const doc = buildDoc(seed);
  const mentionsOf = (name: string) => entity(name).mentions.map(({ start, end }) => ({ start, end }));

  test('the calibration ships with a shift and a band inside [0, 1]', () => {
    const { shift, band } = shippedArticleToneCalibration();
    expect(shift).toBeGreaterThanOrEqual(0);
    expect(shift).toBeLessThan(1);
    expect(band).toBeGreaterThan(0);
    expect(band).toBeLessThan(1);
  });

  test('a person named once keeps the plain tone of their sentence', () => {
    expect(entity('Barack Obama').mentions).toHaveLength(1);
    expect(entity('Barack Obama').tone).toEqual(toneToward(doc, shippedToneModel(), mentionsOf('Barack Obama')));
  });

  // Named three times or more, they are what the seed is about.
  test.each(['John Kerry', 'Assad'])('%s: the seed\'s tone is the mention mean recentred by the shift, labelled by the band', (name) => {
    const { shift, band } = shippedArticleToneCalibration();
    const plain = toneToward(doc, shippedToneModel(), mentionsOf(name).slice(0, 20));
    const tone = entity(name).tone;
    expect(tone.score).toBeCloseTo(Math.max(-1, Math.min(1, plain.score + shift)), 2);
    expect(tone.label).toBe(tone.score > band ? 'positive' : tone.score < -band ? 'negative' : 'neutral');
    expect(articleToneToward(doc, shippedToneModel(), mentionsOf(name).slice(0, 20))).toEqual(tone);
  });

  test('Assad, whom the seed reports the U.S. and its allies want gone, is negative as its subject', () => {
    expect(entity('Assad').tone.label).toBe('negative');
  });

  test('a place keeps the plain mean over its mentions, whatever its count', () => {
    expect(entity('Russia').tone).toEqual(toneToward(doc, shippedToneModel(), mentionsOf('Russia')));
  });
});
