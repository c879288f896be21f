/**
 * The local S3 keeps to its data folder (local/s3-store-guard.ts): keys with `..` segments write
 * nothing outside it and their deletes remove nothing outside it, and a key segment longer than a
 * file name may be is refused with an S3 error instead of stopping the server. Raw HTTP requests
 * (an SDK might tidy a path up) and real SDK calls against the local S3 server on 127.0.0.1.
 */
import { GetObjectCommand, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../adapters/clients';
import { startLocalS3Server, type LocalS3Server } from '../../local/s3-server';

const BUCKET = 'dateline-articles';
let root: string;
let server: LocalS3Server;
let s3: S3Client;

beforeAll(async () => {
  // The data folder is <root>/data/s3: a way out of it lands in <root>, where the test can look.
  root = await mkdtemp(path.join(tmpdir(), 'dateline-s3-paths-'));
  server = await startLocalS3Server({ host: '127.0.0.1', port: 0, directory: path.join(root, 'data', 's3'), buckets: [BUCKET], onChange: () => undefined });
  s3 = createS3Client({ endpoint: server.endpoint });
});
afterAll(async () => {
  s3?.destroy();
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

/** One request with the path exactly as given (no client normalises it), answered as status and body. */
function raw(method: string, rawPath: string, body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.endpoint}${rawPath}`, { method, headers: { 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('keys with ".." segments', () => {
  it.each([
    // The URL's own `..` segments are resolved before routing; slashes sent as %2F are not.
    ['with its slashes encoded', `/${BUCKET}/..%2F..%2F..%2Foutside%2Fpwn.txt`],
    ['with dots and slashes encoded', `/${BUCKET}/%2E%2E%2F%2E%2E%2F%2E%2E%2Foutside%2Fpwn.txt`],
    ['inside a key', `/${BUCKET}/a%2Fb%2F..%2F..%2F..%2F..%2F..%2Foutside%2Fpwn.txt`],
  ])('a PUT %s writes nothing outside the data folder and is refused with an S3 error', async (_name, rawPath) => {
    const answer = await raw('PUT', rawPath, 'owned');
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('<Code>InvalidArgument</Code>');
    expect(answer.body).toMatch(/local S3/);
    expect(existsSync(path.join(root, 'outside'))).toBe(false);
    expect(await readdir(root)).toEqual(['data']);
  });

  it('a DELETE removes no folder outside the data folder', async () => {
    await mkdir(path.join(root, 'victim'));
    const answer = await raw('DELETE', `/${BUCKET}/..%2F..%2F..%2Fvictim%2Fx.txt`);
    expect(answer.status).toBe(400);
    expect(existsSync(path.join(root, 'victim'))).toBe(true);
    await rm(path.join(root, 'victim'), { recursive: true });
  });

  it('the SDK gets the same refusal', async () => {
    const error = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: '../../../outside/pwn.txt', Body: 'owned' })).catch((e: unknown) => e);
    // The SDK may tidy the path into one without `..`; either way nothing lands outside.
    if (error instanceof S3ServiceException) expect(error.name).toBe('InvalidArgument');
    expect(await readdir(root)).toEqual(['data']);
  });
});

describe('a key segment longer than a file name may be', () => {
  it('is refused with an error naming the local limit, and the server serves the next request', async () => {
    const long = `wires/${'a'.repeat(300)}.txt`;
    const error = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: long, Body: 'text' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe('KeyTooLongError');
    expect((error as S3ServiceException).message).toMatch(/local S3.*at most 233 bytes/);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'after.txt', Body: 'still here' }));
    const after = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'after.txt' }));
    expect(await after.Body!.transformToString()).toBe('still here');
  });

  it('a 233-byte last segment and 255-byte folder names still work', async () => {
    const key = `${'b'.repeat(255)}/${'c'.repeat(233)}`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'fits' }));
    const back = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await back.Body!.transformToString()).toBe('fits');
  });
});
