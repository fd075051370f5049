// Many inputs -> results in input order. With jobs > 1 a piscina pool of worker threads analyses
// ahead while earlier results print; the window of work in flight is bounded, so memory stays flat.
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import type { AnalysisResult } from './analysis.js';
import { failedResult, renderResult, runEntry, type ChunkEntry, type RenderRequest, type RenderedResult, type WorkerTask } from './task.js';
import type { AnalyzeOptions } from './analyze.js';
import { isFailure, isPriorAnalysis, readInputs, type Article, type InputItem, type ReadOptions } from './input/read-inputs.js';

// Articles go to workers in chunks: handing one article to a worker costs about as much as
// analysing it, so a chunk of several keeps the cores busy. Chunks in flight per worker are few,
// so memory stays flat however many inputs there are.
const CHUNK_ARTICLES = 16;
const CHUNK_CHARS = 64_000;
const CHUNKS_PER_JOB = 3;

export interface BatchOptions extends AnalyzeOptions, ReadOptions {
  /** Worker threads; 1 analyses in this thread. */
  jobs?: number;
  /** Carry each article's text in its Analysis (for reports that show it). */
  includeText?: boolean;
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
  const analyzeOptions: AnalyzeOptions = { only: options.only, targets: options.targets, gazetteers: options.gazetteers, timing: options.timing, stanceThreshold: options.stanceThreshold };
  const includeText = options.includeText ?? false;
  let index = 0;
  if (jobs === 1) {
    // Loaded here, not at the top: with a pool, only the workers need wink's model in memory.
    const analyzer = (await import('./analyze.js')).createAnalyzer(analyzeOptions);
    let turn = performance.now();
    for await (const item of items) {
      yield convert(runEntry(analyzer, { item, index }, includeText), index);
      index += 1;
      // Files are read synchronously and awaits here are only microtasks, so without a turn of the
      // event loop now and then a signal handler (Ctrl-C) and timers would wait for the whole run.
      if (performance.now() - turn > 50) {
        await new Promise((resolve) => setImmediate(resolve));
        turn = performance.now();
      }
    }
    return;
  }
  // With every core busy analysing, each worker's optimising compiler competes with the workers
  // themselves, and inlining is most of its work: without it, -j 2 over the BBC corpus runs in 7.5 s
  // instead of 8.3 (median of 3). One job keeps it: there the compiler has a core of its own.
  // The flag is read as code is compiled, so it reaches the workers started below.
  setFlagsFromString('--no-turbo-inlining');
  // Started at the first article: Analyses read back (summary over analyze's output) need no workers.
  let pool = null as Piscina | null;
  const startPool = () => new Piscina({
    filename: new URL('./worker.js', import.meta.url).href, minThreads: jobs, maxThreads: jobs,
    // The same heap bounds the bin's shebang gives the main thread: memory stays flat in long runs.
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 },
  });
  const window: Promise<T[]>[] = [];
  let chunk: ChunkEntry[] = [];
  let chunkChars = 0;
  const dispatch = () => {
    const entries = chunk;
    const task: WorkerTask = { entries, options: analyzeOptions, includeText, render };
    pool ??= startPool();
    window.push((pool.run(task) as Promise<T[]>).catch((error: Error) => entries.map(({ item, index: at }) =>
      convert(failedResult(item.id, 'analysis-failed', `${item.id}: ${error.message}`), at))));
    chunk = [];
    chunkChars = 0;
  };
  try {
    for await (const item of items) {
      if (isPriorAnalysis(item)) {
        // Already analysed: it takes its place in the order without a trip to a worker.
        if (chunk.length) dispatch();
        window.push(Promise.resolve([convert(item.analysis, index)]));
        index += 1;
        while (window.length >= jobs * CHUNKS_PER_JOB) yield* await window.shift()!;
        continue;
      }
      chunk.push({ item, index });
      index += 1;
      chunkChars += isFailure(item) ? 0 : item.text.length;
      if (chunk.length >= CHUNK_ARTICLES || chunkChars >= CHUNK_CHARS) dispatch();
      while (window.length >= jobs * CHUNKS_PER_JOB) yield* await window.shift()!;
    }
    if (chunk.length) dispatch();
    while (window.length) yield* await window.shift()!;
  } finally {
    await pool?.destroy();
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
