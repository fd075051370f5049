// A directed stance graph as inline SVG, for the HTML article view and the corpus summary.
// d3-force lays the nodes out in Node at render time; its start positions and random source are
// fixed, so the same graph always gives the same bytes.
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { escapeHtml } from './escape.js';
import { cut } from './table.js';

export interface GraphNode {
  id: string;
  label: string;
  /** Entity type, used as a CSS class (PERSON, ORG, GPE...). */
  type: string;
  /** Relative importance in (0, 1]: the node's size. */
  weight: number;
  /** Set on every element of the node so a click can highlight the entity elsewhere on the page. */
  dataEntity?: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  positive: number;
  negative: number;
  /** Shown on hover: cues and evidence. */
  details: string[];
}

interface PlacedNode extends SimulationNodeDatum { node: GraphNode; radius: number }

const TICKS = 300;

function place(nodes: GraphNode[], edges: GraphEdge[]): PlacedNode[] {
  const placed: PlacedNode[] = nodes.map((node) => ({ node, radius: 6 + 12 * Math.sqrt(Math.max(0.05, node.weight)) }));
  const index = new Map(placed.map((p) => [p.node.id, p]));
  const links = edges.map((e) => ({ source: index.get(e.source)!, target: index.get(e.target)! }));
  const simulation = forceSimulation(placed)
    .force('charge', forceManyBody().strength(-420))
    .force('link', forceLink(links).distance(150).strength(0.4))
    .force('collide', forceCollide<PlacedNode>((p) => p.radius + 40))
    .force('x', forceX(0).strength(0.04))
    .force('y', forceY(0).strength(0.06))
    .force('center', forceCenter(0, 0))
    .stop();
  simulation.tick(TICKS);
  return placed;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Inline SVG of the graph; nodes that no edge touches are left out. */
export function stanceGraphSvg(nodes: GraphNode[], edges: GraphEdge[], options: { idPrefix: string; maxWidth?: number }): string {
  const used = new Set(edges.flatMap((e) => [e.source, e.target]));
  const shown = nodes.filter((n) => used.has(n.id));
  if (!shown.length) return '';
  const placed = place(shown, edges);
  const at = new Map(placed.map((p) => [p.node.id, p]));
  const pad = 20;
  const labelWidth = (p: PlacedNode) => Math.min(24, p.node.label.length) * 3.6;
  const minX = Math.min(...placed.map((p) => p.x! - Math.max(p.radius, labelWidth(p)))) - pad;
  const maxX = Math.max(...placed.map((p) => p.x! + Math.max(p.radius, labelWidth(p)))) + pad;
  const minY = Math.min(...placed.map((p) => p.y! - p.radius)) - pad;
  const maxY = Math.max(...placed.map((p) => p.y! + p.radius + 16)) + pad;
  const width = round(maxX - minX);
  const height = round(maxY - minY);
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));

  const edgeSvg = edges.map((e) => {
    const from = at.get(e.source)!;
    const to = at.get(e.target)!;
    const polarity = e.positive > e.negative ? 'positive' : e.negative > e.positive ? 'negative' : 'mixed';
    const dx = to.x! - from.x!;
    const dy = to.y! - from.y!;
    const length = Math.hypot(dx, dy) || 1;
    // Both directions drawn: bend each to its own side so they do not overlap.
    const bend = pairs.has(`${e.target}\u0000${e.source}`) ? 0.18 : 0;
    const mx = (from.x! + to.x!) / 2 - dy * bend;
    const my = (from.y! + to.y!) / 2 + dx * bend;
    const startX = from.x! + (dx / length) * from.radius;
    const startY = from.y! + (dy / length) * from.radius;
    const endX = to.x! - (dx / length) * (to.radius + 3);
    const endY = to.y! - (dy / length) * (to.radius + 3);
    const count = e.positive + e.negative;
    const title = [`${from.node.label} → ${to.node.label}: ${polarity} (${e.positive} positive, ${e.negative} negative)`, ...e.details].join('\n');
    return `<path class="edge ${polarity}" d="M${round(startX)},${round(startY)} Q${round(mx)},${round(my)} ${round(endX)},${round(endY)}"`
      + ` stroke-width="${round(1.5 + Math.min(4, Math.log2(count)))}" marker-end="url(#${options.idPrefix}-${polarity})"><title>${escapeHtml(title)}</title></path>`;
  }).join('');

  const nodeSvg = placed.map((p) => {
    const data = p.node.dataEntity ? ` data-e="${escapeHtml(p.node.dataEntity)}"` : '';
    const label = cut(p.node.label, 24);
    return `<g class="node ${escapeHtml(p.node.type)}"${data}><circle cx="${round(p.x!)}" cy="${round(p.y!)}" r="${round(p.radius)}"><title>${escapeHtml(`${p.node.label} (${p.node.type})`)}</title></circle>`
      + `<text x="${round(p.x!)}" y="${round(p.y! + p.radius + 13)}" text-anchor="middle">${escapeHtml(label)}</text></g>`;
  }).join('');

  const marker = (polarity: string) => `<marker id="${options.idPrefix}-${polarity}" class="${polarity}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`;
  return `<svg class="graph" role="img" aria-label="stance graph" viewBox="${round(minX)} ${round(minY)} ${width} ${height}" width="${Math.min(width, options.maxWidth ?? width)}">`
    + `<defs>${marker('positive')}${marker('negative')}${marker('mixed')}</defs>${edgeSvg}${nodeSvg}</svg>`;
}

/** The graph's colours, shared by both pages. */
export const GRAPH_STYLE = `.graph{max-width:100%;height:auto;font:11px system-ui,sans-serif}
.graph .edge{fill:none;stroke-opacity:.75}.graph .edge.positive{stroke:#13795b}.graph .edge.negative{stroke:#c62828}.graph .edge.mixed{stroke:#888}
.graph marker.positive path{fill:#13795b}.graph marker.negative path{fill:#c62828}.graph marker.mixed path{fill:#888}
.graph circle{stroke:#555;stroke-width:1;fill:#ddd}.graph .PERSON circle{fill:#ffd866}.graph .ORG circle{fill:#8cc8ff}
.graph .GPE circle,.graph .LOC circle,.graph .FAC circle{fill:#9be39b}.graph .NORP circle{fill:#d7b5ff}
.graph text{fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}.graph .node{cursor:pointer}.graph .node.on circle{stroke:#000;stroke-width:3}`;
