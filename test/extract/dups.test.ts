/**
 * Near-duplicate detection, pure (shared/duplicates.ts): the sketch, the resemblance estimate,
 * the anchors, and the in-memory band index (the table's keys and limits) over articles we wrote
 * and over the corpus' real pairs. The same detection through the real handler, s3rver and
 * dynalite is in test/ingest/dups.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createMemoryBandIndex,
  decodeSketch,
  encodeSketch,
  fingerprintText,
  indexAnchors,
  QUERY_ANCHORS,
  resemblance,
  RESEMBLANCE_THRESHOLD,
  SKETCH_SIZE,
} from '../../shared/duplicates';
import type { ArticleRecord } from '../../shared/record';
import { extract, repoRoot, sharedAvailable, sharedDir } from './helpers';

const ingestFixture = (name: string) => readFileSync(path.join(repoRoot, 'test/fixtures/ingest', name));
const sketchOf = (record: ArticleRecord) => decodeSketch(record.fingerprints.minhash);

describe('sketch and resemblance', () => {
  it('round-trips a sketch through base64', () => {
    const hashes = Uint32Array.from([1, 2, 0xfffffffe, 0xffffffff]);
    expect(decodeSketch(encodeSketch(hashes))).toEqual(hashes);
    expect(decodeSketch('')).toEqual(new Uint32Array(0));
  });

  it('is exact for short bodies: identical 1, disjoint 0, half shared in between', () => {
    const a = Uint32Array.from([1, 2, 3, 4]);
    expect(resemblance(a, a)).toBe(1);
    expect(resemblance(a, Uint32Array.from([5, 6, 7, 8]))).toBe(0);
    expect(resemblance(a, Uint32Array.from([3, 4, 5, 6]))).toBeCloseTo(2 / 6);
    expect(resemblance(a, new Uint32Array(0))).toBe(0);
  });

  it('estimates from the smallest hashes of the union when a body is longer than the sketch', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `كلمة${i}`);
    const a = fingerprintText(words.join(' '));
    const b = fingerprintText([...words.slice(0, 1000), ...Array.from({ length: 1000 }, (_, i) => `other${i}`)].join(' '));
    expect(decodeSketch(a.minhash).length).toBe(SKETCH_SIZE);
    // 998 of 2998 distinct 3-grams are shared: a resemblance of 0.33.
    expect(resemblance(decodeSketch(a.minhash), decodeSketch(b.minhash))).toBeGreaterThan(0.25);
    expect(resemblance(decodeSketch(a.minhash), decodeSketch(b.minhash))).toBeLessThan(0.42);
  });

  it('ignores diacritics, tatweel and hamza forms', () => {
    const plain = fingerprintText('افتتحت الوزارة محطة جديدة لمعالجة مياه الشرب في ريف المدينة الشمالي');
    const marked = fingerprintText('افتتحتْ الوزارةُ محطـةً جديدة لمعالجة مياه الشُرب في ريف المدينة الشمالي');
    expect(marked).toEqual(plain);
  });

  it('chooses at most 4 query anchors, one from each quarter of the body', () => {
    const fp = fingerprintText(Array.from({ length: 400 }, (_, i) => `w${i}`).join(' '));
    expect(fp.anchors).toHaveLength(QUERY_ANCHORS);
    expect(new Set(fp.anchors).size).toBe(QUERY_ANCHORS);
    for (const anchor of fp.anchors) expect(anchor).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprintText('')).toEqual({ minhash: '', anchors: [] });
  });
});

describe('an edited re-publication of an article we wrote', () => {
  const original = extract(ingestFixture('dups-homs-water.ar.txt'), 'homs-water.txt');
  const republished = extract(ingestFixture('dups-homs-water-republished.ar.txt'), 'homs-water-republished.txt');
  const unrelated = extract(ingestFixture('dups-latakia-olive-harvest.ar.txt'), 'latakia-olives.txt');

  it('resembles the original above the threshold; an unrelated story does not', () => {
    expect(resemblance(sketchOf(original), sketchOf(republished))).toBeGreaterThanOrEqual(RESEMBLANCE_THRESHOLD);
    expect(resemblance(sketchOf(original), sketchOf(unrelated))).toBeLessThan(RESEMBLANCE_THRESHOLD);
  });

  it('is found through the band index in either order, with the simhash distance', () => {
    for (const [first, second] of [
      [original, republished],
      [republished, original],
    ] as const) {
      const index = createMemoryBandIndex();
      index.add(first);
      index.add(unrelated);
      const found = index.find(second);
      expect(found).toEqual([{ id: first.id, key: first.source.key, distance: expect.any(Number) }]);
      expect(index.queries).toBeLessThanOrEqual(QUERY_ANCHORS);
      expect(index.find(unrelated)).toEqual([]);
    }
  });

  it('indexes an article under at most 12 anchors, and never links it to itself', () => {
    expect(indexAnchors(original).length).toBeLessThanOrEqual(12);
    const index = createMemoryBandIndex();
    index.add(original);
    expect(index.find(original)).toEqual([]);
    index.remove(original);
    expect(index.items).toBe(0);
  });
});

describe('the corpus near-duplicate pairs', () => {
  const present = sharedAvailable('corpus/ar/manifest.jsonl', 'the near-duplicate pairs of the corpus');

  it.skipIf(!present)('links all 8 pairs and no other, with at most 4 queries per article', () => {
    const dir = path.join(sharedDir, 'corpus/ar');
    const groups = new Map<string, string>(
      readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { file: string; near_duplicate_group?: string })
        .filter((e) => e.near_duplicate_group)
        .map((e) => [e.file, e.near_duplicate_group ?? '']),
    );
    const index = createMemoryBandIndex();
    const links: string[] = [];
    let maxQueries = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const record = extract(readFileSync(path.join(dir, file)), file);
      const before = index.queries;
      for (const d of index.find(record)) links.push([file, d.key].sort().join(' '));
      maxQueries = Math.max(maxQueries, index.queries - before);
      index.add(record);
    }
    const gold = [...new Set(groups.values())].map((g) => [...groups].filter(([, group]) => group === g).map(([f]) => f).sort().join(' ')).sort();
    expect(gold).toHaveLength(8);
    expect(links.sort()).toEqual(gold);
    expect(maxQueries).toBeLessThanOrEqual(QUERY_ANCHORS);
  });
});
