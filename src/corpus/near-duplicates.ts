// Near-duplicate articles (one wire story in several outlets, a republished page): MinHash over
// 5-word shingles, with locality-sensitive hashing so each new article is compared only with the
// earlier ones that share a band of its signature. Online: an article is grouped with the first
// earlier one it resembles, as it arrives, so a summary can count each story once while streaming.

/** Words per shingle: five, as the corpus statistics of the issue (Jaccard >= 0.5 on 5-word shingles). */
const SHINGLE_WORDS = 5;
const HASHES = 128;
/** 64 bands of 2: an article pair of Jaccard 0.5 shares a band with probability 1 - 0.75^64 (~1). */
const ROWS_PER_BAND = 2;
/** Estimated Jaccard similarity of shingle sets at which two articles are copies of one story. */
export const NEAR_DUPLICATE_JACCARD = 0.5;

/** A 32-bit mix (murmur3's finaliser) of x under a seed: one of the HASHES hash functions. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Unsigned 32-bit values: a typed array keeps them unboxed in the loop below.
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9));

/**
 * The MinHash signature of a text's 5-word shingles (lower-cased words), each value cut to its low
 * 8 bits (b-bit MinHash), so it travels in an Analysis as 172 characters of base64; null when the
 * text has fewer than five words.
 */
export function signature(text: string): Uint8Array | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  if (words.length < SHINGLE_WORDS) return null;
  // Minima kept as signed int32 with the top bit flipped: the same order as the unsigned hashes,
  // without values above 2^31 that V8 would hold as doubles. The low 8 bits kept are unchanged.
  const mins = new Int32Array(HASHES).fill(0x7fffffff);
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) {
    const shingle = shingleHash(words, i);
    for (let k = 0; k < HASHES; k += 1) {
      // mix(shingle, SEEDS[k]), inlined and kept in int32
      let h = shingle ^ SEEDS[k]!;
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      h = (h ^ (h >>> 16)) ^ 0x80000000;
      if (h < mins[k]!) mins[k] = h;
    }
  }
  return Uint8Array.from(mins, (m) => m & 0xff);
}

/** 32-bit FNV-1a of words[i .. i + SHINGLE_WORDS).join(' '), without building the string. */
function shingleHash(words: string[], i: number): number {
  let h = 0x811c9dc5;
  for (let w = i; w < i + SHINGLE_WORDS; w += 1) {
    if (w > i) h = Math.imul(h ^ 32, 0x01000193);
    const word = words[w]!;
    for (let c = 0; c < word.length; c += 1) h = Math.imul(h ^ word.charCodeAt(c), 0x01000193);
  }
  return h;
}

/** `signature` as base64: the Analysis's `fingerprint`. */
export function fingerprint(text: string): string | null {
  const sig = signature(text);
  return sig ? Buffer.from(sig).toString('base64') : null;
}

const fromFingerprint = (text: string): Uint8Array | null => {
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === HASHES ? new Uint8Array(bytes) : null;
};

/**
 * The share of equal values, corrected for the 1 in 256 chance that two 8-bit values agree by
 * accident: an estimate of the shingle sets' Jaccard similarity.
 */
export function similarity(a: Uint8Array, b: Uint8Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k += 1) if (a[k] === b[k]) same += 1;
  return Math.max(0, (same / HASHES - 1 / 256) / (1 - 1 / 256));
}

export interface DuplicateMatch { original: string; similarity: number }

/** Articles seen so far, indexed by band; `add` says which earlier article a new one copies, if any. */
export class NearDuplicateIndex {
  /** Band hash -> the articles with that band (a collision only adds a candidate, which is then compared). */
  private readonly bands = new Map<number, number[]>();
  private readonly ids: string[] = [];
  private readonly signatures: Uint8Array[] = [];
  /** The first article of each one's group (itself when it is the first). */
  private readonly originals: number[] = [];

  /** Adds an article by its fingerprint (see `fingerprint`); a malformed one is skipped. */
  add(id: string, fingerprintText: string): DuplicateMatch | null {
    const sig = fromFingerprint(fingerprintText);
    if (!sig) return null;
    let best = -1;
    let bestSimilarity = 0;
    const compared = new Set<number>();
    const keys: number[] = [];
    for (let band = 0; band < HASHES / ROWS_PER_BAND; band += 1) {
      const key = (band << 16) | (sig[band * ROWS_PER_BAND]! << 8) | sig[band * ROWS_PER_BAND + 1]!;
      keys.push(key);
      for (const other of this.bands.get(key) ?? []) {
        if (compared.has(other)) continue;
        compared.add(other);
        const s = similarity(sig, this.signatures[other]!);
        if (s > bestSimilarity || (s === bestSimilarity && other < best)) { best = other; bestSimilarity = s; }
      }
    }
    const index = this.ids.length;
    const isCopy = best >= 0 && bestSimilarity >= NEAR_DUPLICATE_JACCARD;
    this.ids.push(id);
    this.signatures.push(sig);
    this.originals.push(isCopy ? this.originals[best]! : index);
    for (const key of keys) {
      const list = this.bands.get(key);
      if (list) list.push(index); else this.bands.set(key, [index]);
    }
    return isCopy ? { original: this.ids[this.originals[best]!]!, similarity: Math.round(bestSimilarity * 1000) / 1000 } : null;
  }
}
