// One row per entity, quote, stance, target and error, with a `part` column saying which.
import { stringify } from 'csv-stringify/sync';
import { isFailed } from '../analysis.js';
import type { Format } from './format.js';

const COLUMNS = ['id', 'part', 'key', 'name', 'type', 'kind', 'label', 'score', 'count', 'salience', 'start', 'end', 'text', 'speaker', 'cue', 'holder', 'target'] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string | number | null>>;

// A cell that starts with =, +, -, @, tab or CR is a formula to a spreadsheet: csv-stringify
// prefixes it with ' so that article text opened in Excel or LibreOffice stays text.
export const CSV_OPTIONS = { escape_formulas: true } as const;
const toLine = (rows: Row[]) => (rows.length ? stringify(rows.map((r) => COLUMNS.map((c) => r[c] ?? '')), CSV_OPTIONS) : '');

export const formatCsv: Format = {
  header: () => stringify([COLUMNS as unknown as string[]], CSV_OPTIONS),
  item: (result) => {
    if (isFailed(result)) return toLine([{ id: result.id, part: 'error', key: result.error.code, text: result.error.message }]);
    const rows: Row[] = [];
    for (const e of result.entities ?? []) {
      rows.push({ id: result.id, part: 'entity', key: e.id, name: e.name, type: e.type, label: e.tone.label, score: e.tone.score, count: e.count, salience: e.salience, start: e.mentions[0]?.start, end: e.mentions[0]?.end, text: e.aliases.join(' | ') });
    }
    for (const q of result.quotes ?? []) {
      rows.push({ id: result.id, part: 'quote', key: q.id, kind: q.kind, start: q.start, end: q.end, text: q.text, speaker: q.speaker?.name ?? null, cue: q.cue });
    }
    for (const s of result.stances ?? []) {
      rows.push({ id: result.id, part: 'stance', label: s.label, cue: s.cue, start: s.evidence.start, end: s.evidence.end, holder: s.holderName, target: s.targetName });
    }
    for (const t of result.targets) {
      rows.push({ id: result.id, part: 'target', name: t.query, key: t.entity, label: t.label, score: t.score, count: t.mentions.length });
    }
    return toLine(rows);
  },
};
