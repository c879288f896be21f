/**
 * The embedded local stack for the bench: every server on a free port, data in a temp folder that
 * goes away afterwards, no examples seeded, and clients for the bench's own uploads and checks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createDynamoClients, createS3Client } from '../../adapters/clients';
import { mapConcurrently } from '../../cli/concurrency';
import { articleKey } from '../../shared/items';
import { startLocalStack, type LocalStack } from '../../local/stack';

export interface BenchStack {
  readonly stack: LocalStack;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

/** `ingestThreads: 0` runs ingest in this process, where an instrument (bench/lib/dynamo-tap.ts) can see its calls. */
export async function startBenchStack(options: { readonly ingestThreads?: number } = {}): Promise<BenchStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dateline-bench-'));
  const stack = await startLocalStack({ dataDir, s3Port: 0, dynamoPort: 0, apiPort: 0, seed: false, ...options });
  const s3 = createS3Client({ endpoint: stack.endpoints.s3 });
  const { client: dynamo, doc } = createDynamoClients({ endpoint: stack.endpoints.dynamodb });
  return {
    stack,
    s3,
    dynamo,
    doc,
    async stop() {
      s3.destroy();
      dynamo.destroy();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Upload {
  readonly key: string;
  readonly bytes: Uint8Array;
}

/** PutObject of every upload, `concurrency` at a time. */
export async function uploadAll(s3: S3Client, bucket: string, uploads: readonly Upload[], concurrency: number): Promise<void> {
  await mapConcurrently(uploads, concurrency, (upload) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: upload.key, Body: upload.bytes, ContentType: 'text/plain; charset=utf-8' })),
  );
}

/** The stored article items of these keys (BatchGetItem, 100 at a time), top-level `attributes` only; tombstones left out. */
export async function readArticleItems(doc: DynamoDBDocumentClient, table: string, keys: readonly string[], attributes: readonly string[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  const wanted = [...new Set(['pk', 'deleted', ...attributes])];
  const names = Object.fromEntries(wanted.map((name, i) => [`#a${i}`, name]));
  for (let start = 0; start < keys.length; start += 100) {
    let request: Record<string, unknown>[] | undefined = keys.slice(start, start + 100).map((key) => ({ ...articleKey(key) }));
    // Unprocessed keys are asked again, a bounded number of times.
    for (let attempt = 0; attempt < 10 && request && request.length > 0; attempt++) {
      const response = await doc.send(
        new BatchGetCommand({ RequestItems: { [table]: { Keys: request, ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } } }),
      );
      found.push(...(response.Responses?.[table] ?? []).filter((item) => item.deleted !== true));
      request = response.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return found;
}
