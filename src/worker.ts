// A piscina worker: analyses a chunk of inputs per task with an analyzer prepared once per thread.
import { createAnalyzer } from './analyze.js';
import { renderResult, runEntry, type RenderedResult, type WorkerTask } from './task.js';
import type { AnalysisResult } from './analysis.js';

let analyzer: ReturnType<typeof createAnalyzer> | null = null;
let preparedFor = '';

export default function run(task: WorkerTask): (AnalysisResult | RenderedResult)[] {
  const key = JSON.stringify(task.options);
  if (!analyzer || key !== preparedFor) {
    analyzer = createAnalyzer(task.options);
    preparedFor = key;
  }
  const { render } = task;
  return task.entries.map((entry) => {
    const result = runEntry(analyzer!, entry, task.includeText);
    return render ? renderResult(result, { ...render, index: entry.index }) : result;
  });
}
