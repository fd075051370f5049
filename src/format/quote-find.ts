// `quotes --find` in every format: one row per article carrying a matching quote, grouped by quote.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { QuoteFind } from '../corpus/find-quote.js';
import { CSV_OPTIONS } from './csv.js';
import { escapeHtml } from './escape.js';
import type { FormatOptions } from './format.js';
import type { FormatName } from './index.js';
import { markdownText, terminalSafe } from './safe-text.js';
import { count, cut } from './table.js';

const heading = (f: QuoteFind) => `${count(f.quotes.length, 'quote')} matching "${f.query}" in ${count(f.analysed, 'input')}${f.failed ? ` (${f.failed} failed)` : ''}`;
const speakersOf = (q: QuoteFind['quotes'][number]) => q.speakers.map((s) => `${s.name ?? 'no speaker'} (${s.articles})`).join(', ');
const DIFFER = 'given to different speakers: check before repeating it';

export const quoteFindFormats: Record<FormatName, (f: QuoteFind, opts: FormatOptions) => string> = {
  json: (f) => `${JSON.stringify(f, null, 2)}\n`,
  jsonl: (f) => `${JSON.stringify(f)}\n`,
  table: (found, opts) => {
    const f = terminalSafe(found);
    const c = new Chalk({ level: opts.color ? 1 : 0 });
    const out = [c.bold(heading(f))];
    f.quotes.forEach((q, i) => {
      out.push('', `${c.bold(`${i + 1}.`)} “${cut(q.text, Math.max(60, opts.width - 8))}”`, `   ${speakersOf(q)}${q.speakersDiffer ? ` ${c.red(`⚠ ${DIFFER}`)}` : ''}`);
      const table = new Table({ head: ['article', 'date', 'speaker', 'wording'].map((h) => c.bold(h)), style: { head: [], border: [] }, wordWrap: true,
        chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
      for (const a of q.articles) table.push([a.id, a.date ?? '', a.speaker ?? '', a.text === q.text ? '(as above)' : cut(a.text, Math.max(30, Math.floor(opts.width / 3)))]);
      out.push(table.toString());
    });
    if (!f.quotes.length) out.push('No direct quote contains these words. Try fewer of them, or the words as the article would print them.');
    return `${out.join('\n')}\n`;
  },
  md: (f) => {
    const out = [`# ${markdownText(heading(f))}`, ''];
    f.quotes.forEach((q, i) => {
      out.push(`## ${i + 1}. “${markdownText(q.text)}”`, '', `${markdownText(speakersOf(q))}${q.speakersDiffer ? ` **⚠ ${DIFFER}**` : ''}`, '',
        '| article | date | speaker | wording |', '| --- | --- | --- | --- |');
      for (const a of q.articles) out.push(`| ${[a.id, a.date ?? '', a.speaker ?? '', a.text === q.text ? '(as above)' : a.text].map(markdownText).join(' | ')} |`);
      out.push('');
    });
    return `${out.join('\n')}\n`;
  },
  // One row per article carrying a quote: `quote` numbers the distinct quote.
  csv: (f) => stringify([
    ['quote', 'id', 'date', 'speaker', 'text', 'speakersDiffer'],
    ...f.quotes.flatMap((q, i) => q.articles.map((a) => [i + 1, a.id, a.date ?? '', a.speaker ?? '', a.text, q.speakersDiffer])),
  ], CSV_OPTIONS),
  html: (f) => {
    const quotes = f.quotes.map((q, i) => `<section><h2>${i + 1}. “${escapeHtml(q.text)}”</h2><p${q.speakersDiffer ? ' class="differ"' : ''}>${escapeHtml(speakersOf(q))}${q.speakersDiffer ? ` ⚠ ${DIFFER}` : ''}</p>
<table><tr><th>article</th><th>date</th><th>speaker</th><th>wording</th></tr>${q.articles.map((a) => `<tr><td>${escapeHtml(a.id)}</td><td>${escapeHtml(a.date ?? '')}</td><td>${escapeHtml(a.speaker ?? '')}</td><td>${a.text === q.text ? '(as above)' : escapeHtml(a.text)}</td></tr>`).join('')}</table></section>`).join('\n');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>newslens quotes --find</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:1rem 2rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}.differ{color:#c62828;font-weight:600}</style></head><body>
<h1>${escapeHtml(heading(f))}</h1>
${quotes}
</body></html>
`;
  },
};
