// What the scripts that draw samples for a hand-check share: their numeric options, the BBC
// articles in path order, a seeded shuffle (the same seed draws the same sample again) and
// Markdown table cells.
import { readdirSync } from 'node:fs';
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
