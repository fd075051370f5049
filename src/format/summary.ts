// The corpus Summary in every format: json and jsonl for machines; table, md, csv and html for people.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { Summary } from '../summarize.js';
import type { FormatOptions } from './format.js';
import type { FormatName } from './index.js';
import { CSV_OPTIONS } from './csv.js';
import { markdownText, terminalSafe } from './safe-text.js';
import { summaryHtml } from './summary-html.js';
import { duplicateNote } from './summary-text.js';
import { count, cut } from './table.js';

const counts = (s: Summary) => `${count(s.inputs, 'input')} · ${s.analysed} analysed · ${s.failed} failed${s.duplicates?.copies ? ` · ${duplicateNote(s)}` : ''}`;

/** Rows for people, shared by table, md and html: header and cells of each list. */
function sections(s: Summary): { title: string; head: string[]; rows: (string | number)[][] }[] {
  return [
    { title: 'Entities', head: ['entity', 'type', 'articles', 'mentions', 'tone'], rows: s.entities.map((e) => [e.aliases.length > 1 ? `${e.name} (${e.aliases.filter((a) => a !== e.name).slice(0, 4).join(', ')})` : e.name, e.type, e.articles, e.mentions, `${e.tone.label} ${e.tone.score}`]) },
    { title: 'Speakers', head: ['speaker', 'quotes', 'articles', 'sample'], rows: s.speakers.map((sp) => [sp.name, sp.quotes, sp.articles, cut(sp.sample.text, 100)]) },
    { title: 'Stances', head: ['holder', 'target', 'label', '+', '−', 'articles'], rows: s.stances.map((st) => [st.holder, st.target, st.label, st.positive, st.negative, st.articles]) },
    { title: 'Targets', head: ['target', 'articles', 'positive', 'neutral', 'negative'], rows: s.targets.map((t) => [t.query, t.articles, t.positive, t.neutral, t.negative]) },
    { title: 'Near-duplicate articles', head: ['copy', 'of', 'similarity'], rows: (s.duplicates?.groups ?? []).flatMap((g) => g.copies.map((c) => [c.id, g.original, c.similarity])) },
  ].filter((section) => section.rows.length);
}

const CSV_COLUMNS = ['part', 'name', 'type', 'aliases', 'articles', 'mentions', 'quotes', 'label', 'score', 'holder', 'target', 'positive', 'negative', 'neutral', 'sample', 'copyOf'];

export const summaryFormats: Record<FormatName, (s: Summary, opts: FormatOptions) => string> = {
  json: (s) => `${JSON.stringify(s, null, 2)}\n`,
  jsonl: (s) => `${JSON.stringify(s)}\n`,
  md: (s) => {
    const out = ['# newslens summary', '', counts(s), ''];
    for (const section of sections(s)) {
      out.push(`## ${section.title}`, '', `| ${section.head.join(' | ')} |`, `| ${section.head.map(() => '---').join(' | ')} |`);
      for (const row of section.rows) out.push(`| ${row.map(markdownText).join(' | ')} |`);
      out.push('');
    }
    return `${out.join('\n')}\n`;
  },
  table: (s, opts) => {
    const c = new Chalk({ level: opts.color ? 1 : 0 });
    const out = [c.bold('newslens summary'), c.dim(counts(s))];
    for (const section of sections(terminalSafe(s))) {
      const table = new Table({ head: section.head.map((h) => c.bold(h)), style: { head: [], border: [] }, wordWrap: true,
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
      for (const row of section.rows) table.push(row.map((cell) => cut(String(cell), Math.max(20, Math.floor(opts.width / 2)))));
      out.push(c.bold(section.title), table.toString());
    }
    return `${out.join('\n')}\n`;
  },
  csv: (s) => stringify([
    CSV_COLUMNS,
    ...s.entities.map((e) => ['entity', e.name, e.type, e.aliases.join(' | '), e.articles, e.mentions, '', e.tone.label, e.tone.score, '', '', '', '', '', '', '']),
    ...s.speakers.map((sp) => ['speaker', sp.name, '', '', sp.articles, '', sp.quotes, '', '', '', '', '', '', '', sp.sample.text, '']),
    ...s.stances.map((st) => ['stance', '', '', '', st.articles, '', '', st.label, '', st.holder, st.target, st.positive, st.negative, '', '', '']),
    ...s.targets.map((t) => ['target', t.query, '', '', t.articles, '', '', '', '', '', '', t.positive, t.negative, t.neutral, '', '']),
    // A near-duplicate article: name is the copy, copyOf the article first seen, score their similarity.
    ...(s.duplicates?.groups ?? []).flatMap((g) => g.copies.map((c) => ['copy', c.id, '', '', '', '', '', '', c.similarity, '', '', '', '', '', '', g.original])),
  ], CSV_OPTIONS),
  html: (s) => summaryHtml(s, counts(s)),
};
