// analyzeText: text -> Doc -> stages -> Analysis. analyze: many inputs -> results, in input order.
import { readFileSync } from 'node:fs';
import type { Analysis, Part } from './analysis.js';
import { PARTS } from './analysis.js';
import { buildDoc } from './doc/build-doc.js';
import { builtInGazetteer, withUserEntries, type UserGazetteerFile } from './knowledge/gazetteer.js';
import { buildReportingLexicon } from './stages/find-quotes.js';
import { NerTagger, shippedNerModel } from './ner/tagger.js';
import { defaultStages, runStages, type Stage, type StageContext } from './stages/index.js';
import { toAnalysis } from './to-analysis.js';

export interface AnalyzeOptions {
  /** Parts to compute and print; default all. */
  only?: Part[];
  /** Report the tone toward each of these strings. */
  targets?: string[];
  /** User gazetteers, already parsed (see readUserGazetteer). */
  gazetteers?: UserGazetteerFile[];
  /** false: stats.elapsedMs is 0, so two runs over the same input give the same bytes. Default true. */
  timing?: boolean;
  /** The stance pair encoder's probability an edge needs; default the one shipped with the model. Lower finds more, less precisely. */
  stanceThreshold?: number;
}

export interface TextInput {
  id?: string;
  title?: string | null;
  /** Extra targets for this text: strings or spans of the text. */
  targets?: (string | { start: number; end: number })[];
  /** Put the analysed text in the output (HTML input, where offsets index the extracted text). */
  includeText?: boolean;
  /** The publication date as the input gave it (JSONL `date`, HTML metadata), echoed in the Analysis. */
  date?: string;
}

let reporting: StageContext['reporting'] | null = null;
function reportingLexicon(): StageContext['reporting'] {
  reporting ??= buildReportingLexicon(JSON.parse(readFileSync(new URL('./lexicons/reporting-verbs.json', import.meta.url), 'utf8')));
  return reporting;
}

/**
 * The stages needed for the parts asked for: quotes and stances need entities (their speakers,
 * holders and targets), stances need quotes (a speaker's stance), but the tone toward each entity
 * is printed only with the entities.
 */
function stagesFor(parts: Set<Part>): Stage[] {
  return defaultStages.filter((s) => (s.name !== 'quotes' || parts.has('quotes') || parts.has('stances')) && (s.name !== 'stances' || parts.has('stances'))
    && (s.name !== 'tone' || parts.has('entities')) && (s.name !== 'genders' || parts.has('entities') || parts.has('quotes')));
}

/** What every stage reads but the targets: gazetteers, the tagger and the reporting lexicon, prepared once. */
export function stageContext(gazetteers: UserGazetteerFile[] = []): Omit<StageContext, 'targets'> {
  const gazetteer = withUserEntries(builtInGazetteer(), gazetteers);
  return { gazetteer, tagger: new NerTagger(shippedNerModel(), gazetteer), reporting: reportingLexicon() };
}

/** Prepares lexicons and gazetteers once, then analyses texts with them. */
export function createAnalyzer(options: AnalyzeOptions = {}): (text: string, input?: TextInput) => Analysis {
  const parts = new Set<Part>(options.only?.length ? options.only : PARTS);
  const stages = stagesFor(parts);
  const prepared = stageContext(options.gazetteers);
  return (text, input = {}) => {
    const started = performance.now();
    const context: StageContext = { ...prepared, targets: [...(options.targets ?? []), ...(input.targets ?? [])], stanceThreshold: options.stanceThreshold };
    const doc = runStages(buildDoc(text), stages, context);
    return toAnalysis(doc, {
      id: input.id ?? 'text', title: input.title, parts, elapsedMs: options.timing === false ? 0 : performance.now() - started, includeText: input.includeText, date: input.date,
    });
  };
}

let defaultAnalyzer: ReturnType<typeof createAnalyzer> | null = null;

/** Analyses one text. With options, prefer createAnalyzer for many texts: it prepares them once. */
export function analyzeText(text: string, input: TextInput = {}, options?: AnalyzeOptions): Analysis {
  if (options) return createAnalyzer(options)(text, input);
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer(text, input);
}
