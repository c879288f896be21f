/**
 * `npm run soak`: thousands of events through the real local pipeline (s3rver -> S3 events -> local
 * queue -> ingest handler -> dynalite -> change feed -> projector) with faults injected at random,
 * then, once the queue and the change feed have settled, the table is compared with the state the
 * bucket's final contents call for. Prints one summary and
 *   lost N, duplicated N, stale N, index N
 * and exits 1 unless all four are 0 (or when the run did not finish within its time limit). The
 * first three count records; `index` counts keys whose projection (entity, band and marker items)
 * does not match their records (what entity and near-duplicate searches read).
 *
 * What happens, drawn from a seeded PRNG (`--seed` repeats a run's choices; timing still varies):
 * - objects put (new articles, near-duplicate re-publications, bad files of every kind, files over
 *   the size limit), re-uploaded with the same bytes, and deleted, over a pool of keys so that keys
 *   see many changes;
 * - each S3 event delivered at once, late (out of order, after newer ones), or twice;
 * - faults on the ingest side's real clients (test/reliability/harness/faults.ts): S3 read errors,
 *   DynamoDB throttles, batch writes handed back unprocessed; a few keys whose reads fail until
 *   the end (they go to the dead-letter list and are redriven once the fault is gone, as an
 *   operator would with `dateline dlq redrive`); and the DynamoDB server stopped and started again
 *   twice, mid-batch.
 *
 * Usage: npm run soak [-- --events 5000 --seed 42 --time-limit 540]
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { S3NotificationRecord } from '../local/s3-events';
import { editArticle, generateArticle, pick, seededRng, type Rng } from '../test/reliability/harness/articles';
import { S3_INTERNAL_ERROR, THROTTLED, UNPROCESSED_ALL, type FaultRule } from '../test/reliability/harness/faults';
import { compareWithBucket, describeAll } from '../test/reliability/harness/final-state';
import { encodeSingleByte, fixture, invalidUtf8, png, utf16WithBom, zip } from '../test/reliability/harness/inputs';
import { startPipeline, type Pipeline } from '../test/reliability/harness/pipeline';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    seed: { type: 'string' },
    keys: { type: 'string', default: '600' },
    'time-limit': { type: 'string', default: '540' },
  },
});
const EVENTS = positive('events', values.events);
const KEYS = positive('keys', values.keys);
const TIME_LIMIT_MS = positive('time-limit', values['time-limit']) * 1000;
const SEED = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : positive('seed', values.seed);

/** Largest object ingest reads in the soak: small, so that files over it are cheap to make. */
const MAX_BYTES = 64 * 1024;
/**
 * Per event (delay, duplicate) and per request attempt (the faults): the record's PutItem and the
 * projector's BatchWriteItem calls go through the same faulty client.
 */
const RATES = {
  delay: 0.08,
  duplicate: 0.06,
  s3ReadError: 0.03,
  throttle: 0.005,
  unprocessedBatch: 0.05,
} as const;
/** The single-item writes the throttle hits (record puts; the projector's batches get `unprocessedBatch`). */
const WRITES = new Set(['PutItem', 'DeleteItem', 'UpdateItem']);
const POISONED_KEYS = 3;
const RESTARTS = 2;

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${value}`);
  return n;
}

interface Tally {
  created: number;
  removed: number;
  duplicates: number;
  delayed: number;
  delivered: number;
  s3ReadErrors: number;
  throttles: number;
  unprocessed: number;
  restarts: number;
}

async function main(): Promise<number> {
  const began = Date.now();
  const deadline = began + TIME_LIMIT_MS;
  const rng = seededRng(SEED);
  const p = await startPipeline({ delivery: 'held', maxBytes: MAX_BYTES, batchSize: 10, maxReceives: 8, changeMaxReceives: 40, visibilityTimeoutMs: 50, maxBackoffMs: 1000 });
  try {
    const tally: Tally = { created: 0, removed: 0, duplicates: 0, delayed: 0, delivered: 0, s3ReadErrors: 0, throttles: 0, unprocessed: 0, restarts: 0 };
    const keys = Array.from({ length: KEYS }, (_, i) => keyName(i, rng));
    const poisoned = new Set(Array.from({ length: POISONED_KEYS }, () => pick(rng, keys)));
    installFaults(p, rng, poisoned, tally);

    const delayed: { record: S3NotificationRecord; due: number }[] = [];
    const send = (record: S3NotificationRecord) => {
      p.deliver(record);
      tally.delivered += 1;
    };
    // Evenly through the run: after a third and two thirds of the events.
    const restartsAt = Array.from({ length: RESTARTS }, (_, i) => Math.floor(((i + 1) * EVENTS) / (RESTARTS + 1)));
    const contents = new Map<string, string | Uint8Array>();
    let nextProgress = 1000;

    for (let step = 0; tally.delivered < EVENTS; step++) {
      if (Date.now() > deadline) throw new TimeLimitError('sending events');
      await changeSomething(p, rng, pick(rng, keys), contents, tally);
      for (const record of p.held.splice(0)) {
        const copies = rng() < RATES.duplicate ? 2 : 1;
        if (copies === 2) tally.duplicates += 1;
        for (let copy = 0; copy < copies; copy++) {
          if (rng() < RATES.delay) {
            tally.delayed += 1;
            delayed.push({ record, due: step + 1 + Math.floor(rng() * 60) });
          } else send(record);
        }
      }
      for (let i = delayed.length - 1; i >= 0; i--) {
        if (delayed[i]!.due <= step) send(delayed.splice(i, 1)[0]!.record);
      }
      // Keep the queue within reach of the writers, as a steady stream would.
      while (p.queue.depth > 200) {
        if (Date.now() > deadline) throw new TimeLimitError('waiting for the queue');
        await sleep(20);
      }
      if (tally.restarts < restartsAt.length && tally.delivered >= restartsAt[tally.restarts]!) await restartDatabase(p, rng, tally);
      if (tally.delivered >= nextProgress) {
        console.error(`soak: ${tally.delivered} events delivered, ${p.queue.depth} in the queue (${((Date.now() - began) / 1000).toFixed(0)} s)`);
        nextProgress += 1000;
      }
    }
    for (const { record } of delayed.splice(0)) send(record);

    // Drain with the faults still on; then lift them, redrive the dead letters, drain again.
    if (!(await p.settle(Math.max(1, deadline - Date.now())))) throw new TimeLimitError('draining the queue');
    p.s3Faults.setRule(null);
    p.dynamoFaults.setRule(null);
    const deadLettered = p.queue.deadLetters().length;
    const reasons = [...new Set(p.queue.deadLetters().map((d) => d.reason.replace(/\d+/g, 'N')))];
    const redriven = await p.queue.redrive();
    if (!(await p.settle(Math.max(1, deadline - Date.now())))) throw new TimeLimitError('draining after the redrive');

    const report = await compareWithBucket({ s3: p.s3, doc: p.doc, bucket: p.bucket, tableName: p.table, events: p.events });
    const counters = p.counters();
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    console.log(
      [
        `soak: seed ${SEED}, ${tally.delivered} events delivered in ${seconds} s (${tally.created} created, ${tally.removed} removed by S3; ${tally.duplicates} delivered twice, ${tally.delayed} delivered late)`,
        `  keys: ${report.keys}; records written ${counters.RecordWritten ?? 0}, rejected ${counters.RecordRejected ?? 0}, refused as stale ${counters.StaleEvent ?? 0}, skipped as gone ${counters.ObjectGone ?? 0}`,
        `  faults: ${tally.s3ReadErrors} S3 read errors, ${tally.throttles} throttles, ${tally.unprocessed} batches handed back unprocessed, ${tally.restarts} database restarts; ${counters.MessageFailed ?? 0} message failures retried`,
        `  dead letters: ${deadLettered} (${reasons.join('; ') || 'none'}), ${redriven} redriven, ${p.queue.deadLetters().length} left; changes not projected: ${p.changes.deadLetters().length}`,
        ...[...report.lost, ...report.duplicated, ...report.stale].slice(0, 20).map((key) => `  ${key}: ${report.reasons.get(key)}`),
        // Not records, but what an entity or near-duplicate search reads: they count in the verdict too.
        `  index items: ${report.index.length === 0 ? 'all match their records' : `${report.index.length} key(s) with index items missing or left over`}`,
        ...report.index.slice(0, 10).map((key) => `    ${key}: ${report.reasons.get(key)}`),
      ].join('\n'),
    );
    console.log(describeAll(report));
    const clean = report.lost.length === 0 && report.duplicated.length === 0 && report.stale.length === 0 && report.index.length === 0 && p.queue.deadLetters().length === 0 && p.changes.deadLetters().length === 0;
    return clean ? 0 : 1;
  } finally {
    await p.stop();
  }
}

class TimeLimitError extends Error {
  constructor(phase: string) {
    super(`the soak passed its time limit of ${TIME_LIMIT_MS / 1000} s while ${phase}`);
    this.name = 'TimeLimitError';
  }
}

/** Keys with the characters S3 encodes in events: spaces, `+`, `%`, Arabic letters. */
function keyName(i: number, rng: Rng): string {
  const folder = pick(rng, ['wires', 'أخبار', 'archive 2015', 'a+b', '100%']);
  const name = pick(rng, ['article', 'خبر', 'story +1', 'report %20']);
  return `${folder}/${name} ${i}.txt`;
}

/** One change to one key: put (new, edited, bad, too large), re-upload the same bytes, or delete. */
async function changeSomething(p: Pipeline, rng: Rng, key: string, contents: Map<string, string | Uint8Array>, tally: Tally): Promise<void> {
  const roll = rng();
  const existing = contents.get(key);
  if (existing !== undefined && roll < 0.2) {
    await p.s3.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: key }));
    contents.delete(key);
    tally.removed += 1;
    return;
  }
  let body: string | Uint8Array;
  const articles = () => [...contents.values()].filter((c): c is string => typeof c === 'string');
  if (existing !== undefined && roll < 0.3) body = existing;
  else if (roll < 0.4 && articles().length > 0) body = editArticle(rng, pick(rng, articles()));
  else if (roll < 0.52) body = badFile(rng);
  else body = generateArticle(rng);
  await p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: body }));
  contents.set(key, body);
  tally.created += 1;
}

function badFile(rng: Rng): string | Uint8Array {
  const article = generateArticle(rng);
  return pick<() => string | Uint8Array>(rng, [
    () => new Uint8Array(0),
    () => png(),
    () => zip(),
    () => invalidUtf8(),
    () => utf16WithBom(article, rng() < 0.5 ? 'le' : 'be'),
    () => (/[\u0600-\u06ff]/.test(article) ? encodeSingleByte(article, 'windows-1256') : article),
    () => fixture('scripts-and-styles.html'),
    () => fixture('malformed.json'),
    () => fixture('broken-front-matter.md'),
    () => `${article}\n`.repeat(Math.ceil((MAX_BYTES * 1.5) / article.length)),
  ])();
}

function installFaults(p: Pipeline, rng: Rng, poisoned: ReadonlySet<string>, tally: Tally): void {
  const s3Rule: FaultRule = ({ operation, key }) => {
    if (operation !== 'GetObject') return null;
    if ((key !== null && poisoned.has(key)) || rng() < RATES.s3ReadError) {
      tally.s3ReadErrors += 1;
      return S3_INTERNAL_ERROR;
    }
    return null;
  };
  const dynamoRule: FaultRule = ({ operation }) => {
    if (WRITES.has(operation) && rng() < RATES.throttle) {
      tally.throttles += 1;
      return THROTTLED;
    }
    if (operation === 'BatchWriteItem' && rng() < RATES.unprocessedBatch) {
      tally.unprocessed += 1;
      return UNPROCESSED_ALL;
    }
    return null;
  };
  p.s3Faults.setRule(s3Rule);
  p.dynamoFaults.setRule(dynamoRule);
}

/** Stops the DynamoDB server while batches run, keeps it down a moment, starts it again. */
async function restartDatabase(p: Pipeline, rng: Rng, tally: Tally): Promise<void> {
  await p.stopDynamo();
  await sleep(200 + Math.floor(rng() * 600));
  await p.startDynamo();
  tally.restarts += 1;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    console.log('lost ?, duplicated ?, stale ? (the soak did not finish)');
    process.exit(1);
  },
);
