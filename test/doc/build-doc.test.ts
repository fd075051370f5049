import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { buildDoc, recycleNlp } from '../../dist/doc/build-doc.js';
import { seedPath } from '../helpers/paths.js';

const seed = readFileSync(seedPath, 'utf8');

describe('buildDoc', () => {
  test('the seed: the headline is its own sentence and every paragraph starts one', () => {
    const doc = buildDoc(seed);
    expect(doc.title).not.toBeNull();
    expect(seed.slice(doc.title!.start, doc.title!.end)).toBe('Kerry calls for common ground with Russia on Syria, Ukraine');
    expect(seed.slice(doc.sentences[0]!.start, doc.sentences[0]!.end)).toBe('Kerry calls for common ground with Russia on Syria, Ukraine');
    expect(seed.slice(doc.sentences[1]!.start, doc.sentences[1]!.end)).toBe('He is due to have meetings with President Vladimir Putin and Foreign Minister Sergei Lavrov.');
    expect(doc.paragraphs).toHaveLength(seed.trim().split('\n').length);
    for (const p of doc.paragraphs) expect(doc.sentences[p.firstSentence]!.start).toBe(p.start);
  });

  test('every token, sentence and paragraph points into the text', () => {
    const doc = buildDoc(seed);
    for (const t of doc.tokens) expect(seed.slice(t.start, t.end)).toBe(t.text);
    for (const s of doc.sentences) {
      expect(s.start).toBe(doc.tokens[s.firstToken]!.start);
      expect(s.end).toBe(doc.tokens[s.lastToken]!.end);
    }
  });

  test('CRLF, tabs, non-breaking spaces and curly apostrophes keep offsets exact', () => {
    const text = 'Russia’s envoy\r\n\r\nHe said\tthe U.S.\u00a0“would not” back down.';
    const doc = buildDoc(text);
    for (const t of doc.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(doc.paragraphs).toHaveLength(2);
    expect(doc.tokens.map((t) => t.text)).toContain('’s');
  });

  test('a wrapped line is not a paragraph break, a capitalised new line is', () => {
    const doc = buildDoc('The minister said that the plan\nwould go ahead next week.\nCritics disagreed.');
    expect(doc.paragraphs).toHaveLength(2);
  });

  test('tokenization does not depend on what was read before (wink learns words as it reads)', () => {
    const sentence = "Is it anybody else's business?";
    const before = buildDoc(sentence).tokens.map((t) => t.text);
    buildDoc("It is anybody else's.");
    const after = buildDoc(sentence).tokens.map((t) => t.text);
    expect(before).toEqual(['Is', 'it', 'anybody', 'else', "'s", 'business', '?']);
    expect(after).toEqual(before);
  });

  test('wink numeric entities are kept with their types', () => {
    const doc = buildDoc('Shares rose 5% on 3 March 2015, a gain of $40.');
    expect(doc.numericEntities.map((e) => e.type)).toEqual(expect.arrayContaining(['PERCENT', 'DATE', 'MONEY']));
  });
});

describe('wink instance recycling', () => {
  test('a long run can replace the wink instance many times (wink-eng-lite-web-model re-stringifies its metaCER on every load)', () => {
    const sentence = 'Kerry met Lavrov in Moscow’s Stary Arbat.';
    const expected = buildDoc(sentence).tokens.map((t) => t.text);
    for (let i = 0; i < 25; i += 1) recycleNlp();
    expect(buildDoc(sentence).tokens.map((t) => t.text)).toEqual(expected);
  });
});
