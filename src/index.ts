// The public API of newslens.
export { analyzeText, createAnalyzer, type AnalyzeOptions, type TextInput } from './analyze.js';
export { analyze, analyzeItems, type BatchOptions } from './batch.js';
export { readInputs, type Article, type InputFormat } from './input/read-inputs.js';
export { extractArticle } from './input/html.js';
export { formats, formatNames, type Format, type FormatName, type FormatOptions } from './format/index.js';
export { readUserGazetteer, validateUserGazetteer, type UserGazetteerFile } from './knowledge/gazetteer.js';
export { buildDoc } from './doc/build-doc.js';
export type * from './analysis.js';
export { ANALYSIS_SCHEMA, SUMMARY_SCHEMA, PARTS, isFailed } from './analysis.js';
export type { Doc, Token, Sentence, Paragraph, Span } from './doc/doc.js';
export { UsageError, InputError } from './errors.js';
export { summarize, type Summary, type SummarizeOptions } from './summarize.js';
export { monthOf } from './input/dates.js';
