import type { AnnotatedDoc } from '../doc/doc.js';
import type { Gazetteer } from '../knowledge/gazetteer.js';
import type { ReportingLexicon } from './find-quotes.js';
import type { NerTagger } from '../ner/tagger.js';
import type { StanceGates, StanceModels } from './find-stances.js';

/** What every stage may read besides the Doc: lexicons and the user's requests. */
export interface StageContext {
  gazetteer: Gazetteer;
  tagger: NerTagger;
  reporting: ReportingLexicon;
  /** --target strings and JSONL target spans. */
  targets: (string | { start: number; end: number })[];
  /** The stance models and the rules around the encoder, when not the shipped ones: scripts/cv-stances.js. */
  stancePairs?: { models: StanceModels; gates: StanceGates };
  /** --stance-threshold: the shipped encoder's probability an edge needs, when not its own. */
  stanceThreshold?: number;
}

export type Annotation = 'tokens' | 'mentions' | 'entities' | 'pronouns' | 'nominals' | 'tone' | 'quotes' | 'stances' | 'targets' | 'genders';

/** One pipeline step: reads what `needs` names, adds one annotation. */
export interface Stage {
  name: string;
  needs: Annotation[];
  adds: Annotation;
  run: (doc: AnnotatedDoc, context: StageContext) => void;
}
