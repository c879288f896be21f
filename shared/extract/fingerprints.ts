/**
 * Fingerprints: sha256 of the raw bytes (exact identity), and a 64-bit simhash of the body
 * (near identity). The simhash is taken over 3-word shingles of normalised words (Arabic
 * normalisation, lower case, ASCII digits), so a re-published wire story with its diacritics,
 * hamzas or a few words changed lands within a few bits of the original. Dateline and title are
 * left out: a newspaper re-publishing a wire story changes exactly those.
 */
import { createHash } from 'node:crypto';
import { normalizeArabic, toAsciiDigits } from './arabic';
import { LIMITS, withProblem, type Extractor } from './draft';
import { wordPattern } from './shape';

const SHINGLE_WORDS = 3;
const WORD = wordPattern();

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * FNV-1a style over UTF-16 code units, finished with murmur3's mixer so every output bit
 * avalanches. Two (seed, multiplier) pairs give the two halves of the 64 bits.
 */
function hash32(text: string, seed: number, multiplier: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, multiplier);
  }
  return mix(h);
}

export function simhashTokens(text: string, maxTokens: number = LIMITS.simhashTokens): { tokens: string[]; capped: boolean } {
  const tokens: string[] = [];
  const normalised = toAsciiDigits(normalizeArabic(text)).toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(normalised); m !== null; m = WORD.exec(normalised)) {
    if (tokens.length === maxTokens) return { tokens, capped: true };
    tokens.push(m[0]);
  }
  return { tokens, capped: false };
}

const rotate = (h: number, by: number): number => ((h << by) | (h >>> (32 - by))) >>> 0;

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * 16 hex digits; the empty string when there are no words to hash. Each word is hashed once
 * (two independent 32-bit hashes); a shingle's hash combines its words' hashes, rotated by
 * position so that word order counts. Bit i of the result is set when more than half of the
 * shingle hashes have it set.
 */
export function simhash(tokens: readonly string[]): string {
  if (tokens.length === 0) return '';
  const high = Uint32Array.from(tokens, (t) => hash32(t, 0x811c9dc5, 0x01000193));
  const low = Uint32Array.from(tokens, (t) => hash32(t, 0x9747b28c, 0x5bd1e995));
  const ones = new Int32Array(64);
  const shingles = Math.max(1, tokens.length - SHINGLE_WORDS + 1);
  for (let i = 0; i < shingles; i++) {
    let h = 0;
    let l = 0;
    for (let k = 0; k < SHINGLE_WORDS && i + k < tokens.length; k++) {
      h ^= rotate(high[i + k] ?? 0, k * 11 + 1);
      l ^= rotate(low[i + k] ?? 0, k * 11 + 1);
    }
    countBits(ones, 0, mix(h));
    countBits(ones, 32, mix(l));
  }
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | ((ones[nibble * 4 + bit] ?? 0) * 2 > shingles ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

/** Adds the set bits of `word` (most significant first) to `ones[offset..offset+31]`. */
function countBits(ones: Int32Array, offset: number, word: number): void {
  let rest = word >>> 0;
  while (rest !== 0) {
    const top = Math.clz32(rest);
    ones[offset + top] = (ones[offset + top] ?? 0) + 1;
    rest = (rest & ~(0x80000000 >>> top)) >>> 0;
  }
}

/** Number of differing bits between two simhashes (64 when either is missing). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== 16 || b.length !== 16) return 64;
  let distance = 0;
  for (let i = 0; i < 16; i++) {
    let x = parseInt(a[i] ?? '0', 16) ^ parseInt(b[i] ?? '0', 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}

export const takeFingerprints: Extractor = (draft) => {
  const { words: tokens, capped } = draft.tokens.body;
  const next = capped ? withProblem(draft, 'simhash-capped', `The simhash covers the first ${LIMITS.simhashTokens} words only.`) : draft;
  return { ...next, fingerprints: { sha256: sha256Hex(draft.bytes), simhash: simhash(tokens) } };
};
