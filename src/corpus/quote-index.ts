// Direct quotes across a corpus: each distinct quote with the articles that carry it and the
// speakers it was given to, wording variants (trimmed or lightly edited) folded into one. Two
// wordings are one quote when most of the shorter one's word trigrams are in the longer: trimming
// keeps all of them, editing a word loses three.

/** Words a quote needs to be indexed: shorter ones ("We are delighted") recur without being one quote. */
export const MIN_QUOTE_WORDS = 6;
/** Share of the shorter wording's trigrams found in the other for the two to be one quote. */
const SAME_QUOTE = 0.6;
/** Trigrams this common in the index are not used to find candidates ("i think it", "we have to"). */
const COMMON_TRIGRAM = 50;

/** Lower case, curly quotes straightened, punctuation dropped: the words a reader would compare. */
export function quoteWords(text: string): string[] {
  return text.toLowerCase().replace(/[‘’`]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').split(' ').filter((w) => w && w !== "'");
}

const trigramsOf = (words: readonly string[]): Set<string> => {
  const grams = new Set<string>();
  for (let i = 0; i + 2 < words.length; i += 1) grams.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return grams;
};

export interface QuoteSighting<S = string | null> {
  /** The article's id, and its date when the input had one. */
  id: string;
  date?: string;
  text: string;
  /** Who the article gives it to (a name, or what entries() turns into one), or null. */
  speaker: S;
}

interface QuoteGroup<S> {
  /** The longest wording: what the group is compared with and shown as. */
  words: string[];
  grams: Set<string>;
  sightings: QuoteSighting<S>[];
}

export class QuoteIndex<S = string | null> {
  private readonly groups: QuoteGroup<S>[] = [];
  private readonly byTrigram = new Map<string, number[]>();

  constructor(private readonly minWords = MIN_QUOTE_WORDS) {}

  /** Adds one article's quote; false when it is too short to index. */
  add(sighting: QuoteSighting<S>): boolean {
    const words = quoteWords(sighting.text);
    if (words.length < this.minWords || words.length < 1) return false;
    const grams = trigramsOf(words);
    const group = this.find(words, grams);
    if (group === null) {
      const id = this.groups.length;
      this.groups.push({ words, grams, sightings: [sighting] });
      this.indexGrams(id, grams);
      return true;
    }
    const g = this.groups[group]!;
    // An article quoting it twice (headline and body) carries it once.
    if (g.sightings.some((s) => s.id === sighting.id)) return true;
    g.sightings.push(sighting);
    // The longest wording stands for the group: a trimmed copy then still finds it.
    if (words.length > g.words.length) {
      g.words = words;
      const added = [...grams].filter((x) => !g.grams.has(x));
      for (const x of added) g.grams.add(x);
      this.indexGrams(group, new Set(added));
    }
    return true;
  }

  /** The group the wording belongs to, or null. */
  private find(words: readonly string[], grams: Set<string>): number | null {
    const shared = new Map<number, number>();
    for (const gram of grams) {
      const list = this.byTrigram.get(gram);
      if (!list || list.length > COMMON_TRIGRAM) continue;
      for (const id of list) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    let best: number | null = null;
    let bestShare = 0;
    for (const [id] of shared) {
      const share = overlap(grams, this.groups[id]!.grams);
      if (share >= SAME_QUOTE && share > bestShare) { best = id; bestShare = share; }
    }
    return best;
  }

  private indexGrams(id: number, grams: Set<string>): void {
    for (const gram of grams) {
      const list = this.byTrigram.get(gram);
      if (!list) this.byTrigram.set(gram, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }

  /** Every quote, most widely carried first, each with its articles in date order (undated last, then by id). */
  entries(nameOf: (speaker: S) => string | null): QuoteEntry[] {
    return this.groups.map((g) => toEntry(g, nameOf)).sort((a, b) => b.articles.length - a.articles.length || a.text.localeCompare(b.text));
  }
}

/** Share of the smaller set's trigrams found in the other. */
function overlap(x: Set<string>, y: Set<string>): number {
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  if (!small.size) return 0;
  let n = 0;
  for (const g of small) if (large.has(g)) n += 1;
  return n / small.size;
}

export interface QuoteEntry {
  /** The longest wording as one article printed it. */
  text: string;
  /** Each speaker it was given to, with how many articles did. */
  speakers: { name: string | null; articles: number }[];
  /** More than one named speaker: a fact-checker's flag. */
  speakersDiffer: boolean;
  articles: { id: string; date?: string; speaker: string | null; text: string }[];
  /** The distinct wordings, when there is more than one. */
  variants: string[];
}

function toEntry<S>(group: QuoteGroup<S>, nameOf: (speaker: S) => string | null): QuoteEntry {
  const g = { ...group, sightings: group.sightings.map((s) => ({ ...s, speaker: nameOf(s.speaker) })) };
  const articles = [...g.sightings].sort((a, b) => (a.date && b.date ? a.date.localeCompare(b.date) : a.date ? -1 : b.date ? 1 : 0) || a.id.localeCompare(b.id));
  const bySpeaker = new Map<string | null, Set<string>>();
  for (const s of g.sightings) {
    if (!bySpeaker.has(s.speaker)) bySpeaker.set(s.speaker, new Set());
    bySpeaker.get(s.speaker)!.add(s.id);
  }
  const speakers = [...bySpeaker].map(([name, ids]) => ({ name, articles: ids.size })).sort((a, b) => b.articles - a.articles);
  const wordings = new Map<string, string>();
  for (const s of g.sightings) {
    const key = quoteWords(s.text).join(' ');
    if (!wordings.has(key)) wordings.set(key, s.text);
  }
  const longest = g.sightings.reduce((best, s) => (quoteWords(s.text).length > quoteWords(best.text).length ? s : best));
  return {
    text: longest.text, speakers, speakersDiffer: speakers.filter((s) => s.name !== null).length > 1,
    articles: articles.map((s) => ({ id: s.id, ...(s.date ? { date: s.date } : {}), speaker: s.speaker, text: s.text })),
    variants: wordings.size > 1 ? [...wordings.values()] : [],
  };
}

/** Whether a quote matches what a user looks for: the query's words in order inside it, or most of its trigrams. */
export function matchesQuery(text: string, query: string): boolean {
  const words = quoteWords(text);
  const wanted = quoteWords(query);
  if (!wanted.length) return false;
  if (` ${words.join(' ')} `.includes(` ${wanted.join(' ')} `)) return true;
  if (wanted.length < 3) return false;
  const grams = trigramsOf(wanted);
  const have = trigramsOf(words);
  let n = 0;
  for (const g of grams) if (have.has(g)) n += 1;
  return n / grams.size >= SAME_QUOTE;
}
