/**
 * Real S3 and DynamoDB for tests: s3rver (objects in a temp dir) and dynalite (in memory), each on a
 * free port of 127.0.0.1, with the bucket and the table (from shared/table.ts) created, and SDK
 * clients configured as the product configures them. `stopDynamo()` takes the database down alone,
 * to test what the pipeline does when its store goes away mid-batch.
 *
 *   const servers = await startServers();
 *   afterAll(() => servers.stop());
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDynamoClients, createS3Client } from '../../adapters/clients';
import { ensureTable } from '../../adapters/table-setup';

// s3rver and dynalite are CommonJS without type declarations: the members used here, typed locally.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  readonly httpServer?: Server;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;
type Dynalite = (options: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number }) => Server;

const require = createRequire(import.meta.url);

export interface TestServers {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly bucket: string;
  readonly tableName: string;
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  /** Stops dynalite only (its data is lost); later calls through `doc` fail with ECONNREFUSED. */
  stopDynamo(): Promise<void>;
  /** Stops both servers, destroys the clients and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartServersOptions {
  readonly bucket?: string;
  readonly tableName?: string;
}

export async function startServers(options: StartServersOptions = {}): Promise<TestServers> {
  const bucket = options.bucket ?? 'dateline-test';
  const tableName = options.tableName ?? 'dateline-test';
  const directory = await mkdtemp(path.join(tmpdir(), 'dateline-s3rver-'));

  const S3rver = require('s3rver') as S3rverConstructor;
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false });
  const s3Address = await s3rver.run();
  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;

  const dynalite = (require('dynalite') as Dynalite)({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    dynalite.once('error', reject);
    dynalite.listen(0, '127.0.0.1', () => resolve());
  });
  const dynamoEndpoint = `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`;

  const s3 = createS3Client({ endpoint: s3Endpoint });
  const { client: dynamo, doc } = createDynamoClients({ endpoint: dynamoEndpoint });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await ensureTable(dynamo, tableName);

  let dynamoRunning = true;
  let stopped = false;
  const stopDynamo = async (): Promise<void> => {
    if (!dynamoRunning) return;
    dynamoRunning = false;
    await closeServer(dynalite);
  };
  return {
    s3,
    dynamo,
    doc,
    bucket,
    tableName,
    s3Endpoint,
    dynamoEndpoint,
    stopDynamo,
    async stop() {
      if (stopped) return;
      stopped = true;
      s3.destroy();
      dynamo.destroy();
      await stopDynamo();
      if (s3rver.httpServer) await closeServer(s3rver.httpServer);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Closes an HTTP server without waiting for idle keep-alive connections to time out. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
