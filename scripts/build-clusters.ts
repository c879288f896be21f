/**
 * Builds the Arabic word lexicon the NER tagger reads distributional features from:
 *   npm run build:clusters     (reads ../shared/corpus/unlabeled/ar-news.jsonl.gz, writes models/lexicon-ar.tsv.gz)
 *
 * For the most frequent word forms (normalised, shared/ner/arabic.ts) it writes
 *   - a hierarchical cluster id, a bit string whose prefixes group words used alike (like Brown
 *     cluster paths): PPMI context vectors (left word, right word, words two away, over the most
 *     frequent context words), a sparse random projection, then bisecting spherical 2-means;
 *   - a frequency band (how common the form is);
 *   - person and place bands: how often the form stands where names stand (after a title such as
 *     الرئيس or الوزير, beside بن/ابن, after مدينة or محافظة), as a share of its occurrences.
 * Only statistics leave this script, never text. Fixed seed; two passes over the corpus plus a few
 * seconds of clustering (a few minutes on one core).
 */
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync, createGunzip } from 'node:zlib';
import { normalizeArabic, stripProclitics } from '../shared/ner/arabic';
import { LEXICON_HEADER, personBand, placeBand, frequencyBand } from '../shared/ner/lexicon';
import { seededRandom } from '../shared/ner/perceptron';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(repoRoot, '../shared/corpus/unlabeled/ar-news.jsonl.gz');
const OUT = path.join(repoRoot, 'models/lexicon-ar.tsv.gz');

/** Forms that get a cluster id; the next ones down the frequency list get bands only. */
const CLUSTERED = 50_000;
const LISTED = 100_000;
/** Context words (per block: left, right, two away). */
const CONTEXTS = 800;
const DIMS = 128;
/** Each context dimension lands on this many projected dimensions, with random signs. */
const SPREAD = 8;
const MAX_DEPTH = 16;
const MIN_NODE = 4;
const ITERATIONS = 6;
const SEED = 20261207;
/** Stops a pass early on a slow machine: the counts stay usable, only fewer articles are read. */
const PASS_SECONDS = 240;

// Words after which the next word is (usually) a person's name, and before which a place's.
const PERSON_TITLES = new Set(
  ['الرئيس', 'الوزير', 'الملك', 'الامير', 'الاميره', 'الشيخ', 'الشيخه', 'السيد', 'السيده', 'الدكتور', 'الدكتوره', 'اللواء', 'العميد',
    'العقيد', 'الفريق', 'المشير', 'النائب', 'السفير', 'المستشار', 'الرائد', 'المهندس', 'الاستاذ', 'البابا', 'الامام', 'المرشد', 'الجنرال',
    'المدرب', 'اللاعب', 'الفنان', 'الفنانه', 'الكاتب', 'الزميل', 'القاضي', 'المحامي'].map(normalizeArabic),
);
const LINEAGE = new Set(['بن', 'ابن', 'بنت'].map(normalizeArabic));
const PLACE_HEADS = new Set(['مدينه', 'محافظه', 'ولايه', 'بلده', 'قريه', 'اقليم', 'العاصمه', 'مقاطعه', 'منطقه', 'مخيم', 'ميناء', 'جزيره'].map(normalizeArabic));

const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;

async function eachArticle(visit: (words: string[]) => void): Promise<number> {
  const started = Date.now();
  const lines = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  let articles = 0;
  for await (const line of lines) {
    if (!line) continue;
    const text = (JSON.parse(line) as { text?: string }).text ?? '';
    for (const paragraph of text.split('\n')) visit(Array.from(paragraph.matchAll(WORD), (m) => normalizeArabic(m[0])));
    articles++;
    if (Date.now() - started > PASS_SECONDS * 1000) {
      console.log(`  pass stopped after ${PASS_SECONDS}s`);
      lines.close();
      break;
    }
  }
  return articles;
}

/** The form a title or head word is recognised under: without و/ف/ب/ل, with its article. */
const bare = (word: string): string => stripProclitics(word, true, 3).stem;

async function main(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is absent`);
    return;
  }
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  // Pass 1: frequencies and name-context counts.
  const counts = new Map<string, number>();
  const personLike = new Map<string, number>();
  const placeLike = new Map<string, number>();
  const bump = (table: Map<string, number>, word: string | undefined): void => {
    if (word !== undefined) table.set(word, (table.get(word) ?? 0) + 1);
  };
  let tokens = 0;
  const articles = await eachArticle((words) => {
    tokens += words.length;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      bump(counts, word);
      const head = bare(word);
      if (PERSON_TITLES.has(head) || PERSON_TITLES.has(word)) {
        bump(personLike, words[i + 1]);
        if (!LINEAGE.has(words[i + 2] ?? '')) bump(personLike, words[i + 2]);
      } else if (LINEAGE.has(word)) {
        bump(personLike, words[i - 1]);
        bump(personLike, words[i + 1]);
      } else if (PLACE_HEADS.has(head) || PLACE_HEADS.has(word)) {
        bump(placeLike, words[i + 1]);
      }
    }
  });
  console.log(`${elapsed()} pass 1: ${articles} articles, ${tokens} words, ${counts.size} forms`);

  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, LISTED);
  const rank = new Map<string, number>();
  ranked.forEach(([word], i) => rank.set(word, i));
  const V = Math.min(CLUSTERED, ranked.length);
  const C = CONTEXTS;
  const width = 3 * C;

  // Pass 2: co-occurrence counts of the clustered forms with the context words.
  const cooc = new Float32Array(V * width);
  await eachArticle((words) => {
    const ids = words.map((word) => rank.get(word) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      const w = ids[i]!;
      if (w < 0 || w >= V) continue;
      const row = w * width;
      const left = ids[i - 1] ?? -1;
      const right = ids[i + 1] ?? -1;
      if (left >= 0 && left < C) cooc[row + left]! += 1;
      if (right >= 0 && right < C) cooc[row + C + right]! += 1;
      for (const far of [ids[i - 2] ?? -1, ids[i + 2] ?? -1]) if (far >= 0 && far < C) cooc[row + 2 * C + far]! += 1;
    }
  });
  console.log(`${elapsed()} pass 2: co-occurrences counted`);

  // PPMI per block, projected to DIMS dimensions and normalised.
  const random = seededRandom(SEED);
  const targets = new Int32Array(width * SPREAD);
  const signs = new Float32Array(width * SPREAD);
  for (let k = 0; k < targets.length; k++) {
    targets[k] = Math.floor(random() * DIMS);
    signs[k] = random() < 0.5 ? -1 : 1;
  }
  const columnTotals = new Float64Array(width);
  const blockTotals = new Float64Array(3);
  const rowTotals = new Float64Array(V * 3);
  for (let w = 0; w < V; w++) {
    for (let c = 0; c < width; c++) {
      const n = cooc[w * width + c]!;
      columnTotals[c]! += n;
      rowTotals[w * 3 + Math.floor(c / C)]! += n;
      blockTotals[Math.floor(c / C)]! += n;
    }
  }
  const vectors = new Float32Array(V * DIMS);
  for (let w = 0; w < V; w++) {
    const out = w * DIMS;
    for (let c = 0; c < width; c++) {
      const n = cooc[w * width + c]!;
      if (n === 0) continue;
      const block = Math.floor(c / C);
      const pmi = Math.log((n * blockTotals[block]!) / (rowTotals[w * 3 + block]! * columnTotals[c]!));
      if (pmi <= 0) continue;
      for (let k = c * SPREAD; k < (c + 1) * SPREAD; k++) vectors[out + targets[k]!]! += pmi * signs[k]!;
    }
    let norm = 0;
    for (let d = 0; d < DIMS; d++) norm += vectors[out + d]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < DIMS; d++) vectors[out + d]! /= norm;
  }
  console.log(`${elapsed()} vectors projected`);

  // Bisecting spherical 2-means: each split appends one bit to its words' ids.
  const codes = new Array<string>(V).fill('');
  const pending: number[][] = [Array.from({ length: V }, (_, i) => i)];
  const dot = (a: Float32Array, ai: number, b: Float32Array | Float64Array, bi: number): number => {
    let s = 0;
    for (let d = 0; d < DIMS; d++) s += a[ai + d]! * b[bi + d]!;
    return s;
  };
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.length < MIN_NODE || codes[node[0]!]!.length >= MAX_DEPTH) continue;
    // Start from the most frequent word and the word least like it.
    const first = node[0]!;
    let second = node[1]!;
    let lowest = Infinity;
    for (const w of node) {
      const s = dot(vectors, w * DIMS, vectors, first * DIMS);
      if (s < lowest) [lowest, second] = [s, w];
    }
    const centres = new Float64Array(2 * DIMS);
    for (let d = 0; d < DIMS; d++) {
      centres[d] = vectors[first * DIMS + d]!;
      centres[DIMS + d] = vectors[second * DIMS + d]!;
    }
    const side = new Uint8Array(node.length);
    for (let it = 0; it < ITERATIONS; it++) {
      const sums = new Float64Array(2 * DIMS);
      node.forEach((w, j) => {
        const s = dot(vectors, w * DIMS, centres, 0) >= dot(vectors, w * DIMS, centres, DIMS) ? 0 : 1;
        side[j] = s;
        for (let d = 0; d < DIMS; d++) sums[s * DIMS + d]! += vectors[w * DIMS + d]!;
      });
      for (let s = 0; s < 2; s++) {
        let norm = 0;
        for (let d = 0; d < DIMS; d++) norm += sums[s * DIMS + d]! ** 2;
        norm = Math.sqrt(norm) || 1;
        for (let d = 0; d < DIMS; d++) centres[s * DIMS + d] = sums[s * DIMS + d]! / norm;
      }
    }
    const halves: number[][] = [[], []];
    node.forEach((w, j) => halves[side[j]!]!.push(w));
    if (halves[0]!.length === 0 || halves[1]!.length === 0) continue;
    halves.forEach((half, s) => {
      for (const w of half) codes[w] += String(s);
      pending.push(half);
    });
  }
  console.log(`${elapsed()} clustered ${V} forms`);

  const lines = ranked.map(([word, count], i) => {
    const code = i < V ? codes[i] || '-' : '-';
    return [word, code, frequencyBand(count), personBand(personLike.get(word) ?? 0, count), placeBand(placeLike.get(word) ?? 0, count)].join('\t');
  });
  const text = `${LEXICON_HEADER}\t${articles} articles\t${tokens} words\n${lines.join('\n')}\n`;
  const bytes = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(OUT, bytes);
  console.log(`${elapsed()} wrote ${OUT} (${ranked.length} forms, ${(bytes.length / 1024).toFixed(0)} KB)`);
}

await main();
