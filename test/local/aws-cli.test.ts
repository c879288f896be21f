/**
 * A file dropped with the AWS CLI against the local endpoint gives the same record as the same
 * file put with the SDK. Skips (with a notice) where no `aws` command is on the PATH.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../shared/record';
import { LOCAL_CREDENTIALS } from '../../local/stack';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from './helpers';

const run = promisify(execFile);

async function awsCliVersion(): Promise<string | null> {
  try {
    const { stdout, stderr } = await run('aws', ['--version'], { timeout: 30_000 });
    return (stdout || stderr).trim();
  } catch {
    return null;
  }
}

let t: TestStack;
let dataDir: string;
let version: string | null;

beforeAll(async () => {
  version = await awsCliVersion();
  if (!version) return;
  dataDir = await makeDataDir();
  t = await startTestStack({ dataDir });
});
afterAll(async () => {
  await t?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

/** What may differ between two ingestions of the same bytes under two keys. */
function comparable(record: ArticleRecord | null): unknown {
  if (!record) return record;
  // Timestamps, the sequencer and the key differ by nature; the second of two equal files finds
  // the first as its near-duplicate, so `duplicates` differs as well.
  const { id: _id, extractor, source, duplicates: _duplicates, ...rest } = record;
  const { key: _key, sequencer: _sequencer, uploadedAt: _uploadedAt, etag: _etag, ...sourceRest } = source;
  return { ...rest, source: sourceRest, extractor: { version: extractor.version } };
}

describe('the AWS CLI against the local endpoint', () => {
  it('gives the same record as the SDK for the same file', async (context) => {
    if (!version) {
      console.warn('skipped: no aws command on the PATH');
      context.skip();
    }
    const file = path.join(dataDir, 'مقال من سطر الأوامر.txt');
    const sample = path.join(import.meta.dirname, '../../examples/sana-damascus-water.txt');
    await writeFile(file, existsSync(sample) ? await readFile(sample) : 'دمشق-سانا\n\nنص قصير للتجربة.\n');

    const cliKey = 'cli/مقال من سطر الأوامر.txt';
    await run('aws', ['--endpoint-url', t.stack.endpoints.s3, 's3', 'cp', file, `s3://${t.stack.bucket}/${cliKey}`], {
      timeout: 60_000,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_DEFAULT_REGION: t.stack.region,
        AWS_REGION: t.stack.region,
        AWS_CONFIG_FILE: path.join(dataDir, 'no-aws-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dataDir, 'no-aws-credentials'),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    await t.settle();

    // The SDK puts the same bytes with the content type the CLI chose, under another key.
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: t.stack.bucket, Key: cliKey }));
    const sdkKey = 'sdk/مقال من سطر الأوامر.txt';
    await t.s3.send(new PutObjectCommand({ Bucket: t.stack.bucket, Key: sdkKey, Body: await readFile(file), ContentType: head.ContentType }));
    await t.settle();

    const fromCli = await t.store.get(cliKey);
    const fromSdk = await t.store.get(sdkKey);
    expect(fromCli).toMatchObject({ source: { key: cliKey }, language: { code: 'ar' } });
    expect(comparable(fromCli)).toEqual(comparable(fromSdk));
    expect(t.events.filter((e) => e.eventName === 'ObjectCreated:Put')).toHaveLength(2);
  });
});
