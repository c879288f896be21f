/**
 * `ObjectReader` over S3 (or s3rver): reads a bounded prefix of one object version.
 *
 * - `Range: bytes=0-<maxBytes>` asks for at most maxBytes+1 bytes: one byte more than the limit is
 *   enough to know the object is over it, without reading on. The body is also cut client-side, in
 *   case a server ignores the range.
 * - `VersionId` and `If-Match` (the event's ETag) pin the read to the version the event is about.
 *   A 404 (`NoSuchKey`, `NoSuchVersion`, `NoSuchBucket`) or a 412 means it changed or went away:
 *   `null`, and the newer event that follows says what happened. s3rver ignores `If-Match` on GET
 *   (it checks only If-None-Match and If-Modified-Since), so the returned ETag is compared as well.
 * - A range on an empty object is unsatisfiable (416 `InvalidRange` on S3): then a HEAD with the
 *   same conditions confirms the object is empty. s3rver answers 206 instead (handled below).
 * - `readCurrent` is the same GET of the key without a version: the answer is the object's current
 *   version, and when that is not the one the event names (`namesVersion`: another version id or
 *   ETag; or 404, the key deleted) the event is outdated, so one request answers "still current?"
 *   and reads the bytes. (A versioned bucket still serves an old version by its id: a pinned read
 *   alone would bring a deleted object back.)
 */
import { GetObjectCommand, HeadObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectContent, ObjectReader } from '../shared/ports';
import { unquoteEtag } from '../shared/s3-event';

type ObjectRef = Parameters<ObjectReader['read']>[0];

export function createS3ObjectReader(s3: S3Client): ObjectReader {
  return {
    read: (ref, maxBytes) => readPrefix(s3, ref, pinned(ref), maxBytes),
    readCurrent: (ref, maxBytes) => readPrefix(s3, ref, { Bucket: ref.bucket, Key: ref.key }, maxBytes),
  };
}

type Request = { Bucket: string; Key: string; VersionId?: string; IfMatch?: string };

/** A GET of `request` (pinned or not) whose answer must be the version `ref` names. */
async function readPrefix(s3: S3Client, ref: ObjectRef, request: Request, maxBytes: number): Promise<ObjectContent | null> {
  let response: GetObjectCommandOutput;
  try {
    response = await s3.send(new GetObjectCommand({ ...request, Range: `bytes=0-${maxBytes}` }));
  } catch (error) {
    if (isGoneOrChanged(error)) return null;
    if (errorName(error) === 'InvalidRange') return readEmpty(s3, ref, request);
    throw error;
  }
  if (!namesVersion(ref, response)) {
    destroyBody(response.Body);
    return null;
  }
  const size = totalSize(response);
  // s3rver answers a range on an empty object with `206`, `bytes 0-0/0` and a length of 1 it
  // never sends (S3 answers 416): an empty object has nothing to read anyway.
  if (size === 0) destroyBody(response.Body);
  return {
    bytes: size === 0 ? new Uint8Array(0) : await readAtMost(response.Body, maxBytes + 1),
    size,
    contentType: response.ContentType ?? null,
    etag: response.ETag ? unquoteEtag(response.ETag) : null,
    versionId: response.VersionId ?? ref.versionId ?? null,
    lastModified: response.LastModified?.toISOString() ?? null,
    metadata: response.Metadata ?? {},
  };
}

/**
 * Whether an answer (GET or HEAD) is the version `ref` names. A bucket that never had versioning
 * answers without a version id: then the ETag tells (s3rver ignores `If-Match`, so a pinned read
 * is checked too); with neither in `ref`, any object under the key is it.
 */
export function namesVersion(ref: ObjectRef, answer: { readonly VersionId?: string | undefined; readonly ETag?: string | undefined }): boolean {
  if (ref.versionId && answer.VersionId !== undefined) return answer.VersionId === ref.versionId;
  if (ref.etag) return answer.ETag !== undefined && unquoteEtag(answer.ETag) === unquoteEtag(ref.etag);
  return true;
}

function pinned(ref: ObjectRef): Request {
  return {
    Bucket: ref.bucket,
    Key: ref.key,
    ...(ref.versionId ? { VersionId: ref.versionId } : {}),
    ...(ref.etag ? { IfMatch: `"${unquoteEtag(ref.etag)}"` } : {}),
  };
}

async function readEmpty(s3: S3Client, ref: ObjectRef, request: Request): Promise<ObjectContent | null> {
  try {
    const head = await s3.send(new HeadObjectCommand(request));
    // Not empty after all (replaced between the two requests), or not the version asked about.
    if ((head.ContentLength ?? 0) !== 0 || !namesVersion(ref, head)) return null;
    return {
      bytes: new Uint8Array(0),
      size: 0,
      contentType: head.ContentType ?? null,
      etag: head.ETag ? unquoteEtag(head.ETag) : null,
      versionId: head.VersionId ?? ref.versionId ?? null,
      lastModified: head.LastModified?.toISOString() ?? null,
      metadata: head.Metadata ?? {},
    };
  } catch (error) {
    if (isGoneOrChanged(error)) return null;
    throw error;
  }
}

/** The whole object's size: from `Content-Range: bytes 0-N/TOTAL` when ranged, else the length. */
function totalSize(response: GetObjectCommandOutput): number {
  const total = /\/(\d+)$/.exec(response.ContentRange ?? '')?.[1];
  return total !== undefined ? Number(total) : (response.ContentLength ?? 0);
}

async function readAtMost(body: GetObjectCommandOutput['Body'], limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    const room = limit - length;
    chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
    length += Math.min(chunk.length, room);
    if (length >= limit) break; // leaving the loop destroys the stream
  }
  return Buffer.concat(chunks, length);
}

function destroyBody(body: GetObjectCommandOutput['Body']): void {
  (body as { destroy?: () => void } | undefined)?.destroy?.();
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function isGoneOrChanged(error: unknown): boolean {
  const name = errorName(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  // NoSuchBucket too: the object went away with its bucket. A reader without permission gets 403
  // (AccessDenied), which is thrown: the message is retried and ends in the DLQ, visibly.
  return ['NoSuchKey', 'NotFound', 'NoSuchVersion', 'NoSuchBucket', 'PreconditionFailed'].includes(name ?? '') || status === 404 || status === 412;
}
