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
  footer?: (count: number, opts: FormatOptions) => string;
}
