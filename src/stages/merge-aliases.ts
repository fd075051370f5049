// Groups name mentions into entities: one entity per real-world thing. Gazetteer aliases share a
// canonical key (Russia = Russian Federation); "Free Syrian Army (FSA)" teaches an acronym; a later
// surname joins the full name (Kerry -> John Kerry); an acronym joins the name it abbreviates.
import type { Doc, EntityCluster, EntityType, NameMention } from '../doc/doc.js';
import type { Gazetteer } from '../knowledge/gazetteer.js';

const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}$/u;

const KIND: Partial<Record<EntityType, string>> = { GPE: 'place', LOC: 'place', FAC: 'place', PERSON: 'person', ORG: 'org', NORP: 'group' };
const kindOf = (type: EntityType) => KIND[type] ?? type;
const compatible = (a: EntityType, b: EntityType | undefined) => b === undefined || kindOf(a) === kindOf(b);

function initials(name: string): string {
  return name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w)).map((w) => w[0]).join('');
}

export function mergeAliases(doc: Doc, mentions: NameMention[], gazetteer: Gazetteer): EntityCluster[] {
  const taughtBy = new Map<string, NameMention>(); // "FSA" -> the mention of "Free Syrian Army"
  const clusters = new Map<string, { mentions: NameMention[]; canonicalName: string | null }>();
  const textOf = (m: NameMention) => doc.text.slice(m.start, m.end);
  const { tokens } = doc;

  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  // "Free Syrian Army (FSA)": the acronym in brackets right after a name is that name's alias.
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const m = sorted[i]!;
    const next = sorted[i + 1]!;
    const acronym = textOf(next);
    // Not "Todd Martin (U.S.)" in sports results: a known name in brackets is itself unless it is
    // the name's initials ("Financial Services Authority (FSA)", not the Free Syrian Army), and an
    // acronym starts with its name's first letter.
    if (tokens[m.lastToken + 1]?.text === '(' && next.firstToken === m.lastToken + 2
      && tokens[next.lastToken + 1]?.text === ')' && ACRONYM.test(acronym)
      && (!gazetteer.names.has(acronym) || initials(textOf(m)) === acronym.replace(/\./g, '')) && acronym[0] === textOf(m)[0]) {
      taughtBy.set(textOf(next), m);
      next.type = m.type;
    }
  }

  // Indexes over the multi-word names seen so far, so each lookup is one Map read.
  const byLastWord = new Map<string, Set<string>>(); // "Kerry" -> keys of "John Kerry"
  const byFirstWord = new Map<string, Set<string>>(); // "ORG:Syria" -> keys of "Syria Support Group" (not people)
  const byInitials = new Map<string, string>(); // "FSA" -> key of "Free Syrian Army", the first seen
  const personByLastWord = new Map<string, Set<string>>();
  const personByFirstWord = new Map<string, Set<string>>(); // "Gavin" -> keys of "Gavin Henson" 
  const addTo = (index: Map<string, Set<string>>, word: string, key: string) => {
    let keys = index.get(word);
    if (!keys) index.set(word, (keys = new Set()));
    keys.add(key);
  };
  const register = (m: NameMention, key: string, name: string | null) => {
    const words = textOf(m).split(' ');
    if (words.length < 2) return;
    addTo(byLastWord, words[words.length - 1]!, key);
    if (m.type === 'PERSON') {
      addTo(personByLastWord, words[words.length - 1]!, key);
      addTo(personByFirstWord, words[0]!, key);
    }
    else addTo(byFirstWord, `${m.type}:${words[0]}`, key);
    const acronym = initials(name ?? textOf(m));
    if (!byInitials.has(acronym)) byInitials.set(acronym, key);
  };

  /** The first name of two words or more with each set of three initials or more, wherever it is. */
  const spelledLater = new Map<string, NameMention>();
  for (const m of sorted) {
    const letters = initials(textOf(m));
    if (textOf(m).includes(' ') && letters.length >= 3 && !spelledLater.has(letters)) spelledLater.set(letters, m);
  }
  /** Mentions whose entity the article's own spelling-out decided, over the gazetteer's. */
  const spelledOut = new Set<NameMention>();
  const clusterKey = (m: NameMention): string => {
    const text = textOf(m);
    // What the article spells out comes before what the gazetteer knows: an acronym taught in
    // brackets, or one of three letters or more whose name came earlier ("The Financial Services
    // Authority has warned ... the FSA is late"), is that name, not the gazetteer's FSA.
    const teacher = taughtBy.get(text);
    if (teacher && teacher !== m && !taughtBy.has(textOf(teacher))) {
      spelledOut.add(m);
      return clusterKey(teacher);
    }
    if (m.canonical && ACRONYM.test(text) && text.replace(/\./g, '').length >= 3) {
      const letters = text.replace(/\./g, '');
      let expansion = byInitials.get(letters);
      if (expansion && !clusters.get(expansion)?.mentions.every((x) => compatible(m.type, x.type))) expansion = undefined;
      // A headline's "IMF" before the body's "International Monetary Fund".
      const later = spelledLater.get(letters);
      if (!expansion && later && compatible(m.type, later.type)) expansion = clusterKey(later);
      if (expansion && expansion !== m.canonical) {
        spelledOut.add(m);
        return expansion;
      }
    }
    // A gazetteer alias joins its canonical entity when the tagger agrees on the kind of thing
    // ("Russia" the country, not Russia the football team).
    if (m.canonical && compatible(m.type, gazetteer.names.get(text)?.type)) return m.canonical;
    if (ACRONYM.test(text)) {
      const expansion = byInitials.get(text.replace(/\./g, ''));
      if (expansion) return expansion;
    }
    // A single word that ends (or, for organisations, starts) a longer name already seen; not an
    // acronym, which joins only the name it abbreviates ("PC" is not "Mobile PC", "TV" not "Mobile TV").
    if (!text.includes(' ') && !ACRONYM.test(text)) {
      const hits = new Set([...(byLastWord.get(text) ?? []), ...(byFirstWord.get(`${m.type}:${text}`) ?? [])]);
      if (hits.size === 1) return [...hits][0]!;
    }
    return `name:${kindOf(m.type)}:${text}`;
  };

  for (const m of sorted) {
    const key = clusterKey(m);
    let cluster = clusters.get(key);
    if (!cluster) {
      // Not the gazetteer's name for "FSA" the article spelled out as another name.
      const entry = m.canonical && !spelledOut.has(m) ? gazetteer.names.get(textOf(m)) : undefined;
      cluster = { mentions: [], canonicalName: entry?.canonical === m.canonical ? entry.name : null };
      clusters.set(key, cluster);
    }
    cluster.mentions.push(m);
    register(m, key, cluster.canonicalName);
  }

  // A surname seen before its full name ("Kerry calls ..." in the headline, "John Kerry" later).
  for (const [key, c] of clusters) {
    // Only a person's surname: "Jones" the company is not "Bill Jones".
    if (c.mentions.some((m) => textOf(m).includes(' ') || m.type !== 'PERSON')) continue;
    const word = textOf(c.mentions[0]!);
    let full = [...(personByLastWord.get(word) ?? [])].filter((k) => k !== key && clusters.has(k));
    // A first name alone ("Gavin reaching it") is the one person of the article with that first name.
    if (!full.length) full = [...(personByFirstWord.get(word) ?? [])].filter((k) => k !== key && clusters.has(k));
    if (full.length === 1) {
      clusters.get(full[0]!)!.mentions.push(...c.mentions);
      clusters.delete(key);
    }
  }

  // The same name the tagger typed a person once and something else once ("Guidant" the company,
  // then "Guidant" a person) is one thing, its type voted below. A place and an organisation of
  // one name stay two (the city and its team, in sports results); so do the kinds of names the
  // gazetteer knows (Russia the country, Russia the team).
  const personByText = new Map<string, string>();
  const otherByText = new Map<string, string>();
  for (const [key, c] of clusters) {
    if (!key.startsWith('name:')) continue;
    (key.startsWith('name:person:') ? personByText : otherByText).set(textOf(c.mentions[0]!), key);
  }
  for (const [text, personKey] of personByText) {
    const otherKey = otherByText.get(text);
    if (otherKey === undefined) continue;
    clusters.get(otherKey)!.mentions.push(...clusters.get(personKey)!.mentions);
    clusters.delete(personKey);
  }

  const entities: EntityCluster[] = [];
  for (const c of clusters.values()) {
    c.mentions.sort((a, b) => a.start - b.start);
    const votes = new Map<EntityType, number>();
    for (const m of c.mentions) {
      const weight = (m.canonical ? 2 : 1) + textOf(m).split(' ').length - 1;
      votes.set(m.type, (votes.get(m.type) ?? 0) + weight);
    }
    const type = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const m of c.mentions) m.type = type;
    const longest = c.mentions.map(textOf).reduce((a, b) => (b.length > a.length && !ACRONYM.test(b) ? b : a));
    entities.push({ name: c.canonicalName ?? longest, type, mentions: c.mentions });
  }
  for (const raw of doc.numericEntities) {
    entities.push({
      name: doc.text.slice(raw.start, raw.end), type: raw.type as EntityType,
      mentions: [{ start: raw.start, end: raw.end, firstToken: raw.firstToken, lastToken: raw.lastToken, type: raw.type as EntityType, kind: 'name', canonical: null }],
    });
  }
  return entities;
}
