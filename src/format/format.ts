import type { AnalysisResult } from '../analysis.js';

export interface FormatOptions {
  color: boolean;
  /** Terminal width in columns for the table format. */
  width: number;
  /** True when the run has one input: json then prints one object instead of an array. */
  single: boolean;
}

/** A format is plain functions to text, so thousands of results print as they stream. */
export interface Format {
  header?: (opts: FormatOptions) => string;
  item: (result: AnalysisResult, index: number, opts: FormatOptions) => string;
  /** `toc` lists every input of the run, for formats that index them (html). */
  footer?: (count: number, opts: FormatOptions, toc?: TocEntry[]) => string;
}

/** One input of the run as a table of contents sees it. */
export interface TocEntry { index: number; id: string; title: string | null; failed: boolean }
