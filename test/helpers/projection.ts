/**
 * A store whose article puts reach the projector through the local change feed, as the local
 * stack wires them (local/change-feed.ts): for tests that write with the real store on dynalite
 * and read what searches read. `settle()` waits until every change so far is projected.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDynamoIndexWriter, createDynamoStore } from '../../adapters/dynamo-store';
import { createProjectorHandler } from '../../functions/projector';
import { openChangeFeed } from '../../local/change-feed';
import { silentLogger } from '../../local/logger';
import type { ArticleStore } from '../../shared/ports';
import type { ArticleRecord } from '../../shared/record';

export interface ProjectedStore {
  readonly store: ArticleStore;
  /** Resolves once every change written so far is projected (throws after 10 s). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noMetrics = { addMetric: () => undefined, publishStoredMetrics: () => undefined };

export async function projectedStore(doc: DynamoDBDocumentClient, tableName: string): Promise<ProjectedStore> {
  const directory = await mkdtemp(path.join(tmpdir(), 'dateline-feed-'));
  const projector = createProjectorHandler({ index: createDynamoIndexWriter({ doc, tableName }), logger: quiet, metrics: noMetrics });
  const feed = await openChangeFeed({ directory, projector, region: 'us-east-1', accountId: '123456789000', logger: silentLogger, visibilityTimeoutMs: 20 });
  return {
    store: createDynamoStore({ doc: feed.wrap(doc), tableName }),
    async settle() {
      if (!(await feed.queue.idle(10_000))) throw new Error('the change feed did not drain within 10 s');
      if (feed.queue.deadLetters().length > 0) throw new Error(`changes not projected: ${feed.queue.deadLetters().map((d) => d.reason).join('; ')}`);
    },
    async stop() {
      await feed.queue.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Puts records through the real store and waits for their projection: a test table's contents. */
export async function putProjected(doc: DynamoDBDocumentClient, tableName: string, records: readonly ArticleRecord[]): Promise<void> {
  const projected = await projectedStore(doc, tableName);
  try {
    for (const record of records) await projected.store.put(record);
    await projected.settle();
  } finally {
    await projected.stop();
  }
}
