/**
 * Ingest on two threads (local/ingest-thread.ts): a batch is shared out by key, so every key is
 * written by one thread in the order of its events. Keys put again and again, deleted and put
 * back, all in flight at once, must end as the bucket says: no record lost, duplicated or stale,
 * and the projection (entity and band items) of each live record in place.
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareWithBucket, describeAll } from '../reliability/harness/final-state';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from './helpers';

let t: TestStack;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  t = await startTestStack({ dataDir, ingestThreads: 2, batchSize: 10 });
});
afterAll(async () => {
  await t?.stop();
  await removeDataDir(dataDir);
});

const article = (town: string, version: number) =>
  `${town} (Reuters) - The harbour authority of ${town} opened a new ferry terminal on Tuesday, version ${version} of this story said.\n\nOfficials said ${version * 10} boats would use it.\n`;

it('ends as the bucket says when many keys, each changed several times, are spread over two threads', async () => {
  const towns = ['Tyre', 'Sidon', 'Jounieh', 'Batroun', 'Byblos', 'Tripoli', 'Latakia', 'Tartus'];
  const put = (town: string, version: number) => t.s3.send(new PutObjectCommand({ Bucket: t.stack.bucket, Key: `threads/${town}.txt`, Body: article(town, version) }));
  // One key after the other per round, every round's keys at once: events of one key land in one batch or in order across batches.
  for (let version = 1; version <= 3; version++) await Promise.all(towns.map((town) => put(town, version)));
  await t.s3.send(new DeleteObjectCommand({ Bucket: t.stack.bucket, Key: 'threads/Tyre.txt' }));
  await t.s3.send(new DeleteObjectCommand({ Bucket: t.stack.bucket, Key: 'threads/Sidon.txt' }));
  await put('Sidon', 4);
  await t.settle();

  const report = await compareWithBucket({ s3: t.s3, doc: DynamoDBDocumentClient.from(t.dynamo), bucket: t.stack.bucket, tableName: t.stack.table, events: t.events });
  expect(report.keys).toBe(towns.length);
  expect(describeAll(report)).toBe('lost 0, duplicated 0, stale 0, index 0');
  // Events of a replaced version find another one current and write nothing: at least each live key's last.
  expect(t.stack.counters().RecordWritten).toBeGreaterThanOrEqual(towns.length - 1);
  expect(t.stack.queue.deadLetters()).toEqual([]);
});
