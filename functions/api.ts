/**
 * The read API and the web page (API Gateway HTTP API, payload 2.0), over the shared queries:
 *   GET /articles/{key}                     one record (the key URL-encoded; it may hold slashes)
 *   GET /articles?agency=&lang=&since=&until=&undated=&limit=&cursor=   summaries, newest first (undated apart)
 *   GET /articles/{key}/duplicates          the article's near-duplicates
 *   GET /articles/{key}/text                its text from the file in S3, paragraphs numbered (shared/article-text.ts)
 *   GET /articles/{key}/original            the file itself, as a download (over 4 MB: a redirect to a short-lived S3 link)
 *   GET /entities/{type}/{name}/articles?since=&until=&limit=&cursor=   articles naming an entity
 *   GET /search?q=&lang=&agency=&status=&since=&until=&limit=&cursor=   records holding the words, best first
 *   GET /stats?lang=&agency=&status=&since=&until=   counts by status, language, agency, month; top entities
 *   GET /  /article/{key}  /entity/{type}/{name}  /page/search  /page/stats  /assets/…   the web page (functions/web/)
 * JSON answers 400 with a message for bad parameters and 404 for unknown keys and paths.
 * The same handler serves the local stack (local/http.ts) and Lambda; `handler` only wires it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from '../shared/zod';
import { createDynamoClients, createS3Client } from '../adapters/clients';
import { createArticleQueries } from '../adapters/queries';
import { createS3ObjectReader } from '../adapters/s3-objects';
import { createS3ObjectLinks } from '../adapters/s3-links';
import type { ObjectLinks, ObjectReader, RecordsEngine } from '../shared/ports';
import { InvalidQueryError, parseArticleKey, parseEntityQuery, parseListQuery, type ArticleQueries } from '../shared/queries';
import { downloadAnswer, GONE_MESSAGE, readRecordText } from './article-files';
import { recordStats, searchRecords } from '../shared/records-queries';
import { parseSearchQuery, parseStatsQuery } from '../shared/records-sql';
import { createAthenaEngine, RecordsQueryError } from '../adapters/athena-engine';
import { AthenaClient } from '@aws-sdk/client-athena';
import { ConfigError } from './commons/config';
import { createWebPages } from './web/pages';
import { createCognitoSignIn, type CognitoSignInConfig, type WebSignIn } from './web/sign-in';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; body: string };

export interface ApiLogger {
  error(message: string, details: Record<string, unknown>): void;
}

export interface ApiHandlerDependencies {
  readonly queries: ArticleQueries;
  /**
   * Reads the article files (read-only) for their text and downloads.
   * @default none: the text and download routes answer 503, the article page shows no text
   */
  readonly objects?: ObjectReader;
  /**
   * Links to files too large for a function's response (presigned S3 URLs).
   * @default none: such downloads answer 413
   */
  readonly links?: ObjectLinks;
  /**
   * The sign-in guarding the web pages (Cognito on AWS; the JSON routes are IAM-authorised by API Gateway).
   * @default none: pages are served to anyone who reaches them (the local stack, on 127.0.0.1)
   */
  readonly signIn?: WebSignIn;
  /** The engine over the records mirror (search, stats); without one those routes answer 503. */
  readonly records?: RecordsEngine;
  /** @default JSON lines on stderr */
  readonly logger?: ApiLogger;
}

const ARTICLES = '/articles/';
const ENTITIES = '/entities/';
const DUPLICATES_SUFFIX = '/duplicates';
const TEXT_SUFFIX = '/text';
const ORIGINAL_SUFFIX = '/original';
const ENTITY_ARTICLES_SUFFIX = '/articles';

const jsonLogger: ApiLogger = {
  error: (message, details) => console.error(JSON.stringify({ level: 'ERROR', service: 'api', message, ...details })),
};

export function createApiHandler({ queries, objects, links, signIn, records, logger = jsonLogger }: ApiHandlerDependencies) {
  const serveWebPage = createWebPages({ queries, objects, links, signIn, records });
  return async function handleApiRequest(event: APIGatewayProxyEventV2): Promise<ApiResult> {
    const method = event.requestContext.http.method.toUpperCase();
    if (method !== 'GET') return json(405, { message: `${method} is not supported: this API only reads` }, { allow: 'GET' });
    // Decoded, as API Gateway HTTP APIs deliver it (and the local server, local/http.ts): keys are read as they are.
    const path = event.rawPath || '/';
    const params = event.queryStringParameters ?? {};
    try {
      const secure = event.headers?.['x-forwarded-proto'] === 'https';
      const page = await serveWebPage({ path, rawQueryString: event.rawQueryString ?? '', params, cookies: event.cookies ?? [], secure });
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
        if (rest.endsWith(TEXT_SUFFIX) && rest.length > TEXT_SUFFIX.length) return await getText(queries, objects, rest.slice(0, -TEXT_SUFFIX.length));
        if (rest.endsWith(ORIGINAL_SUFFIX) && rest.length > ORIGINAL_SUFFIX.length) return await getOriginal(queries, objects, links, rest.slice(0, -ORIGINAL_SUFFIX.length));
        return await getArticle(queries, rest);
      }
      if (path.startsWith(ENTITIES)) return await findByEntity(queries, path.slice(ENTITIES.length), params);
      return json(404, { message: `no such resource: ${path}` });
    } catch (error) {
      if (error instanceof InvalidQueryError) return json(400, { message: error.message });
      if (error instanceof RecordsQueryError) {
        logger.error('records query failed', { path, error: { name: error.name, message: error.message } });
        return json(503, { message: `search and stats could not answer now: ${error.message}` });
      }
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

async function getText(queries: ArticleQueries, objects: ObjectReader | undefined, pathKey: string): Promise<ApiResult> {
  const key = parseArticleKey(pathKey);
  const record = await queries.getArticle(key);
  if (!record) return json(404, { message: `no record for key ${JSON.stringify(key)}` });
  const answer = await readRecordText(objects, record);
  if (answer.kind === 'unavailable') return json(503, { message: 'this server reads no article files' });
  if (answer.kind === 'gone') return json(409, { message: GONE_MESSAGE });
  const text = answer.text ?? { dateline: null, blocks: [], paragraphs: 0 };
  return json(200, { key, versionId: answer.versionId, ...text });
}

async function getOriginal(queries: ArticleQueries, objects: ObjectReader | undefined, links: ObjectLinks | undefined, pathKey: string): Promise<ApiResult> {
  const key = parseArticleKey(pathKey);
  const record = await queries.getArticle(key);
  if (!record) return json(404, { message: `no record for key ${JSON.stringify(key)}` });
  return downloadAnswer(objects, record, links);
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

const SIGN_IN_VARIABLES = ['COGNITO_USER_POOL_ID', 'COGNITO_CLIENT_ID', 'COGNITO_DOMAIN', 'WEB_BASE_URL'] as const;

const ApiEnvironment = z
  .object({
    TABLE_NAME: z.string({ error: 'TABLE_NAME is required: the DynamoDB table records are read from' }).min(3, 'TABLE_NAME must be a table name'),
    COGNITO_USER_POOL_ID: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d_\w+$/, 'COGNITO_USER_POOL_ID must be a user pool id (us-east-1_AbC123)').optional(),
    COGNITO_CLIENT_ID: z.string().min(1).optional(),
    COGNITO_DOMAIN: z.string().regex(/^https:\/\/[^/]+$/, 'COGNITO_DOMAIN must be the https URL of the user pool domain').optional(),
    WEB_BASE_URL: z.string().regex(/^https:\/\/[^/]+\/?$/, 'WEB_BASE_URL must be the https URL the web page is served under').optional(),
    /** The Athena workgroup and Glue database of the records mirror (search, stats); both or neither. */
    RECORDS_WORKGROUP: z.string().min(1).optional(),
    RECORDS_DATABASE: z.string().min(1).optional(),
  })
  .refine((e) => SIGN_IN_VARIABLES.every((name) => e[name] === undefined) || SIGN_IN_VARIABLES.every((name) => e[name] !== undefined), {
    message: `${SIGN_IN_VARIABLES.join(', ')} go together: all of them (the web page behind a Cognito sign-in) or none`,
  })
  .refine((e) => !e.RECORDS_WORKGROUP === !e.RECORDS_DATABASE, { message: 'RECORDS_WORKGROUP and RECORDS_DATABASE go together' });

export interface ApiConfig {
  readonly tableName: string;
  /** The web page's sign-in, when configured (on AWS always: infra/dateline-stack.ts sets it). */
  readonly signIn: Omit<CognitoSignInConfig, 'fetch' | 'now' | 'issuer'> | null;
  readonly records: { readonly workGroup: string; readonly database: string } | null;
}

export function readApiConfig(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const parsed = ApiEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`api configuration is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { cause: parsed.error });
  }
  const e = parsed.data;
  const signIn =
    e.COGNITO_USER_POOL_ID && e.COGNITO_CLIENT_ID && e.COGNITO_DOMAIN && e.WEB_BASE_URL
      ? { userPoolId: e.COGNITO_USER_POOL_ID, clientId: e.COGNITO_CLIENT_ID, domain: e.COGNITO_DOMAIN, baseUrl: e.WEB_BASE_URL }
      : null;
  const records = e.RECORDS_WORKGROUP && e.RECORDS_DATABASE ? { workGroup: e.RECORDS_WORKGROUP, database: e.RECORDS_DATABASE } : null;
  return { tableName: e.TABLE_NAME, signIn, records };
}

let wired: ReturnType<typeof createApiHandler> | null = null;

function wire(): ReturnType<typeof createApiHandler> {
  const { tableName, signIn, records } = readApiConfig(process.env);
  const { doc } = createDynamoClients();
  const s3 = createS3Client();
  return createApiHandler({
    queries: createArticleQueries({ doc, tableName }),
    objects: createS3ObjectReader(s3),
    links: createS3ObjectLinks(s3),
    ...(signIn ? { signIn: createCognitoSignIn(signIn) } : {}),
    ...(records ? { records: createAthenaEngine({ athena: new AthenaClient({}), ...records }) } : {}),
  });
}

export const handler = (event: APIGatewayProxyEventV2): Promise<ApiResult> => {
  wired ??= wire();
  return wired(event);
};
