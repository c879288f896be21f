/**
 * Ingest's cold start against the bare handler in CPU time, for comparing builds on a loaded machine:
 *   nice npx tsx bench/cold-cpu.ts [--runs 9]
 * Builds the bundles as part 2 of `npm run bench` does (the CDK stack synthesized, bench/lib/bundles.ts),
 * then runs fresh `node bench/cold/invoke.mjs` processes, bare and ingest alternating, each importing
 * its bundle and handling one SQS event for the example article against s3rver and dynalite. Prints
 * the medians of the CPU time (process.cpuUsage) of the import and of the first event, and their
 * sum's ratio to the bare handler's; wall times beside them. CPU time counts what the process did,
 * not how long it waited for a core, so it moves far less than wall time when others load the machine.
 *
 * To compare two builds (a change against the commit before it), keep one build's ingest asset
 * and run it as a third variant, alternating with the other two:
 *   git stash; nice npx tsx bench/cold-cpu.ts --save /tmp/before; git stash pop
 *   nice npx tsx bench/cold-cpu.ts --against /tmp/before --runs 11
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SequencerClock, stripEtagQuotes, toS3EventRecord } from '../local/s3-events';
import { startServers, type TestServers } from '../test/helpers/servers';
import { loadExampleArticle, REPO_ROOT } from './lib/articles';
import { buildBundles, localLambdaEnvironment, type Bundle } from './lib/bundles';
import { median } from './lib/stats';

const REGION = 'us-east-1';
const INVOKE_SCRIPT = path.join(REPO_ROOT, 'bench', 'cold', 'invoke.mjs');
const CHILD_TIMEOUT_MS = 60_000;

interface Report {
  readonly ok: boolean;
  readonly error?: string;
  readonly importMs: number;
  readonly handleMs: number;
  readonly importCpuMs: number;
  readonly handleCpuMs: number;
}

function runChild(servers: TestServers, bundle: Bundle, event: unknown): Promise<Report> {
  const env = localLambdaEnvironment(servers, bundle, { BENCH_INVOKE: JSON.stringify({ bundle: bundle.file, event }) });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [INVOKE_SCRIPT], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let text = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-1000)));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(text) as Report);
      } catch {
        resolve({ ok: false, error: `no report: ${stderr.slice(-300)}`, importMs: 0, handleMs: 0, importCpuMs: 0, handleCpuMs: 0 });
      }
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, save: { type: 'string' }, against: { type: 'string' } } });
  const runs = Math.max(1, Math.min(50, Number(values.runs) || 9));
  const bundles = buildBundles();
  if (values.save) {
    // The asset folder (bundle, map, model files) and what the bench needs to run it, in one place.
    const dir = path.resolve(values.save);
    rmSync(dir, { recursive: true, force: true });
    cpSync(bundles.ingest.dir, dir, { recursive: true });
    writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify({ ...bundles.ingest, dir, file: path.join(dir, 'index.mjs') }));
  }
  const against = values.against ? (JSON.parse(readFileSync(path.join(path.resolve(values.against), 'bundle.json'), 'utf8')) as Bundle) : null;
  const servers = await startServers({ bucket: 'dateline-bench', tableName: 'dateline-bench' });
  const sequencers = new SequencerClock();
  const example = loadExampleArticle();
  const event = async (key: string) => {
    const put = await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: key, Body: example.bytes, ContentType: 'text/plain; charset=utf-8' }));
    const time = new Date();
    const record = toS3EventRecord(
      { kind: 'Put', bucket: servers.bucket, key, size: example.bytes.length, ...(put.ETag ? { eTag: stripEtagQuotes(put.ETag) } : {}), time },
      { sequencer: sequencers.next(), region: REGION },
    );
    const body = JSON.stringify({ Records: [record] });
    const sent = String(time.getTime());
    const attributes = { ApproximateReceiveCount: '1', SentTimestamp: sent, SenderId: 'AIDAS3BENCH', ApproximateFirstReceiveTimestamp: sent };
    const md5OfBody = createHash('md5').update(body).digest('hex');
    const eventSourceARN = `arn:aws:sqs:${REGION}:123456789012:dateline-bench`;
    return { Records: [{ messageId: randomUUID(), receiptHandle: randomUUID(), body, attributes, messageAttributes: {}, md5OfBody, eventSource: 'aws:sqs', eventSourceARN, awsRegion: REGION }] };
  };
  const variants = [
    { name: 'bare handler', bundle: bundles.bare, reports: [] as Report[] },
    { name: 'ingest', bundle: bundles.ingest, reports: [] as Report[] },
    ...(against ? [{ name: 'saved ingest', bundle: against, reports: [] as Report[] }] : []),
  ];
  try {
    for (let run = 0; run < runs; run++) {
      for (const variant of variants) variant.reports.push(await runChild(servers, variant.bundle, await event(`cold-cpu/${variant.name}/${run}.txt`)));
    }
  } finally {
    await servers.stop();
    bundles.cleanup();
  }
  const summary = variants.map(({ name, bundle, reports }) => {
    const ok = reports.filter((r) => r.ok);
    for (const error of new Set(reports.filter((r) => !r.ok).map((r) => r.error))) console.error(`${name} failed: ${error}`);
    return {
      name,
      kib: bundle.bytes / 1024,
      runs: ok.length,
      importCpu: median(ok.map((r) => r.importCpuMs)),
      handleCpu: median(ok.map((r) => r.handleCpuMs)),
      cpu: median(ok.map((r) => r.importCpuMs + r.handleCpuMs)),
      wall: median(ok.map((r) => r.importMs + r.handleMs)),
      totals: ok.map((r) => Math.round(r.importCpuMs + r.handleCpuMs)),
    };
  });
  const bare = summary[0]!;
  for (const s of summary) {
    console.log(
      `${s.name.padEnd(12)} ${s.kib.toFixed(1)} KiB, ${s.runs} runs: CPU import ${s.importCpu.toFixed(0)} ms + first event ${s.handleCpu.toFixed(0)} ms = ${s.cpu.toFixed(0)} ms ` +
        `(${(s.cpu / bare.cpu).toFixed(2)}x); wall ${s.wall.toFixed(0)} ms (${(s.wall / bare.wall).toFixed(2)}x); CPU totals ${s.totals.join(' ')}`,
    );
  }
}

await main();
