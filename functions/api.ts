/**
 * The read API and the web page (API Gateway HTTP API, payload 2.0), over the shared queries:
 *   GET /articles/{key}                     one record (the key URL-encoded; it may hold slashes)
 *   GET /articles?agency=&lang=&since=&until=&undated=&limit=&cursor=   summaries, newest first (undated apart)
 *   GET /articles/{key}/duplicates          the article's near-duplicates
 *   GET /entities/{type}/{name}/articles?since=&until=&limit=&cursor=   articles naming an entity
 *   GET /search?q=&lang=&agency=&status=&since=&until=&limit=&cursor=   records holding the words, best first
 *   GET /stats?lang=&agency=&status=&since=&until=   counts by status, language, agency, month; top entities
 *   GET /  /article/{key}  /entity/{type}/{name}  /page/search  /page/stats  /assets/…   the web page (functions/web/)
 * JSON answers 400 with a message for bad parameters and 404 for unknown keys and paths.
 * The same handler serves the local stack (local/http.ts) and Lambda; `handler` only wires it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '../shared/zod';
import { createDynamoClients } from '../adapters/clients';
import { createArticleQueries } from '../adapters/queries';
import { InvalidQueryError, parseArticleKey, parseEntityQuery, parseListQuery, type ArticleQueries } from '../shared/queries';
import type { RecordsEngine } from '../shared/ports';
import { recordStats, searchRecords } from '../shared/records-queries';
import { parseSearchQuery, parseStatsQuery } from '../shared/records-sql';
import { createAthenaEngine } from '../adapters/athena-engine';
import { AthenaClient } from '@aws-sdk/client-athena';
import { ConfigError } from './commons/config';
import { serveWebPage } from './web/pages';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; body: string };

export interface ApiLogger {
  error(message: string, details: Record<string, unknown>): void;
}

export interface ApiHandlerDependencies {
  readonly queries: ArticleQueries;
  /** The engine over the records mirror (search, stats); without one those routes answer 503. */
  readonly records?: RecordsEngine;
  /** @default JSON lines on stderr */
  readonly logger?: ApiLogger;
}

const ARTICLES = '/articles/';
const ENTITIES = '/entities/';
const DUPLICATES_SUFFIX = '/duplicates';
const ENTITY_ARTICLES_SUFFIX = '/articles';

const jsonLogger: ApiLogger = {
  error: (message, details) => console.error(JSON.stringify({ level: 'ERROR', service: 'api', message, ...details })),
};

export function createApiHandler({ queries, records, logger = jsonLogger }: ApiHandlerDependencies) {
  return async function handleApiRequest(event: APIGatewayProxyEventV2): Promise<ApiResult> {
    const method = event.requestContext.http.method.toUpperCase();
    if (method !== 'GET') return json(405, { message: `${method} is not supported: this API only reads` }, { allow: 'GET' });
    // Decoded, as API Gateway HTTP APIs deliver it (and the local server, local/http.ts): keys are read as they are.
    const path = event.rawPath || '/';
    const params = event.queryStringParameters ?? {};
    try {
      const page = await serveWebPage(queries, path, params, records);
      if (page) return page;
      if (path === '/search' || path === '/stats') {
        if (!records) return json(503, { message: 'search and stats need the records engine, which this deployment lacks' });
        if (path === '/search') return json(200, await searchRecords(records, parseSearchQuery(params)));
        return json(200, await recordStats(records, parseStatsQuery(params)));
      }
      if (path === '/articles' || path === ARTICLES) return await listArticles(queries, params);
      if (path.startsWith(ARTICLES)) {
        const rest = path.slice(ARTICLES.length);
        if (rest.endsWith(DUPLICATES_SUFFIX) && rest.length > DUPLICATES_SUFFIX.length) {
          return await findDuplicates(queries, rest.slice(0, -DUPLICATES_SUFFIX.length));
        }
        return await getArticle(queries, rest);
      }
      if (path.startsWith(ENTITIES)) return await findByEntity(queries, path.slice(ENTITIES.length), params);
      return json(404, { message: `no such resource: ${path}` });
    } catch (error) {
      if (error instanceof InvalidQueryError) return json(400, { message: error.message });
      logger.error('request failed', { path, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
      return json(500, { message: 'internal error' });
    }
  };
}

async function getArticle(queries: ArticleQueries, pathKey: string): Promise<ApiResult> {
  const key = parseArticleKey(pathKey);
  const record = await queries.getArticle(key);
  if (!record) return json(404, { message: `no record for key ${JSON.stringify(key)}` });
  return json(200, record);
}

async function findDuplicates(queries: ArticleQueries, pathKey: string): Promise<ApiResult> {
  const key = parseArticleKey(pathKey);
  const answer = await queries.findDuplicates(key);
  if (!answer) return json(404, { message: `no record for key ${JSON.stringify(key)}` });
  return json(200, { key, article: answer.article, duplicates: answer.duplicates });
}

async function listArticles(queries: ArticleQueries, params: Record<string, string | undefined>): Promise<ApiResult> {
  const page = await queries.listArticles(parseListQuery(params));
  return json(200, { articles: page.articles, cursor: page.cursor });
}

/** `{type}/{name}/articles`: the name may hold slashes of its own, so it is what lies between. */
async function findByEntity(queries: ArticleQueries, rest: string, params: Record<string, string | undefined>): Promise<ApiResult> {
  const slash = rest.indexOf('/');
  if (slash < 1 || !rest.endsWith(ENTITY_ARTICLES_SUFFIX) || rest.length - ENTITY_ARTICLES_SUFFIX.length <= slash) {
    return json(404, { message: `no such resource: ${ENTITIES}${rest} (expected ${ENTITIES}{type}/{name}/articles)` });
  }
  const where = { type: rest.slice(0, slash), name: rest.slice(slash + 1, -ENTITY_ARTICLES_SUFFIX.length) };
  const page = await queries.findByEntity(parseEntityQuery({ ...params, ...where }));
  return json(200, {
    entity: page.entity,
    articles: page.hits.map((hit) => ({ ...hit.article, entity: hit.entity })),
    cursor: page.cursor,
  });
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers },
    body: JSON.stringify(body),
  };
}

// ---------------------------------------------------------------------------------------------
// Lambda wiring: configuration read once, at the first invocation (cold start), then reused.

const ApiEnvironment = z.object({
  TABLE_NAME: z.string({ error: 'TABLE_NAME is required: the DynamoDB table records are read from' }).min(3, 'TABLE_NAME must be a table name'),
  /** The Athena workgroup and Glue database of the records mirror (search, stats); both or neither. */
  RECORDS_WORKGROUP: z.string().min(1).optional(),
  RECORDS_DATABASE: z.string().min(1).optional(),
});

export interface ApiConfig {
  readonly tableName: string;
  readonly records: { readonly workGroup: string; readonly database: string } | null;
}

export function readApiConfig(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const parsed = ApiEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`api configuration is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { cause: parsed.error });
  }
  const { TABLE_NAME, RECORDS_WORKGROUP, RECORDS_DATABASE } = parsed.data;
  if (!RECORDS_WORKGROUP !== !RECORDS_DATABASE) throw new ConfigError('api configuration is invalid: RECORDS_WORKGROUP and RECORDS_DATABASE go together');
  return { tableName: TABLE_NAME, records: RECORDS_WORKGROUP && RECORDS_DATABASE ? { workGroup: RECORDS_WORKGROUP, database: RECORDS_DATABASE } : null };
}

let wired: ReturnType<typeof createApiHandler> | null = null;

function wire(): ReturnType<typeof createApiHandler> {
  const { tableName, records } = readApiConfig(process.env);
  const { doc } = createDynamoClients();
  const engine = records ? createAthenaEngine({ athena: new AthenaClient({}), ...records }) : undefined;
  return createApiHandler({ queries: createArticleQueries({ doc, tableName }), ...(engine ? { records: engine } : {}) });
}

export const handler = (event: APIGatewayProxyEventV2): Promise<ApiResult> => {
  wired ??= wire();
  return wired(event);
};
