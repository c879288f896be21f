/**
 * Extraction's CPU time against the tokenizing pass, steady enough on a loaded shared machine:
 * `npx tsx bench/extraction-cpu.ts [--passes 3] [--before <tree>]`. Process CPU time
 * (process.cpuUsage, user + system) rather than the wall clock, so that time the scheduler gives
 * to other processes does not count. Per corpus article and pass, in turn: the tokenizing pass of
 * bench/extraction.ts (`text.match(/[\p{L}\p{N}]+/gu)` once, as there), extraction with the NER
 * taggers, extraction without them. Printed per language, as the bench does it: the median over
 * articles of each article's median over the passes, the ratio of those medians (and, in
 * brackets, of the sums over articles). Then the CPU of each PIPELINE extractor per article (each
 * entry wrapped; median over the passes). Not part of `npm run bench`: an A/B measure for speed
 * work (a few minutes). With `--before <checkout of an earlier commit>` (e.g. `git archive
 * <commit> | tar -x -C /tmp/before`, node_modules linked) that tree's extraction is timed too,
 * alternating article by article with this one's.
 */
import path from 'node:path';
import { extractRecord, type ExtractInput, type ExtractOptions } from '../shared/extract';
import type { Extractor } from '../shared/extract/draft';
import { BENCH_LANGUAGES, fileSource, loadArticles, REPO_ROOT, type BenchArticle } from './lib/articles';
import { cpuMicros, median } from './lib/stats';

const WORD = /[\p{L}\p{N}]+/gu;
const NOW = '2024-01-01T00:00:00.000Z';
const TOKENIZE_REPEATS = 1;

let sink = 0;

function tokenizeOne(text: string): number {
  const start = cpuMicros();
  for (let r = 0; r < TOKENIZE_REPEATS; r++) sink += text.match(WORD)?.length ?? 0;
  return (cpuMicros() - start) / TOKENIZE_REPEATS;
}

function extractOne(input: ExtractInput, options: ExtractOptions, extract: typeof extractRecord = extractRecord): number {
  const start = cpuMicros();
  sink += extract(input, options).stats.words;
  return cpuMicros() - start;
}

interface Tree {
  readonly extract: typeof extractRecord;
  readonly pipeline: readonly Extractor[];
  readonly options: ExtractOptions;
}

/** The extraction of a source tree (this one, or a checkout of an earlier commit) with its own taggers. */
async function loadTree(root: string): Promise<Tree> {
  const { extractRecord: extract, PIPELINE: pipeline } = (await import(path.resolve(root, 'shared/extract/index.ts'))) as { extractRecord: typeof extractRecord; PIPELINE: readonly Extractor[] };
  const { loadNerModel } = (await import(path.resolve(root, 'models/load.ts'))) as typeof import('../models/load');
  const { createTagger } = (await import(path.resolve(root, 'shared/ner/tagger.ts'))) as typeof import('../shared/ner/tagger');
  return { extract, pipeline, options: { ner: { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } } };
}

/**
 * CPU per extractor of each tree over the same articles: every PIPELINE entry wrapped for this
 * measure (put back after), the trees alternating article by article, `passes` times; per
 * extractor the median over passes of the sum over articles.
 */
function perExtractor(inputs: readonly ExtractInput[], trees: readonly Tree[], passes: number): Map<string, number>[] {
  const sums = trees.map(() => new Map<string, number[]>());
  const spent = trees.map(() => new Map<string, number>());
  const lists = trees.map((tree) => tree.pipeline as Extractor[]);
  const originals = lists.map((list) => [...list]);
  lists.forEach((list, t) =>
    originals[t]!.forEach((fn, i) => {
      list[i] = (draft) => {
        const start = cpuMicros();
        const next = fn(draft);
        spent[t]!.set(fn.name, (spent[t]!.get(fn.name) ?? 0) + cpuMicros() - start);
        return next;
      };
    }),
  );
  try {
    for (let p = 0; p < passes; p++) {
      spent.forEach((m) => m.clear());
      for (const input of inputs) trees.forEach((tree) => tree.extract(input, tree.options));
      spent.forEach((m, t) => {
        for (const [name, us] of m) sums[t]!.set(name, [...(sums[t]!.get(name) ?? []), us]);
      });
    }
  } finally {
    lists.forEach((list, t) => originals[t]!.forEach((fn, i) => (list[i] = fn)));
  }
  return sums.map((m) => new Map([...m].map(([name, values]) => [name, median(values)])));
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--passes');
  const passes = at > 0 ? Number(process.argv[at + 1]) : 3;
  const { articles, from } = loadArticles();
  const here = await loadTree(REPO_ROOT);
  const beforeAt = process.argv.indexOf('--before');
  const trees: [string, Tree][] = [['', here]];
  if (beforeAt > 0) trees.unshift(['before: ', await loadTree(path.resolve(process.argv[beforeAt + 1]!))]);
  const byLang = new Map<string, { articles: BenchArticle[]; inputs: ExtractInput[]; texts: string[] }>();
  for (const lang of BENCH_LANGUAGES) {
    const mine = articles.filter((a) => a.lang === lang);
    byLang.set(lang, {
      articles: mine,
      inputs: mine.map((a) => ({ bytes: a.bytes, source: fileSource('bench', a.name, a.bytes.length), now: NOW })),
      texts: mine.map((a) => new TextDecoder().decode(a.bytes)),
    });
  }
  console.log(`${articles.length} articles from ${from}; ${passes} passes; CPU time (user + system)`);
  // Per article and pass: the tokenizing pass, extraction with the taggers, without them.
  type Runs = { tokenize: number[][]; ner: number[][]; plain: number[][] };
  const runs = new Map<string, Runs>();
  for (let p = 0; p <= passes; p++) {
    for (const [lang, { inputs, texts }] of byLang) {
      const forTree = trees.map(([label]) => {
        const run = runs.get(label + lang) ?? { tokenize: inputs.map(() => []), ner: inputs.map(() => []), plain: inputs.map(() => []) };
        runs.set(label + lang, run);
        return run;
      });
      inputs.forEach((input, i) => {
        // Trees alternate article by article, so that a burst of load hits both.
        trees.forEach(([, tree], t) => {
          const figures = [tokenizeOne(texts[i]!), extractOne(input, tree.options, tree.extract), extractOne(input, {}, tree.extract)];
          // Pass 0 warms up (JIT, lazy tables, the caches) and is not counted.
          if (p === 0) return;
          forTree[t]!.tokenize[i]!.push(figures[0]!);
          forTree[t]!.ner[i]!.push(figures[1]!);
          forTree[t]!.plain[i]!.push(figures[2]!);
        });
      });
    }
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  console.log("bench form: median over articles of each one's median over passes; ratio of the medians (and of the sums)");
  console.log('lang          articles  tokenize  extract     ratio (sums)   without NER  ratio (sums)');
  for (const [lang, run] of runs) {
    const tokenize = run.tokenize.map(median);
    const ner = run.ner.map(median);
    const plain = run.plain.map(median);
    const cell = (us: number[]) => `${median(us).toFixed(0).padStart(5)} µs  ${(median(us) / median(tokenize)).toFixed(0).padStart(4)}× (${(sum(us) / sum(tokenize)).toFixed(0)}×)`;
    console.log(`${lang.padEnd(12)}  ${String(tokenize.length).padStart(8)}  ${median(tokenize).toFixed(1).padStart(5)} µs  ${cell(ner)}   ${cell(plain)}`);
  }
  for (const [lang, { inputs }] of byLang) {
    const spent = perExtractor(inputs, trees.map(([, tree]) => tree), passes);
    console.log(`\nper extractor, ${lang} (µs CPU per article with the taggers, median of ${passes} passes${trees.length > 1 ? '; before, now, alternating' : ''}):`);
    for (const name of spent.at(-1)!.keys()) {
      const cells = spent.map((m) => ((m.get(name) ?? 0) / inputs.length).toFixed(0).padStart(6));
      const total = [...spent.at(-1)!.values()].reduce((a, b) => a + b, 0);
      console.log(`  ${name.padEnd(26)} ${cells.join(' ')}  ${((100 * spent.at(-1)!.get(name)!) / total).toFixed(1).padStart(5)}%`);
    }
  }
  if (sink === Number.MIN_VALUE) console.log(sink);
}

await main();
