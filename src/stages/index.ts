// The whole registry of pipeline stages, in order. Each adds one annotation to the Doc.
import type { AnnotatedDoc, EntityCluster, Span, StanceAnnotation, ToneAnnotation } from '../doc/doc.js';
import { findNameMentions } from './find-name-mentions.js';
import { mergeAliases } from './merge-aliases.js';
import { resolvePronouns } from './resolve-pronouns.js';
import { resolveNominals } from './resolve-nominals.js';
import { findQuotes } from './find-quotes.js';
import { readGenders } from './read-genders.js';
import { findStances, SHIPPED_GATES } from './find-stances.js';
import { shippedStanceModel } from '../stance/stance-model.js';
import { findStancePatterns } from './find-stance-patterns.js';
import { findSpeakerStances } from './find-speaker-stances.js';
import { articleToneToward, shippedToneModel, toneToward, type ToneModel } from '../tone/tone-model.js';
import { shippedPairEncoder, withThreshold } from '../stance/pair-encoder.js';
import { encoderToneToward } from '../tone/tone-encoder.js';
import type { Annotation, Stage, StageContext } from './stage.js';

export type { Stage, StageContext } from './stage.js';

export const mentions: Stage = {
  name: 'mentions', needs: ['tokens'], adds: 'mentions',
  run: (doc, { gazetteer, tagger }) => { doc.mentions = findNameMentions(doc, gazetteer, tagger); },
};

export const entities: Stage = {
  name: 'entities', needs: ['mentions'], adds: 'entities',
  run: (doc, { gazetteer }) => { doc.entities = mergeAliases(doc, doc.mentions!, gazetteer); },
};

const NUMERIC_TYPES = new Set(['DATE', 'TIME', 'PERCENT', 'MONEY', 'QUANTITY', 'ORDINAL', 'CARDINAL']);
export const MAX_TONE_MENTIONS = 20;
const MIN_SUBJECT_MENTIONS = 3;

/**
 * A person the article is about (named three times or more): the tone toward them is read as the
 * article's attitude, calibrated on PerSenT's article labels (articleToneToward). Other things keep
 * the plain mean over their mentions: PerSenT says nothing about places, organisations, or people
 * named in passing.
 */
export const isArticleSubject = (entity: EntityCluster): boolean => entity.type === 'PERSON' && entity.mentions.length >= MIN_SUBJECT_MENTIONS;

/** The tone toward an entity over its mentions: the article's attitude when it is a subject. */
function entityTone(doc: AnnotatedDoc, model: ToneModel, entity: EntityCluster, spans: Span[]): ToneAnnotation {
  return isArticleSubject(entity) ? articleToneToward(doc, model, spans) : toneToward(doc, model, spans);
}

export const pronouns: Stage = {
  name: 'pronouns', needs: ['entities'], adds: 'pronouns',
  run: (doc, { gazetteer }) => resolvePronouns(doc, doc.entities!, gazetteer.firstNameSex),
};

export const tone: Stage = {
  name: 'tone', needs: ['entities'], adds: 'tone',
  run: (doc) => {
    const model = shippedToneModel();
    // Tone toward a date or an amount means nothing: those stay neutral, unscored. A long run of
    // mentions is read up to MAX_TONE_MENTIONS, which bounds the cost of a much-named entity.
    doc.entityTones = doc.entities!.map((e) => (NUMERIC_TYPES.has(e.type)
      ? { label: 'neutral', score: 0 }
      : entityTone(doc, model, e, e.mentions.slice(0, MAX_TONE_MENTIONS))));
  },
};

export const nominals: Stage = {
  name: 'nominals', needs: ['entities'], adds: 'nominals',
  run: (doc, { gazetteer }) => resolveNominals(doc, doc.entities!, gazetteer.lexicon.roles),
};

export const genders: Stage = {
  name: 'genders', needs: ['entities', 'pronouns', 'nominals'], adds: 'genders',
  run: (doc) => { doc.genders = readGenders(doc, doc.entities!); },
};

export const quotes: Stage = {
  name: 'quotes', needs: ['entities', 'pronouns', 'nominals'], adds: 'quotes',
  run: (doc, { reporting, gazetteer }) => { doc.quotes = findQuotes(doc, doc.entities!, reporting, gazetteer.lexicon.titles); },
};

export const stances: Stage = {
  name: 'stances', needs: ['entities', 'quotes'], adds: 'stances',
  run: (doc, { gazetteer, stancePairs, stanceThreshold }) => {
    const { models, gates } = stancePairs ?? { models: { linear: shippedStanceModel(), encoder: withThreshold(shippedPairEncoder(), stanceThreshold) }, gates: SHIPPED_GATES };
    const fromModel = findStances(doc, doc.entities!, models, gazetteer.lexicon.roles, gates);
    const fromPatterns = findStancePatterns(doc, doc.entities!, gazetteer.lexicon.titles);
    const fromSpeakers = findSpeakerStances(doc, doc.entities!, gazetteer.lexicon.titles);
    // One edge per holder, target and polarity: the model's where both found it.
    const edges = new Map<string, StanceAnnotation>();
    // A country, its capital and its people are one actor ("U.S. policy, accusing Washington"): no edge.
    const countryOf = doc.entities!.map((e) => e.mentions.map((m) => gazetteer.names.get(doc.text.slice(m.start, m.end))?.country).find(Boolean));
    const asStateActor = stateActors(doc, countryOf, gazetteer.lexicon.stateWords);
    for (const found of [...fromModel, ...fromPatterns, ...fromSpeakers]) {
      const stance = { ...found, holder: asStateActor(found.holder, found.sentence), target: asStateActor(found.target, found.sentence) };
      if (stance.holder === stance.target) continue;
      if (countryOf[stance.holder] && countryOf[stance.holder] === countryOf[stance.target]) continue;
      const key = `${stance.holder}>${stance.target}>${stance.label}`;
      if (!edges.has(key)) edges.set(key, stance);
    }
    doc.stances = [...edges.values()].sort((a, b) => a.evidence.start - b.evidence.start);
  },
};

/**
 * "the Russian foreign ministry attacked ...": a people's name before a word of the state (ministry,
 * government, officials ...) in a stance's sentence speaks for its country, when the article names
 * that country as a place; "Syrian rebels" stay Syrians. A capital in a stance speaks for its country too.
 */
function stateActors(doc: AnnotatedDoc, countryOf: (string | undefined)[], stateWords: Set<string>): (entity: number, sentence: number) => number {
  const entities = doc.entities!;
  // The country itself ("Russia", "Russian Federation"), not its capital.
  const countryEntity = new Map<string, number>();
  entities.forEach((e, i) => {
    if (e.type === 'GPE' && countryOf[i] && e.mentions.some((m) => m.canonical?.startsWith('country:'))) countryEntity.set(countryOf[i]!, i);
  });
  return (entity, sentence) => {
    const e = entities[entity]!;
    const country = countryOf[entity];
    if (!country || !countryEntity.has(country)) return entity;
    // "accusing Washington", "Moscow says": a capital in a stance speaks for its country.
    if (e.type === 'GPE') return countryEntity.get(country)!;
    if (e.type !== 'NORP') return entity;
    const speaksForState = e.mentions.some((m) => doc.tokens[m.firstToken]!.sentence === sentence
      && [1, 2].some((k) => stateWords.has(doc.tokens[m.lastToken + k]?.lower ?? '')));
    return speaksForState ? countryEntity.get(country)! : entity;
  };
}

export const targets: Stage = {
  name: 'targets', needs: ['entities'], adds: 'targets',
  run: (doc, context) => {
    const model = shippedToneModel();
    doc.targets = context.targets.map((target) => {
      let entity: number | null = null;
      let spans: Span[];
      if (typeof target === 'string') {
        entity = findTargetEntity(doc, target);
        spans = entity !== null ? doc.entities![entity]!.mentions : findAll(doc.text, target);
      } else {
        spans = [target];
        const index = doc.entities!.findIndex((e) => e.mentions.some((m) => m.start < target.end && target.start < m.end));
        entity = index >= 0 ? index : null;
      }
      // A string asks for the tone toward the thing, as for an entity; a span, for its sentence's,
      // read by the tone encoder (one sentence, where an entity has many mentions to read).
      const query = typeof target === 'string' ? target : doc.text.slice(target.start, target.end);
      const tone = typeof target !== 'string' ? encoderToneToward(doc, spans)
        : entity !== null ? entityTone(doc, model, doc.entities![entity]!, spans) : toneToward(doc, model, spans);
      return { query, entity, spans: spans.map(({ start, end }) => ({ start, end })), tone };
    });
  },
};

/**
 * The entity a target string names: one whose name or a name mention is the string (any case);
 * else, for a multi-word string ("Robert Mugabe Zimbabwe"), the most mentioned person or thing
 * whose name shares a word of three letters or more with it.
 */
function findTargetEntity(doc: AnnotatedDoc, target: string): number | null {
  const wanted = target.toLowerCase().trim();
  const entities = doc.entities!;
  const exact = entities.findIndex((e) => e.name.toLowerCase() === wanted
    || e.mentions.some((m) => m.kind === 'name' && doc.text.slice(m.start, m.end).toLowerCase() === wanted));
  if (exact >= 0) return exact;
  const words = new Set(wanted.split(/\s+/).filter((w) => w.length >= 3));
  let best: number | null = null;
  entities.forEach((e, i) => {
    if (!['PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC'].includes(e.type)) return;
    const shares = e.name.toLowerCase().split(/\s+/).some((w) => words.has(w));
    if (shares && (best === null || e.mentions.length > entities[best]!.mentions.length)) best = i;
  });
  return best;
}

function findAll(text: string, needle: string): Span[] {
  const spans: Span[] = [];
  if (!needle) return spans;
  const lower = text.toLowerCase();
  const wanted = needle.toLowerCase();
  for (let i = lower.indexOf(wanted); i >= 0; i = lower.indexOf(wanted, i + wanted.length)) {
    spans.push({ start: i, end: i + wanted.length });
  }
  return spans;
}

export const defaultStages: Stage[] = [mentions, entities, pronouns, nominals, genders, tone, quotes, stances, targets];

/** Runs the stages in order, checking that each one's needs were added by an earlier one. */
export function runStages(doc: AnnotatedDoc, stages: Stage[], context: StageContext): AnnotatedDoc {
  const have = new Set<Annotation>(['tokens']);
  for (const stage of stages) {
    const missing = stage.needs.filter((n) => !have.has(n));
    if (missing.length) throw new Error(`stage ${stage.name} needs ${missing.join(', ')}, which no earlier stage adds`);
    stage.run(doc, context);
    have.add(stage.adds);
  }
  return doc;
}
