// Quotes and their speakers. Direct quotes: quotation marks paired within a paragraph (a quote may
// run on into the next paragraph when that one opens with a mark, the news convention; a transcript
// gives one quote a turn); the speaker comes from the nearest reporting verb: "..., Kerry said",
// "said Kerry", "Kerry said: ...", "he said" (through the pronoun stage), "a senior official said".
// Partial quotes: quoted words inside the writer's own reported clause. Indirect quotes: reported
// speech without marks, its cue read by the trained model of src/quotes/attribution-model.ts.
import type { Doc, EntityCluster, NameMention, QuoteAnnotation, Span } from '../doc/doc.js';
import { inflect } from '../knowledge/inflect.js';
import { timeTokens } from '../doc/numeric-entities.js';
import { tokenAt } from '../doc/spans.js';
import { ScoreSink } from '../ml/feature-sink.js';
import { CUE_PAIR_TEMPLATES, emitCueFeatures, isCandidate, likelyCueWords, shippedAttributionModel } from '../quotes/attribution-model.js';

/**
 * A word is read as a cue of reported speech when the model gives it at least this probability:
 * chosen on held-out folds of PolNeAR train (`npm run train:quotes -- --folds 3`: cue F1 68.0 at
 * 0.5, 69.5 at 0.35, 69.4 at 0.4, 68.0 at 0.25).
 */
const MIN_CUE_PROBABILITY = 0.35;
/** Without a speaker found, the model must be surer still ("The show was billed as ..." is not speech). */
const SURE_WITHOUT_SPEAKER = 0.8;
const AFTER = 1;
const BEFORE = 2;
/** A reported clause does not start with these: "said nothing about the plan". */
const NO_CONTENT = new Set(['nothing', 'little', 'much', 'more', 'so', 'too', 'very']);

/** Inflected reporting verbs, from src/lexicons/reporting-verbs.json. */
export interface ReportingLexicon { forms: Set<string>; objectNotSpeaker: Set<string>; invertible: Set<string>; speakerRoles: Set<string> }

/** Inflected forms of the reporting verbs (says, said, saying, ...), built once from the lemma list. */
export function buildReportingLexicon(json: { verbs: string[]; objectNotSpeaker: string[]; invertible: string[]; speakerRoles?: string[] }): ReportingLexicon {
  return {
    forms: new Set(json.verbs.flatMap(inflect)), objectNotSpeaker: new Set(json.objectNotSpeaker.flatMap(inflect)),
    invertible: new Set(json.invertible.flatMap(inflect)), speakerRoles: new Set(json.speakerRoles ?? []),
  };
}

/** A transcript's speaker label: "PENCE: ", "MR. TRUMP: ". */
const SPEAKER_LABEL = /^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}: /;
const DOUBLE_OPEN = new Set(['“', '„', '«', '"']);
const CLOSER_OF: Record<string, string[]> = { '“': ['”', '"'], '„': ['“', '”'], '«': ['»'], '"': ['"', '”'], '‘': ['’', "'"], "'": ["'", '’'], '‹': ['›'] };
const MARKS = /["“”„«»‘’'‹›]/g;
const LETTER = /\p{L}/u;
const WORDISH = /[\p{L}\p{N}]/u;
/** Quotes shorter than this many words are scare quotes or fragments until issue #5 reads them. */
const MIN_WORDS = 4;

/** Finds the spans inside paired quotation marks, outermost only. */
function findQuotedSpans(doc: Doc): Span[] {
  const spans: Span[] = [];
  const { text } = doc;
  let open: { mark: string; at: number } | null = null;
  let transcript = false;
  for (let p = 0; p < doc.paragraphs.length; p += 1) {
    const paragraph = doc.paragraphs[p]!;
    // A quotation running on from the previous paragraph: skip this paragraph's reopening mark.
    const from: number = open ? paragraph.start + 1 : paragraph.start;
    // Jump from mark to mark: most characters are not quotation marks.
    MARKS.lastIndex = from;
    for (let found = MARKS.exec(text); found && found.index < paragraph.end; found = MARKS.exec(text)) {
      const i: number = found.index;
      const ch: string = found[0];
      const before = i > 0 ? text[i - 1]! : ' ';
      const after = i + 1 < text.length ? text[i + 1]! : ' ';
      if (open) {
        // A double mark with a space before it and a word after it opens a quotation: the one still
        // open lost its closing mark (BBC: `said: "... a Muslim. He added: "The authorities ...`),
        // and ends with its last full sentence before this mark.
        if (DOUBLE_OPEN.has(open.mark) && (ch === '"' || ch === '“') && before.trim() === '' && WORDISH.test(after)) {
          const lastStop = lastSentenceEnd(text, open.at + 1, i);
          if (lastStop > open.at + 1) spans.push({ start: open.at + 1, end: lastStop });
          open = { mark: ch, at: i };
          continue;
        }
        if (!CLOSER_OF[open.mark]!.includes(ch)) continue;
        // A closing single mark before a letter is an apostrophe (Russia’s, won’t).
        if ((ch === '’' || ch === "'") && LETTER.test(after)) continue;
        spans.push({ start: open.at + 1, end: i });
        open = null;
        continue;
      }
      if (DOUBLE_OPEN.has(ch) || ch === '‹') {
        // A straight mark opens only after a space or an opening bracket or dash.
        if (ch === '"' && !(before.trim() === '' || /[(\[{—–-]/.test(before))) continue;
        open = { mark: ch, at: i };
      } else if ((ch === '‘' || ch === "'") && !WORDISH.test(before) && LETTER.test(after)) {
        open = { mark: ch, at: i };
      }
    }
    if (open) {
      // A transcript ("PENCE: Well, ...") opens each turn with a mark it never closes: one quote a paragraph.
      if (open.at === paragraph.start && SPEAKER_LABEL.test(text.slice(open.at + 1, open.at + 40))) transcript = true;
      const next = doc.paragraphs[p + 1];
      const runsOn = next !== undefined && DOUBLE_OPEN.has(open.mark) && DOUBLE_OPEN.has(text[next.start]!);
      if (transcript && open.at === paragraph.start) {
        spans.push({ start: open.at + 1, end: paragraph.end });
        open = null;
      } else if (!runsOn) open = null; // a stray mark: drop it and keep the other quotes
    }
  }
  return spans.map(trim(text)).filter((s) => s.end > s.start);
}

/** Quotation marks and spaces at the end of a stretch of text ("said “" -> "said"). */
const TRAILING_MARKS = /[\s"“”„«‘'‹]+$/u;
const ONLY_MARKS = /^[\s"“”„«‘'‹]+$/u;

interface SentencePrefixes {
  /** For each token, the last token at or before it that is not only quotation marks (-1 if none). */
  lastUnmarked: Int32Array;
  /** For each token, how many tokens up to and including it hold a letter or a digit. */
  wordsThrough: Int32Array;
}
const prefixIndexes = new WeakMap<Doc, SentencePrefixes>();

/** The per-Doc index that readEmbedded reads the text before a quotation through. */
function sentencePrefixes(doc: Doc): SentencePrefixes {
  let index = prefixIndexes.get(doc);
  if (!index) {
    const n = doc.tokens.length;
    const lastUnmarked = new Int32Array(n);
    const wordsThrough = new Int32Array(n);
    for (let t = 0; t < n; t += 1) {
      const text = doc.tokens[t]!.text;
      lastUnmarked[t] = ONLY_MARKS.test(text) ? (t ? lastUnmarked[t - 1]! : -1) : t;
      wordsThrough[t] = (t ? wordsThrough[t - 1]! : 0) + (WORDISH.test(text) ? 1 : 0);
    }
    prefixIndexes.set(doc, (index = { lastUnmarked, wordsThrough }));
  }
  return index;
}

const quotedMasks = new WeakMap<Doc, { spans: Span[]; tokens: Uint8Array }>();

/**
 * The quoted spans of a Doc and a mask of the tokens inside them, made once per Doc for the
 * stages that need them (pronouns: a name inside quotes is spoken of; quotes: no attribution is
 * looked for inside another quotation).
 */
export function quotedTokens(doc: Doc): { spans: Span[]; tokens: Uint8Array } {
  let quoted = quotedMasks.get(doc);
  if (!quoted) {
    const spans = findQuotedSpans(doc);
    const tokens = new Uint8Array(doc.tokens.length);
    for (const span of spans) tokens.fill(1, tokenAt(doc, span.start), tokenAt(doc, span.end - 1) + 1);
    quotedMasks.set(doc, (quoted = { spans, tokens }));
  }
  return quoted;
}

/** The end (after its . ! or ?) of the last full sentence in text[from, to), or `from` if none. */
function lastSentenceEnd(text: string, from: number, to: number): number {
  for (let k = to - 1; k > from; k -= 1) {
    if (/[.!?]/.test(text[k - 1]!) && /\s/.test(text[k]!)) return k;
  }
  return from;
}

const trim = (text: string) => (s: Span): Span => {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return { start, end };
};

/** Entity types that can speak: not dates, amounts or numbers ("said Monday" is not Monday speaking). */
const SPEAKING_TYPES = new Set(['PERSON', 'ORG', 'NORP', 'GPE', 'FAC', 'PRODUCT', 'WORK_OF_ART', 'EVENT', 'LAW', 'LOC']);
/** How far from a quote its cue may be, in tokens. */
const AFTER_WINDOW = 25;
const SENTENCE_END_MARKS = new Set(['.', '!', '?']);
/** Tokens of the longest attribution sentence after a quotation that closed its own sentence. */
const SHORT_ATTRIBUTION = 14;
const BEFORE_WINDOW = 15;
const DASHES = new Set(['―', '—', '–', '-']);
const QUOTE_MARKS = new Set(['“', '”', '"', '‘', '’', '«', '»', '„', "''", '``']);

/** `titles` are the gazetteer's (names.json): "Rev." of "said the Rev. Peter Wherry" ends no sentence. */
export function findQuotes(doc: Doc, entities: EntityCluster[], lexicon: ReportingLexicon, titles: ReadonlySet<string>): QuoteAnnotation[] {
  const entityAtToken = new Map<number, { entity: number; span: Span }>();
  entities.forEach((e, i) => {
    if (!SPEAKING_TYPES.has(e.type)) return;
    for (const m of e.mentions) {
      for (let t = m.firstToken; t <= m.lastToken; t += 1) {
        // A name inside a nominal ("the Syrian president") stays its own entity's.
        if (m.kind === 'nominal' && entityAtToken.has(t)) continue;
        entityAtToken.set(t, { entity: i, span: { start: m.start, end: m.end } });
      }
    }
  });
  const quotes: QuoteAnnotation[] = [];
  let previous: { paragraph: number; attribution: Attribution } | null = null;
  // Tokens inside quotation marks: no attribution is looked for there (a quotation that lost its
  // closing mark must not lend the next one a verb of its own words).
  const { spans, tokens: quoted } = quotedTokens(doc);
  for (const span of spans) {
    const firstToken = tokenAt(doc, span.start);
    const lastToken = tokenAt(doc, span.end - 1);
    const sentence = doc.tokens[firstToken]!.sentence;
    const paragraph = doc.sentences[sentence]!.paragraph;
    // A fragment inside a partial quote found already: one more of its fragments.
    const container = quotes[quotes.length - 1];
    if (container?.kind === 'partial' && span.start >= container.start && span.end <= container.end) {
      container.fragments!.push(span);
      continue;
    }
    const embedded = readEmbedded(doc, span, firstToken, lastToken, lexicon);
    if (embedded === 'scare') continue;
    if (embedded) {
      const speaker = findSpeaker(doc, embedded.cueToken, embedded.speakerBounds, entityAtToken, lexicon);
      quotes.push({ ...embedded.content, kind: 'partial', sentence, cue: tokenSpan(doc, embedded.cueToken), speaker, fragments: [span] });
      continue;
    }
    const label = SPEAKER_LABEL.exec(doc.text.slice(span.start, span.start + 40));
    if (label) {
      // "PENCE: Well, ...": the label names the speaker; the quote is what follows it.
      const name = { start: span.start, end: span.start + label[0].length - 2 };
      const entity = entityAtToken.get(firstToken)?.entity ?? null;
      const attribution: Attribution = { cue: { start: name.end, end: name.end + 1 }, speaker: { span: name, entity } };
      previous = { paragraph, attribution };
      quotes.push({ start: span.start + label[0].length, end: span.end, kind: 'direct', sentence, cue: attribution.cue, speaker: attribution.speaker });
      continue;
    }
    const words = doc.text.slice(span.start, span.end).split(/\s+/).filter((w) => WORDISH.test(w)).length;
    if (words < MIN_WORDS) continue;
    const found = findAttribution(doc, firstToken, lastToken, entityAtToken, lexicon, quoted, titles);
    // A cue with no speaker found for it ("said the report." before the quote) leaves the speaker to
    // the rules below, and keeps its cue if they find none.
    let attribution = found?.speaker ? found : null;
    // “A,” she said, clapping. “B.” The next quotation of the paragraph, or of the next one, is hers too.
    // But a person named earlier in this paragraph, before the quote, is its speaker rather than the
    // previous quote's ("Ms Robinson ... tells Cockerell that she despaired ... “I used to ...”").
    // A quotation right after the previous one, nothing written between, goes on with its speaker.
    const last = quotes[quotes.length - 1];
    if (!attribution && previous && last && !WORDISH.test(doc.text.slice(last.end, span.start))) attribution = previous.attribution;
    if (!attribution) attribution = namedBefore(doc, firstToken, entityAtToken, entities, quoted);
    if (!attribution && previous && paragraph - previous.paragraph <= 1) attribution = previous.attribution;
    attribution ??= found;
    // A speaker found by the rules above, with the cue found before ("..., told the programme: “...”").
    if (attribution && !attribution.cue && found?.cue) attribution = { ...attribution, cue: found.cue };
    if (attribution?.speaker) previous = { paragraph, attribution };
    quotes.push({ ...span, kind: 'direct', sentence, cue: attribution?.cue ?? null, speaker: attribution?.speaker ?? null });
  }
  // Tokens already inside a quote (or its cue) are not read again for reported speech.
  const covered = new Uint8Array(doc.tokens.length);
  for (const q of quotes) {
    for (let t = tokenAt(doc, q.start); t <= tokenAt(doc, q.end - 1); t += 1) covered[t] = 1;
    if (q.cue) covered[tokenAt(doc, q.cue.start)] = 1;
  }
  const reader: CueReader = { words: likelyCueWords(shippedAttributionModel()), scorer: new ScoreSink(shippedAttributionModel(), CUE_PAIR_TEMPLATES) };
  const indirect = doc.sentences.flatMap((_, s) => findIndirect(doc, s, entityAtToken, lexicon, reader, covered)
    .filter((q) => !covered[tokenAt(doc, q.start)] && !covered[tokenAt(doc, q.end - 1)]));
  const all = [...quotes, ...indirect].sort((a, b) => a.start - b.start);
  // People by their titles, read only when a nominal speaker needs them.
  let titled: Map<string, Set<number>> | null = null;
  for (const q of all) {
    if (!q.speaker || q.speaker.entity !== null) continue;
    q.speaker.entity = subjectOrganisation(doc, q.speaker.span, entities, all) ?? personByTitle(doc, q.speaker.span, (titled ??= titledPeople(doc, entities)));
  }
  return all;
}

/** A comma followed by one of these ends a reported clause (", while the USA ...", ", which ..."). */
const CLAUSE_BREAKERS = new Set(['while', 'although', 'though', 'but', 'whereas', 'which', 'who', 'as', 'because', 'and', 'however', 'since', 'after', 'before', 'when']);

/**
 * Reported speech without quotation marks, one sentence at a time: "X said (that) CLAUSE",
 * "X told reporters CLAUSE", "CLAUSE, X said.", "according to X, CLAUSE", "..., saying CLAUSE".
 * A reported clause is kept only with a speaker before its cue, so "the plan said to ..." is not one.
 */
/** The cue model's scorer and the words worth scoring, made once per article. */
interface CueReader { words: Set<string>; scorer: ScoreSink }

function findIndirect(
  doc: Doc, s: number, entityAtToken: Map<number, { entity: number; span: Span }>, lexicon: ReportingLexicon, reader: CueReader, covered: Uint8Array,
): QuoteAnnotation[] {
  const { tokens } = doc;
  const sentence = doc.sentences[s]!;
  const found: QuoteAnnotation[] = [];
  const clauseEnd = (from: number): number => {
    for (let t = from + 1; t <= sentence.lastToken; t += 1) {
      if (tokens[t]!.text === ';') return t - 1;
      if (tokens[t]!.text === ',' && CLAUSE_BREAKERS.has(tokens[t + 1]?.lower ?? '')) return t - 1;
    }
    return sentence.lastToken;
  };
  // "According to X, CLAUSE." and "CLAUSE, according to X."
  for (let t = sentence.firstToken; t < sentence.lastToken; t += 1) {
    if (covered[t] || tokens[t]!.lower !== 'according' || tokens[t + 1]!.lower !== 'to') continue;
    // The source follows "to": the first entity before the next comma, else the words themselves.
    let sourceEnd = t + 2;
    while (sourceEnd < sentence.lastToken && tokens[sourceEnd + 1]!.type !== 'punctuation') sourceEnd += 1;
    let speaker: { span: Span; entity: number | null } | null = null;
    for (let k = t + 2; k <= sourceEnd && !speaker; k += 1) {
      const source = entityAtToken.get(k);
      if (source) speaker = { span: source.span, entity: source.entity };
    }
    if (!speaker && sourceEnd >= t + 2) speaker = { span: { start: tokens[t + 2]!.start, end: tokens[sourceEnd]!.end }, entity: null };
    const cue = { start: tokens[t]!.start, end: tokens[t + 1]!.end };
    if (t === sentence.firstToken) {
      let comma = t + 2;
      while (comma < sentence.lastToken && tokens[comma]!.text !== ',') comma += 1;
      if (comma >= sentence.lastToken) return found;
      const end = clauseEnd(comma);
      found.push({ start: tokens[comma + 1]!.start, end: tokens[end]!.end, kind: 'indirect', sentence: s, cue, speaker });
    } else if (tokens[t - 1]!.text === ',' && t - 1 > sentence.firstToken) {
      found.push({ start: sentence.start, end: tokens[t - 2]!.end, kind: 'indirect', sentence: s, cue, speaker });
    }
    return found;
  }
  // Other cues: the trained model says whether a word reports speech and on which side the content
  // is. Readings may overlap ("rejected the outcome ..., saying it had no right ..."): the most
  // probable ones are kept.
  const { words: cueWords, scorer } = reader;
  const readings: (QuoteAnnotation & { p: number; cueToken: number })[] = [];
  const inTime = timeTokens(doc);
  for (let c = sentence.firstToken; c < sentence.lastToken; c += 1) {
    if (covered[c] || !isCandidate(doc, c, lexicon, cueWords)) continue;
    // "the hotel known as “The Old Lodge”": a name given, not something said.
    if (tokens[c + 1]?.lower === 'as' && (tokens[c - 1]?.pos === 'NOUN' || tokens[c - 1]?.pos === 'PROPN')) continue;
    emitCueFeatures(doc, c, lexicon, scorer.reset());
    const p = scorer.probabilities();
    const side = p[AFTER]! >= p[BEFORE]! ? AFTER : BEFORE;
    if (p[side]! < MIN_CUE_PROBABILITY) continue;
    const cueToken = tokens[c]!;
    if (side === BEFORE) {
      // "CLAUSE, X said.": the content runs from the sentence start to the comma before the speaker.
      let comma = c - 1;
      while (comma > sentence.firstToken && c - comma <= 6 && tokens[comma]!.text !== ',') comma -= 1;
      if (tokens[comma]!.text !== ',' || comma < sentence.firstToken + 2) continue;
      const speaker = findSpeaker(doc, c, { from: comma + 1, to: sentence.lastToken }, entityAtToken, lexicon);
      if (!speaker && p[side]! < SURE_WITHOUT_SPEAKER) continue;
      readings.push({ start: sentence.start, end: tokens[comma - 1]!.end, kind: 'indirect', sentence: s, cue: tokenSpan(doc, c), speaker, p: p[side]!, cueToken: c });
      continue;
    }
    // "X said (that) CLAUSE", "X told reporters CLAUSE", "..., saying CLAUSE", "X wants to ...".
    let from = c + 1;
    if (lexicon.objectNotSpeaker.has(cueToken.lower)) {
      while (from < sentence.lastToken && from - c <= 3 && tokens[from]!.lower !== 'that' && (tokens[from]!.pos === 'PROPN' || tokens[from]!.pos === 'NOUN' || tokens[from]!.pos === 'PRON' || tokens[from]!.pos === 'DET')) from += 1;
    }
    if (tokens[from]?.text === ',' || tokens[from]?.text === ':') from += 1;
    // "accuses X of bombing ...": the content is the gerund's clause, after the preposition.
    if (tokens[from]?.pos === 'ADP' && tokens[from]!.lower !== 'that' && (tokens[from + 1]?.pos === 'VERB' || tokens[from + 1]?.lower.endsWith('ing')) && from + 1 < sentence.lastToken) from += 1;
    // "tweeted in the early morning hours that ...": the content starts at "that".
    for (let k = from; k <= sentence.lastToken && k - c <= 6 && tokens[k]!.type !== 'punctuation' && tokens[k]!.pos !== 'VERB'; k += 1) {
      if (tokens[k]!.lower === 'that') { from = k; break; }
    }
    if (from >= sentence.lastToken || NO_CONTENT.has(tokens[from]!.lower)) continue;
    // "said Friday afternoon": the time of the saying, not what was said (that is elsewhere, in a
    // quotation before). (Skipping contents that open with a preposition too, "said in an
    // interview", cost PolNeAR more than it gained: "called for ...", "warned of ...".)
    if (inTime[from]) continue;
    const speaker = isParticipleCue(doc, c) ? findParticipleSubject(doc, c, sentence.firstToken, entityAtToken) : findSpeaker(doc, c, { from: sentence.firstToken, to: c - 1 }, entityAtToken, lexicon);
    // Nobody speaking is no reported speech ("The show was billed as ..."); nor is a purpose ("flew to Moscow to urge him ...").
    if ((!speaker && p[side]! < SURE_WITHOUT_SPEAKER) || inPurposeClause(doc, c, sentence.firstToken)) continue;
    const end = clauseEnd(from);
    readings.push({ start: tokens[from]!.start, end: tokens[end]!.end, kind: 'indirect', sentence: s, cue: tokenSpan(doc, c), speaker, p: p[side]!, cueToken: c });
  }
  readings.sort((x, y) => y.p - x.p);
  for (const reading of readings) {
    // Neither reading may hold the other's cue.
    const clash = found.some((q) => reading.start < q.end && q.start < reading.end)
      || found.some((q) => q.cue && reading.cue && q.cue.start >= reading.start && q.cue.end <= reading.end);
    if (clash) continue;
    const { p: _p, cueToken: _cue, ...quote } = reading;
    found.push(quote);
  }
  found.sort((x, y) => x.start - y.start);
  return found;
}

/**
 * "the Kremlin rejected the outcome ..., saying ...": the speaker is the subject of the main verb,
 * a name or a nominal ("the Russian foreign ministry attacked U.S. policy, accusing ...").
 */
function findParticipleSubject(doc: Doc, cue: number, from: number, entityAtToken: Map<number, { entity: number; span: Span }>) {
  const { tokens } = doc;
  for (let t = cue - 2; t > from; t -= 1) {
    if (tokens[t]!.pos !== 'VERB') continue;
    // "Donald Trump is defending ..., saying": a progressive main verb, its subject before the auxiliary.
    if (tokens[t]!.lower.endsWith('ing')) {
      if (tokens[t - 1]?.pos !== 'AUX') continue;
      t -= 1;
    }
    const hit = entityAtToken.get(t - 1);
    if (hit) return { span: hit.span, entity: hit.entity };
    if (tokens[t - 1]!.pos !== 'NOUN') break;
    let first = t - 1;
    while (first - 1 >= from && NOMINAL_PARTS.has(tokens[first - 1]!.pos) && t - first < 5) first -= 1;
    return { span: { start: tokens[first]!.start, end: tokens[t - 1]!.end }, entity: null };
  }
  for (let t = cue - 2; t >= from; t -= 1) {
    const hit = entityAtToken.get(t);
    if (hit && !entityAtToken.has(t + 1) && tokens[t + 1]?.pos === 'VERB') return { span: hit.span, entity: hit.entity };
  }
  return null;
}

const NOMINAL_PARTS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN']);

/** ", saying ...", ", even suggesting ...": a participle after a comma reports for the main clause. */
function isParticipleCue(doc: Doc, cue: number): boolean {
  const { tokens } = doc;
  if (!tokens[cue]!.lower.endsWith('ing')) return false;
  return tokens[cue - 1]?.text === ',' || (tokens[cue - 1]?.pos === 'ADV' && tokens[cue - 2]?.text === ',');
}

const tokenSpan = (doc: Doc, t: number): Span => ({ start: doc.tokens[t]!.start, end: doc.tokens[t]!.end });

const OBJECT_OF_CUE = new Set(['it', 'this', 'them', 'him', 'her']);

interface Embedded { content: Span; cueToken: number; speakerBounds: { from: number; to: number } }

/**
 * Is this quotation a fragment inside the writer's own sentence? "Kerry said there were still
 * “kinks” that needed to be worked out": the reported clause after the cue is the partial quote, the
 * quoted words its fragment. A quotation that opens its sentence, follows a colon or comma, or fills
 * most of the clause after its cue ("called it “an important day ...”") is direct (null). A fragment
 * with no reporting verb in its sentence is a scare quote or a title ('scare').
 */
function readEmbedded(doc: Doc, span: Span, firstToken: number, lastToken: number, lexicon: ReportingLexicon): Embedded | 'scare' | null {
  const { tokens, text } = doc;
  const sentence = doc.sentences[tokens[firstToken]!.sentence]!;
  if (tokens[lastToken]!.sentence !== tokens[firstToken]!.sentence) return null;
  // What the writer wrote before the quotation, less the marks and spaces just before it: its last
  // character, and whether it holds a word at all. Read through a per-Doc index of the tokens, not
  // by slicing the sentence for each quotation (quadratic in a sentence of many quotation marks).
  const prefix = sentencePrefixes(doc);
  const last = firstToken > sentence.firstToken ? prefix.lastUnmarked[firstToken - 1]! : -1;
  if (last < sentence.firstToken || prefix.wordsThrough[last]! - (sentence.firstToken ? prefix.wordsThrough[sentence.firstToken - 1]! : 0) === 0) return null;
  const lastText = tokens[last]!.text.replace(TRAILING_MARKS, '');
  if (/[:,—–-]$/.test(lastText)) return null;
  const isCue = (t: number) => lexicon.forms.has(tokens[t]!.lower) && tokens[t]!.pos === 'VERB';
  let cue = -1;
  for (let t = firstToken - 1; t >= sentence.firstToken; t -= 1) if (isCue(t)) { cue = t; break; }
  if (cue >= 0) {
    let from = cue + 1;
    // "called it “...”": the object pronoun belongs to the cue; the quotation is what it was called.
    if (OBJECT_OF_CUE.has(tokens[from]!.lower) && from + 1 < firstToken && QUOTE_MARKS.has(tokens[from + 1]!.text)) from += 1;
    // "accusing Washington of “...”", "told reporters “...”": the listener or the accused is not what was said.
    if (lexicon.objectNotSpeaker.has(tokens[cue]!.lower)) {
      let k = from;
      while (k < firstToken - 1 && k - from < 4 && ['PROPN', 'NOUN', 'PRON', 'DET'].includes(tokens[k]!.pos)) k += 1;
      if (k > from && tokens[k]!.pos === 'ADP' && QUOTE_MARKS.has(tokens[k + 1]!.text)) from = k + 1;
      else if (k > from && QUOTE_MARKS.has(tokens[k]!.text)) from = k;
    }
    while (from < firstToken && tokens[from]!.type === 'punctuation' && !QUOTE_MARKS.has(tokens[from]!.text)) from += 1;
    // The clause ends at the first comma or semicolon after the quoted words, or with the sentence.
    let last = lastToken + 1;
    while (last <= sentence.lastToken && tokens[last]!.text !== ',' && tokens[last]!.text !== ';') last += 1;
    const content = { start: tokens[from]!.start, end: last > sentence.lastToken ? sentence.end : tokens[last - 1]!.end };
    // Direct only when every word of the reported clause is inside the marks, "that" aside
    // ("says that “...”"); any other word outside makes it partial (PolNeAR's rule).
    const unquoted = text.slice(content.start, span.start) + text.slice(span.end, content.end);
    if (!WORDISH.test(unquoted.replace(/^\s*that\b/, ''))) return null;
    return { content, cueToken: cue, speakerBounds: { from: sentence.firstToken, to: cue - 1 } };
  }
  // "… “a big, big problem” in this country, Trump said": the cue comes after.
  for (let t = lastToken + 1; t <= sentence.lastToken; t += 1) {
    if (!isCue(t)) continue;
    let comma = t - 1;
    while (comma > lastToken && tokens[comma]!.text !== ',') comma -= 1;
    if (comma <= lastToken) return 'scare';
    return { content: { start: sentence.start, end: tokens[comma]!.start }, cueToken: t, speakerBounds: { from: comma + 1, to: sentence.lastToken } };
  }
  return 'scare';
}

/**
 * "Yukos said it would appeal. It also said ...": an "it" speaker is the first organisation that is
 * the subject of a verb before it in its own sentence (outside quotation marks), else the one that
 * opens the sentence before as its subject. (Looser, the organisation named last anywhere near was
 * right in 5 of 14 sampled BBC cases.) The mention stays the pronoun, as "he said" keeps "he".
 */
function subjectOrganisation(doc: Doc, speaker: Span, entities: EntityCluster[], quotes: QuoteAnnotation[]): number | null {
  if (doc.text.slice(speaker.start, speaker.end).toLowerCase() !== 'it') return null;
  const sentence = doc.tokens[tokenAt(doc, speaker.start)]!.sentence;
  if (sentence === 0) return null;
  const first = doc.sentences[sentence]!.firstToken;
  const opening = doc.sentences[sentence - 1]!.firstToken;
  const isSubject = (m: NameMention) => m.kind === 'name' && ['VERB', 'AUX'].includes(doc.tokens[m.lastToken + 1]?.pos ?? '');
  const quoted = (m: NameMention) => quotes.some((q) => q.kind === 'direct' && q.start <= m.start && m.end <= q.end);
  let sameSentence: { entity: number; start: number } | null = null;
  let sentenceBefore: number | null = null;
  for (let i = 0; i < entities.length; i += 1) {
    if (entities[i]!.type !== 'ORG') continue;
    for (const m of entities[i]!.mentions) {
      if (!isSubject(m)) continue;
      if (m.firstToken === opening) sentenceBefore ??= i;
      if (m.firstToken >= first && m.start < speaker.start && !quoted(m) && (!sameSentence || m.start < sameSentence.start)) sameSentence = { entity: i, start: m.start };
    }
  }
  return sameSentence?.entity ?? sentenceBefore;
}

/**
 * The people of an article by the role the article gives them: the words before a name ("Prime
 * Minister Tony Blair", "Chancellor Gordon Brown") or in an apposition after it ("Gordon Brown, the
 * chancellor,"), lower case -> the entities with that role.
 */
function titledPeople(doc: Doc, entities: EntityCluster[]): Map<string, Set<number>> {
  const { tokens } = doc;
  const byRole = new Map<string, Set<number>>();
  const add = (role: string, entity: number) => {
    let set = byRole.get(role);
    if (!set) byRole.set(role, (set = new Set()));
    set.add(entity);
  };
  entities.forEach((e, i) => {
    if (e.type !== 'PERSON') return;
    for (const m of e.mentions) {
      if (m.kind !== 'name') continue;
      // Capitalised words right before the name: its title.
      let k = m.firstToken - 1;
      while (k >= 0 && m.firstToken - k <= 3 && /^\p{Lu}\p{Ll}/u.test(tokens[k]!.text) && tokens[k]!.sentence === tokens[m.firstToken]!.sentence) k -= 1;
      if (k < m.firstToken - 1) add(tokens.slice(k + 1, m.firstToken).map((t) => t.lower).join(' '), i);
      // ", the chancellor,": an apposition of up to three words between commas.
      if (tokens[m.lastToken + 1]?.text === ',' && tokens[m.lastToken + 2]?.lower === 'the') {
        let end = m.lastToken + 3;
        while (end < tokens.length && end - m.lastToken <= 5 && tokens[end]!.text !== ',') end += 1;
        if (tokens[end]?.text === ',' && end > m.lastToken + 3) add(tokens.slice(m.lastToken + 3, end).map((t) => t.lower).join(' '), i);
      }
    }
  });
  return byRole;
}

/** "the prime minister said": the one person of the article with that role, if there is one. */
function personByTitle(doc: Doc, speaker: Span, titled: Map<string, Set<number>>): number | null {
  const words = doc.text.slice(speaker.start, speaker.end).toLowerCase().split(/\s+/);
  if (words[0] !== 'the' || words.length < 2) return null;
  const people = titled.get(words.slice(1).join(' '));
  return people?.size === 1 ? [...people][0]! : null;
}

interface Attribution { cue: Span | null; speaker: { span: Span; entity: number | null } | null }

/** The first person named in the quote's paragraph before it, as a speaker with no cue of its own. */
function namedBefore(
  doc: Doc, firstToken: number, entityAtToken: Map<number, { entity: number; span: Span }>, entities: EntityCluster[], quoted: Uint8Array,
): Attribution | null {
  const paragraph = doc.paragraphs[doc.sentences[doc.tokens[firstToken]!.sentence]!.paragraph]!;
  const first = doc.sentences[paragraph.firstSentence]!.firstToken;
  for (let t = first; t < firstToken; t += 1) {
    const hit = entityAtToken.get(t);
    if (!hit || entities[hit.entity]!.type !== 'PERSON') continue;
    // A person named inside an earlier quotation is spoken of, not speaking.
    if (quoted[t]) continue;
    return { cue: null, speaker: { span: hit.span, entity: hit.entity } };
  }
  return null;
}

function findAttribution(
  doc: Doc, firstToken: number, lastToken: number,
  entityAtToken: Map<number, { entity: number; span: Span }>, lexicon: ReportingLexicon, quoted: Uint8Array, titles: ReadonlySet<string>,
): Attribution | null {
  const { tokens } = doc;
  const firstTokenOf = (paragraph: number) => doc.sentences[doc.paragraphs[paragraph]!.firstSentence]!.firstToken;
  const startParagraph = doc.sentences[tokens[firstToken]!.sentence]!.paragraph;
  const paragraphEnd = doc.sentences[doc.paragraphs[doc.sentences[tokens[lastToken]!.sentence]!.paragraph]!.lastSentence]!.lastToken;
  let paragraphStart = firstTokenOf(startParagraph);
  // "He said:" ending the paragraph before, when the quotation opens its own paragraph.
  if (paragraphStart >= firstToken - 1 && startParagraph > 0 && tokens[paragraphStart - 1]?.text === ':') {
    paragraphStart = firstTokenOf(startParagraph - 1);
  }
  // After the quote first ("...," he said), then before it ("Kerry said: ..."); the search stops at
  // the paragraph's edge and at another quotation.
  const after: number[] = [];
  let brackets = 0;
  for (let t = lastToken + 1; t <= paragraphEnd && t <= lastToken + AFTER_WINDOW; t += 1) {
    if (t > lastToken + 1 && (QUOTE_MARKS.has(tokens[t]!.text) || quoted[t])) break;
    after.push(t);
    if (tokens[t]!.text === '(') brackets += 1;
    else if (tokens[t]!.text === ')') brackets -= 1;
    // The sentence that follows the quote ends here ("(D-Wis.)" does not): a cue further on is another statement's.
    // A stop before a comma ends no sentence ("Mitch McConnell, R-Ky., said").
    if (t > lastToken + 1 && brackets <= 0 && SENTENCE_END_MARKS.has(tokens[t]!.text) && !isTitleStop(doc, t, titles) && tokens[t + 1]?.text !== ',') break;
  }
  // A quotation that ends its own sentence (“... Draconian.”) is followed by a new one: that is its
  // attribution only when short ("Mr Howard said."), not "The film shows Mr Howard laughing at ...".
  const closedSentence = SENTENCE_END_MARKS.has(doc.text[tokens[lastToken]!.end - 1] ?? '');
  if (closedSentence && after.length && !SENTENCE_END_MARKS.has(tokens[after[after.length - 1]!]!.text)) after.length = 0;
  else if (closedSentence && after.length > SHORT_ATTRIBUTION) after.length = 0;
  const before: number[] = [];
  for (let t = firstToken - 1; t >= paragraphStart && t >= firstToken - BEFORE_WINDOW; t -= 1) {
    if (t < firstToken - 1 && (QUOTE_MARKS.has(tokens[t]!.text) || quoted[t])) break;
    before.push(t);
  }
  // “...” ― Pamela Padilla: a dash and a name after the closing mark sign the quote.
  const signed = tokens[lastToken + 2];
  if (signed && DASHES.has(signed.text) && QUOTE_MARKS.has(tokens[lastToken + 1]!.text)) {
    const name = entityAtToken.get(lastToken + 3);
    if (name) return { cue: { start: signed.start, end: signed.end }, speaker: { span: name.span, entity: name.entity } };
  }
  // A colon introducing the quotation ("Carol Lam said: “...”") names its speaker before it, whatever
  // sentence follows; otherwise the attribution after the quote comes first ("...," he said).
  const colonIntro = QUOTE_MARKS.has(tokens[firstToken - 1]?.text ?? '') && tokens[firstToken - 2]?.text === ':';
  const searches = [
    [after, { from: lastToken + 1, to: after[after.length - 1] ?? lastToken }],
    [before, { from: before[before.length - 1] ?? firstToken, to: firstToken - 1 }],
  ] as const;
  for (const [candidates, bounds] of colonIntro ? [searches[1], searches[0]] : searches) {
    for (const c of candidates) {
      const token = tokens[c]!;
      if (token.pos !== 'VERB' && token.pos !== 'AUX' && token.pos !== 'NOUN') continue;
      if (!lexicon.forms.has(token.lower)) continue;
      // ", accusing Washington of “...”": the participle's subject is the main clause's.
      const speaker = isParticipleCue(doc, c) ? findParticipleSubject(doc, c, doc.sentences[token.sentence]!.firstToken, entityAtToken) : findSpeaker(doc, c, bounds, entityAtToken, lexicon);
      return { cue: { start: token.start, end: token.end }, speaker };
    }
  }
  return null;
}

/** The stop of an abbreviated title wink split off ("Rev." of "the Rev. Peter Wherry", "Sen."): no sentence end. */
function isTitleStop(doc: Doc, t: number, titles: ReadonlySet<string>): boolean {
  const token = doc.tokens[t]!;
  const before = doc.tokens[t - 1];
  const after = doc.tokens[t + 1];
  return token.text === '.' && before !== undefined && before.end === token.start && titles.has(`${before.text}.`)
    && after !== undefined && CAPITALISED.test(after.text);
}

const RELATIVE_PRONOUNS = new Set(['who', 'which']);
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
/** "flew to Moscow to urge him ...", "to meet Putin and urge him ...": a purpose, not something said. */
function inPurposeClause(doc: Doc, cue: number, first: number): boolean {
  const { tokens } = doc;
  if (tokens[cue - 1]?.lower === 'to') return true;
  for (let k = cue - 1; k > first; k -= 1) {
    if (tokens[k]!.type === 'punctuation') return false;
    if (tokens[k]!.lower !== 'and' && tokens[k]!.lower !== 'or') continue;
    for (let v = k - 1; v > first && k - v <= 8; v -= 1) {
      if (tokens[v]!.type === 'punctuation') return false;
      if (tokens[v]!.pos === 'VERB') return tokens[v - 1]!.lower === 'to';
    }
    return false;
  }
  return false;
}

const NOMINAL_STOP = new Set(['PUNCT', 'VERB', 'AUX', 'SCONJ', 'CCONJ', 'PART', 'ADP']);
const POSSESSIVES = new Set(['his', 'her', 'its', 'their']);
const CAPITALISED = /^\p{Lu}/u;
const LEADING_ADVERBS = new Set(['however', 'meanwhile', 'but', 'and', 'also', 'now', 'yesterday', 'today', 'separately', 'instead', 'earlier', 'later', 'then']);

function findSpeaker(
  doc: Doc, cue: number, bounds: { from: number; to: number },
  entityAtToken: Map<number, { entity: number; span: Span }>, lexicon: ReportingLexicon,
): { span: Span; entity: number | null } | null {
  const { tokens } = doc;
  // A passive cue ("was billed as", "was told"): its subject is not the speaker; the agent after "by" is.
  if (BE_FORMS.has(tokens[cue - 1]?.lower ?? '') && !tokens[cue]!.lower.endsWith('ing')) {
    for (let k = cue + 1; k <= bounds.to && k - cue <= 8; k += 1) {
      const agent = tokens[k]!.lower === 'by' ? entityAtToken.get(k + 1) : undefined;
      if (agent) return { span: agent.span, entity: agent.entity };
    }
    return null;
  }
  // Inverted: "said Kerry", "said Mr. Burman", "said one Democratic source" (but "told Reuters" names the listener).
  if (lexicon.invertible.has(tokens[cue]!.lower)) {
    for (let k = cue + 1; k <= bounds.to && k - cue <= 5; k += 1) {
      const after = entityAtToken.get(k);
      // "said France coach Bernard Laporte": a name before a role noun is whose the role is.
      const end = after ? tokenAt(doc, after.span.end - 1) : -1;
      if (after && tokens[end + 1]?.pos === 'NOUN' && !CAPITALISED.test(tokens[end + 1]!.text)) { k = end; continue; }
      if (after) return { span: after.span, entity: after.entity };
      // Titles and initials may stand before the name ("Mr.", "Representative", "Sen."), and roles
      // in lower case ("said chief executive Thierry Breton", "said analyst Alex Potter", "said the
      // Rev. Peter Wherry", "said 9/11 widow Terry Strada").
      const role = ['NOUN', 'ADJ', 'NUM'].includes(tokens[k]!.pos) || (k === cue + 1 && tokens[k]!.lower === 'the')
        || (tokens[k]!.text === '.' && tokens[k]!.start === tokens[k - 1]!.end); // the stop of "Rev." 
      if (!CAPITALISED.test(tokens[k]!.text) && !role) break;
    }
    // Only right after a quotation: "..." said one Democratic source.
    let opensClause = true;
    for (let k = bounds.from; k < cue && opensClause; k += 1) if (tokens[k]!.type !== 'punctuation') opensClause = false;
    if (opensClause && ['DET', 'NUM'].includes(tokens[cue + 1]?.pos ?? '')) {
      let last = cue + 1;
      while (last + 1 <= bounds.to && last - cue < 6 && !NOMINAL_STOP.has(tokens[last + 1]!.pos) && tokens[last + 1]!.pos !== 'ADP') last += 1;
      if (tokens[last]!.pos === 'NOUN') return { span: { start: tokens[cue + 1]!.start, end: tokens[last]!.end }, entity: null };
    }
  }
  // Subject: the nearest mention before the cue, jumping a bracket ("Gwen Moore (D-Wis.) said") and
  // an apposition ("Lavrov, Russia’s foreign minister, said").
  let t = cue - 1;
  // "have not said", "generally praised", "is demanding": step back to the subject.
  while (t > bounds.from && cue - t <= 3 && (tokens[t]!.pos === 'AUX' || tokens[t]!.pos === 'PART' || (tokens[t]!.pos === 'ADV' && tokens[t]!.lower !== 'however'))) t -= 1;
  // A relative clause speaks for its antecedent: "Jack Straw, who accused ...", "members who say ...".
  // The mention stays the pronoun (as "he said" keeps "he"), the entity is the antecedent's.
  let relative: Span | null = null;
  if (RELATIVE_PRONOUNS.has(tokens[t]?.lower ?? '')) {
    relative = { start: tokens[t]!.start, end: tokens[t]!.end };
    t -= tokens[t - 1]?.text === ',' ? 2 : 1;
  }
  if (tokens[t]?.text === ')') {
    let k = t - 1;
    while (k >= bounds.from && tokens[k]!.text !== '(' && t - k < 8) k -= 1;
    if (k >= bounds.from && tokens[k]!.text === '(') t = k - 1;
  }
  if (tokens[t]?.text === ',') {
    let k = t - 1;
    while (k >= bounds.from && tokens[k]!.text !== ',' && cue - k < 25) k -= 1;
    // ", however," and the like: an adverb alone between commas is skipped whatever precedes it.
    const adverbOnly = k === t - 2 && tokens[t - 1]!.pos === 'ADV';
    if (k >= bounds.from && tokens[k]!.text === ',') {
      // "Mr. King, 82, told": an apposition after a name, even one the tagger missed.
      if (entityAtToken.has(k - 1) || adverbOnly || tokens[k - 1]?.pos === 'PROPN') t = k - 1;
      else {
        // "The state’s campaign chairman, Phil Lovas, said": the name between the commas.
        const named = entityAtToken.get(k + 1);
        if (named && tokens[tokenAt(doc, named.span.end - 1) + 1]?.text === ',') return { span: relative ?? named.span, entity: named.entity };
      }
    }
  }
  for (let k = t; k >= bounds.from && t - k < 10; k -= 1) {
    const hit = entityAtToken.get(k);
    // A name inside a prepositional phrase ("fighters in Western Syria") is not the subject: look past
    // it, unless a participle follows it at once ("footage of Trump saying ...").
    const participleSubject = hit && tokenAt(doc, hit.span.end - 1) === cue - 1 && tokens[cue]!.lower.endsWith('ing');
    if (hit && !participleSubject && tokens[tokenAt(doc, hit.span.start) - 1]?.pos === 'ADP') { k = tokenAt(doc, hit.span.start) - 1; continue; }
    // "The United boss said": a name modifying a role noun is not the speaker; the role is (below).
    if (hit && k < t && lexicon.speakerRoles.has(tokens[t]!.lower)) break;
    // "his son said": a possessive before a noun names whose, not who speaks.
    if (hit && k < t && POSSESSIVES.has(tokens[k]!.lower)) break;
    if (hit) return { span: relative ?? hit.span, entity: hit.entity };
    if (tokens[k]!.text === ')') {
      // "Free Syrian Army (FSA) fighters": step over the bracket to the name before it (a short one:
      // a stray ")" must not send every cue back to the start of a long clause).
      const close = k;
      while (k > bounds.from && tokens[k]!.text !== '(' && close - k < 12) k -= 1;
      if (tokens[k]!.text !== '(') break;
      continue;
    }
    if (tokens[k]!.pos === 'PUNCT') break;
  }
  // A nominal speaker: "a senior official said".
  let first = t;
  // Up to five words back; a hyphenated word ("the 47-year-old director") counts as one.
  const joinedHyphen = (k: number) => tokens[k]!.text === '-' && tokens[k]!.start === tokens[k - 1]?.end && tokens[k]!.end === tokens[k + 1]?.start;
  let words = 0;
  while (first - 1 >= bounds.from && (joinedHyphen(first - 1) || (!NOMINAL_STOP.has(tokens[first - 1]!.pos) && words < 5))) {
    first -= 1;
    if (!joinedHyphen(first) && !joinedHyphen(first + 1)) words += 1;
  }
  // Not a connective before it ("However a spokesman"), nor a time with its own determiner ("This
  // week a judge"): the phrase starts at its last determiner.
  while (first < t && LEADING_ADVERBS.has(tokens[first]!.lower)) first += 1;
  for (let k = t - 1; k > first; k -= 1) if (tokens[k]!.pos === 'DET') { first = k; break; }
  // A proper name the tagger missed ("Mr. King said") is a speaker by its words too.
  if (first <= t && t >= bounds.from && (tokens[t]!.pos === 'NOUN' || tokens[t]!.pos === 'PRON' || tokens[t]!.pos === 'PROPN')) {
    return { span: { start: tokens[first]!.start, end: tokens[t]!.end }, entity: null };
  }
  return null;
}
