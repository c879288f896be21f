/**
 * The CLI end to end, through the real binary only: `dateline start` runs the local stack (free
 * ports, a temp data folder), `drop` uploads files and a folder and waits for their records,
 * `get` and `list` read them back, and bad input ends in a message and a non-zero status.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleRecord } from '../../shared/record';
import { REPO_ROOT, exited, runCli, startStackOnFreePorts } from './run';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');
const PREFIX = 'e2e/';

let dir: string;
let stack: { child: ChildProcessWithoutNullStreams; banner: string; output: () => string };
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dateline-cli-e2e-'));
  // A folder to drop: nested files, an empty one (rejected) and a hidden one (skipped).
  await mkdir(path.join(dir, 'batch', '2016', 'march'), { recursive: true });
  await writeFile(path.join(dir, 'batch', '2016', 'march', 'harbour.txt'), await readFile(path.join(FIXTURES, 'harbour-reopens.txt')));
  await writeFile(path.join(dir, 'batch', 'حلب.txt'), await readFile(path.join(FIXTURES, 'halab-water.txt')));
  await writeFile(path.join(dir, 'batch', 'empty.txt'), '');
  await writeFile(path.join(dir, 'batch', '.DS_Store'), 'not an article');

  const started = await startStackOnFreePorts(path.join(dir, 'data'));
  stack = started;
  env = started.env;
});

afterAll(async () => {
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGKILL');
    await exited(stack.child).catch(() => undefined);
  }
  await rm(dir, { recursive: true, force: true });
});

describe('dateline against the local stack', () => {
  it('prints every port with its variable, and an example that exists in the repository', () => {
    for (const variable of ['DATELINE_S3_PORT', 'DATELINE_DYNAMODB_PORT', 'DATELINE_API_PORT']) {
      expect(stack.banner).toContain(`${variable}=${env[variable]}`);
    }
    const example = /npx dateline drop (\S+)/.exec(stack.banner)?.[1];
    expect(example).toBeDefined();
    expect(existsSync(path.resolve(REPO_ROOT, example!))).toBe(true);
    expect(stack.banner).not.toContain('../shared');
  });

  it('drops two files and a folder, waits for every record, and sums them up', async () => {
    const result = await runCli(
      ['drop', path.join(FIXTURES, 'halab-water.txt'), path.join(FIXTURES, 'harbour-reopens.txt'), path.join(dir, 'batch'), '--prefix', PREFIX],
      env,
    );
    expect(result.stdout).toMatch(/Dropped 5 files: 4 ok, 1 rejected, 0 error\./);
    expect(result.stdout).toMatch(/rejected\s+e2e\/empty\.txt: /);
    // Not a terminal: plain progress lines on stderr, ending with all five.
    expect(result.stderr).toMatch(/uploading: 5\/5/);
    expect(result.stderr).toMatch(/processing: 4\/5|processing: 5\/5/);
    expect(result.status).toBe(0);
  });

  it('gets a record as one JSON line, for the very bytes that were dropped', async () => {
    const result = await runCli(['get', `${PREFIX}حلب.txt`, '--json'], env);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    const record = ArticleRecord.parse(JSON.parse(result.stdout));
    const bytes = await readFile(path.join(FIXTURES, 'halab-water.txt'));
    expect(record.source).toMatchObject({ bucket: 'dateline-articles', key: 'e2e/حلب.txt', size: bytes.length, contentType: 'text/plain' });
    expect(record.fingerprints.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(record.language.code).toBe('ar');
  });

  it('keeps a folder file under its path inside the folder', async () => {
    const result = await runCli(['get', `${PREFIX}2016/march/harbour.txt`], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Key:\s+e2e\/2016\/march\/harbour\.txt$/m);
    expect(result.stdout).toMatch(/^Language:\s+en /m);
    expect(result.stdout).toMatch(/^Stats:\s+\d+ paragraphs, \d+ sentences, \d+ words/m);
    expect(result.stdout).toMatch(/^Problems:\s+none$/m);
  });

  it('lists what was dropped, as summaries and a cursor line', async () => {
    const result = await runCli(['list', '--json', '--limit', '100'], env);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const last = lines.pop();
    expect(last).toHaveProperty('cursor');
    const keys = lines.map((line) => line.key);
    expect(keys).toEqual(expect.arrayContaining(['e2e/halab-water.txt', 'e2e/harbour-reopens.txt', 'e2e/حلب.txt', 'e2e/2016/march/harbour.txt', 'e2e/empty.txt']));
    expect(keys).not.toContain('e2e/.DS_Store');
    const arabic = await runCli(['list', '--lang', 'ar', '--json'], env);
    const arabicKeys = arabic.stdout.trimEnd().split('\n').slice(0, -1).map((line) => (JSON.parse(line) as { key: string }).key);
    expect(arabicKeys).toEqual(expect.arrayContaining(['e2e/halab-water.txt', 'e2e/حلب.txt']));
    expect(arabicKeys).not.toContain('e2e/harbour-reopens.txt');
  });

  it('lists as a table for people', async () => {
    const result = await runCli(['list', '--lang', 'en'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^DATE\s+LANG\s+AGENCY\s+STATUS\s+WORDS\s+KEY\s+TITLE$/m);
    expect(result.stdout).toMatch(/e2e\/harbour-reopens\.txt/);
  });

  it('returns at once with --no-wait', async () => {
    const result = await runCli(['drop', path.join(FIXTURES, 'halab-water.txt'), '--prefix', 'e2e/nowait/', '--no-wait'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Uploaded 1 of 1 file; records follow shortly\./);
  });

  it('gets a record by the s3:// URI its source line shows, and refuses another bucket\'s', async () => {
    const shown = await runCli(['get', `${PREFIX}2016/march/harbour.txt`], env);
    const uri = /s3:\/\/\S+/.exec(shown.stdout)?.[0];
    expect(uri).toBe(`s3://dateline-articles/${PREFIX}2016/march/harbour.txt`);

    const byUri = await runCli(['get', uri!, '--json'], env);
    expect(byUri.status).toBe(0);
    expect(ArticleRecord.parse(JSON.parse(byUri.stdout)).source.key).toBe(`${PREFIX}2016/march/harbour.txt`);

    const elsewhere = await runCli(['get', `s3://another-bucket/${PREFIX}2016/march/harbour.txt`], env);
    expect(elsewhere.status).toBe(2);
    expect(elsewhere.stderr).toMatch(/names bucket another-bucket/);
  });

  it('removes objects and waits until their records are gone; a missing key exits 1', async () => {
    await runCli(['drop', path.join(FIXTURES, 'halab-water.txt'), '--prefix', 'e2e/rm/'], env);
    expect((await runCli(['get', 'e2e/rm/halab-water.txt'], env)).status).toBe(0);

    const result = await runCli(['rm', 's3://dateline-articles/e2e/rm/halab-water.txt', 'e2e/rm/never-there.txt'], env);

    expect(result.stdout).toMatch(/no such object\s+e2e\/rm\/never-there\.txt/);
    expect(result.stdout).toMatch(/Removed 1 of 2 objects and their records\./);
    expect(result.status).toBe(1);
    expect((await runCli(['get', 'e2e/rm/halab-water.txt'], env)).status).toBe(1);
  });

  it('says so and exits 1 for a key without a record', async () => {
    const result = await runCli(['get', 'e2e/never-dropped.txt'], env);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/no record for key "e2e\/never-dropped\.txt"/);
  });

  it('fails with a message, before uploading, for a missing path, two files with one key, or a missing bucket', async () => {
    const missing = await runCli(['drop', path.join(dir, 'nope.txt')], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such file or folder: .*nope\.txt/);
    const twice = await runCli(['drop', path.join(FIXTURES, 'halab-water.txt'), path.join(dir, 'batch', 'حلب.txt'), path.join(FIXTURES, 'halab-water.txt')], env);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/halab-water\.txt and .*halab-water\.txt would both be stored as halab-water\.txt/);
    const bucket = await runCli(['drop', path.join(FIXTURES, 'halab-water.txt'), '--bucket', 'no-such-bucket'], env);
    expect(bucket.status).toBe(1);
    expect(bucket.stderr).toMatch(/bucket no-such-bucket not found/);
  });

  it.each([
    [['list', '--limit', '0'], /--limit/],
    [['list', '--since', '2015-13'], /--since/],
    [['list', '--cursor', 'garbage'], /--cursor/],
    [['drop'], /missing required argument/],
    [['--target', 'gcp', 'list'], /Allowed choices are local, aws/],
    [['fetch', 'x'], /unknown command/],
  ])('refuses %j with status 2 and a message', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('explains an unreachable stack instead of printing a stack trace', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const result = await runCli(['get', 'x.txt'], { ...env, DATELINE_DYNAMODB_PORT: String(closedPort) });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot reach the local stack .*npm start/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops cleanly on SIGTERM and exits 0', async () => {
    stack.child.kill('SIGTERM');
    expect(await exited(stack.child)).toBe(0);
    expect(stack.output()).toMatch(/Stopped\./);
  });
});
