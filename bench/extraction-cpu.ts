/**
 * Extraction's CPU time against the tokenizing pass, steady enough on a loaded shared machine:
 * `npx tsx bench/extraction-cpu.ts [--passes 5]`. Process CPU time (process.cpuUsage, user +
 * system) rather than the wall clock, so that time the scheduler gives to other processes does
 * not count; per language, each pass times in turn the tokenizing pass of bench/extraction.ts
 * (`text.match(/[\p{L}\p{N}]+/gu)` once per article, as there), extraction with the NER taggers
 * and extraction without them, over the same corpus articles; printed are the medians over the
 * passes of each total and of the ratios of totals. Then the CPU of each PIPELINE extractor (each
 * entry wrapped for one pass) per article. Not part of `npm run bench`: a quick A/B measure for
 * speed work (a whole corpus pass, about a minute).
 */
import { extractRecord, PIPELINE, type ExtractInput, type ExtractOptions } from '../shared/extract';
import type { Extractor } from '../shared/extract/draft';
import type { Source } from '../shared/record';
import { BENCH_LANGUAGES, loadArticles, type BenchArticle } from './lib/articles';
import { median } from './lib/stats';

const WORD = /[\p{L}\p{N}]+/gu;
const NOW = '2024-01-01T00:00:00.000Z';
const TOKENIZE_REPEATS = 1;

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function sourceOf(name: string, size: number): Source {
  return { bucket: 'bench', key: name, versionId: null, etag: null, size, contentType: null, sequencer: null, uploadedAt: null, metadata: {} };
}

let sink = 0;

function tokenizeOne(text: string): number {
  const start = cpuMicros();
  for (let r = 0; r < TOKENIZE_REPEATS; r++) sink += text.match(WORD)?.length ?? 0;
  return (cpuMicros() - start) / TOKENIZE_REPEATS;
}

function extractOne(input: ExtractInput, options: ExtractOptions): number {
  const start = cpuMicros();
  sink += extractRecord(input, options).stats.words;
  return cpuMicros() - start;
}

async function loadOptions(): Promise<ExtractOptions> {
  const { loadNerModel } = await import('../models/load');
  const { createTagger } = await import('../shared/ner/tagger');
  return { ner: { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } };
}

function perExtractor(inputs: readonly ExtractInput[], options: ExtractOptions): Map<string, number> {
  const list = PIPELINE as Extractor[];
  const originals = [...list];
  const spent = new Map<string, number>();
  originals.forEach((fn, i) => {
    list[i] = (draft) => {
      const start = cpuMicros();
      const next = fn(draft);
      spent.set(fn.name, (spent.get(fn.name) ?? 0) + cpuMicros() - start);
      return next;
    };
  });
  try {
    for (const input of inputs) extractRecord(input, options);
  } finally {
    originals.forEach((fn, i) => (list[i] = fn));
  }
  return spent;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--passes');
  const passes = at > 0 ? Number(process.argv[at + 1]) : 3;
  const { articles, from } = loadArticles();
  const options = await loadOptions();
  const byLang = new Map<string, { articles: BenchArticle[]; inputs: ExtractInput[]; texts: string[] }>();
  for (const lang of BENCH_LANGUAGES) {
    const mine = articles.filter((a) => a.lang === lang);
    byLang.set(lang, {
      articles: mine,
      inputs: mine.map((a) => ({ bytes: a.bytes, source: sourceOf(a.name, a.bytes.length), now: NOW })),
      texts: mine.map((a) => new TextDecoder().decode(a.bytes)),
    });
  }
  console.log(`${articles.length} articles from ${from}; ${passes} passes; CPU time (user + system)`);
  // Per article and pass: the tokenizing pass, extraction with the taggers, without them.
  type Runs = { tokenize: number[][]; ner: number[][]; plain: number[][] };
  const runs = new Map<string, Runs>();
  for (let p = 0; p <= passes; p++) {
    for (const [lang, { inputs, texts }] of byLang) {
      const run = runs.get(lang) ?? { tokenize: inputs.map(() => []), ner: inputs.map(() => []), plain: inputs.map(() => []) };
      runs.set(lang, run);
      inputs.forEach((input, i) => {
        const figures = [tokenizeOne(texts[i]!), extractOne(input, options), extractOne(input, {})];
        // Pass 0 warms up (JIT, lazy tables, the tagger's cache) and is not counted.
        if (p === 0) return;
        run.tokenize[i]!.push(figures[0]!);
        run.ner[i]!.push(figures[1]!);
        run.plain[i]!.push(figures[2]!);
      });
    }
  }
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
  console.log("bench form: median over articles of each one's median over passes; ratio of the medians (and of the sums)");
  console.log('lang  articles  tokenize  extract     ratio (sums)   without NER  ratio (sums)');
  for (const [lang, run] of runs) {
    const tokenize = run.tokenize.map(median);
    const ner = run.ner.map(median);
    const plain = run.plain.map(median);
    const cell = (us: number[]) => `${median(us).toFixed(0).padStart(5)} µs  ${(median(us) / median(tokenize)).toFixed(0).padStart(4)}× (${(sum(us) / sum(tokenize)).toFixed(0)}×)`;
    console.log(`${lang.padEnd(4)}  ${String(tokenize.length).padStart(8)}  ${median(tokenize).toFixed(1).padStart(5)} µs  ${cell(ner)}   ${cell(plain)}`);
  }
  for (const [lang, { inputs }] of byLang) {
    const spent = perExtractor(inputs, options);
    const total = [...spent.values()].reduce((a, b) => a + b, 0);
    console.log(`\nper extractor, ${lang} (µs CPU per article, one pass with the taggers):`);
    for (const [name, us] of spent) console.log(`  ${name.padEnd(26)} ${(us / inputs.length).toFixed(0).padStart(6)}  ${((100 * us) / total).toFixed(1).padStart(5)}%`);
  }
  if (sink === Number.MIN_VALUE) console.log(sink);
}

await main();
