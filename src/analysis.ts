// The contract (../shared/CONTRACT.md) as types: the one shape every output format and consumer sees.

export const ANALYSIS_SCHEMA = 'newslens/analysis@1';
export const SUMMARY_SCHEMA = 'newslens/summary@1';

import type { EntityType } from './doc/doc.js';
export type { EntityType };

export type ToneLabel = 'positive' | 'negative' | 'neutral';
export type MentionKind = 'name' | 'pronoun' | 'nominal';
export type QuoteKind = 'direct' | 'indirect' | 'partial';
export type Part = 'entities' | 'quotes' | 'stances';
export const PARTS: readonly Part[] = ['entities', 'quotes', 'stances'];

export interface Tone {
  label: ToneLabel;
  /** @minimum -1 @maximum 1 */
  score: number;
}

export interface Mention { start: number; end: number; text: string; kind: MentionKind; sentence: number }

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  mentions: Mention[];
  count: number;
  /** @minimum 0 @maximum 1 */
  salience: number;
  tone: Tone;
  /** PERSON only, and only when the text states it (a title, a gendered role word, the pronouns resolved to them). */
  gender?: GenderEvidence;
}

/** A gender the text states, never one guessed from a first name. */
export interface GenderEvidence {
  label: 'female' | 'male';
  /** What says it: a title (Mrs, Sir), a role word (actress, his wife), or the he/she pronouns resolved to the person. */
  evidence: 'title' | 'role' | 'pronoun';
  /** The words as written: "Mrs", "actress", "she". */
  text: string;
}

export interface Speaker {
  entity: string | null;
  name: string;
  mention: { start: number; end: number; text: string } | null;
  /** The speaker's gender when the text states it: the entity's, or a nominal speaker's role word ("a spokeswoman"). */
  gender?: GenderEvidence;
}

export interface Quote {
  id: string;
  start: number;
  end: number;
  text: string;
  kind: QuoteKind;
  cue: string | null;
  sentence: number;
  speaker: Speaker | null;
  fragments?: { start: number; end: number }[];
}

export interface Stance {
  holder: string;
  target: string;
  /** The holder's and the target's entity names (an addition to the contract: readable with `--only stances`). */
  holderName: string;
  targetName: string;
  label: 'positive' | 'negative';
  cue: string;
  sentence: number;
  evidence: { start: number; end: number };
}

export interface TargetTone {
  query: string;
  entity: string | null;
  label: ToneLabel;
  score: number;
  mentions: [number, number][];
}

export interface Stats { chars: number; sentences: number; tokens: number; elapsedMs: number }

export interface Analysis {
  schema: typeof ANALYSIS_SCHEMA;
  id: string;
  title: string | null;
  /** The publication date as the input gave it (a JSONL record's `date`, an HTML page's metadata); summary groups by its month. */
  date?: string;
  /**
   * MinHash of the text's 5-word shingles (128 values of 8 bits, base64): two articles whose
   * fingerprints agree in half their values or more are copies of one story (summary groups them).
   * Absent for a text of fewer than five words.
   */
  fingerprint?: string;
  /** Present for HTML input: the extracted article text that offsets index. */
  text?: string;
  stats: Stats;
  entities?: Entity[];
  quotes?: Quote[];
  stances?: Stance[];
  targets: TargetTone[];
}

export interface FailedAnalysis {
  schema: typeof ANALYSIS_SCHEMA;
  id: string;
  error: { code: string; message: string };
}

export type AnalysisResult = Analysis | FailedAnalysis;

export const isFailed = (r: AnalysisResult): r is FailedAnalysis => 'error' in r;
