/**
 * The reading commands end to end, through the real `dateline` binary against `dateline start`
 * (free ports, a temp data folder): find by person / organisation / place, dups, get; tables for
 * people, `--json` for programs, a non-zero status and one clear line for bad arguments and
 * unknown keys. The sana-moscow check skips where ../shared/examples is absent.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients, createS3Client } from '../../adapters/clients';
import { putProjected } from '../helpers/projection';
import { SHARED_DIR, exited, runCli, startStackOnFreePorts } from '../cli/run';
import { BRIDGE_KEY, REPOST, REPOST_KEY, BRIDGE, WATER, WATER_KEY } from '../web/records';

const SANA_FILE = path.join(SHARED_DIR, 'examples', 'sana-moscow.txt');
const hasSana = existsSync(SANA_FILE);
if (!hasSana) console.warn(`test/queries: ${SANA_FILE} is absent: skipping find --person بوتين on it`);
const SANA_KEY = 'wires/sana-moscow.txt';
/** Written for this test: a story that spells Syria only `سورية` and names Lavrov in Arabic only. */
const LAVROV_KEY = 'wires/lavrov-syria.txt';
const LAVROV = [
  'دمشق – سانا',
  'أكد وزير الخارجية الروسي سيرغي لافروف اليوم أن بلاده ستواصل دعم سورية في مواجهة الإرهاب.',
  'وقال لافروف خلال مؤتمر صحفي في موسكو إن التعاون بين سورية وروسيا في مجالات الطاقة والنقل يتطور.',
].join('\n');

let dir: string;
let stack: { child: ChildProcessWithoutNullStreams; banner: string };
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dateline-read-cli-'));
  const started = await startStackOnFreePorts(path.join(dir, 'data'));
  stack = started;
  env = started.env;
  // Hand-built records through the real store; sana-moscow through S3 and ingest, as a user drops it.
  const { client, doc } = createDynamoClients({ endpoint: `http://127.0.0.1:${env.DATELINE_DYNAMODB_PORT}` });
  await putProjected(doc, 'dateline-articles', [BRIDGE, WATER, REPOST]);
  client.destroy();
  const s3 = createS3Client({ endpoint: `http://127.0.0.1:${env.DATELINE_S3_PORT}` });
  const dropped = [LAVROV_KEY, ...(hasSana ? [SANA_KEY] : [])];
  await s3.send(new PutObjectCommand({ Bucket: 'dateline-articles', Key: LAVROV_KEY, Body: LAVROV }));
  if (hasSana) await s3.send(new PutObjectCommand({ Bucket: 'dateline-articles', Key: SANA_KEY, Body: await readFile(SANA_FILE) }));
  s3.destroy();
  // Ingest is asynchronous: wait (bounded) until the records are there.
  for (const key of dropped) {
    for (let i = 0; i < 100 && (await runCli(['get', key, '--json'], env)).status !== 0; i++) await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGTERM');
    await exited(stack.child).catch(() => stack.child.kill('SIGKILL'));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dateline find', () => {
  it.skipIf(!hasSana)('finds the article that mentions Putin by his surname alone', async () => {
    const result = await runCli(['find', '--person', 'بوتين'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^DATE\s+AGENCY\s+NAMED AS\s+MENTIONS\s+KEY\s+HEADLINE$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/SANA\s+فلاديمير بوتين\s+\d+\s+wires\/sana-moscow\.txt/);
  });

  it.skipIf(!hasSana)('finds sana-moscow, which writes سورية, by سوريا, and by Putin in Latin letters', async () => {
    const syria = await runCli(['find', '--place', 'سوريا', '--json'], env);
    expect(syria.stdout).toContain(SANA_KEY);
    const putin = await runCli(['find', '--person', 'Putin', '--json'], env);
    expect(putin.stdout).toContain(SANA_KEY);
  });

  it('finds an article by any spelling of a place and by a Latin transliteration of a name', async () => {
    const keys = async (args: string[]) => {
      const result = await runCli([...args, '--json'], env);
      expect(result.status).toBe(0);
      return result.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { key?: string }).key).filter(Boolean);
    };
    // The article writes سورية only; سوريا and Syria find it.
    for (const place of ['سوريا', 'Syria']) expect(await keys(['find', '--place', place])).toContain(LAVROV_KEY);
    // The article names لافروف in Arabic only.
    expect(await keys(['find', '--person', 'Sergei Lavrov'])).toEqual([LAVROV_KEY]);
    // Same skeleton, other name, in the article's own script: checked against what it wrote.
    expect(await keys(['find', '--person', 'ليفروف'])).toEqual([]);
    const table = await runCli(['find', '--person', 'Lavrov'], env);
    expect(table.stdout).toMatch(/SANA\s+سيرغي لافروف\s+2\s+wires\/lavrov-syria\.txt/);
  }, 120_000);

  it('prints one JSON line per article and the cursor last with --json', async () => {
    // The seeded example writes Aleppo in Latin letters: the place's family finds it too.
    const result = await runCli(['find', '--place', 'حلب', '--json', '--limit', '3'], env);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.slice(0, -1).map((l) => l.key)).toEqual(['examples/field-notes-aleppo-library.md', REPOST_KEY, BRIDGE_KEY]);
    expect(lines[0]!.entity).toMatchObject({ type: 'place', name: 'Aleppo' });
    expect(lines[1]!.entity).toEqual({ type: 'place', name: 'حلب', mentions: 4, role: null });
    const cursor = (lines.at(-1) as { cursor: string }).cursor;
    const next = await runCli(['find', '--place', 'حلب', '--json', '--limit', '3', '--cursor', cursor], env);
    const rest = next.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rest).toEqual([expect.objectContaining({ key: WATER_KEY }), { cursor: null }]);
  });

  it('matches organisations after normalisation and says when nothing mentions a name', async () => {
    const ministry = await runCli(['find', '--org', 'وزاره الاشغال العامه'], env);
    expect(ministry.stdout).toContain(BRIDGE_KEY);
    const nobody = await runCli(['find', '--person', 'فلان الفلاني'], env);
    expect(nobody.status).toBe(0);
    expect(nobody.stdout).toBe('No articles mention فلان الفلاني.\n');
  });

  it.each([
    [['find'], /give exactly one of --person, --org or --place/],
    [['find', '--person', 'دياب', '--org', 'جامعة حلب'], /give exactly one of/],
    [['find', '--person', 'د'], /--person: needs at least two letters/],
    [['find', '--place', 'حلب', '--since', '2016-13'], /--since: expected a date/],
    [['find', '--place', 'حلب', '--cursor', 'bm9wZQ'], /--cursor: not a cursor/],
  ])('refuses %j with status 2 and one line', async (args, message) => {
    const result = await runCli(args, env);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('dateline dups', () => {
  it('lists the near-duplicates as a table, or as JSON lines', async () => {
    const table = await runCli(['dups', REPOST_KEY], env);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/^DISTANCE\s+DATE\s+AGENCY\s+KEY\s+HEADLINE\n2\s+2016-03-15\s+SANA\s+web\/حلب\/bridge reopens\.txt\s+إعادة افتتاح/);
    const json = await runCli(['dups', REPOST_KEY, '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ key: BRIDGE_KEY, distance: 2, article: { key: BRIDGE_KEY } });
    const none = await runCli(['dups', WATER_KEY], env);
    expect(none.stdout).toBe(`No near-duplicates of ${WATER_KEY} in the archive.\n`);
  });

  it('ends with status 1 for an unknown key and 2 for a key S3 cannot have', async () => {
    const unknown = await runCli(['dups', 'no/such/file.txt'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('dateline: no record for key "no/such/file.txt" (not dropped yet, still being processed, or deleted)\n');
    const long = await runCli(['dups', 'ش'.repeat(600)], env);
    expect(long.status).toBe(2);
    expect(long.stderr).toMatch(/dups: key: longer than 1024 bytes/);
  });
});

describe('dateline get', () => {
  it('shows the people, quotes and dates as tables', async () => {
    const result = await runCli(['get', BRIDGE_KEY], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/People:\nNAME\s+MENTIONS\s+ALIASES\s+ROLE\nحسين دياب\s+3\s+دياب\s+محافظ حلب\nرنا العلي\s+2\s+العلي\s+مديرة المشروع\n/);
    expect(result.stdout).toMatch(/Quotes:\nPARA\s+SPEAKER\s+QUOTE\n2\s+حسين دياب\s+الجسر يعيد/);
    expect(result.stdout).toMatch(/Dates:\nVALUE\s+PRECISION\s+CALENDAR\s+AS WRITTEN\n2016-03-15\s+day\s+gregorian\s+الخامس عشر من آذار 2016/);
  });

  it('shows the keywords, an entity name as one keyphrase', async () => {
    const result = await runCli(['get', LAVROV_KEY], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\nKeywords:\nSCORE\s+KEYWORD\n1\.00\s+سيرغي لافروف\n/);
    expect(result.stdout).toMatch(/\n0\.\d\d\s+سورية\n/);
  });

  it('ends with status 2 for a key S3 cannot have', async () => {
    const result = await runCli(['get', 'x'.repeat(1025)], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/get: key: longer than 1024 bytes/);
  });
});
