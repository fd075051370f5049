// Directed stances between the entities of one sentence, from the stance pair encoder: every pair
// of named mentions of a sentence is read in the DSE scheme, and an edge is kept only when the
// encoder's best stance class reaches the threshold chosen in cross-validation on DSE train
// (scripts/train-stance-encoder.py) and the rules below let it through. Co-occurrence alone is
// never a stance.
import type { Doc, EntityCluster, Sentence, StanceAnnotation } from '../doc/doc.js';
import { CUE_POLARITY, NEGATIONS, STANCE_PATTERNS, SUBJECT_PRONOUNS, type Polarity } from '../stance/lexicons.js';
import type { PairClassifier } from '../stance/pair-encoder.js';
import { wordsAndTags } from '../stance/pair-input.js';
import type { LinearModel } from '../ml/linear-model.js';
import { ScoreSink } from '../ml/feature-sink.js';
import { emitStanceFeatures } from '../stance/stance-model.js';
import { VALENCE } from '../knowledge/valence.js';

/**
 * The rules of the stage, each one a switch or a threshold so that scripts/cv-stances.js can
 * measure what it is worth on train cross-validation (figures in the README).
 */
export interface StanceGates {
  /**
   * Where a word of stance must be: 'between' the names or just after the second (a stance verb of
   * the lexicon), anywhere in the 'sentence' (that, or a word of strong valence), or 'none' needed.
   */
  lexicalCue: 'between' | 'sentence' | 'none';
  /** ... and its polarity, when not denied, must be the encoder's. */
  cueAgrees: boolean;
  /**
   * The holder is the name nearest the cue on its side: in "target Islamic State positions, but the
   * U.S. accuses Russia" the holder of "accuses" is the U.S., not Islamic State.
   */
  nearestHolder: boolean;
  /**
   * The pair reads as holder, cue, target: for a -> b the cue sits between them and no other name
   * between the cue and b; for b -> a, b is an agent ("was blamed by X", "..., X said").
   */
  structure: boolean;
  /** "... are allied with al-Qaeda and fighting against": a verb after "<name> and" is not that name's. */
  sharedSubject: boolean;
  /** "would not oppose", "refused to criticise": a denied stance verb is no stance of its polarity. */
  deniedCue: boolean;
  /**
   * The holder is its clause's subject: not after "of", "to", "for" ("tribute to Ray Charles"), "in",
   * "at" ("filed in Los Angeles Superior Court, also accuses"), "on" ("called on Mr Clarke to
   * denounce"), after "with" only of an -ing verb ("with Alan Milburn accusing"), nor the place of "a US woman".
   */
  holderIsSubject: boolean;
  /** A place after "in", "at", "on" is where it happened, not the target ("criticised ... in New York"). */
  targetNotPlace: boolean;
  /** The cue is no adjective or plain noun: "best supporting actress", "a 3-1 defeat". */
  cueIsVerb: boolean;
  /** "Tidal owner Jay Z", "Donald Trump campaign manager Corey Lewandowski": a name in a person's title is part of the title. */
  titles: boolean;
  /** "Randy Forbes, like Coburn, criticized": a name in an aside after another name is neither side. */
  asides: boolean;
  /** "Laporte has been criticised for France's tactics": the subject of a passive cue is no holder. */
  passiveCue: boolean;
  /** "backing UK rap band", "The US network ... supported": a place or people before a common noun only modifies it. */
  modifierNotSide: boolean;
  /** "denies rift with Santini", "denies Blackadder TV comeback": a denial is a stance only of somebody's claims. */
  denialOfClaims: boolean;
  /** "welcomed by Apple fans", "warned PC users": a name (not a place or people) before its fans, users or critics is neither side. */
  outsidersNotSide: boolean;
  /** "Mr Forsyth has forgotten one key point; the terrorists who threaten Britain": a semicolon between the holder and the cue ends the holder's clause. */
  holderClause: boolean;
  /** "the coalition fighting the Islamic State, tweeted that he welcomed": a subject pronoun between the holder and the cue holds it, unless it is the holder's. */
  pronounSubject: boolean;
  /** "Pence blames media for Trump's flap": after the cue's object, a name in the reason after "for" is not the target. */
  reasonNotTarget: boolean;
  /** "Ed Balls rejected the allegation that Mr Brown had been sidelined": who a rejected claim is about is no target of the rejection. */
  claimSubjectNotTarget: boolean;
  /**
   * The linear model's reading is kept only when the pair encoder gives its polarity (either
   * direction) at least this probability (0: always kept). The two read different things, the
   * neighbours' words and the whole sentence; where the encoder doubts, the linear model is mostly
   * wrong on BBC ("Rangers had rarely threatened until Celtic goalkeeper Rab Douglas ...").
   */
  linearAgreement: number;
  /** The linear model's probability its reading needs, and without a stance word of the lexicon between the names. */
  linearMinimum: number;
  linearWithoutCue: number;
}

/** The linear model's reading is kept from this probability, and from this one without a stance word of the lexicon (README). */
const LINEAR_MIN_PROBABILITY = 0.7;
const LINEAR_WITHOUT_CUE = 0.8;
/** The encoder's probability a linear reading needs (StanceGates.linearAgreement): chosen on train CV of the stage and the judged BBC edges (docs/hand-check-stance-agreement.md). */
const LINEAR_AGREEMENT = 0.1;

export const SHIPPED_GATES: StanceGates = {
  lexicalCue: 'sentence', cueAgrees: true, nearestHolder: true, structure: true,
  sharedSubject: true, deniedCue: true, holderIsSubject: true, targetNotPlace: true, cueIsVerb: true, titles: true, asides: true, passiveCue: true, modifierNotSide: true, denialOfClaims: true, outsidersNotSide: true, holderClause: true, pronounSubject: true, reasonNotTarget: true, claimSubjectNotTarget: true, linearAgreement: LINEAR_AGREEMENT, linearMinimum: LINEAR_MIN_PROBABILITY, linearWithoutCue: LINEAR_WITHOUT_CUE,
};

/** Every rule off: the encoder reads every pair of names (scripts/cv-stances.js, export-stance-pairs.js). */
export const NO_GATES: StanceGates = {
  lexicalCue: 'none', cueAgrees: false, nearestHolder: false, structure: false,
  sharedSubject: false, deniedCue: false, holderIsSubject: false, targetNotPlace: false, cueIsVerb: false, titles: false, asides: false, passiveCue: false, modifierNotSide: false, denialOfClaims: false, outsidersNotSide: false, holderClause: false, pronounSubject: false, reasonNotTarget: false, claimSubjectNotTarget: false, linearAgreement: 0, linearMinimum: LINEAR_MIN_PROBABILITY, linearWithoutCue: LINEAR_WITHOUT_CUE,
};

/** The linear model reads neighbours no further apart than this, in tokens. */
const LINEAR_MAX_GAP = 12;
const NO_PAIRS: ReadonlySet<string> = new Set();
/** Pairs read per sentence are bounded: a list of twenty names is not twenty stances. */
const MAX_MENTIONS_PER_SENTENCE = 8;
const STANCE_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);
const PLACE_PREPOSITIONS = new Set(STANCE_PATTERNS.placePrepositions);
const PRIVATE_PERSONS = new Set(STANCE_PATTERNS.privatePersons);
const STATE_NOUNS = new Set(STANCE_PATTERNS.stateNouns);
const MODIFIER_TYPES = new Set(['GPE', 'NORP']);
const MAX_COMPOUND = 3;
const PEOPLE_NOUNS = new Set(STANCE_PATTERNS.peopleNouns);
const OUTSIDER_NOUNS = new Set(STANCE_PATTERNS.outsiderNouns);
/** Plural nouns of people by their ending: "reporters", "imperialists", "politicians". */
const PEOPLE_ENDINGS = /.{3}(ers|ists|ians)$/;
/** "the terrorists who threaten Britain today": a noun of time after a name modifies the verb, not the name. */
const TIME_NOUNS = new Set(['today', 'tonight', 'yesterday', 'tomorrow', 'now']);
const MAX_TITLE_WALK = 10;
const DETERMINERS = new Set(['the', 'a', 'an', 'their', 'his', 'her', 'its', 'our', 'this', 'that', 'these', 'those']);
const PLACE_TYPES = new Set(['GPE', 'LOC']);
const DENIALS = new Set(['deny', 'denies', 'denied', 'denying']);
/** "refused to criticise", "denied accusations that he threatened Gary Neville", "avoids condemning Russia's invasion": the stance after these is not taken. */
const REFUSALS = new Set(['refused', 'refuses', 'refuse', 'refusing', 'declined', 'declines', 'decline', 'declining', 'avoid', 'avoids', 'avoided', 'avoiding', ...DENIALS]);
/** What one can deny of somebody and so stand against them: "denied Ms Villalba's claims". */
const POSSESSIVE_MARKS = new Set(["'s", '’s', "'"]);
const CLAIM_NOUNS = new Set(['claim', 'claims', 'allegation', 'allegations', 'accusation', 'accusations', 'charge', 'charges', 'suggestion', 'suggestions', 'assertion', 'assertions', 'report', 'reports', 'story', 'account']);
const HOLDER_PREPOSITIONS = new Set(['of', 'to', 'for', 'about', 'against', 'in', 'at', 'on']);
const STANCE_NOUNS = new Set([...STANCE_PATTERNS.stanceNouns.positive, ...STANCE_PATTERNS.stanceNouns.negative]);
const COORDINATORS = new Set(['and', 'or', 'but']);
/** The reporting verbs that make a name after the quote its speaker. */
const REPORTING = new Set(['said', 'says', 'told', 'tells', 'added', 'adds', 'argued', 'argues', 'claimed', 'claims', 'insisted', 'insists', 'warned', 'warns', 'stated', 'explained', 'wrote', 'writes']);

interface Named { entity: number; firstToken: number; lastToken: number }

/** The two readers of pairs: the linear model over neighbours, the encoder over every pair (either may be left out). */
export interface StanceModels { linear: LinearModel | null; encoder: PairClassifier | null }

/** One model's reading of a pair of mentions i < j: a DSE class 1-4 and its probability. */
interface Reading { i: number; j: number; label: number; probability: number; byEncoder: boolean }

export function findStances(doc: Doc, entities: EntityCluster[], models: StanceModels, roles: ReadonlySet<string> = new Set(), gates: StanceGates = SHIPPED_GATES): StanceAnnotation[] {
  const bySentence = new Map<number, Named[]>();
  entities.forEach((e, entity) => {
    if (!STANCE_TYPES.has(e.type)) return;
    for (const m of e.mentions) {
      if (m.kind !== 'name') continue;
      // "anti-Semitism" read as a people: a name the gazetteer does not know starts with a capital.
      const initial = doc.text[m.start] ?? '';
      if (!m.canonical && initial !== initial.toUpperCase()) continue;
      const sentence = doc.tokens[m.firstToken]!.sentence;
      const named = { entity, firstToken: m.firstToken, lastToken: m.lastToken };
      // A place where something happens is neither side, and no wall between the two that are
      // ("running commercials in New York criticizing Mrs. Clinton").
      if (gates.targetNotPlace && e.type === 'GPE' && !canBeTarget(doc, named, roles)) continue;
      let list = bySentence.get(sentence);
      if (!list) bySentence.set(sentence, (list = []));
      list.push(named);
    }
  });
  const best = new Map<string, StanceAnnotation>();
  for (const [s, named] of bySentence) {
    named.sort((x, y) => x.firstToken - y.firstToken);
    // "Tidal owner Jay Z", "CIA chief John Brennan": a name in a person's title is part of the title.
    const titled = gates.titles ? named.filter((m, i) => !inTitleOf(doc, entities, m, named[i + 1], roles)) : named;
    // "Randy Forbes, like Coburn, criticized the Pentagon", "Mr Smith, the head of Oxfam, accused":
    // a name in an aside after another name stands between that one and the verb, not for it.
    const mentions = titled.filter((m, i) => i === 0 || !gates.asides || !inAside(doc, entities, titled[i - 1]!, m)).slice(0, MAX_MENTIONS_PER_SENTENCE);
    const sentence = doc.sentences[s]!;
    // The rules of the stage for one reading: the cue it rests on, or null when a rule rejects it.
    const allowed = (i: number, j: number, forward: boolean, polarity: Polarity, byEncoder: boolean) => ruledCue(doc, entities, mentions, i, j, forward, polarity, byEncoder, sentence, gates, roles);
    // The encoder reads only the pairs whose some reading the rules could let through: it is the stage's dearest part.
    const worthReading = (i: number, j: number) => mayPassGates(doc, mentions, i, j, sentence, gates, roles)
      && ([true, false] as const).some((forward) => (['positive', 'negative'] as const).some((polarity) => allowed(i, j, forward, polarity, true) !== null));
    const linear = neighbourReadings(doc, mentions, models.linear, gates.linearMinimum);
    for (const reading of modelReadings(doc, sentence, mentions, models.encoder, linear, gates.linearAgreement, worthReading)) {
      const { i, j, label, probability, byEncoder } = reading;
      const forward = label === 1 || label === 3;
      const [holder, target] = forward ? [mentions[i]!.entity, mentions[j]!.entity] : [mentions[j]!.entity, mentions[i]!.entity];
      const polarity: Polarity = label <= 2 ? 'positive' : 'negative';
      const cue = allowed(i, j, forward, polarity, byEncoder);
      if (!cue || (!byEncoder && !cue.lexical && probability < gates.linearWithoutCue)) continue;
      // Names joined to either end by "and" or a comma share its role: "Labour MPs criticised Tony
      // Blair and Gordon Brown", "Britain and France accused Russia".
      const [holders, targets] = forward ? [joinedBefore(doc, mentions, i), joinedAfter(doc, mentions, j)] : [joinedAfter(doc, mentions, j), joinedBefore(doc, mentions, i)];
      for (const h of [holder, ...holders]) {
        for (const t of [target, ...targets]) {
          if (h === t) continue;
          const key = `${h}>${t}>${polarity}`;
          if ((best.get(key)?.probability ?? 0) >= probability) continue;
          best.set(key, {
            holder: h, target: t, label: polarity, cue: { start: cue.start, end: cue.end },
            sentence: s, evidence: { start: sentence.start, end: sentence.end }, source: byEncoder ? 'encoder' : 'linear', probability,
          });
        }
      }
    }
  }
  // One sentence does not say both: two readings of the same pair in it with opposite polarities
  // ("the MPAA hopes to cripple BitTorrent's ability" read as hope and as harm) leave neither.
  const pairIn = (stance: StanceAnnotation) => `${stance.holder}>${stance.target}@${stance.sentence}`;
  const polarities = new Map<string, Set<Polarity>>();
  for (const stance of best.values()) polarities.set(pairIn(stance), (polarities.get(pairIn(stance)) ?? new Set<Polarity>()).add(stance.label));
  const kept = [...best.values()].filter((stance) => polarities.get(pairIn(stance))!.size === 1);
  return kept.sort((x, y) => x.evidence.start - y.evidence.start);
}

/**
 * The cue a reading of mentions i and j rests on, or null when a rule rejects it: the holder's
 * clause, the encoder's rules (StanceGates), a denied cue, a holder or target that cannot be one.
 */
function ruledCue(doc: Doc, entities: EntityCluster[], mentions: readonly Named[], i: number, j: number, forward: boolean, polarity: Polarity,
  byEncoder: boolean, sentence: Sentence, gates: StanceGates, roles: ReadonlySet<string>): { start: number; end: number; lexical: boolean; token: number } | null {
  const [a, b] = [mentions[i]!, mentions[j]!];
  // "... are allied with al-Qaeda and fighting against the Assad government": a verb joined by
  // "and" right after the first name has the sentence's subject, not that name, as its holder.
  if (gates.sharedSubject && forward && COORDINATORS.has(doc.tokens[a.lastToken + 1]?.lower ?? '') && doc.tokens[a.lastToken + 2]?.pos === 'VERB') return null;
  const cue = cueOf(doc, a.lastToken + 1, b.firstToken - 1, b.lastToken + 1, sentence.lastToken, byEncoder ? polarity : undefined);
  if (byEncoder && !passesGates(doc, mentions, i, j, forward, polarity, cue, sentence, gates, roles)) return null;
  const [holderName, targetName] = forward ? [a, b] : [b, a];
  // A denied cue the model read as if it were not ("would not oppose" read as opposing).
  const denied = gates.deniedCue && cue.lexical && CUE_POLARITY.get(doc.tokens[cue.token]!.lower) === polarity && isRefused(doc, cue.token);
  if (denied || (gates.holderIsSubject && !canHold(doc, entities, holderName, roles))) return null;
  // "Laporte has been criticised for France's tactics": the one before a passive cue is its object.
  if (gates.passiveCue && forward && cue.token > a.lastToken && cue.token < b.firstToken && isPassive(doc, cue.token)) return null;
  if ((gates.targetNotPlace && !canBeTarget(doc, targetName, roles)) || (gates.cueIsVerb && isAdjectival(doc, cue.token))) return null;
  if (gates.modifierNotSide && (isModifier(doc, entities, holderName) || isModifier(doc, entities, targetName))) return null;
  if (gates.denialOfClaims && DENIALS.has(doc.tokens[cue.token]!.lower) && !claimOf(doc, targetName)) return null;
  if (gates.outsidersNotSide && (isOutsiders(doc, entities, holderName) || isOutsiders(doc, entities, targetName))) return null;
  if (gates.holderClause && semicolonBetween(doc, holderName, cue.token)) return null;
  if (gates.pronounSubject && forward && otherSubjectBetween(doc, entities, holderName, cue.token)) return null;
  if (gates.reasonNotTarget && forward && isReason(doc, cue.token, targetName)) return null;
  if (gates.claimSubjectNotTarget && forward && REJECTIONS.has(doc.tokens[cue.token]!.lower) && claimBetween(doc, cue.token, targetName)) return null;
  return cue;
}

/**
 * The linear model's readings: neighbouring names only, as it was trained and measured (DSE dev
 * edge precision 94 alone). With another name between them the cue belongs to that one.
 */
function neighbourReadings(doc: Doc, mentions: readonly Named[], model: LinearModel | null, minimum: number): Reading[] {
  if (!model) return [];
  const readings: Reading[] = [];
  const scorer = new ScoreSink(model, NO_PAIRS);
  for (let i = 0; i + 1 < mentions.length; i += 1) {
    const [a, b] = [mentions[i]!, mentions[i + 1]!];
    if (a.entity === b.entity || b.firstToken <= a.lastToken || b.firstToken - a.lastToken > LINEAR_MAX_GAP) continue;
    emitStanceFeatures(doc, { aFirst: a.firstToken, aLast: a.lastToken, bFirst: b.firstToken, bLast: b.lastToken }, scorer.reset());
    const p = scorer.probabilities();
    let label = 0;
    for (let l = 1; l < p.length; l += 1) if (p[l]! > p[label]!) label = l;
    if (label !== 0 && p[label]! >= minimum) readings.push({ i, j: i + 1, label, probability: p[label]!, byEncoder: false });
  }
  return readings;
}

/**
 * The readings the stage weighs: the linear model's that the encoder agrees with (it gives their
 * polarity at least `agreement`; all of them without an encoder or with agreement 0), then the
 * encoder's own over every pair worth reading. One pass of the encoder over the sentence reads both.
 */
function modelReadings(doc: Doc, sentence: Sentence, mentions: readonly Named[], encoder: PairClassifier | null, linear: Reading[], agreement: number,
  worthReading: (i: number, j: number) => boolean): Reading[] {
  if (!encoder) return linear;
  const asked = agreement ? linear.filter(({ i, j }) => isInside(sentence, mentions[i]!) && isInside(sentence, mentions[j]!)) : [];
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < mentions.length; i += 1) {
    for (let j = i + 1; j < mentions.length; j += 1) {
      const [a, b] = [mentions[i]!, mentions[j]!];
      if (a.entity !== b.entity && b.firstToken > a.lastToken && isInside(sentence, a) && isInside(sentence, b) && worthReading(i, j)) pairs.push([i, j]);
    }
  }
  const all = [...pairs, ...asked.map(({ i, j }) => [i, j] as [number, number])];
  if (!all.length) return agreement ? [] : linear;
  const { words, tags } = wordsAndTags(doc, sentence.firstToken, sentence.lastToken);
  const ranges = mentions.map((m) => [m.firstToken - sentence.firstToken, m.lastToken - sentence.firstToken] as const);
  const read = encoder.classify(words, tags, ranges, all);
  // The linear reading's polarity in either direction: the encoder reads polarity better than who
  // holds it ("Toig was praised by Jay Z" read as Toig's praise), and the linear model reads passives.
  const polarityOf = (p: ArrayLike<number>, label: number) => (label <= 2 ? p[1]! + p[2]! : p[3]! + p[4]!);
  const agreed = agreement ? asked.filter((reading, c) => polarityOf(read[pairs.length + c]!, reading.label) >= agreement) : linear;
  const own: Reading[] = [];
  pairs.forEach(([i, j], c) => {
    const p = read[c]!;
    // The best stance class, kept when it reaches the threshold (neutral may still be likelier).
    let label = 1;
    for (let l = 2; l < p.length; l += 1) if (p[l]! > p[label]!) label = l;
    if (p[label]! >= encoder.threshold) own.push({ i, j, label, probability: p[label]!, byEncoder: true });
  });
  return [...agreed, ...own];
}

const isInside = (sentence: Sentence, m: Named) => m.firstToken >= sentence.firstToken && m.lastToken <= sentence.lastToken;

/**
 * Whether the rules could let any reading of mentions i and j through, whatever its class: the
 * rules of passesGates that do not depend on the reading, checked before the encoder runs.
 */
function mayPassGates(doc: Doc, mentions: readonly Named[], i: number, j: number, sentence: Sentence, gates: StanceGates, roles: ReadonlySet<string>): boolean {
  const [a, b] = [mentions[i]!, mentions[j]!];
  const lexical = () => cueOf(doc, a.lastToken + 1, b.firstToken - 1, b.lastToken + 1, sentence.lastToken).lexical;
  if (gates.lexicalCue === 'between' && !lexical()) return false;
  if (gates.lexicalCue === 'sentence' && !lexical() && !hasStanceWord(doc, sentence.firstToken, sentence.lastToken, a, b)) return false;
  // a -> b needs a cue between the two; b -> a needs b to act
  return !gates.structure || b.firstToken > a.lastToken + 1 || isAgent(doc, b, roles);
}

/** The rules around the encoder's reading of mentions i and j (StanceGates). */
function passesGates(doc: Doc, mentions: readonly Named[], i: number, j: number, forward: boolean, polarity: string,
  cue: { lexical: boolean; token: number }, sentence: Sentence, gates: StanceGates, roles: ReadonlySet<string>): boolean {
  const [a, b] = [mentions[i]!, mentions[j]!];
  if (gates.lexicalCue === 'between' && !cue.lexical) return false;
  if (gates.lexicalCue === 'sentence' && !cue.lexical && !hasStanceWord(doc, sentence.firstToken, sentence.lastToken, a, b)) return false;
  if (gates.nearestHolder && nameBetweenHolderAndCue(doc, mentions, i, j, forward, cue.token)) return false;
  if (gates.structure && !(forward ? cueReachesTarget(doc, mentions, i, j, cue.token) : isAgent(doc, b, roles))) return false;
  const cuePolarity = cue.lexical ? CUE_POLARITY.get(doc.tokens[cue.token]!.lower) : undefined;
  // "Bogdanovic was warned by the Lawn Tennis Association" read as praise: the cue says otherwise.
  return !(gates.cueAgrees && cuePolarity && cuePolarity !== polarity && !isRefused(doc, cue.token));
}

/**
 * Whether another name (not one joined to the holder by "and") stands between the holder and the
 * cue: for a -> b, a name after a and before the cue; for b -> a, one after the cue and before b.
 */
function nameBetweenHolderAndCue(doc: Doc, mentions: readonly Named[], i: number, j: number, forward: boolean, cue: number): boolean {
  const [a, b] = [mentions[i]!, mentions[j]!];
  const joined = new Set(forward ? joinedAfter(doc, mentions, i) : joinedBefore(doc, mentions, j));
  for (let k = i + 1; k < j; k += 1) {
    const m = mentions[k]!;
    if (m.entity === a.entity || m.entity === b.entity || joined.has(m.entity)) continue;
    // "allied with al-Qaeda and fighting against": an object before "and" and a verb holds nothing.
    if (COORDINATORS.has(doc.tokens[m.lastToken + 1]?.lower ?? '') && doc.tokens[m.lastToken + 2]?.pos === 'VERB') continue;
    if (forward ? m.lastToken < cue : m.firstToken > cue) return true;
  }
  return false;
}

/** For a -> b: the cue sits between the two, and no other name (but those joined to b) between the cue and b. */
function cueReachesTarget(doc: Doc, mentions: readonly Named[], i: number, j: number, cue: number): boolean {
  const [a, b] = [mentions[i]!, mentions[j]!];
  if (cue <= a.lastToken || cue >= b.firstToken) return false;
  const joined = new Set(joinedBefore(doc, mentions, j));
  for (let k = i + 1; k < j; k += 1) {
    const m = mentions[k]!;
    if (m.firstToken > cue && m.entity !== a.entity && m.entity !== b.entity && !joined.has(m.entity)) return false;
  }
  return true;
}

/** "was blamed by Labour", "..., said Mr Rato", "..., Mr Rato said": the later name acts. */
function isAgent(doc: Doc, name: Named, roles: ReadonlySet<string>): boolean {
  const before = wordBefore(doc, name, roles);
  if (before === 'by' || REPORTING.has(before)) return true;
  return REPORTING.has(doc.tokens[name.lastToken + 1]?.lower ?? '');
}

/** Valence this strong (AFINN, -5..5) makes a word of stance. */
const STRONG_VALENCE = 2;

/** Whether a stance verb of the lexicon or a word of strong valence sits in the sentence, outside the two names. */
function hasStanceWord(doc: Doc, from: number, to: number, a: Named, b: Named): boolean {
  for (let t = from; t <= to; t += 1) {
    if ((t >= a.firstToken && t <= a.lastToken) || (t >= b.firstToken && t <= b.lastToken)) continue;
    const word = doc.tokens[t]!.lower;
    if (CUE_POLARITY.has(word) || Math.abs(VALENCE.get(word) ?? 0) >= STRONG_VALENCE) return true;
  }
  return false;
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
function cueOf(doc: Doc, from: number, to: number, afterFrom: number, afterTo: number, polarity?: string): { start: number; end: number; lexical: boolean; token: number } {
  const { tokens } = doc;
  const at = (t: number, lexical: boolean) => ({ start: tokens[t]!.start, end: tokens[t]!.end, lexical, token: t });
  // "are allied with al-Qaeda and fighting against the Assad government": of two cue words, the one of the stance read.
  for (let t = from; t <= to; t += 1) if (polarity && CUE_POLARITY.get(tokens[t]!.lower) === polarity) return at(t, true);
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
  if (!next || entities[next.entity]!.type !== 'PERSON') return false;
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
const canHold = (doc: Doc, entities: EntityCluster[], name: Named, roles: ReadonlySet<string>) => {
  const before = wordBefore(doc, name, roles);
  // "appeared with MSNBC's Rachel Maddow and officially endorsed", but "with Alan Milburn accusing
  // Mr Howard": a name after "with" holds only the -ing verb right after it.
  if (before === 'with') return doc.tokens[name.lastToken + 1]?.pos === 'VERB' && /ing$/.test(doc.tokens[name.lastToken + 1]!.lower);
  return !HOLDER_PREPOSITIONS.has(before) && !(PLACE_TYPES.has(entities[name.entity]!.type) && PRIVATE_PERSONS.has(doc.tokens[name.lastToken + 1]?.lower ?? ''));
};

/** A target is what the cue is about, not where it happened ("praised ministers ... in England", "criticised ... on GMTV"). */
const canBeTarget = (doc: Doc, name: Named, roles: ReadonlySet<string>) => {
  const before = beforeTitles(doc, name, roles);
  if (before < 0 || !PLACE_PREPOSITIONS.has(doc.tokens[before]!.lower)) return true;
  // "an attack on Conservative plans": the preposition of a stance word is its target's.
  const head = doc.tokens[before - 1]?.lower ?? '';
  return CUE_POLARITY.has(head) || STANCE_NOUNS.has(head);
};

/**
 * A place or people that only modifies the common noun after it ("UK rap band", "British theatre",
 * "Kashmir moves"), unless the noun speaks for it ("US officials", "Conservative claims") or is the
 * stance itself ("Conservative backing for").
 */
function isModifier(doc: Doc, entities: EntityCluster[], name: Named): boolean {
  if (!MODIFIER_TYPES.has(entities[name.entity]!.type)) return false;
  const sentence = doc.tokens[name.lastToken]!.sentence;
  // The compound after the name: "UK rap band", "Conservative spending plans".
  const compound: string[] = [];
  for (let t = name.lastToken + 1; compound.length < MAX_COMPOUND; t += 1) {
    const token = doc.tokens[t];
    const initial = token ? doc.text[token.start] ?? '' : '';
    if (!token || token.pos !== 'NOUN' || token.sentence !== sentence || initial !== initial.toLowerCase()) break;
    compound.push(token.lower);
  }
  if (!compound.length || TIME_NOUNS.has(compound[0]!)) return false;
  return !compound.some((noun) => STATE_NOUNS.has(noun) || isPeople(noun) || STANCE_NOUNS.has(noun) || CUE_POLARITY.has(noun));
}

/** Each document's pronoun mentions: token -> entity (built once per Doc). */
const pronounOwners = new WeakMap<Doc, Map<number, number>>();

/** Whether a subject pronoun that is not the holder's stands between the holder and the cue at t. */
function otherSubjectBetween(doc: Doc, entities: EntityCluster[], holder: Named, t: number): boolean {
  let owners = pronounOwners.get(doc);
  if (!owners) {
    owners = new Map();
    entities.forEach((e, entity) => { for (const m of e.mentions) if (m.kind === 'pronoun') owners!.set(m.firstToken, entity); });
    pronounOwners.set(doc, owners);
  }
  for (let k = holder.lastToken + 1; k < t; k += 1) {
    if (SUBJECT_PRONOUNS.has(doc.tokens[k]!.lower) && owners.get(k) !== holder.entity && !reportsSelf(doc, holder.lastToken + 1, k)) return true;
  }
  return false;
}

/**
 * Whether tokens [from, to) are the holder's own words of saying before the pronoun, so that it is
 * the holder: "Cuban also said he supports", "Senate Republicans have already said they would",
 * "Clinton: I support" (not "Pate also told Breitbart News he'd support").
 */
function reportsSelf(doc: Doc, from: number, to: number): boolean {
  let k = from;
  while (k < to && (doc.tokens[k]!.pos === 'ADV' || doc.tokens[k]!.pos === 'AUX')) k += 1;
  if (k < to && (REPORTING.has(doc.tokens[k]!.lower) || doc.tokens[k]!.text === ':')) k += 1;
  else return false;
  while (k < to && (doc.tokens[k]!.lower === 'that' || doc.tokens[k]!.pos === 'PUNCT')) k += 1;
  return k === to;
}

/**
 * Whether the target is in the reason after the verb's object, not its object: "blamed the network
 * for reporting that Ben Carson ...", "blames media for Trump's flap"; not "protect funding for
 * Planned Parenthood", "filed a lawsuit for defamation against Conte". ("Of" is read otherwise: DSE
 * and BBC mark what "accused X of ..." implicates, and "praised the work of Ms Hutt" is praise of her.)
 */
function isReason(doc: Doc, cue: number, target: Named): boolean {
  if (doc.tokens[cue]!.pos !== 'VERB' || target.firstToken <= cue) return false;
  let object = false;
  let reason = -1;
  for (let k = cue + 1; k < target.firstToken && reason < 0; k += 1) {
    const token = doc.tokens[k]!;
    if (token.lower === 'for' && object) reason = k;
    object ||= token.pos === 'NOUN' || token.pos === 'PROPN' || token.pos === 'PRON';
  }
  if (reason < 0) return false;
  let verb = false;
  for (let k = reason + 1; k < target.firstToken; k += 1) {
    // "thanked fans for supporting OutKast": a stance word of the reason's own reaches the name.
    if (doc.tokens[k]!.lower === 'against' || CUE_POLARITY.has(doc.tokens[k]!.lower)) return false;
    verb ||= doc.tokens[k]!.pos === 'VERB';
  }
  // "for Trump's flap": the name owns the reason.
  return verb || POSSESSIVE_MARKS.has(doc.tokens[target.lastToken + 1]?.lower ?? '');
}

/** Cues that reject what is said: the claims they name are someone else's, about someone. */
const REJECTIONS = new Set(['reject', 'rejects', 'rejected', 'rejecting', 'dismiss', 'dismisses', 'dismissed', 'dismissing', 'refute', 'refutes', 'refuted', 'refuting', ...DENIALS]);
/** What is rejected when a claim is: "claims that", "the allegation that", "the jibe", "reports of". */
const REJECTED_NOUNS = new Set([...CLAIM_NOUNS, 'jibe', 'jibes', 'criticism', 'criticisms', 'speculation', 'rumours', 'rumors', 'suggestion', 'talk', 'idea', 'notion']);

/**
 * Whether a claim noun stands between the cue and the target: "rejected claims that she and sister
 * Venus are ..."; not one whose maker follows ("rejected criticism from ... Donald Trump").
 */
function claimBetween(doc: Doc, cue: number, target: Named): boolean {
  for (let k = cue + 1; k < target.firstToken; k += 1) {
    if (REJECTED_NOUNS.has(doc.tokens[k]!.lower) && !CLAIM_MAKERS.has(doc.tokens[k + 1]?.lower ?? '')) return true;
  }
  return false;
}

const CLAIM_MAKERS = new Set(['from', 'by']);

/** Whether a semicolon stands between the name and token t, on either side. */
function semicolonBetween(doc: Doc, name: Named, t: number): boolean {
  const [from, to] = t > name.lastToken ? [name.lastToken + 1, t - 1] : [t + 1, name.firstToken - 1];
  for (let k = from; k <= to; k += 1) if (doc.tokens[k]!.text === ';') return true;
  return false;
}

/** "Apple fans", "PC users", "Liverpool supporters": a name other than a place's before the nouns of its outsiders. */
function isOutsiders(doc: Doc, entities: EntityCluster[], name: Named): boolean {
  if (MODIFIER_TYPES.has(entities[name.entity]!.type)) return false;
  const sentence = doc.tokens[name.lastToken]!.sentence;
  // "LG Card's creditors": its outsiders are its own too.
  const first = POSSESSIVE_MARKS.has(doc.tokens[name.lastToken + 1]?.lower ?? '') ? name.lastToken + 2 : name.lastToken + 1;
  for (let t = first; t < first + MAX_COMPOUND; t += 1) {
    const token = doc.tokens[t];
    if (!token || token.sentence !== sentence || token.pos !== 'NOUN') return false;
    if (OUTSIDER_NOUNS.has(token.lower)) return true;
  }
  return false;
}

/** People of a place, who are a side of it ("Israeli politicians applauded", "accuses British sprinters", "Christian teachers"). */
const isPeople = (noun: string) => PRIVATE_PERSONS.has(noun) || PEOPLE_NOUNS.has(noun) || PEOPLE_ENDINGS.test(noun);

/** "denied Ms Villalba's claims", "denied Conservative claims": a claim noun of the name's, just after it. */
function claimOf(doc: Doc, name: Named): boolean {
  const sentence = doc.tokens[name.lastToken]!.sentence;
  for (let t = name.lastToken + 1; t <= name.lastToken + 3; t += 1) {
    const token = doc.tokens[t];
    if (!token || token.sentence !== sentence) return false;
    if (CLAIM_NOUNS.has(token.lower)) return true;
    if (!POSSESSIVE_MARKS.has(token.lower) && token.pos !== 'ADJ' && token.pos !== 'NOUN') return false;
  }
  return false;
}

/** Forms of "be" and "get" that make a participle after them passive ("has been criticised", "were heavily criticised", "got booed"). */
const PASSIVE_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", 'get', 'gets', 'got', 'getting']);

/** Whether the cue is a participle in the passive: a form of "be" or "get" before it, at most two adverbs between ("was roundly criticised"). */
function isPassive(doc: Doc, cue: number): boolean {
  const { tokens } = doc;
  if (tokens[cue]!.pos !== 'VERB' || !/(ed|en|wn|ught|lt)$/.test(tokens[cue]!.lower)) return false;
  for (let t = cue - 1; t >= cue - 3 && t >= 0; t -= 1) {
    if (PASSIVE_AUXILIARIES.has(tokens[t]!.lower)) return true;
    if (tokens[t]!.pos !== 'ADV' && tokens[t]!.pos !== 'PART') return false;
  }
  return false;
}

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
