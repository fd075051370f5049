// Reported speech without quotation marks: is this word the cue of an attribution, and does what
// was said come after it ("Kerry said (that) CLAUSE", "Clinton wants to triple ...") or before it
// ("CLAUSE, Graham said")? A three-class linear model over the word and its neighbours, trained on
// PolNeAR train by scripts/train-quotes.js; the spans and speakers are then read by rules.
import type { Doc } from '../doc/doc.js';
import { NameSink, type FeatureSink } from '../ml/feature-sink.js';
import { loadShippedModel, type LinearModel } from '../ml/linear-model.js';

export const ATTRIBUTION_LABELS = ['none', 'after', 'before'] as const;
export type AttributionLabel = (typeof ATTRIBUTION_LABELS)[number];

let shipped: LinearModel | null = null;
const cueWordsOf = new WeakMap<LinearModel, Set<string>>();

/** src/models/attribution-*, loaded once. */
export function shippedAttributionModel(): LinearModel {
  shipped ??= loadShippedModel('attribution', ATTRIBUTION_LABELS);
  return shipped;
}

/**
 * Words the model itself leans toward reading as cues (their own weight favours "after" or
 * "before" over "none"): the others are not worth scoring in full, which keeps the stage fast.
 */
export function likelyCueWords(model: LinearModel): Set<string> {
  let cueWords = cueWordsOf.get(model);
  if (cueWords) return cueWords;
  cueWordsOf.set(model, (cueWords = new Set()));
  for (const [feature, offset] of model.index) {
    if (!feature.startsWith('w=')) continue;
    const none = model.weights[offset]!;
    if (model.weights[offset + 1]! > none || model.weights[offset + 2]! > none) cueWords.add(feature.slice(2));
  }
  return cueWords;
}

/** The reporting lexicon as the features see it (src/lexicons/reporting-verbs.json, inflected). */
export interface CueLexicon { forms: Set<string>; objectNotSpeaker: Set<string> }

/** Words read as possible cues: verbs and the lexicon's nouns ("claim"); with `words`, only those or the lexicon's. */
export function isCandidate(doc: Doc, t: number, lexicon: CueLexicon, words?: Set<string>): boolean {
  const token = doc.tokens[t]!;
  if (words && !words.has(token.lower) && !lexicon.forms.has(token.lower)) return false;
  if (token.pos === 'VERB') return true;
  return token.pos === 'NOUN' && lexicon.forms.has(token.lower);
}

/** A finite verb within a few words: "Assad’s future is ...", not "X of bombing" or "him to keep". */
export function hasFiniteVerb(doc: Doc, from: number, last: number): boolean {
  for (let t = from + 1; t <= last && t - from <= 8; t += 1) {
    const token = doc.tokens[t]!;
    if (token.pos === 'ADP' || token.lower === 'to' || token.type === 'punctuation') return false;
    if ((token.pos === 'VERB' || token.pos === 'AUX') && !token.lower.endsWith('ing')) return true;
  }
  return false;
}

const QUOTE_MARK = /["“”„«»]/;
const quotedSentences = new WeakMap<Doc, Uint8Array>();

/** Whether sentence s holds a quotation mark: found once per Doc, not once per candidate cue. */
function hasQuoteMark(doc: Doc, s: number): boolean {
  let marks = quotedSentences.get(doc);
  if (!marks) {
    marks = new Uint8Array(doc.sentences.length);
    for (const token of doc.tokens) if (QUOTE_MARK.test(token.text)) marks[token.sentence] = 1;
    quotedSentences.set(doc, marks);
  }
  return marks[s] === 1;
}

/** Templates whose feature joins two values ("w+n1p=said|SCONJ"). */
export const CUE_PAIR_TEMPLATES: ReadonlySet<string> = new Set(['n1p+n2p', 'w+n1p', 'n1+n2', 'p1+w', 'subj+w']);

/** Features of word t as a cue: itself, its neighbours, and the shape of the sentence around it. */
export function emitCueFeatures(doc: Doc, t: number, lexicon: CueLexicon, sink: FeatureSink): void {
  const { tokens } = doc;
  const token = tokens[t]!;
  const sentence = doc.sentences[token.sentence]!;
  const at = (k: number) => (k >= sentence.firstToken && k <= sentence.lastToken ? tokens[k]! : null);
  const lower = token.lower;
  const next = at(t + 1);
  const next2 = at(t + 2);
  const prev = at(t - 1);
  const prev2 = at(t - 2);
  const nextPos = next?.pos ?? '</s>';
  sink.add('bias');
  sink.add('w', lower);
  sink.add('p', token.pos);
  sink.add('suf3', lower.slice(-3));
  sink.add('n1', next?.lower ?? '</s>');
  sink.add('n1p', nextPos);
  sink.add('n2p', next2?.pos ?? '</s>');
  sink.pair('n1p+n2p', String(next?.pos), String(next2?.pos));
  sink.add('p1', prev?.lower ?? '<s>');
  sink.add('p1p', prev?.pos ?? '<s>');
  sink.add('p2p', prev2?.pos ?? '<s>');
  sink.pair('w+n1p', lower, nextPos);
  const inLexicon = lexicon.forms.has(lower);
  if (inLexicon) { sink.add('lex'); sink.add('lex+n1p', nextPos); }
  if (lexicon.objectNotSpeaker.has(lower)) sink.add('listener');
  for (let k = t + 1; k <= t + 3; k += 1) if (at(k)?.lower === 'that') { sink.add(THAT_AT[k - t]!); break; }
  if (hasFiniteVerb(doc, t, sentence.lastToken)) { sink.add('clause'); sink.add('clause+lex', inLexicon ? 'true' : 'false'); }
  // "CLAUSE, X said.": a comma shortly before and the sentence ending shortly after.
  let comma = 0;
  for (let k = t - 1; k >= sentence.firstToken && t - k <= 6; k -= 1) if (tokens[k]!.text === ',') { comma = t - k; break; }
  const toEnd = sentence.lastToken - t;
  if (comma) { sink.add(COMMA_AT[Math.min(comma, 4)]!); sink.add('comma+end', DIGIT[Math.min(toEnd, 3)]); }
  if (lower.endsWith('ing') && prev?.text === ',') sink.add('participle');
  const position = t - sentence.firstToken;
  sink.add('at', DIGIT[position === 0 ? 0 : position <= 2 ? 2 : position <= 6 ? 6 : 9]);
  sink.add('end', DIGIT[Math.min(toEnd, 4)]);
  if (hasQuoteMark(doc, token.sentence)) sink.add('quoted');
  if (prev && (prev.pos === 'AUX' || prev.lower === 'not' || prev.lower === "n't")) sink.add('aux', prev.lower);
  sink.pair('n1+n2', next?.lower ?? '</s>', next2?.lower ?? '</s>');
  sink.add('n2', next2?.lower ?? '</s>');
  sink.pair('p1+w', prev?.lower ?? '<s>', lower);
  // Who could be speaking: a name, pronoun or noun just before (past an auxiliary or adverb).
  for (let k = t - 1; k >= sentence.firstToken && t - k <= 3; k -= 1) {
    const pos = tokens[k]!.pos;
    if (pos === 'PROPN' || pos === 'PRON' || pos === 'NOUN') { sink.add('subj', pos); sink.pair('subj+w', pos, lower); break; }
    if (pos !== 'AUX' && pos !== 'ADV' && pos !== 'PART') break;
  }
  if (token.sentence === 0) sink.add('headline');
  // A quotation right after the cue ("said “...”") is a direct quote's, read elsewhere.
  if ((next && QUOTE_MARK.test(next.text)) || (next?.text === ',' && next2 && QUOTE_MARK.test(next2.text))) sink.add('quote-next');
  if (toEnd <= 1 && comma === 0) sink.add('ends-bare');
}

/** Small numbers as feature values, without building a string each time. */
const DIGIT = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const THAT_AT = ['', 'that+1', 'that+2', 'that+3'];
const COMMA_AT = ['', 'comma-1', 'comma-2', 'comma-3', 'comma-4'];

/** The feature names of word t as a cue (training reads these). */
export function cueFeatures(doc: Doc, t: number, lexicon: CueLexicon): string[] {
  const sink = new NameSink();
  emitCueFeatures(doc, t, lexicon, sink);
  return sink.names;
}

/** The cue word of a gold cue span, as training reads it: its last verb, else "according", else its last noun. */
export function cueHead(doc: Doc, first: number, last: number): number | null {
  for (let t = last; t >= first; t -= 1) if (doc.tokens[t]!.pos === 'VERB') return t;
  for (let t = first; t <= last; t += 1) if (doc.tokens[t]!.lower === 'according') return t;
  for (let t = last; t >= first; t -= 1) if (doc.tokens[t]!.pos === 'NOUN') return t;
  return null;
}
