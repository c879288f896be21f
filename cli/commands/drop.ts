/**
 * `dateline drop <files|folders>…`: uploads with PutObject, as any S3 client would, then (unless
 * `--no-wait`) waits until the pipeline has written each file's record for the uploaded version
 * and projected it into the search indexes.
 * Exit status 1 when an upload failed, a record did not appear in time, or a record says `error`;
 * a `rejected` record is an answer (the file is not a readable article), not a failure.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { parseLooseDate } from '../../shared/extract/calendar';
import { encodeHeaderValue, PUBLISHED_METADATA, TITLE_METADATA } from '../../shared/extract/object-metadata';
import type { ArticleRecord } from '../../shared/record';
import { mapConcurrently } from '../concurrency';
import { withTarget, type GlobalOptions, type Target } from '../context';
import { CliError, messageOf } from '../errors';
import { contentTypeOf, filesToDrop, type FileToDrop } from '../files';
import { startProgress } from '../progress';

export interface DropOptions extends GlobalOptions {
  readonly prefix: string;
  readonly wait: boolean;
  /** Seconds to wait for the records. */
  readonly timeout: number;
  readonly concurrency: number;
  /** The date of record for every file dropped (`x-amz-meta-published`). */
  readonly published?: string | undefined;
  /** The title for every file dropped (`x-amz-meta-title`). */
  readonly title?: string | undefined;
}

type Outcome =
  | { readonly kind: 'upload-failed'; readonly error: string }
  | { readonly kind: 'uploaded'; readonly etag: string | null }
  | { readonly kind: 'timeout'; readonly etag: string | null; readonly error?: string }
  | { readonly kind: ArticleRecord['status']; readonly etag: string | null; readonly problems: ArticleRecord['problems'] };

interface Dropped extends FileToDrop {
  readonly outcome: Outcome;
}

const FAILURES: ReadonlySet<Outcome['kind']> = new Set(['upload-failed', 'timeout', 'error']);
/** GetItem calls in flight while waiting for records. */
const POLL_CONCURRENCY = 8;

export async function runDrop(paths: readonly string[], options: DropOptions): Promise<number> {
  const metadata = userMetadata(options);
  const files = await filesToDrop(paths, options.prefix);
  const results = await withTarget(options, async (target) => {
    // One request before hundreds: a wrong bucket or a stopped stack fails once, with one message.
    await target.s3.send(new HeadBucketCommand({ Bucket: target.bucket })).catch((error: unknown) => {
      const name = (error as { name?: string }).name;
      if (name === 'NotFound') throw new CliError(`bucket ${target.bucket} not found in ${target.description}`);
      if (name === 'Forbidden') throw new CliError(`no access to bucket ${target.bucket} (drop needs s3:ListBucket and s3:PutObject on it)`);
      throw error;
    });
    const startedAt = new Date();
    const uploaded = await uploadAll(files, target, options.concurrency, metadata);
    return options.wait ? waitForRecords(uploaded, target, options.timeout, startedAt) : uploaded;
  });
  process.stdout.write(options.json ? results.map((r) => `${JSON.stringify(toJson(r))}\n`).join('') : humanReport(results, options.wait));
  return results.some((r) => FAILURES.has(r.outcome.kind)) ? 1 : 0;
}

/**
 * The S3 user metadata `--published` and `--title` set: what the uploader knows comes first in the
 * extractor's order of trust (shared/extract/published.ts). A date the extractor could not read is
 * refused here, before anything is uploaded; a title that is not ASCII goes as an RFC 2047 word.
 */
function userMetadata(options: DropOptions): Record<string, string> | undefined {
  const metadata: Record<string, string> = {};
  if (options.published !== undefined) {
    if (parseLooseDate(options.published) === null) {
      throw new CliError(`drop: --published: ${JSON.stringify(options.published)} is not a date (give 2015-09-01, 2015-09 or a full ISO 8601 time)`, { exitCode: 2 });
    }
    metadata[PUBLISHED_METADATA] = options.published.trim();
  }
  if (options.title !== undefined) {
    if (!options.title.trim()) throw new CliError('drop: --title: give the title text', { exitCode: 2 });
    metadata[TITLE_METADATA] = encodeHeaderValue(options.title.trim());
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

async function uploadAll(files: readonly FileToDrop[], target: Target, concurrency: number, metadata: Record<string, string> | undefined): Promise<Dropped[]> {
  const progress = await startProgress('uploading', files.length);
  try {
    return await mapConcurrently(files, concurrency, async (file): Promise<Dropped> => {
      try {
        const body = await readFile(file.path);
        const { ETag } = await target.s3.send(
          new PutObjectCommand({ Bucket: target.bucket, Key: file.key, Body: body, ContentType: contentTypeOf(file.path), ...(metadata ? { Metadata: metadata } : {}) }),
        );
        return { ...file, outcome: { kind: 'uploaded', etag: ETag ?? null } };
      } catch (error) {
        return { ...file, outcome: { kind: 'upload-failed', error: messageOf(error) } };
      } finally {
        progress.tick();
      }
    });
  } finally {
    progress.stop();
  }
}

/**
 * Polls GetItem for every uploaded key until its record is the one for this upload (same ETag) or
 * the timeout passes. The pause between rounds grows from 200 ms to 2 s: a single file is back in
 * a moment, a folder of hundreds needs seconds and should not be hammered.
 */
async function waitForRecords(dropped: readonly Dropped[], target: Target, timeoutSeconds: number, startedAt: Date): Promise<Dropped[]> {
  const results = [...dropped];
  const pending = new Set(results.flatMap((r, index) => (r.outcome.kind === 'uploaded' ? [index] : [])));
  const lastError = new Map<number, string>();
  const deadline = Date.now() + timeoutSeconds * 1000;
  const progress = await startProgress('processing', pending.size);
  try {
    for (let pause = 200; pending.size > 0; pause = Math.min(pause * 1.5, 2000)) {
      await mapConcurrently([...pending], POLL_CONCURRENCY, async (index) => {
        const file = results[index]!;
        const etag = etagOf(file.outcome);
        try {
          // The record and its projection (entity, band and marker items, written by the projector
          // about a second later): a search right after drop then finds the file.
          const state = await target.queries.writeState(file.key);
          const record = state?.record;
          if (record && state.projected && isFromThisUpload(record, etag, startedAt)) {
            results[index] = { ...file, outcome: { kind: record.status, etag, problems: record.problems } };
            pending.delete(index);
            progress.tick();
          }
        } catch (error) {
          lastError.set(index, messageOf(error));
        }
      });
      if (pending.size === 0 || Date.now() + pause > deadline) break;
      await sleep(pause);
    }
  } finally {
    progress.stop();
  }
  for (const index of pending) {
    const file = results[index]!;
    const error = lastError.get(index);
    results[index] = { ...file, outcome: { kind: 'timeout', etag: etagOf(file.outcome), ...(error ? { error } : {}) } };
  }
  return results;
}

/** S3 quotes ETags in responses and not in events; compare them bare. */
function isFromThisUpload(record: ArticleRecord, etag: string | null, startedAt: Date): boolean {
  const bare = (value: string | null) => value?.replace(/"/g, '') ?? null;
  if (etag !== null && record.source.etag !== null) return bare(etag) === bare(record.source.etag);
  // Without ETags to compare, a record extracted since the drop began is this upload's.
  return Date.parse(record.extractor.extractedAt) >= startedAt.getTime();
}

function toJson({ path, key, outcome }: Dropped) {
  const { kind, ...details } = outcome;
  return { key, path, outcome: kind, ...details };
}

function etagOf(outcome: Outcome): string | null {
  return 'etag' in outcome ? outcome.etag : null;
}

function humanReport(results: readonly Dropped[], waited: boolean): string {
  const lines: string[] = [];
  for (const { key, outcome } of results) {
    if (outcome.kind === 'upload-failed') lines.push(`upload failed  ${key}: ${outcome.error}`);
    else if (outcome.kind === 'timeout') lines.push(`no record yet  ${key}${outcome.error ? ` (${outcome.error})` : ''}`);
    else if (outcome.kind === 'rejected' || outcome.kind === 'error') lines.push(`${outcome.kind.padEnd(15)}${key}: ${reasonOf(outcome.problems)}`);
  }
  const count = (kind: Outcome['kind']) => results.filter((r) => r.outcome.kind === kind).length;
  const total = `${results.length} file${results.length === 1 ? '' : 's'}`;
  if (!waited) {
    lines.push(`Uploaded ${count('uploaded')} of ${total}${count('upload-failed') ? `, ${count('upload-failed')} failed` : ''}; records follow shortly.`);
  } else {
    const parts = [`${count('ok')} ok`, `${count('rejected')} rejected`, `${count('error')} error`];
    if (count('upload-failed')) parts.push(`${count('upload-failed')} upload failed`);
    if (count('timeout')) parts.push(`${count('timeout')} without a record yet`);
    lines.push(`Dropped ${total}: ${parts.join(', ')}.`);
  }
  const first = results.find((r) => r.outcome.kind !== 'upload-failed');
  if (results.length === 1 && first) lines.push(`Read it with: dateline get ${shellQuote(first.key)}`);
  return `${lines.join('\n')}\n`;
}

/** Why a file was rejected or failed: the problem that stopped it (the last one) first, then any others. */
function reasonOf(problems: ArticleRecord['problems']): string {
  const last = problems.at(-1);
  if (!last) return 'no reason recorded';
  const others = problems.slice(0, -1).map((p) => p.code);
  return `${last.message} (${last.code}${others.length ? `; also ${others.join(', ')}` : ''})`;
}

function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
