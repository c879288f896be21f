/**
 * 3. Local end to end: 1,000 corpus files (the 400 repeated under different key prefixes) put
 * into the embedded local stack, timed until every record exists, against the same uploads with
 * nothing consuming (the queue paused: S3 events pile up, ingest never runs). Same files, same
 * concurrency, same process. Order: upload-only, with consumer, upload-only again; the baseline is
 * the mean of the two upload-only runs, so drift in the machine's load shows in neither alone.
 */
import { loadArticles, type BenchArticle } from './lib/articles';
import { waitFor, type Budget } from './lib/budget';
import { readArticleItems, startBenchStack, uploadAll, type Upload } from './lib/local';
import { mean, sum } from './lib/stats';

export const END_TO_END_TARGET_RATIO = 0.8;
export const END_TO_END_FILES = 1_000;
export const UPLOAD_CONCURRENCY = 16;

export interface UploadRun {
  readonly seconds: number;
  readonly rate: number;
  readonly cpuMsPerFile: number;
}

export interface ConsumerRun extends UploadRun {
  /** When the last upload was answered, from the start. */
  readonly uploadsDoneSeconds: number;
  /** Events still queued or in flight at that moment. */
  readonly depthAtUploadsDone: number;
  readonly recordsFound: number;
  /** Sum of `extractor.durationMs` over the stored records. */
  readonly extractionSeconds: number;
  readonly timedOut: boolean;
  readonly deadLetters: number;
}

export interface EndToEndResult {
  readonly files: number;
  readonly concurrency: number;
  readonly from: string;
  readonly baseline: readonly UploadRun[];
  readonly baselineRate: number;
  readonly consumer: ConsumerRun;
  /** consumer.rate / baselineRate. */
  readonly ratio: number;
  readonly startupMs: number;
  readonly targetMet: boolean;
}

function uploadsFor(articles: readonly BenchArticle[], count: number, tag: string): Upload[] {
  return Array.from({ length: count }, (_, i) => {
    const article = articles[i % articles.length]!;
    // Each pass over the set under its own prefix: 1,000 distinct keys, so 1,000 records.
    return { key: `${tag}/r${Math.floor(i / articles.length)}/${article.name}`, bytes: article.bytes };
  });
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function uploadOnly(uploads: readonly Upload[]): Promise<UploadRun> {
  const bench = await startBenchStack();
  try {
    // Nothing consumes: the events wait in the paused queue and are thrown away with the folder.
    await bench.stack.queue.pause();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await uploadAll(bench.s3, bench.stack.bucket, uploads, UPLOAD_CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rate: uploads.length / seconds, cpuMsPerFile: cpuMsSince(cpu) / uploads.length };
  } finally {
    await bench.stop();
  }
}

async function withConsumer(uploads: readonly Upload[], budget: Budget): Promise<ConsumerRun & { startupMs: number }> {
  const bench = await startBenchStack();
  try {
    const written = (): number => bench.stack.counters().RecordWritten ?? 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await uploadAll(bench.s3, bench.stack.bucket, uploads, UPLOAD_CONCURRENCY);
    const uploadsDoneSeconds = (performance.now() - started) / 1000;
    const depthAtUploadsDone = bench.stack.queue.depth;
    const recorded = await waitFor(() => written() >= uploads.length || bench.stack.queue.deadLetters().length > 0, Math.max(10_000, budget.remainingMs - 15_000), 2);
    // A file counts once it can be found: its record and its projection (entity and band items).
    const done = recorded && (await bench.stack.settled(Math.max(10_000, budget.remainingMs - 15_000)));
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpu);
    const items = await readArticleItems(bench.doc, bench.stack.table, uploads.map((u) => u.key), ['extractor']);
    const extractionMs = sum(items.map((item) => Number((item.extractor as { durationMs?: number } | undefined)?.durationMs ?? 0)));
    return {
      seconds,
      rate: items.length / seconds,
      cpuMsPerFile: cpuMs / uploads.length,
      uploadsDoneSeconds,
      depthAtUploadsDone,
      recordsFound: items.length,
      extractionSeconds: extractionMs / 1000,
      timedOut: !done,
      deadLetters: bench.stack.queue.deadLetters().length,
      startupMs: bench.stack.startupMs,
    };
  } finally {
    await bench.stop();
  }
}

export async function benchEndToEnd(budget: Budget, quick: boolean): Promise<EndToEndResult> {
  const set = loadArticles();
  const files = quick ? 300 : END_TO_END_FILES;
  const before = await uploadOnly(uploadsFor(set.articles, files, 'baseline-a'));
  const consumer = await withConsumer(uploadsFor(set.articles, files, 'ingest'), budget);
  const after = budget.remainingMs > 20_000 ? await uploadOnly(uploadsFor(set.articles, files, 'baseline-b')) : null;
  const baseline = after ? [before, after] : [before];
  const baselineSeconds = mean(baseline.map((run) => run.seconds));
  const baselineRate = files / baselineSeconds;
  const { startupMs, ...run } = consumer;
  const ratio = run.rate / baselineRate;
  return {
    files,
    concurrency: UPLOAD_CONCURRENCY,
    from: set.from,
    baseline,
    baselineRate,
    consumer: run,
    ratio,
    startupMs,
    targetMet: ratio >= END_TO_END_TARGET_RATIO && run.recordsFound === files,
  };
}
