/** `MirrorStore` over S3 (or s3rver): the records mirror's rows as objects (PutObject, DeleteObject; both idempotent). */
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MirrorStore } from '../shared/ports';

export function createS3MirrorStore(s3: S3Client, bucket: string): MirrorStore {
  return {
    async put(key, body) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/x-ndjson; charset=utf-8' }));
    },
    async delete(key) {
      // Deleting a key that is not there succeeds on S3: a replayed delete is harmless.
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
