// One self-contained page for the run: each article's text with entity mentions highlighted by type
// and its quotes, entities and stances listed. All article text is escaped; nothing is fetched.
// A first version: the full report with the stance graph is issue #8.
import { isFailed, type Analysis, type AnalysisResult } from '../analysis.js';
import type { Format } from './format.js';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{font:16px/1.55 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
article{border-top:1px solid #ddd;padding-top:1rem;margin-top:2rem}.text{white-space:pre-wrap}
mark{border-radius:3px;padding:0 2px}.PERSON{background:#ffe08a}.ORG{background:#a8d8ff}.GPE,.LOC,.FAC{background:#b8f0b8}
.NORP{background:#e3c8ff}.other{background:#eee}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left}
.positive{color:#13795b}.negative{color:#b00020}.legend mark{margin-right:.5rem}`;

function highlighted(a: Analysis): string {
  if (!a.text) return '';
  const marks: { start: number; end: number; type: string; name: string }[] = [];
  for (const e of a.entities ?? []) for (const m of e.mentions) marks.push({ start: m.start, end: m.end, type: e.type, name: e.name });
  marks.sort((x, y) => x.start - y.start || y.end - x.end);
  let html = '';
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    const cls = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP'].includes(m.type) ? m.type : 'other';
    html += `${escapeHtml(a.text.slice(at, m.start))}<mark class="${cls}" title="${escapeHtml(`${m.name} (${m.type})`)}">${escapeHtml(a.text.slice(m.start, m.end))}</mark>`;
    at = m.end;
  }
  return `<div class="text">${html}${escapeHtml(a.text.slice(at))}</div>`;
}

function article(result: AnalysisResult): string {
  if (isFailed(result)) return `<article><h2>${escapeHtml(result.id)}</h2><p class="negative">${escapeHtml(result.error.code)}: ${escapeHtml(result.error.message)}</p></article>`;
  const names = new Map((result.entities ?? []).map((e) => [e.id, e.name]));
  const entities = (result.entities ?? []).map((e) => `<tr><td>${escapeHtml(e.name)}</td><td>${e.type}</td><td>${e.count}</td><td class="${e.tone.label}">${e.tone.label}</td></tr>`).join('');
  const quotes = (result.quotes ?? []).map((q) => `<tr><td>${escapeHtml(q.speaker?.name ?? '—')}</td><td>“${escapeHtml(q.text)}”</td></tr>`).join('');
  const stances = (result.stances ?? []).map((s) => `<li>${escapeHtml(names.get(s.holder) ?? s.holder)} → ${escapeHtml(names.get(s.target) ?? s.target)}: <span class="${s.label}">${s.label}</span> (${escapeHtml(s.cue)})</li>`).join('');
  return `<article><h2>${escapeHtml(result.title ?? result.id)}</h2><p><code>${escapeHtml(result.id)}</code></p>${highlighted(result)}
<h3>Entities</h3><table><tr><th>entity</th><th>type</th><th>mentions</th><th>tone</th></tr>${entities}</table>
<h3>Quotes</h3><table><tr><th>speaker</th><th>quote</th></tr>${quotes}</table><h3>Stances</h3><ul>${stances}</ul></article>`;
}

export const formatHtml: Format = {
  header: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>newslens report</title><style>${STYLE}</style></head><body>
<h1>newslens report</h1><p class="legend"><mark class="PERSON">person</mark><mark class="ORG">organisation</mark><mark class="GPE">place</mark><mark class="NORP">group</mark><mark class="other">other</mark></p>\n`,
  item: (result) => `${article(result)}\n`,
  footer: () => '</body></html>\n',
};
