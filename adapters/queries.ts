/**
 * The read queries over DynamoDB: shared/queries.ts decides what to ask, this file asks it with the
 * DocumentClient. Only `GetItem` and `Query` are used.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemToRecord } from '../shared/items';
import { parseListQuery, planList, walkMonths, type ArticleQueries, type ListQuery, type RunIndexQuery } from '../shared/queries';
import { createDynamoStore } from './dynamo-store';

export interface ArticleQueriesOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The clock lists start from when no `until` is given. */
  readonly now?: () => Date;
}

export function createArticleQueries({ doc, tableName, now = () => new Date() }: ArticleQueriesOptions): ArticleQueries {
  const runIndexQuery: RunIndexQuery = async (input) => {
    const output = await doc.send(new QueryCommand(input));
    return {
      items: output.Items ?? [],
      lastEvaluatedKey: (output.LastEvaluatedKey as Record<string, string> | undefined) ?? null,
    };
  };

  // GetItem (strongly consistent, tombstones read as null) is the store's own `get`.
  const store = createDynamoStore({ doc, tableName });
  return {
    getArticle: (key) => store.get(key),

    async listArticles(query: ListQuery) {
      const valid = parseListQuery(query);
      const plan = planList(valid, now());
      const { items, cursor } = await walkMonths(runIndexQuery, tableName, plan, valid.limit, valid.cursor);
      // GSIs hold article items only (tombstones carry no index attributes), so every item is a record.
      const articles = items.map((item) => itemToRecord(item)).filter((record) => record !== null);
      return { articles, cursor };
    },
  };
}
