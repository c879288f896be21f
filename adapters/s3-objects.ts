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
 * - `isCurrent` is a HEAD of the key without a version (see isCurrentVersion).
 */
import { GetObjectCommand, HeadObjectCommand, type GetObjectCommandOutput, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { ObjectContent, ObjectReader } from '../shared/ports';
import { unquoteEtag } from '../shared/s3-event';

type ObjectRef = Parameters<ObjectReader['read']>[0];

export function createS3ObjectReader(s3: S3Client): ObjectReader {
  return {
    isCurrent: (ref) => isCurrentVersion(s3, ref),
    async read(ref, maxBytes) {
      let response: GetObjectCommandOutput;
      try {
        response = await s3.send(new GetObjectCommand({ ...pinned(ref), Range: `bytes=0-${maxBytes}` }));
      } catch (error) {
        if (isGoneOrChanged(error)) return null;
        if (errorName(error) === 'InvalidRange') return readEmpty(s3, ref);
        throw error;
      }
      const etag = response.ETag ? unquoteEtag(response.ETag) : null;
      if (ref.etag && etag && etag !== unquoteEtag(ref.etag)) {
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
        etag,
        versionId: response.VersionId ?? ref.versionId ?? null,
        lastModified: response.LastModified?.toISOString() ?? null,
        metadata: response.Metadata ?? {},
      };
    },
  };
}

/**
 * Whether `ref` names the object's current version: a HEAD of the key without a version. A missing
 * key (404 `NotFound`; on a versioned bucket also when a delete marker is current) or another
 * `VersionId` means the object was deleted or replaced since the event. Without a version id in the
 * event or in the answer (an unversioned bucket, or the local s3rver) the ETag tells instead; with
 * neither, any object under the key is taken as current.
 */
export async function isCurrentVersion(s3: S3Client, ref: ObjectRef): Promise<boolean> {
  let head: HeadObjectCommandOutput;
  try {
    head = await s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
  } catch (error) {
    if (isGoneOrChanged(error)) return false;
    throw error;
  }
  // A bucket that never had versioning answers without a version id: then the ETag is all there is.
  if (ref.versionId && head.VersionId !== undefined) return head.VersionId === ref.versionId;
  if (ref.etag) return head.ETag !== undefined && unquoteEtag(head.ETag) === unquoteEtag(ref.etag);
  return true;
}

function pinned(ref: ObjectRef) {
  return {
    Bucket: ref.bucket,
    Key: ref.key,
    ...(ref.versionId ? { VersionId: ref.versionId } : {}),
    ...(ref.etag ? { IfMatch: `"${unquoteEtag(ref.etag)}"` } : {}),
  };
}

async function readEmpty(s3: S3Client, ref: ObjectRef): Promise<ObjectContent | null> {
  try {
    const head = await s3.send(new HeadObjectCommand(pinned(ref)));
    const etag = head.ETag ? unquoteEtag(head.ETag) : null;
    // Not empty after all: it was replaced between the two requests.
    if ((head.ContentLength ?? 0) !== 0 || (ref.etag && etag && etag !== unquoteEtag(ref.etag))) return null;
    return {
      bytes: new Uint8Array(0),
      size: 0,
      contentType: head.ContentType ?? null,
      etag,
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
