/**
 * The articles the bench runs on: ../shared/corpus (300 Arabic and 100 English real articles) when
 * it is there, else the articles of examples/ (written for Dateline) with a printed notice. The
 * bench never copies corpus text anywhere: it reads the files at run time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Source } from '../../shared/record';

/** Where extraction is told an offline file came from: a bucket name for the tool, no upload, no version. */
export function fileSource(bucket: string, key: string, size: number): Source {
  return { bucket, key, versionId: null, etag: null, size, contentType: null, sequencer: null, uploadedAt: null, metadata: {} };
}

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

export type BenchLanguage = 'ar' | 'en';
export const BENCH_LANGUAGES: readonly BenchLanguage[] = ['ar', 'en'];

export interface BenchArticle {
  /** Where it came from, relative: `ar/ant_alarabiya-0001.txt`. */
  readonly name: string;
  readonly lang: BenchLanguage;
  readonly bytes: Uint8Array;
}

export interface ArticleSet {
  readonly articles: readonly BenchArticle[];
  /** `../shared/corpus` or `examples/`. */
  readonly from: string;
  /** Set when the corpus was absent and the examples stood in. */
  readonly notice: string | null;
}

/** Files of one language folder, sorted so that every run sees the same order. */
function readFolder(dir: string, lang: BenchLanguage): BenchArticle[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ name: `${lang}/${file}`, lang, bytes: readFileSync(path.join(dir, file)) }));
}

/** Arabic when Arabic letters outnumber Latin ones: enough to sort the examples. */
function guessLanguage(bytes: Uint8Array): BenchLanguage {
  const text = new TextDecoder().decode(bytes);
  const arabic = text.match(/[\u0600-\u06ff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return arabic > latin ? 'ar' : 'en';
}

let cached: ArticleSet | null = null;

export function loadArticles(): ArticleSet {
  if (cached) return cached;
  const folders = BENCH_LANGUAGES.map((lang) => ({ lang, dir: path.join(CORPUS_DIR, lang) }));
  if (folders.every(({ dir }) => existsSync(dir))) {
    const articles = folders.flatMap(({ lang, dir }) => readFolder(dir, lang));
    if (articles.length > 0) return (cached = { articles, from: '../shared/corpus', notice: null });
  }
  const examples = readdirSync(EXAMPLES_DIR)
    .filter((file) => /\.(txt|md|html|json)$/.test(file))
    .sort()
    .map((file) => {
      const bytes = readFileSync(path.join(EXAMPLES_DIR, file));
      return { name: `examples/${file}`, lang: guessLanguage(bytes), bytes };
    });
  return (cached = {
    articles: examples,
    from: 'examples/',
    notice: `${CORPUS_DIR} is absent: corpus figures are measured on the ${examples.length} articles of examples/ instead`,
  });
}

export interface ExampleArticle {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The example article (SANA, 7.6 KB), or a repository example when ../shared is absent. */
export function loadExampleArticle(): ExampleArticle {
  const sana = path.join(SHARED_DIR, 'examples', 'sana-moscow.txt');
  if (existsSync(sana)) return { name: 'sana-moscow.txt', bytes: readFileSync(sana) };
  const fallback = path.join(EXAMPLES_DIR, 'sana-damascus-water.txt');
  return { name: 'examples/sana-damascus-water.txt', bytes: readFileSync(fallback) };
}

/**
 * `count` articles spread over the set (every k-th), so a small sample still mixes sources and
 * languages; repeats the set when `count` is larger than it.
 */
export function spreadSample(articles: readonly BenchArticle[], count: number): BenchArticle[] {
  if (articles.length === 0) return [];
  const step = Math.max(1, Math.floor(articles.length / Math.max(1, Math.min(count, articles.length))));
  const sample: BenchArticle[] = [];
  for (let i = 0; sample.length < count; i++) {
    const index = (i * step + Math.floor(i / articles.length)) % articles.length;
    sample.push(articles[index]!);
  }
  return sample;
}
