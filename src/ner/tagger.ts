// The named-entity tagger: a structured averaged perceptron over wink's tokens, decoded with Viterbi
// under BIO constraints. Weights come from scripts/train-ner.js (trained on CoNLL-2003 train) and
// ship in src/models/ (ner-features.txt, ner-weights.bin). Tagging caches the summed weights of each word form and context, so
// most tokens cost a few vector additions.
import { addWeights, loadShippedModel, type LinearModel } from '../ml/linear-model.js';
import type { Doc } from '../doc/doc.js';
import type { Gazetteer } from '../knowledge/gazetteer.js';
import { wordClusters } from '../knowledge/word-clusters.js';
import {
  LABELS, OFFSETS, contextFeatures, contextKey, docFacts, formFacts, formFeatures, gazetteerTags, transitionFeatures,
  type DocFacts, type FormFacts,
} from './features.js';

const L = LABELS.length;

export type NerModel = LinearModel;

let shipped: NerModel | null = null;

/**
 * The model in src/models/ (ner-features.txt, ner-weights.bin), loaded once, with the word clusters
 * its features read (so the load time of the model is all of it).
 */
export function shippedNerModel(): NerModel {
  if (!shipped) {
    wordClusters();
    shipped = loadShippedModel('ner', LABELS);
  }
  return shipped;
}

/**
 * The model's form features regrouped so a new word form costs a dozen lookups and no feature
 * names: `everywhere` holds, per feature kind ("w", "s", "gaz", "title", "suf3") and value, the
 * weight offsets of that feature at each offset -2..2 (-1 where the model lacks it); `atZero`
 * holds the features formFeatures gives the tagged word alone ("W", "pre2", "suf4", "long" ...).
 * FormIndex.vectors must sum exactly what formFeatures names (a test compares the two).
 */
class FormIndex {
  private readonly everywhere = new Map<string, Map<string, number>>();
  private slots = new Int32Array(1024);
  private used = 0;
  private readonly atZero = new Map<string, Map<string, number>>();

  constructor(private readonly model: NerModel) {
    for (const [feature, offset] of model.index) {
      const colon = feature.indexOf(':', 1);
      if (colon < 0) continue;
      const at = OFFSETS.indexOf(Number(feature.slice(0, colon)) as (typeof OFFSETS)[number]);
      if (at < 0) continue;
      const rest = feature.slice(colon + 1);
      const eq = rest.indexOf('=');
      const kind = eq < 0 ? rest : rest.slice(0, eq);
      const value = eq < 0 ? '' : rest.slice(eq + 1);
      if (OFFSETS[at] === 0 && ZERO_ONLY.test(kind)) {
        byKind(this.atZero, kind).set(value, offset);
        continue;
      }
      const values = byKind(this.everywhere, kind);
      let slot = values.get(value);
      if (slot === undefined) {
        if (this.used + OFFSETS.length > this.slots.length) {
          const grown = new Int32Array(this.slots.length * 2);
          grown.set(this.slots);
          this.slots = grown;
        }
        slot = this.used;
        this.slots.fill(-1, slot, slot + OFFSETS.length);
        this.used += OFFSETS.length;
        values.set(value, slot);
      }
      this.slots[slot + at] = offset;
    }
  }

  private addEverywhere(kind: string, value: string, into: Float32Array, at: number): void {
    const slot = this.everywhere.get(kind)?.get(value);
    if (slot === undefined) return;
    const { weights } = this.model;
    for (let k = 0; k < OFFSETS.length; k += 1) {
      const offset = this.slots[slot + k]!;
      if (offset >= 0) for (let l = 0; l < L; l += 1) into[at + k * L + l] += weights[offset + l]!;
    }
  }

  private addAtZero(kind: string, value: string, into: Float32Array, at: number): void {
    const offset = this.atZero.get(kind)?.get(value);
    if (offset === undefined) return;
    const { weights } = this.model;
    const base = at + ZERO_AT * L;
    for (let l = 0; l < L; l += 1) into[base + l] += weights[offset + l]!;
  }

  /**
   * The summed form weights at each offset -2..2 (L per offset), as formFeatures names them, added
   * into `into` from `at` (which must hold zeros there).
   */
  vectors(facts: FormFacts, into: Float32Array = new Float32Array(FORM_SIZE), at = 0): Float32Array {
    const { word, lower, shape } = facts;
    this.addEverywhere('w', lower, into, at);
    this.addEverywhere('s', shape, into, at);
    for (const code of facts.knowledge) {
      const eq = code.indexOf('=');
      this.addEverywhere(eq < 0 ? code : code.slice(0, eq), eq < 0 ? '' : code.slice(eq + 1), into, at);
    }
    this.addEverywhere('suf3', lower.slice(-3), into, at); // at -1 and 1 only; 0 is in atZero
    this.addAtZero('W', word, into, at);
    for (let n = 1; n <= 3 && n < word.length; n += 1) this.addAtZero(PREFIX_KINDS[n]!, lower.slice(0, n), into, at);
    for (let n = 1; n <= 4 && n < word.length; n += 1) this.addAtZero(SUFFIX_KINDS[n]!, lower.slice(-n), into, at);
    if (word.length > 12) this.addAtZero('long', '', into, at);
    if (word.includes('-')) this.addAtZero('hyphen', '', into, at);
    return into;
  }
}

/** The floats of one form's vectors: L labels at each offset. */
const FORM_SIZE = OFFSETS.length * L;
const ZERO_AT = OFFSETS.indexOf(0);

// Constant strings, so looking a kind up hashes nothing new.
const PREFIX_KINDS = ['', 'pre1', 'pre2', 'pre3'];
const SUFFIX_KINDS = ['', 'suf1', 'suf2', 'suf3', 'suf4'];

/** Kinds formFeatures gives only the tagged word (offset 0), some of them only for long enough words. */
const ZERO_ONLY = /^(W|pre\d|suf\d|long|hyphen)$/;

function byKind(table: Map<string, Map<string, number>>, kind: string): Map<string, number> {
  let values = table.get(kind);
  if (!values) table.set(kind, (values = new Map()));
  return values;
}

const formIndexes = new WeakMap<NerModel, FormIndex>();

function formIndexOf(model: NerModel): FormIndex {
  let index = formIndexes.get(model);
  if (!index) formIndexes.set(model, (index = new FormIndex(model)));
  return index;
}

/** -Infinity where BIO forbids a transition: I-X only after B-X or I-X. */
const ALLOWED: Float32Array[] = LABELS.map((prev) => new Float32Array(LABELS.map((label) => {
  if (!label.startsWith('I-')) return 0;
  const type = label.slice(2);
  return prev === `B-${type}` || prev === `I-${type}` ? 0 : -Infinity;
})));
const START_ALLOWED = new Float32Array(LABELS.map((label) => (label.startsWith('I-') ? -Infinity : 0)));
/** For each label, the previous labels BIO allows (all for O and B-X; B-X and I-X for I-X). */
const PREVIOUS_OF: Uint8Array[] = LABELS.map((_, l) => Uint8Array.from(LABELS.map((__, p) => p).filter((p) => ALLOWED[p]![l] === 0)));

/** A capital or a digit anywhere in a word ("Kerry", "al-Qaeda", "iPhone", "1996"). */
const MARKED = /[\p{Lu}\p{N}]/u;
/**
 * Tokens further than this from any marked token or gazetteer name are O without being scored:
 * a run of lower-case words is never a name (CoNLL dev F1 is the same either way), and news text is
 * mostly such runs, so the tagger scores fewer than half its tokens.
 */
const REACH = 2;

/** Bounds the per-form cache of a long-running process (a batch of millions of articles). */
const MAX_CACHED_FORMS = 100_000;


/** The id of `value` in `ids`, a new one if unseen; below `limit` (the room of its field in the context key). */
function smallId(ids: Map<string, number>, value: string, limit: number): number {
  let id = ids.get(value);
  if (id === undefined) {
    if (ids.size >= limit) throw new Error(`NER tagger: more than ${limit} distinct values for one context field (${value})`);
    ids.set(value, (id = ids.size));
  }
  return id;
}

export class NerTagger {
  /**
   * The forms seen so far, each numbered: form n's summed weights at each offset are FORM_SIZE
   * floats of `formVectorSlab` from n * FORM_SIZE (one array for all, not one small array each: a
   * third less time on a corpus's first pass), its shape's transition scores `formTransitions[n]`.
   */
  private readonly forms = new Map<string, number>();
  private formVectorSlab = new Float32Array(4096 * FORM_SIZE);
  private formTransitions: Float32Array[] = [];
  private readonly contexts = new Map<number, Float32Array>();
  private readonly transitions = new Map<string, Float32Array>();
  private readonly posIds = new Map<string, number>();
  private readonly gazetteerIds = new Map<string, number>();
  // Viterbi's working memory, reused from sentence to sentence.
  private back = new Uint8Array(64 * L);
  private readonly emission = new Float32Array(L);
  private previous = new Float32Array(L);
  private current = new Float32Array(L);

  private readonly formIndex: FormIndex;

  constructor(private readonly model: NerModel, private readonly gazetteer: Gazetteer) {
    this.formIndex = formIndexOf(model);
  }

  /** The summed form weights of `word` at each offset, from its feature names (what training sees). */
  formVectorsByName(word: string): Float32Array {
    const vectors = new Float32Array(FORM_SIZE);
    const facts = formFacts(word, this.gazetteer);
    OFFSETS.forEach((offset, k) => this.sum(formFeatures(word, offset, this.gazetteer, facts), vectors, k * L));
    return vectors;
  }

  /** The same sums through the form index, as tagging computes them. */
  formVectors(word: string): Float32Array {
    return this.formIndex.vectors(formFacts(word, this.gazetteer));
  }

  private sum(features: string[], into: Float32Array, at = 0): void {
    addWeights(this.model, features, into, at);
  }

  /** The number of a word form, its vectors summed into the slab on first sight. */
  private form(word: string): number {
    let n = this.forms.get(word);
    if (n === undefined) {
      n = this.forms.size;
      if ((n + 1) * FORM_SIZE > this.formVectorSlab.length) {
        const grown = new Float32Array(this.formVectorSlab.length * 2);
        grown.set(this.formVectorSlab);
        this.formVectorSlab = grown;
      }
      const facts = formFacts(word, this.gazetteer);
      this.formIndex.vectors(facts, this.formVectorSlab, n * FORM_SIZE);
      this.formTransitions[n] = this.transition(facts.shape);
      this.forms.set(word, n);
    }
    return n;
  }

  /** Starts the form cache afresh once it holds MAX_CACHED_FORMS (between Docs, never inside one). */
  private boundForms(): void {
    if (this.forms.size < MAX_CACHED_FORMS) return;
    this.forms.clear();
    this.formTransitions = [];
    this.formVectorSlab.fill(0);
  }

  /** A small number for a POS tag, for numeric context keys. */
  private posId(value: string): number {
    return smallId(this.posIds, value, 32);
  }

  /** A small number for a gazetteer tag, for numeric context keys. */
  private gazetteerId(value: string): number {
    return smallId(this.gazetteerIds, value, 64);
  }

  /** The summed context weights of token t, cached under a numeric key of its context fields. */
  private context(doc: Doc, t: number, facts: DocFacts, gazetteerTag: string): Float32Array {
    // The same fields as contextFields, packed into a number without building an object.
    const { tokens } = doc;
    const token = tokens[t]!;
    const sentence = doc.sentences[token.sentence]!;
    const prev = t > sentence.firstToken ? tokens[t - 1]!.pos : 'BOS';
    const next = t < sentence.lastToken ? tokens[t + 1]!.pos : 'EOS';
    const initial = t === sentence.firstToken ? 1 : 0;
    // Under 2^30, so a small integer for the Map (there are 19 POS values and a few dozen gazetteer tags).
    const key = ((((((this.posId(token.pos) * 32 + this.posId(prev)) * 32 + this.posId(next)) * 2 + initial) * 2
      + facts.shouting[token.sentence]!) * 8 + facts.evidence[t]!) * 4 + facts.rows[token.sentence]!) * 64 + this.gazetteerId(gazetteerTag);
    let cached = this.contexts.get(key);
    if (!cached) {
      cached = new Float32Array(L);
      this.sum(contextFeatures(contextKey(doc, t, facts, gazetteerTag)), cached);
      this.contexts.set(key, cached);
    }
    return cached;
  }

  /** Transition scores from each previous label to each label, for a token of this shape. */
  private transition(shape: string): Float32Array {
    let cached = this.transitions.get(shape);
    if (!cached) {
      const scores = new Float32Array(L * L);
      LABELS.forEach((prev, p) => this.sum(transitionFeatures(prev, shape), scores, p * L));
      this.transitions.set(shape, (cached = scores));
    }
    return cached;
  }

  /** One label index per token of the Doc; `gazetteer` is gazetteerTags(doc), if the caller has it. */
  tag(doc: Doc, gazetteer: string[] = gazetteerTags(doc, this.gazetteer)): Uint8Array {
    const { tokens } = doc;
    const labels = new Uint8Array(tokens.length); // 0 is O
    const facts = docFacts(doc);
    // Which tokens are scored: those within REACH of a marked token or a gazetteer name.
    const scored = new Uint8Array(tokens.length);
    for (let t = 0; t < tokens.length; t += 1) {
      if (gazetteer[t] === 'O' && !MARKED.test(tokens[t]!.text)) continue;
      for (let k = Math.max(0, t - REACH); k <= Math.min(tokens.length - 1, t + REACH); k += 1) scored[k] = 1;
    }
    // Every form the decoder reads (scored tokens and two either side), numbered before decoding,
    // so the slab no longer grows while it is read.
    this.boundForms();
    const forms = new Int32Array(tokens.length).fill(-1);
    for (let t = 0; t < tokens.length; t += 1) {
      if (scored[t] || scored[t - 1] || scored[t - 2] || scored[t + 1] || scored[t + 2]) forms[t] = this.form(tokens[t]!.text);
    }
    for (const sentence of doc.sentences) {
      // Each run of scored tokens is decoded on its own, starting as if after an O.
      for (let t = sentence.firstToken; t <= sentence.lastToken; t += 1) {
        if (!scored[t]) continue;
        let end = t;
        while (end < sentence.lastToken && scored[end + 1]) end += 1;
        this.decode(doc, t, end, sentence, facts, gazetteer, forms, labels);
        t = end;
      }
    }
    return labels;
  }

  /** Viterbi over tokens first..last of a sentence; form features still see the whole sentence. */
  private decode(
    doc: Doc, first: number, last: number, sentence: { firstToken: number; lastToken: number }, facts: DocFacts,
    gazetteer: string[], forms: Int32Array, labels: Uint8Array,
  ): void {
    const n = last - first + 1;
    if (this.back.length < n * L) this.back = new Uint8Array(n * L * 2);
    const back = this.back;
    const emission = this.emission;
    const slab = this.formVectorSlab;
    for (let i = 0; i < n; i += 1) {
      const t = first + i;
      emission.set(this.context(doc, t, facts, gazetteer[t]!));
      for (let k = 0; k < OFFSETS.length; k += 1) {
        const at = t + OFFSETS[k]!;
        if (at < sentence.firstToken || at > sentence.lastToken) continue;
        const base = forms[at]! * FORM_SIZE + k * L;
        for (let l = 0; l < L; l += 1) emission[l] += slab[base + l]!;
      }
      const transition = this.formTransitions[forms[t]!]!;
      const current = this.current;
      if (i === 0) {
        for (let l = 0; l < L; l += 1) current[l] = emission[l]! + START_ALLOWED[l]! + transition[l]!;
      } else {
        const previous = this.previous;
        for (let l = 0; l < L; l += 1) {
          const allowed = PREVIOUS_OF[l]!;
          let best = -Infinity;
          let arg = 0;
          for (let k = 0; k < allowed.length; k += 1) {
            const p = allowed[k]!;
            const s = previous[p]! + transition[p * L + l]!;
            if (s > best) { best = s; arg = p; }
          }
          current[l] = best + emission[l]!;
          back[i * L + l] = arg;
        }
      }
      this.current = this.previous;
      this.previous = current;
    }
    const final = this.previous;
    let label = 0;
    for (let l = 1; l < L; l += 1) if (final[l]! > final[label]!) label = l;
    for (let i = n - 1; i >= 0; i -= 1) {
      labels[first + i] = label;
      label = back[i * L + label]!;
    }
  }
}

export interface TaggedSpan { firstToken: number; lastToken: number; type: 'PER' | 'ORG' | 'LOC' | 'MISC' }

/** BIO labels -> spans of tokens. */
export function spansOf(labels: Uint8Array): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  for (let t = 0; t < labels.length; t += 1) {
    const label = LABELS[labels[t]!]!;
    if (!label.startsWith('B-')) continue;
    const type = label.slice(2) as TaggedSpan['type'];
    let last = t;
    while (last + 1 < labels.length && LABELS[labels[last + 1]!] === `I-${type}`) last += 1;
    spans.push({ firstToken: t, lastToken: last, type });
    t = last;
  }
  return spans;
}
