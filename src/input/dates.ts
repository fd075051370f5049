// Publication dates as feeds and pages write them -> a calendar month, or null when the text is not
// a date we can read for certain. luxon parses each form strictly; nothing is guessed (03/04/2005
// is April in London and March in New York, so it is refused).
import { DateTime } from 'luxon';

/** Day-first and month-first forms news sites print, with and without the weekday. */
const NEWS_FORMATS = [
  'd MMMM yyyy', 'd MMM yyyy', 'MMMM d, yyyy', 'MMM d, yyyy', 'MMMM d yyyy', 'MMM d yyyy',
  'EEEE d MMMM yyyy', 'EEEE, d MMMM yyyy', 'EEE d MMM yyyy', 'EEE, d MMM yyyy',
  'EEEE, MMMM d, yyyy', 'EEE, MMM d, yyyy', 'MMMM yyyy', 'MMM yyyy', 'yyyy/MM/dd', 'yyyy.MM.dd',
];

/** The date as a DateTime (its own offset kept, so a month never shifts to the reader's zone), or null. */
function parseDate(text: string): DateTime | null {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  // A bare year names no month: luxon would read "2005" as 1 January.
  if (!trimmed || /^\d{4}$/.test(trimmed)) return null;
  const options = { setZone: true, locale: 'en' } as const;
  const candidates = [
    () => DateTime.fromISO(trimmed, options),
    () => DateTime.fromRFC2822(trimmed, options),
    () => DateTime.fromHTTP(trimmed, options),
    ...NEWS_FORMATS.map((format) => () => DateTime.fromFormat(trimmed.replace(/(\d)(st|nd|rd|th)\b/, '$1'), format, options)),
  ];
  for (const parse of candidates) {
    const date = parse();
    if (date.isValid && date.year >= 1000 && date.year <= 9999) return date;
  }
  return null;
}

/** "2005-01" for any readable date; null otherwise. */
export function monthOf(text: string): string | null {
  return parseDate(text)?.toFormat('yyyy-MM') ?? null;
}
