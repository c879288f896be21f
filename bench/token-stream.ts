/**
 * Before and after one token stream, interleaved in one process so that a loaded machine's noise
 * hits both alike: `npx tsx bench/token-stream.ts <before-tree>` where <before-tree> is a checkout
 * of the commit before the stream (e.g. `git archive 7c107fd | tar -x -C /tmp/dl-before`).
 * Per corpus article, alternately, each tree's PIPELINE runs with every extractor timed; printed:
 * the medians of the whole extraction and of the extractors that used to tokenize on their own
 * (language, both fingerprints, dates, keywords; after: with tokenizeText), each also as a ratio
 * to one tokenizing pass `text.match(/[\p{L}\p{N}]+/gu)` (bench/extraction.ts's). Not part of
 * `npm run bench`: it needs the second tree. Rules and gazetteers only (no NER taggers loaded).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PIPELINE } from '../shared/extract';
import { newDraft, type Draft, type Extractor } from '../shared/extract/draft';
import { loadArticles } from './lib/articles';
import { median } from './lib/stats';

const TOKENIZING = new Set(['detectLanguage', 'takeFingerprints', 'takeDuplicateFingerprint', 'findDates', 'findKeywords', 'tokenizeText']);
const REPETITIONS = 3;
const TIME_LIMIT_MS = 150_000;
const WORD = /[\p{L}\p{N}]+/gu;

interface Tree {
  readonly pipeline: readonly Extractor[];
  readonly newDraft: typeof newDraft;
}

function run(tree: Tree, bytes: Uint8Array, key: string): { total: number; tokenizing: number } {
  let draft: Draft = tree.newDraft(bytes, { bucket: 'b', key, versionId: null, etag: null, size: bytes.length, contentType: null, sequencer: null, uploadedAt: null, metadata: {} });
  let total = 0;
  let tokenizing = 0;
  for (const extractor of tree.pipeline) {
    const start = performance.now();
    draft = extractor(draft);
    const spent = performance.now() - start;
    total += spent;
    if (TOKENIZING.has(extractor.name)) tokenizing += spent;
    if (draft.rejection) break;
  }
  return { total, tokenizing };
}

async function main(): Promise<void> {
  const beforeDir = process.argv[2];
  if (!beforeDir) throw new Error('usage: npx tsx bench/token-stream.ts <checkout of the commit before the token stream>');
  const before = (await import(path.resolve(beforeDir, 'shared/extract/index.ts'))) as { PIPELINE: readonly Extractor[] };
  const beforeDraft = (await import(path.resolve(beforeDir, 'shared/extract/draft.ts'))) as { newDraft: typeof newDraft };
  const trees: Record<'before' | 'after', Tree> = { before: { pipeline: before.PIPELINE, newDraft: beforeDraft.newDraft }, after: { pipeline: PIPELINE, newDraft } };
  const { articles } = loadArticles();
  const figures = { before: { total: [] as number[], tokenizing: [] as number[] }, after: { total: [] as number[], tokenizing: [] as number[] }, pass: [] as number[] };
  const started = performance.now();
  for (const article of articles) {
    if (performance.now() - started > TIME_LIMIT_MS) break;
    const bytes = article.bytes;
    const text = new TextDecoder().decode(bytes);
    const samples = { before: { total: [] as number[], tokenizing: [] as number[] }, after: { total: [] as number[], tokenizing: [] as number[] }, pass: [] as number[] };
    for (let r = 0; r < REPETITIONS; r++) {
      const t = performance.now();
      text.match(WORD);
      samples.pass.push(performance.now() - t);
      for (const name of (r % 2 === 0 ? ['before', 'after'] : ['after', 'before']) as ('before' | 'after')[]) {
        const { total, tokenizing } = run(trees[name], bytes, article.name);
        samples[name].total.push(total);
        samples[name].tokenizing.push(tokenizing);
      }
    }
    for (const name of ['before', 'after'] as const) {
      figures[name].total.push(median(samples[name].total));
      figures[name].tokenizing.push(median(samples[name].tokenizing));
    }
    figures.pass.push(median(samples.pass));
  }
  const pass = median(figures.pass);
  const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
  console.log(`${figures.pass.length} articles, median of ${REPETITIONS} runs each, interleaved; one tokenizing pass ${us(pass)}`);
  for (const name of ['before', 'after'] as const) {
    const total = median(figures[name].total);
    const tokenizing = median(figures[name].tokenizing);
    console.log(`${name}: extraction ${us(total)} (${Math.round(total / pass)}×); language + fingerprints + dates + keywords (+ tokenizeText) ${us(tokenizing)} (${Math.round(tokenizing / pass)}×)`);
  }
}

void main();
