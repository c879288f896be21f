/**
 * The local S3 endpoint: s3rver, hooked so that every change to an object is reported once, with
 * what S3 would put in its event.
 *
 * s3rver emits its `event` synchronously inside the request, but not for every change (nothing for
 * a multi-object delete) and not with everything S3 sends (no eTag on a copy, a completed
 * multipart upload looks like a form POST). So three hooks sit at the level s3rver works at:
 * - a Koa middleware in front of s3rver's router opens a per-request scope (AsyncLocalStorage) and, once the request is
 *   done, reports what the request changed, with the request's method, query and response ETag;
 * - the `event` listener and a wrapper round the store's `deleteObject` collect into that scope
 *   (the store is where both single and multi-object deletes end, and only when the object existed;
 *   the wrapper also runs deletes one at a time, which s3rver's multi-object delete needs);
 * - a wrapper round `putObjectMultipart` gives the assembled object S3's `<md5 of part md5s>-N`
 *   ETag, in the store and in the response, so that the event's eTag matches what a reader sees.
 * Keys the file store cannot hold safely are refused by local/s3-store-guard.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { changeFromS3rverRecord, multipartEtag, type ObjectChange, type S3rverEventRecord } from './s3-events';
import { closeServer, listen } from './net';
import type { S3rverObjectStore } from './s3-in-process';
import { guardStorePaths } from './s3-store-guard';

export interface LocalS3ServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Where s3rver keeps buckets and objects. */
  readonly directory: string;
  readonly buckets: readonly string[];
  /** Called once per object change, after the request that made it has been answered. */
  readonly onChange: (change: ObjectChange) => void;
}

export interface LocalS3Server {
  readonly endpoint: string;
  readonly port: number;
  /** The store s3rver serves from (hooked and guarded as for requests), for the stack's own in-process reads and writes (local/s3-in-process.ts). */
  readonly store: S3rverObjectStore;
  close(): Promise<void>;
}

/** What one request changed, collected while s3rver handles it. */
interface RequestScope {
  readonly created: S3rverEventRecord[];
  readonly deleted: { bucket: string; key: string }[];
}

// s3rver is CommonJS without type declarations: the few members used here are typed locally.
interface KoaContext {
  readonly method: string;
  readonly query: Record<string, unknown>;
  readonly ip: string;
  readonly status: number;
  readonly body: unknown;
  readonly response: { get(field: string): string };
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface FilesystemStore extends S3rverObjectStore {
  deleteObject(bucket: string, key: string): Promise<void>;
  putObjectMultipart(bucket: string, uploadId: string, parts: { number: number; etag: string }[]): Promise<{ md5: string; size: number }>;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}
interface S3rverInstance {
  readonly middleware: KoaMiddleware[];
  readonly store: FilesystemStore;
  readonly logger: { close(): void };
  on(event: 'event', listener: (event: { Records: S3rverEventRecord[] }) => void): void;
  configureBuckets(): Promise<unknown>;
  callback(): RequestListener;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

const require = createRequire(import.meta.url);

export async function startLocalS3Server(options: LocalS3ServerOptions): Promise<LocalS3Server> {
  const S3rver = require('s3rver') as S3rverConstructor;
  const server = new S3rver({
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
    // Path-style only: a host name is never taken for a bucket name.
    vhostBuckets: false,
  });

  const scopes = new AsyncLocalStorage<RequestScope>();
  // Just before the router: inside it the request runs in the scope, and after it the response
  // body is still the plain object (s3rver turns it into XML further out).
  server.middleware.splice(server.middleware.length - 1, 0, reportChangesMiddleware(scopes, options.onChange));
  server.on('event', (event) => {
    const scope = scopes.getStore();
    if (scope) scope.created.push(...event.Records);
  });
  hookStore(server.store, scopes);
  // Last, so that it is the outermost check: nothing reaches the disk outside the data folder.
  guardStorePaths(server.store as unknown as Parameters<typeof guardStorePaths>[0]);

  // Not s3rver's `run()`: its listen never settles when the port is taken.
  await server.configureBuckets();
  const httpServer = createServer(server.callback());
  httpServer.on('close', () => server.logger.close());
  try {
    await listen(httpServer, options.port, options.host);
  } catch (error) {
    server.logger.close();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  return { endpoint: `http://${options.host}:${port}`, port, store: server.store, close: () => closeServer(httpServer) };
}

function reportChangesMiddleware(scopes: AsyncLocalStorage<RequestScope>, onChange: (change: ObjectChange) => void): KoaMiddleware {
  return async (ctx, next) => {
    const scope: RequestScope = { created: [], deleted: [] };
    try {
      await scopes.run(scope, next);
    } finally {
      // Report even when the request failed late: whatever reached the store did happen.
      const time = new Date();
      const request = { method: ctx.method, query: ctx.query, sourceIp: normaliseIp(ctx.ip) };
      const responseEtag = responseEtagOf(ctx);
      for (const record of scope.created) {
        const change = changeFromS3rverRecord(record, { ...request, ...(responseEtag ? { responseEtag } : {}) }, time);
        if (change) onChange(change);
      }
      for (const { bucket, key } of scope.deleted) {
        onChange({ kind: 'Delete', bucket, key, time, sourceIp: request.sourceIp });
      }
    }
  };
}

/** The ETag the client was given: the header (put) or the XML result (copy, multipart complete). */
function responseEtagOf(ctx: KoaContext): string | undefined {
  const header = ctx.response.get('ETag');
  if (header) return header;
  const body = ctx.body as Record<string, { ETag?: unknown }> | undefined;
  const etag = body?.CopyObjectResult?.ETag ?? body?.CompleteMultipartUploadResult?.ETag;
  return typeof etag === 'string' ? etag : undefined;
}

function normaliseIp(ip: string): string {
  return ip.replace(/^::ffff:/, '');
}

function hookStore(store: FilesystemStore, scopes: AsyncLocalStorage<RequestScope>): void {
  // One delete at a time: s3rver removes emptied folders after a delete, and two deletes in one
  // folder at once (a multi-object delete runs them in parallel) race there and fail with ENOENT.
  const deleteObject = store.deleteObject.bind(store);
  let deleting: Promise<unknown> = Promise.resolve();
  store.deleteObject = async (bucket, key) => {
    const deleted = deleting.then(() => deleteObject(bucket, key));
    deleting = deleted.catch(() => undefined);
    await deleted;
    scopes.getStore()?.deleted.push({ bucket, key });
  };

  const putObjectMultipart = store.putObjectMultipart.bind(store);
  store.putObjectMultipart = async (bucket, uploadId, parts) => {
    // The part files (and their .md5) are removed by the original: read what is needed first.
    const uploadDir = path.join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    const key = await readFile(path.join(uploadDir, 'key'), 'utf8');
    const ordered = [...parts].sort((a, b) => a.number - b.number);
    const partMd5s = await Promise.all(ordered.map((part) => readFile(path.join(uploadDir, `${part.number}.md5`), 'utf8')));
    const result = await putObjectMultipart(bucket, uploadId, parts);
    const etag = multipartEtag(partMd5s.map((md5) => md5.trim()));
    await writeFile(store.getResourcePath(bucket, key, 'object.md5'), etag);
    return { ...result, md5: etag };
  };
}
