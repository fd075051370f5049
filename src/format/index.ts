import type { Format } from './format.js';
import { formatCsv } from './csv.js';
import { formatHtml } from './html.js';
import { formatJson, formatJsonl } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatTable } from './table.js';

export type { Format, FormatOptions, TocEntry } from './format.js';
export type FormatName = 'table' | 'json' | 'jsonl' | 'csv' | 'md' | 'html';
export const formatNames: FormatName[] = ['table', 'json', 'jsonl', 'csv', 'md', 'html'];

export const formats = {
  table: formatTable, json: formatJson, jsonl: formatJsonl, csv: formatCsv, md: formatMarkdown, html: formatHtml,
} satisfies Record<FormatName, Format>;
