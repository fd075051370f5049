// Directed stances between the entities of one sentence, from the trained stance model: every pair
// of named mentions is read in the DSE scheme, and an edge is kept only when the model is
// confident it is not neutral. Co-occurrence alone is never a stance.
import type { Doc, EntityCluster, StanceAnnotation } from '../doc/doc.js';
import type { LinearModel } from '../ml/linear-model.js';
import { ScoreSink } from '../ml/feature-sink.js';
import { CUE_POLARITY, NEGATIONS, STANCE_PATTERNS } from '../stance/lexicons.js';
import { emitStanceFeatures } from '../stance/stance-model.js';

/** A stance needs this probability: precision first, as the summary relies on these edges. */
const MIN_PROBABILITY = 0.65;
/**
 * ... and this one when no stance word of the lexicon carries it (the cue is then only the first
 * verb between, often "said"): a sample of 30 BBC politics edges was 70% right, and 19 of its 23
 * with a lexicon cue; on BBC politics this drops 36 of 162 edges, of which about a quarter were right.
 * DSE dev loses no correct edge.
 */
const MIN_PROBABILITY_WITHOUT_CUE = 0.8;
/** Pairs read per sentence are bounded: a list of twenty names is not twenty stances. */
const MAX_MENTIONS_PER_SENTENCE = 8;
const STANCE_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
/** Two names further apart than this, in tokens, are read as unrelated. */
const MAX_GAP = 12;

const NO_PAIRS: ReadonlySet<string> = new Set();
const PLACE_PREPOSITIONS = new Set(STANCE_PATTERNS.placePrepositions);
const PRIVATE_PERSONS = new Set(STANCE_PATTERNS.privatePersons);
const MAX_TITLE_WALK = 10;
const DETERMINERS = new Set(['the', 'a', 'an', 'their', 'his', 'her', 'its', 'our', 'this', 'that', 'these', 'those']);
const PLACE_TYPES = new Set(['GPE', 'LOC']);
const REFUSALS = new Set(['refused', 'refuses', 'refuse', 'refusing', 'declined', 'declines', 'decline', 'declining']);
const HOLDER_PREPOSITIONS = new Set(['of', 'to', 'for', 'about', 'against']);
const STANCE_NOUNS = new Set([...STANCE_PATTERNS.stanceNouns.positive, ...STANCE_PATTERNS.stanceNouns.negative]);
const COORDINATORS = new Set(['and', 'or', 'but']);

interface Named { entity: number; firstToken: number; lastToken: number }

export function findStances(doc: Doc, entities: EntityCluster[], model: LinearModel, roles: ReadonlySet<string> = new Set()): StanceAnnotation[] {
  const bySentence = new Map<number, Named[]>();
  entities.forEach((e, entity) => {
    if (!STANCE_TYPES.has(e.type)) return;
    for (const m of e.mentions) {
      if (m.kind !== 'name') continue;
      const sentence = doc.tokens[m.firstToken]!.sentence;
      const named = { entity, firstToken: m.firstToken, lastToken: m.lastToken };
      // A place where something happens is neither side, and no wall between the two that are
      // ("running commercials in New York criticizing Mrs. Clinton").
      if (e.type === 'GPE' && !canBeTarget(doc, named, roles)) continue;
      let list = bySentence.get(sentence);
      if (!list) bySentence.set(sentence, (list = []));
      list.push(named);
    }
  });
  const best = new Map<string, StanceAnnotation & { p: number }>();
  const scorer = new ScoreSink(model, NO_PAIRS);
  for (const [s, named] of bySentence) {
    named.sort((x, y) => x.firstToken - y.firstToken);
    // "Tidal owner Jay Z", "CIA chief John Brennan": a name in a person's title is part of the title.
    const titled = named.filter((m, i) => !inTitleOf(doc, entities, m, named[i + 1], roles));
    // "Randy Forbes, like Coburn, criticized the Pentagon", "Mr Smith, the head of Oxfam, accused":
    // a name in an aside after another name stands between that one and the verb, not for it.
    const mentions = titled.filter((m, i) => i === 0 || !inAside(doc, entities, titled[i - 1]!, m)).slice(0, MAX_MENTIONS_PER_SENTENCE);
    const sentence = doc.sentences[s]!;
    // Only neighbours: with another name between them, the cue belongs to that one (the holder of
    // "accuses" in "... Islamic State positions in Syria, but the U.S. accuses Russia" is the U.S.).
    for (let i = 0; i < mentions.length; i += 1) {
      for (let j = i + 1; j < mentions.length && j <= i + 1; j += 1) {
        const a = mentions[i]!;
        const b = mentions[j]!;
        if (a.entity === b.entity || b.firstToken <= a.lastToken || b.firstToken - a.lastToken > MAX_GAP) continue;
        emitStanceFeatures(doc, { aFirst: a.firstToken, aLast: a.lastToken, bFirst: b.firstToken, bLast: b.lastToken }, scorer.reset());
        const p = scorer.probabilities();
        let label = 0;
        for (let l = 1; l < p.length; l += 1) if (p[l]! > p[label]!) label = l;
        if (label === 0 || p[label]! < MIN_PROBABILITY) continue;
        const forward = label === 1 || label === 3;
        const [holder, target] = forward ? [a.entity, b.entity] : [b.entity, a.entity];
        // "... are allied with al-Qaeda and fighting against the Assad government": a verb joined by
        // "and" right after the first name has the sentence's subject, not that name, as its holder.
        if (forward && COORDINATORS.has(doc.tokens[a.lastToken + 1]?.lower ?? '') && doc.tokens[a.lastToken + 2]?.pos === 'VERB') continue;
        const cue = cueOf(doc, a.lastToken + 1, b.firstToken - 1, b.lastToken + 1, sentence.lastToken);
        if (!cue.lexical && p[label]! < MIN_PROBABILITY_WITHOUT_CUE) continue;
        const [holderName, targetName] = forward ? [a, b] : [b, a];
        const polarity = label <= 2 ? 'positive' : 'negative';
        // A denied cue the model read as if it were not ("would not oppose" read as opposing).
        const denied = cue.lexical && CUE_POLARITY.get(doc.tokens[cue.token]!.lower) === polarity && isRefused(doc, cue.token);
        if (!canHold(doc, entities, holderName, roles) || !canBeTarget(doc, targetName, roles) || isAdjectival(doc, cue.token) || denied) continue;
        // Names joined to either end by "and" or a comma share its role: "Labour MPs criticised Tony
        // Blair and Gordon Brown", "Britain and France accused Russia".
        const [holders, targets] = forward ? [joinedBefore(doc, mentions, i), joinedAfter(doc, mentions, j)] : [joinedAfter(doc, mentions, j), joinedBefore(doc, mentions, i)];
        for (const h of [holder, ...holders]) {
          for (const t of [target, ...targets]) {
            if (h === t) continue;
            const key = `${h}>${t}>${polarity}`;
            if ((best.get(key)?.p ?? 0) >= p[label]!) continue;
            best.set(key, {
              holder: h, target: t, label: polarity, cue: { start: cue.start, end: cue.end },
              sentence: s, evidence: { start: sentence.start, end: sentence.end }, p: p[label]!,
            });
          }
        }
      }
    }
  }
  return [...best.values()].sort((x, y) => x.evidence.start - y.evidence.start).map(({ p: _p, ...stance }) => stance);
}

/**
 * Whether the tokens between two names only join them: "and", "or", ", and". Not a comma alone,
 * which as often sets off an apposition ("the Victims of Crime Trust, Norman Brennan, accused").
 */
function joins(doc: Doc, from: number, to: number): boolean {
  const words = [];
  for (let t = from; t <= to; t += 1) words.push(doc.tokens[t]!.lower);
  const gap = words.join(' ');
  return gap === 'and' || gap === 'or' || gap === ', and';
}

/** The entities of the names joined, one after another, to the left of mention i. */
function joinedBefore(doc: Doc, mentions: readonly Named[], i: number): number[] {
  const joined: number[] = [];
  for (let k = i - 1; k >= 0 && joins(doc, mentions[k]!.lastToken + 1, mentions[k + 1]!.firstToken - 1); k -= 1) joined.push(mentions[k]!.entity);
  return joined;
}

/** The entities of the names joined, one after another, to the right of mention j. */
function joinedAfter(doc: Doc, mentions: readonly Named[], j: number): number[] {
  const joined: number[] = [];
  for (let k = j + 1; k < mentions.length && joins(doc, mentions[k - 1]!.lastToken + 1, mentions[k]!.firstToken - 1); k += 1) joined.push(mentions[k]!.entity);
  return joined;
}

/**
 * The words that carry the stance: a cue word of the lexicon between the two (or just after), else
 * the first verb between; `lexical` says whether it came from the lexicon.
 */
function cueOf(doc: Doc, from: number, to: number, afterFrom: number, afterTo: number): { start: number; end: number; lexical: boolean; token: number } {
  const { tokens } = doc;
  const at = (t: number, lexical: boolean) => ({ start: tokens[t]!.start, end: tokens[t]!.end, lexical, token: t });
  for (let t = from; t <= to; t += 1) if (CUE_POLARITY.has(tokens[t]!.lower)) return at(t, true);
  for (let t = afterFrom; t <= Math.min(afterTo, afterFrom + 2); t += 1) if (CUE_POLARITY.has(tokens[t]!.lower)) return at(t, true);
  for (let t = from; t <= to; t += 1) if (tokens[t]!.pos === 'VERB') return at(t, false);
  const last = Math.max(0, from - 1);
  return to >= from ? { start: tokens[from]!.start, end: tokens[to]!.end, lexical: false, token: from } : at(last, false);
}

/**
 * The token before a name's phrase, past its titles ("of soul legend Ray Charles" -> "of"); a
 * preposition inside a title ("minister of sport Jaime Lissavetzky") and one that opens the sentence
 * ("On Monday school inspection chief David Bell") do not count: -1 then.
 */
function beforeTitles(doc: Doc, name: Named, roles: ReadonlySet<string>): number {
  const { tokens } = doc;
  const sentence = tokens[name.firstToken]!.sentence;
  const isTitleWord = (t: number) => tokens[t]!.sentence === sentence
    && (tokens[t]!.pos === 'NOUN' || tokens[t]!.pos === 'PROPN' || (tokens[t]!.pos === 'ADJ' && tokens[t]!.text !== tokens[t]!.lower));
  let t = name.firstToken - 1;
  // Titles are short: a run of capitalised words longer than this is read no further.
  const stop = name.firstToken - MAX_TITLE_WALK;
  for (;;) {
    while (t >= 0 && t > stop && isTitleWord(t)) t -= 1;
    if (t <= stop) return -1;
    if (t < 0 || tokens[t]!.sentence !== sentence || t === doc.sentences[sentence]!.firstToken) return -1;
    if (tokens[t]!.pos === 'ADP' && roles.has(tokens[t - 1]?.lower ?? '')) { t -= 1; continue; }
    return t;
  }
}

/** The word of beforeTitles, "" when there is none. */
const wordBefore = (doc: Doc, name: Named, roles: ReadonlySet<string>) => {
  const t = beforeTitles(doc, name, roles);
  return t < 0 ? '' : doc.tokens[t]!.lower;
};

/** Whether `name` (not a person) is followed by role words and then by `next`, a person: their title. */
function inTitleOf(doc: Doc, entities: EntityCluster[], name: Named, next: Named | undefined, roles: ReadonlySet<string>): boolean {
  if (!next || entities[name.entity]!.type === 'PERSON' || entities[next.entity]!.type !== 'PERSON') return false;
  const gap = next.firstToken - name.lastToken - 1;
  if (gap < 1 || gap > 3) return false;
  let role = false;
  for (let t = name.lastToken + 1; t < next.firstToken; t += 1) {
    const token = doc.tokens[t]!;
    if (token.pos !== 'NOUN' && token.pos !== 'PROPN' && token.lower !== "'s" && token.lower !== '’s') return false;
    role ||= roles.has(token.lower);
  }
  return role;
}

/** Whether `name` sits in an aside set off by commas or brackets right after `before`: "X, like Y, ...", "X (Y) ...". */
function inAside(doc: Doc, entities: EntityCluster[], before: Named, name: Named): boolean {
  const { tokens } = doc;
  const open = tokens[before.lastToken + 1]?.text;
  if (open !== ',' && open !== '(') return false;
  if (name.firstToken - before.lastToken - 1 > 5) return false;
  // "director of the Victims of Crime Trust, Norman Brennan, accused": the person the aside names is the subject.
  if (entities[name.entity]!.type === 'PERSON' && entities[before.entity]!.type !== 'PERSON') return false;
  // "Enrico Bondi, sued Morgan Stanley, its former banker": a verb before it makes it no aside.
  for (let t = before.lastToken + 2; t < name.firstToken; t += 1) if (tokens[t]!.pos === 'VERB' || tokens[t]!.pos === 'AUX') return false;
  const close = open === ',' ? ',' : ')';
  for (let t = name.lastToken + 1; t <= name.lastToken + 4 && t < tokens.length; t += 1) {
    if (tokens[t]!.text === close) return true;
    if (tokens[t]!.pos === 'VERB' || tokens[t]!.pos === 'PUNCT') return false;
  }
  return false;
}

/**
 * A holder is the subject of its clause: not inside a prepositional phrase ("tribute to soul legend
 * Ray Charles, who died ..., and thanked"), nor a place that only says where someone is from ("a US
 * woman is suing").
 */
const canHold = (doc: Doc, entities: EntityCluster[], name: Named, roles: ReadonlySet<string>) => !HOLDER_PREPOSITIONS.has(wordBefore(doc, name, roles))
  && !(PLACE_TYPES.has(entities[name.entity]!.type) && PRIVATE_PERSONS.has(doc.tokens[name.lastToken + 1]?.lower ?? ''));

/** A target is what the cue is about, not where it happened ("praised ministers ... in England", "criticised ... on GMTV"). */
const canBeTarget = (doc: Doc, name: Named, roles: ReadonlySet<string>) => {
  const before = beforeTitles(doc, name, roles);
  if (before < 0 || !PLACE_PREPOSITIONS.has(doc.tokens[before]!.lower)) return true;
  // "an attack on Conservative plans": the preposition of a stance word is its target's.
  const head = doc.tokens[before - 1]?.lower ?? '';
  return CUE_POLARITY.has(head) || STANCE_NOUNS.has(head);
};

/** "did not criticise", "refused to point the finger of blame at": the stance is denied. */
function isRefused(doc: Doc, cue: number): boolean {
  const sentence = doc.tokens[cue]!.sentence;
  for (let t = cue - 1; t >= 0 && t >= cue - 6 && doc.tokens[t]!.sentence === sentence; t -= 1) {
    const word = doc.tokens[t]!.lower;
    if ((NEGATIONS.has(word) && cue - t <= 3) || REFUSALS.has(word)) return true;
    if (doc.tokens[t]!.pos === 'PUNCT') return false;
  }
  return false;
}

/**
 * The cue word is no verb: "best supporting actress" (an adjective), "the defeats against Wales and
 * France", "a 3-1 defeat" (a noun after its determiner, and not one of the stance nouns).
 */
function isAdjectival(doc: Doc, cue: number): boolean {
  const { tokens } = doc;
  if (tokens[cue]!.lower === 'supporting' && tokens[cue + 1]?.pos === 'NOUN') return true;
  if (tokens[cue]!.pos !== 'NOUN' || STANCE_NOUNS.has(tokens[cue]!.lower)) return false;
  return [1, 2].some((k) => DETERMINERS.has(tokens[cue - k]?.lower ?? ''));
}
