// One unit of work, the same in the main thread (-j 1) and in a worker: analyse an article and,
// for the CLI, render it with the chosen format so only text crosses back from a worker.
import { ANALYSIS_SCHEMA, isFailed, type AnalysisResult, type FailedAnalysis } from './analysis.js';
import type { AnalyzeOptions, createAnalyzer } from './analyze.js';
import { formats, type FormatName, type FormatOptions } from './format/index.js';
import { isFailure, isPriorAnalysis, type Article, type InputItem } from './input/read-inputs.js';

/** Format an Analysis where it was made: only text crosses back from a worker, not the object. */
export interface RenderRequest { format: FormatName; formatOptions: FormatOptions; index: number }

/** One input, already rendered by a format; `error` is set when the input failed. */
export interface RenderedResult { id: string; title: string | null; text: string; error: FailedAnalysis['error'] | null; tokens: number }

/** One input of a chunk and its position in the whole run (the json format needs it for commas). */
export interface ChunkEntry { item: InputItem; index: number }

/** A chunk of consecutive inputs for one worker; `render` is null when the caller wants the objects. */
export interface WorkerTask { entries: ChunkEntry[]; options: AnalyzeOptions; includeText: boolean; render: Omit<RenderRequest, 'index'> | null }

export const failedResult = (id: string, code: string, message: string): FailedAnalysis => ({ schema: ANALYSIS_SCHEMA, id, error: { code, message } });

export function analyzeArticle(analyzer: ReturnType<typeof createAnalyzer>, article: Article, includeText: boolean): AnalysisResult {
  try {
    return analyzer(article.text, { id: article.id, title: article.title, targets: article.targets, includeText: includeText || article.includeText, date: article.date });
  } catch (error) {
    return failedResult(article.id, 'analysis-failed', `${article.id}: ${(error as Error).message}`);
  }
}

export function renderResult(result: AnalysisResult, render: RenderRequest): RenderedResult {
  const failed = isFailed(result);
  return {
    id: result.id, title: failed ? null : result.title, text: formats[render.format].item(result, render.index, render.formatOptions),
    error: failed ? result.error : null, tokens: failed ? 0 : result.stats.tokens,
  };
}


/** Runs one chunk with an analyzer: what a worker does, and what -j 1 does item by item. */
export function runEntry(analyzer: ReturnType<typeof createAnalyzer>, entry: ChunkEntry, includeText: boolean): AnalysisResult {
  const { item } = entry;
  if (isPriorAnalysis(item)) return item.analysis;
  return isFailure(item) ? failedResult(item.id, item.error.code, item.error.message) : analyzeArticle(analyzer, item, includeText);
}
