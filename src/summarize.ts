// Many Analyses -> one Summary (the contract's newslens/summary@1): entities merged by name and
// alias across articles, top speakers, the stance network and target tone by month. Memory grows
// with the number of distinct names, not of articles: each article is folded in and dropped.
import { NearDuplicateIndex } from './corpus/near-duplicates.js';
import { QuoteIndex, type QuoteEntry } from './corpus/quote-index.js';
import { monthOf } from './input/dates.js';
import { SUMMARY_SCHEMA, isFailed, type AnalysisResult, type EntityType, type Tone, type ToneLabel } from './analysis.js';

export interface Summary {
  schema: typeof SUMMARY_SCHEMA;
  inputs: number; analysed: number; failed: number;
  entities: { name: string; type: EntityType; aliases: string[]; articles: number; mentions: number; tone: Tone }[];
  speakers: { name: string; entity: string | null; quotes: number; articles: number; sample: { id: string; text: string }; gender?: GenderLabel }[];
  stances: { holder: string; target: string; holderType?: EntityType; targetType?: EntityType; positive: number; negative: number; label: ToneLabel; articles: number; examples: { id: string; start: number; end: number }[] }[];
  targets: { query: string; articles: number; positive: number; negative: number; neutral: number; byDate: { date: string; positive: number; negative: number; neutral: number }[] }[];
  /**
   * Near-duplicate articles (the same story republished or from a wire): each group is its first
   * article and the later copies of it (MinHash estimate of 5-word-shingle Jaccard >= 0.5). Copies are
   * left out of every other list unless `counted`. Present when the articles' text was at hand.
   */
  duplicates?: { checked: number; copies: number; counted: boolean; groups: { original: string; copies: { id: string; similarity: number }[] }[] };
  /**
   * Direct quotes of six words or more carried by two or more articles, copies included (a wire
   * story's quote spread is the point): the articles in date order, the speakers each gave it to,
   * the wordings when trimmed or edited. Present when quotes were analysed.
   */
  quotes?: (Omit<QuoteEntry, 'articles'> & { articles: { id: string; date?: string; speaker: string | null }[] })[];
  /**
   * Who gets a voice: speakers and their quotes by the gender the articles state (a title, a role
   * word, the pronouns resolved to them), `unknown` where none says it. Never guessed from names.
   */
  voices?: { speakers: Record<GenderLabel | 'unknown', number>; quotes: Record<GenderLabel | 'unknown', number> };
  /** Inputs whose date could not be read (left out of byDate rather than put in a made-up month); present when there are any. */
  unreadDates?: { id: string; date: string }[];
}

export interface SummarizeOptions {
  /** How many items each list keeps. */
  top: number;
  /** Count near-duplicate copies in the lists too (default: each story once). */
  countCopies?: boolean;
}

/** Kinds of entity a corpus view is about; dates and numbers are left out. */
const NAMED_TYPES = new Set<EntityType>(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'EVENT', 'PRODUCT', 'WORK_OF_ART', 'LAW']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you', 'him', 'her', 'them', 'his', 'its', 'their', 'who', 'which']);
const MAX_EXAMPLES = 3;

interface EntityGroup {
  key: string; name: string; type: EntityType; aliases: Set<string>;
  articles: number; mentions: number; toneSum: number;
  /** Articles whose tone toward the entity had each label. */
  toneLabels: Record<ToneLabel, number>;
  /** Union-find parent: the group this one was merged into (itself when a root). */
  parent: EntityGroup;
  lastArticle: number;
  /** The articles whose entity carried this very name, and (on a root) the groups merged into it. */
  ownArticles: number;
  members: EntityGroup[];
}

type GenderLabel = 'female' | 'male';

interface SpeakerTally { key: string; nominal: string | null; quotes: number; articles: number; sample: { id: string; text: string }; sampleNamed: boolean; genders: Record<GenderLabel, number> }
interface StanceTally { holder: EntityGroup; target: EntityGroup; positive: number; negative: number; articles: number; lastArticle: number; examples: { id: string; start: number; end: number }[] }

/**
 * Entity groups keyed by type and name, merged across articles when one's name is an alias of
 * another of the same type (the contract's rule): "Blair" joins "Tony Blair". A short name joins
 * only the first full name it meets, so "Brown" cannot chain Gordon Brown to Nick Brown.
 */
class EntityIndex {
  private readonly byName = new Map<string, EntityGroup>();
  /** type + alias -> the groups that list it as an alias. */
  private readonly byAlias = new Map<string, EntityGroup[]>();

  static find(group: EntityGroup): EntityGroup {
    let root = group;
    while (root.parent !== root) root = root.parent;
    group.parent = root;
    return root;
  }

  add(type: EntityType, name: string, aliases: string[]): EntityGroup {
    const key = `${type}\u0000${name}`;
    let group = this.byName.get(key);
    if (!group) {
      group = { key, name, type, aliases: new Set(), articles: 0, mentions: 0, toneSum: 0, toneLabels: { positive: 0, negative: 0, neutral: 0 }, parent: null!, lastArticle: -1, ownArticles: 0, members: [] };
      group.parent = group;
      group.members.push(group);
      this.byName.set(key, group);
      for (const longer of this.byAlias.get(key) ?? []) if (this.join(group, longer)) break;
    }
    for (const alias of aliases) {
      if (group.aliases.has(alias)) continue;
      group.aliases.add(alias);
      const aliasKey = `${type}\u0000${alias}`;
      const listed = this.byAlias.get(aliasKey);
      if (listed) listed.push(group); else this.byAlias.set(aliasKey, [group]);
      const shorter = alias !== name ? this.byName.get(aliasKey) : undefined;
      if (shorter) this.join(shorter, group);
    }
    return group;
  }

  /** Merges the group named by a short form into the one that lists it as an alias. */
  private join(shorter: EntityGroup, longer: EntityGroup): boolean {
    const from = EntityIndex.find(shorter);
    const into = EntityIndex.find(longer);
    if (from === into) return true;
    if (from !== shorter) return false; // already part of another full name
    from.parent = into;
    // Both seen in the article being read: that article counts once.
    if (from.lastArticle >= 0 && from.lastArticle === into.lastArticle) into.articles -= 1;
    into.lastArticle = Math.max(into.lastArticle, from.lastArticle);
    into.articles += from.articles; into.mentions += from.mentions; into.toneSum += from.toneSum;
    for (const label of TONE_LABELS) into.toneLabels[label] += from.toneLabels[label];
    for (const alias of from.aliases) into.aliases.add(alias);
    into.members.push(...from.members);
    return true;
  }

  /**
   * What a merged group is called: the name the most articles gave it ("Sony", not one article's
   * "Rival Sony"); on a tie, the longer ("Tony Blair" over "Blair").
   */
  static nameOf(group: EntityGroup): string {
    return EntityIndex.find(group).members.reduce((best, g) => (g.ownArticles > best.ownArticles
      || (g.ownArticles === best.ownArticles && g.name.length > best.name.length) ? g : best)).name;
  }

  /** The group of a name already added, without adding it. */
  get(type: EntityType, name: string): EntityGroup | undefined {
    return this.byName.get(`${type}\u0000${name}`);
  }

  roots(): EntityGroup[] {
    return [...this.byName.values()].filter((g) => g.parent === g);
  }
}

const TONE_LABELS: ToneLabel[] = ['positive', 'negative', 'neutral'];

/**
 * The corpus tone toward an entity: the mean of its articles' scores, labelled with the label most
 * of its articles gave it. Analyses label tone from the model's class probabilities, not by a band
 * on the score, so a band here would call -0.203 negative where the article called it neutral; the
 * majority keeps one article's label as it was. A tie goes the way the mean score leans.
 */
function toneOf(group: EntityGroup): Tone {
  const score = group.toneSum / Math.max(1, group.articles);
  const most = Math.max(...TONE_LABELS.map((l) => group.toneLabels[l]));
  const tied = TONE_LABELS.filter((l) => group.toneLabels[l] === most);
  const leaning: ToneLabel = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
  const label = tied.length === 1 ? tied[0]! : tied.includes(leaning) ? leaning : 'neutral';
  return { label, score: Math.round(score * 1000) / 1000 };
}

export async function summarize(results: AsyncIterable<AnalysisResult>, options: SummarizeOptions): Promise<Summary> {
  const summary: Summary = { schema: SUMMARY_SCHEMA, inputs: 0, analysed: 0, failed: 0, entities: [], speakers: [], stances: [], targets: [] };
  const index = new EntityIndex();
  const speakers = new Map<string, SpeakerTally & { group: EntityGroup | null }>();
  const stances = new Map<string, StanceTally>();
  const targets = new Map<string, Summary['targets'][number]>();
  let article = -1;
  const copiesOf = new NearDuplicateIndex();
  const groups = new Map<string, { id: string; similarity: number }[]>();
  let checked = 0;
  const quoteIndex = new QuoteIndex<{ type: EntityType | undefined; name: string } | null>();
  let quoted = false;
  for await (const result of results) {
    summary.inputs += 1;
    if (isFailed(result)) { summary.failed += 1; continue; }
    summary.analysed += 1;
    if (result.quotes) {
      quoted = true;
      const typeOf = new Map((result.entities ?? []).map((e) => [e.id, e.type]));
      for (const q of result.quotes) {
        if (q.kind !== 'direct') continue;
        // Read as merged names at the end: the entity index is only built from counted articles.
        const type = q.speaker?.entity ? typeOf.get(q.speaker.entity) : undefined;
        const speaker = q.speaker && (q.speaker.entity || !PRONOUNS.has(q.speaker.name.toLowerCase())) ? { type, name: q.speaker.name } : null;
        quoteIndex.add({ id: result.id, ...(result.date ? { date: result.date } : {}), text: q.text, speaker });
      }
    }
    if (result.fingerprint) {
      checked += 1;
      const match = copiesOf.add(result.id, result.fingerprint);
      if (match) {
        let group = groups.get(match.original);
        if (!group) groups.set(match.original, (group = []));
        group.push({ id: result.id, similarity: match.similarity });
        if (!options.countCopies) continue;
      }
    }
    article += 1;
    // Targets are grouped by the month of the input's date (a JSONL record's `date`, a page's metadata).
    const month = result.date === undefined ? null : monthOf(result.date);
    if (result.date !== undefined && month === null) (summary.unreadDates ??= []).push({ id: result.id, date: result.date });
    const groupOf = new Map<string, EntityGroup>();
    for (const e of result.entities ?? []) {
      if (!NAMED_TYPES.has(e.type)) continue;
      const group = index.add(e.type, e.name, e.aliases);
      group.ownArticles += 1;
      const root = EntityIndex.find(group);
      if (root.lastArticle !== article) { root.lastArticle = article; root.articles += 1; root.toneSum += e.tone.score; root.toneLabels[e.tone.label] += 1; }
      root.mentions += e.count;
      groupOf.set(e.id, group);
    }
    const spokeHere = new Set<string>();
    for (const q of result.quotes ?? []) {
      // An unresolved "he" or "they" is nobody in particular across a corpus.
      if (!q.speaker || (!q.speaker.entity && PRONOUNS.has(q.speaker.name.toLowerCase()))) continue;
      const group = (q.speaker.entity && groupOf.get(q.speaker.entity)) || null;
      const key = group ? group.key : `nominal\u0000${q.speaker.name.toLowerCase()}`;
      let tally = speakers.get(key);
      if (!tally) speakers.set(key, (tally = { key, group, nominal: group ? null : q.speaker.name, quotes: 0, articles: 0, sample: { id: result.id, text: q.text }, sampleNamed: false, genders: { female: 0, male: 0 } }));
      tally.quotes += 1;
      if (q.speaker.gender) tally.genders[q.speaker.gender.label] += 1;
      // The sample is a direct quote where the speaker is named, when there is one: the surest reading.
      const named = q.kind === 'direct' && q.speaker.mention !== null && !PRONOUNS.has(q.speaker.mention.text.toLowerCase());
      if (named && !tally.sampleNamed) { tally.sample = { id: result.id, text: q.text }; tally.sampleNamed = true; }
      if (!spokeHere.has(key)) { spokeHere.add(key); tally.articles += 1; }
    }
    for (const st of result.stances ?? []) {
      const holder = groupOf.get(st.holder);
      const target = groupOf.get(st.target);
      if (!holder || !target) continue;
      const key = `${holder.key}>${target.key}`;
      let tally = stances.get(key);
      if (!tally) stances.set(key, (tally = { holder, target, positive: 0, negative: 0, articles: 0, lastArticle: -1, examples: [] }));
      tally[st.label] += 1;
      if (tally.lastArticle !== article) { tally.lastArticle = article; tally.articles += 1; }
      if (tally.examples.length < MAX_EXAMPLES) tally.examples.push({ id: result.id, ...st.evidence });
    }
    for (const t of result.targets) {
      let tally = targets.get(t.query);
      if (!tally) targets.set(t.query, (tally = { query: t.query, articles: 0, positive: 0, negative: 0, neutral: 0, byDate: [] }));
      tally.articles += 1; tally[t.label] += 1;
      if (month) {
        let bucket = tally.byDate.find((d) => d.date === month);
        if (!bucket) tally.byDate.push((bucket = { date: month, positive: 0, negative: 0, neutral: 0 }));
        bucket[t.label] += 1;
      }
    }
  }

  const byWeight = <T extends { articles: number }>(weight: (x: T) => number) => (a: T, b: T) => b.articles - a.articles || weight(b) - weight(a);
  summary.entities = index.roots().sort(byWeight((g) => g.mentions)).slice(0, options.top).map((g) => ({
    name: EntityIndex.nameOf(g), type: g.type, aliases: [...g.aliases], articles: g.articles, mentions: g.mentions, tone: toneOf(g),
  }));

  // Later merges can join tallies made under different names: fold them by their groups' roots.
  const speakerTotals = new Map<string, Summary['speakers'][number] & { genders: Record<GenderLabel, number> }>();
  for (const tally of speakers.values()) {
    const root = tally.group ? EntityIndex.find(tally.group) : null;
    const key = root ? root.key : tally.key;
    const total = speakerTotals.get(key);
    if (total) {
      total.quotes += tally.quotes; total.articles += tally.articles;
      total.genders.female += tally.genders.female; total.genders.male += tally.genders.male;
      continue;
    }
    speakerTotals.set(key, { name: root ? EntityIndex.nameOf(root) : tally.nominal!, entity: root ? EntityIndex.nameOf(root) : null, quotes: tally.quotes, articles: tally.articles, sample: tally.sample, genders: { ...tally.genders } });
  }
  // A speaker's gender is what their articles state, when they do not disagree.
  const spoken = [...speakerTotals.values()].map(({ genders, ...s }) => {
    const gender: GenderLabel | undefined = genders.female && !genders.male ? 'female' : genders.male && !genders.female ? 'male' : undefined;
    return gender ? { ...s, gender } : s;
  });
  if (speakerTotals.size || quoted) {
    const voices: NonNullable<Summary['voices']> = { speakers: { female: 0, male: 0, unknown: 0 }, quotes: { female: 0, male: 0, unknown: 0 } };
    for (const s of spoken) {
      const g = 'gender' in s && s.gender ? s.gender : 'unknown';
      voices.speakers[g] += 1;
      voices.quotes[g] += s.quotes;
    }
    summary.voices = voices;
  }
  summary.speakers = spoken.sort(byWeight((s) => s.quotes)).slice(0, options.top);

  const stanceTotals = new Map<string, Summary['stances'][number]>();
  for (const tally of stances.values()) {
    const holder = EntityIndex.find(tally.holder);
    const target = EntityIndex.find(tally.target);
    if (holder === target) continue;
    const key = `${holder.key}>${target.key}`;
    let total = stanceTotals.get(key);
    if (!total) stanceTotals.set(key, (total = { holder: EntityIndex.nameOf(holder), target: EntityIndex.nameOf(target), holderType: holder.type, targetType: target.type, positive: 0, negative: 0, label: 'neutral', articles: 0, examples: [] }));
    total.positive += tally.positive; total.negative += tally.negative; total.articles += tally.articles;
    total.examples.push(...tally.examples.slice(0, MAX_EXAMPLES - total.examples.length));
  }
  summary.stances = [...stanceTotals.values()]
    .map((s) => ({ ...s, label: (s.positive > s.negative ? 'positive' : s.negative > s.positive ? 'negative' : 'neutral') as ToneLabel }))
    .sort(byWeight((s) => s.positive + s.negative)).slice(0, options.top);
  summary.targets = [...targets.values()].map((t) => ({ ...t, byDate: t.byDate.sort((a, b) => a.date.localeCompare(b.date)) }));
  if (quoted) {
    const nameOf = (speaker: { type: EntityType | undefined; name: string } | null) => {
      const group = speaker?.type ? index.get(speaker.type, speaker.name) : undefined;
      return group ? EntityIndex.nameOf(group) : speaker?.name ?? null;
    };
    summary.quotes = quoteIndex.entries(nameOf).filter((q) => q.articles.length > 1).slice(0, options.top)
      .map((q) => ({ ...q, articles: q.articles.map(({ text: _text, ...a }) => a) }));
  }
  if (checked) {
    summary.duplicates = {
      checked, copies: [...groups.values()].reduce((n, list) => n + list.length, 0), counted: options.countCopies === true,
      groups: [...groups].map(([original, list]) => ({ original, copies: list }))
        .sort((a, b) => b.copies.length - a.copies.length).slice(0, options.top),
    };
  }
  return summary;
}
