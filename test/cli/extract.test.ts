/**
 * `dateline extract` through the real binary: offline, one JSON record per line, nothing started.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleRecord } from '../../shared/record';
import { REPO_ROOT, runCli, SHARED_DIR } from './run';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'cli');
const EXAMPLE = path.join(SHARED_DIR, 'examples', 'sana-moscow.txt');
const CHECKLIST = path.join(SHARED_DIR, 'examples', 'sana-moscow.expected.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dateline-cli-extract-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function records(stdout: string): ArticleRecord[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => ArticleRecord.parse(JSON.parse(line)));
}

describe('dateline extract', () => {
  it('prints one valid record per file, in order, keyed by file name, with no bucket', async () => {
    const english = path.join(dir, 'harbour note.txt');
    await writeFile(english, await readFile(path.join(FIXTURES, 'harbour-reopens.txt')));
    const arabic = path.join(FIXTURES, 'halab-water.txt');

    const result = await runCli(['extract', english, arabic]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [first, second] = records(result.stdout);
    expect(records(result.stdout)).toHaveLength(2);
    const bytes = await readFile(english);
    expect(first!.source).toMatchObject({
      bucket: '-',
      key: 'harbour note.txt',
      size: bytes.length,
      etag: createHash('md5').update(bytes).digest('hex'),
      contentType: 'text/plain',
      uploadedAt: null,
    });
    expect(first!.id).toBe('-/harbour note.txt');
    expect(first!.fingerprints.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(first!.status).toBe('ok');
    expect(first!.language.code).toBe('en');
    expect(second!.source.key).toBe('halab-water.txt');
    expect(second!.language).toMatchObject({ code: 'ar', direction: 'rtl' });
    expect(second!.stats.words).toBeGreaterThan(50);
  });

  it('extracts the SANA example as the pipeline would', async (context) => {
    if (!existsSync(EXAMPLE)) {
      console.warn(`skipped: ${EXAMPLE} is absent (the shared examples sit beside the project)`);
      context.skip();
    }
    const result = await runCli(['extract', EXAMPLE]);
    expect(result.status).toBe(0);
    const [record] = records(result.stdout);
    const checklist = JSON.parse(await readFile(CHECKLIST, 'utf8')) as { record: { fingerprints: { sha256: string }; dateline: { agencyCode: string } } };
    expect(record!.source.key).toBe('sana-moscow.txt');
    expect(record!.fingerprints.sha256).toBe(checklist.record.fingerprints.sha256);
    expect(record!.status).toBe('ok');
    expect(record!.language.code).toBe('ar');
    expect(record!.dateline?.agencyCode).toBe(checklist.record.dateline.agencyCode);
  });

  it('gives an empty file a rejected record rather than nothing', async () => {
    const empty = path.join(dir, 'empty.txt');
    await writeFile(empty, '');
    const result = await runCli(['extract', empty]);
    expect(result.status).toBe(0);
    const [record] = records(result.stdout);
    expect(record!.status).toBe('rejected');
    expect(record!.problems.length).toBeGreaterThan(0);
  });

  it('says which file it could not read, still prints the others, and exits 1', async () => {
    const missing = path.join(dir, 'missing.txt');
    const result = await runCli(['extract', missing, path.join(FIXTURES, 'halab-water.txt')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot read ${missing}`);
    expect(records(result.stdout).map((r) => r.source.key)).toEqual(['halab-water.txt']);
  });

  it('reads a folder as drop does: every file inside, keyed by its path in the folder', async () => {
    const folder = path.join(dir, 'desk');
    await mkdir(path.join(folder, 'arabic'), { recursive: true });
    await writeFile(path.join(folder, 'harbour.txt'), await readFile(path.join(FIXTURES, 'harbour-reopens.txt')));
    await writeFile(path.join(folder, 'arabic', 'halab.txt'), await readFile(path.join(FIXTURES, 'halab-water.txt')));
    await writeFile(path.join(folder, '.hidden.txt'), 'not read');

    const result = await runCli(['extract', folder]);

    expect(result.status).toBe(0);
    expect(records(result.stdout).map((r) => [r.source.key, r.language.code])).toEqual([
      ['arabic/halab.txt', 'ar'],
      ['harbour.txt', 'en'],
    ]);
  });

  it('needs at least one file', async () => {
    const result = await runCli(['extract']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/missing required argument/);
  });
});
