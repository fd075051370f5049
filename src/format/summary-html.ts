// The corpus Summary as one self-contained page: the stance network drawn as a graph (laid out by
// d3-force at render time), the entities, speakers and edges as tables, and each target's tone by
// month as a small bar chart. No script: the page is static.
import type { Summary } from '../summarize.js';
import { escapeHtml } from './escape.js';
import { duplicateNote, quoteSpeakers, voicesLine, VOICES_NOTE } from './summary-text.js';
import { cut } from './table.js';
import { GRAPH_STYLE, stanceGraphSvg, type GraphEdge, type GraphNode } from './graph.js';

/** More edges than this and a drawing stops being readable; the table keeps them all. */
const MAX_GRAPH_EDGES = 40;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:1200px;margin:0 auto;padding:1rem 2rem;color:#1d1d1f;background:#fafafa}
section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.5rem 1.5rem 1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.positive{color:#13795b}.negative{color:#c62828}.neutral{color:#777}
.type{font-size:.75rem;color:#666}.bar{display:inline-block;height:.7em;background:#8cc8ff;border-radius:2px;vertical-align:middle}
.chart rect.positive{fill:#13795b}.chart rect.negative{fill:#c62828}.chart rect.neutral{fill:#ccc}.chart text{font:10px system-ui,sans-serif;fill:#555}
.legend span{margin-right:1rem}.cols{display:grid;grid-template-columns:1fr 1fr;gap:1rem}@media(max-width:900px){.cols{grid-template-columns:1fr}}
.voicebar{display:flex;height:1.2rem;border-radius:3px;overflow:hidden;max-width:600px}.voice{display:block;height:100%}
.voice.female,.voice-key.female::before{background:#b05fc4}.voice.male,.voice-key.male::before{background:#3b7dd8}.voice.unknown,.voice-key.unknown::before{background:#ccc}
.voice-key::before{content:"";display:inline-block;width:.8em;height:.8em;margin-right:.3em;border-radius:2px;vertical-align:middle}
${GRAPH_STYLE}`;

const nodeId = (name: string, type: string | undefined) => `${type ?? 'other'}:${name}`;

function network(s: Summary): string {
  const stances = s.stances.slice(0, MAX_GRAPH_EDGES);
  if (!stances.length) return '<p class="neutral">No stances between entities were found.</p>';
  const articlesOf = new Map(s.entities.map((e) => [nodeId(e.name, e.type), e.articles]));
  const nodes = new Map<string, GraphNode>();
  for (const st of stances) {
    for (const [name, type] of [[st.holder, st.holderType], [st.target, st.targetType]] as const) {
      const id = nodeId(name, type);
      if (!nodes.has(id)) nodes.set(id, { id, label: name, type: type ?? 'other', weight: articlesOf.get(id) ?? 1 });
    }
  }
  const most = Math.max(...[...nodes.values()].map((n) => n.weight));
  for (const n of nodes.values()) n.weight /= most;
  const edges: GraphEdge[] = stances.map((st) => ({
    source: nodeId(st.holder, st.holderType), target: nodeId(st.target, st.targetType), positive: st.positive, negative: st.negative,
    details: [`${st.articles} article${st.articles === 1 ? '' : 's'}`, ...st.examples.map((e) => `e.g. ${e.id}`)],
  }));
  const note = s.stances.length > stances.length ? ` (the ${stances.length} strongest of ${s.stances.length} edges)` : '';
  return `<p class="legend"><span class="positive">→ positive</span><span class="negative">→ negative</span>node size: articles; arrow width: stances; hover for counts${note}</p>`
    + stanceGraphSvg([...nodes.values()], edges, { idPrefix: 'net' });
}

/** Stacked bars of positive / neutral / negative articles per month. */
function toneByMonth(byDate: Summary['targets'][number]['byDate']): string {
  if (!byDate.length) return '<p class="neutral">No dated articles (JSONL <code>date</code> or HTML metadata).</p>';
  const barWidth = 28;
  const height = 120;
  const most = Math.max(...byDate.map((d) => d.positive + d.neutral + d.negative));
  const bars = byDate.map((d, i) => {
    let y = height;
    const parts = (['negative', 'neutral', 'positive'] as const).map((label) => {
      const h = (d[label] / most) * (height - 10);
      y -= h;
      return h > 0 ? `<rect class="${label}" x="${i * (barWidth + 6)}" y="${y.toFixed(1)}" width="${barWidth}" height="${h.toFixed(1)}"><title>${d.date}: ${d[label]} ${label}</title></rect>` : '';
    }).join('');
    return `${parts}<text x="${i * (barWidth + 6) + barWidth / 2}" y="${height + 12}" text-anchor="middle">${escapeHtml(d.date)}</text>`;
  }).join('');
  const width = byDate.length * (barWidth + 6);
  return `<svg class="chart" viewBox="0 -2 ${width} ${height + 16}" width="${width}" role="img" aria-label="tone by month">${bars}</svg>`;
}

/** Speakers and quotes as two stacked bars: female, male, unknown. */
function voicesChart(voices: NonNullable<Summary['voices']>): string {
  const bar = (counts: Record<'female' | 'male' | 'unknown', number>, label: string) => {
    const total = Math.max(1, counts.female + counts.male + counts.unknown);
    const parts = (['female', 'male', 'unknown'] as const).map((g) => `<span class="voice ${g}" style="width:${((100 * counts[g]) / total).toFixed(1)}%" title="${g}: ${counts[g]}"></span>`).join('');
    return `<div class="voices"><div class="voicebar">${parts}</div><p>${escapeHtml(voicesLine(counts, label))}</p></div>`;
  };
  return `<p class="legend"><span class="voice-key female">female</span><span class="voice-key male">male</span><span class="voice-key unknown">unknown</span></p>${bar(voices.speakers, 'speakers')}${bar(voices.quotes, 'quotes')}`;
}

function row(cells: string[]): string {
  return `<tr>${cells.join('')}</tr>`;
}

const td = (text: string | number, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(String(text))}</td>`;

export function summaryHtml(s: Summary, counts: string): string {
  const mostArticles = Math.max(1, ...s.entities.map((e) => e.articles));
  const entities = s.entities.map((e) => row([
    `<td>${escapeHtml(e.name)} <span class="type">${e.type}</span><br><span class="type">${escapeHtml(e.aliases.filter((a) => a !== e.name).slice(0, 6).join(' · '))}</span></td>`,
    `<td class="n">${e.articles} <span class="bar" style="width:${Math.round((e.articles / mostArticles) * 80)}px"></span></td>`,
    td(e.mentions, 'n'), td(`${e.tone.label} ${e.tone.score}`, e.tone.label),
  ])).join('');
  const speakers = s.speakers.map((sp) => row([td(sp.gender ? `${sp.name} (${sp.gender === 'female' ? 'f' : 'm'})` : sp.name), td(sp.quotes, 'n'), td(sp.articles, 'n'),
    `<td>“${escapeHtml(cut(sp.sample.text, 160))}”<br><span class="type">${escapeHtml(sp.sample.id)}</span></td>`])).join('');
  const stances = s.stances.map((st) => row([td(st.holder), td(st.target), td(st.label, st.label), td(st.positive, 'n'), td(st.negative, 'n'), td(st.articles, 'n')])).join('');
  const copies = (s.duplicates?.groups ?? []).map((g) => row([td(g.original),
    `<td>${g.copies.map((c) => `${escapeHtml(c.id)} <span class="type">${Math.round(c.similarity * 100)}%</span>`).join('<br>')}</td>`])).join('');
  const quotes = (s.quotes ?? []).map((q) => row([
    `<td>“${escapeHtml(cut(q.text, 200))}”${q.variants.length ? `<br><span class="type">${q.variants.length} wordings</span>` : ''}</td>`,
    `<td${q.speakersDiffer ? ' class="negative"' : ''}>${escapeHtml(quoteSpeakers(q))}</td>`,
    `<td>${q.articles.map((a) => `${escapeHtml(a.id)}${a.date ? ` <span class="type">${escapeHtml(a.date)}</span>` : ''}`).join('<br>')}</td>`,
  ])).join('');
  const voices = s.voices ? voicesChart(s.voices) : '';
  const targets = s.targets.map((t) => `<h3>${escapeHtml(t.query)} <small class="neutral">${t.articles} articles: <span class="positive">${t.positive} positive</span>, ${t.neutral} neutral, <span class="negative">${t.negative} negative</span></small></h3>${toneByMonth(t.byDate)}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>newslens summary</title><style>${STYLE}</style></head><body>
<h1>newslens summary</h1><p>${escapeHtml(counts)}</p>
<section><h2>Who stands for or against whom</h2>${network(s)}</section>
<div class="cols"><section><h2>Entities</h2><table><tr><th>entity</th><th>articles</th><th>mentions</th><th>mean tone</th></tr>${entities}</table></section>
<section><h2>Speakers</h2><table><tr><th>speaker</th><th>quotes</th><th>articles</th><th>sample</th></tr>${speakers}</table></section></div>
${stances ? `<section><h2>Stances</h2><table><tr><th>holder</th><th>target</th><th>net</th><th>+</th><th>−</th><th>articles</th></tr>${stances}</table></section>` : ''}
${targets ? `<section><h2>Targets</h2>${targets}</section>` : ''}
${voices ? `<section><h2>Who gets a voice</h2>${voices}<p class="type">${escapeHtml(VOICES_NOTE)}</p></section>` : ''}
${quotes ? `<section><h2>Quotes carried by several articles</h2><table><tr><th>quote</th><th>given to (articles)</th><th>articles, first seen first</th></tr>${quotes}</table></section>` : ''}
${copies ? `<section><h2>Near-duplicate articles</h2><p class="type">${escapeHtml(duplicateNote(s))}</p><table><tr><th>first seen</th><th>copies (share of 5-word phrases in common)</th></tr>${copies}</table></section>` : ''}
</body></html>
`;
}
