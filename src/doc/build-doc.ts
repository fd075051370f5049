// text -> Doc. The ONLY importer of wink-nlp: no wink-shaped data leaves this file.
import { createRequire } from 'node:module';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { AnnotatedDoc, Paragraph, Sentence, Token, TokenType } from './doc.js';
import { findNumericEntities } from './numeric-entities.js';

type WinkNLP = ReturnType<typeof winkNLP>;
interface Lexeme { list: string[]; hash: Record<string, number>; intrinsicSize: number }

/**
 * wink's tokenizer learns every out-of-vocabulary word it reads and afterwards treats it as a known
 * word (after "anybody else's." it no longer splits "else's"), so output would depend on what the
 * process read before. We keep a handle on the model's lexeme table and, after each document,
 * delete the learned words that could change a later split: any with a character other than a
 * Latin letter. A word of letters only is safe to keep, and keeping it saves relearning it in every
 * article (about a fifth of wink's time): wink's tokenizer classifies such a string as a `word`
 * whether or not it knows it, and only consults the lexicon to split strings with punctuation.
 * The table's list keeps growing (wink indexes its side tables by it), so the instance is replaced
 * once it has grown by RECYCLE_AFTER words, which bounds memory.
 */
const RECYCLE_AFTER = 50_000;

let nlp: WinkNLP | null = null;
let lexeme: Lexeme | null = null;

type ModelLoaders = { core: () => unknown; metaCER: () => unknown };
const loaders = model as unknown as ModelLoaders;
let metaCER: unknown;

/**
 * The core model as its package ships it (JSON, the lexicon and expansions as base64 strings) and
 * as wink reads it (those two decoded, the feature lists indexed).
 */
type Feature = { list: unknown[]; hash?: Record<string, number>; intrinsicSize?: number; index?: number; maxIndex?: number };
interface CoreModel<Packed> {
  packing: { layout: Record<string, number[]>; efList?: string[] };
  features: Record<string, Feature>;
  pos: { hash: Record<string, number> };
  lexicon: Packed;
  xpansions: Packed;
}
const CORE_MODEL_JSON = 'wink-eng-lite-web-model/dist/languages/cur/models/eng-core-web-model.json';
let coreJson: CoreModel<string> | null = null;

const uint32sOfBase64 = (data: string) => {
  const bytes = Buffer.from(data, 'base64');
  return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/** Each string of the list to its index, in an object as wink looks words up. */
function positionsOf(list: unknown[]): Record<string, number> {
  const hash = Object.create(null) as Record<string, number>;
  for (let k = 0; k < list.length; k += 1) hash[list[k] as string] = k;
  return hash;
}

/**
 * The core model as the package's own loader (model.core()) builds it, in half its time: that one
 * deep-copies the whole JSON through a string, base64 included, and decodes the base64 a byte at a
 * time; here the JSON is cloned without the base64 and the lexeme list (whose strings are shared:
 * wink only appends to the list), and Buffer decodes. Each wink instance gets its own copy, as wink
 * adds the words it learns to it. A test holds the result equal to the package's.
 */
export function loadCoreModel(): CoreModel<Uint32Array> {
  coreJson ??= createRequire(import.meta.url)(CORE_MODEL_JSON) as CoreModel<string>;
  const { lexicon, xpansions, features: { lexeme: { list: words, ...lexemeRest }, ...otherFeatures }, ...rest } = coreJson;
  const cloned = structuredClone({ ...rest, features: { ...otherFeatures, lexeme: { ...lexemeRest, list: [] as unknown[] } } });
  // wink reads the model by key, never in key order, so the order of keys may differ from the JSON's
  const core: CoreModel<Uint32Array> = { ...cloned, lexicon: uint32sOfBase64(lexicon), xpansions: uint32sOfBase64(xpansions) };
  const { packing, features, pos } = core;
  features.lexeme!.list = words.slice();
  for (const f in packing.layout) if (packing.layout[f]![3] === 0) features[f]!.hash = positionsOf(features[f]!.list);
  features.lexeme!.hash = positionsOf(features.lexeme!.list);
  const clusters = features.posClusters!.list;
  for (let k = 0; k < clusters.length; k += 1) clusters[k] = new Set((clusters[k] as string).split('_').map((tag) => pos.hash[tag] || 0));
  packing.efList = [];
  for (const f in packing.layout) {
    const layout = packing.layout[f]!;
    if (layout[3] === 0) {
      const feature = features[f]!;
      feature.intrinsicSize = feature.list.length;
      feature.index = feature.list.length;
      feature.maxIndex = layout[1]! >>> layout[2]!;
    }
    if (layout[4] === 1) packing.efList.push(f);
  }
  features.lexeme!.intrinsicSize = features.lexeme!.list.length;
  features.lexeme!.index = features.lexeme!.list.length;
  return core;
}

function createNlp(): { nlp: WinkNLP; lexeme: Lexeme } {
  let core: { features: { lexeme: Lexeme } } | undefined;
  const tracked = Object.create(model) as ModelLoaders;
  // wink calls model.core() once per instance; keep the lexeme table it builds.
  tracked.core = () => {
    core = loadCoreModel() as unknown as typeof core;
    return core;
  };
  // The model's metaCER() re-stringifies its own previous result on every call, so the string
  // doubles with each new instance until it overflows (about the 20th). Load it once.
  tracked.metaCER = () => (metaCER ??= loaders.metaCER());
  const instance = winkNLP(tracked as unknown as typeof model, ['sbd', 'pos']);
  if (!core) throw new Error('wink-nlp did not load its core model');
  return { nlp: instance, lexeme: core.features.lexeme };
}

function getNlp(): { nlp: WinkNLP; lexeme: Lexeme } {
  if (!nlp || !lexeme || lexeme.list.length - lexeme.intrinsicSize > RECYCLE_AFTER) {
    ({ nlp, lexeme } = createNlp());
  }
  return { nlp, lexeme };
}

/** Replaces the wink instance with a fresh one (what a long run does every RECYCLE_AFTER words). */
export function recycleNlp(): void {
  ({ nlp, lexeme } = createNlp());
}

/** Loads the wink model now (about 50 ms) instead of on the first article. */
export function warmUp(): void {
  getNlp();
}

/** The letters of wink's own `word` pattern (its first category detector): Latin, with accents. */
const SAFE_TO_KEEP = /^[a-zA-Z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF]+$/;

function forgetLearnedWords(lex: Lexeme, sizeBefore: number): void {
  for (let i = sizeBefore; i < lex.list.length; i += 1) {
    const word = lex.list[i]!;
    if (lex.hash[word] === i && !SAFE_TO_KEEP.test(word)) delete lex.hash[word];
  }
}

const TOKEN_TYPES: Record<string, TokenType> = {
  word: 'word', number: 'number', ordinal: 'number', punctuation: 'punctuation', symbol: 'symbol',
  currency: 'symbol', time: 'number',
};


const SENTENCE_END = /[.!?:;"”’'»)]$/;
const LOWER_START = /^[a-z]/;
/** The longest first line we take for a headline. */
const MAX_TITLE_CHARS = 200;

/**
 * wink's tokenizer takes time quadratic in the length of a run of text without a space (40,000
 * characters: 1 s; 1.5 M: half an hour). No word of an article is that long, so wink reads a copy
 * of the text with a space put into every run longer than MAX_RUN; offsets still come from the
 * text itself, as every token wink returns is a piece of it.
 */
const MAX_RUN = 2000;

function breakLongRuns(text: string): string {
  let runStart = 0;
  let pieces: string[] | null = null;
  let from = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0) {
      runStart = i + 1;
    } else if (i - runStart >= MAX_RUN && !(c >= 0xdc00 && c <= 0xdfff)) {
      // Not between the halves of a surrogate pair.
      (pieces ??= []).push(text.slice(from, i), ' ');
      from = i;
      runStart = i;
    }
  }
  return pieces ? pieces.join('') + text.slice(from) : text;
}

export function buildDoc(text: string): AnnotatedDoc {
  const { nlp: instance, lexeme: lex } = getNlp();
  const its = instance.its;
  const sizeBefore = lex.list.length;
  const wdoc = instance.readDoc(breakLongRuns(text));
  const values = wdoc.tokens().out(its.value) as string[];
  const types = wdoc.tokens().out(its.type) as string[];
  const tags = wdoc.tokens().out(its.pos) as string[];
  const winkSentences = wdoc.sentences().out(its.span) as unknown as [number, number][];
  forgetLearnedWords(lex, sizeBefore);

  // Map wink token indices to ours (we drop whitespace tokens) and find each token's offsets.
  const tokens: Token[] = [];
  const ourIndex = new Int32Array(values.length + 1);
  // A boundary before token i: a line break in the gap (1) or a blank line (2).
  const breakBefore: number[] = [];
  let cursor = 0;
  for (let w = 0; w < values.length; w += 1) {
    ourIndex[w] = tokens.length;
    const value = values[w]!;
    // Whitespace tokens are dropped; the gap scan below sees their line breaks.
    if (types[w] === 'tabCRLF' || value.trim() === '') continue;
    let start = text.indexOf(value, cursor);
    const found = start >= 0;
    if (!found) start = cursor; // wink never rewrites tokens; this only guards against surprises
    const end = Math.min(text.length, start + value.length);
    let newlines = 0;
    let returns = 0;
    for (let i = cursor; i < start; i += 1) {
      const c = text.charCodeAt(i);
      if (c === 10) newlines += 1;
      else if (c === 13) returns += 1;
    }
    const breaks = newlines || returns; // "\r" alone: old Mac line ends
    tokens.push({
      start, end, text: found ? value : text.slice(start, end), lower: value.toLowerCase(), pos: tags[w]!,
      type: TOKEN_TYPES[types[w]!] ?? 'other', sentence: 0, spaceBefore: start > cursor || start === 0,
    });
    breakBefore.push(breaks >= 2 ? 2 : breaks);
    cursor = end;
  }
  ourIndex[values.length] = tokens.length;

  // Sentence starts: wink's, plus every paragraph start. A single line break is a paragraph break
  // unless it reads as a wrapped line (the next line starts in lower case mid-sentence).
  const sentenceStart = new Uint8Array(tokens.length);
  const paragraphStart = new Uint8Array(tokens.length);
  for (const [first] of winkSentences) {
    const t = ourIndex[first]!;
    if (t < tokens.length) sentenceStart[t] = 1;
  }
  for (let t = 0; t < tokens.length; t += 1) {
    const br = breakBefore[t]!;
    if (t === 0) { sentenceStart[t] = 1; paragraphStart[t] = 1; continue; }
    const wrapped = br === 1 && LOWER_START.test(tokens[t]!.text) && !SENTENCE_END.test(tokens[t - 1]!.text);
    if (br > 0 && !wrapped) { sentenceStart[t] = 1; paragraphStart[t] = 1; }
  }

  const sentences: Sentence[] = [];
  const paragraphs: Paragraph[] = [];
  for (let t = 0; t < tokens.length; t += 1) {
    if (sentenceStart[t]) {
      if (paragraphStart[t]) {
        if (paragraphs.length) paragraphs[paragraphs.length - 1]!.lastSentence = sentences.length - 1;
        paragraphs.push({ start: tokens[t]!.start, end: tokens[t]!.end, firstSentence: sentences.length, lastSentence: sentences.length });
      }
      sentences.push({ start: tokens[t]!.start, end: tokens[t]!.end, firstToken: t, lastToken: t, paragraph: paragraphs.length - 1 });
    }
    const sentence = sentences[sentences.length - 1]!;
    sentence.lastToken = t;
    sentence.end = tokens[t]!.end;
    paragraphs[paragraphs.length - 1]!.end = tokens[t]!.end;
    tokens[t]!.sentence = sentences.length - 1;
  }
  if (paragraphs.length) paragraphs[paragraphs.length - 1]!.lastSentence = sentences.length - 1;

  const first = paragraphs[0];
  const title = first && paragraphs.length > 1 && first.firstSentence === first.lastSentence
    && first.end - first.start <= MAX_TITLE_CHARS && !/[.!?]$/.test(text.slice(first.start, first.end))
    ? { start: first.start, end: first.end } : null;

  const numericEntities = findNumericEntities(tokens);

  // Every annotation slot is there from the start, empty, so a Doc keeps one shape (hidden class)
  // through all the stages: their hot loops read doc.tokens without megamorphic lookups.
  return {
    text, tokens, sentences, paragraphs, title, numericEntities,
    mentions: undefined, entities: undefined, entityTones: undefined, quotes: undefined, stances: undefined, targets: undefined,
  };
}
