import type { Doc } from './doc.js';

/** Index of the last token that starts at or before `offset` (binary search over doc.tokens). */
export function tokenAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.tokens[mid]!.start <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}
