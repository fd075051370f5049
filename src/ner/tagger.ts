// The named-entity tagger: a structured averaged perceptron over wink's tokens, decoded with Viterbi
// under BIO constraints. Weights come from scripts/train-ner.js (trained on CoNLL-2003 train) and
// ship in src/models/ (ner-features.txt, ner-weights.bin). Tagging caches the summed weights of each word form and context, so
// most tokens cost a few vector additions.
import { addWeights, loadShippedModel, type LinearModel } from '../ml/linear-model.js';
import type { Doc } from '../doc/doc.js';
import type { Gazetteer } from '../knowledge/gazetteer.js';
import {
  LABELS, OFFSETS, contextFeatures, contextKey, docFacts, formFacts, formFeatures, gazetteerTags, transitionFeatures,
  type DocFacts,
} from './features.js';

const L = LABELS.length;

export type NerModel = LinearModel;

let shipped: NerModel | null = null;

/** The model in src/models/ (ner-features.txt, ner-weights.bin), loaded once. */
export function shippedNerModel(): NerModel {
  shipped ??= loadShippedModel('ner', LABELS);
  return shipped;
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

/** Bounds the per-form cache of a long-running process (a batch of millions of articles). */
const MAX_CACHED_FORMS = 100_000;

interface FormEntry {
  /** Summed form weights at each offset -2..2, L per offset. */
  vectors: Float32Array;
  /** Transition scores, previous label p to label l at p * L + l, for this form's shape. */
  transition: Float32Array;
}

export class NerTagger {
  private readonly forms = new Map<string, FormEntry>();
  private readonly contexts = new Map<number, Float32Array>();
  private readonly transitions = new Map<string, Float32Array>();
  private readonly ids = new Map<string, number>();
  // Viterbi's working memory, reused from sentence to sentence.
  private back = new Uint8Array(64 * L);
  private readonly emission = new Float32Array(L);
  private previous = new Float32Array(L);
  private current = new Float32Array(L);

  constructor(private readonly model: NerModel, private readonly gazetteer: Gazetteer) {}

  private sum(features: string[], into: Float32Array, at = 0): void {
    addWeights(this.model, features, into, at);
  }

  private form(word: string): FormEntry {
    let cached = this.forms.get(word);
    if (!cached) {
      if (this.forms.size >= MAX_CACHED_FORMS) this.forms.clear();
      const vectors = new Float32Array(OFFSETS.length * L);
      const facts = formFacts(word, this.gazetteer);
      OFFSETS.forEach((offset, k) => this.sum(formFeatures(word, offset, this.gazetteer, facts), vectors, k * L));
      cached = { vectors, transition: this.transition(facts.shape) };
      this.forms.set(word, cached);
    }
    return cached;
  }

  /** A small number for a POS tag or gazetteer tag, for numeric context keys. */
  private id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) this.ids.set(value, (id = this.ids.size));
    return id;
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
    const key = ((((((this.id(token.pos) * 128 + this.id(prev)) * 128 + this.id(next)) * 2 + initial) * 2
      + facts.shouting[token.sentence]!) * 8 + facts.evidence[t]!) * 128) + this.id(gazetteerTag);
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
    const labels = new Uint8Array(doc.tokens.length);
    const facts = docFacts(doc);
    const forms = doc.tokens.map((t) => this.form(t.text));
    const emission = this.emission;
    for (const sentence of doc.sentences) {
      const first = sentence.firstToken;
      const last = sentence.lastToken;
      const n = last - first + 1;
      if (this.back.length < n * L) this.back = new Uint8Array(n * L * 2);
      const back = this.back;
      for (let i = 0; i < n; i += 1) {
        const t = first + i;
        emission.set(this.context(doc, t, facts, gazetteer[t]!));
        for (let k = 0; k < OFFSETS.length; k += 1) {
          const at = t + OFFSETS[k]!;
          if (at < first || at > last) continue;
          const vectors = forms[at]!.vectors;
          const base = k * L;
          for (let l = 0; l < L; l += 1) emission[l] += vectors[base + l]!;
        }
        const transition = forms[t]!.transition;
        const current = this.current;
        if (i === 0) {
          // A sentence starts as if after an O.
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
    return labels;
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
