// For a person at a terminal: a headline per article, then entities, quotes, stances and targets
// as tables fitted to the terminal width. Colour and width are arguments (the CLI decides them).
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { isFailed, type Analysis, type AnalysisResult } from '../analysis.js';
import type { Format, FormatOptions } from './format.js';
import { terminalSafe } from './safe-text.js';

const MAX_ENTITIES = 15;
/** With many articles each gets fewer rows, so a thousand of them stay scannable. */
const MAX_ENTITIES_MANY = 8;
const MAX_STANCES_MANY = 8;

/** One line that says what the article is about before the tables do: its main entities and speakers. */
export function brief(a: Analysis): string {
  const parts: string[] = [];
  if (a.entities?.length) {
    const named = a.entities.filter((e) => ['PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC', 'EVENT'].includes(e.type));
    parts.push(`about ${[...named].sort((x, y) => y.salience - x.salience).slice(0, 4).map((e) => e.name).join(', ') || 'no named entity'}`);
  }
  if (a.quotes) {
    const bySpeaker = new Map<string, number>();
    for (const q of a.quotes) if (q.speaker) bySpeaker.set(q.speaker.name, (bySpeaker.get(q.speaker.name) ?? 0) + 1);
    const top = [...bySpeaker].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([name, n]) => `${name} ${n}`);
    parts.push(`${count(a.quotes.length, 'quote')}${top.length ? ` (${top.join(', ')})` : ''}`);
  }
  if (a.stances) parts.push(count(a.stances.length, 'stance'));
  return parts.join(' · ');
}

/** "1 sentence", "2 sentences"; "1 entity", "2 entities" with the plural given. */
export const count = (n: number, noun: string, plural = `${noun}s`): string => `${n} ${n === 1 ? noun : plural}`;

export function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, Math.max(1, max - 1))}…`;
}

const toneColor = (c: ChalkInstance, label: string) => (label === 'positive' ? c.green(label) : label === 'negative' ? c.red(label) : c.dim(label));

function table(head: string[], widths: number[], c: ChalkInstance): InstanceType<typeof Table> {
  return new Table({
    head: head.map((h) => c.bold(h)), colWidths: widths, wordWrap: true,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
}

function renderAnalysis(a: Analysis, opts: FormatOptions, c: ChalkInstance): string {
  const out: string[] = [];
  const width = Math.max(60, opts.width);
  out.push(`${c.bold.cyan(a.id)}${a.title ? `  ${c.bold(cut(a.title, width - a.id.length - 2))}` : ''}`);
  out.push(c.dim(`${count(a.stats.chars, 'char')} · ${count(a.stats.sentences, 'sentence')} · ${count(a.stats.tokens, 'token')} · ${a.stats.elapsedMs} ms`));
  const summaryLine = brief(a);
  if (summaryLine) out.push(cut(summaryLine, width));
  const maxEntities = opts.single ? MAX_ENTITIES : MAX_ENTITIES_MANY;
  if (a.entities) {
    const rest = width - 12 - 10 - 10 - 12 - 7;
    const t = table(['entity', 'type', 'mentions', 'salience', 'tone'], [Math.max(16, rest), 12, 10, 10, 12], c);
    for (const e of a.entities.slice(0, maxEntities)) {
      t.push([cut(e.aliases.length > 1 ? `${e.name} (${e.aliases.slice(1).join(', ')})` : e.name, 200), e.type, e.count, e.salience.toFixed(3), toneColor(c, e.tone.label)]);
    }
    out.push(`${c.bold('Entities')} ${c.dim(`(${a.entities.length}${a.entities.length > maxEntities ? `, top ${maxEntities} shown` : ''})`)}`, t.toString());
  }
  if (a.quotes) {
    if (a.quotes.length) {
      const quoteWidth = Math.max(20, width - 20 - 12 - 10 - 6);
      const t = table(['speaker', 'cue', 'kind', 'quote'], [20, 12, 10, quoteWidth], c);
      // Long quotes are cut to three lines for one article, one line each for many.
      for (const q of a.quotes) t.push([q.speaker?.name ?? c.dim('unknown'), q.cue ?? '', q.kind, cut(q.text, quoteWidth * (opts.single ? 3 : 1) - 2)]);
      out.push(c.bold(`Quotes (${a.quotes.length})`), t.toString());
    } else out.push(`${c.bold('Quotes')} ${c.dim('none found')}`);
  }
  if (a.stances) {
    if (a.stances.length) {
      const shown = opts.single ? a.stances : a.stances.slice(0, MAX_STANCES_MANY);
      out.push(c.bold(`Stances (${a.stances.length}${shown.length < a.stances.length ? `, ${shown.length} shown` : ''})`));
      for (const s of shown) {
        out.push(`  ${s.holderName} ${s.label === 'positive' ? c.green('→ +') : c.red('→ −')} ${s.targetName}  ${c.dim(`(${s.cue})`)}`);
      }
    } else out.push(`${c.bold('Stances')} ${c.dim('none found')}`);
  }
  if (a.targets.length) {
    out.push(c.bold('Targets'));
    for (const t of a.targets) out.push(`  ${t.query}: ${toneColor(c, t.label)} ${c.dim(`(${t.score}, ${count(t.mentions.length, 'mention')})`)}`);
  }
  return `${out.join('\n')}\n\n`;
}

export const formatTable: Format = {
  item: (raw: AnalysisResult, _index, opts) => {
    const c = new Chalk({ level: opts.color ? 1 : 0 });
    // Article text, ids and messages reach the terminal: no escape sequence of theirs may.
    const result = terminalSafe(raw);
    if (isFailed(result)) return `${c.bold.red('✗')} ${c.bold(result.id)}  ${c.red(result.error.code)}: ${result.error.message}\n\n`;
    return renderAnalysis(result, opts, c);
  },
};
