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
import { duplicateNote, quoteSpeakers, VOICES_NOTE } from './summary-text.js';
import { count, cut } from './table.js';

/** "120 (18%)" of one gender's count. */
const share = (counts: Record<'female' | 'male' | 'unknown', number>, g: 'female' | 'male' | 'unknown') => {
  const total = counts.female + counts.male + counts.unknown;
  return `${counts[g]} (${total ? Math.round((100 * counts[g]) / total) : 0}%)`;
};

const counts = (s: Summary) => `${count(s.inputs, 'input')} · ${s.analysed} analysed · ${s.failed} failed${s.duplicates?.copies ? ` · ${duplicateNote(s)}` : ''}`;

/** Rows for people, shared by table, md and html: header and cells of each list. */
function sections(s: Summary): { title: string; head: string[]; rows: (string | number)[][] }[] {
  return [
    { title: 'Entities', head: ['entity', 'type', 'articles', 'mentions', 'tone'], rows: s.entities.map((e) => [e.aliases.length > 1 ? `${e.name} (${e.aliases.filter((a) => a !== e.name).slice(0, 4).join(', ')})` : e.name, e.type, e.articles, e.mentions, `${e.tone.label} ${e.tone.score}`]) },
    { title: 'Speakers', head: ['speaker', 'gender', 'quotes', 'articles', 'sample'], rows: s.speakers.map((sp) => [sp.name, sp.gender ?? '', sp.quotes, sp.articles, cut(sp.sample.text, 100)]) },
    { title: `Who gets a voice (${VOICES_NOTE})`, head: ['counted', 'female', 'male', 'unknown'], rows: s.voices ? (['speakers', 'quotes'] as const).map((k) => [k, ...(['female', 'male', 'unknown'] as const).map((g) => share(s.voices![k], g))]) : [] },
    { title: 'Quotes carried by several articles', head: ['quote', 'articles', 'speakers', 'first seen'], rows: (s.quotes ?? []).map((q) => [cut(q.text, 120), q.articles.length, quoteSpeakers(q), q.articles[0]!.date ? `${q.articles[0]!.id} (${q.articles[0]!.date})` : q.articles[0]!.id]) },
    { title: 'Stances', head: ['holder', 'target', 'label', '+', '−', 'articles'], rows: s.stances.map((st) => [st.holder, st.target, st.label, st.positive, st.negative, st.articles]) },
    { title: 'Targets', head: ['target', 'articles', 'positive', 'neutral', 'negative'], rows: s.targets.map((t) => [t.query, t.articles, t.positive, t.neutral, t.negative]) },
    { title: 'Near-duplicate articles', head: ['copy', 'of', 'similarity'], rows: (s.duplicates?.groups ?? []).flatMap((g) => g.copies.map((c) => [c.id, g.original, c.similarity])) },
  ].filter((section) => section.rows.length);
}

const CSV_COLUMNS = ['part', 'name', 'type', 'aliases', 'articles', 'mentions', 'quotes', 'label', 'score', 'holder', 'target', 'positive', 'negative', 'neutral', 'sample', 'copyOf', 'gender', 'ids'];

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
    ...s.entities.map((e) => ['entity', e.name, e.type, e.aliases.join(' | '), e.articles, e.mentions, '', e.tone.label, e.tone.score, '', '', '', '', '', '', '', '', '']),
    ...s.speakers.map((sp) => ['speaker', sp.name, '', '', sp.articles, '', sp.quotes, '', '', '', '', '', '', '', sp.sample.text, '', sp.gender ?? '', '']),
    ...s.stances.map((st) => ['stance', '', '', '', st.articles, '', '', st.label, '', st.holder, st.target, st.positive, st.negative, '', '', '', '', '']),
    ...s.targets.map((t) => ['target', t.query, '', '', t.articles, '', '', '', '', '', '', t.positive, t.negative, t.neutral, '', '', '', '']),
    // A near-duplicate article: name is the copy, copyOf the article first seen, score their similarity.
    ...(s.duplicates?.groups ?? []).flatMap((g) => g.copies.map((c) => ['copy', c.id, '', '', '', '', '', '', c.similarity, '', '', '', '', '', '', g.original, '', ''])),
    // Who gets a voice: one row per gender, name the gender, with its speakers and their quotes.
    ...(s.voices ? (['female', 'male', 'unknown'] as const).map((g) => ['voices', g, '', '', '', '', s.voices!.quotes[g], '', '', '', '', '', '', '', '', '', g, s.voices!.speakers[g]]) : []),
    // A quote carried by several articles: sample is its text, name its speakers, ids the articles in date order.
    ...(s.quotes ?? []).map((q) => ['quote', quoteSpeakers(q), '', '', q.articles.length, '', '', '', '', '', '', '', '', '', q.text, '', '', q.articles.map((a) => a.id).join(' | ')]),
  ], CSV_OPTIONS),
  html: (s) => summaryHtml(s, counts(s)),
};
