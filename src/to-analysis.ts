// The only place a Doc becomes the contract's Analysis: ids, names, salience, text derived from spans.
import { ANALYSIS_SCHEMA, type Analysis, type Entity, type GenderEvidence, type Part, type Quote, type Stance, type TargetTone } from './analysis.js';
import { fingerprint } from './corpus/near-duplicates.js';
import type { AnnotatedDoc, Span } from './doc/doc.js';
import { genderOfNominal } from './stages/read-genders.js';

export interface ToAnalysisOptions { id: string; title?: string | null; parts: Set<Part>; elapsedMs: number; includeText?: boolean; date?: string }

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const NUMERIC = new Set(['DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL']);

export function toAnalysis(doc: AnnotatedDoc, options: ToAnalysisOptions): Analysis {
  const { text } = doc;
  const clusters = doc.entities ?? [];
  const titleSentence = doc.title ? 0 : -1;
  // Salience: mentions (pronouns count half), a bonus for the headline and the opening sentences.
  const weights = clusters.map((e) => {
    let w = 0;
    for (const m of e.mentions) w += m.kind === 'name' ? 1 : 0.5;
    const sentences = e.mentions.map((m) => doc.tokens[m.firstToken]!.sentence);
    if (sentences.includes(titleSentence)) w += 2;
    if (Math.min(...sentences) <= 2) w += 1;
    return NUMERIC.has(e.type) ? w * 0.3 : w;
  });
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const order = clusters.map((_, i) => i)
    .sort((a, b) => weights[b]! - weights[a]! || clusters[a]!.mentions[0]!.start - clusters[b]!.mentions[0]!.start);
  const idOf = new Map<number, string>(order.map((cluster, rank) => [cluster, `e${rank + 1}`]));

  const analysis: Analysis = {
    schema: ANALYSIS_SCHEMA,
    id: options.id,
    title: options.title ?? (doc.title ? text.slice(doc.title.start, doc.title.end) : null),
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(options.includeText ? { text } : {}),
    stats: { chars: text.length, sentences: doc.sentences.length, tokens: doc.tokens.length, elapsedMs: Math.round(options.elapsedMs * 10) / 10 },
    targets: [],
  };

  if (options.parts.has('entities')) {
    analysis.entities = order.map((i): Entity => {
      const e = clusters[i]!;
      const names = e.mentions.filter((m) => m.kind === 'name').map((m) => text.slice(m.start, m.end));
      const aliases = [e.name, ...new Set(names)].filter((a, k, all) => all.indexOf(a) === k);
      return {
        id: idOf.get(i)!, name: e.name, type: e.type, aliases,
        mentions: e.mentions.map((m) => ({ start: m.start, end: m.end, text: text.slice(m.start, m.end), kind: m.kind, sentence: doc.tokens[m.firstToken]!.sentence })),
        count: e.mentions.length, salience: round3(weights[i]! / total),
        tone: doc.entityTones?.[i] ?? { label: 'neutral', score: 0 },
        ...(doc.genders?.[i] ? { gender: doc.genders[i]! } : {}),
      };
    });
  }
  if (options.parts.has('quotes')) {
    analysis.quotes = (doc.quotes ?? []).map((q, k): Quote => ({
      id: `q${k + 1}`, start: q.start, end: q.end, text: text.slice(q.start, q.end), kind: q.kind,
      cue: q.cue ? text.slice(q.cue.start, q.cue.end) : null, sentence: q.sentence,
      speaker: q.speaker ? {
        entity: q.speaker.entity !== null ? idOf.get(q.speaker.entity)! : null,
        name: q.speaker.entity !== null ? clusters[q.speaker.entity]!.name : text.slice(q.speaker.span.start, q.speaker.span.end),
        mention: { start: q.speaker.span.start, end: q.speaker.span.end, text: text.slice(q.speaker.span.start, q.speaker.span.end) },
        ...speakerGender(doc, q.speaker),
      } : null,
      ...(q.fragments ? { fragments: q.fragments } : {}),
    }));
  }
  if (options.parts.has('stances')) {
    analysis.stances = (doc.stances ?? []).map((s): Stance => ({
      holder: idOf.get(s.holder)!, target: idOf.get(s.target)!, holderName: clusters[s.holder]!.name, targetName: clusters[s.target]!.name,
      label: s.label, cue: text.slice(s.cue.start, s.cue.end),
      sentence: s.sentence, evidence: s.evidence,
    }));
  }
  analysis.targets = (doc.targets ?? []).map((t): TargetTone => ({
    query: t.query, entity: t.entity !== null ? idOf.get(t.entity)! : null, label: t.tone.label, score: t.tone.score,
    mentions: t.spans.map((s) => [s.start, s.end]),
  }));
  // Last, out of the way of a person reading the JSON: for summary's near-duplicate groups.
  const print = fingerprint(text);
  if (print) analysis.fingerprint = print;
  return analysis;
}

/** A speaker's gender by evidence: their entity's, or the role word of a nominal speaker ("a spokeswoman"). */
function speakerGender(doc: AnnotatedDoc, speaker: { span: Span; entity: number | null }): { gender?: GenderEvidence } {
  if (speaker.entity !== null) {
    const gender = doc.genders?.[speaker.entity];
    return gender ? { gender } : {};
  }
  const words = doc.text.slice(speaker.span.start, speaker.span.end);
  const label = genderOfNominal(words);
  return label ? { gender: { label, evidence: 'role', text: words.split(/\s+/).pop()! } } : {};
}
