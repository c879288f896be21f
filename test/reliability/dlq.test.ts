/**
 * `dateline dlq list` and `dateline dlq redrive` through the real binary.
 *
 * Locally: a real local stack whose table is deleted under it, so that an upload's event fails
 * (ResourceNotFoundException) until it lands in the dead-letter list; the table is then restored
 * and the letter redriven, while the stack runs (through its admin route) and while it is stopped
 * (into its saved queue, delivered by the next start).
 * On AWS: the CLI finds the dead-letter queue through the stack outputs and uses SQS; both are
 * stand-ins on 127.0.0.1 speaking the real protocols (harness/aws-stand-ins.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureTable } from '../../adapters/table-setup';
import { ADMIN_HEADER, ADMIN_PREFIX } from '../../local/admin';
import { OUTPUT } from '../../infra/outputs';
import { runCli } from '../cli/run';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from '../local/helpers';
import { startCloudFormationStandIn, startSqsStandIn, type SqsStandIn, type StandIn } from './harness/aws-stand-ins';
import { ENGLISH_ARTICLE } from './harness/inputs';

describe('dateline dlq, local', () => {
  let dataDir: string;
  let t: TestStack | null = null;

  // A data folder per test: each deletes the table under its stack.
  beforeEach(async () => {
    dataDir = await makeDataDir();
  });
  afterEach(async () => {
    await t?.stop();
    t = null;
    await removeDataDir(dataDir);
  });

  const start = async () => (t = await startTestStack({ dataDir }));
  const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir, '--api-port', new URL(t?.stack.endpoints.api ?? 'http://127.0.0.1:1').port]);

  /** Deletes the table, uploads `key`, and waits until its event is a dead letter. */
  async function deadLetterFor(stack: TestStack, key: string): Promise<void> {
    await stack.dynamo.send(new DeleteTableCommand({ TableName: stack.stack.table }));
    await stack.s3.send(new PutObjectCommand({ Bucket: stack.stack.bucket, Key: key, Body: ENGLISH_ARTICLE }));
    await stack.settle();
    expect(stack.stack.queue.deadLetters().map((d) => d.body)).toEqual([expect.stringContaining(encodeURIComponent(path.basename(key)).replace(/%20/g, '+'))]);
  }

  it('lists the dead letter with its object event and reason, and redrives it into the running stack', async () => {
    const stack = await start();
    await deadLetterFor(stack, 'dlq/harbour cranes.txt');

    const listed = await cli('dlq', 'list', '--json');
    expect(listed.stderr).toBe('');
    expect(listed.status).toBe(0);
    const [letter, ...more] = listed.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(more).toEqual([]);
    expect(letter).toMatchObject({
      messageId: stack.stack.queue.deadLetters()[0]!.messageId,
      receiveCount: 5,
      events: ['ObjectCreated:Put dlq/harbour cranes.txt'],
      reason: expect.stringContaining('ResourceNotFoundException'),
    });

    const human = await cli('dlq', 'list');
    expect(human.stdout).toContain('event:  ObjectCreated:Put dlq/harbour cranes.txt');
    expect(human.stdout).toMatch(/reason: .*ResourceNotFoundException/);

    await ensureTable(stack.dynamo, stack.stack.table);
    const redriven = await cli('dlq', 'redrive');
    expect(redriven.stderr).toBe('');
    expect(redriven.stdout).toMatch(/1 message sent back to the running stack's queue/);
    await stack.settle();
    expect(await stack.store.get('dlq/harbour cranes.txt')).toMatchObject({ status: 'ok', source: { key: 'dlq/harbour cranes.txt' } });
    expect((await cli('dlq', 'list')).stdout).toBe('No dead letters.\n');
  });

  it('redrives the dead letters of a stopped stack into its saved queue; the next start delivers them', async () => {
    const stack = await start();
    await deadLetterFor(stack, 'dlq/while-stopped.txt');
    const [dead] = stack.stack.queue.deadLetters();
    await stack.stop();
    t = null;

    const redriven = await cli('dlq', 'redrive', dead!.messageId);
    expect(redriven.stderr).toBe('');
    expect(redriven.stdout).toMatch(/1 message moved back into the queue/);
    const saved = JSON.parse(await readFile(path.join(dataDir, 'queue.json'), 'utf8')) as { messages: { messageId: string; receiveCount: number }[] };
    expect(saved.messages).toEqual([expect.objectContaining({ messageId: dead!.messageId, receiveCount: 0 })]);
    expect((await cli('dlq', 'list', '--json')).stdout).toBe('');

    // The start recreates the table; the key has an event waiting, so the reconcile leaves it to that event.
    const again = await start();
    expect(again.stack.reconciled).toEqual({ created: 0, removed: 0 });
    await again.settle();
    expect(await again.store.get('dlq/while-stopped.txt')).toMatchObject({ status: 'ok' });
  });

  it('keeps the admin route closed to requests without the admin header (a web page cannot send it)', async () => {
    const stack = await start();
    const plain = await fetch(`${stack.stack.endpoints.api}${ADMIN_PREFIX}/redrive`, { method: 'POST', body: '{}' });
    expect(plain.status).toBe(403);
    const listed = await fetch(`${stack.stack.endpoints.api}${ADMIN_PREFIX}`, { headers: { [ADMIN_HEADER]: '1' } });
    expect(await listed.json()).toEqual({ deadLetters: [] });
  });

  it('says where to look when there is no data folder', async () => {
    const result = await runCli(['dlq', 'list', '--data-dir', path.join(dataDir, 'nothing-here')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/no local stack data in .*nothing-here: start it with `npm start`/);
  });
});

describe('dateline --target aws dlq', () => {
  let cloudFormation: StandIn;
  let sqs: SqsStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    sqs = await startSqsStandIn('Dateline-EventsDeadLetterQueue');
    cloudFormation = await startCloudFormationStandIn({ [OUTPUT.deadLetterQueueUrl]: sqs.queueUrl, [OUTPUT.bucketName]: 'b', [OUTPUT.tableName]: 't' });
    env = {
      AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
  });
  afterAll(async () => {
    await cloudFormation?.close();
    await sqs?.close();
  });

  it('lists every message of the dead-letter queue and leaves them all there, visible', async () => {
    const notification = (key: string) => JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { object: { key } } }] });
    const bodies = Array.from({ length: 12 }, (_, i) => notification(`wires/%D8%AE%D8%A8%D8%B1+${i}.txt`));
    for (const body of bodies) sqs.add(body);
    sqs.add('not a notification');

    const result = await runCli(['--target', 'aws', 'dlq', 'list', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const letters = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(letters).toHaveLength(13);
    expect(letters.map((l) => l.events[0])).toContain('ObjectCreated:Put wires/خبر 0.txt');
    expect(letters.find((l) => l.body === 'not a notification')?.events).toEqual(['(not an S3 notification) not a notification']);
    expect(letters.every((l) => l.receiveCount === 5)).toBe(true);
    // Nothing deleted, and every message released at once for the next reader.
    expect(sqs.calls).not.toContain('DeleteMessage');
    expect(sqs.messages).toHaveLength(13);
    expect(sqs.messages.every((m) => m.visibleAt <= Date.now())).toBe(true);
  });

  it('redrives with a message move task from the dead-letter queue back to its source', async () => {
    const result = await runCli(['--target', 'aws', 'dlq', 'redrive'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(sqs.moveTasks).toEqual([sqs.queueArn]);
    expect(result.stdout).toMatch(/Started moving about 13 messages .* back to the ingest queue \(task task-1\)/);
  });

  it('refuses to pick messages by id on AWS, where a move task takes them all', async () => {
    const result = await runCli(['--target', 'aws', 'dlq', 'redrive', 'some-id'], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/moves every message/);
    expect(sqs.moveTasks).toHaveLength(1);
  });
});
