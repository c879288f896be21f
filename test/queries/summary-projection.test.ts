/**
 * The GSIs project only the keys and the article's `summary` (shared/table.ts), against dynalite:
 * an article item carries the same summary its entity index items carry, a GSI item holds nothing
 * else, lists answer from it, an article written before items had a summary is still listed (read
 * whole), and `ensureTable` warns about a table whose GSIs were made by an older version.
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectedStore, type ProjectedStore } from '../helpers/projection';
import { createArticleQueries } from '../../adapters/queries';
import { createTableInput, ensureTable } from '../../adapters/table-setup';
import { articleKey, datePartition, monthOf, recordToItem, sortDateOf } from '../../shared/items';
import { parseEntityQuery, parseListQuery, type ArticleQueries } from '../../shared/queries';
import type { ArticleRecord } from '../../shared/record';
import { summarize } from '../../shared/summary';
import { indexNamed, SUMMARY_ATTRIBUTE, TABLE, type TableDefinition } from '../../shared/table';
import type { ArticleStore } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from '../ingest/records';

let servers: TestServers;
let store: ArticleStore;
let projected: ProjectedStore;
let queries: ArticleQueries;

const record = (key: string, published: string, title: string): ArticleRecord =>
  sampleRecord({
    key,
    title,
    published: { value: published, source: 'text' },
    entities: { person: [{ name: 'ليلى حداد', normalized: 'ليلى حداد', aliases: [], mentions: 2 }], organization: [], place: [] },
  });

beforeAll(async () => {
  servers = await startServers({ tableName: 'summary-projection' });
  projected = await projectedStore(servers.doc, servers.tableName);
  // Each put waits for its projection (entity items, month markers), as `dateline drop` does.
  store = { ...projected.store, put: async (r) => { const outcome = await projected.store.put(r); await projected.settle(); return outcome; } };
  queries = createArticleQueries({ doc: servers.doc, tableName: servers.tableName, now: () => new Date('2016-01-01T00:00:00Z') });
});
afterAll(async () => {
  await projected?.stop();
  await servers?.stop();
});

describe('the summary the GSIs project', () => {
  it('is written on the article item, the same summary its entity index items carry', async () => {
    const article = record('wires/2015/summary-one.txt', '2015-06-14', 'الأمطار تعود إلى حمص بعد صيف جاف');
    await store.put(article);
    const { Item } = await servers.doc.send(new GetCommand({ TableName: servers.tableName, Key: articleKey(article.source.key) }));
    expect(Item?.[SUMMARY_ATTRIBUTE]).toEqual(summarize(article));
    const hit = (await queries.findByEntity(parseEntityQuery({ type: 'person', name: 'ليلى حداد' }))).hits.find((h) => h.article.key === article.source.key);
    expect(hit?.article).toEqual(Item?.[SUMMARY_ATTRIBUTE]);
    // The record read back is the record written: the summary is a table attribute, not a field.
    expect(await store.get(article.source.key)).toEqual(article);
  });

  it('is all a GSI item holds besides the keys, and what a list answers with', async () => {
    const article = record('wires/2015/summary-two.txt', '2015-07-02', 'افتتاح جسر جديد فوق نهر العاصي');
    await store.put(article);
    const byDate = indexNamed('byDate');
    const month = monthOf(sortDateOf(article));
    const { Items = [] } = await servers.doc.send(
      new QueryCommand({
        TableName: servers.tableName,
        IndexName: byDate.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': byDate.partitionKey.name },
        ExpressionAttributeValues: { ':pk': datePartition(month) },
      }),
    );
    const item = Items.find((i) => i[TABLE.partitionKey.name] === articleKey(article.source.key).pk);
    expect(Object.keys(item ?? {}).sort()).toEqual(
      [TABLE.partitionKey.name, TABLE.sortKey.name, byDate.partitionKey.name, byDate.sortKey.name, SUMMARY_ATTRIBUTE].sort(),
    );

    const listed = await queries.listArticles(parseListQuery({ since: '2015-07-01', until: '2015-07-31' }));
    expect(listed.articles).toEqual([summarize(article)]);
  });

  it('is read from the record for an article written before items carried one', async () => {
    const article = record('wires/2015/summary-legacy.txt', '2015-08-20', 'موسم قطاف الزيتون يبدأ مبكرا');
    const { [SUMMARY_ATTRIBUTE]: _dropped, ...legacy } = recordToItem(article);
    await servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: legacy }));
    // The month marker a list reads first: the projector writes it beside every article.
    await store.put(record('wires/2015/summary-same-month.txt', '2015-08-21', 'معرض للكتاب في اللاذقية'));

    const listed = await queries.listArticles(parseListQuery({ since: '2015-08-01', until: '2015-08-31' }));
    expect(listed.articles.map((a) => a.key)).toEqual(['wires/2015/summary-same-month.txt', article.source.key]);
    expect(listed.articles[1]).toEqual(summarize(article));
  });
});

describe('ensureTable on a table made by an older version', () => {
  it('warns once, naming each GSI whose projection differs and what to do', async () => {
    const older: TableDefinition = { ...TABLE, globalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((i) => ({ ...i, projection: { type: 'ALL' } })) };
    await servers.dynamo.send(new CreateTableCommand(createTableInput(older, 'made-with-all')));
    const warnings: string[] = [];
    expect(await ensureTable(servers.dynamo, 'made-with-all', { warn: (m) => warnings.push(m) })).toBe('existed');
    expect(warnings).toHaveLength(1);
    for (const index of TABLE.globalSecondaryIndexes) expect(warnings[0]).toContain(`${index.indexName} projects ALL, not INCLUDE ${SUMMARY_ATTRIBUTE}`);
    expect(warnings[0]).toMatch(/delete its data folder/);
  });

  it('says nothing about a table made from the current definition', async () => {
    const warnings: string[] = [];
    expect(await ensureTable(servers.dynamo, servers.tableName, { warn: (m) => warnings.push(m) })).toBe('existed');
    expect(warnings).toEqual([]);
  });
});
