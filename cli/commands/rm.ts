/**
 * `dateline rm <key>…`: deletes objects from the bucket with DeleteObject, as any S3 client would;
 * their S3 events then take the records away. Unless `--no-wait`, waits until each record is gone.
 * A key with no object is reported and makes the exit status 1; the others are still deleted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { mapConcurrently } from '../concurrency';
import { withTarget, type GlobalOptions, type Target } from '../context';
import { messageOf } from '../errors';
import { keyFromArgument } from '../keys';

export interface RmOptions extends GlobalOptions {
  readonly wait: boolean;
  /** Seconds to wait for the records to go. */
  readonly timeout: number;
}

type Outcome = 'removed' | 'deleted' | 'no-such-object' | 'failed' | 'record-remains';

interface Removal {
  readonly key: string;
  readonly outcome: Outcome;
  readonly error?: string;
}

const CONCURRENCY = 8;

export async function runRm(argumentsGiven: readonly string[], options: RmOptions): Promise<number> {
  const removals = await withTarget(options, async (target) => {
    const keys = [...new Set(argumentsGiven.map((argument) => keyFromArgument(argument, target.bucket)))];
    const deleted = await mapConcurrently(keys, CONCURRENCY, (key) => deleteOne(target, key));
    return options.wait ? waitUntilGone(target, deleted, options.timeout) : deleted;
  });
  process.stdout.write(options.json ? removals.map((r) => `${JSON.stringify(r)}\n`).join('') : report(removals, options.wait));
  return removals.every((r) => r.outcome === 'removed' || r.outcome === 'deleted') ? 0 : 1;
}

/** HeadObject first: S3 answers a DeleteObject of a missing key with success, which would hide a typo. */
async function deleteOne(target: Target, key: string): Promise<Removal> {
  try {
    await target.s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: key }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return { key, outcome: 'no-such-object' };
    return { key, outcome: 'failed', error: messageOf(error) };
  }
  try {
    await target.s3.send(new DeleteObjectCommand({ Bucket: target.bucket, Key: key }));
    return { key, outcome: 'deleted' };
  } catch (error) {
    return { key, outcome: 'failed', error: messageOf(error) };
  }
}

/** Polls GetItem until each deleted key reads as no record (its tombstone), or the timeout passes. */
async function waitUntilGone(target: Target, removals: readonly Removal[], timeoutSeconds: number): Promise<Removal[]> {
  const results = [...removals];
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (let pause = 200; ; pause = Math.min(pause * 1.5, 2000)) {
    const pending = results.flatMap((r, index) => (r.outcome === 'deleted' ? [index] : []));
    if (pending.length === 0) break;
    await mapConcurrently(pending, CONCURRENCY, async (index) => {
      const removal = results[index]!;
      const record = await target.queries.getArticle(removal.key).catch(() => undefined);
      if (record === null) results[index] = { ...removal, outcome: 'removed' };
    });
    if (Date.now() + pause > deadline) break;
    await sleep(pause);
  }
  return results.map((r) => (r.outcome === 'deleted' ? { ...r, outcome: 'record-remains' } : r));
}

const WORDS: Readonly<Record<Outcome, string>> = {
  removed: 'removed',
  deleted: 'deleted',
  'no-such-object': 'no such object',
  failed: 'failed',
  'record-remains': 'record remains',
};

function report(removals: readonly Removal[], waited: boolean): string {
  const lines = removals
    .filter((r) => r.outcome !== 'removed' && r.outcome !== 'deleted')
    .map((r) => `${WORDS[r.outcome].padEnd(15)}${r.key}${r.error ? `: ${r.error}` : ''}`);
  const done = removals.filter((r) => r.outcome === 'removed' || r.outcome === 'deleted').length;
  const total = `${removals.length} object${removals.length === 1 ? '' : 's'}`;
  lines.push(waited ? `Removed ${done} of ${total} and their records.` : `Deleted ${done} of ${total}; their records go shortly.`);
  return `${lines.join('\n')}\n`;
}
