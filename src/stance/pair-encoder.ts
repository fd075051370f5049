// The directed-stance pair encoder at inference: the CNN of scripts/train-stance-encoder.py (word
// vector, POS tag and distances to the two names per token; one convolution of width 3, ReLU, a
// max over the three stretches up to, between and after the names; a linear layer to the five DSE
// classes), in plain typed arrays.
//
// A convolution is linear in its inputs, so each input's share of it is computed once and reused:
// a word's share (3 offsets x filters) once per word (kept for the frequent ones), a tag's and a
// distance's once at load; per sentence the words' and tags' shares are summed once, per name its
// distances' shares once, and a pair only adds the three and swaps its names for the two markers.
import { readFileSync } from 'node:fs';
import { TAGS, type PairInput } from './pair-input.js';

export const ENCODER_LABELS = ['neutral', 'a+b', 'b+a', 'a-b', 'b-a'] as const;

interface TensorMeta { name: string; shape: number[]; offset: number; type?: 'int8' }

interface EncoderMeta {
  labels: string[];
  tags: string[];
  maxDistance: number;
  filters: number;
  /** Models averaged; absent for a file of one. */
  members?: number;
  threshold: number;
  tensors: TensorMeta[];
  words: string[];
}

const X_TAG = TAGS.indexOf('X');

/** Words whose share of the convolution is kept once computed: the most frequent (ids are by frequency). */
const CACHED_WORDS = 6000;
/** How many shares of rarer words are kept as they are met (1.5 KB each). */
const MAX_RARE_WORDS = 8000;

/** Curly quotes straightened, as GloVe spells "'s" (the trainer's normal_form). */
export const normalForm = (word: string) => word.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');

const hasCurlyQuote = (word: string) => {
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d) return true;
  }
  return false;
};

/** What the stance stage asks of a pair model: the five class probabilities of pairs of names, and its threshold. */
export interface PairClassifier {
  readonly threshold: number;
  classify(words: readonly string[], tags: readonly string[], names: ReadonlyArray<readonly [number, number]>, pairs: ReadonlyArray<readonly [number, number]>): ArrayLike<number>[];
}

/** One trained CNN of the encoder: its convolution, output layer and the shares computed from them. */
class EncoderMember {
  private readonly filters: number;
  private readonly dims: number;
  private readonly inputs: number;
  private readonly maxDistance: number;
  private readonly conv: Float32Array;
  private readonly convBias: Float32Array;
  private readonly out: Float32Array;
  private readonly outBias: Float32Array;
  /** Shares of the convolution, 3 x filters each: markers (2), tags, distances to a and to b. */
  private readonly markerShare: Float32Array;
  private readonly tagShare: Float32Array;
  private readonly distanceAShare: Float32Array;
  private readonly distanceBShare: Float32Array;
  /** A position's whole distance share (its three neighbours' summed) by its clipped distance, where the neighbours' distances run on by one. */
  private readonly distanceARun: Float32Array;
  private readonly distanceBRun: Float32Array;
  /** The convolution's weights on the word vector, one row of 3 x filters per dimension: a word's share is one pass over it. */
  private readonly wordWeights: Float32Array;
  private readonly wordShareCache: Float32Array;
  private readonly wordShareKnown: Uint8Array;
  private readonly scratch: Float32Array;
  private readonly rareShares = new Map<number, Float32Array>();
  /** Work space reused from call to call (nothing in it outlives a call): shares of words not kept, the sentence's base, distance shares, pooled filters, a row near a name. */
  private spare = new Float32Array(0);
  private base = new Float32Array(0);
  private distances = new Float32Array(0);
  private readonly pooled: Float32Array;
  /** A position's filters near a name, before pooling. */
  private readonly row: Float32Array;
  /** Where each position's word share starts in its table. */
  private shareAts = new Int32Array(0);
  /** Where wordShare's share starts in the table it returned. */
  private shareAt = 0;

  /** `tensor(name)` reads this member's float32 tensors; the word vectors are every member's. */
  constructor(meta: EncoderMeta, tensor: (name: string) => Float32Array, private readonly vectors: Int8Array, private readonly vectorScale: Float32Array) {
    this.filters = meta.filters;
    this.maxDistance = meta.maxDistance;
    this.dims = vectors.length / vectorScale.length;
    const markers = tensor('markers');
    const tags = tensor('tags');
    const distanceA = tensor('distanceA');
    const distanceB = tensor('distanceB');
    this.conv = tensor('conv');
    this.convBias = tensor('convBias');
    this.out = tensor('out');
    this.outBias = tensor('outBias');
    const tagDims = tags.length / TAGS.length;
    const distanceCount = 2 * this.maxDistance + 1;
    const distanceDims = distanceA.length / distanceCount;
    this.inputs = this.dims + tagDims + 2 * distanceDims;
    if (this.conv.length !== 3 * this.inputs * this.filters) throw new Error('stance encoder: convolution shape does not match its inputs');
    if (this.filters % 4 !== 0) throw new Error('stance encoder: filters must be a multiple of 4 (its loops take four at a time)');
    const shares = (table: Float32Array, rows: number, width: number, at: number) => {
      const into = new Float32Array(rows * 3 * this.filters);
      for (let r = 0; r < rows; r += 1) this.share(table, r * width, width, at, into, r * 3 * this.filters);
      return into;
    };
    this.markerShare = shares(markers, 2, this.dims, 0);
    this.tagShare = shares(tags, TAGS.length, tagDims, this.dims);
    this.distanceAShare = shares(distanceA, distanceCount, distanceDims, this.dims + tagDims);
    this.distanceBShare = shares(distanceB, distanceCount, distanceDims, this.dims + tagDims + distanceDims);
    this.distanceARun = this.distanceRuns(this.distanceAShare);
    this.distanceBRun = this.distanceRuns(this.distanceBShare);
    this.wordWeights = new Float32Array(this.dims * 3 * this.filters);
    for (let i = 0; i < this.dims; i += 1) {
      for (let k = 0; k < 3; k += 1) this.wordWeights.set(this.conv.subarray((k * this.inputs + i) * this.filters, (k * this.inputs + i + 1) * this.filters), (i * 3 + k) * this.filters);
    }
    const cached = Math.min(CACHED_WORDS, meta.words.length);
    this.wordShareCache = new Float32Array(cached * 3 * this.filters);
    this.wordShareKnown = new Uint8Array(cached);
    this.scratch = new Float32Array(this.dims);
    this.pooled = new Float32Array(3 * this.filters);
    this.row = new Float32Array(this.filters);
  }

  /** The share of input values v[from .. from+width) at conv inputs [at ..) for the 3 offsets, into `into` at `to`. */
  private share(v: ArrayLike<number>, from: number, width: number, at: number, into: Float32Array, to: number): void {
    const { conv, filters, inputs } = this;
    for (let k = 0; k < 3; k += 1) {
      const row = to + k * filters;
      for (let i = 0; i < width; i += 1) {
        const x = v[from + i]!;
        if (x === 0) continue;
        const w = (k * inputs + at + i) * filters;
        for (let f = 0; f < filters; f += 1) into[row + f] += conv[w + f]! * x;
      }
    }
  }

  /**
   * A word's share (3 x filters): the table that holds it, its offset there left in `shareAt`; from
   * the cache for frequent words, else computed into `spare` at `spareAt`.
   */
  private wordShare(id: number, spareAt: number): Float32Array {
    const width = 3 * this.filters;
    if (id < this.wordShareKnown.length) {
      if (!this.wordShareKnown[id]) {
        this.dequantise(id);
        this.wordShareOf(this.wordShareCache, id * width);
        this.wordShareKnown[id] = 1;
      }
      this.shareAt = id * width;
      return this.wordShareCache;
    }
    const kept = this.rareShares.get(id);
    this.shareAt = kept ? 0 : spareAt;
    if (kept) return kept;
    const { spare } = this;
    spare.fill(0, spareAt, spareAt + width);
    this.dequantise(id);
    this.wordShareOf(spare, spareAt);
    // Rarer words are kept too, up to a bound: a corpus repeats its own names and terms.
    if (this.rareShares.size < MAX_RARE_WORDS) this.rareShares.set(id, spare.slice(spareAt, spareAt + width));
    return spare;
  }

  /** The share of the word vector in `scratch`, added into `into` at `to` (as share() sums it: each output over the dimensions in order). */
  private wordShareOf(into: Float32Array, to: number): void {
    const { wordWeights, scratch } = this;
    const width = 3 * this.filters;
    for (let i = 0; i < this.dims; i += 1) {
      const x = scratch[i]!;
      if (x === 0) continue;
      const w = i * width;
      // Four outputs a step (width is a multiple of 4): 1.7x faster in V8, the same sums.
      for (let o = 0; o < width; o += 4) {
        const a = to + o;
        const b = w + o;
        into[a] += wordWeights[b]! * x;
        into[a + 1] += wordWeights[b + 1]! * x;
        into[a + 2] += wordWeights[b + 2]! * x;
        into[a + 3] += wordWeights[b + 3]! * x;
      }
    }
  }

  private dequantise(id: number): void {
    const scale = this.vectorScale[id]!;
    for (let i = 0; i < this.dims; i += 1) this.scratch[i] = this.vectors[id * this.dims + i]! * scale;
  }

  /** The five class probabilities of each pair, from the sentence's word ids and tag ids (PairEncoder.classify). */
  classify(ids: Int32Array, tagIds: Uint8Array, names: ReadonlyArray<readonly [number, number]>, pairs: ReadonlyArray<readonly [number, number]>): Float64Array[] {
    const { filters } = this;
    const n = ids.length;
    const width = 3 * filters;
    // Per sentence: bias + the words' and tags' shares at every position.
    if (this.base.length < n * filters) this.base = new Float32Array(2 * n * filters);
    if (this.spare.length < n * width) this.spare = new Float32Array(2 * n * width);
    const { base } = this;
    const shareTables: Float32Array[] = [];
    if (this.shareAts.length < n) this.shareAts = new Int32Array(2 * n);
    const { shareAts } = this;
    for (let t = 0; t < n; t += 1) base.set(this.convBias, t * filters);
    const { tagShare } = this;
    for (let s = 0; s < n; s += 1) {
      const table = this.wordShare(ids[s]!, s * width);
      const at = this.shareAt;
      shareTables.push(table);
      shareAts[s] = at;
      const tagAt = tagIds[s]! * width;
      for (let k = 0; k < 3; k += 1) {
        const t = s - k + 1;
        if (t < 0 || t >= n) continue;
        const into = t * filters;
        const w = at + k * filters;
        const g = tagAt + k * filters;
        for (let f = 0; f < filters; f += 4) {
          base[into + f] += table[w + f]! + tagShare[g + f]!;
          base[into + f + 1] += table[w + f + 1]! + tagShare[g + f + 1]!;
          base[into + f + 2] += table[w + f + 2]! + tagShare[g + f + 2]!;
          base[into + f + 3] += table[w + f + 3]! + tagShare[g + f + 3]!;
        }
      }
    }
    // Per name: the shares of every position's distance to it, as a and as b (rows 2i and 2i + 1 of
    // `distances`), only for the names that are the a or the b of some pair.
    // A pair [i, -1] is one name alone (the tone encoder's target): no b, whose distance reads 0 at
    // every position of the sentence (row block 2 * names.length), and no stretch after it.
    const rows = n * filters;
    const blocks = 2 * names.length + 1;
    if (this.distances.length < blocks * rows) this.distances = new Float32Array(2 * blocks * rows);
    const { distances } = this;
    const done = new Uint8Array(blocks);
    const alone = 2 * names.length;
    for (const [i, j] of pairs) {
      if (!done[2 * i]) this.distanceShares(n, names[i]!, this.distanceAShare, this.distanceARun, distances, 2 * i * rows);
      const bBlock = j < 0 ? alone : 2 * j + 1;
      if (!done[bBlock]) this.distanceShares(n, j < 0 ? [0, n - 1] : names[j]!, this.distanceBShare, this.distanceBRun, distances, bBlock * rows);
      done[2 * i] = 1;
      done[bBlock] = 1;
    }
    const { markerShare, row } = this;
    const none = [n + 1, n + 1] as const;
    return pairs.map(([i, j]) => {
      const a = names[i]!;
      const b = j < 0 ? none : names[j]!;
      const da = 2 * i * rows;
      const db = (j < 0 ? alone : 2 * j + 1) * rows;
      // Each position's filters, max-pooled over its stretch as they are computed (from 0: the ReLU).
      const { pooled } = this;
      pooled.fill(0);
      for (let t = 0; t < n; t += 1) {
        const piece = (t <= a[1] ? 0 : t < b[0] ? 1 : 2) * filters;
        const at = t * filters;
        const nearA = t >= a[0] - 1 && t <= a[1] + 1;
        if (!nearA && !(t >= b[0] - 1 && t <= b[1] + 1)) {
          const ta = da + at;
          const tb = db + at;
          for (let f = 0; f < filters; f += 4) {
            const v0 = Math.fround(base[at + f]! + distances[ta + f]! + distances[tb + f]!);
            const v1 = Math.fround(base[at + f + 1]! + distances[ta + f + 1]! + distances[tb + f + 1]!);
            const v2 = Math.fround(base[at + f + 2]! + distances[ta + f + 2]! + distances[tb + f + 2]!);
            const v3 = Math.fround(base[at + f + 3]! + distances[ta + f + 3]! + distances[tb + f + 3]!);
            const p = piece + f;
            if (v0 > pooled[p]!) pooled[p] = v0;
            if (v1 > pooled[p + 1]!) pooled[p + 1] = v1;
            if (v2 > pooled[p + 2]!) pooled[p + 2] = v2;
            if (v3 > pooled[p + 3]!) pooled[p + 3] = v3;
          }
          continue;
        }
        for (let f = 0; f < filters; f += 1) row[f] = base[at + f]! + distances[da + at + f]! + distances[db + at + f]!;
        // The names read as the markers, not as their words: a's words, then b's.
        for (let marker = 0; marker < 2; marker += 1) {
          const [first, last] = marker === 0 ? a : b;
          for (let k = 0; k < 3; k += 1) {
            const s = t + k - 1;
            if (s < first || s > last) continue;
            const table = shareTables[s]!;
            const m = marker * width + k * filters;
            const w = shareAts[s]! + k * filters;
            for (let f = 0; f < filters; f += 1) row[f] += markerShare[m + f]! - table[w + f]!;
          }
        }
        for (let f = 0; f < filters; f += 1) if (row[f]! > pooled[piece + f]!) pooled[piece + f] = row[f]!;
      }
      const scores = new Float64Array(this.outBias.length);
      let max = -Infinity;
      for (let l = 0; l < scores.length; l += 1) {
        let s = this.outBias[l]!;
        const row = l * 3 * filters;
        for (let x = 0; x < pooled.length; x += 1) s += this.out[row + x]! * pooled[x]!;
        scores[l] = s;
        if (s > max) max = s;
      }
      let total = 0;
      for (let l = 0; l < scores.length; l += 1) total += (scores[l] = Math.exp(scores[l]! - max));
      for (let l = 0; l < scores.length; l += 1) scores[l] /= total;
      return scores;
    });
  }

  /** Rows d = -(maxDistance + 1) .. maxDistance + 1: the shares of distances d - 1, d, d + 1 at offsets 0, 1, 2, summed in that order. */
  private distanceRuns(table: Float32Array): Float32Array {
    const { filters, maxDistance } = this;
    const clip = (d: number) => Math.max(-maxDistance, Math.min(maxDistance, d)) + maxDistance;
    const rows = 2 * maxDistance + 3;
    const into = new Float32Array(rows * filters);
    for (let r = 0; r < rows; r += 1) {
      const d = r - maxDistance - 1;
      for (let k = 0; k < 3; k += 1) {
        const from = clip(d + k - 1) * 3 * filters + k * filters;
        for (let f = 0; f < filters; f += 1) into[r * filters + f] += table[from + f]!;
      }
    }
    return into;
  }

  /**
   * Every position's share of its own and its neighbours' distances to one name. Away from the name
   * and the sentence's ends the three distances run on by one, and the share is one row of `runs`;
   * elsewhere (inside a name of several words, at the ends) it is summed as the convolution reads it.
   */
  private distanceShares(n: number, [first, last]: readonly [number, number], table: Float32Array, runs: Float32Array, into: Float32Array, at: number): void {
    const { filters, maxDistance } = this;
    const width = 3 * filters;
    into.fill(0, at, at + n * filters);
    const distance = (s: number) => (s < first ? s - first : s > last ? s - last : 0);
    for (let t = 0; t < n; t += 1) {
      const d = distance(t);
      if (t > 0 && t < n - 1 && distance(t - 1) === d - 1 && distance(t + 1) === d + 1) {
        const row = (Math.max(-maxDistance - 1, Math.min(maxDistance + 1, d)) + maxDistance + 1) * filters;
        const to = at + t * filters;
        for (let f = 0; f < filters; f += 4) {
          into[to + f] = runs[row + f]!;
          into[to + f + 1] = runs[row + f + 1]!;
          into[to + f + 2] = runs[row + f + 2]!;
          into[to + f + 3] = runs[row + f + 3]!;
        }
        continue;
      }
      for (let k = 0; k < 3; k += 1) {
        const s = t + k - 1;
        if (s < 0 || s >= n) continue;
        const row = (Math.max(-maxDistance, Math.min(maxDistance, distance(s))) + maxDistance) * width + k * filters;
        for (let f = 0; f < filters; f += 1) into[at + t * filters + f] += table[row + f]!;
      }
    }
  }
}

/**
 * The encoder: its members' mean probabilities (one member, or several trained from other seeds
 * over the same word vectors, whose mean is steadier than any one of them).
 */
export class PairEncoder implements PairClassifier {
  readonly threshold: number;
  private readonly vocab = new Map<string, number>();
  private readonly members: EncoderMember[];

  /** `labels`: the classes this code reads the model's outputs as (the tone encoder's are the tone labels). */
  constructor(meta: EncoderMeta, bytes: Uint8Array, labels: readonly string[] = ENCODER_LABELS) {
    if (meta.labels.join() !== labels.join() || meta.tags.join() !== TAGS.join()) throw new Error('stance encoder: labels or tags do not match this code');
    const tensor = (name: string): Float32Array | Int8Array => {
      const t = meta.tensors.find((x) => x.name === name);
      if (!t) throw new Error(`stance encoder: no tensor ${name}`);
      const size = t.shape.reduce((a, b) => a * b, 1);
      const start = bytes.byteOffset + t.offset;
      if (start + (t.type === 'int8' ? size : 4 * size) > bytes.byteOffset + bytes.length) throw new Error(`stance encoder: tensor ${name} runs past the end of its file`);
      // Views of the file's bytes, not copies (the 3.7 MB of word vectors among them); a float
      // tensor off a 4-byte boundary is copied, as a Float32Array cannot view it.
      if (t.type === 'int8') return new Int8Array(bytes.buffer, start, size);
      return start % 4 === 0 ? new Float32Array(bytes.buffer, start, size) : new Float32Array(bytes.buffer.slice(start, start + 4 * size));
    };
    this.threshold = meta.threshold;
    meta.words.forEach((w, i) => this.vocab.set(w, i));
    const vectors = tensor('vectors') as Int8Array;
    const vectorScale = tensor('vectorScale') as Float32Array;
    if (vectorScale.length !== meta.words.length) throw new Error('stance encoder: vectors do not match its words');
    // A file of one member names its tensors plainly; of several, "m0.conv", "m1.conv" ...
    const count = meta.members ?? 1;
    this.members = Array.from({ length: count }, (_, m) => new EncoderMember(meta, (name) => tensor(meta.members ? `m${m}.${name}` : name) as Float32Array, vectors, vectorScale));
  }

  wordId(word: string): number {
    const form = hasCurlyQuote(word) ? normalForm(word) : word;
    return this.vocab.get(form) ?? (/\d/.test(form) ? 1 : 0);
  }

  /**
   * The five class probabilities of each pair of names of one sentence. `names` are token ranges
   * in `words`; `pairs` index into them (a before b).
   */
  classify(words: readonly string[], tags: readonly string[], names: ReadonlyArray<readonly [number, number]>, pairs: ReadonlyArray<readonly [number, number]>): Float64Array[] {
    const ids = Int32Array.from(words, (w) => this.wordId(w));
    const tagIds = Uint8Array.from(tags, (tag) => {
      const t = TAGS.indexOf(tag as (typeof TAGS)[number]);
      return t < 0 ? X_TAG : t;
    });
    if (this.members.length === 1) return this.members[0]!.classify(ids, tagIds, names, pairs);
    const each = this.members.map((m) => m.classify(ids, tagIds, names, pairs));
    return pairs.map((_, p) => {
      const mean = new Float64Array(each[0]![p]!.length);
      for (const probabilities of each) for (let l = 0; l < mean.length; l += 1) mean[l] += probabilities[p]![l]!;
      for (let l = 0; l < mean.length; l += 1) mean[l] /= each.length;
      return mean;
    });
  }

  /** Each target alone (`targets` are token ranges in `words`): the class probabilities toward it. */
  classifyTargets(words: readonly string[], tags: readonly string[], targets: ReadonlyArray<readonly [number, number]>): Float64Array[] {
    return this.classify(words, tags, targets, targets.map((_, i) => [i, -1] as const));
  }

  /** One pair, as the trainer exported it. */
  classifyInput(input: PairInput): Float64Array {
    return this.classify(input.words, input.tags, [input.a, input.b], [[0, 1]])[0]!;
  }
}

let shipped: PairEncoder | null = null;

/** The encoder read at another threshold than its own (--stance-threshold); itself when none is given. */
export function withThreshold(encoder: PairClassifier, threshold: number | undefined): PairClassifier {
  if (threshold === undefined) return encoder;
  return { threshold, classify: (words, tags, names, pairs) => encoder.classify(words, tags, names, pairs) };
}

/** The encoder in src/models/stance-encoder.{json,bin} (copied next to dist/ by the build). */
export function shippedPairEncoder(): PairEncoder {
  shipped ??= new PairEncoder(
    JSON.parse(readFileSync(new URL('../models/stance-encoder.json', import.meta.url), 'utf8')) as EncoderMeta,
    readFileSync(new URL('../models/stance-encoder.bin', import.meta.url)),
  );
  return shipped;
}
