// The Doc model: built once per article by buildDoc, then annotated by the stages.
// Every `start`/`end` is a UTF-16 offset into `doc.text` (the contract's offset rule); token
// positions are always named `...Token` or `tokenIndex`, never `start`.

export interface Span { start: number; end: number }

export type TokenType = 'word' | 'number' | 'punctuation' | 'symbol' | 'other';

export interface Token extends Span {
  /** The token as written: doc.text.slice(start, end). */
  text: string;
  lower: string;
  /** Universal POS tag from wink (PROPN, NOUN, VERB, ...). */
  pos: string;
  type: TokenType;
  sentence: number;
  /** Whitespace (or a line break) before the token. */
  spaceBefore: boolean;
}

export interface Sentence extends Span { firstToken: number; lastToken: number; paragraph: number }

export interface Paragraph extends Span { firstSentence: number; lastSentence: number }

/** A typed span found by wink's own recogniser (DATE, MONEY, ...), before our stages type names. */
export interface RawEntity extends Span { firstToken: number; lastToken: number; type: string }

export interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  paragraphs: Paragraph[];
  /** The headline when the article opens with a short line of its own. */
  title: Span | null;
  numericEntities: RawEntity[];
}

import type { GenderAnnotation } from '../stages/read-genders.js';

// Annotations the stages add. Token ranges are inclusive (firstToken..lastToken).

export type EntityType =
  | 'PERSON' | 'NORP' | 'FAC' | 'ORG' | 'GPE' | 'LOC' | 'PRODUCT' | 'EVENT' | 'WORK_OF_ART' | 'LAW'
  | 'LANGUAGE' | 'DATE' | 'TIME' | 'PERCENT' | 'MONEY' | 'QUANTITY' | 'ORDINAL' | 'CARDINAL';

export type MentionKind = 'name' | 'pronoun' | 'nominal';

export interface NameMention extends Span {
  firstToken: number;
  lastToken: number;
  type: EntityType;
  kind: MentionKind;
  /** A canonical key from the gazetteer ("country:RUS") when the name is a known alias. */
  canonical: string | null;
}

export interface EntityCluster {
  name: string;
  type: EntityType;
  mentions: NameMention[];
}

export interface QuoteAnnotation extends Span {
  kind: 'direct' | 'indirect' | 'partial';
  sentence: number;
  cue: Span | null;
  /** The speaker's words in the text, and the entity cluster they belong to (index into doc.entities). */
  speaker: { span: Span; entity: number | null } | null;
  fragments?: Span[];
}

export interface StanceAnnotation {
  holder: number;
  target: number;
  label: 'positive' | 'negative';
  cue: Span;
  sentence: number;
  evidence: Span;
  /** What drew it: a model's reading of the pair (the linear model or the pair encoder), a stance pattern, a quote's speaker. */
  source: StanceSource;
  /** The model's probability of the class it read; null for patterns and quotes. */
  probability: number | null;
}

export type StanceSource = 'linear' | 'encoder' | 'pattern' | 'quote';

export interface ToneAnnotation { label: 'positive' | 'negative' | 'neutral'; score: number }

export interface TargetAnnotation {
  query: string;
  entity: number | null;
  spans: Span[];
  tone: ToneAnnotation;
}

/** A Doc after the stages ran: each stage fills one of these. */
export interface AnnotatedDoc extends Doc {
  mentions?: NameMention[];
  entities?: EntityCluster[];
  entityTones?: ToneAnnotation[];
  quotes?: QuoteAnnotation[];
  stances?: StanceAnnotation[];
  targets?: TargetAnnotation[];
  /** Per entity: its gender as the text states it, or null. */
  genders?: (GenderAnnotation | null)[];
}
