// How far a reader can trust a stance edge: the share right, among the BBC edges judged by hand in
// random samples, of the edges drawn the same way (by the same source, in the same band of its
// model's probability). The table is written by scripts/stance-confidence.js from the hand-checks
// in docs/ and ships in src/models/stance-confidence.json.
import { readFileSync } from 'node:fs';
import type { StanceSource } from '../doc/doc.js';

/** One kind of edge: a source and, for the models, a band of probability [min, max). */
export interface ConfidenceKind { name: string; source: StanceSource; min: number; max: number }

/**
 * The linear model's readings are split at 0.8, the probability its reading needs without a stance
 * word (find-stances.ts), a band set before the judged edges were counted. The encoder's are one
 * kind: the samples judge 17 of them, too few to split.
 */
export const CONFIDENCE_KINDS: readonly ConfidenceKind[] = [
  { name: 'pattern', source: 'pattern', min: 0, max: Infinity },
  { name: 'quote', source: 'quote', min: 0, max: Infinity },
  { name: 'linear >= 0.8', source: 'linear', min: 0.8, max: Infinity },
  { name: 'linear < 0.8', source: 'linear', min: 0, max: 0.8 },
  { name: 'encoder', source: 'encoder', min: 0, max: Infinity },
];

/** The kind an edge belongs to. */
export function confidenceKind(source: StanceSource, probability: number | null): string {
  const p = probability ?? 0;
  return CONFIDENCE_KINDS.find((k) => k.source === source && p >= k.min && p < k.max)!.name;
}

interface ConfidenceTable { kinds: Record<string, { judged: number; right: number; confidence: number }> }

let table: ConfidenceTable | null = null;

/** The shipped confidence of an edge drawn by `source` at `probability`, in [0, 1]. */
export function stanceConfidence(source: StanceSource, probability: number | null): number {
  table ??= JSON.parse(readFileSync(new URL('../models/stance-confidence.json', import.meta.url), 'utf8')) as ConfidenceTable;
  return table.kinds[confidenceKind(source, probability)]?.confidence ?? 0.5;
}
