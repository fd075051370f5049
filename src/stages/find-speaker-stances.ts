// Stances of speakers: a direct quotation by X that attacks or praises Y is X's stance toward Y.
// Two readings, both precise: the speaker's own stance verb ("I congratulate Paul", "we disagree
// with the Lib Dems") and an evaluation of Y as the subject of its clause ("Gordon Brown is a great
// chancellor", "the Lib Dems lack the courage"). The tone model alone is not enough here: on BBC
// quotations it reads the quotation's mood more than the speaker's view of the name (about half of
// its edges were wrong in a sample).
import type { AnnotatedDoc, EntityCluster, StanceAnnotation } from '../doc/doc.js';
import { tokenAt } from '../doc/spans.js';
import { VALENCE } from '../knowledge/valence.js';
import { CUE_POLARITY, NEGATIONS, STANCE_PATTERNS, signsOf } from '../stance/lexicons.js';

const TARGETS = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
const FIRST_PERSON = new Set(['i', 'we']);
/** Words between "I" and the verb: "we fully support", "I would like to thank". */
const BETWEEN_SPEAKER_AND_VERB = new Set(['fully', 'really', 'strongly', 'certainly', 'absolutely', 'totally', 'do', 'would', 'will',
  'like', 'to', 'must', 'also', 'have', 'always', 'warmly', 'wholeheartedly']);
/** The verb right after the name that opens an evaluation: "X is", "X has (been)". */
const LINKING = new Set(['is', 'are', 'was', 'were', "'s", '’s', 'has', 'have']);
/** Words from there to the evaluating word: "X is a great", "X has been very". */
const COPULA = new Set([...LINKING, 'been', 'a', 'an', 'the', 'very', 'so', 'really', 'truly', 'such', 'quite']);
/** "X lacks ...", "X deserves ...": a verb that evaluates its subject. */
const EVALUATION = signsOf(STANCE_PATTERNS.evaluationVerbs);
/** "I agree with X", "we disagree with X". */
const AGREEMENT = signsOf(STANCE_PATTERNS.firstPersonWithVerbs);
/** How the subject feels ("X is concerned"), not what the speaker thinks of it. */
const FEELINGS = new Set(STANCE_PATTERNS.feelingWords);
/** A clause that only supposes: "If Chelsea are interested", "if Qantas was a struggling airline". */
const SUPPOSING = new Set(['if', 'whether', 'unless']);
/** Forms of "be": with a participle after them the clause is passive ("England were criticised"). */
const BE = new Set(['is', 'are', 'was', 'were', 'been', 'be']);

export function findSpeakerStances(doc: AnnotatedDoc, entities: EntityCluster[], titles: Set<string>): StanceAnnotation[] {
  const { tokens } = doc;
  // The entity and the last token of the name that starts at each token.
  const names = new Map<number, { entity: number; lastToken: number }>();
  entities.forEach((e, entity) => {
    if (!TARGETS.has(e.type)) return;
    for (const m of e.mentions) if (m.kind === 'name') names.set(m.firstToken, { entity, lastToken: m.lastToken });
  });
  const found: StanceAnnotation[] = [];
  for (const quote of doc.quotes ?? []) {
    const holder = quote.speaker?.entity;
    if (holder === null || holder === undefined || !quote.cue || quote.kind !== 'direct') continue;
    const push = (target: number | undefined, sign: number, t: number) => {
      if (target === undefined || target === holder || !sign) return;
      found.push({
        holder, target, label: sign > 0 ? 'positive' : 'negative', cue: quote.cue!, sentence: tokens[t]!.sentence,
        evidence: { start: quote.start, end: quote.end }, source: 'quote', probability: null,
      });
    };
    const inside = (t: number) => t < tokens.length && tokens[t]!.start >= quote.start && tokens[t]!.end <= quote.end;
    /** Past the words of `words` and of negation from token k: where that leaves, and whether a negation was among them. */
    const skip = (from: number, words: ReadonlySet<string>) => {
      let k = from;
      let negated = false;
      while (inside(k) && (words.has(tokens[k]!.lower) || NEGATIONS.has(tokens[k]!.lower))) {
        negated ||= NEGATIONS.has(tokens[k]!.lower);
        k += 1;
      }
      return { k, negated };
    };
    const targetFrom = (t: number) => {
      let k = t;
      while (inside(k) && (tokens[k]!.pos === 'DET' || titles.has(tokens[k]!.text))) k += 1;
      return inside(k) ? names.get(k)?.entity : undefined;
    };
    for (let t = tokenAt(doc, quote.start); t < tokens.length && tokens[t]!.start < quote.end; t += 1) {
      if (!inside(t)) continue;
      const word = tokens[t]!.lower;
      // "I congratulate Paul", "we fully support Labour", "I disagree with Howard Flight".
      if (FIRST_PERSON.has(word)) {
        const { k, negated } = skip(t + 1, BETWEEN_SPEAKER_AND_VERB);
        if (!inside(k)) continue;
        const verb = tokens[k]!.lower;
        const cue = CUE_POLARITY.get(verb);
        const sign = cue ? (cue === 'positive' ? 1 : -1) : AGREEMENT.get(verb) ?? 0;
        const target = AGREEMENT.has(verb) && tokens[k + 1]?.lower === 'with' ? targetFrom(k + 2) : targetFrom(k + 1);
        push(target, negated ? 0 : sign, t);
        continue;
      }
      // "Gordon Brown is a great chancellor", "the Lib Dems lack the courage": a name opening its
      // clause, then an evaluation within a few words.
      const name = names.get(t);
      if (name === undefined) continue;
      const target = name.entity;
      const previous = tokens[t - 1];
      const opensClause = !previous || !inside(t - 1) || previous.pos === 'PUNCT' || previous.pos === 'CCONJ' || previous.pos === 'SCONJ'
        || (previous.pos === 'DET' && (!tokens[t - 2] || !inside(t - 2) || tokens[t - 2]!.pos === 'PUNCT'));
      if (!opensClause || SUPPOSING.has(previous?.lower ?? '') || (previous?.pos === 'DET' && SUPPOSING.has(tokens[t - 2]?.lower ?? ''))) continue;
      const after = name.lastToken + 1;
      const evaluation = EVALUATION.get(tokens[after]?.lower ?? '');
      if (evaluation !== undefined && inside(after)) {
        push(target, evaluation, t);
        continue;
      }
      if (!inside(after) || !LINKING.has(tokens[after]!.lower)) continue;
      const { k, negated } = skip(after, COPULA);
      // The evaluating word is the speaker's: not a passive participle ("England were criticised":
      // someone else's view), nor how the name feels ("CMF is concerned", "Apple has been hoping").
      let passive = false;
      for (let j = after; j < k; j += 1) passive ||= BE.has(tokens[j]!.lower);
      passive &&= inside(k) && tokens[k]!.pos === 'VERB' && /(ed|en)$/.test(tokens[k]!.lower);
      const describes = inside(k) && !passive && !FEELINGS.has(tokens[k]!.lower);
      const valence = describes ? VALENCE.get(tokens[k]!.lower) ?? 0 : 0;
      if (Math.abs(valence) >= 2 && !negated) push(target, Math.sign(valence), t);
    }
  }
  return found;
}
