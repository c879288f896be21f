/**
 * The read queries over DynamoDB: shared/queries.ts decides what to ask, this file asks it with the
 * DocumentClient. Only `GetItem`, `Query` and `BatchGetItem` (a batch of GetItems) are used.
 */
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from '../shared/zod';
import { entityKey, hitMatches } from '../shared/entity-items';
import { articleKey, itemToRecord } from '../shared/items';
import { projectionOf } from '../shared/projection';
import {
  buildIndexQuery,
  cursorStart,
  monthMarkerKey,
  parseListQuery,
  planEntity,
  planList,
  walkMonths,
  type ArticleQueries,
  type DuplicateLink,
  type EntityHit,
  type IndexQueryOutput,
  type ListPlan,
  type ListQuery,
  type RunIndexQuery,
  withKnownMonths,
} from '../shared/queries';
import { ENTITY_TYPES, type EntityType } from '../shared/record';
import { ArticleSummary, summarize, summarizeItem } from '../shared/summary';
import { TABLE } from '../shared/table';
import { batchGet } from './batch';
import { createDynamoStore } from './dynamo-store';
import { findNearDuplicates } from './near-duplicates';

export interface ArticleQueriesOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The clock lists start from when no `until` is given. */
  readonly now?: () => Date;
}

/** An entity index item as shared/entity-items.ts writes it. */
const EntityIndexItem = z.object({
  entity: z.object({ type: z.enum(ENTITY_TYPES), name: z.string(), mentions: z.number(), role: z.string().nullable(), via: z.array(z.string()).optional() }),
  article: ArticleSummary,
});

/** What `articleKey` puts before an object key in an article's partition key. */
const ARTICLE_PK_PREFIX = articleKey('').pk;

/** Month markers of one family: one per month with items, a few KB per thousand months. */
const MAX_MARKER_PAGES = 10;
/** Near-duplicates read back per article (the record's list is capped at ingest anyway). */
const MAX_DUPLICATES = 50;

export function createArticleQueries({ doc, tableName, now = () => new Date() }: ArticleQueriesOptions): ArticleQueries {
  const runIndexQuery: RunIndexQuery = async (input) => {
    const output = await doc.send(new QueryCommand(input));
    return {
      items: output.Items ?? [],
      lastEvaluatedKey: (output.LastEvaluatedKey as Record<string, string> | undefined) ?? null,
    };
  };

  /** The plan reading only the months its partitions have items in (their month markers). */
  async function withMarkers(plan: ListPlan): Promise<ListPlan> {
    const [[pkName, pk]] = Object.entries(monthMarkerKey(plan)) as [[string, string]];
    const months: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_MARKER_PAGES; page++) {
      const output = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': pkName, '#sk': TABLE.sortKey.name },
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: '#sk',
          ScanIndexForward: false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      months.push(...(output.Items ?? []).map((item) => String(item[TABLE.sortKey.name])));
      if (!output.LastEvaluatedKey) break;
      startKey = output.LastEvaluatedKey;
    }
    return withKnownMonths(plan, months);
  }

  /**
   * Walks the plan's months with its month markers read side by side with a guess at the first
   * Query (the month and position a cursor names, else the newest month of the range): when the
   * guess is right, as for every next page and for an archive that gets articles every month,
   * a page costs one round trip instead of two. A wrong guess costs one Query nobody reads.
   */
  async function walk(plan: ListPlan, limit: number, cursor: string | undefined) {
    const start = cursor ? cursorStart(cursor, plan) : { m: plan.lastMonth, startKey: undefined };
    const guess = buildIndexQuery(tableName, plan, start.m, limit + 1, start.startKey);
    let early: Promise<IndexQueryOutput> | null = runIndexQuery(guess);
    early.catch(() => undefined); // awaited below only if the walk asks for it
    // The undated partition has no month markers to read: a list of it alone reads just it.
    const known = plan.undated === 'only' ? plan : await withMarkers(plan);
    const wanted = JSON.stringify(guess);
    const run: RunIndexQuery = (input) => {
      if (early === null || JSON.stringify(input) !== wanted) return runIndexQuery(input);
      const answer = early;
      early = null;
      return answer;
    };
    return walkMonths(run, tableName, known, limit, cursor);
  }

  // GetItem (strongly consistent, tombstones read as null) is the store's own `get`.
  const store = createDynamoStore({ doc, tableName });

  /**
   * An article written before items carried a `summary` (a table from an older version) is listed
   * from its record, one GetItem each, until it is written again; `null` if it went meanwhile.
   */
  async function summaryOfStored(item: Record<string, unknown>): Promise<ArticleSummary | null> {
    const pk = String(item[TABLE.partitionKey.name]);
    const record = await store.get(pk.slice(ARTICLE_PK_PREFIX.length));
    return record ? summarize(record) : null;
  }
  /**
   * An entity index item is only as good as the article item it speaks for. It carries the
   * sequencer of the version that wrote it: a hit is kept only while the stored article is that
   * version (same sequencer, same sort key, not deleted). That drops items of a version that never
   * got stored (a write that died between its index items and its record, until its retry) and,
   * for the moment a race lasts, items an older write's batch overwrote (the writes put them back:
   * adapters/dynamo-store.ts). The page's articles are read in one BatchGetItem of a few small
   * attributes.
   */
  async function liveHits(items: readonly Record<string, unknown>[], searched: string, type: EntityType): Promise<EntityHit[]> {
    // A cross-script key finds candidates; in the searcher's own script the name must be one written (hitMatches).
    const hits = items
      .map((item) => ({ item, parsed: EntityIndexItem.parse(item) }))
      .filter(({ parsed }) => hitMatches(searched, parsed.entity.via, type))
      .map(({ item, parsed: { entity: { via: _, ...entity }, article } }) => ({ item, hit: { entity, article } }));
    const articles = await batchGetArticles([...new Set(hits.map(({ hit }) => hit.article.key))]);
    return hits.flatMap(({ item, hit }) => {
      const article = articles.get(hit.article.key);
      if (!article || article.deleted === true) return [];
      const sameVersion = (article.sequencer ?? null) === (item.sequencer ?? null) && article.dateSk === item[TABLE.sortKey.name];
      return sameVersion ? [hit] : [];
    });
  }

  /** Article items by object key (the attributes `liveHits` checks). */
  async function batchGetArticles(keys: readonly string[]): Promise<Map<string, Record<string, unknown>>> {
    const items = await batchGet(doc, tableName, keys.map((key) => ({ ...articleKey(key) })), {
      projection: '#pk, #seq, dateSk, deleted',
      names: { '#pk': TABLE.partitionKey.name, '#seq': 'sequencer' },
    });
    return new Map(items.map((article) => [String(article[TABLE.partitionKey.name]).slice(ARTICLE_PK_PREFIX.length), article]));
  }

  /** The record with its near-duplicates, found as it is read (adapters/near-duplicates.ts). */
  async function getArticle(key: string) {
    const record = await store.get(key);
    return record ? { ...record, duplicates: await findNearDuplicates(doc, tableName, record) } : null;
  }

  return {
    getArticle,

    async listArticles(query: ListQuery) {
      const valid = parseListQuery(query);
      const { items, cursor } = await walk(planList(valid, now()), valid.limit, valid.cursor);
      // GSIs hold article items only (tombstones carry no index attributes) and project their summary.
      const articles = await Promise.all(items.map((item) => summarizeItem(item) ?? summaryOfStored(item)));
      return { articles: articles.filter((a): a is ArticleSummary => a !== null), cursor };
    },

    async findByEntity(query) {
      const { items, cursor } = await walk(planEntity(query, now()), query.limit, query.cursor);
      const hits = await liveHits(items, query.name, query.type);
      return { entity: { type: query.type, name: query.name, key: entityKey(query.name, query.type) }, hits, cursor };
    },

    async findDuplicates(key) {
      const record = await getArticle(key);
      if (!record) return null;
      const listed = [...record.duplicates].sort((a, b) => a.distance - b.distance).slice(0, MAX_DUPLICATES);
      const summaries = await batchGet(doc, tableName, listed.map((d) => ({ ...articleKey(d.key) })), {
        projection: '#pk, #summary',
        names: { '#pk': TABLE.partitionKey.name, '#summary': 'summary' },
      });
      const byKey = new Map(summaries.map((item) => [String(item[TABLE.partitionKey.name]).slice(ARTICLE_PK_PREFIX.length), item]));
      const duplicates: DuplicateLink[] = await Promise.all(
        listed.map(async (d) => {
          const item = byKey.get(d.key);
          const article = item ? (summarizeItem(item) ?? (await summaryOfStored(item))) : null;
          return { key: d.key, id: d.id, distance: d.distance, article };
        }),
      );
      return { article: summarize(record), duplicates };
    },

    async writeState(key) {
      const { Item: item } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true }));
      const record = item ? itemToRecord(item) : null;
      if (!item || !record) return null;
      const expected = projectionOf(item);
      if (expected.length === 0) return { record, projected: true };
      const found = await batchGet(doc, tableName, expected.map((i) => ({ [TABLE.partitionKey.name]: i.pk, [TABLE.sortKey.name]: i.sk })), {
        projection: '#pk, #sk, #seq',
        names: { '#pk': TABLE.partitionKey.name, '#sk': TABLE.sortKey.name, '#seq': 'sequencer' },
        consistent: true,
      });
      const present = new Map(found.map((i) => [`${String(i[TABLE.partitionKey.name])}\u0000${String(i[TABLE.sortKey.name])}`, i.sequencer ?? null]));
      // Markers carry no sequencer; index items must be of this very version.
      const projected = expected.every((i) => {
        const id = `${i.pk}\u0000${i.sk}`;
        return present.has(id) && (i.sequencer === undefined || present.get(id) === i.sequencer);
      });
      return { record, projected };
    },
  };
}
