// Features of the named-entity tagger, shared by training (scripts/train-ner.js) and tagging.
//
// Every feature belongs to one of three kinds, so that tagging can cache what it can:
// - form features: depend only on the word form and its offset (-2..2) from the token tagged;
//   the tagger sums them once per distinct form and offset and keeps the sum;
// - context features: POS tags, sentence and document facts about the token, joined in one key;
// - transition features: the previous tag, alone and with the token's shape (scored in Viterbi).
import type { Doc } from '../doc/doc.js';
import type { Gazetteer } from '../knowledge/gazetteer.js';
import { wordClusters } from '../knowledge/word-clusters.js';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export const OFFSETS = [-2, -1, 0, 1, 2] as const;

/** "Kerry" -> "Xxxxx" -> short "Xx"; "U.S." -> "X.X."; "1996-08-22" -> "d-d-d". */
export function shapeOf(word: string): string {
  let shape = '';
  let last = '';
  for (const ch of word) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (c !== last) shape += c;
    last = c;
  }
  return shape;
}

/** What the built-in knowledge says about one word: short codes, sorted, for features. */
export function knowledgeOf(word: string, gazetteer: Gazetteer): string[] {
  const { lexicon } = gazetteer;
  const codes: string[] = [];
  const entry = gazetteer.names.get(word);
  if (entry) codes.push(`gaz=${entry.type}`);
  if (lexicon.titles.has(word)) codes.push('title');
  if (lexicon.orgWords.has(word)) codes.push('orgword');
  if (lexicon.locWords.has(word)) codes.push('locword');
  if (lexicon.facWords.has(word)) codes.push('facword');
  if (lexicon.eventWords.has(word)) codes.push('eventword');
  if (gazetteer.personNames.has(word)) codes.push('personname');
  return codes;
}

/** What the form features of one word are made of, computed once for all its offsets. */
export interface FormFacts { word: string; lower: string; shape: string; knowledge: string[] }

/** A short word in capitals is an acronym ("US", "IS", "WHO"), not the lower-case word it spells. */
const ACRONYM = /^\p{Lu}{2,5}$/u;

export function formFacts(word: string, gazetteer: Gazetteer): FormFacts {
  const titleCase = word.length > 1 ? `${word[0]}${word.slice(1).toLowerCase()}` : word;
  const lower = word.toLowerCase();
  const knowledge = knowledgeOf(word === word.toUpperCase() ? titleCase : word, gazetteer);
  // What words the form is used like (its GloVe cluster), looked up in lower case.
  const cluster = ACRONYM.test(word) ? undefined : wordClusters().get(lower);
  if (cluster !== undefined) knowledge.push(`cl=${cluster}`);
  return { word, lower, shape: shapeOf(word), knowledge };
}

/** Form features of a word at an offset from the token tagged. */
export function formFeatures(word: string, offset: number, gazetteer: Gazetteer, facts: FormFacts = formFacts(word, gazetteer)): string[] {
  const { lower, shape } = facts;
  const p = `${offset}:`;
  const features = [`${p}w=${lower}`, `${p}s=${shape}`];
  for (const code of facts.knowledge) features.push(`${p}${code}`);
  if (offset === 0) {
    features.push(`0:W=${word}`);
    for (let n = 1; n <= 3 && n < word.length; n += 1) features.push(`0:pre${n}=${lower.slice(0, n)}`);
    for (let n = 1; n <= 4 && n < word.length; n += 1) features.push(`0:suf${n}=${lower.slice(-n)}`);
    if (word.length > 12) features.push('0:long');
    if (/-/.test(word)) features.push('0:hyphen');
  } else if (offset === -1 || offset === 1) {
    features.push(`${p}suf3=${lower.slice(-3)}`);
  }
  return features;
}

/**
 * Per-document facts. `evidence` holds, for each token, what the rest of the article says about a
 * title-case word: 0 not title-case, 1 nothing, 2 seen title-case mid-sentence (a name), 3 seen in
 * lower case (a common word), 4 both. An acronym ("US") is not the same word as "us".
 */
export interface DocFacts { shouting: Uint8Array; evidence: Uint8Array; rows: Uint8Array }

/**
 * What kind of line of a results table a sentence is, from its run of names and numbers:
 * 0 prose; 1 names each followed by a score ("Rotor 2 Lada Togliatti 1", "MILWAUKEE 5 Cincinnati 3":
 * teams); 2 one name and its numbers ("Jesper Parnevik 68 70 71", "Chicago 54 43 .557"); 3 another
 * short line with numbers. In sports pages the names of such lines are clubs and players.
 */
const MAX_ROW_TOKENS = 25;
const DIGIT_START = /^[\d.]/;

function rowKind(doc: Doc, sentence: { firstToken: number; lastToken: number }): number {
  if (sentence.lastToken - sentence.firstToken + 1 > MAX_ROW_TOKENS) return 0;
  let chunks = '';
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
    const token = doc.tokens[t]!;
    const chunk = token.type === 'number' || DIGIT_START.test(token.text) ? 'd' : CAPITAL.test(token.text) ? 'N' : token.type === 'word' ? 'x' : '';
    if (chunk && !chunks.endsWith(chunk)) chunks += chunk;
  }
  if (!chunks.includes('d')) return 0;
  if (/^(Nd){2,}$/.test(chunks)) return 1;
  if (chunks === 'Nd') return 2;
  return sentence.lastToken - sentence.firstToken < 12 ? 3 : 0;
}
const EVIDENCE = ['-', '', 'C', 'l', 'Cl'];
const TITLE_CASE = /^\p{Lu}\p{Ll}/u;
const CAPITAL = /^\p{Lu}/u;

const LOWER = /\p{Ll}/u;

/** An all-capitals headline: most of its words in capitals. */
function isShouting(doc: Doc, sentence: { firstToken: number; lastToken: number }): boolean {
  let words = 0;
  let capitals = 0;
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
    const token = doc.tokens[t]!;
    if (token.type !== 'word') continue;
    words += 1;
    if (CAPITAL.test(token.text) && !LOWER.test(token.text)) capitals += 1;
  }
  return words >= 2 && capitals / words > 0.6;
}

const shoutingCache = new WeakMap<Doc, Uint8Array>();

/** For each sentence of the Doc, 1 if it is an all-capitals headline; computed once per Doc. */
function shoutingOf(doc: Doc): Uint8Array {
  let shouting = shoutingCache.get(doc);
  if (!shouting) {
    shouting = Uint8Array.from(doc.sentences, (sentence) => (isShouting(doc, sentence) ? 1 : 0));
    shoutingCache.set(doc, shouting);
  }
  return shouting;
}

export function docFacts(doc: Doc): DocFacts {
  const capitalisedMidSentence = new Set<string>();
  const lowerCase = new Set<string>();
  const shouting = shoutingOf(doc);
  const titleCase = new Uint8Array(doc.tokens.length);
  doc.sentences.forEach((sentence, s) => {
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      const token = doc.tokens[t]!;
      if (token.type !== 'word') continue;
      const title = TITLE_CASE.test(token.text);
      if (title || (shouting[s] && CAPITAL.test(token.text))) titleCase[t] = 1;
      if (shouting[s] || t === sentence.firstToken) continue;
      if (title) capitalisedMidSentence.add(token.lower);
      else if (token.text === token.lower) lowerCase.add(token.lower);
    }
  });
  const rows = Uint8Array.from(doc.sentences, (sentence) => rowKind(doc, sentence));
  const evidence = new Uint8Array(doc.tokens.length);
  doc.tokens.forEach((token, t) => {
    if (!titleCase[t]) return;
    const named = capitalisedMidSentence.has(token.lower);
    const common = lowerCase.has(token.lower);
    evidence[t] = named ? (common ? 4 : 2) : common ? 3 : 1;
  });
  return { shouting, evidence, rows };
}

/** The parts of a token's context: everything that is neither its form nor the previous tag. */
export interface ContextFields { pos: string; prev: string; next: string; initial: number; shout: number; evidence: number; row: number; gazetteerTag: string }

export function contextFields(doc: Doc, t: number, facts: DocFacts, gazetteerTag: string): ContextFields {
  const token = doc.tokens[t]!;
  const sentence = doc.sentences[token.sentence]!;
  return {
    pos: token.pos,
    prev: t > sentence.firstToken ? doc.tokens[t - 1]!.pos : 'BOS',
    next: t < sentence.lastToken ? doc.tokens[t + 1]!.pos : 'EOS',
    initial: t === sentence.firstToken ? 1 : 0,
    shout: facts.shouting[token.sentence]!,
    evidence: facts.evidence[t]!,
    row: facts.rows[token.sentence]!,
    gazetteerTag,
  };
}

/** The context as one string key (training; the tagger keys its cache by numbers instead). */
export function contextKey(doc: Doc, t: number, facts: DocFacts, gazetteerTag: string): string {
  const f = contextFields(doc, t, facts, gazetteerTag);
  return `${f.pos}|${f.prev}|${f.next}|${f.initial}|${f.shout}|${EVIDENCE[f.evidence]}|${f.gazetteerTag}|${f.row}`;
}

/** Splits a context key into the features it stands for. */
export function contextFeatures(key: string): string[] {
  const [pos, prev, next, initial, shout, evidence, gazetteerTag, row] = key.split('|');
  const rowFeatures = row === '0' ? [] : [`row=${row}`, `row,pos=${row},${pos}`, `row,evidence=${row},${evidence}`, `row,pos+1=${row},${next}`];
  return [...rowFeatures,
    'bias', `pos=${pos}`, `pos-1=${prev}`, `pos+1=${next}`, `pos-1,0=${prev},${pos}`, `pos0,+1=${pos},${next}`,
    `initial=${initial},${pos}`, `shout=${shout},${pos}`, `evidence=${evidence}`, `evidence,initial=${evidence},${initial}`,
    `evidence,shout=${evidence},${shout}`, `gaz=${gazetteerTag}`,
  ];
}

/** Transition features: the previous tag, and the previous tag with the token's short shape. */
export function transitionFeatures(prevLabel: string, shape: string): string[] {
  return [`t-1=${prevLabel}`, `t-1,s=${prevLabel},${shape}`];
}

/**
 * Multi-word gazetteer matches as BIO tags per token ("New York" -> B-GPE I-GPE), longest first.
 * Single words are already form features; this adds what only a span shows.
 */
const startsOfNames = new WeakMap<Gazetteer, Set<string>>();

/** The words a gazetteer name can start with, as wink may tokenize them: up to a space, a hyphen or an apostrophe. */
function nameStarts(gazetteer: Gazetteer): Set<string> {
  let starts = startsOfNames.get(gazetteer);
  if (!starts) {
    starts = new Set();
    for (const name of gazetteer.names.keys()) {
      starts.add(name.split(' ')[0]!);
      starts.add(name.split(/[\s-]/)[0]!);
      starts.add(name.split(/[\s\-’']/)[0]!);
    }
    startsOfNames.set(gazetteer, starts);
  }
  return starts;
}

export function gazetteerTags(doc: Doc, gazetteer: Gazetteer): string[] {
  const tags = new Array<string>(doc.tokens.length).fill('O');
  const starts = nameStarts(gazetteer);
  const shouting = shoutingOf(doc);
  for (const [s, sentence] of doc.sentences.entries()) {
    // An all-capitals headline ("SOUTH AFRICA WIN") is read in title case.
    const shout = shouting[s] === 1;
    const form = (s: string) => (shout ? s.replace(/\p{L}+/gu, (w) => w[0] + w.slice(1).toLowerCase()) : s);
    for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
      if (!starts.has(form(doc.tokens[t]!.text))) continue;
      for (let end = Math.min(sentence.lastToken, t + 5); end > t; end -= 1) {
        const entry = gazetteer.names.get(form(doc.text.slice(doc.tokens[t]!.start, doc.tokens[end]!.end)));
        if (!entry) continue;
        tags[t] = `B-${entry.type}`;
        for (let k = t + 1; k <= end; k += 1) tags[k] = `I-${entry.type}`;
        t = end;
        break;
      }
    }
  }
  return tags;
}
