// Markdown: a section per article with entity, quote, stance and target tables.
import { isFailed, type AnalysisResult } from '../analysis.js';
import type { Format } from './format.js';
import { markdownText } from './safe-text.js';
import { brief, count, cut } from './table.js';

const cell = markdownText;
const row = (cells: (string | number | null | undefined)[]) => `| ${cells.map(cell).join(' | ')} |`;

export const formatMarkdown: Format = {
  item: (result: AnalysisResult, _index, opts) => {
    if (isFailed(result)) return `## ${cell(result.id)}\n\n**Error** ${cell(result.error.code)}: ${cell(result.error.message)}\n\n`;
    const out = [`## ${cell(result.title || result.id)}`, '', `${cell(result.id)} · ${count(result.stats.sentences, 'sentence')} · ${count(result.stats.tokens, 'token')}`, ''];
    const summaryLine = brief(result);
    if (summaryLine) out.push(`**${cell(summaryLine)}**`, '');
    if (result.entities) {
      out.push('### Entities', '', row(['entity', 'type', 'aliases', 'mentions', 'salience', 'tone']), row(['---', '---', '---', '---:', '---:', '---']));
      // Many articles: the ten most salient each, so a thousand sections stay readable.
      const shown = opts.single ? result.entities : result.entities.slice(0, 10);
      for (const e of shown) out.push(row([e.name, e.type, e.aliases.join(', '), e.count, e.salience.toFixed(3), e.tone.label]));
      if (shown.length < result.entities.length) out.push('', `…and ${result.entities.length - shown.length} more.`);
      out.push('');
    }
    if (result.quotes) {
      out.push('### Quotes', '');
      if (!result.quotes.length) out.push('None found.');
      else {
        out.push(row(['speaker', 'cue', 'kind', 'quote']), row(['---', '---', '---', '---']));
        for (const q of result.quotes) out.push(row([q.speaker?.name ?? '—', q.cue, q.kind, `“${cut(q.text, 300)}”`]));
      }
      out.push('');
    }
    if (result.stances) {
      out.push('### Stances', '');
      if (!result.stances.length) out.push('None found.');
      for (const s of result.stances) out.push(`- ${cell(s.holderName)} → ${cell(s.targetName)}: **${s.label}** (${cell(s.cue)})`);
      out.push('');
    }
    if (result.targets.length) {
      out.push('### Targets', '', row(['target', 'tone', 'score', 'mentions']), row(['---', '---', '---:', '---:']));
      for (const t of result.targets) out.push(row([t.query, t.label, t.score, t.mentions.length]));
      out.push('');
    }
    return `${out.join('\n')}\n`;
  },
};
