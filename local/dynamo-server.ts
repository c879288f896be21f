/**
 * The local DynamoDB endpoint: dynalite on a LevelDB folder, so the table and its items survive a
 * restart. Tables become ACTIVE at once (`createTableMs: 0`): the stack creates its table on the
 * first start and must not wait half a second for nothing.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer, listen } from './net';

export interface LocalDynamoServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The LevelDB folder. */
  readonly directory: string;
}

export interface LocalDynamoServer {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

type Dynalite = (options: Record<string, unknown>) => Server;

const require = createRequire(import.meta.url);

export async function startLocalDynamoServer(options: LocalDynamoServerOptions): Promise<LocalDynamoServer> {
  await mkdir(options.directory, { recursive: true });
  const dynalite = require('dynalite') as Dynalite;
  const server = dynalite({ path: options.directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://${options.host}:${port}`, port, close: () => closeServer(server) };
}
