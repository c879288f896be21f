/**
 * `dateline reindex` through the real binary against a running local stack (free ports, a temp
 * data folder): records made to look as an older extractor left them are the only ones `--stale`
 * sends, they come back with the running extractor's version, and `--prefix` limits the keys.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../adapters/clients';
import { EXTRACTOR_VERSION } from '../../shared/extract';
import { articleKey } from '../../shared/items';
import { ArticleRecord } from '../../shared/record';
import { REPO_ROOT, exited, runCli, startStackOnFreePorts } from '../cli/run';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');
const TABLE = 'dateline-articles';

let dir: string;
let stack: { child: ChildProcessWithoutNullStreams; banner: string };
let env: Record<string, string>;
let dynamo: { client: DynamoDBClient; doc: DynamoDBDocumentClient };

async function record(key: string): Promise<ArticleRecord> {
  const result = await runCli(['get', key, '--json'], env);
  expect(result.status, result.stderr).toBe(0);
  return ArticleRecord.parse(JSON.parse(result.stdout));
}

/** As an older extractor would have left the record. */
const makeOld = (key: string) =>
  dynamo.doc.send(
    new UpdateCommand({ TableName: TABLE, Key: articleKey(key), UpdateExpression: 'SET #e.#v = :v', ExpressionAttributeNames: { '#e': 'extractor', '#v': 'version' }, ExpressionAttributeValues: { ':v': '0.0.0' } }),
  );

/** Reads the record until its extractor version is the running one (at most 100 reads). */
async function reextracted(key: string): Promise<ArticleRecord> {
  let latest = await record(key);
  for (let round = 0; round < 100 && latest.extractor.version !== EXTRACTOR_VERSION; round++) {
    await sleep(100);
    latest = await record(key);
  }
  return latest;
}

async function reindex(args: readonly string[]): Promise<{ listed: number; sent: number; skipped: number }> {
  const result = await runCli(['reindex', ...args, '--json'], env);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { listed: number; sent: number; skipped: number };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dateline-reindex-'));
  const started = await startStackOnFreePorts(path.join(dir, 'data'));
  stack = started;
  env = started.env;
  dynamo = createDynamoClients({ endpoint: `http://127.0.0.1:${env.DATELINE_DYNAMODB_PORT}` });
  for (const prefix of ['a/', 'b/']) {
    const dropped = await runCli(['drop', path.join(FIXTURES, 'halab-water.txt'), path.join(FIXTURES, 'harbour-reopens.txt'), '--prefix', prefix], env);
    expect(dropped.status, dropped.stdout + dropped.stderr).toBe(0);
  }
});

afterAll(async () => {
  dynamo?.client.destroy();
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGKILL');
    await exited(stack.child).catch(() => undefined);
  }
  await rm(dir, { recursive: true, force: true });
});

describe('dateline reindex', () => {
  it('with --stale sends only the record of an older extractor, which comes back re-extracted', async () => {
    const before = await record('a/halab-water.txt');
    const untouched = await record('a/harbour-reopens.txt');
    await makeOld('a/halab-water.txt');
    expect((await record('a/halab-water.txt')).extractor.version).toBe('0.0.0');

    const summary = await reindex(['--stale', '--prefix', 'a/']);
    expect(summary).toMatchObject({ listed: 2, sent: 1, skipped: 1 });

    const after = await reextracted('a/halab-water.txt');
    expect(after.extractor.version).toBe(EXTRACTOR_VERSION);
    expect(after.source).toEqual(before.source);
    expect(after.title).toBe(before.title);
    // The other one was not sent: the very same extraction.
    expect((await record('a/harbour-reopens.txt')).extractor.extractedAt).toBe(untouched.extractor.extractedAt);
  });

  it('--prefix limits the keys it lists and sends', async () => {
    await makeOld('b/harbour-reopens.txt');
    await makeOld('a/harbour-reopens.txt');
    const summary = await reindex(['--stale', '--prefix', 'b/']);
    expect(summary).toMatchObject({ listed: 2, sent: 1 });
    expect((await reextracted('b/harbour-reopens.txt')).extractor.version).toBe(EXTRACTOR_VERSION);
    // Outside the prefix: still as the older extractor left it.
    expect((await record('a/harbour-reopens.txt')).extractor.version).toBe('0.0.0');
  });

  it('without --stale sends every object, and says how many in words', async () => {
    const result = await runCli(['reindex', '--prefix', 'a/'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Sent 2 of 2 objects to be re-extracted \(extractor [\d.]+\); skipped 0\./);
    expect(result.stderr).toMatch(/reindexing: 2\/2/);
    expect((await reextracted('a/harbour-reopens.txt')).extractor.version).toBe(EXTRACTOR_VERSION);
  });
});
