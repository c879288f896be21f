/**
 * `npm run bench`: measures what the issue "Benchmarks that show Dateline is fast and cheap" asks
 * for, prints the tables, and writes BENCHMARKS.md, docs/cost.md, docs/scale.md and the README's
 * Benchmarks section. Not a test: nothing here fails on a slow figure; it says which targets are
 * met and where the time goes.
 *
 *   npm run bench                      everything, 5–9 minutes on a loaded 2-core machine, writes the files
 *   npm run bench -- --quick           fewer samples; prints only (add --write to write)
 *   npm run bench -- --only cold,units one or more of: extraction, cold, e2e, units, reads, adversarial
 *   npm run bench -- --report-only     rewrite the files from the last full run's results (after
 *                                      editing a report template or a price), measuring nothing
 *
 * A full run keeps its results in test-artifacts/bench/results.json for --report-only.
 * Every part has a time budget and every loop asks it, so a loaded machine gives fewer samples
 * and the whole run stays under RUN_BUDGET_MS. A part that fails is reported and the rest go on.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADVERSARIAL_SIZES, benchAdversarial, type AdversarialResult } from './adversarial';
import { benchColdStart, type ColdStartResult } from './cold-start';
import { costModel } from './cost';
import { benchDynamoUnits, type UnitsResult } from './dynamo-units';
import { benchEndToEnd, type EndToEndResult } from './end-to-end';
import { benchExtraction, type ExtractionResult } from './extraction';
import { loadArticles, REPO_ROOT } from './lib/articles';
import { Budget } from './lib/budget';
import { readStackFacts } from './lib/bundles';
import { describeMachine } from './lib/machine';
import { mean } from './lib/stats';
import { readBenchFiles, runReadBenches, type ReadBenchResult } from './reads';
import { adversarialSection, markedAdversarial, spliceAdversarial } from './report/adversarial-md';
import { benchmarksMarkdown } from './report/benchmarks-md';
import { costMarkdown } from './report/cost-md';
import { updateReadme } from './report/readme';
import { scaleMarkdown } from './report/scale-md';
import { coldStartSection, costSection, endToEndSection, extractionSection, headerSection, readsSection, targetsSection, unitsSection } from './report/sections';
import type { BenchResults } from './results';

/** The issue asks for under 10 minutes on a fresh clone; this leaves room for npm, tsx and the reports. */
const RUN_BUDGET_MS = 9.5 * 60_000;
const PARTS = ['extraction', 'cold', 'e2e', 'units', 'reads', 'adversarial'] as const;
type Part = (typeof PARTS)[number];
/** Most a part may take; a part gets less when earlier ones ran long. */
const PART_BUDGET_MS: Record<Part, number> = { extraction: 100_000, cold: 120_000, e2e: 150_000, units: 90_000, reads: 300_000, adversarial: 60_000 };

interface Options {
  readonly quick: boolean;
  readonly parts: readonly Part[];
  readonly write: boolean;
  readonly reportOnly: boolean;
}

const RESULTS_FILE = path.join(REPO_ROOT, 'test-artifacts', 'bench', 'results.json');

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

function parseOptions(argv: readonly string[]): Options {
  let quick = false;
  let reportOnly = false;
  let write: boolean | null = null;
  let parts: Part[] = [...PARTS];
  let partial = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--report-only') reportOnly = true;
    else if (arg === '--write') write = true;
    else if (arg === '--no-write') write = false;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      const wanted = (value ?? '').split(',').map((p) => p.trim()).filter(Boolean);
      const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (wanted.length === 0 || unknown.length > 0) throw new UsageError(`--only takes a comma-separated list of ${PARTS.join(', ')}; got ${value ?? 'nothing'}`);
      parts = wanted as Part[];
      partial = true;
    } else throw new UsageError(`unknown option ${arg}; use --quick, --only <parts>, --write, --no-write or --report-only`);
  }
  return { quick, parts, write: write ?? (!quick && !partial), reportOnly };
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function runPart<T>(name: string, notices: string[], run: () => Promise<T>): Promise<T | null> {
  const started = performance.now();
  say(`\n▶ ${name} ...`);
  try {
    const result = await run();
    say(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    notices.push(`${name} failed: ${message.split('\n')[0]}`);
    say(`  FAILED: ${message}`);
    return null;
  }
}

function writeReports(results: BenchResults): void {
  const benchmarks = path.join(REPO_ROOT, 'BENCHMARKS.md');
  // A run that did not measure adversarial input keeps the last table (bench/adversarial.ts writes it alone).
  const adversarial = results.adversarial ? adversarialSection(results.adversarial) : existsSync(benchmarks) ? markedAdversarial(readFileSync(benchmarks, 'utf8')) : null;
  const markdown = benchmarksMarkdown(results);
  writeFileSync(benchmarks, adversarial ? spliceAdversarial(markdown, adversarial) : markdown);
  writeFileSync(path.join(REPO_ROOT, 'docs', 'cost.md'), costMarkdown(results));
  writeFileSync(path.join(REPO_ROOT, 'docs', 'scale.md'), scaleMarkdown(results));
  updateReadme(path.join(REPO_ROOT, 'README.md'), results);
  say('\nWrote BENCHMARKS.md, docs/cost.md, docs/scale.md and the Benchmarks section of README.md.');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.reportOnly) {
    if (!existsSync(RESULTS_FILE)) throw new UsageError(`no ${path.relative(REPO_ROOT, RESULTS_FILE)}: run a full \`npm run bench\` first`);
    const results = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults;
    // Prices may have changed since: the cost model is arithmetic over the measured figures.
    writeReports({ ...results, cost: costModel({ extraction: results.extraction, coldStart: results.coldStart, units: results.units, meanArticleBytes: results.meanArticleBytes }) });
    return;
  }
  const machine = describeMachine();
  const started = performance.now();
  const budget = new Budget(RUN_BUDGET_MS);
  const notices: string[] = [];
  const wants = (part: Part) => options.parts.includes(part);
  const partBudget = (part: Part) => budget.part(options.quick ? PART_BUDGET_MS[part] / 2 : PART_BUDGET_MS[part]);

  const articles = loadArticles();
  if (articles.notice) notices.push(articles.notice);
  say(`Dateline bench: ${machine.cores} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverage.toFixed(2)}; ${articles.articles.length} articles from ${articles.from}${options.quick ? '; quick' : ''}`);

  const extraction: ExtractionResult | null = wants('extraction') ? await runPart('1. extraction', notices, () => benchExtraction(partBudget('extraction'), options.quick)) : null;
  const coldStart: ColdStartResult | null = wants('cold') ? await runPart('2. cold start (synthesizing the CDK stack for its bundles)', notices, () => benchColdStart(partBudget('cold'), options.quick)) : null;
  const endToEnd: EndToEndResult | null = wants('e2e') ? await runPart('3. local end to end', notices, () => benchEndToEnd(partBudget('e2e'), options.quick)) : null;
  const units: UnitsResult | null = wants('units')
    ? await runPart('4. DynamoDB units', notices, () => benchDynamoUnits(partBudget('units'), options.quick, (coldStart?.facts ?? readStackFacts()).projections))
    : null;
  let reads: ReadBenchResult[] = [];
  if (wants('reads')) {
    if (readBenchFiles().length === 0) say('\n(no bench/read-*.ts: the read benchmarks are not there yet)');
    else reads = (await runPart('reads (bench/read-*.ts)', notices, () => runReadBenches(partBudget('reads'), options.quick))) ?? [];
  }
  // Within the run's budget only the sizes up to 1 MB, and what fits: `npx tsx bench/adversarial.ts` measures them all.
  const adversarial: AdversarialResult | null = wants('adversarial')
    ? await runPart('7. adversarial input', notices, () => benchAdversarial(partBudget('adversarial'), { sizes: ADVERSARIAL_SIZES.slice(0, options.quick ? 2 : 3) }))
    : null;
  if (budget.spent) notices.push(`the run's time budget (${RUN_BUDGET_MS / 60_000} min) ran out: the last parts have fewer samples`);

  const meanArticleBytes = mean(articles.articles.map((a) => a.bytes.length));
  const cost = costModel({ extraction, coldStart, units, meanArticleBytes });
  const results: BenchResults = {
    machine,
    finishedAt: new Date().toISOString(),
    seconds: (performance.now() - started) / 1000,
    quick: options.quick,
    notices: [...new Set(notices)],
    extraction,
    coldStart,
    endToEnd,
    units,
    cost,
    reads,
    adversarial,
    meanArticleBytes,
    loadAverageEnd: os.loadavg()[0] ?? 0,
  };

  say('\n' + headerSection(results));
  say('\n## Targets\n\n' + targetsSection(results));
  if (extraction) say('\n## 1. Extraction\n\n' + extractionSection(extraction));
  if (coldStart) say('\n## 2. Cold start\n\n' + coldStartSection(coldStart));
  if (endToEnd) say('\n## 3. Local end to end\n\n' + endToEndSection(endToEnd));
  if (units) say('\n## 4. DynamoDB\n\n' + unitsSection(units));
  say('\n## 5. Cost\n\n' + costSection(cost));
  if (reads.length > 0) say('\n## Reads\n\n' + readsSection(results));
  if (adversarial) say('\n' + adversarialSection(adversarial));

  if (options.write) {
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    // The records themselves are left out: the reports need only the figures.
    writeFileSync(RESULTS_FILE, JSON.stringify({ ...results, extraction: extraction && { ...extraction, records: [] } }, null, 1));
    writeReports(results);
  } else {
    say('\nNothing written (partial or quick run; add --write to write the files).');
  }
  say(`Total ${results.seconds.toFixed(0)} s.`);
}

main().then(
  // The SDK's keep-alive sockets and the servers' timers must not keep a finished run waiting.
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
