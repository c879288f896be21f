/**
 * The date of record as a user meets it, through the real binary and the local stack (s3rver,
 * the queue, the ingest handler, dynalite, the API and web page): an undated article and a dated
 * one are dropped, and `list`, `list --until`, `list --undated`, `get`, the API's summaries and
 * the web list and article pages show the first as undated (never its upload day) and the second
 * with its own date. `drop --published/--title` set the object's metadata, and `drop` names each
 * file that is not an article and why. The articles are written for this test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleSummary } from '../../shared/summary';
import { exited, runCli, startStackOnFreePorts } from './run';

const UNDATED = 'dates/undated.txt';
const DATED = 'dates/dated.txt';
const GIVEN = 'dates/given.txt';

/** No title, no date anywhere: undated and untitled. */
const UNDATED_TEXT = [
  'افتتحت البلدية حديقة عامة جديدة في الحي الشرقي من دمشق بعد عامين من العمل. وقال رئيس البلدية إن الحديقة ستفتح أبوابها كل يوم.',
  'وأضاف أن المرحلة الثانية من المشروع تشمل مكتبة صغيرة وملعبا للأطفال.',
].join('\n');

/** A wire dateline with its own date (SPA's form). */
const DATED_TEXT = [
  'الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس',
  'افتتح وزير النقل اليوم طريقا جديدا يربط دمشق بالميناء، في خطوة قال إنها ستختصر زمن الرحلة إلى النصف.',
  'وأوضح الوزير أن العمل في المرحلة الثانية سيبدأ مطلع العام المقبل.',
].join('\n');

const GIVEN_TITLE = 'البلدية تفتتح حديقة الحي الشرقي';

let dir: string;
let stack: { child: ChildProcessWithoutNullStreams };
let env: Record<string, string>;
let api: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dateline-cli-dates-'));
  await writeFile(path.join(dir, 'undated.txt'), UNDATED_TEXT);
  await writeFile(path.join(dir, 'dated.txt'), DATED_TEXT);
  await writeFile(path.join(dir, 'given.txt'), UNDATED_TEXT);
  await writeFile(path.join(dir, 'rows.jsonl'), '{"id": 1, "city": "حلب"}\n{"id": 2, "city": "حمص"}\n{"id": 3, "city": "دمشق"}\n');
  await writeFile(path.join(dir, 'tags.txt'), 'قال O\nالوزير O\nسمير B-PERS\nحداد I-PERS\n" O\n');
  const started = await startStackOnFreePorts(path.join(dir, 'data'));
  stack = started;
  env = started.env;
  api = `http://127.0.0.1:${env.DATELINE_API_PORT}`;
}, 90_000);

afterAll(async () => {
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGKILL');
    await exited(stack.child).catch(() => undefined);
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

const summaries = (stdout: string): ArticleSummary[] =>
  stdout.trim().split('\n').slice(0, -1).map((line) => ArticleSummary.parse(JSON.parse(line)));

describe('dates of record through the CLI, the API and the web page', () => {
  it('drops the articles, with --published/--title for one, and names the files that are not articles', async () => {
    const drop = await runCli(['drop', path.join(dir, 'undated.txt'), path.join(dir, 'dated.txt'), path.join(dir, 'rows.jsonl'), path.join(dir, 'tags.txt'), '--prefix', 'dates/'], env);
    expect(drop.stdout).toMatch(/Dropped 4 files: 2 ok, 2 rejected, 0 error\./);
    expect(drop.stdout).toMatch(/^rejected\s+dates\/rows\.jsonl: JSON Lines data \(3 lines of objects\), not an article \(not-an-article\)$/m);
    expect(drop.stdout).toMatch(/^rejected\s+dates\/tags\.txt: CoNLL-style token columns \(5 lines, .*\), not an article \(not-an-article\)$/m);
    expect(drop.status).toBe(0);

    const given = await runCli(['drop', path.join(dir, 'given.txt'), '--prefix', 'dates/', '--published', '2014-03-02', '--title', GIVEN_TITLE, '--json'], env);
    expect(given.status).toBe(0);
    expect(JSON.parse(given.stdout)).toMatchObject({ key: GIVEN, outcome: 'ok' });
    const bad = await runCli(['drop', path.join(dir, 'given.txt'), '--published', 'next week'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--published: "next week" is not a date/);
  }, 60_000);

  it('lists the dated articles by their own dates and the undated one apart, never by its upload day', async () => {
    const table = await runCli(['list'], env);
    expect(table.status).toBe(0);
    const rows = table.stdout.split('\n');
    const datedRow = rows.findIndex((r) => r.includes(DATED));
    const givenRow = rows.findIndex((r) => r.includes(GIVEN));
    const undatedRow = rows.findIndex((r) => r.includes(UNDATED));
    expect(rows[datedRow]).toMatch(/^2015-08-10\s/);
    expect(rows[givenRow]).toMatch(/^2014-03-02\s.*البلدية تفتتح حديقة الحي الشرقي/);
    expect(rows[undatedRow]).toMatch(/^undated\s.*untitled — «افتتحت البلدية حديقة عامة جديدة/);
    expect(undatedRow).toBeGreaterThan(givenRow);
    expect(givenRow).toBeGreaterThan(datedRow);
    // The dated ones first, then a line that sets the undated ones apart (the rejected files are undated too).
    expect(rows[givenRow + 1]).toMatch(/undated: no date of record/);

    const until = summaries((await runCli(['list', '--until', '2015-12-31', '--json'], env)).stdout);
    expect(until.filter((s) => s.key.startsWith('dates/')).map((s) => [s.key, s.published])).toEqual([
      [DATED, '2015-08-10'],
      [GIVEN, '2014-03-02'],
    ]);
    const undated = summaries((await runCli(['list', '--undated', '--json'], env)).stdout).filter((s) => s.status === 'ok' && s.key.startsWith('dates/'));
    expect(undated.map((s) => [s.key, s.published, s.headline])).toEqual([[UNDATED, null, null]]);
    expect(undated[0]?.opening).toMatch(/^افتتحت البلدية حديقة عامة جديدة في الحي الشرقي من دمشق بعد عامين من العمل\.$/);
    expect(undated[0]?.uploadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  }, 60_000);

  it('finds the articles naming a place with their own dates, the undated one after them', async () => {
    const find = await runCli(['find', '--place', 'دمشق'], env);
    expect(find.status).toBe(0);
    const rows = find.stdout.split('\n').filter((r) => r.includes('dates/'));
    expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(['2015-08-10', '2014-03-02', 'undated']);
    expect(rows[2]).toMatch(/dates\/undated\.txt\s+untitled — «افتتحت البلدية/);
    const ranged = await (await fetch(`${api}/entities/place/${encodeURIComponent('دمشق')}/articles?until=2030`)).json() as { articles: ArticleSummary[] };
    expect(ranged.articles.map((a) => a.key).filter((k) => k.startsWith('dates/'))).toEqual([DATED, GIVEN]);
  }, 60_000);

  it('shows the record as undated and untitled', async () => {
    const get = await runCli(['get', UNDATED], env);
    expect(get.stdout).toMatch(/^Published:\s+undated \(no date of record found\)$/m);
    expect(get.stdout).toMatch(/^Title:\s+untitled — «افتتحت البلدية/m);
    const given = await (await fetch(`${api}/articles/${encodeURIComponent(GIVEN)}`)).json();
    expect(given).toMatchObject({ title: GIVEN_TITLE, published: { value: '2014-03-02', source: 'metadata' } });
  }, 60_000);

  it('answers the API with summaries that say undated (published null), and lists them alone on request', async () => {
    const all = (await (await fetch(`${api}/articles`)).json()) as { articles: ArticleSummary[] };
    const byKey = new Map(all.articles.map((a) => [a.key, a]));
    expect(byKey.get(DATED)?.published).toBe('2015-08-10');
    expect(byKey.get(UNDATED)?.published).toBeNull();
    const ranged = (await (await fetch(`${api}/articles?until=2030`)).json()) as { articles: ArticleSummary[] };
    expect(ranged.articles.map((a) => a.key)).not.toContain(UNDATED);
    const alone = (await (await fetch(`${api}/articles?undated=true`)).json()) as { articles: ArticleSummary[] };
    // (The stack seeds examples/ on its first start: only this test's files are looked at.)
    expect(alone.articles.map((a) => a.key).filter((k) => k.startsWith('dates/')).sort()).toEqual(['dates/rows.jsonl', 'dates/tags.txt', UNDATED]);
    const refused = await fetch(`${api}/articles?undated=true&since=2015`);
    expect(refused.status).toBe(400);
  });

  it('shows undated and untitled on the web list and article page, and dates on the dated one', async () => {
    // In the English interface (the archive's own majority would pick Arabic).
    const list = await (await fetch(`${api}/?ui=en`)).text();
    const row = (key: string) => list.split('<tr>').find((r) => r.includes(encodeURIComponent(key))) ?? '';
    expect(row(UNDATED)).toMatch(/<span class="undated">undated<\/span>/);
    expect(row(UNDATED)).toMatch(/<bdi class="untitled">untitled<\/bdi> — <q class="opening">افتتحت البلدية/);
    expect(row(DATED)).toMatch(/<time datetime="2015-08-10" dir="ltr">2015-08-10<\/time>/);
    const filtered = await (await fetch(`${api}/?undated=true&ui=en`)).text();
    expect(filtered).toMatch(/<input type="checkbox" name="undated" value="true" checked>/);
    expect(filtered).toContain(encodeURIComponent(UNDATED));
    expect(filtered).not.toContain(encodeURIComponent(DATED));

    const undatedPage = await (await fetch(`${api}/article/${encodeURIComponent(UNDATED)}?ui=en`)).text();
    expect(undatedPage).toMatch(/Published: <span class="undated">undated<\/span>/);
    expect(undatedPage).toMatch(/<h1 id="title"[^>]*class="untitled-heading"><bdi class="untitled" lang="en">untitled<\/bdi><\/h1>/);
    const datedPage = await (await fetch(`${api}/article/${encodeURIComponent(DATED)}?ui=en`)).text();
    expect(datedPage).toMatch(/Published: <time datetime="2015-08-10" dir="ltr">2015-08-10<\/time> \(from the dateline\)/);
  });
});
