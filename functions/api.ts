/**
 * The read API (API Gateway HTTP API, payload 2.0), over the shared queries:
 *   GET /articles/{key}   one record (the key URL-encoded; it may hold slashes)
 *   GET /articles?agency=&lang=&since=&until=&limit=&cursor=   summaries, newest first
 *   GET /                 a minimal HTML list of the newest articles
 * The same handler serves the local stack (local/http.ts) and Lambda; `handler` only wires it.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { createDynamoClients } from '../adapters/clients';
import { createArticleQueries } from '../adapters/queries';
import { InvalidQueryError, parseListQuery, summarize, type ArticleQueries, type ArticleSummary } from '../shared/queries';
import { ConfigError } from './commons/config';

export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; body: string };

export interface ApiLogger {
  error(message: string, details: Record<string, unknown>): void;
}

export interface ApiHandlerDependencies {
  readonly queries: ArticleQueries;
  /** @default JSON lines on stderr */
  readonly logger?: ApiLogger;
}

const ARTICLES = '/articles';
/** S3 keys are at most 1,024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;
/** How many articles the HTML page lists. */
const PAGE_ARTICLES = 50;

const jsonLogger: ApiLogger = {
  error: (message, details) => console.error(JSON.stringify({ level: 'ERROR', service: 'api', message, ...details })),
};

export function createApiHandler({ queries, logger = jsonLogger }: ApiHandlerDependencies) {
  return async function handleApiRequest(event: APIGatewayProxyEventV2): Promise<ApiResult> {
    const method = event.requestContext.http.method.toUpperCase();
    if (method !== 'GET') return json(405, { message: `${method} is not supported: this API only reads` }, { allow: 'GET' });
    const path = event.rawPath;
    try {
      if (path === '/' || path === '') return await homePage(queries, event);
      if (path === ARTICLES || path === `${ARTICLES}/`) return await listArticles(queries, event);
      if (path.startsWith(`${ARTICLES}/`)) return await getArticle(queries, path.slice(ARTICLES.length + 1));
      return json(404, { message: `no such resource: ${path}` });
    } catch (error) {
      if (error instanceof InvalidQueryError) return json(400, { message: error.message });
      logger.error('request failed', { path, error: error instanceof Error ? { name: error.name, message: error.message } : String(error) });
      return json(500, { message: 'internal error' });
    }
  };
}

async function getArticle(queries: ArticleQueries, encodedKey: string): Promise<ApiResult> {
  const key = decodeKey(encodedKey);
  if (!key) return json(400, { message: 'key: give the object key after /articles/' });
  if (new TextEncoder().encode(key).length > MAX_KEY_BYTES) return json(400, { message: `key: longer than ${MAX_KEY_BYTES} bytes, so not an S3 key` });
  const record = await queries.getArticle(key);
  if (!record) return json(404, { message: `no record for key ${JSON.stringify(key)}` });
  return json(200, record);
}

/**
 * The local server passes the path as the client sent it (percent-encoded); API Gateway HTTP APIs
 * pass it decoded. Decoding once, and keeping a path that does not decode as it came, reads both.
 */
function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

async function listArticles(queries: ArticleQueries, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const query = parseListQuery(event.queryStringParameters ?? {});
  const page = await queries.listArticles(query);
  return json(200, { articles: page.articles.map(summarize), cursor: page.cursor });
}

/** The page takes the list's filters and ignores anything else a browser may add. */
const HomeQuery = z.object({ lang: z.string().optional(), agency: z.string().optional() });

async function homePage(queries: ArticleQueries, event: APIGatewayProxyEventV2): Promise<ApiResult> {
  const filters = HomeQuery.parse(event.queryStringParameters ?? {});
  const page = await queries.listArticles(parseListQuery({ ...filters, limit: PAGE_ARTICLES }));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      // Article text is shown, never run: no script at all, no plugins, no framing.
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: renderHome(page.articles.map(summarize)),
  };
}

function renderHome(articles: readonly ArticleSummary[]): string {
  const rows = articles
    .map((a) => {
      const href = `${ARTICLES}/${encodeURIComponent(a.key)}`;
      const dir = a.language === 'ar' || a.language === 'fa' || a.language === 'ur' ? 'rtl' : 'auto';
      return (
        `<tr><td>${escapeHtml((a.published ?? a.uploadedAt ?? '').slice(0, 10))}</td><td>${escapeHtml(a.language)}</td>` +
        `<td>${escapeHtml(a.agency ?? '')}</td><td>${escapeHtml(a.status)}</td>` +
        `<td><a href="${escapeHtml(href)}">${escapeHtml(a.key)}</a></td><td dir="${dir}">${escapeHtml(a.title ?? '')}</td></tr>`
      );
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dateline</title>
<style>body{font-family:sans-serif;margin:2rem}td,th{padding:.2rem .6rem;text-align:start;border-bottom:1px solid #ddd}</style>
</head><body><h1>Dateline</h1>
<p>The newest ${articles.length} article record(s). Each key links to its record as JSON.</p>
<table><thead><tr><th>Date</th><th>Lang</th><th>Agency</th><th>Status</th><th>Key</th><th>Title</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
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
});

export function readApiConfig(env: Readonly<Record<string, string | undefined>>): { tableName: string } {
  const parsed = ApiEnvironment.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`api configuration is invalid: ${parsed.error.issues.map((i) => i.message).join('; ')}`, { cause: parsed.error });
  }
  return { tableName: parsed.data.TABLE_NAME };
}

let wired: ReturnType<typeof createApiHandler> | null = null;

function wire(): ReturnType<typeof createApiHandler> {
  const { tableName } = readApiConfig(process.env);
  const { doc } = createDynamoClients();
  return createApiHandler({ queries: createArticleQueries({ doc, tableName }) });
}

export const handler = (event: APIGatewayProxyEventV2): Promise<ApiResult> => {
  wired ??= wire();
  return wired(event);
};
