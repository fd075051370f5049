// A piscina worker: analyses one article per task with an analyzer prepared once per thread.
import { createAnalyzer } from './analyze.js';
import { analyzeArticle, type WorkerTask } from './batch.js';
import type { AnalysisResult } from './analysis.js';

let analyzer: ReturnType<typeof createAnalyzer> | null = null;
let preparedFor = '';

export default function run(task: WorkerTask): AnalysisResult {
  const key = JSON.stringify(task.options);
  if (!analyzer || key !== preparedFor) {
    analyzer = createAnalyzer(task.options);
    preparedFor = key;
  }
  return analyzeArticle(analyzer, task.article, task.includeText);
}
