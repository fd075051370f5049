// What the scripts that draw samples for a hand-check share: their numeric options, the BBC
// articles in path order, a seeded shuffle (the same seed draws the same sample again) and
// Markdown table cells.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const data = process.env.NEWSLENS_DATA ?? fileURLToPath(new URL('../../../shared/data', import.meta.url));

/** The number after `name` on the command line, or `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  return args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
}

/** The BBC corpus folder and its articles' paths under it, sorted. */
export function bbcArticles() {
  const root = join(data, 'articles', 'bbc');
  return { root, files: readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.txt')).map(String).sort() };
}

/** mulberry32: a generator of numbers in [0, 1) from a seed. */
export function seededRandom(seed) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates in place with `random`; returns the list. */
export function shuffle(list, random) {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** A value as a Markdown table cell. */
export const cell = (x) => String(x).replace(/\|/g, '\\|');

/** The docs folder, where the hand-checks are. */
export const docsDir = fileURLToPath(new URL('../../docs/', import.meta.url));

/**
 * The edges judged in these hand-check files (rows `| # | article | edge | cue | sentence | verdict |`
 * whose verdict starts with "right" or "wrong"), by article and edge; an edge judged in two files
 * keeps the verdict of the later one in `names`.
 */
export function judgedEdges(names) {
  const judged = new Map();
  for (const name of names) {
    for (const line of readFileSync(join(docsDir, name), 'utf8').split('\n')) {
      const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
      const verdict = cells[6] ?? '';
      if (!/^\d+$/.test(cells[1] ?? '') || !/^(right|wrong)/.test(verdict)) continue;
      judged.set(`${cells[2]}\t${cells[3]}`, { file: cells[2], edge: cells[3], verdict, right: verdict.startsWith('right'), sample: name });
    }
  }
  return judged;
}

/** Every stance hand-check under docs/, by name. */
export const stanceHandChecks = () => readdirSync(docsDir).filter((f) => f.startsWith('hand-check-stance')).sort();

