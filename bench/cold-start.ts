/**
 * 2. Cold start: for each handler, its minified bundle (as the CDK builds it) and the time a fresh
 * `node` process takes to import the bundle and handle one article, against a bare handler that
 * imports only S3Client and DynamoDBClient, built the same way and doing the same I/O. The
 * handlers talk to s3rver and dynalite started here, so "handle one article" is real: ingest reads
 * the object and writes its record; the api reads that record back.
 *
 * Runs alternate between the variants (bare, ingest, bare, ingest, ...) so that a burst of load on
 * a shared machine hits all of them; each figure is the median of the runs.
 *
 * A warm process per ingest variant then handles a few batches of corpus articles: the
 * per-article duration, CPU and log bytes the cost model uses.
 */
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Socket } from 'node:net';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { toApiGatewayEvent } from '../local/http';
import { SequencerClock, stripEtagQuotes, toS3EventRecord } from '../local/s3-events';
import { startServers, type TestServers } from '../test/helpers/servers';
import { loadArticles, loadExampleArticle, REPO_ROOT, spreadSample } from './lib/articles';
import type { Budget } from './lib/budget';
import { buildBundles, localLambdaEnvironment, MODELS_DIR, nerModelFiles, type Bundle, type StackFacts } from './lib/bundles';
import { bundleResolver, timeByComponent, type ComponentTime, type CpuProfile } from './lib/profile';
import { median, sum } from './lib/stats';

export const COLD_START_TARGET_RATIO = 2;
const INVOKE_SCRIPT = path.join(REPO_ROOT, 'bench', 'cold', 'invoke.mjs');
const CHILD_TIMEOUT_MS = 60_000;
const REGION = 'us-east-1';
const MODEL_LANGS = ['ar', 'en'] as const;
/** The bar for one language's model load. */
export const MODEL_LOAD_TARGET_MS = 100;

type VariantId = 'bare-ingest' | 'ingest' | 'ingest+ner' | 'bare-api' | 'api';

export interface ColdVariantResult {
  readonly id: VariantId;
  readonly label: string;
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  readonly extraFiles: readonly { readonly name: string; readonly bytes: number }[];
  readonly runs: number;
  readonly failures: readonly string[];
  readonly importMs: number;
  /** The NER model load (ingest+ner only). */
  readonly preloadMs: number;
  readonly handleMs: number;
  /** Median of import + preload + first invocation. */
  readonly totalMs: number;
  /** Median from spawning `node` to its exit (adds Node's own start and exit). */
  readonly wallMs: number;
  /**
   * Median CPU time (process.cpuUsage) of import + first invocation: on a shared machine it moves
   * far less with the load than the wall times (the preload's CPU is not counted).
   */
  readonly cpuMs?: number;
  readonly baseline: VariantId | null;
  /** totalMs / the baseline's totalMs. */
  readonly ratio: number | null;
  /** cpuMs / the baseline's cpuMs. */
  readonly cpuRatio?: number | null;
}

export interface WarmResult {
  readonly id: VariantId;
  readonly articles: number;
  readonly batchSize: number;
  readonly msPerBatch: number;
  readonly msPerArticle: number;
  readonly cpuMsPerArticle: number;
  /** Bytes the handler wrote to stdout (its logs and metrics) per article. */
  readonly logBytesPerArticle: number;
  readonly failures: number;
}

/** One language's NER model loaded in a fresh process (read, decode, tagger built, one sentence tagged). */
export interface ModelLoadResult {
  readonly lang: 'ar' | 'en';
  readonly runs: number;
  readonly failures: readonly string[];
  /** Median of the probe handler's time: the load alone, import of the probe bundle left out. */
  readonly loadMs: number;
  /** Median CPU time of the same. */
  readonly cpuMs?: number;
}

export interface ColdStartResult {
  readonly variants: readonly ColdVariantResult[];
  /** Each language's model load on its own (the ingest figures include only the example's language). */
  readonly modelLoads: readonly ModelLoadResult[];
  readonly warm: readonly WarmResult[];
  /** CPU of ingest's import and first event by component (source-mapped; profiled, so slower). */
  readonly coldProfile: readonly ComponentTime[];
  /** CPU per article of the warm ingest batches by component (source-mapped). */
  readonly warmProfile: readonly ComponentTime[];
  readonly models: readonly { readonly name: string; readonly bytes: number }[];
  readonly nerNote: string;
  readonly exampleName: string;
  readonly exampleBytes: number;
  readonly facts: StackFacts;
  readonly synthMs: number;
  readonly targetMet: boolean;
}

interface Variant {
  readonly id: VariantId;
  readonly label: string;
  readonly bundle: Bundle;
  readonly preload?: { readonly bundle: Bundle; readonly event: unknown };
  readonly baseline: VariantId | null;
  event(run: number): Promise<unknown>;
}

interface ChildReport {
  readonly ok: boolean;
  readonly error?: string;
  readonly importMs: number;
  readonly preloadMs: number;
  readonly handleMs: number;
  readonly importCpuMs: number;
  readonly handleCpuMs: number;
  readonly warm: readonly { readonly ms: number; readonly cpuMs: number; readonly ok: boolean }[];
}

interface ChildOutcome {
  readonly report: ChildReport;
  readonly wallMs: number;
  readonly stdoutBytes: number;
  readonly stderrTail: string;
}

/** Spawns `node invoke.mjs` with the function's environment pointed at the local servers. */
function runChild(servers: TestServers, bundle: Bundle, task: Record<string, unknown>): Promise<ChildOutcome> {
  const env = localLambdaEnvironment(servers, bundle, { NER_MODELS_DIR: MODELS_DIR, BENCH_INVOKE: JSON.stringify(task) });
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [INVOKE_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    let reportText = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (reportText += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      let report: ChildReport;
      try {
        report = JSON.parse(reportText) as ChildReport;
      } catch {
        report = { ok: false, error: `no report (exit ${code ?? signal}): ${stderr.split('\n').filter(Boolean).slice(-3).join(' | ')}`, importMs: 0, preloadMs: 0, handleMs: 0, importCpuMs: 0, handleCpuMs: 0, warm: [] };
      }
      resolve({ report, wallMs, stdoutBytes, stderrTail: stderr });
    });
  });
}

/** An SQS batch of S3 notifications, as the event source mapping hands it to ingest. */
function sqsEvent(bodies: readonly string[]): SQSEvent {
  const now = Date.now();
  const records: SQSRecord[] = bodies.map((body) => ({
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(now), SenderId: 'AIDAS3BENCH', ApproximateFirstReceiveTimestamp: String(now) },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${REGION}:123456789012:dateline-bench`,
    awsRegion: REGION,
  }));
  return { Records: records };
}

function apiEvent(key: string): unknown {
  const request = { method: 'GET', url: `/articles/${encodeURIComponent(key)}`, headers: { host: 'bench.execute-api.us-east-1.amazonaws.com' }, socket: { remoteAddress: '127.0.0.1' } as Socket };
  return toApiGatewayEvent(request, Buffer.alloc(0), REGION);
}

export async function benchColdStart(budget: Budget, quick: boolean): Promise<ColdStartResult> {
  const bundles = buildBundles();
  const servers = await startServers({ bucket: 'dateline-bench', tableName: 'dateline-bench' });
  const sequencers = new SequencerClock();
  const example = loadExampleArticle();

  /** Puts the bytes under `key` and returns the S3 notification body that announces it. */
  async function upload(key: string, bytes: Uint8Array): Promise<string> {
    const put = await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: key, Body: bytes, ContentType: 'text/plain; charset=utf-8' }));
    const record = toS3EventRecord(
      { kind: 'Put', bucket: servers.bucket, key, size: bytes.length, ...(put.ETag ? { eTag: stripEtagQuotes(put.ETag) } : {}), time: new Date() },
      { sequencer: sequencers.next(), region: REGION },
    );
    return JSON.stringify({ Records: [record] });
  }

  try {
    const ingestEvent = (variant: VariantId) => async (run: number) => sqsEvent([await upload(`cold/${variant}/${run}-${path.basename(example.name)}`, example.bytes)]);
    const recordKey = `cold/ingest/0-${path.basename(example.name)}`;
    const exampleLang = /[\u0600-\u06ff]/.test(new TextDecoder().decode(example.bytes)) ? 'ar' : 'en';
    // Ingest loads the model itself when its asset carries the model files (or its bundle the decoder's magic).
    const ingestLoadsModel = bundles.ingest.extraFiles.some((f) => /^ner-/.test(f.name)) || /"NER\d"/.test(readFileSync(bundles.ingest.file, 'utf8'));

    const variants: Variant[] = [
      { id: 'bare-ingest', label: 'bare handler: GetObject + PutItem', bundle: bundles.bare, baseline: null, event: ingestEvent('bare-ingest') },
      { id: 'ingest', label: 'ingest: one article (SQS batch of 1)', bundle: bundles.ingest, baseline: 'bare-ingest', event: ingestEvent('ingest') },
    ];
    let nerNote = 'no NER model in models/';
    if (bundles.nerProbe && ingestLoadsModel) {
      nerNote = 'ingest loads the NER model itself (the model files ship beside its bundle), so its figures include the load of the model its first article needs';
    } else if (bundles.nerProbe) {
      nerNote = `ingest + NER model: the ${exampleLang} model read, decoded and its tagger built between import and the first article (the ingest bundle does not load it itself yet)`;
      variants.push({
        id: 'ingest+ner',
        label: `ingest + NER model (${exampleLang}) loaded`,
        bundle: bundles.ingest,
        preload: { bundle: bundles.nerProbe, event: { lang: exampleLang } },
        baseline: 'bare-ingest',
        event: ingestEvent('ingest+ner'),
      });
    }
    variants.push(
      { id: 'bare-api', label: 'bare handler: GetItem', bundle: bundles.bare, baseline: null, event: async () => apiEvent(recordKey) },
      { id: 'api', label: 'api: GET /articles/{key}', bundle: bundles.api, baseline: 'bare-api', event: async () => apiEvent(recordKey) },
    );

    const runsWanted = quick ? 3 : 7;
    const outcomes = new Map<VariantId, ChildOutcome[]>(variants.map((v) => [v.id, []]));
    for (let run = 0; run < runsWanted && (run < 2 || budget.remainingMs > budget.ms * 0.35); run++) {
      for (const variant of variants) {
        const task = {
          bundle: variant.bundle.file,
          event: await variant.event(run),
          ...(variant.preload ? { preload: { bundle: variant.preload.bundle.file, event: variant.preload.event } } : {}),
        };
        outcomes.get(variant.id)!.push(await runChild(servers, variant.bundle, task));
      }
    }

    const results = variants.map((variant): ColdVariantResult => {
      const done = outcomes.get(variant.id)!;
      const ok = done.filter((o) => o.report.ok);
      return {
        id: variant.id,
        label: variant.label,
        bundleBytes: variant.bundle.bytes + (variant.preload?.bundle.bytes ?? 0),
        gzipBytes: variant.bundle.gzipBytes + (variant.preload?.bundle.gzipBytes ?? 0),
        extraFiles: variant.bundle.extraFiles,
        runs: ok.length,
        failures: [...new Set(done.filter((o) => !o.report.ok).map((o) => o.report.error ?? 'failed'))],
        importMs: median(ok.map((o) => o.report.importMs)),
        preloadMs: median(ok.map((o) => o.report.preloadMs)),
        handleMs: median(ok.map((o) => o.report.handleMs)),
        totalMs: median(ok.map((o) => o.report.importMs + o.report.preloadMs + o.report.handleMs)),
        wallMs: median(ok.map((o) => o.wallMs)),
        cpuMs: median(ok.map((o) => o.report.importCpuMs + o.report.handleCpuMs)),
        baseline: variant.baseline,
        ratio: null,
        cpuRatio: null,
      };
    });
    // Each language's model on its own, in fresh processes alternating between the languages.
    const loads = new Map<ModelLoadResult['lang'], ChildOutcome[]>(MODEL_LANGS.map((lang) => [lang, []]));
    const probe = bundles.nerProbe;
    for (let run = 0; probe && run < runsWanted && (run < 2 || budget.remainingMs > budget.ms * 0.3); run++) {
      for (const lang of MODEL_LANGS) loads.get(lang)!.push(await runChild(servers, probe, { bundle: probe.file, event: { lang } }));
    }
    const modelLoads = probe
      ? MODEL_LANGS.map((lang): ModelLoadResult => {
          const done = loads.get(lang)!;
          const ok = done.filter((o) => o.report.ok);
          return {
            lang,
            runs: ok.length,
            failures: [...new Set(done.filter((o) => !o.report.ok).map((o) => o.report.error ?? 'failed'))],
            loadMs: median(ok.map((o) => o.report.handleMs)),
            cpuMs: median(ok.map((o) => o.report.handleCpuMs)),
          };
        })
      : [];

    const withRatios = results.map((r) => {
      const base = results.find((b) => b.id === r.baseline);
      return base ? { ...r, ratio: r.totalMs / base.totalMs, cpuRatio: r.cpuMs! / base.cpuMs! } : r;
    });

    // Warm: the same process handles batches of corpus articles after its cold start.
    const batchSize = bundles.facts.batchSize;
    const warmBatches = quick ? 2 : 5;
    const sample = spreadSample(loadArticles().articles, batchSize * warmBatches);
    const warmRun = async (variant: Variant, tag: string, profiles?: { cold: string; warm: string }): Promise<ChildOutcome> => {
      const batches: SQSEvent[] = [];
      for (let b = 0; b < warmBatches; b++) {
        const slice = sample.slice(b * batchSize, (b + 1) * batchSize);
        batches.push(sqsEvent(await Promise.all(slice.map((article, i) => upload(`${tag}/${variant.id}/${b}-${i}-${path.basename(article.name)}`, article.bytes)))));
      }
      const profiling = profiles ? { profileCold: profiles.cold, profileWarm: profiles.warm } : {};
      return runChild(servers, variant.bundle, { bundle: variant.bundle.file, event: await variant.event(runsWanted), warm: batches, ...profiling });
    };
    const warm: WarmResult[] = [];
    for (const variant of variants.filter((v) => v.id === 'bare-ingest' || v.id === 'ingest')) {
      if (budget.spent) break;
      const outcome = await warmRun(variant, 'warm');
      const runs = outcome.report.warm;
      warm.push({
        id: variant.id,
        articles: sample.length,
        batchSize,
        msPerBatch: median(runs.map((r) => r.ms)),
        msPerArticle: sum(runs.map((r) => r.ms)) / Math.max(1, sample.length),
        cpuMsPerArticle: sum(runs.map((r) => r.cpuMs)) / Math.max(1, sample.length),
        logBytesPerArticle: outcome.stdoutBytes / (sample.length + 1),
        failures: runs.filter((r) => !r.ok).length + (outcome.report.ok ? 0 : 1),
      });
    }

    // Where ingest spends its CPU, cold (import + first event) and warm: a separate run under the
    // profiler, mapped to source files through the bundle's source map.
    let coldProfile: ComponentTime[] = [];
    let warmProfile: ComponentTime[] = [];
    const ingestVariant = variants.find((v) => v.id === 'ingest');
    if (ingestVariant && !budget.spent) {
      const dir = await mkdtemp(path.join(tmpdir(), 'dateline-bench-profile-'));
      try {
        const files = { cold: path.join(dir, 'cold.cpuprofile'), warm: path.join(dir, 'warm.cpuprofile') };
        const outcome = await warmRun(ingestVariant, 'profiled', files);
        if (outcome.report.ok) {
          const resolve = bundleResolver(ingestVariant.bundle.file);
          const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
          coldProfile = timeByComponent(await read(files.cold), resolve);
          warmProfile = timeByComponent(await read(files.warm), resolve).map((c) => ({ ...c, ms: c.ms / Math.max(1, sample.length) }));
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    const compared = withRatios.filter((r) => r.ratio !== null);
    return {
      variants: withRatios,
      modelLoads,
      warm,
      coldProfile,
      warmProfile,
      models: nerModelFiles(),
      nerNote,
      exampleName: example.name,
      exampleBytes: example.bytes.length,
      facts: bundles.facts,
      synthMs: bundles.synthMs,
      targetMet: compared.length > 0 && compared.every((r) => r.ratio! <= COLD_START_TARGET_RATIO && r.failures.length === 0),
    };
  } finally {
    await servers.stop();
    bundles.cleanup();
  }
}
