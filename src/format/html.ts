// One self-contained page for the run: each article's text with its entity mentions highlighted by
// type and its quotes tied to their speakers, a side panel of entities by salience, and the stance
// graph as inline SVG. Article text is always escaped, and a Content-Security-Policy lets only the
// page's own script run (by hash), so even text that slipped through could not execute.
import { createHash } from 'node:crypto';
import { isFailed, type Analysis, type AnalysisResult, type Entity, type Quote } from '../analysis.js';
import { escapeHtml } from './escape.js';
import type { Format, TocEntry } from './format.js';
import { GRAPH_STYLE, stanceGraphSvg, type GraphEdge, type GraphNode } from './graph.js';
import { count } from './table.js';

const HIGHLIGHTED_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'NORP']);
const typeClass = (type: string) => (HIGHLIGHTED_TYPES.has(type) ? type : 'other');

const STYLE = `:root{--person:#ffe08a;--org:#b9defe;--place:#c3f1c3;--norp:#e8d4ff;--other:#ececec}
*{box-sizing:border-box}body{font:16px/1.6 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa;display:flex;flex-direction:column}
header{order:-2;padding:1rem 2rem;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:2}
header h1{margin:0;font-size:1.3rem}#toc{order:-1;padding:.5rem 2rem;background:#fff;border-bottom:1px solid #ddd}#toc ol{columns:2;margin:.3rem 0}
.legend{margin:.3rem 0 0;font-size:.85rem}.legend mark{margin-right:.6rem}
article{background:#fff;margin:1.5rem 2rem;padding:1rem 1.5rem;border:1px solid #ddd;border-radius:8px}
article h2{margin:.2rem 0}.meta{color:#666;font-size:.85rem;margin:.2rem 0 1rem}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(260px,2fr);gap:2rem}@media(max-width:900px){.cols{grid-template-columns:1fr}}
.text{white-space:pre-wrap;font-family:Georgia,serif;font-size:1.05rem}
mark{border-radius:3px;padding:0 1px;cursor:pointer;color:inherit}mark.PERSON{background:var(--person)}mark.ORG{background:var(--org)}
mark.GPE,mark.LOC,mark.FAC{background:var(--place)}mark.NORP{background:var(--norp)}mark.other{background:var(--other)}
mark.pronoun{background:none;border-bottom:2px dashed #b08900}mark.on{outline:2px solid #d33;background:#ffcaca}
.quote{background:linear-gradient(transparent 60%,#fff3bf 60%)}.quote.indirect,.quote.partial{background:linear-gradient(transparent 75%,#e7f0ff 75%)}
.who{font:600 .7rem system-ui,sans-serif;color:#fff;background:#555;border-radius:3px;padding:0 4px;margin-right:3px;vertical-align:super;cursor:pointer}
.who.unknown{background:#aaa}aside h3{margin:.2rem 0 .4rem;font-size:1rem}aside ol{padding-left:1.4rem;margin-top:0}aside li{cursor:pointer}aside li.on{background:#ffe0e0}
.positive{color:#13795b}.negative{color:#c62828}.neutral{color:#777}.tone{font-size:.8rem;margin-left:.3rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem;width:100%}td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;vertical-align:top}
details{margin-top:1rem}summary{cursor:pointer;font-weight:600}.error{color:#c62828}
${GRAPH_STYLE}`;

// Click a mention, an entity in the panel, a node of the graph or a speaker badge: all the mentions
// of that entity in the same article light up (pronouns included). Click again to clear.
const SCRIPT = `document.addEventListener('click',function(event){
var hit=event.target.closest('[data-e]');var article=event.target.closest('article');if(!article)return;
article.querySelectorAll('.on').forEach(function(el){el.classList.remove('on')});
if(!hit||article.dataset.selected===hit.dataset.e){article.dataset.selected='';return}
article.dataset.selected=hit.dataset.e;
article.querySelectorAll('[data-e="'+CSS.escape(hit.dataset.e)+'"]').forEach(function(el){el.classList.add('on')});
});`;

const SCRIPT_HASH = createHash('sha256').update(SCRIPT).digest('base64');
const POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${SCRIPT_HASH}'`;

interface Layer { start: number; end: number; depth: number; open: (first: boolean) => string; close: string }

/**
 * The text with nested marks: quotes outside, mentions inside. Wherever spans cross, the inner one
 * is closed and reopened, so the HTML stays well formed whatever the offsets are.
 */
function markUp(text: string, layers: Layer[]): string {
  const cuts = new Set([0, text.length]);
  for (const l of layers) { cuts.add(l.start); cuts.add(l.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const byStart = [...layers].sort((a, b) => a.start - b.start);
  const opened = new Set<Layer>();
  let stack: Layer[] = [];
  let html = '';
  let next = 0;
  let live: Layer[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    while (next < byStart.length && byStart[next]!.start <= from) live.push(byStart[next++]!);
    live = live.filter((l) => l.end > from);
    const wanted = live.filter((l) => l.start <= from && l.end >= to).sort((a, b) => a.depth - b.depth || a.start - b.start || b.end - a.end);
    let keep = 0;
    while (keep < stack.length && keep < wanted.length && stack[keep] === wanted[keep]) keep++;
    for (let j = stack.length - 1; j >= keep; j--) html += stack[j]!.close;
    for (const l of wanted.slice(keep)) {
      html += l.open(!opened.has(l));
      opened.add(l);
    }
    stack = wanted;
    html += escapeHtml(text.slice(from, to));
  }
  for (let j = stack.length - 1; j >= 0; j--) html += stack[j]!.close;
  return html;
}

function highlightedText(a: Analysis & { text: string }, prefix: string): string {
  const layers: Layer[] = [];
  let mentionNumber = 0;
  for (const e of a.entities ?? []) {
    for (const m of e.mentions) {
      const number = mentionNumber++;
      const title = escapeHtml(`${e.name} · ${e.type}${m.kind === 'name' ? '' : ` · ${m.kind}`}`);
      // A pronoun or a role ("the Tory leader") refers to the entity: underlined, not filled.
      const open = `<mark class="${typeClass(e.type)}${m.kind === 'name' ? '' : ' pronoun'}" data-e="${prefix}-${escapeHtml(e.id)}" data-m="${number}" title="${title}">`;
      layers.push({ start: m.start, end: m.end, depth: 1, open: () => open, close: '</mark>' });
    }
  }
  const entityName = new Map((a.entities ?? []).map((e) => [e.id, e.name]));
  for (const q of a.quotes ?? []) {
    const speaker = q.speaker ? (q.speaker.entity && entityName.get(q.speaker.entity)) || q.speaker.name : null;
    const title = escapeHtml(`${q.kind} quote · ${speaker ? `speaker: ${speaker}` : 'speaker unknown'}${q.cue ? ` · cue: ${q.cue}` : ''}`);
    const badgeEntity = q.speaker?.entity ? ` data-e="${prefix}-${escapeHtml(q.speaker.entity)}"` : '';
    const badge = `<span class="who${speaker ? '' : ' unknown'}"${badgeEntity} title="${title}">${escapeHtml(speaker ?? '?')}</span>`;
    layers.push({
      start: q.start, end: q.end, depth: 0, close: '</span>',
      open: (first) => `${first ? badge : ''}<span class="quote ${q.kind}" data-q="${prefix}-${escapeHtml(q.id)}" title="${title}">`,
    });
  }
  return `<div class="text">${markUp(a.text, layers)}</div>`;
}

function entityPanel(entities: Entity[], prefix: string): string {
  if (!entities.length) return '<p class="neutral">No entities found.</p>';
  const ranked = [...entities].sort((x, y) => y.salience - x.salience).slice(0, 25);
  const items = ranked.map((e) => `<li data-e="${prefix}-${escapeHtml(e.id)}" title="${escapeHtml(e.aliases.join(' · '))}"><mark class="${typeClass(e.type)}">${escapeHtml(e.name)}</mark> `
    + `<small>${e.type} · ${e.count}×</small><span class="tone ${e.tone.label}">${e.tone.label} ${e.tone.score}</span></li>`).join('');
  return `<h3>Entities <small class="neutral">by salience${entities.length > ranked.length ? `, top ${ranked.length} of ${entities.length}` : ''}</small></h3><ol>${items}</ol>`;
}

function stanceGraph(a: Analysis, prefix: string): string {
  const stances = a.stances ?? [];
  if (!stances.length) return a.stances ? '<h3>Stances</h3><p class="neutral">No stances found.</p>' : '';
  const entities = new Map((a.entities ?? []).map((e) => [e.id, e]));
  const edges = new Map<string, GraphEdge>();
  for (const s of stances) {
    const key = `${s.holder}>${s.target}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { source: s.holder, target: s.target, positive: 0, negative: 0, details: [] }));
    edge[s.label] += 1;
    const evidence = a.text ? `: “${a.text.slice(s.evidence.start, s.evidence.end).replace(/\s+/g, ' ')}”` : '';
    edge.details.push(`${s.label} (${s.cue})${evidence}`);
  }
  const maxSalience = Math.max(...[...entities.values()].map((e) => e.salience), 0.01);
  const nodes: GraphNode[] = [...entities.values()].map((e) => ({ id: e.id, label: e.name, type: e.type, weight: e.salience / maxSalience, dataEntity: `${prefix}-${e.id}` }));
  // With `--only stances` the entities are not in the Analysis: the stances name their own ends.
  const named = new Set(nodes.map((n) => n.id));
  for (const s of stances) {
    for (const [id, label] of [[s.holder, s.holderName], [s.target, s.targetName]] as const) {
      if (!named.has(id)) nodes.push({ id, label, type: 'entity', weight: 0.5, dataEntity: `${prefix}-${id}` });
      named.add(id);
    }
  }
  const svg = stanceGraphSvg(nodes, [...edges.values()], { idPrefix: `${prefix}-arrow`, maxWidth: 420 });
  return `<h3>Stances <small class="neutral">holder → target, hover an arrow for the evidence</small></h3>${svg}`;
}

function quoteTable(quotes: Quote[], entities: Entity[]): string {
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const rows = quotes.map((q) => `<tr><td>${escapeHtml((q.speaker?.entity && names.get(q.speaker.entity)) || q.speaker?.name || '—')}</td>`
    + `<td>${escapeHtml(q.cue ?? '')}</td><td>${q.kind}</td><td>${escapeHtml(q.text)}</td></tr>`).join('');
  return `<details><summary>Quotes (${quotes.length})</summary><table><tr><th>speaker</th><th>cue</th><th>kind</th><th>quote</th></tr>${rows}</table></details>`;
}

function targetList(a: Analysis): string {
  if (!a.targets.length) return '';
  return `<h3>Targets</h3><ul>${a.targets.map((t) => `<li>${escapeHtml(t.query)}: <span class="${t.label}">${t.label} ${t.score}</span> <small>(${count(t.mentions.length, 'mention')})</small></li>`).join('')}</ul>`;
}

const anchor = (index: number) => `a${index + 1}`;

function article(result: AnalysisResult, index: number): string {
  const prefix = anchor(index);
  if (isFailed(result)) {
    return `<article id="${prefix}"><h2>${escapeHtml(result.id)}</h2><p class="error">${escapeHtml(result.error.code)}: ${escapeHtml(result.error.message)}</p></article>`;
  }
  const entities = result.entities ?? [];
  const counts = [count(result.stats.tokens, 'token'), result.entities && count(entities.length, 'entity', 'entities'), result.quotes && count(result.quotes.length, 'quote'),
    result.stances && count(result.stances.length, 'stance')].filter(Boolean).join(' · ');
  const text = result.text !== undefined ? highlightedText(result as Analysis & { text: string }, prefix) : '<p class="neutral">(article text not included)</p>';
  return `<article id="${prefix}"><h2>${escapeHtml(result.title ?? result.id)}</h2><p class="meta"><code>${escapeHtml(result.id)}</code> · ${counts}</p>
<div class="cols">${text}<aside>${result.entities ? entityPanel(entities, prefix) : ''}${stanceGraph(result, prefix)}${targetList(result)}</aside></div>
${result.quotes?.length ? quoteTable(result.quotes, entities) : ''}</article>`;
}

function tableOfContents(toc: TocEntry[]): string {
  if (toc.length < 2) return '';
  const items = toc.map((t) => `<li><a href="#${anchor(t.index)}"${t.failed ? ' class="error"' : ''}>${escapeHtml(t.title ?? t.id)}</a></li>`).join('');
  return `<nav id="toc"><strong>${toc.length} articles</strong><ol>${items}</ol></nav>\n`;
}

export const formatHtml: Format = {
  header: () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${POLICY}"><title>newslens report</title><style>${STYLE}</style></head><body>
<header><h1>newslens report</h1><p class="legend"><mark class="PERSON">person</mark><mark class="ORG">organisation</mark><mark class="GPE">place</mark>`
    + `<mark class="NORP">group</mark><mark class="other">date, number…</mark><mark class="pronoun PERSON">pronoun or role</mark>`
    + `<span class="quote">direct quote</span> <span class="quote indirect">reported speech</span> · click a name to see all its mentions</p></header>\n`,
  item: (result, index) => `${article(result, index)}\n`,
  // The table of contents comes last in the file (the titles are known only then); CSS shows it first.
  footer: (_count, _opts, toc) => `${tableOfContents(toc ?? [])}<script>${SCRIPT}</script></body></html>\n`,
};
