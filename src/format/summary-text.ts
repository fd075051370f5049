// Sentences about a Summary that every people-facing format prints the same way.
import type { Summary } from '../summarize.js';
import { count } from './table.js';

/** "168 of 2225 articles are near-duplicates of an earlier one: each story is counted once (--count-copies counts every copy)". */
export function duplicateNote(s: Summary): string {
  const d = s.duplicates;
  if (!d) return '';
  if (!d.copies) return `no near-duplicate articles among ${count(d.checked, 'article')}`;
  return `${d.copies} of ${count(d.checked, 'article')} ${d.copies === 1 ? 'is a near-duplicate' : 'are near-duplicates'} of an earlier one: `
    + (d.counted ? 'every copy is counted (--count-copies)' : 'each story is counted once (--count-copies counts every copy)');
}
