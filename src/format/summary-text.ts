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

/** "speakers: 120 female (18%), 431 male (64%), 119 unknown (18%)": who gets a voice, by stated gender. */
export function voicesLine(counts: Record<'female' | 'male' | 'unknown', number>, what: string): string {
  const total = counts.female + counts.male + counts.unknown;
  const share = (n: number) => `${n} (${total ? Math.round((100 * n) / total) : 0}%)`;
  return `${what}: ${share(counts.female)} female, ${share(counts.male)} male, ${share(counts.unknown)} unknown`;
}

/** Who a spread quote was given to: "Tony Blair (3), a spokesman (1)", flagged when they differ. */
export function quoteSpeakers(q: NonNullable<Summary['quotes']>[number]): string {
  const list = q.speakers.map((sp) => `${sp.name ?? 'no speaker'} (${sp.articles})`).join(', ');
  return q.speakersDiffer ? `${list} ⚠ different speakers` : list;
}

/** The note under the voices section: what the counts are and are not. */
export const VOICES_NOTE = 'gender as the articles state it (a title, a role word, the pronouns resolved to the speaker); unknown where none does, never guessed from a name';
