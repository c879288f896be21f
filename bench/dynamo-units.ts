/**
 * 4. DynamoDB: write units and item bytes per article (mean and p95, every item ingest writes:
 * the article, its GSI copies, entity and index items), read units ingest spends per article, and
 * read units per query type. The corpus goes through the real ingest handler in the local stack,
 * one article at a time so that every call can be put down to its article; a tap records the
 * calls (lib/dynamo-tap.ts) and DynamoDB's rules price them (lib/capacity.ts).
 *
 * From the same writes: the partition keys that take the most write units when every article of
 * the moment lands in the same month, as live traffic does (the hot keys of docs/scale.md).
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createDynamoClients } from '../adapters/clients';
import { createArticleQueries } from '../adapters/queries';
import { itemSizeBytes } from '../shared/items';
import { parseListQuery, type ArticleQueries } from '../shared/queries';
import type { ArticleRecord } from '../shared/record';
import { TABLE } from '../shared/table';
import { loadArticles, type BenchArticle } from './lib/articles';
import { waitFor, type Budget } from './lib/budget';
import type { Projection } from './lib/bundles';
import { itemBytes, putCost, readUnits, writeUnits, type IndexShape } from './lib/capacity';
import { DynamoTap, type TappedCall } from './lib/dynamo-tap';
import { startBenchStack } from './lib/local';
import { profileHere, timeByComponent, type ComponentTime } from './lib/profile';
import { mean, quantile } from './lib/stats';

export interface Spread {
  readonly mean: number;
  readonly p95: number;
}

export interface ItemFamily {
  /** The partition key's prefix (`A`, `E`, `EM`, ...): one kind of item. */
  readonly family: string;
  readonly itemsPerArticle: number;
  readonly meanItemBytes: number;
  readonly writeUnitsPerArticle: number;
}

export interface QueryFigure {
  readonly type: string;
  readonly calls: number;
  /** The first error of a call that failed, if any did. */
  readonly error: string | null;
  readonly requestsPerCall: number;
  readonly readUnitsPerCall: number;
  readonly maxReadUnits: number;
  readonly itemsPerCall: number;
}

export interface HotKey {
  /** Where the key lives: the table or a GSI. */
  readonly where: string;
  /** The key with its month replaced by `<month>`. */
  readonly key: string;
  /** Share of articles that write to it. */
  readonly articleShare: number;
  /** Write units it takes per article ingested (all articles, not only those that touch it). */
  readonly writeUnitsPerArticle: number;
}

export interface UnitsResult {
  readonly from: string;
  readonly articles: number;
  readonly failures: number;
  readonly writeUnits: Spread;
  readonly tableWriteUnits: number;
  readonly indexWriteUnits: number;
  readonly itemsWritten: Spread;
  readonly articleItemBytes: Spread;
  readonly allItemBytes: Spread;
  readonly ingestReadUnits: Spread;
  /** Bytes stored per article: every distinct item, its GSI copies, 100 bytes overhead each. */
  readonly storedBytesPerArticle: number;
  readonly callsPerArticle: Readonly<Record<string, number>>;
  readonly families: readonly ItemFamily[];
  readonly queries: readonly QueryFigure[];
  readonly hotKeys: readonly HotKey[];
  readonly topAgencies: readonly { readonly agency: string; readonly share: number }[];
  readonly topEntities: readonly { readonly entity: string; readonly share: number }[];
  /** CPU per article of the whole local stack (uploads, s3rver, queue, ingest, dynalite) by component. */
  readonly cpuPerArticle: readonly ComponentTime[];
  /** Largest relative difference between shared/items' size estimate and these rules, article items. */
  readonly estimateDifference: number;
  readonly projections: Readonly<Record<string, Projection>>;
}

const MONTH_SUFFIX = /#\d{4}-\d{2}$/;
const TABLE_KEYS = [TABLE.partitionKey.name, TABLE.sortKey.name];

function spread(values: readonly number[]): Spread {
  return { mean: mean(values), p95: quantile(values, 0.95) };
}

function familyOf(pk: unknown): string {
  return typeof pk === 'string' ? (pk.split('#')[0] ?? pk) : '?';
}

interface ArticleCalls {
  readonly key: string;
  readonly calls: readonly TappedCall[];
}

/** Units of one call: writes (table and GSIs) and reads. */
function callUnits(call: TappedCall, indexes: readonly IndexShape[]): { table: number; index: number; read: number } {
  const factor = call.transactional ? 2 : 1;
  let table = 0;
  let index = 0;
  for (const item of call.puts) {
    const cost = putCost(item, indexes, TABLE_KEYS);
    table += cost.tableUnits * factor;
    index += cost.indexUnits * factor;
  }
  // An update's item after the change is unknown here: priced by what it sets (a lower bound).
  for (const values of call.updates) table += writeUnits(itemBytes(values)) * factor;
  table += call.deletes * factor;
  let read = 0;
  if (call.operation === 'Query' || call.operation === 'Scan') {
    const bytes = call.returned.reduce((total, item) => total + itemBytes(item), 0);
    read = readUnits(bytes, call.consistentRead && call.indexName === null);
  } else if (call.operation === 'GetItem' || call.operation === 'BatchGetItem') {
    const sizes = call.returned.map(itemBytes);
    const missing = Math.max(0, call.keysRead - sizes.length);
    read = sizes.reduce((total, bytes) => total + readUnits(bytes, call.consistentRead), 0) + missing * readUnits(0, call.consistentRead);
  }
  return { table, index, read };
}

async function ingestOneByOne(articles: readonly BenchArticle[], budget: Budget, indexes: readonly IndexShape[]): Promise<{ perArticle: ArticleCalls[]; failures: number; queries: QueryFigure[]; records: ArticleRecord[]; cpu: ComponentTime[] }> {
  // Ingest in this process: the tap records this process's SDK calls, and a worker thread's are not among them.
  const bench = await startBenchStack({ ingestThreads: 0 });
  const tap = new DynamoTap().install();
  try {
    tap.ignore(bench.dynamo, bench.doc);
    const counters = () => bench.stack.counters();
    const settled = () => (counters().RecordWritten ?? 0) + (counters().StaleEvent ?? 0);
    const perArticle: ArticleCalls[] = [];
    let failures = 0;
    // Under the sampling profiler: the same run says where a local ingest spends its CPU.
    const { profile } = await profileHere(async () => {
      for (const [i, article] of articles.entries()) {
        if (budget.remainingMs < budget.ms * 0.3) break;
        const key = `units/${i}/${article.name}`;
        const before = settled();
        tap.start();
        await bench.s3.send(new PutObjectCommand({ Bucket: bench.stack.bucket, Key: key, Body: article.bytes, ContentType: 'text/plain; charset=utf-8' }));
        const done = await waitFor(() => settled() > before, 10_000, 1);
        // The record and its projection: the projector's writes count with the article's.
        await bench.stack.settled(10_000);
        const calls = tap.stop();
        if (!done) failures += 1;
        else perArticle.push({ key, calls });
      }
    });
    const cpu = timeByComponent(profile).map((c) => ({ ...c, ms: c.ms / Math.max(1, perArticle.length + failures) }));

    const { records, queries } = await measureQueries(bench.stack.endpoints.dynamodb, bench.stack.table, perArticle.map((a) => a.key), tap, budget, indexes);
    return { perArticle, failures, queries, records, cpu };
  } finally {
    tap.uninstall();
    await bench.stop();
  }
}

/** Optional query methods, called only when the query module has them. */
interface OptionalQueries {
  findByEntity?: (query: { type: string; name: string; limit: number }) => Promise<unknown>;
  findDuplicates?: (key: string) => Promise<unknown>;
}

async function measureQueries(
  endpoint: string,
  table: string,
  keys: readonly string[],
  tap: DynamoTap,
  budget: Budget,
  indexes: readonly IndexShape[],
): Promise<{ records: ArticleRecord[]; queries: QueryFigure[] }> {
  const { client, doc } = createDynamoClients({ endpoint });
  try {
    const queries: ArticleQueries = createArticleQueries({ doc, tableName: table });
    const optional = queries as unknown as OptionalQueries;
    // The records, read without the tap: what the queries below ask about.
    // Ten at a time: a record as read finds its near-duplicates (a dozen Queries and a BatchGetItem).
    const read: (ArticleRecord | null)[] = [];
    for (let i = 0; i < keys.length; i += 10) read.push(...(await Promise.all(keys.slice(i, i + 10).map((key) => queries.getArticle(key)))));
    const records = read.filter((r): r is ArticleRecord => r !== null);
    const earliest = records.map((r) => r.published?.value ?? r.source.uploadedAt ?? '').filter(Boolean).sort()[0]?.slice(0, 7) ?? '2000-01';
    const agencies = topCounts(records.map((r) => r.dateline?.agencyCode ?? r.dateline?.agency ?? null));
    const people = topCounts(records.flatMap((r) => r.entities.person.map((p) => p.name)));
    const places = topCounts(records.flatMap((r) => r.entities.place.map((p) => p.name)));
    const withDuplicates = records.filter((r) => r.duplicates.length > 0).map((r) => r.source.key);

    const plans: { type: string; runs: (() => Promise<unknown>)[] }[] = [
      { type: 'get by key (GetItem, strongly consistent)', runs: keys.slice(0, 20).map((key) => () => queries.getArticle(key)) },
      { type: 'list by agency, 20 newest since the oldest month', runs: agencies.slice(0, 5).map(([agency]) => () => queries.listArticles(parseListQuery({ agency, since: earliest }))) },
      { type: 'list by language, 20 newest since the oldest month', runs: ['ar', 'en'].map((lang) => () => queries.listArticles(parseListQuery({ lang, since: earliest }))) },
      { type: 'list all, 20 newest since the oldest month', runs: [() => queries.listArticles(parseListQuery({ since: earliest }))] },
      { type: 'list all, 20 newest, no since', runs: [() => queries.listArticles(parseListQuery({}))] },
    ];
    if (optional.findByEntity) {
      const find = optional.findByEntity.bind(queries);
      plans.push(
        { type: 'find by person, 20 newest', runs: people.slice(0, 5).map(([name]) => () => find({ type: 'person', name, limit: 20 })) },
        { type: 'find by place, 20 newest', runs: places.slice(0, 5).map(([name]) => () => find({ type: 'place', name, limit: 20 })) },
      );
    }
    if (optional.findDuplicates) {
      const dups = optional.findDuplicates.bind(queries);
      plans.push({ type: 'near-duplicates of an article', runs: (withDuplicates.length > 0 ? withDuplicates : keys).slice(0, 5).map((key) => () => dups(key)) });
    }

    const figures: QueryFigure[] = [];
    for (const plan of plans) {
      const perCall: { requests: number; units: number; items: number }[] = [];
      let error: string | null = null;
      for (const run of plan.runs) {
        if (budget.spent) break;
        tap.start();
        try {
          await run();
        } catch (failure) {
          // Reported with the figure; what it read before failing still counts.
          error ??= failure instanceof Error ? `${failure.name}: ${failure.message}`.slice(0, 200) : String(failure);
        }
        const calls = tap.stop();
        perCall.push({
          requests: calls.length,
          units: calls.reduce((total, call) => total + callUnits(call, indexes).read, 0),
          items: calls.reduce((total, call) => total + call.returned.length, 0),
        });
      }
      if (perCall.length === 0) continue;
      figures.push({
        type: plan.type,
        calls: perCall.length,
        error,
        requestsPerCall: mean(perCall.map((c) => c.requests)),
        readUnitsPerCall: mean(perCall.map((c) => c.units)),
        maxReadUnits: Math.max(...perCall.map((c) => c.units)),
        itemsPerCall: mean(perCall.map((c) => c.items)),
      });
    }
    return { records, queries: figures };
  } finally {
    client.destroy();
  }
}

function topCounts(values: readonly (string | null)[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

function indexShapes(projections: Readonly<Record<string, Projection>>): IndexShape[] {
  return TABLE.globalSecondaryIndexes.map((index) => ({
    indexName: index.indexName,
    partitionKey: index.partitionKey.name,
    sortKey: index.sortKey.name,
    projection: projections[index.indexName] ?? { type: 'ALL' },
  }));
}

function hotKeys(perArticle: readonly ArticleCalls[], indexes: readonly IndexShape[]): HotKey[] {
  const keys = new Map<string, { where: string; key: string; articles: Set<string>; units: number }>();
  const add = (where: string, pk: string, article: string, units: number) => {
    const key = pk.replace(MONTH_SUFFIX, '#<month>');
    const id = `${where}|${key}`;
    const entry = keys.get(id) ?? { where, key, articles: new Set<string>(), units: 0 };
    entry.articles.add(article);
    entry.units += units;
    keys.set(id, entry);
  };
  for (const { key: article, calls } of perArticle) {
    for (const call of calls) {
      for (const item of call.puts) {
        const pk = item[TABLE.partitionKey.name];
        if (typeof pk === 'string') add('table', pk, article, writeUnits(itemBytes(item)));
        for (const index of indexes) {
          const indexPk = item[index.partitionKey];
          if (typeof indexPk === 'string' && typeof item[index.sortKey] === 'string') add(`GSI ${index.indexName}`, indexPk, article, putCost(item, [index], TABLE_KEYS).indexUnits);
        }
      }
    }
  }
  const articles = Math.max(1, perArticle.length);
  const all = [...keys.values()].map((k) => ({ where: k.where, key: k.key, articleShare: k.articles.size / articles, writeUnitsPerArticle: k.units / articles }));
  // The hottest key of each place, then the next hottest overall.
  const byPlace = new Map<string, HotKey>();
  for (const key of all.sort((a, b) => b.writeUnitsPerArticle - a.writeUnitsPerArticle)) if (!byPlace.has(key.where)) byPlace.set(key.where, key);
  const top = [...byPlace.values()];
  for (const key of all) if (top.length < 8 && !top.includes(key)) top.push(key);
  return top.sort((a, b) => b.writeUnitsPerArticle - a.writeUnitsPerArticle);
}

export async function benchDynamoUnits(budget: Budget, quick: boolean, projections: Readonly<Record<string, Projection>>): Promise<UnitsResult> {
  const set = loadArticles();
  const articles = quick ? set.articles.filter((_, i) => i % 4 === 0) : set.articles;
  const indexes = indexShapes(projections);
  const { perArticle, failures, queries, records, cpu } = await ingestOneByOne(articles, budget, indexes);

  const units = perArticle.map(({ calls }) => calls.map((call) => callUnits(call, indexes)));
  const writeTotals = units.map((list) => list.reduce((total, u) => total + u.table + u.index, 0));
  const puts = perArticle.map(({ calls }) => calls.flatMap((call) => call.puts));
  const articleItems = perArticle.flatMap(({ key, calls }) => calls.flatMap((call) => call.puts).filter((item) => item[TABLE.partitionKey.name] === `A#${key}`));

  // Storage: the last version of every distinct item, with its GSI copies.
  const stored = new Map<string, number>();
  for (const item of puts.flat()) stored.set(`${String(item[TABLE.partitionKey.name])}|${String(item[TABLE.sortKey.name])}`, putCost(item, indexes, TABLE_KEYS).storedBytes);

  const calls: Record<string, number> = {};
  for (const { calls: list } of perArticle) for (const call of list) calls[call.operation] = (calls[call.operation] ?? 0) + 1 / Math.max(1, perArticle.length);

  const families = new Map<string, { items: number; bytes: number; units: number }>();
  for (const item of puts.flat()) {
    const family = familyOf(item[TABLE.partitionKey.name]);
    const cost = putCost(item, indexes, TABLE_KEYS);
    const entry = families.get(family) ?? { items: 0, bytes: 0, units: 0 };
    entry.items += 1;
    entry.bytes += cost.bytes;
    entry.units += cost.tableUnits + cost.indexUnits;
    families.set(family, entry);
  }
  const count = Math.max(1, perArticle.length);
  const agencyCounts = topCounts(records.map((r) => r.dateline?.agencyCode ?? r.dateline?.agency ?? null));
  const entityCounts = topCounts(records.flatMap((r) => (['person', 'organization', 'place'] as const).flatMap((type) => r.entities[type].map((e) => `${type}: ${e.name}`))));

  return {
    from: set.from,
    articles: perArticle.length,
    failures,
    writeUnits: spread(writeTotals),
    tableWriteUnits: mean(units.map((list) => list.reduce((total, u) => total + u.table, 0))),
    indexWriteUnits: mean(units.map((list) => list.reduce((total, u) => total + u.index, 0))),
    itemsWritten: spread(puts.map((list) => list.length)),
    articleItemBytes: spread(articleItems.map(itemBytes)),
    allItemBytes: spread(puts.map((list) => list.reduce((total, item) => total + itemBytes(item), 0))),
    ingestReadUnits: spread(units.map((list) => list.reduce((total, u) => total + u.read, 0))),
    storedBytesPerArticle: [...stored.values()].reduce((a, b) => a + b, 0) / count,
    callsPerArticle: calls,
    families: [...families].map(([family, f]) => ({ family, itemsPerArticle: f.items / count, meanItemBytes: f.bytes / f.items, writeUnitsPerArticle: f.units / count })).sort((a, b) => b.writeUnitsPerArticle - a.writeUnitsPerArticle),
    queries,
    hotKeys: hotKeys(perArticle, indexes),
    topAgencies: agencyCounts.slice(0, 5).map(([agency, n]) => ({ agency, share: n / Math.max(1, records.length) })),
    topEntities: entityCounts.slice(0, 5).map(([entity, n]) => ({ entity, share: n / Math.max(1, records.length) })),
    cpuPerArticle: cpu,
    estimateDifference: Math.max(0, ...articleItems.map((item) => Math.abs(itemSizeBytes(item) - itemBytes(item)) / Math.max(1, itemBytes(item)))),
    projections,
  };
}
