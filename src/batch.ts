// Many inputs -> results in input order. With jobs > 1 a piscina pool of worker threads analyses
// ahead while earlier results print; the window of work in flight is bounded, so memory stays flat.
import { Piscina } from 'piscina';
import { ANALYSIS_SCHEMA, isFailed, type AnalysisResult, type FailedAnalysis } from './analysis.js';
import { formats, type FormatName, type FormatOptions } from './format/index.js';
import type { AnalyzeOptions, createAnalyzer } from './analyze.js';
import { isFailure, readInputs, type Article, type InputItem, type ReadOptions } from './input/read-inputs.js';

export interface BatchOptions extends AnalyzeOptions, ReadOptions {
  /** Worker threads; 1 analyses in this thread. */
  jobs?: number;
  /** Carry each article's text in its Analysis (for reports that show it). */
  includeText?: boolean;
}

/** Format an Analysis where it was made: only text crosses back from a worker, not the object. */
export interface RenderRequest { format: FormatName; formatOptions: FormatOptions; index: number }

/** One input, already rendered by a format; `error` is set when the input failed. */
export interface RenderedResult { id: string; text: string; error: FailedAnalysis['error'] | null; tokens: number }

export interface WorkerTask { article: Article; options: AnalyzeOptions; includeText: boolean; render: RenderRequest | null }

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

export function renderResult(result: AnalysisResult, render: RenderRequest): RenderedResult {
  const failed = isFailed(result);
  return {
    id: result.id, text: formats[render.format].item(result, render.index, render.formatOptions),
    error: failed ? result.error : null, tokens: failed ? 0 : result.stats.tokens,
  };
}

/**
 * Runs every item through `local` (jobs = 1) or a worker pool, yielding outputs in input order.
 * The window of tasks in flight is bounded, so memory stays flat however many inputs there are.
 */
async function* runOrdered<T>(
  items: AsyncIterable<InputItem>, options: BatchOptions, render: Omit<RenderRequest, 'index'> | null,
  convert: (result: AnalysisResult, index: number) => T,
): AsyncGenerator<T> {
  const jobs = Math.max(1, options.jobs ?? 1);
  const analyzeOptions: AnalyzeOptions = { only: options.only, targets: options.targets, gazetteers: options.gazetteers };
  const includeText = options.includeText ?? false;
  let index = 0;
  if (jobs === 1) {
    // Loaded here, not at the top: with a pool, only the workers need wink's model in memory.
    const analyzer = (await import('./analyze.js')).createAnalyzer(analyzeOptions);
    for await (const item of items) {
      const result = isFailure(item) ? failedResult(item.id, item.error.code, item.error.message) : analyzeArticle(analyzer, item, includeText);
      yield convert(result, index);
      index += 1;
    }
    return;
  }
  const pool = new Piscina({ filename: new URL('./worker.js', import.meta.url).href, minThreads: jobs, maxThreads: jobs, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 } });
  const window: Promise<T>[] = [];
  try {
    for await (const item of items) {
      const at = index;
      index += 1;
      if (isFailure(item)) {
        window.push(Promise.resolve(convert(failedResult(item.id, item.error.code, item.error.message), at)));
      } else {
        const task: WorkerTask = { article: item, options: analyzeOptions, includeText, render: render ? { ...render, index: at } : null };
        window.push((pool.run(task) as Promise<T>)
          .catch((error: Error) => convert(failedResult(item.id, 'analysis-failed', `${item.id}: ${error.message}`), at)));
      }
      if (window.length >= jobs * WINDOW_PER_JOB) yield await window.shift()!;
    }
    while (window.length) yield await window.shift()!;
  } finally {
    await pool.destroy();
  }
}

/** Analyses every item of a stream of inputs; yields one result per item, in order. */
export function analyzeItems(items: AsyncIterable<InputItem>, options: BatchOptions = {}): AsyncGenerator<AnalysisResult> {
  return runOrdered(items, options, null, (result) => result);
}

/** Like analyzeItems, but each result comes back already rendered by a format (what the CLI prints). */
export function renderItems(
  items: AsyncIterable<InputItem>, options: BatchOptions, render: Omit<RenderRequest, 'index'>,
): AsyncGenerator<RenderedResult> {
  return runOrdered(items, options, render, (result, index) => renderResult(result, { ...render, index }));
}

/** The library's batch entry point: paths (files, folders, '-') -> results in input order. */
export function analyze(paths: string | string[], options: BatchOptions = {}): AsyncGenerator<AnalysisResult> {
  return analyzeItems(readInputs(Array.isArray(paths) ? paths : [paths], options), options);
}
