/**
 * Brings the table in line with the bucket when the local stack starts: an event lost in a crash
 * (the queue is written to disk on a clean stop only) or a file changed while the stack was down
 * would otherwise leave a record missing, stale or orphaned for good.
 *
 * - every object whose record is missing or has another ETag gets a synthetic `ObjectCreated:Put`;
 * - every record whose object is gone gets a synthetic `ObjectRemoved:Delete`.
 * Both go through the queue to the ingest handler, like real events. Keys that already have an
 * event waiting in the queue are left to it.
 *
 * Finding orphaned records needs every article key in the table: there is no index over all
 * articles (the GSIs are partitioned by month), so this local-only admin step uses a `Scan` with a
 * projection of the key. At the local stack's scale that is a few pages; nothing on AWS does this.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ARTICLE_SORT_KEY, articleKey } from '../shared/items';
import type { ArticleStore } from '../shared/ports';
import { unquoteEtag } from '../shared/s3-event';
import type { ObjectChange } from './s3-events';

export interface ReconcileInput {
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly store: ArticleStore;
  readonly bucket: string;
  readonly tableName: string;
  /** Keys with an event already waiting in the queue. */
  readonly pendingKeys: ReadonlySet<string>;
  readonly now?: () => Date;
}

export interface BucketObject {
  readonly key: string;
  readonly eTag: string;
  readonly size: number;
}

export interface ReconcilePlan {
  /** Objects in the bucket, as listed. */
  readonly objects: readonly BucketObject[];
  readonly changes: readonly ObjectChange[];
}

export async function planReconcile(input: ReconcileInput): Promise<ReconcilePlan> {
  const now = input.now ?? (() => new Date());
  const objects = await listBucket(input.s3, input.bucket);
  const changes: ObjectChange[] = [];
  for (const object of objects) {
    if (input.pendingKeys.has(object.key)) continue;
    const record = await input.store.get(object.key);
    if (record && record.source.etag !== null && unquoteEtag(record.source.etag) === object.eTag) continue;
    changes.push({ kind: 'Put', bucket: input.bucket, key: object.key, size: object.size, eTag: object.eTag, time: now() });
  }
  const inBucket = new Set(objects.map((o) => o.key));
  for (const key of await listArticleKeys(input.doc, input.tableName)) {
    if (inBucket.has(key) || input.pendingKeys.has(key)) continue;
    changes.push({ kind: 'Delete', bucket: input.bucket, key, time: now() });
  }
  return { objects, changes };
}

export async function listBucket(s3: S3Client, bucket: string): Promise<BucketObject[]> {
  const objects: BucketObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (o.Key !== undefined) objects.push({ key: o.Key, eTag: unquoteEtag(o.ETag ?? ''), size: o.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Keys of the live article items (tombstones excluded). Local admin only: see the file comment. */
async function listArticleKeys(doc: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const prefix = articleKey('').pk;
  const keys: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'sk = :article AND attribute_not_exists(deleted)',
        ProjectionExpression: 'pk',
        ExpressionAttributeValues: { ':article': ARTICLE_SORT_KEY },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const pk = item.pk;
      if (typeof pk === 'string' && pk.startsWith(prefix)) keys.push(pk.slice(prefix.length));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}
