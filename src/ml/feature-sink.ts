// Where feature functions put their features. Training wants their names ("w=said"); inference
// wants only the weights, and building a name per feature costs more than the rest of the scoring
// (a Map lookup of a fresh string is ~170 ns; of the token's own string under a constant template,
// ~25 ns). So a feature function writes to a sink: NameSink collects names, ScoreSink adds weights
// through an index of the model by template, then value.
import type { LinearModel } from './linear-model.js';

export interface FeatureSink {
  /** The feature "template=value", or "template" alone when value is omitted. */
  add(template: string, value?: string): void;
  /** The feature "template=a|b". */
  pair(template: string, a: string, b: string): void;
}

/** Collects feature names, exactly as the shipped models were trained on them. */
export class NameSink implements FeatureSink {
  readonly names: string[] = [];
  add(template: string, value?: string): void {
    this.names.push(value === undefined ? template : `${template}=${value}`);
  }
  pair(template: string, a: string, b: string): void {
    this.names.push(`${template}=${a}|${b}`);
  }
}

/** A model's features by template, then value (then second value, for pair templates). */
interface TemplateIndex {
  single: Map<string, Map<string, number>>;
  pairs: Map<string, Map<string, Map<string, number>>>;
}

const indexes = new WeakMap<LinearModel, TemplateIndex>();

function templateIndex(model: LinearModel, pairTemplates: ReadonlySet<string>): TemplateIndex {
  let index = indexes.get(model);
  if (index) return index;
  index = { single: new Map(), pairs: new Map() };
  for (const [feature, offset] of model.index) {
    const eq = feature.indexOf('=');
    const template = eq < 0 ? feature : feature.slice(0, eq);
    const value = eq < 0 ? '' : feature.slice(eq + 1);
    if (pairTemplates.has(template)) {
      const bar = value.indexOf('|');
      if (bar < 0) continue;
      let byFirst = index.pairs.get(template);
      if (!byFirst) index.pairs.set(template, (byFirst = new Map()));
      const first = value.slice(0, bar);
      let bySecond = byFirst.get(first);
      if (!bySecond) byFirst.set(first, (bySecond = new Map()));
      bySecond.set(value.slice(bar + 1), offset);
    } else {
      let byValue = index.single.get(template);
      if (!byValue) index.single.set(template, (byValue = new Map()));
      byValue.set(value, offset);
    }
  }
  indexes.set(model, index);
  return index;
}

/** Adds each feature's weights into `scores` (one slot per label) without naming the feature. */
export class ScoreSink implements FeatureSink {
  readonly scores: Float64Array;
  private readonly index: TemplateIndex;
  private readonly weights: Float32Array;
  private readonly k: number;

  constructor(model: LinearModel, pairTemplates: ReadonlySet<string>) {
    this.index = templateIndex(model, pairTemplates);
    this.weights = model.weights;
    this.k = model.labels.length;
    this.scores = new Float64Array(this.k);
  }

  reset(): this {
    this.scores.fill(0);
    return this;
  }

  private addAt(offset: number | undefined): void {
    if (offset === undefined) return;
    for (let l = 0; l < this.k; l += 1) this.scores[l] += this.weights[offset + l]!;
  }

  add(template: string, value = ''): void {
    this.addAt(this.index.single.get(template)?.get(value));
  }

  pair(template: string, a: string, b: string): void {
    this.addAt(this.index.pairs.get(template)?.get(a)?.get(b));
  }

  /** The scores so far as probabilities (softmax), in a new array. */
  probabilities(): Float64Array {
    const p = Float64Array.from(this.scores);
    let max = -Infinity;
    for (let l = 0; l < p.length; l += 1) max = Math.max(max, p[l]!);
    let total = 0;
    for (let l = 0; l < p.length; l += 1) total += (p[l] = Math.exp(p[l]! - max));
    for (let l = 0; l < p.length; l += 1) p[l] = p[l]! / total;
    return p;
  }
}
