// Directed stance between two entities of one sentence: a five-class linear model in the DSE
// scheme (neutral; a -> b positive; b -> a positive; a -> b negative; b -> a negative, where a is
// the entity that comes first). Its features read what lies between the two and around them: the
// words and verbs, the cue lexicon's polarity (src/lexicons/stance-verbs.json), a passive "by",
// AFINN valence, and the distance. Trained on DSE train by scripts/train-stance.js.
import type { Doc } from '../doc/doc.js';
import { VALENCE } from '../knowledge/valence.js';
import { loadShippedModel, type LinearModel } from '../ml/linear-model.js';
import { NameSink, type FeatureSink } from '../ml/feature-sink.js';
import { CUE_POLARITY, NEGATIONS } from './lexicons.js';

const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);
const REPORTING = new Set(['said', 'says', 'say', 'told', 'tells', 'claimed', 'claims', 'argued', 'argues', 'wrote', 'writes']);

export const STANCE_LABELS = ['neutral', 'a+b', 'b+a', 'a-b', 'b-a'] as const;


/** Token ranges of the two entities, a before b, in one sentence. */
export interface Pair { aFirst: number; aLast: number; bFirst: number; bLast: number }

/** The stance features of a pair, named (what training sees). */
export function stanceFeatures(doc: Doc, pair: Pair): string[] {
  const sink = new NameSink();
  emitStanceFeatures(doc, pair, sink);
  return sink.names;
}

const bucketOfGap = (gap: number) => String(gap <= 1 ? gap : gap <= 3 ? 3 : gap <= 6 ? 6 : gap <= 12 ? 12 : 99);
const clamp = (x: number, bound: number) => String(Math.max(-bound, Math.min(bound, Math.round(x))));
const LEFT = ['', 'L1', 'L2'];
const RIGHT = ['', 'R1', 'R2'];

/** Features of a pair: what lies between the two and around them (see the file comment). */
export function emitStanceFeatures(doc: Doc, pair: Pair, sink: FeatureSink): void {
  const { tokens } = doc;
  const sentence = doc.sentences[tokens[pair.aFirst]!.sentence]!;
  sink.add('bias');
  const between: string[] = [];
  let valence = 0;
  for (let t = pair.aLast + 1; t < pair.bFirst; t += 1) {
    const token = tokens[t]!;
    between.push(token.lower);
    sink.add('B', token.lower);
    if (token.pos === 'VERB') sink.add('Bv', token.lower);
    const polarity = CUE_POLARITY.get(token.lower);
    if (polarity) {
      sink.add('cue', polarity);
      sink.add('cue', `${polarity},by=${between.includes('by') ? 1 : 0}`);
    }
    valence += VALENCE.get(token.lower) ?? 0;
  }
  const gap = pair.bFirst - pair.aLast - 1;
  sink.add('gap', bucketOfGap(gap));
  if (gap <= 4) sink.add('Bseq', between.join(' '));
  if (between.includes('by')) sink.add('by');
  sink.add('val', clamp(valence / 2, 3));
  for (let k = 1; k <= 2; k += 1) {
    const before = tokens[pair.aFirst - k];
    if (before && before.sentence === tokens[pair.aFirst]!.sentence) sink.add(LEFT[k]!, before.lower);
    const after = tokens[pair.bLast + k];
    if (after && after.sentence === tokens[pair.bLast]!.sentence) {
      sink.add(RIGHT[k]!, after.lower);
      const polarity = CUE_POLARITY.get(after.lower);
      if (polarity) sink.add('Rcue', polarity);
    }
  }
  // The first verb between the two, with the voice: "a criticised b" vs "a was criticised by b".
  const firstVerb = pair.aLast + 1 + between.findIndex((_, i) => tokens[pair.aLast + 1 + i]!.pos === 'VERB');
  if (firstVerb > pair.aLast) {
    const verb = tokens[firstVerb]!.lower;
    const passive = BE.has(tokens[firstVerb - 1]?.lower ?? '') && between.includes('by');
    sink.add('V1', verb);
    sink.add('V1', `${verb},passive=${passive}`);
    const polarity = CUE_POLARITY.get(verb);
    if (polarity) sink.add('V1cue', `${polarity},passive=${passive}`);
  }
  // The verb just before b, whose object b may be ("... signed a letter condemning b").
  for (let t = pair.bFirst - 1; t > pair.aLast && t >= pair.bFirst - 3; t -= 1) {
    if (tokens[t]!.pos !== 'VERB') continue;
    const polarity = CUE_POLARITY.get(tokens[t]!.lower);
    if (polarity) sink.add('Vbcue', polarity);
    break;
  }
  if (between.some((w) => NEGATIONS.has(w))) sink.add('negated');
  if (between.some((w) => REPORTING.has(w))) sink.add('reported');
  if (tokens[pair.aLast + 1]?.lower === "'s" || tokens[pair.aLast + 1]?.lower === '’s') sink.add('a-poss');
  // Valence after the second: "a said b is corrupt".
  let afterValence = 0;
  for (let t = pair.bLast + 1; t <= sentence.lastToken && t <= pair.bLast + 6; t += 1) afterValence += VALENCE.get(tokens[t]!.lower) ?? 0;
  sink.add('valR', clamp(afterValence / 2, 2));
  let sentenceValence = 0;
  for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) sentenceValence += VALENCE.get(tokens[t]!.lower) ?? 0;
  sink.add('sval', clamp(sentenceValence / 2, 3));
}

let shipped: LinearModel | null = null;

export function shippedStanceModel(): LinearModel {
  shipped ??= loadShippedModel('stance', STANCE_LABELS);
  return shipped;
}
