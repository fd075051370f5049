// Many inputs -> results in input order. With jobs > 1 a piscina pool of worker threads analyses
// ahead while earlier results print; the window of work in flight is bounded, so memory stays flat.
import { Piscina } from 'piscina';
import { ANALYSIS_SCHEMA, type AnalysisResult, type FailedAnalysis } from './analysis.js';
import { createAnalyzer, type AnalyzeOptions } from './analyze.js';
import { isFailure, readInputs, type Article, type InputItem, type ReadOptions } from './input/read-inputs.js';

export interface BatchOptions extends AnalyzeOptions, ReadOptions {
  /** Worker threads; 1 analyses in this thread. */
  jobs?: number;
  /** Carry each article's text in its Analysis (for reports that show it). */
  includeText?: boolean;
}

export interface WorkerTask { article: Article; options: AnalyzeOptions; includeText: boolean }

/** Results in flight per worker: enough to keep every core busy, few enough to stay small. */
const WINDOW_PER_JOB = 4;

const failedResult = (id: string, code: string, message: string): FailedAnalysis => ({ schema: ANALYSIS_SCHEMA, id, error: { code, message } });

export function analyzeArticle(analyzer: ReturnType<typeof createAnalyzer>, article: Article, includeText: boolean): AnalysisResult {
  try {
    return analyzer(article.text, { id: article.id, title: article.title, targets: article.targets, includeText: includeText || article.includeText });
  } catch (error) {
    return failedResult(article.id, 'analysis-failed', `${article.id}: ${(error as Error).message}`);
  }
}

/** Analyses every item of a stream of inputs; yields one result per item, in order. */
export async function* analyzeItems(items: AsyncIterable<InputItem>, options: BatchOptions = {}): AsyncGenerator<AnalysisResult> {
  const jobs = Math.max(1, options.jobs ?? 1);
  const analyzeOptions: AnalyzeOptions = { only: options.only, targets: options.targets, gazetteers: options.gazetteers };
  const includeText = options.includeText ?? false;
  if (jobs === 1) {
    const analyzer = createAnalyzer(analyzeOptions);
    for await (const item of items) {
      yield isFailure(item) ? failedResult(item.id, item.error.code, item.error.message) : analyzeArticle(analyzer, item, includeText);
    }
    return;
  }
  const pool = new Piscina({ filename: new URL('./worker.js', import.meta.url).href, minThreads: jobs, maxThreads: jobs });
  const window: Promise<AnalysisResult>[] = [];
  try {
    for await (const item of items) {
      window.push(isFailure(item)
        ? Promise.resolve(failedResult(item.id, item.error.code, item.error.message))
        : (pool.run({ article: item, options: analyzeOptions, includeText } satisfies WorkerTask) as Promise<AnalysisResult>)
          .catch((error: Error) => failedResult(item.id, 'analysis-failed', `${item.id}: ${error.message}`)));
      if (window.length >= jobs * WINDOW_PER_JOB) yield await window.shift()!;
    }
    while (window.length) yield await window.shift()!;
  } finally {
    await pool.destroy();
  }
}

/** The library's batch entry point: paths (files, folders, '-') -> results in input order. */
export function analyze(paths: string | string[], options: BatchOptions = {}): AsyncGenerator<AnalysisResult> {
  return analyzeItems(readInputs(Array.isArray(paths) ? paths : [paths], options), options);
}
