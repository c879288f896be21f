/**
 * Starts the whole local stack for a test: every server on a free port of 127.0.0.1, data in a temp
 * folder, quick retries, quiet, and SDK clients pointed at it as a user's would be.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';
import { createDynamoClients, createS3Client } from '../../adapters/clients';
import type { ArticleStore } from '../../shared/ports';
import type { S3NotificationRecord } from '../../local/s3-events';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const SHARED_DIR = path.resolve(REPO_ROOT, '../shared');

export interface TestStack {
  readonly stack: LocalStack;
  readonly dataDir: string;
  /** Every S3 event the stack queued, in order. */
  readonly events: S3NotificationRecord[];
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly store: ArticleStore;
  /** Waits until the queue has nothing left (fails the test if it does not get there). */
  settle(): Promise<void>;
  /** Stops the stack and closes the clients; the data folder stays. */
  stop(): Promise<void>;
}

export function makeDataDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'dateline-local-'));
}

export function removeDataDir(dataDir: string): Promise<void> {
  return rm(dataDir, { recursive: true, force: true });
}

export async function startTestStack(options: LocalStackOptions & { dataDir: string }): Promise<TestStack> {
  const events: S3NotificationRecord[] = [];
  const stack = await startLocalStack({
    s3Port: 0,
    dynamoPort: 0,
    apiPort: 0,
    seed: false,
    visibilityTimeoutMs: 20,
    maxBackoffMs: 200,
    onEvent: (record) => events.push(record),
    ...options,
  });
  const s3 = createS3Client({ endpoint: stack.endpoints.s3 });
  const { client } = createDynamoClients({ endpoint: stack.endpoints.dynamodb });
  return {
    stack,
    dataDir: options.dataDir,
    events,
    s3,
    dynamo: client,
    store: stack.store,
    settle: async () => {
      expect(await stack.settled(60_000), 'the local queue and change feed did not drain').toBe(true);
    },
    stop: async () => {
      s3.destroy();
      client.destroy();
      await stack.stop();
    },
  };
}
