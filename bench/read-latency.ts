/**
 * Read latency on a 10,000-article archive in the local stack (issue "Reading the archive", 6).
 *
 * The archive: every corpus article (../shared/corpus; examples/ when it is absent) extracted once
 * by the real extractor, then repeated with varied keys (prefixes, Arabic folder names), dates
 * spread over ten years and agencies, until there are ARTICLES records. They go into the local
 * stack's DynamoDB through the real store (`ArticleStore.put`: the same items, index items and
 * month markers ingest writes), skipping S3 and the queue to keep the set-up short.
 *
 * Measured: pages of 50 through the shared queries (the DynamoDB client as the API uses it) and
 * through the HTTP API on 127.0.0.1 (the same handler as on Lambda): the list of all articles, by
 * agency, by language, and a search by a very common entity (سورية) and by a rare one. Each
 * measure is the first page and the pages after it through cursors. Target: 20 ms a page (the
 * table says whether the median page and the 95th percentile meet it).
 *
 *   npx tsx bench/read-latency.ts [--articles 10000] [--samples 60]
 * Prints a table and writes test-artifacts/bench/read-latency.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createArticleQueries } from '../adapters/queries';
import { createDynamoStore } from '../adapters/dynamo-store';
import { mapConcurrently } from '../cli/concurrency';
import { entityKey, entityLookups } from '../shared/entity-items';
import { extractRecord } from '../shared/extract';
import { parseEntityQuery, parseListQuery, type ArticleQueries } from '../shared/queries';
import { recordId, type ArticleRecord, type EntityType } from '../shared/record';
import { loadArticles, REPO_ROOT } from './lib/articles';
import { startBenchStack } from './lib/local';
import { quantile } from './lib/stats';

const { values: args } = parseArgs({
  options: { articles: { type: 'string', default: '10000' }, samples: { type: 'string', default: '60' } },
});
const ARTICLES = Number(args.articles);
const SAMPLES = Number(args.samples);
if (!Number.isInteger(ARTICLES) || ARTICLES < 1 || !Number.isInteger(SAMPLES) || SAMPLES < 1) {
  throw new Error('--articles and --samples take whole numbers of at least 1');
}

const PAGE_SIZE = 50;
/** Pages read through cursors after each first page. */
const PAGES_PER_RUN = 4;
const TARGET_MS = 20;
const WRITE_CONCURRENCY = 32;
const OUTPUT = path.join(REPO_ROOT, 'test-artifacts', 'bench', 'read-latency.json');

const BUCKET = 'dateline-articles';
const PREFIXES = ['wires', 'archive/sana', 'incoming/2019', 'أرشيف/وكالات', 'feeds/ar news', 'desk+intl'];
const AGENCIES = [
  { code: 'SANA', name: 'سانا' },
  { code: 'SPA', name: 'واس' },
  { code: 'AFP', name: 'أ ف ب' },
  { code: 'Reuters', name: 'رويترز' },
  { code: 'DPA', name: 'د ب أ' },
  { code: 'QNA', name: 'قنا' },
];
const MONTHS_SPREAD = 120;

// ---------------------------------------------------------------------------------------------
// The archive

function baseRecords(): { records: ArticleRecord[]; from: string } {
  const set = loadArticles();
  if (set.notice) console.warn(`note: ${set.notice}`);
  const now = new Date().toISOString();
  const records = set.articles.map((article) =>
    extractRecord({
      bytes: article.bytes,
      now,
      source: {
        bucket: BUCKET,
        key: article.name,
        versionId: null,
        etag: null,
        size: article.bytes.length,
        contentType: 'text/plain; charset=utf-8',
        sequencer: null,
        uploadedAt: now,
        metadata: {},
      },
    }),
  );
  return { records: records.filter((r) => r.status === 'ok'), from: set.from };
}

/** The i-th article of the archive: a base record under its own key, date and agency. */
function variant(base: ArticleRecord, i: number): ArticleRecord {
  const month = (i * 7919) % MONTHS_SPREAD;
  const year = 2010 + Math.floor(month / 12);
  const mm = String((month % 12) + 1).padStart(2, '0');
  const dd = String((i % 28) + 1).padStart(2, '0');
  const published = `${year}-${mm}-${dd}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`;
  const agency = AGENCIES[i % AGENCIES.length]!;
  const file = path.basename(base.source.key, '.txt');
  const key = `${PREFIXES[i % PREFIXES.length]}/${year}/${mm}/${file}-${i}.txt`;
  return {
    ...base,
    id: recordId(BUCKET, key),
    source: { ...base.source, key, sequencer: (0x1000000000 + i).toString(16).toUpperCase(), uploadedAt: published },
    dateline: { raw: base.dateline?.raw ?? `${agency.name}`, place: base.dateline?.place ?? null, agency: agency.name, agencyCode: agency.code, date: null },
    published: { value: published, source: 'dateline' },
    duplicates: [],
  };
}

/** A person named in exactly one base record (so in ARTICLES / bases articles of the archive), the most-mentioned such. */
function rarePerson(records: readonly ArticleRecord[]): string | null {
  const counts = new Map<string, { name: string; records: number; mentions: number }>();
  for (const record of records) {
    for (const lookup of new Map(entityLookups(record).filter((l) => l.type === 'person').map((l) => [l.key, l])).values()) {
      const seen = counts.get(lookup.key) ?? { name: lookup.name, records: 0, mentions: 0 };
      counts.set(lookup.key, { name: seen.name, records: seen.records + 1, mentions: Math.max(seen.mentions, lookup.mentions) });
    }
  }
  const rare = [...counts.values()].filter((c) => c.records === 1 && c.name.split(' ').length > 1).sort((a, b) => b.mentions - a.mentions);
  return rare[0]?.name ?? null;
}

function countWith(records: readonly ArticleRecord[], type: EntityType, name: string): number {
  const key = entityKey(name, type);
  return records.filter((r) => entityLookups(r).some((l) => l.type === type && l.key === key)).length;
}

/** The place most articles of the archive name (as written in its first article). */
function commonestPlace(records: readonly ArticleRecord[]): { name: string; articles: number } | null {
  const counts = new Map<string, { name: string; articles: number }>();
  for (const record of records) {
    for (const lookup of entityLookups(record)) {
      if (lookup.type !== 'place') continue;
      const seen = counts.get(lookup.key) ?? { name: lookup.name, articles: 0 };
      counts.set(lookup.key, { ...seen, articles: seen.articles + 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.articles - a.articles)[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Measuring

interface Scenario {
  readonly name: string;
  /** Reads one page through the queries; resolves the items on it and the cursor. */
  readonly page: (queries: ArticleQueries, cursor: string | undefined) => Promise<{ items: number; cursor: string | null }>;
  /** The same page through the HTTP API. */
  readonly url: (cursor: string | undefined) => string;
}

interface Figure {
  readonly scenario: string;
  readonly via: 'queries' | 'http';
  readonly pages: number;
  /** DynamoDB requests per page (counted on the queries' own client; null through HTTP). */
  readonly requestsPerPage: number | null;
  readonly meanItems: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

function scenarios(rare: string | null, commonest: string | null, someKey: string): Scenario[] {
  const withCursor = (params: Record<string, string>, cursor: string | undefined) => new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) }).toString();
  const list = (name: string, filters: Record<string, string>): Scenario => ({
    name,
    page: async (queries, cursor) => {
      const page = await queries.listArticles(parseListQuery({ ...filters, limit: PAGE_SIZE, cursor }));
      return { items: page.articles.length, cursor: page.cursor };
    },
    url: (cursor) => `/articles?${withCursor({ ...filters, limit: String(PAGE_SIZE) }, cursor)}`,
  });
  const find = (name: string, type: EntityType, entity: string): Scenario => ({
    name,
    page: async (queries, cursor) => {
      const page = await queries.findByEntity(parseEntityQuery({ type, name: entity, limit: PAGE_SIZE, cursor }));
      return { items: page.hits.length, cursor: page.cursor };
    },
    url: (cursor) => `/entities/${type}/${encodeURIComponent(entity)}/articles?${withCursor({ limit: String(PAGE_SIZE) }, cursor)}`,
  });
  // One GetItem: the floor every page stands on (one round trip to the local DynamoDB under this load).
  const get: Scenario = {
    name: 'get by key (one GetItem)',
    page: async (queries) => ({ items: (await queries.getArticle(someKey)) ? 1 : 0, cursor: null }),
    url: () => `/articles/${encodeURIComponent(someKey)}`,
  };
  return [
    get,
    list('list all', {}),
    list('list agency=SANA', { agency: 'SANA' }),
    list('list lang=ar', { lang: 'ar' }),
    list('list lang=en since 2015', { lang: 'en', since: '2015' }),
    find('find place سورية (common)', 'place', 'سورية'),
    ...(commonest && commonest !== 'سورية' ? [find(`find place ${commonest} (commonest)`, 'place', commonest)] : []),
    ...(rare ? [find(`find person ${rare} (rare)`, 'person', rare)] : []),
  ];
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** First pages and the pages after them, until `samples` pages were timed. */
async function measure(
  scenario: Scenario,
  via: Figure['via'],
  read: (cursor: string | undefined) => Promise<{ items: number; cursor: string | null }>,
  requests: (() => number) | null,
): Promise<Figure> {
  const requestsBefore = requests?.() ?? 0;
  const times: number[] = [];
  let items = 0;
  while (times.length < SAMPLES) {
    let cursor: string | undefined;
    for (let page = 0; page <= PAGES_PER_RUN && times.length < SAMPLES; page++) {
      const { ms, value } = await timed(() => read(cursor));
      times.push(ms);
      items += value.items;
      if (value.cursor === null) break;
      cursor = value.cursor;
    }
  }
  const requestsPerPage = requests ? (requests() - requestsBefore) / times.length : null;
  return { scenario: scenario.name, via, pages: times.length, requestsPerPage, meanItems: items / times.length, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: Math.max(...times) };
}

function formatTable(figures: readonly Figure[]): string {
  const header = ['scenario', 'via', 'pages', 'items/page', 'requests/page', 'p50 ms', 'p95 ms', 'max ms', `p50 <= ${TARGET_MS} ms`, `p95 <= ${TARGET_MS} ms`];
  const rows = figures.map((f) => [
    f.scenario,
    f.via,
    String(f.pages),
    f.meanItems.toFixed(1),
    f.requestsPerPage === null ? '—' : f.requestsPerPage.toFixed(2),
    f.p50.toFixed(1),
    f.p95.toFixed(1),
    f.max.toFixed(1),
    f.p50 <= TARGET_MS ? 'yes' : 'NO',
    f.p95 <= TARGET_MS ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { records: bases, from } = baseRecords();
  if (bases.length === 0) throw new Error('no article extracted with status ok: nothing to build an archive from');
  const archive = Array.from({ length: ARTICLES }, (_, i) => variant(bases[i % bases.length]!, i));
  const rare = rarePerson(bases);
  const commonest = commonestPlace(archive);
  console.log(
    `archive: ${archive.length} articles from ${bases.length} ${from} articles; سورية in ${countWith(archive, 'place', 'سوريه')}, ` +
      `commonest place ${commonest ? `${commonest.name} in ${commonest.articles}` : '(none)'}, rare person ${rare ?? '(none)'}`,
  );

  const bench = await startBenchStack();
  try {
    const store = createDynamoStore({ doc: bench.doc, tableName: bench.stack.table });
    const load = await timed(() => mapConcurrently(archive, WRITE_CONCURRENCY, (record) => store.put(record)));
    console.log(`loaded in ${(load.ms / 1000).toFixed(1)} s (${Math.round(archive.length / (load.ms / 1000))} articles/s through the store)`);

    const queries = createArticleQueries({ doc: bench.doc, tableName: bench.stack.table });
    let requestsSent = 0;
    bench.doc.middlewareStack.add(
      (next) => async (args) => {
        requestsSent++;
        return next(args);
      },
      { step: 'initialize', name: 'count-requests' },
    );
    const requests = () => requestsSent;
    const api = bench.stack.endpoints.api;
    const figures: Figure[] = [];
    for (const scenario of scenarios(rare, commonest?.name ?? null, archive[archive.length >> 1]!.source.key)) {
      // Warm-up: connections, code paths, dynalite's caches.
      for (let i = 0; i < 3; i++) await scenario.page(queries, undefined);
      figures.push(await measure(scenario, 'queries', (cursor) => scenario.page(queries, cursor), requests));
      figures.push(
        await measure(scenario, 'http', async (cursor) => {
          const response = await fetch(`${api}${scenario.url(cursor)}`);
          if (response.status !== 200) throw new Error(`${scenario.url(cursor)} answered ${response.status}: ${await response.text()}`);
          const body = (await response.json()) as { articles?: unknown[]; cursor?: string | null };
          return { items: body.articles?.length ?? 1, cursor: body.cursor ?? null };
        }, null),
      );
    }
    console.log(formatTable(figures));
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share these cores)`);
    await mkdir(path.dirname(OUTPUT), { recursive: true });
    await writeFile(
      OUTPUT,
      `${JSON.stringify({ measuredAt: new Date().toISOString(), articles: archive.length, from, pageSize: PAGE_SIZE, targetMs: TARGET_MS, loadSeconds: load.ms / 1000, loadAverage: loadavg(), cpus: cpus().length, figures }, null, 2)}\n`,
    );
    console.log(`written: ${path.relative(REPO_ROOT, OUTPUT)}`);
  } finally {
    await bench.stop();
  }
}

await main();
