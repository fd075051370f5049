// The kinds of stance edge that hand-checks are counted by: the source that drew an edge and, for
// the models, a band of its probability. scripts/stance-confidence.js tabulates the BBC edges judged
// in the random samples under docs/ by these kinds: the groundwork for a confidence per edge.
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
