// Finds proper-name mentions and types them: capitalised runs over wink's tokens and POS, split at
// titles ("US Secretary of State John Kerry" -> "US" + "John Kerry"), typed by the gazetteer first,
// then by the words they contain. A first version: the trained tagger of issue #4 replaces the typing.
import type { Doc, EntityType, NameMention, Token } from '../doc/doc.js';
import type { Gazetteer } from '../knowledge/gazetteer.js';

const UPPER_START = /^\p{Lu}/u;
const ACRONYM = /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}s?$/u;
const HAS_LETTER = /\p{L}/u;
/** The longest name we look up in the gazetteer, in tokens. */
const MAX_GAZETTEER_TOKENS = 6;

function isCapitalised(token: Token): boolean {
  return token.type === 'word' && UPPER_START.test(token.text) && HAS_LETTER.test(token.text);
}

/** A run of tokens that may hold names, split into typed mentions by splitRun. */
interface Run { firstToken: number; lastToken: number }

export function findNameMentions(doc: Doc, gazetteer: Gazetteer): NameMention[] {
  const { tokens } = doc;
  const { lexicon } = gazetteer;
  const mentions: NameMention[] = [];
  const joined = (a: number, b: number) => !tokens[b]!.spaceBefore && tokens[b]!.start === tokens[a]!.end;

  for (const sentence of doc.sentences) {
    // In an all-capitals headline every word is capitalised: there only PROPN counts.
    let capitals = 0;
    let words = 0;
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      if (tokens[t]!.type !== 'word') continue;
      words += 1;
      if (tokens[t]!.text === tokens[t]!.text.toUpperCase()) capitals += 1;
    }
    const shouting = words >= 3 && capitals / words > 0.6;

    const isNameWord = (t: number): boolean => {
      const token = tokens[t]!;
      if (!isCapitalised(token)) return false;
      if (lexicon.notNames.has(token.text)) return false;
      if (t === sentence.firstToken && token.pos !== 'PROPN' && !gazetteer.names.has(token.text)) return false;
      if (shouting && token.pos !== 'PROPN') return false;
      return token.text !== 'I';
    };

    let t = sentence.firstToken;
    while (t <= sentence.lastToken) {
      // "al-Qaeda": a lower-case particle joined by a hyphen to a capitalised word starts a name.
      const particleStart = t + 2 <= sentence.lastToken && tokens[t]!.type === 'word' && tokens[t + 1]!.text === '-'
        && joined(t, t + 1) && joined(t + 1, t + 2) && isNameWord(t + 2) && lexicon.connectors.has(tokens[t]!.lower);
      if (!isNameWord(t) && !particleStart) { t += 1; continue; }
      let last = particleStart ? t + 2 : t;
      for (;;) {
        const next = last + 1;
        if (next > sentence.lastToken) break;
        if (isNameWord(next) && tokens[next]!.spaceBefore) { last = next; continue; }
        // Hyphenated ("Ki-moon") and apostrophe-joined ("Dunkin’ Donuts") names.
        const sep = tokens[next]!.text;
        if ((sep === '-' || sep === '’' || sep === "'") && next + 1 <= sentence.lastToken) {
          const after = tokens[next + 1]!;
          if (sep === '-' && joined(last, next) && joined(next, next + 1) && after.type === 'word') { last = next + 1; continue; }
          if (sep !== '-' && joined(last, next) && !joined(next, next + 1) && isNameWord(next + 1)) { last = next + 1; continue; }
        }
        if (lexicon.connectors.has(tokens[next]!.lower) && next + 1 <= sentence.lastToken && isNameWord(next + 1)) {
          last = next + 1;
          continue;
        }
        break;
      }
      splitRun({ firstToken: t, lastToken: last }, doc, gazetteer, mentions);
      t = last + 1;
    }
  }
  return mentions;
}

function splitRun(run: Run, doc: Doc, gazetteer: Gazetteer, out: NameMention[]): void {
  const { tokens } = doc;
  const { lexicon } = gazetteer;
  let segmentStart = -1;
  let afterTitle = false;
  const surface = (a: number, b: number) => doc.text.slice(tokens[a]!.start, tokens[b]!.end);
  const flush = (end: number) => {
    if (segmentStart < 0) return;
    let a = segmentStart;
    let b = end;
    while (a <= b && lexicon.connectors.has(tokens[a]!.lower) && !tokens[a + 1]?.text.startsWith('-')) a += 1;
    while (b >= a && (lexicon.connectors.has(tokens[b]!.lower) || !HAS_LETTER.test(tokens[b]!.text))) b -= 1;
    if (a <= b) out.push(typeMention(a, b, doc, gazetteer, afterTitle));
    segmentStart = -1;
    afterTitle = false;
  };
  let t = run.firstToken;
  while (t <= run.lastToken) {
    // Longest gazetteer match starting here.
    let matched = -1;
    for (let b = Math.min(run.lastToken, t + MAX_GAZETTEER_TOKENS - 1); b >= t; b -= 1) {
      if (gazetteer.names.has(surface(t, b))) { matched = b; break; }
    }
    if (matched >= 0 && segmentStart < 0) {
      const entry = gazetteer.names.get(surface(t, matched))!;
      out.push(mention(t, matched, doc, entry.type, entry.canonical));
      t = matched + 1;
      continue;
    }
    const isTitle = lexicon.titles.has(tokens[t]!.text) && t < run.lastToken;
    if (isTitle && (segmentStart < 0 || lexicon.titles.has(tokens[t - 1]!.text))) {
      flush(t - 1);
      afterTitle = true;
      t += 1;
      continue;
    }
    if (segmentStart < 0) {
      if (lexicon.connectors.has(tokens[t]!.lower) && afterTitle) { t += 1; continue; } // "Secretary of State"
      segmentStart = t;
    }
    t += 1;
  }
  flush(run.lastToken);
}

function mention(a: number, b: number, doc: Doc, type: EntityType, canonical: string | null): NameMention {
  return { start: doc.tokens[a]!.start, end: doc.tokens[b]!.end, firstToken: a, lastToken: b, type, kind: 'name', canonical };
}

function typeMention(a: number, b: number, doc: Doc, gazetteer: Gazetteer, afterTitle: boolean): NameMention {
  const { tokens } = doc;
  const { lexicon } = gazetteer;
  const words: string[] = [];
  for (let t = a; t <= b; t += 1) words.push(tokens[t]!.text);
  const text = doc.text.slice(tokens[a]!.start, tokens[b]!.end);
  const known = gazetteer.names.get(text);
  if (known) return mention(a, b, doc, known.type, known.canonical);
  const lastWord = words[words.length - 1]!;
  let type: EntityType;
  if (afterTitle) type = 'PERSON';
  else if (words.some((w) => lexicon.orgWords.has(w))) type = 'ORG';
  else if (lexicon.facWords.has(lastWord)) type = 'FAC';
  else if (lexicon.eventWords.has(lastWord)) type = 'EVENT';
  else if (lexicon.lawWords.has(lastWord)) type = 'LAW';
  else if (words.some((w) => lexicon.locWords.has(w))) type = 'LOC';
  else if (words.length === 1 && ACRONYM.test(lastWord)) type = 'ORG';
  else if (words.some((w) => gazetteer.names.get(w)?.type === 'GPE') && words.length > 1) type = 'ORG';
  else if (words.length >= 2 && words.length <= 4) type = 'PERSON';
  else if (words.length === 1 && followedBySpeech(b, doc)) type = 'PERSON';
  else return { ...mention(a, b, doc, 'ORG', null), guessed: true };
  return mention(a, b, doc, type, null);
}

const SPEECH = new Set(['said', 'says', 'told', 'added', 'argued', 'insisted', 'warned', 'claimed', 'denied']);

function followedBySpeech(b: number, doc: Doc): boolean {
  const next = doc.tokens[b + 1];
  return next !== undefined && SPEECH.has(next.lower);
}
