/**
 * Near-duplicates: a re-published wire story is linked to the original even after edits.
 *
 * Why not the 64-bit simhash alone: on the corpus' real pairs (an SPA story and a newspaper's
 * re-publication, word 5-gram Jaccard 0.31–0.91) simhash distances run 0–18 bits while unrelated
 * articles come as close as 16, and a simhash's 64 bits cannot estimate a resemblance of 0.4
 * against 0.27 better than ±4 bits. Band keys over it (4 × 16 bits) only guarantee distance ≤ 3.
 * So the simhash stays the record's fingerprint and the reported `distance`, and linking uses:
 *
 * 1. Shingles: word 3-grams of the body (dateline, title and wire trailers already left out by
 *    extraction; words normalised as for the simhash: diacritics, hamza forms, ta marbuta, digits,
 *    case), each hashed to 32 bits.
 * 2. A bottom-256 MinHash sketch (`fingerprints.minhash`): the 256 smallest distinct shingle
 *    hashes. It estimates the Jaccard resemblance of two bodies (exactly for bodies of up to 256
 *    distinct shingles, ±0.03 beyond).
 * 3. Anchors (band keys): a new article queries 4 anchors, the smallest shingle hash of each
 *    quarter of its body (`fingerprints.anchors`), so that a re-publication that kept any quarter
 *    of the story shares one; every article is indexed under those 4 and its 8 smallest hashes.
 *    Index items: pk `B#w3#<anchor>` sk `<object key>`, each carrying the sketch, simhash and
 *    sequencer (about 1.5 KB) so that a Query answers with all verification needs. At most 4
 *    Queries per new article (100 items each at most); up to 12 index items written per article.
 * 4. A candidate is a near-duplicate when its estimated resemblance is at least
 *    RESEMBLANCE_THRESHOLD, 0.35: on these 3-grams the corpus' 8 real pairs measure 0.47–1.00 and
 *    no other pair of its 300 Arabic articles exceeds 0.26 (the manifest's own criterion, word
 *    5-gram Jaccard >= 0.3, sits near 0.4 here). The record lists it as `{ id, key, distance }`,
 *    distance being the simhash Hamming distance (shown for comparison; the resemblance decides).
 *
 * Pure: no SDK, no environment. adapters/dynamo-store.ts stores and queries the index items;
 * scripts/eval.ts runs the same functions over an in-memory index.
 */
import { LIMITS, type Extractor } from './extract/draft';
import { hammingDistance, mix, simhashTokens } from './extract/fingerprints';
import type { ArticleRecord, Duplicate } from './record';
import { normalizeSequencer } from './s3-event';
import { PREFIX } from './table';

/** Words per shingle. */
export const SHINGLE_WORDS = 3;
/** Hashes kept in the MinHash sketch. */
export const SKETCH_SIZE = 256;
/** Anchors a new article queries: the Query budget per article. */
export const QUERY_ANCHORS = 4;
/** Smallest hashes an article is also indexed under (besides its query anchors). */
export const INDEXED_SMALLEST = 8;
/** Estimated Jaccard resemblance of 3-gram shingles at or above which two articles are near-duplicates. */
export const RESEMBLANCE_THRESHOLD = 0.35;
/** Index items one Query reads: an anchor shared by more articles is boilerplate, not evidence. */
export const MAX_ITEMS_PER_ANCHOR = 100;
/** Near-duplicates listed per record (and back-links kept per record). */
export const MAX_DUPLICATES = 50;
/** Family prefix of the index items' partition keys; the version is in the name. */
export const BAND_PREFIX = PREFIX.band;

// ---------------------------------------------------------------------------------------------
// Hashing


function wordHash(word: string): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return mix(h);
}

const rotate = (h: number, by: number): number => ((h << by) | (h >>> (32 - by))) >>> 0;

/** The 32-bit hashes of the word 3-grams of `tokens`, in document order (one, for a shorter text). */
export function shingleHashes(tokens: readonly string[]): Uint32Array {
  const words = Uint32Array.from(tokens, wordHash);
  const count = Math.max(tokens.length > 0 ? 1 : 0, tokens.length - SHINGLE_WORDS + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0;
    for (let k = 0; k < SHINGLE_WORDS && i + k < words.length; k++) h ^= rotate(words[i + k] ?? 0, k * 11);
    out[i] = mix(h ^ 0x5bd1e995);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sketch and anchors

export interface DuplicateFingerprint {
  /** Base64 of the sketch: up to SKETCH_SIZE distinct hashes, ascending, 4 bytes big-endian each. */
  readonly minhash: string;
  /** The query anchors, 8 hex digits each. */
  readonly anchors: string[];
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

export function encodeSketch(hashes: Uint32Array): string {
  const bytes = new Uint8Array(hashes.length * 4);
  const view = new DataView(bytes.buffer);
  hashes.forEach((h, i) => view.setUint32(i * 4, h));
  return Buffer.from(bytes).toString('base64');
}

export function decodeSketch(text: string | undefined): Uint32Array {
  if (!text) return new Uint32Array(0);
  const bytes = Buffer.from(text, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint32Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getUint32(i * 4);
  return out;
}

/** Sketch and anchors of a body's shingle hashes (empty for a body without words). */
export function fingerprintShingles(shingles: Uint32Array): DuplicateFingerprint {
  if (shingles.length === 0) return { minhash: '', anchors: [] };
  const sorted = Uint32Array.from(shingles).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length && distinct.length < SKETCH_SIZE; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i] ?? 0);
  // The smallest hash of each quarter of the body, then the smallest overall to make up four.
  const anchors: number[] = [];
  for (let q = 0; q < QUERY_ANCHORS; q++) {
    const from = Math.floor((q * shingles.length) / QUERY_ANCHORS);
    const to = Math.floor(((q + 1) * shingles.length) / QUERY_ANCHORS);
    let min = Infinity;
    for (let i = from; i < to; i++) min = Math.min(min, shingles[i] ?? Infinity);
    if (min !== Infinity && !anchors.includes(min)) anchors.push(min);
  }
  for (const h of distinct) {
    if (anchors.length >= QUERY_ANCHORS) break;
    if (!anchors.includes(h)) anchors.push(h);
  }
  return { minhash: encodeSketch(Uint32Array.from(distinct)), anchors: anchors.map(hex8) };
}

/** The duplicate fingerprint of a body of text (words normalised as for the simhash). */
export function fingerprintText(text: string): DuplicateFingerprint {
  return fingerprintShingles(shingleHashes(simhashTokens(text, LIMITS.simhashTokens).tokens));
}

/** Extraction step: adds `minhash` and `anchors` to the fingerprints, over the same body as the simhash. */
export const takeDuplicateFingerprint: Extractor = (draft) => {
  const { minhash, anchors } = fingerprintShingles(shingleHashes(draft.tokens.body.words));
  return { ...draft, fingerprints: { ...draft.fingerprints, minhash, anchors } };
};

/**
 * Estimated Jaccard resemblance of two bodies from their sketches: the share of the smallest
 * hashes of the union that both hold. A sketch shorter than SKETCH_SIZE holds its whole body,
 * so two short bodies compare exactly.
 */
export function resemblance(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Hashes above the largest of a full (cut) sketch are unknown for that body: stop there.
  const limit = Math.min(a.length >= SKETCH_SIZE ? (a[a.length - 1] ?? 0) : Infinity, b.length >= SKETCH_SIZE ? (b[b.length - 1] ?? 0) : Infinity);
  let i = 0;
  let j = 0;
  let taken = 0;
  let shared = 0;
  while (taken < SKETCH_SIZE && (i < a.length || j < b.length)) {
    const x = a[i] ?? Infinity;
    const y = b[j] ?? Infinity;
    const next = Math.min(x, y);
    if (next > limit) break;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    taken++;
  }
  return taken === 0 ? 0 : shared / taken;
}

// ---------------------------------------------------------------------------------------------
// Index items

/** Partition key of the index items of one anchor. */
export const bandPartition = (anchor: string): string => `${BAND_PREFIX}${anchor}`;

/** Anchors an article is indexed under: its query anchors and its smallest hashes. */
export function indexAnchors(record: ArticleRecord): string[] {
  const anchors = new Set(record.fingerprints.anchors ?? []);
  const sketch = decodeSketch(record.fingerprints.minhash);
  for (let i = 0; i < Math.min(INDEXED_SMALLEST, sketch.length); i++) anchors.add(hex8(sketch[i] ?? 0));
  return [...anchors];
}

/** Anchors a new article queries (at most QUERY_ANCHORS). */
export function queryAnchors(record: ArticleRecord): string[] {
  return (record.fingerprints.anchors ?? []).slice(0, QUERY_ANCHORS);
}

/** What an index item holds about its article: enough to verify a candidate without reading it. */
export interface BandEntry {
  readonly id: string;
  readonly key: string;
  readonly simhash: string;
  readonly minhash: string;
  /** The article's normalised S3 sequencer when written: tells a stale index item from a current one. */
  readonly sequencer: string | null;
}

/** The index entry of a record. */
export function bandEntryOf(record: ArticleRecord): BandEntry {
  return {
    id: record.id,
    key: record.source.key,
    simhash: record.fingerprints.simhash,
    minhash: record.fingerprints.minhash ?? '',
    sequencer: normalizeSequencer(record.source.sequencer),
  };
}

/** Whether a record takes part in near-duplicate detection at all. */
export function isIndexable(record: ArticleRecord): boolean {
  return record.status === 'ok' && !!record.fingerprints.minhash && (record.fingerprints.anchors?.length ?? 0) > 0;
}

/**
 * The near-duplicates of `record` among candidate entries (from the index), best first: other
 * keys only, each once, resemblance at or above the threshold.
 */
export function matchCandidates(record: ArticleRecord, candidates: readonly BandEntry[]): { entry: BandEntry; duplicate: Duplicate; resemblance: number }[] {
  const own = decodeSketch(record.fingerprints.minhash);
  const seen = new Set<string>([record.source.key]);
  const matches: { entry: BandEntry; duplicate: Duplicate; resemblance: number }[] = [];
  for (const entry of candidates) {
    if (seen.has(entry.key)) continue;
    seen.add(entry.key);
    const score = resemblance(own, decodeSketch(entry.minhash));
    if (score < RESEMBLANCE_THRESHOLD) continue;
    matches.push({ entry, resemblance: score, duplicate: { id: entry.id, key: entry.key, distance: hammingDistance(record.fingerprints.simhash, entry.simhash) } });
  }
  matches.sort((a, b) => b.resemblance - a.resemblance || (a.entry.key < b.entry.key ? -1 : 1));
  return matches.slice(0, MAX_DUPLICATES);
}

/** The back-link an earlier record gets: the new record, at the same distance. */
export function backLink(record: ArticleRecord, distance: number): Duplicate {
  return { id: record.id, key: record.source.key, distance };
}

// ---------------------------------------------------------------------------------------------
// The index in memory

/**
 * The band index kept in memory, with the table's partition keys and limits: what scripts/eval.ts
 * and the unit tests run the detection on. `queries` counts partition reads as the store counts
 * its Query calls.
 */
export function createMemoryBandIndex() {
  const partitions = new Map<string, Map<string, BandEntry>>();
  let queries = 0;
  return {
    add(record: ArticleRecord): void {
      if (!isIndexable(record)) return;
      const entry = bandEntryOf(record);
      for (const anchor of indexAnchors(record)) {
        const pk = bandPartition(anchor);
        const partition = partitions.get(pk) ?? new Map<string, BandEntry>();
        partition.set(entry.key, entry);
        partitions.set(pk, partition);
      }
    },
    remove(record: ArticleRecord): void {
      for (const anchor of indexAnchors(record)) partitions.get(bandPartition(anchor))?.delete(record.source.key);
    },
    /** The near-duplicates of `record` among the records added so far. */
    find(record: ArticleRecord): Duplicate[] {
      if (!isIndexable(record)) return [];
      const candidates: BandEntry[] = [];
      for (const anchor of queryAnchors(record)) {
        queries++;
        candidates.push(...[...(partitions.get(bandPartition(anchor))?.values() ?? [])].slice(0, MAX_ITEMS_PER_ANCHOR));
      }
      return matchCandidates(record, candidates).map((m) => m.duplicate);
    },
    get queries(): number {
      return queries;
    },
    get items(): number {
      let n = 0;
      for (const partition of partitions.values()) n += partition.size;
      return n;
    },
  };
}
