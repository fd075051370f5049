import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { QuoteIndex, matchesQuery, quoteWords } from '../../dist/corpus/quote-index.js';
import { findQuote } from '../../dist/corpus/find-quote.js';
import { createAnalyzer } from '../../dist/analyze.js';
import { hasShared, sharedDir } from '../helpers/paths.js';

// Mark Serwotka's words as BBC politics/294 printed them, and as other articles trimmed them.
const SERWOTKA = "For a government that lectures everyone on choice - choice on public service, choice on this and choice on that - isn't it ironic that they're saying to public sector workers there is no choice";
const TRIMMED = "For a government that lectures everyone on choice - choice on public service, choice on this and choice on that";
const EDITED = "For a Government that lectures everybody on choice - choice on public services, choice on this and choice on that - isn't it ironic that they are saying to public sector workers there is no choice";
const PARRY = "Steve has never been used as a stalking horse. There's no need, and that is not the way we operate.";

const asEntries = (index: QuoteIndex) => index.entries((s) => s);

describe('quote index', () => {
  test('words are compared without case, curly quotes or punctuation', () => {
    expect(quoteWords('“It’s not surprising,” Brown - told him.')).toEqual(["it's", 'not', 'surprising', 'brown', 'told', 'him']);
  });

  test('a trimmed and a lightly edited wording are the same quote; another quote is not', () => {
    const index = new QuoteIndex();
    index.add({ id: 'politics/294.txt', date: '2005-02-01', text: SERWOTKA, speaker: 'Mark Serwotka' });
    index.add({ id: 'politics/069.txt', date: '2005-01-20', text: TRIMMED, speaker: 'Mark Serwotka' });
    index.add({ id: 'x/edited.txt', text: EDITED, speaker: 'Mark Serwotka' });
    index.add({ id: 'sport/112.txt', text: PARRY, speaker: 'Parry' });
    const [serwotka, parry] = asEntries(index);
    expect(serwotka!.articles.map((a) => a.id)).toEqual(['politics/069.txt', 'politics/294.txt', 'x/edited.txt']);
    expect(serwotka!.text).toBe(EDITED.length > SERWOTKA.length ? EDITED : SERWOTKA);
    expect(serwotka!.variants).toHaveLength(3);
    expect(serwotka!.speakersDiffer).toBe(false);
    expect(parry!.articles.map((a) => a.id)).toEqual(['sport/112.txt']);
  });

  test('an article carrying a quote twice counts once; different speakers are flagged', () => {
    const index = new QuoteIndex();
    index.add({ id: 'sport/112.txt', text: PARRY, speaker: 'Parry' });
    index.add({ id: 'sport/112.txt', text: PARRY, speaker: 'Parry' });
    index.add({ id: 'sport/121.txt', text: PARRY, speaker: 'Steven Gerrard' });
    const [entry] = asEntries(index);
    expect(entry!.articles).toHaveLength(2);
    expect(entry!.speakers).toEqual([{ name: 'Parry', articles: 1 }, { name: 'Steven Gerrard', articles: 1 }]);
    expect(entry!.speakersDiffer).toBe(true);
  });

  test('short quotes are not indexed for the summary, and a query matches words in order or most trigrams', () => {
    expect(new QuoteIndex().add({ id: 'a', text: 'We are delighted', speaker: null })).toBe(false);
    expect(matchesQuery(PARRY, 'a stalking horse')).toBe(true);
    expect(matchesQuery(PARRY, 'stalking horse a')).toBe(false);
    expect(matchesQuery(SERWOTKA, 'lectures everybody on choice - choice on public service')).toBe(true);
    expect(matchesQuery(SERWOTKA, 'choice')).toBe(true);
    expect(matchesQuery(PARRY, '')).toBe(false);
  });

  (hasShared ? test : test.skip)('quotes --find lists every BBC politics article that carries a sampled quote', async () => {
    const root = `${sharedDir}data/articles/bbc/politics/`;
    const files = readdirSync(root).filter((f) => f.endsWith('.txt')).sort();
    const texts = new Map(files.map((f) => [f, readFileSync(root + f, 'utf8')]));
    const analyze = createAnalyzer({ only: ['quotes'], timing: false });
    const analyses = files.map((f) => analyze(texts.get(f)!, { id: f }));
    // Every 150th direct quote of ten words or more: a sample no one picked by hand.
    const long = analyses.flatMap((a) => a.quotes!.filter((q) => q.kind === 'direct' && quoteWords(q.text).length >= 10));
    const sample = long.filter((_, i) => i % 150 === 0);
    expect(sample.length).toBeGreaterThanOrEqual(5);
    const flat = new Map([...texts].map(([f, t]) => [f, ` ${quoteWords(t).join(' ')} `]));
    for (const quote of sample) {
      const words = ` ${quoteWords(quote.text).join(' ')} `;
      const carrying = files.filter((f) => flat.get(f)!.includes(words));
      const found = await findQuote((async function* () { yield* analyses; })(), quote.text);
      const listed = new Set(found.quotes.flatMap((q) => q.articles.map((a) => a.id)));
      expect({ quote: quote.text, missing: carrying.filter((f) => !listed.has(f)) }).toEqual({ quote: quote.text, missing: [] });
      expect(carrying.length).toBeGreaterThanOrEqual(1);
    }
  });
});
