import { describe, expect, test } from '@jest/globals';
import { analyzeText } from '../../dist/index.js';

const names = (text: string) => {
  const a = analyzeText(text);
  const nameOf = new Map(a.entities!.map((e) => [e.id, e.name]));
  return a.stances!.map((s) => `${nameOf.get(s.holder)} ${s.label} ${nameOf.get(s.target)} (${s.cue})`);
};

describe('stances from a cue verb between two entities', () => {
  test.each([
    ['But the U.S. accuses Russian Federation of bombing moderate rebels.', 'United States negative Russia (accuses)'],
    ['Nicola Sturgeon accused Mr McLetchie of failing to properly serve his constituents.', 'Nicola Sturgeon negative McLetchie (accused)'],
    ['Tony Blair praised Gordon Brown for his budget.', 'Tony Blair positive Gordon Brown (praised)'],
  ])('%s', (sentence, edge) => {
    expect(names(sentence)).toEqual([edge]);
  });

  test.each([
    ['Kerry calls for common ground with Russia on Syria, Ukraine', 'John Kerry positive Russia (common ground with)', 'US Secretary of State John Kerry flew in to Moscow today. '],
    ['Russian Federation has been bombing moderate rebels to shore up its ally President Assad.', 'Russia positive Assad (ally)', ''],
    ['The USA and many of its allies insist that Assad go.', 'United States negative Assad (insist that Assad go)', ''],
  ])('patterns: %s', (sentence, edge, context) => {
    expect(names(context + sentence)).toContain(edge);
  });

  test('entities that merely co-occur have no edge', () => {
    expect(names('Lavrov and Kerry will discuss the situation in Syria and Ukraine.')).toEqual([]);
  });

  test('a passive cue reverses the roles (issue #6)', () => {
    expect(names('Russia was accused by the United States of bombing rebels.')).toEqual(['United States negative Russia (accused)']);
  });
});

describe('targets', () => {
  const text = 'Islamic State fighters killed dozens of civilians in a brutal attack. Assad praised the army.';
  test('a --target string reaches every mention of its entity and gets a tone', () => {
    const [target] = analyzeText(text, {}, { targets: ['Islamic State'] }).targets;
    expect(target).toMatchObject({ query: 'Islamic State', label: 'negative' });
    expect(target!.mentions).toEqual([[0, 13]]);
    expect(target!.score).toBeLessThan(0);
  });

  test('a span target from JSONL is scored on its own sentence', () => {
    const start = text.indexOf('Assad');
    const [target] = analyzeText(text, { targets: [{ start, end: start + 5 }] }).targets;
    expect(target).toMatchObject({ query: 'Assad', label: 'positive', mentions: [[start, start + 5]] });
  });

  test('a target that is not in the text is neutral with no mentions', () => {
    const [target] = analyzeText(text, {}, { targets: ['Kerry'] }).targets;
    expect(target).toMatchObject({ query: 'Kerry', entity: null, label: 'neutral', mentions: [] });
  });
});
