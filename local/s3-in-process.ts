/**
 * The stack's own reads and writes of s3rver's objects, made in this process through s3rver's
 * (hooked and guarded) file store instead of over HTTP. The records mirror is the stack's
 * business only (the projector writes a row per change and reads the article's text for it): on
 * AWS those are S3 requests of a Lambda with CPU of its own; here each would cost an SDK call and
 * an HTTP request parsed by s3rver on the same two cores, for the same files on disk.
 *
 * Same answers as the S3 adapters (adapters/s3-mirror.ts, adapters/s3-objects.ts) give for the
 * mirror: a put replaces the object (ETag and metadata written by s3rver as for a PutObject), a
 * delete of a missing key succeeds, and a read of another ETag than the one asked for, or of a
 * missing key, is null. s3rver keeps no versions, so the ETag is what names a version here.
 */
import { Readable } from 'node:stream';
import type { MirrorStore, ObjectContent, ObjectReader } from '../shared/ports';
import { unquoteEtag } from '../shared/s3-event';

/** The slice of s3rver's FilesystemStore used here (s3rver has no type declarations). */
export interface S3rverObjectStore {
  getObject(bucket: string, key: string, options?: { start?: number; end?: number }): Promise<S3rverObject | null>;
  putObject(object: { bucket: string; key: string; content: Readable; metadata: Record<string, string> }): Promise<{ size: number; md5: string }>;
  deleteObject(bucket: string, key: string): Promise<void>;
}

interface S3rverObject {
  readonly content: Readable | null;
  readonly metadata: Record<string, string | number>;
}

export function createInProcessMirrorStore(store: S3rverObjectStore, bucket: string): MirrorStore {
  return {
    async put(key, body) {
      // A stream, not a Buffer: s3rver answers a Buffer's put before the bytes are written.
      await store.putObject({ bucket, key, content: Readable.from([Buffer.from(body, 'utf8')]), metadata: { 'content-type': 'application/x-ndjson; charset=utf-8' } });
    },
    async delete(key) {
      try {
        await store.deleteObject(bucket, key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}

/** `read` pinned to the ETag `ref` names (if any); `readCurrent` is the same here, with no versions to tell apart. */
export function createInProcessObjectReader(store: S3rverObjectStore): ObjectReader {
  const read: ObjectReader['read'] = async (ref, maxBytes) => {
    const object = await store.getObject(ref.bucket, ref.key, { start: 0, end: maxBytes });
    if (!object) return null;
    const etag = unquoteEtag(String(object.metadata.etag ?? ''));
    if (ref.etag && etag !== unquoteEtag(ref.etag)) {
      object.content?.destroy();
      return null;
    }
    return { ...describe(object.metadata, etag), bytes: await readAll(object.content, maxBytes + 1) };
  };
  return { read, readCurrent: read };
}

function describe(metadata: S3rverObject['metadata'], etag: string): Omit<ObjectContent, 'bytes'> {
  const userMetadata = Object.fromEntries(
    Object.entries(metadata)
      .filter(([name]) => name.startsWith('x-amz-meta-'))
      .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]),
  );
  const lastModified = metadata['last-modified'];
  return {
    size: Number(metadata['content-length'] ?? 0),
    contentType: metadata['content-type'] === undefined ? null : String(metadata['content-type']),
    etag: etag || null,
    versionId: null,
    lastModified: lastModified === undefined ? null : new Date(String(lastModified)).toISOString(),
    metadata: userMetadata,
  };
}

async function readAll(content: Readable | null, limit: number): Promise<Uint8Array> {
  if (!content) return new Uint8Array(0);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= limit) break;
  }
  return Buffer.concat(chunks, length).subarray(0, limit);
}
