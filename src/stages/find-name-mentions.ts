// Proper-name mentions: spans from the trained tagger (PER, ORG, LOC, MISC, as in CoNLL-2003),
// refined to the contract's OntoNotes types with the gazetteer and the words they contain
// (LOC -> GPE, LOC or FAC; MISC -> NORP, EVENT, LAW ...). The user's gazetteer entries are found
// even where the tagger saw nothing, and their type wins.
import type { Doc, EntityType, NameMention } from '../doc/doc.js';
import type { Gazetteer, GazetteerEntry } from '../knowledge/gazetteer.js';
import { IN_DATE, isMonth, timeTokens } from '../doc/numeric-entities.js';
import { gazetteerTags } from '../ner/features.js';
import { spansOf, type NerTagger, type TaggedSpan } from '../ner/tagger.js';

/** The longest user gazetteer name looked for, in tokens. */
const MAX_USER_NAME_TOKENS = 8;

export function fineType(coarse: TaggedSpan['type'], words: string[], entry: GazetteerEntry | undefined, gazetteer: Gazetteer): EntityType {
  const { lexicon } = gazetteer;
  const last = words[words.length - 1]!;
  if (entry?.canonical.startsWith('user:')) return entry.type;
  if ((coarse === 'ORG' || coarse === 'MISC') && lexicon.lawWords.has(last)) return 'LAW';
  // Organisations the gazetteer knows by name ("Kremlin") stay organisations in any context, and
  // a country's name alone is the country ("US Secretary of State": US is not an organisation).
  // A name the gazetteer knows may also be a person's ("Ford"), but not an acronym or a party's alias.
  if (entry?.type === 'ORG' && (coarse !== 'PER' || entry.alwaysOrg)) return 'ORG';
  if (entry?.canonical.startsWith('country:') && coarse === 'ORG' && words.length === 1) return 'GPE';
  // A nationality or a religious or ethnic group alone ("Muslim", "Kurds") is NORP, whatever the tagger's class.
  if (entry?.type === 'NORP' && coarse !== 'PER' && words.length === 1) return 'NORP';
  switch (coarse) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      // "River Thames", "Lake Geneva": a name opened by a landform word is a place, unless it also
      // has an organisation's word ("Lake Forest College").
      if (lexicon.landformWords.has(words[0]!) && !words.some((w) => lexicon.orgWords.has(w))) return 'LOC';
      return 'ORG';
    case 'LOC':
      if (lexicon.facWords.has(last)) return 'FAC';
      if (entry?.type === 'GPE' || entry?.type === 'LOC' || entry?.type === 'FAC') return entry.type;
      if (words.some((w) => lexicon.locWords.has(w))) return 'LOC';
      return 'GPE';
    case 'MISC':
      if (entry?.type === 'NORP' || entry?.type === 'LANGUAGE') return 'NORP';
      // a country by a name of several words ("U. S." as some wires space it) is the country, not an
      // event; one word stays a people ("Thai", "Saudi" in CoNLL are MISC)
      if (entry?.type === 'GPE' && entry.canonical.startsWith('country:') && words.length > 1) return 'GPE';
      if (lexicon.lawWords.has(last)) return 'LAW';
      if (lexicon.eventWords.has(last) || words.some((w) => /^\d{4}$/.test(w))) return 'EVENT';
      if (words.length === 1 || words.some((w) => gazetteer.names.get(w)?.type === 'NORP')) return 'NORP';
      return 'EVENT';
  }
}

const APOSTROPHES = new Set(['’', "'"]);
const DASHES = new Set(['-', '–', '—']);
const PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'ben']);

/**
 * wink splits hyphenated words that news (and CoNLL) treat as one: "Ban Ki-moon", "al-Qaeda",
 * "Israeli-Syrian". A span takes in a hyphen joined on both sides and the word after it, and a
 * particle joined before it ("al-").
 */
function joinHyphens(doc: Doc, spans: TaggedSpan[]): TaggedSpan[] {
  const { tokens } = doc;
  const joined = (a: number, b: number) => tokens[a] !== undefined && tokens[b] !== undefined && tokens[a]!.end === tokens[b]!.start;
  return spans.map((span) => {
    let { firstToken, lastToken } = span;
    while (tokens[lastToken + 1]?.text === '-' && joined(lastToken, lastToken + 1) && joined(lastToken + 1, lastToken + 2)
      && tokens[lastToken + 2]!.type === 'word') lastToken += 2;
    while (tokens[firstToken - 1]?.text === '-' && joined(firstToken - 1, firstToken) && joined(firstToken - 2, firstToken - 1)
      && PARTICLES.has(tokens[firstToken - 2]!.lower)) firstToken -= 2;
    return { ...span, firstToken, lastToken };
  }).filter((span, i, all) => i === 0 || span.firstToken > all[i - 1]!.lastToken);
}
const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}$/u;

/**
 * Spans the tagger cut that a reader sees as one name: "Dunkin’ Donuts" (an apostrophe ending the
 * first word, then a space). Such names are companies and shops.
 */
function joinApostropheNames(doc: Doc, spans: TaggedSpan[]): TaggedSpan[] {
  const { tokens } = doc;
  const joined: TaggedSpan[] = [];
  /** Whether token t is an apostrophe written onto the word before it, with a space after. */
  const closingApostrophe = (t: number) => tokens[t] !== undefined && tokens[t + 1] !== undefined && APOSTROPHES.has(tokens[t]!.text)
    && tokens[t]!.start === tokens[t - 1]!.end && tokens[t + 1]!.start > tokens[t]!.end;
  const capitalisedName = (t: number) => tokens[t]?.pos === 'PROPN' && /^\p{Lu}/u.test(tokens[t]!.text);
  for (const [i, span] of spans.entries()) {
    const previous = joined[joined.length - 1];
    if (previous && previous.lastToken + 2 === span.firstToken && closingApostrophe(previous.lastToken + 1)) {
      joined[joined.length - 1] = { firstToken: previous.firstToken, lastToken: span.lastToken, type: 'ORG' };
      continue;
    }
    // The tagger took only the first word ("Dunkin’" of "Dunkin’ Donuts"): the capitalised words after
    // the apostrophe are the rest of the name, unless another name starts there.
    const next = spans[i + 1];
    let last = span.lastToken + 2;
    if (closingApostrophe(span.lastToken + 1) && capitalisedName(last) && next?.firstToken !== last) {
      while (capitalisedName(last + 1) && next?.firstToken !== last + 1) last += 1;
      joined.push({ firstToken: span.firstToken, lastToken: last, type: 'ORG' });
    } else joined.push(span);
  }
  return joined;
}

/**
 * A name the tagger found once is the same name where it missed it: "Islamic State (IS)" teaches
 * "IS"; a surname tagged in one sentence is tagged in the next. Only capitalised, whole-token
 * occurrences, and not a sentence's first word unless the form never appears in lower case.
 */
function spreadNames(doc: Doc, spans: TaggedSpan[]): TaggedSpan[] {
  const { tokens } = doc;
  const typeOf = new Map<string, TaggedSpan['type']>();
  const covered = new Uint8Array(tokens.length);
  for (const span of spans) {
    for (let t = span.firstToken; t <= span.lastToken; t += 1) covered[t] = 1;
    if (span.firstToken === span.lastToken) typeOf.set(tokens[span.firstToken]!.text, span.type);
    // "Free Syrian Army (FSA)": the bracketed acronym takes the name's type.
    const open = tokens[span.lastToken + 1];
    const acronym = tokens[span.lastToken + 2];
    if (open?.text === '(' && acronym && ACRONYM.test(acronym.text) && tokens[span.lastToken + 3]?.text === ')') {
      typeOf.set(acronym.text, span.type);
    }
  }
  if (!typeOf.size) return spans;
  const lowerSeen = new Set<string>();
  for (const token of tokens) if (token.type === 'word' && token.text === token.lower) lowerSeen.add(token.lower);
  const added: TaggedSpan[] = [];
  tokens.forEach((token, t) => {
    const type = typeOf.get(token.text);
    if (!type || covered[t] || !/^\p{Lu}/u.test(token.text)) return;
    if (doc.sentences[token.sentence]!.firstToken === t && lowerSeen.has(token.lower)) return;
    // Not inside a longer capitalised run the tagger chose to leave alone.
    if (/^\p{Lu}/u.test(tokens[t - 1]?.text ?? '') && !covered[t - 1] && doc.sentences[token.sentence]!.firstToken !== t) return;
    added.push({ firstToken: t, lastToken: t, type });
  });
  return added.length ? [...spans, ...added].sort((a, b) => a.firstToken - b.firstToken) : spans;
}

/** "Mr McLetchie" -> "McLetchie": a person's title is not part of the name (the contract). */
function stripTitles(doc: Doc, gazetteer: Gazetteer, spans: TaggedSpan[]): TaggedSpan[] {
  return spans.map((span) => {
    let { firstToken } = span;
    while (span.type === 'PER' && firstToken < span.lastToken && gazetteer.lexicon.titles.has(doc.tokens[firstToken]!.text)) firstToken += 1;
    return firstToken === span.firstToken ? span : { ...span, firstToken };
  });
}

const COARSE: Partial<Record<EntityType, TaggedSpan['type']>> = {
  PERSON: 'PER', ORG: 'ORG', GPE: 'LOC', LOC: 'LOC', FAC: 'LOC', NORP: 'MISC', EVENT: 'MISC', LAW: 'MISC', PRODUCT: 'MISC', WORK_OF_ART: 'MISC',
};

/**
 * A name of several words that the gazetteer knows whole ("Islamic State", "Russian Federation")
 * is taken whole, replacing whatever parts of it the tagger found.
 */
function preferKnownNames(tags: string[], spans: TaggedSpan[]): TaggedSpan[] {
  const known: TaggedSpan[] = [];
  for (let t = 0; t < tags.length; t += 1) {
    if (!tags[t]!.startsWith('B-')) continue;
    let last = t;
    while (tags[last + 1]?.startsWith('I-')) last += 1;
    const coarse = COARSE[tags[t]!.slice(2) as EntityType];
    if (last > t && coarse) known.push({ firstToken: t, lastToken: last, type: coarse });
    t = last;
  }
  if (!known.length) return spans;
  // A longer name the tagger found around a known one stays whole ("Hong Kong Open").
  const around = (s: TaggedSpan, k: TaggedSpan) => s.firstToken <= k.firstToken && s.lastToken >= k.lastToken && s.lastToken - s.firstToken > k.lastToken - k.firstToken;
  const knownKept = known.filter((k) => !spans.some((s) => around(s, k)));
  const kept = spans.filter((s) => !knownKept.some((k) => s.firstToken <= k.lastToken && k.firstToken <= s.lastToken));
  return [...kept, ...knownKept].sort((a, b) => a.firstToken - b.firstToken);
}

const CAPITALISED = /^\p{Lu}/u;
const KNOWN_WORD_TYPES: Partial<Record<EntityType, TaggedSpan['type']>> = { GPE: 'LOC', ORG: 'ORG', NORP: 'MISC' };

/**
 * A one-word name the gazetteer knows as a country, an organisation or a people, written as a name
 * mid-sentence where the tagger saw none ("accuse the GOP of"), is that name.
 */
function knownWordNames(doc: Doc, gazetteer: Gazetteer, spans: TaggedSpan[]): TaggedSpan[] {
  const { tokens } = doc;
  const covered = new Uint8Array(tokens.length);
  for (const span of spans) covered.fill(1, span.firstToken, span.lastToken + 1);
  const added: TaggedSpan[] = [];
  tokens.forEach((token, t) => {
    if (covered[t] || token.type !== 'word' || !CAPITALISED.test(token.text) || doc.sentences[token.sentence]!.firstToken === t) return;
    const type = KNOWN_WORD_TYPES[gazetteer.names.get(token.text)?.type as EntityType];
    // not inside a capitalised run the tagger left alone ("Bank of America" half read)
    if (!type || CAPITALISED.test(tokens[t - 1]?.text ?? '') || CAPITALISED.test(tokens[t + 1]?.text ?? '')) return;
    added.push({ firstToken: t, lastToken: t, type });
  });
  return added.length ? [...spans, ...added].sort((a, b) => a.firstToken - b.firstToken) : spans;
}

export function findNameMentions(doc: Doc, gazetteer: Gazetteer, tagger: NerTagger): NameMention[] {
  const { tokens, text } = doc;
  const mentions: NameMention[] = [];
  const taken = new Uint8Array(tokens.length);
  const known = gazetteerTags(doc, gazetteer);
  const tagged = joinApostropheNames(doc, joinHyphens(doc, stripTitles(doc, gazetteer, spansOf(tagger.tag(doc, known)))));
  // A name is never inside a date ("Christmas takings", "New Year's Eve": holidays are dates).
  const inTime = timeTokens(doc);
  for (const span of knownWordNames(doc, gazetteer, spreadNames(doc, preferKnownNames(known, tagged)))) {
    if (inTime.subarray(span.firstToken, span.lastToken + 1).every((d) => d === IN_DATE)) continue;
    // An abbreviated title alone ("Rev" of "the Rev. Peter Wherry", "Dr") is no name.
    if (span.firstToken === span.lastToken && gazetteer.lexicon.titles.has(`${tokens[span.firstToken]!.text.replace(/\.$/, '')}.`)) continue;
    // "3G", "4G": wink splits the number from its letter, which is no name.
    const before = tokens[span.firstToken - 1];
    if (before?.type === 'number' && before.end === tokens[span.firstToken]!.start) continue;
    // "Verizon 'seals takeover of MCI'" over "Verizon has won": a name ends with its sentence.
    const sentenceEnd = doc.sentences[tokens[span.firstToken]!.sentence]!.lastToken;
    if (span.lastToken > sentenceEnd) {
      span.lastToken = sentenceEnd;
      while (span.lastToken > span.firstToken && tokens[span.lastToken]!.type === 'punctuation') span.lastToken -= 1;
    }
    // "Comedy Fat Albert - co-written by ...": a dash between spaces ends a name.
    for (let t = span.firstToken + 1; t <= span.lastToken; t += 1) {
      if (DASHES.has(tokens[t]!.text) && tokens[t]!.spaceBefore && tokens[t + 1]?.spaceBefore) { span.lastToken = t - 1; break; }
    }
    // "The University of Michigan", "August National Association ...": the article or a month
    // before an organisation's name is not part of it.
    if (span.lastToken > span.firstToken && span.type === 'ORG' && (tokens[span.firstToken]!.lower === 'the' || isMonth(tokens[span.firstToken]!.text))) span.firstToken += 1;
    const start = tokens[span.firstToken]!.start;
    let end = tokens[span.lastToken]!.end;
    const surface = text.slice(start, end);
    // "... Lear Corp." ending a sentence: that full stop closes the sentence. (A possessive wink
    // leaves on a word stays: it is more often a brand's own, "McDonald's", "Boatmen's".)
    if (tokens[span.lastToken]!.text.endsWith('.') && span.lastToken === doc.sentences[tokens[span.lastToken]!.sentence]!.lastToken && end - start > 2) end -= 1;
    // Looked up as written ("U.S."), else as the trimmed name.
    const entry = gazetteer.names.get(surface) ?? gazetteer.names.get(text.slice(start, end));
    const words: string[] = [];
    for (let t = span.firstToken; t <= span.lastToken; t += 1) {
      words.push(tokens[t]!.text);
      taken[t] = 1;
    }
    mentions.push({
      start, end, firstToken: span.firstToken, lastToken: span.lastToken, kind: 'name',
      type: fineType(span.type, words, entry, gazetteer), canonical: entry?.canonical ?? null,
    });
  }
  if (gazetteer.hasUserEntries) mentions.push(...findUserNames(doc, gazetteer, taken));
  return mentions.sort((a, b) => a.start - b.start);
}

/** The user's own names, wherever they occur in tokens the tagger left alone. */
function findUserNames(doc: Doc, gazetteer: Gazetteer, taken: Uint8Array): NameMention[] {
  const found: NameMention[] = [];
  const { tokens, text } = doc;
  for (const sentence of doc.sentences) {
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      if (taken[t]) continue;
      for (let end = Math.min(sentence.lastToken, t + MAX_USER_NAME_TOKENS - 1); end >= t; end -= 1) {
        const entry = gazetteer.names.get(text.slice(tokens[t]!.start, tokens[end]!.end));
        if (!entry?.canonical.startsWith('user:')) continue;
        let free = true;
        for (let k = t; k <= end; k += 1) free &&= !taken[k];
        if (!free) continue;
        found.push({ start: tokens[t]!.start, end: tokens[end]!.end, firstToken: t, lastToken: end, kind: 'name', type: entry.type, canonical: entry.canonical });
        t = end;
        break;
      }
    }
  }
  return found;
}
