// Adds "the Syrian president", "the prime minister", "the Conservative leader" to the person the
// article has given that role: a role word of the lexicon (names.json `roles`) that the text put
// before one of the person's names ("Syrian President Bashar al-Assad", "Tory leader Michael
// Howard") or after one in apposition ("Lavrov, Russia's foreign minister,"). The phrase is read
// only when one of those titles has every word before its role ("the foreign minister" is not the
// prime minister) and no qualifier the phrase lacks (nor is the deputy prime minister), the person
// was named before it, and exactly one person fits: a role two people share stays unresolved.
import type { Doc, EntityCluster, NameMention } from '../doc/doc.js';

/** Words a title may have before a name, and in a phrase: "US Secretary of State John Kerry". */
const TITLE_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
/** How many words back from a name a title is read, and forward from "the" a phrase. */
const MAX_TITLE_WORDS = 5;
/** How many people with a phrase's role it reads, the latest named first. */
const MAX_CANDIDATES = 40;

const isWord = (pos: string) => TITLE_POS.has(pos);

/**
 * Words that make a role another one: the deputy prime minister is not the prime minister, nor the
 * shadow chancellor the chancellor, nor the prime minister "the minister". A title with one fits
 * only a phrase that has it too.
 */
const QUALIFIERS = new Set(['deputy', 'shadow', 'prime', 'first', 'former', 'vice', 'acting', 'assistant', 'junior', 'ex', 'late', 'interim', 'outgoing']);

/**
 * A title's words in lower case; those that name a country or a people ("Italian", "US") are
 * required: "the prime minister" of a British article is not the Italian prime minister.
 */
interface Title { words: Set<string>; required: Set<string> }

/** The titles the text gives a person that have a role word. */
function titlesOf(doc: Doc, entity: EntityCluster, roles: ReadonlySet<string>, isPlace: Uint8Array): Title[] {
  const { tokens } = doc;
  const titles: Title[] = [];
  const keep = (words: Set<string>, required: Set<string>) => { if ([...words].some((w) => roles.has(w))) titles.push({ words, required }); };
  const skipped = (lower: string) => lower === "'s" || lower === '’s' || lower === 'of';
  for (const m of entity.mentions) {
    if (m.kind !== 'name') continue;
    const sentence = tokens[m.firstToken]!.sentence;
    // Before the name, and inside it when the tagger took the title in ("President Assad").
    const before = new Set<string>();
    const beforeRequired = new Set<string>();
    for (let t = m.firstToken; t <= m.lastToken; t += 1) if (roles.has(tokens[t]!.lower)) before.add(tokens[t]!.lower);
    for (let t = m.firstToken - 1, n = 0; t >= 0 && n < MAX_TITLE_WORDS && tokens[t]!.sentence === sentence; t -= 1, n += 1) {
      const token = tokens[t]!;
      if (!isWord(token.pos) && token.lower !== 'of') break;
      if (skipped(token.lower)) continue;
      before.add(token.lower);
      if (isPlace[t]) beforeRequired.add(token.lower);
    }
    keep(before, beforeRequired);
    // An apposition after it, closed by a comma or the sentence's end: ", the Conservative leader,"
    // or ", Russia's foreign minister." (not ", the prime minister said").
    if (tokens[m.lastToken + 1]?.text !== ',') continue;
    const after = new Set<string>();
    const afterRequired = new Set<string>();
    let t = m.lastToken + 2;
    if (tokens[t]?.lower === 'the') t += 1;
    for (let n = 0; t < tokens.length && n < MAX_TITLE_WORDS + 1 && tokens[t]!.sentence === sentence; t += 1, n += 1) {
      const token = tokens[t]!;
      if (!isWord(token.pos) && !skipped(token.lower)) break;
      if (skipped(token.lower)) continue;
      after.add(token.lower);
      if (isPlace[t]) afterRequired.add(token.lower);
    }
    const closer = tokens[t];
    if (!closer || closer.sentence !== sentence || closer.text === ',' || closer.text === ')' || closer.pos === 'PUNCT') keep(after, afterRequired);
  }
  return titles;
}

/** A phrase's role and the words before it fit a title that has them all, and no qualifier or place they lack. */
const fitsTitle = ({ words, required }: Title, role: string, modifiers: string[]) => words.has(role)
  && modifiers.every((w) => words.has(w))
  && [...words].every((w) => !(QUALIFIERS.has(w) || required.has(w)) || modifiers.includes(w));

export function resolveNominals(doc: Doc, entities: EntityCluster[], roles: ReadonlySet<string>): void {
  const { tokens } = doc;
  const people = entities.map((e, i) => ({ entity: i, cluster: e })).filter(({ cluster }) => cluster.type === 'PERSON');
  if (!people.length) return;
  const isPlace = new Uint8Array(tokens.length);
  for (const e of entities) {
    if (e.type === 'GPE' || e.type === 'NORP') for (const m of e.mentions) if (m.kind === 'name') isPlace.fill(1, m.firstToken, m.lastToken + 1);
  }
  const titles = people.map(({ cluster }) => titlesOf(doc, cluster, roles, isPlace));
  if (titles.every((t) => !t.length)) return;
  // Where each person is first named: a role refers back, never ahead.
  const firstNamed = people.map(({ cluster }) => cluster.mentions.reduce((first, m) => (m.kind === 'name' ? Math.min(first, m.start) : first), Infinity));
  // The people with each role word in a title, in the order they are first named: a phrase reads
  // only those named before it, the latest first, and stops at the second that fits.
  const byRole = new Map<string, number[]>();
  titles.forEach((list, i) => {
    for (const role of new Set(list.flatMap((title) => [...title.words].filter((w) => roles.has(w))))) {
      let holders = byRole.get(role);
      if (!holders) byRole.set(role, (holders = []));
      holders.push(i);
    }
  });
  for (const holders of byRole.values()) holders.sort((a, b) => firstNamed[a]! - firstNamed[b]!);
  // Tokens of a person's name mention: a phrase there is a title, not a reference ("the Prime
  // Minister Tony Blair" as one name).
  const inPersonName = new Uint8Array(tokens.length);
  for (const { cluster } of people) for (const m of cluster.mentions) if (m.kind === 'name') inPersonName.fill(1, m.firstToken, m.lastToken + 1);
  const added: [number, NameMention][] = [];
  for (let t = 0; t < tokens.length; t += 1) {
    if (tokens[t]!.lower !== 'the') continue;
    // The phrase: words after "the", its role word last, and no noun or name after that (else the
    // role is a modifier or a title: "the president's office", "the president Bashar al-Assad").
    let head = -1;
    for (let k = t + 1; k < tokens.length && k - t <= MAX_TITLE_WORDS && isWord(tokens[k]!.pos) && !inPersonName[k]; k += 1) {
      if (roles.has(tokens[k]!.lower)) head = k;
    }
    if (head < 0) continue;
    const next = tokens[head + 1];
    if (next && (isWord(next.pos) || next.lower === "'s" || next.lower === '’s' || next.lower === 'of')) continue;
    const modifiers: string[] = [];
    for (let k = t + 1; k < head; k += 1) modifiers.push(tokens[k]!.lower);
    const role = tokens[head]!.lower;
    const start = tokens[t]!.start;
    const fits: number[] = [];
    const holders = byRole.get(role) ?? [];
    let k = holders.length - 1;
    while (k >= 0 && firstNamed[holders[k]!]! >= start) k -= 1;
    // Among the MAX_CANDIDATES people given the role last (a pasted list of a thousand presidents
    // must not make every phrase read them all).
    for (let read = 0; k >= 0 && read < MAX_CANDIDATES && fits.length < 2; k -= 1, read += 1) {
      if (titles[holders[k]!]!.some((title) => fitsTitle(title, role, modifiers))) fits.push(holders[k]!);
    }
    if (fits.length !== 1) continue;
    added.push([people[fits[0]!]!.entity, {
      start, end: tokens[head]!.end, firstToken: t, lastToken: head, type: 'PERSON', kind: 'nominal', canonical: null,
    }]);
    t = head;
  }
  for (const [entity, mention] of added) entities[entity]!.mentions.push(mention);
  for (const e of entities) e.mentions.sort((a, b) => a.start - b.start);
}
