// Many Analyses -> one Summary (the contract's newslens/summary@1): entities merged by name and
// alias across articles, top speakers, the stance network and target tone by month.
// A first version: the full corpus view is issue #8.
import { SUMMARY_SCHEMA, isFailed, type AnalysisResult, type EntityType, type Tone, type ToneLabel } from './analysis.js';

export interface Summary {
  schema: typeof SUMMARY_SCHEMA;
  inputs: number; analysed: number; failed: number;
  entities: { name: string; type: EntityType; aliases: string[]; articles: number; mentions: number; tone: Tone }[];
  speakers: { name: string; entity: string | null; quotes: number; articles: number; sample: { id: string; text: string } }[];
  stances: { holder: string; target: string; positive: number; negative: number; label: ToneLabel; articles: number; examples: { id: string; start: number; end: number }[] }[];
  targets: { query: string; articles: number; positive: number; negative: number; neutral: number; byDate: { date: string; positive: number; negative: number; neutral: number }[] }[];
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you', 'him', 'her', 'them', 'his', 'its', 'their']);

export async function summarize(results: AsyncIterable<AnalysisResult>, options: { top: number; dates?: Map<string, string> }): Promise<Summary> {
  const summary: Summary = { schema: SUMMARY_SCHEMA, inputs: 0, analysed: 0, failed: 0, entities: [], speakers: [], stances: [], targets: [] };
  const entities = new Map<string, { name: string; type: EntityType; aliases: Set<string>; articles: number; mentions: number; toneSum: number }>();
  const aliasKey = new Map<string, string>();
  const speakers = new Map<string, Summary['speakers'][number]>();
  const stances = new Map<string, Summary['stances'][number] & { ids: Set<string> }>();
  const targets = new Map<string, Summary['targets'][number]>();
  for await (const result of results) {
    summary.inputs += 1;
    if (isFailed(result)) { summary.failed += 1; continue; }
    summary.analysed += 1;
    const nameOf = new Map<string, string>();
    for (const e of result.entities ?? []) {
      if (!['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'PRODUCT', 'WORK_OF_ART', 'LAW'].includes(e.type)) continue;
      const key = aliasKey.get(`${e.type}:${e.name}`) ?? e.aliases.map((a) => aliasKey.get(`${e.type}:${a}`)).find(Boolean) ?? `${e.type}:${e.name}`;
      let agg = entities.get(key);
      if (!agg) entities.set(key, (agg = { name: e.name, type: e.type, aliases: new Set(), articles: 0, mentions: 0, toneSum: 0 }));
      if (e.name.length > agg.name.length) agg.name = e.name;
      for (const a of e.aliases) { agg.aliases.add(a); aliasKey.set(`${e.type}:${a}`, key); }
      agg.articles += 1; agg.mentions += e.count; agg.toneSum += e.tone.score;
      nameOf.set(e.id, key);
    }
    const spokeHere = new Set<string>();
    for (const q of result.quotes ?? []) {
      // An unresolved "he" or "they" is nobody in particular across a corpus.
      if (!q.speaker || (!q.speaker.entity && PRONOUNS.has(q.speaker.name.toLowerCase()))) continue;
      const key = (q.speaker.entity && nameOf.get(q.speaker.entity)) || `nominal:${q.speaker.name.toLowerCase()}`;
      let s = speakers.get(key);
      if (!s) speakers.set(key, (s = { name: q.speaker.name, entity: q.speaker.entity ? key : null, quotes: 0, articles: 0, sample: { id: result.id, text: q.text } }));
      s.quotes += 1;
      if (!spokeHere.has(key)) { spokeHere.add(key); s.articles += 1; }
    }
    for (const st of result.stances ?? []) {
      const holder = nameOf.get(st.holder);
      const target = nameOf.get(st.target);
      if (!holder || !target) continue;
      const key = `${holder}>${target}`;
      let agg = stances.get(key);
      if (!agg) stances.set(key, (agg = { holder, target, positive: 0, negative: 0, label: 'neutral', articles: 0, examples: [], ids: new Set() }));
      agg[st.label] += 1;
      if (!agg.ids.has(result.id)) { agg.ids.add(result.id); agg.articles += 1; }
      if (agg.examples.length < 3) agg.examples.push({ id: result.id, ...st.evidence });
    }
    for (const t of result.targets) {
      let agg = targets.get(t.query);
      if (!agg) targets.set(t.query, (agg = { query: t.query, articles: 0, positive: 0, negative: 0, neutral: 0, byDate: [] }));
      agg.articles += 1; agg[t.label] += 1;
      const date = options.dates?.get(result.id)?.slice(0, 7);
      if (date) {
        let month = agg.byDate.find((d) => d.date === date);
        if (!month) agg.byDate.push((month = { date, positive: 0, negative: 0, neutral: 0 }));
        month[t.label] += 1;
      }
    }
  }
  const display = (key: string) => entities.get(key)?.name ?? key;
  summary.entities = [...entities.values()].sort((a, b) => b.articles - a.articles || b.mentions - a.mentions).slice(0, options.top)
    .map((e) => {
      const score = Math.round((e.toneSum / e.articles) * 1000) / 1000;
      return { name: e.name, type: e.type, aliases: [...e.aliases], articles: e.articles, mentions: e.mentions, tone: { label: score > 0.15 ? 'positive' : score < -0.15 ? 'negative' : 'neutral', score } };
    });
  summary.speakers = [...speakers.values()].sort((a, b) => b.articles - a.articles || b.quotes - a.quotes).slice(0, options.top)
    .map((s) => ({ ...s, name: s.entity ? display(s.entity) : s.name, entity: s.entity ? display(s.entity) : null }));
  summary.stances = [...stances.values()].sort((a, b) => b.articles - a.articles || (b.positive + b.negative) - (a.positive + a.negative)).slice(0, options.top)
    .map(({ ids: _ids, ...s }) => ({ ...s, holder: display(s.holder), target: display(s.target), label: s.positive > s.negative ? 'positive' : s.negative > s.positive ? 'negative' : 'neutral' }));
  summary.targets = [...targets.values()].map((t) => ({ ...t, byDate: t.byDate.sort((a, b) => a.date.localeCompare(b.date)) }));
  return summary;
}
