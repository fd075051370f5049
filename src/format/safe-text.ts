// Article text is untrusted: these make it inert for the reader's terminal and Markdown viewer.
// (HTML goes through escape.ts; CSV through csv-stringify's escape_formulas.)

// ANSI/VT escape sequences (CSI with its parameters, OSC up to BEL or ST, and two-character ESC
// forms), then any other C0/C1 control character, then bidirectional overrides that can reorder
// what a reader sees ("Trojan source").
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text as a terminal may print it: escape sequences dropped, other controls shown as U+FFFD. */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '\ufffd');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Text inside one line of Markdown that renders as that text: HTML is escaped as entities, inline
 * Markdown syntax (emphasis, code, links, tables, strike-through, math) with a backslash; whitespace
 * runs become one space, so a cell or line cannot be split. Our own output starts every line, so
 * block syntax ("- ", "1. ", "> ") cannot begin inside it.
 */
export function markdownText(text: string | number | null | undefined): string {
  return terminalText(String(text ?? ''))
    .replace(/\s+/g, ' ')
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!)
    .replace(/[\\`*_[\]|~#$]/g, '\\$&');
}

/** A copy of a result with terminalText applied to every string in it, for formats a terminal shows. */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) return value.map(terminalSafe) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terminalSafe(v)])) as T;
  }
  return value;
}
