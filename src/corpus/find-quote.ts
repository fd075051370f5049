// `newslens quotes --find "text"`: the direct quotes across a corpus that match what a fact-checker
// looks for, folded into distinct quotes (wordings trimmed or lightly edited are one), each with
// every article that carries it, by date, and the speaker each article gave it to.
import { isFailed, type AnalysisResult } from '../analysis.js';
import { QuoteIndex, matchesQuery, type QuoteEntry } from './quote-index.js';

export const QUOTE_FIND_SCHEMA = 'newslens/quote-find@1';

export interface QuoteFind {
  schema: typeof QUOTE_FIND_SCHEMA;
  query: string;
  inputs: number; analysed: number; failed: number;
  /** Most widely carried first. */
  quotes: QuoteEntry[];
}

export async function findQuote(results: AsyncIterable<AnalysisResult>, query: string): Promise<QuoteFind> {
  const found: QuoteFind = { schema: QUOTE_FIND_SCHEMA, query, inputs: 0, analysed: 0, failed: 0, quotes: [] };
  // Any length: the user asked for these words, short or not.
  const index = new QuoteIndex(1);
  for await (const result of results) {
    found.inputs += 1;
    if (isFailed(result)) { found.failed += 1; continue; }
    found.analysed += 1;
    for (const q of result.quotes ?? []) {
      if (q.kind !== 'direct' || !matchesQuery(q.text, query)) continue;
      index.add({ id: result.id, ...(result.date ? { date: result.date } : {}), text: q.text, speaker: q.speaker?.name ?? null });
    }
  }
  found.quotes = index.entries((speaker) => speaker);
  return found;
}
