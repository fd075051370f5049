// A piscina worker: analyses one article per task with an analyzer prepared once per thread.
import { createAnalyzer } from './analyze.js';
import { analyzeArticle, renderResult, type RenderedResult, type WorkerTask } from './batch.js';
import type { AnalysisResult } from './analysis.js';

let analyzer: ReturnType<typeof createAnalyzer> | null = null;
let preparedFor = '';

export default function run(task: WorkerTask): AnalysisResult | RenderedResult {
  const key = JSON.stringify(task.options);
  if (!analyzer || key !== preparedFor) {
    analyzer = createAnalyzer(task.options);
    preparedFor = key;
  }
  const result = analyzeArticle(analyzer, task.article, task.includeText);
  return task.render ? renderResult(result, task.render) : result;
}
