import { describe, expect, test } from '@jest/globals';
import { buildDoc } from '../../dist/doc/build-doc.js';
import { builtInGazetteer } from '../../dist/knowledge/gazetteer.js';
import { LABELS } from '../../dist/ner/features.js';
import { NerTagger, shippedNerModel, spansOf } from '../../dist/ner/tagger.js';
import { linearModelFromFiles } from '../../dist/ml/linear-model.js';

const tagger = new NerTagger(shippedNerModel(), builtInGazetteer());
const spans = (sentence: string) => {
  const doc = buildDoc(sentence);
  return spansOf(tagger.tag(doc)).map((s) => `${sentence.slice(doc.tokens[s.firstToken]!.start, doc.tokens[s.lastToken]!.end)}/${s.type}`);
};

describe('the shipped NER model', () => {
  test('loads with the labels it was trained with and thousands of features', () => {
    const model = shippedNerModel();
    expect(model.index.size).toBeGreaterThan(10_000);
    expect(model.weights).toHaveLength(model.index.size * LABELS.length);
    expect(model.weights.every(Number.isFinite)).toBe(true);
  });

  test('a model file with other labels is refused', () => {
    expect(() => linearModelFromFiles(LABELS, 'O\tB-X\nbias\n', new Uint8Array(8))).toThrow('do not match');
    expect(() => linearModelFromFiles(LABELS, `${LABELS.join('\t')}\nbias\n`, new Uint8Array(8))).toThrow('instead found 8');
  });

  test('the form index sums exactly the weights of the form features training names', () => {
    const seed = 'The Russian Federation’s foreign ministry attacked U.S. policy in Syria, accusing Washington of “dividing terrorists into good and bad”. Ban Ki-moon met al-Qaeda defectors; Dunkin’ Donuts, 1996-08-22, £600m, a=b, Counterterrorism.';
    const words = buildDoc(seed).tokens.map((t) => t.text);
    expect(words.length).toBeGreaterThan(30);
    let weighted = 0;
    for (const word of words) {
      const byName = tagger.formVectorsByName(word);
      const indexed = tagger.formVectors(word);
      if (byName.some((w) => w !== 0)) weighted += 1;
      for (let i = 0; i < byName.length; i += 1) expect(indexed[i]).toBeCloseTo(byName[i]!, 4);
    }
    expect(weighted).toBeGreaterThan(30);
  });

  test('lower-case stretches far from any capital are O and the rest is tagged as a whole sentence would be', () => {
    const sentence = 'the talks went on for hours and nobody in the room said much, until Sergei Lavrov spoke.';
    expect(spans(sentence)).toEqual(['Sergei Lavrov/PER']);
  });

  test.each([
    ['US Secretary of State John Kerry flew in to Moscow today.', ['John Kerry/PER', 'Moscow/LOC']],
    ['He is due to have meetings with President Vladimir Putin and Foreign Minister Sergei Lavrov.', ['Vladimir Putin/PER', 'Sergei Lavrov/PER']],
    ['Shares rose 5% in New York on Friday, Kerry said.', ['New York/LOC', 'Kerry/PER']],
  ])('%s', (sentence, expected) => {
    expect(spans(sentence)).toEqual(expect.arrayContaining(expected));
  });

  // Known misses of a sentence read alone (in an article, document context and spreading fix the first).
  test.failing('a surname opening a sentence, with no other context: "Lavrov and Kerry ..."', () => {
    expect(spans('Lavrov and Kerry will discuss the situation in Syria.')).toContain('Lavrov/PER');
  });
  test('a company named like a person: "Time Warner"', () => {
    expect(spans('Shares in Time Warner rose 5% in New York on Friday.')).toContain('Time Warner/ORG');
  });

  test('titles and sentence-initial words are not names', () => {
    const found = spans('Ahead of the talks, President Vladimir Putin met Kerry. Regarding Ukraine, nothing changed.').map((s) => s.split('/')[0]);
    expect(found).not.toContain('Ahead');
    expect(found).not.toContain('Regarding');
    expect(found.some((s) => s.startsWith('President'))).toBe(false);
  });

  test('every label sequence it produces is valid BIO', () => {
    const doc = buildDoc('CRICKET - LEICESTERSHIRE TAKE OVER AT TOP AFTER INNINGS VICTORY.\nLONDON 1996-08-30\nWest Indian all-rounder Phil Simmons took four for 38.');
    const labels = Array.from(tagger.tag(doc), (l) => LABELS[l]!);
    labels.forEach((label, t) => {
      if (!label.startsWith('I-')) return;
      expect([`B-${label.slice(2)}`, label]).toContain(labels[t - 1]);
    });
  });
});
