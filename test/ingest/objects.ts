/**
 * Objects for the ingest tests: the project's own fixture articles (test/fixtures/ingest), and
 * uploads to s3rver that return the created event S3 would send for them.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { nextSequencer, type ObjectChange } from './events';

export const ingestFixture = (name: string): Buffer => readFileSync(path.join(import.meta.dirname, '../fixtures/ingest', name));

/** Puts an object as text/plain and answers its ETag (unquoted) and size. */
export async function uploadObject(s3: S3Client, bucket: string, key: string, body: Uint8Array | string): Promise<{ etag: string; size: number }> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const { ETag } = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes, ContentType: 'text/plain; charset=utf-8' }));
  return { etag: ETag!.replace(/"/g, ''), size: bytes.length };
}

/** Uploads an object and returns the created event S3 would send for it. */
export async function createdEvent(s3: S3Client, bucket: string, key: string, body: Uint8Array | string): Promise<ObjectChange> {
  const { etag, size } = await uploadObject(s3, bucket, key, body);
  return { eventName: 'ObjectCreated:Put', bucket, key, etag, size, sequencer: nextSequencer() };
}
