import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from '@jest/globals';
import { buildDoc, loadCoreModel, recycleNlp } from '../../dist/doc/build-doc.js';
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

  test('a run of text with no space in it, longer than any word, is read in pieces that tile it', () => {
    // wink takes time quadratic in such a run (a pasted blob, a broken encoding); its pieces must
    // still point into the text, and the article around it must read as before.
    const run = 'ab'.repeat(5000);
    const text = `${seed}\n${run}\n`;
    const doc = buildDoc(text);
    for (const t of doc.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    const pieces = doc.tokens.filter((t) => t.start >= seed.length + 1);
    expect(pieces.map((t) => t.text).join('')).toBe(run);
    expect(pieces.length).toBeGreaterThan(1);
    expect(doc.tokens.slice(0, buildDoc(seed).tokens.length).map((t) => t.text)).toEqual(buildDoc(seed).tokens.map((t) => t.text));
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

describe('the core model loader', () => {
  test('builds the model wink-eng-lite-web-model builds, and a copy of its own each time', () => {
    const packaged = (createRequire(import.meta.url)('wink-eng-lite-web-model') as { core: () => unknown }).core();
    const ours = loadCoreModel();
    // typed arrays by content, the Sets of POS clusters by members (toEqual, as the two are built in
    // two realms under Jest: structuredClone and Buffer are Node's own)
    expect(ours).toEqual(packaged);
    // and the comparison reads the packed lexicon: one bit changed is another model
    const again = loadCoreModel();
    again.lexicon[7] ^= 1;
    expect(again).not.toEqual(packaged);
    again.lexicon[7] ^= 1;
    expect(again.features.lexeme!.list).not.toBe(ours.features.lexeme!.list);
    again.features.lexeme!.list.push('newslensword');
    expect(ours.features.lexeme!.list).not.toContain('newslensword');
  });
});

describe('numeric entities (src/doc/numeric-entities.ts)', () => {
  const numeric = (text: string) => {
    const doc = buildDoc(text);
    return doc.numericEntities.map((e) => `${e.type}:${text.slice(e.start, e.end)}`);
  };

  test('money with the scales news writes, percentages, spans of time (a BBC business sentence)', () => {
    expect(numeric('Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three months to December, from $639m year-earlier.'))
      .toEqual(['PERCENT:76%', 'MONEY:$1.13bn', 'MONEY:£600m', 'DATE:three months', 'DATE:December', 'MONEY:$639m']);
  });

  test.each([
    ['TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn.', ['ORDINAL:fourth', 'PERCENT:2%', 'MONEY:$11.1bn', 'MONEY:$10.9bn']],
    ['The talks were held on 3 March 2005, and again last week.', ['DATE:3 March 2005', 'DATE:last week']],
    ['Unemployment fell to 4.7 per cent, its lowest since the 1970s.', ['PERCENT:4.7 per cent', 'DATE:1970s']],
    ['The vote is at 10:30 on Friday; results are expected by 5pm.', ['TIME:10:30', 'DATE:Friday', 'TIME:5pm']],
    ['Two million people voted in 2004, some 20 years ago.', ['CARDINAL:Two million', 'DATE:2004', 'DATE:20 years ago']],
    // Holidays are dates (BBC entertainment/100).
    ['However, Christmas takings were down 26.5% on 2003.', ['DATE:Christmas', 'PERCENT:26.5%', 'DATE:2003']],
    ["Meet the Fockers held the New Year's Day title with $12.8m (£6.7m).", ["DATE:New Year's Day", 'MONEY:$12.8m', 'MONEY:£6.7m']],
  ])('%s', (text, expected) => {
    expect(numeric(text)).toEqual(expected);
  });

  test('"may" the verb is no month; "May" after "in" is', () => {
    expect(numeric('Ministers may meet in May.')).toEqual(['DATE:May']);
  });
});
