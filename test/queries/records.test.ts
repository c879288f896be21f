/**
 * Search, stats, export and the status filter end to end: the real `dateline` binary against
 * `dateline start` (free ports, a temp data folder; the examples are seeded on its first start),
 * so the mirror is written by the projector through s3rver and read by DuckDB from its files.
 * The article below is invented for this test; it is searched by words of its later paragraphs
 * written in other spellings (hamza, ta marbuta, diacritics, clitics).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, runCli, startStackOnFreePorts } from '../cli/run';

const MARKET = [
  'حمص – سانا',
  'افتتحت مديرية الزراعة في حمص اليوم سوقاً جديدة لبيع منتجات الفلاحين مباشرة إلى المستهلكين.',
  'وقال مدير السوق إن المشروع يتيح للمزارعين عرض محاصيلهم من دون وسطاء، مشيراً إلى إنشاء مستودع للتبريد قرب المدرسة الزراعية.',
  'وأضاف أن السوق ستفتح أبوابها كل يوم جمعة، وأن الأسعار ستُعلَن على لوحة عند المدخل وللمشترين حق الاستفسار.',
].join('\n');
const MARKET_KEY = 'q/homs-market.txt';
const EMPTY_KEY = 'q/empty.txt';

let dir: string;
let stack: { child: ChildProcessWithoutNullStreams };
let env: Record<string, string>;

const lines = (text: string) => text.trimEnd().split('\n').filter(Boolean);
const searchKeys = async (...args: string[]) => {
  const result = await runCli(['search', ...args, '--json', '--data-dir', path.join(dir, 'data')], env);
  expect(result.stderr).toBe('');
  const rows = lines(result.stdout).map((l) => JSON.parse(l) as { key?: string; cursor?: string | null });
  expect(rows.at(-1)).toHaveProperty('cursor');
  return rows.slice(0, -1).map((r) => r.key);
};
const exportCount = async (...args: string[]) => lines((await runCli(['export', ...args, '--data-dir', path.join(dir, 'data')], env)).stdout).length;

/** The keys of a JSON API answer (`/search` hits, `/articles` summaries). */
async function apiKeys(route: string, params: Record<string, string>): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${env.DATELINE_API_PORT}${route}?${new URLSearchParams(params)}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { hits?: { summary: { key: string } }[]; articles?: { key: string }[] };
  return body.hits ? body.hits.map((h) => h.summary.key) : (body.articles ?? []).map((a) => a.key);
}

/** Every record `dateline list` gives, page after page. */
async function listAll(...args: string[]): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await runCli(['list', ...args, '--json', '--limit', '100', ...(cursor ? ['--cursor', cursor] : [])], env);
    expect(result.status).toBe(0);
    const rows = lines(result.stdout).map((l) => JSON.parse(l) as { key?: string; cursor?: string | null });
    keys.push(...rows.slice(0, -1).map((r) => r.key!));
    cursor = rows.at(-1)!.cursor ?? null;
    if (!cursor) break;
  }
  return keys;
}

/** Polls (bounded) until `check` holds: the mirror follows the table a moment later. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not within 15 s: ${what}`);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dateline-records-'));
  const started = await startStackOnFreePorts(path.join(dir, 'data'));
  stack = started;
  env = started.env;
  await writeFile(path.join(dir, 'homs-market.txt'), MARKET);
  await writeFile(path.join(dir, 'empty.txt'), '');
  const dropped = await runCli(['drop', path.join(dir, 'homs-market.txt'), path.join(dir, 'empty.txt'), '--prefix', 'q/'], env);
  expect(dropped.status).toBe(0);
}, 120_000);

afterAll(async () => {
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGTERM');
    await exited(stack.child).catch(() => stack.child.kill('SIGKILL'));
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('search, stats and export over the records mirror', () => {
  it('finds the article by words of its text in other spellings (hamza, ta marbuta, diacritics, clitics)', async () => {
    await eventually(async () => (await apiKeys('/search', { q: 'مستودع' })).includes(MARKET_KEY), 'the article is in the mirror');
    expect(await searchKeys('انشاء', 'مستودع')).toEqual([MARKET_KEY]); // إنشاء written without hamza
    expect(await searchKeys('مدرسه', '--lang', 'ar', '--agency', 'sana', '--status', 'ok')).toContain(MARKET_KEY); // المدرسة: ال and ة
    expect(await apiKeys('/search', { q: 'المشترين' })).toContain(MARKET_KEY); // وللمشترين: و + لل
    expect(await apiKeys('/search', { q: 'ستعلن' })).toContain(MARKET_KEY); // ستُعلَن: diacritics
    expect(await apiKeys('/search', { q: 'مستودع', lang: 'en' })).toEqual([]);
    expect(await apiKeys('/search', { q: 'مستودع', status: 'rejected' })).toEqual([]);
  });

  it('exports as many records as paging through dateline list gives, one JSON record per line', async () => {
    let listed: string[] = [];
    await eventually(async () => {
      listed = await listAll();
      return listed.length > 0 && (await exportCount()) === listed.length;
    }, 'export and list agree');
    const exported = lines((await runCli(['export', '--format', 'jsonl', '--data-dir', path.join(dir, 'data')], env)).stdout).map((l) => JSON.parse(l) as { source: { key: string } });
    expect(exported.map((r) => r.source.key).sort()).toEqual([...listed].sort());
    expect(exported.map((r) => r.source.key)).toContain(MARKET_KEY);
  });

  it('filters by status on list, search and export, and combines agency with language', async () => {
    expect(await listAll('--status', 'rejected')).toEqual([EMPTY_KEY]);
    const csv = lines((await runCli(['export', '--format', 'csv', '--status', 'rejected', '--data-dir', path.join(dir, 'data')], env)).stdout);
    expect(csv[0]).toMatch(/^key,status,/);
    expect(csv.slice(1)).toEqual([expect.stringMatching(/^q\/empty\.txt,rejected,/)]);
    expect(await apiKeys('/articles', { agency: 'SANA', lang: 'ar', limit: '100' })).toContain(MARKET_KEY);
    expect(await apiKeys('/articles', { agency: 'SANA', lang: 'en' })).toEqual([]);
    expect(await apiKeys('/articles', { status: 'ok', limit: '100' })).not.toContain(EMPTY_KEY);
  });

  it('answers stats: counts by status, language, agency and month, and the top entities', async () => {
    const result = await runCli(['stats', '--json', '--data-dir', path.join(dir, 'data')], env);
    expect(result.status).toBe(0);
    const stats = JSON.parse(result.stdout) as { total: number; byStatus: { value: string; count: number }[]; byLanguage: { value: string }[]; byAgency: { value: string }[]; byMonth: unknown[]; topPlaces: { value: string }[] };
    expect(stats.total).toBe(await exportCount());
    expect(stats.byStatus).toContainEqual({ value: 'rejected', count: 1 });
    expect(stats.byLanguage.map((c) => c.value)).toEqual(expect.arrayContaining(['ar', 'en']));
    expect(stats.byAgency.map((c) => c.value)).toContain('SANA');
    expect(stats.byMonth.length).toBeGreaterThan(0);
    expect(stats.topPlaces.length).toBeGreaterThan(0);
  });

  it('answers GET /search and /stats, and the web search page', async () => {
    const base = `http://127.0.0.1:${env.DATELINE_API_PORT}`;
    const search = (await (await fetch(`${base}/search?q=${encodeURIComponent('انشاء')}&lang=ar&status=ok`)).json()) as { hits: { summary: { key: string } }[] };
    expect(search.hits.map((h) => h.summary.key)).toContain(MARKET_KEY);
    const bad = await fetch(`${base}/search?q=x&status=maybe`);
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/stats`)).status).toBe(200);
    const page = await (await fetch(`${base}/page/search?q=${encodeURIComponent('مستودع')}`)).text();
    expect(page).toContain(encodeURIComponent(MARKET_KEY));
    expect(await (await fetch(`${base}/page/stats`)).text()).toContain('SANA');
  });

  it('builds the mirror of a table written before it existed with dateline reindex --force', async () => {
    // A data folder from before the mirror: its rows are simply not there.
    await rm(path.join(dir, 'data', 's3', 'dateline-mirror', 'records'), { recursive: true, force: true });
    await rm(path.join(dir, 'data', 's3', 'dateline-mirror', 'undated'), { recursive: true, force: true });
    expect(await searchKeys('مستودع')).toEqual([]);
    expect((await runCli(['reindex', '--force'], env)).status).toBe(0);
    await eventually(async () => (await apiKeys('/search', { q: 'مستودع' })).includes(MARKET_KEY), 'reindex rebuilt the row');
  });

  it('takes a deleted article out of the mirror', async () => {
    expect((await runCli(['rm', MARKET_KEY], env)).status).toBe(0);
    await eventually(async () => !(await searchKeys('مستودع')).includes(MARKET_KEY), 'the row is deleted');
  });
});
