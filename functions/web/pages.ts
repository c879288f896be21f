/**
 * The web page's routes, served by the api handler before its JSON routes:
 *   GET /                        the list, with filters (?agency=&lang=&since=&until=&undated=&cursor=)
 *   GET /article/{key}           one article
 *   GET /entity/{type}/{name}    the articles that mention an entity (?since=&until=&cursor=)
 *   GET /page/search?q=…         search results, and /page/stats: the archive in numbers (records-pages.ts)
 *   GET /assets/dateline.css|js  the stylesheet and the script
 * Every HTML answer carries a Content-Security-Policy that allows no inline script.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InvalidQueryError, parseArticleKey, parseEntityQuery, parseListQuery, type ArticleQueries } from '../../shared/queries';
import { renderArticlePage } from './article-page';
import { SCRIPT, SCRIPT_PATH, STYLESHEET, STYLESHEET_PATH } from './assets';
import { renderEntityPage } from './entity-page';
import { html } from './html';
import { layout } from './layout';
import { renderListPage, type ListFilters } from './list-page';
import { renderSearchPage, renderStatsPage, SEARCH_PAGE, STATS_PAGE, type SearchFilters } from './records-pages';
import type { RecordsEngine } from '../../shared/ports';
import { recordStats, searchRecords } from '../../shared/records-queries';
import { parseSearchQuery, parseStatsQuery } from '../../shared/records-sql';

export type PageResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string>; body: string };

/** Scripts and styles from this origin only (no inline script, no eval), no plugins, no framing. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const LIST_PAGE_SIZE = 50;
const SEARCH_PAGE_SIZE = 50;
const ENTITY_PAGE_SIZE = 50;
const ARTICLE_PAGE = '/article/';
const ENTITY_PAGE = '/entity/';

type Params = Readonly<Record<string, string | undefined>>;

/** The page for `path`, or null when the path is not one of the web page's. */
export async function serveWebPage(queries: ArticleQueries, path: string, params: Params, records?: RecordsEngine): Promise<PageResult | null> {
  if (path === '/' || path === '') return listPage(queries, params);
  if (path === SEARCH_PAGE || path === STATS_PAGE) {
    if (!records) return messagePage(503, 'Not available', 'Search and stats need the records engine, which this deployment lacks.');
    return path === SEARCH_PAGE ? searchPage(records, params) : statsPage(records, params);
  }
  if (path === STYLESHEET_PATH) return asset(STYLESHEET, 'text/css; charset=utf-8');
  if (path === SCRIPT_PATH) return asset(SCRIPT, 'text/javascript; charset=utf-8');
  if (path.startsWith(ARTICLE_PAGE)) return articlePage(queries, path.slice(ARTICLE_PAGE.length));
  if (path.startsWith(ENTITY_PAGE)) return entityPage(queries, path.slice(ENTITY_PAGE.length), params);
  return null;
}

async function listPage(queries: ArticleQueries, params: Params): Promise<PageResult> {
  // The page takes the list's filters and ignores anything else a browser may add.
  const filters: ListFilters = { agency: params.agency, lang: params.lang, since: params.since, until: params.until, undated: params.undated };
  try {
    const query = parseListQuery({ ...filters, cursor: params.cursor, limit: LIST_PAGE_SIZE });
    const page = await queries.listArticles(query);
    return page200(renderListPage({ filters, articles: page.articles, cursor: page.cursor, continued: Boolean(params.cursor) }));
  } catch (error) {
    if (!(error instanceof InvalidQueryError)) throw error;
    return htmlPage(400, renderListPage({ filters, articles: [], cursor: null, error: error.message }));
  }
}

async function articlePage(queries: ArticleQueries, pathKey: string): Promise<PageResult> {
  let key: string;
  try {
    key = parseArticleKey(pathKey);
  } catch (error) {
    if (error instanceof InvalidQueryError) return messagePage(400, 'Not an article key', error.message);
    throw error;
  }
  const [record, duplicates] = await Promise.all([queries.getArticle(key), queries.findDuplicates(key)]);
  if (!record) return messagePage(404, 'No such article', `There is no record for the key “${key}”: not dropped yet, still being processed, or deleted.`);
  return page200(renderArticlePage(record, duplicates?.duplicates ?? []));
}

async function entityPage(queries: ArticleQueries, rest: string, params: Params): Promise<PageResult> {
  const slash = rest.indexOf('/');
  if (slash < 1) return messagePage(404, 'No such page', 'An entity page is /entity/{person|organization|place}/{name}.');
  try {
    const query = parseEntityQuery({
      type: rest.slice(0, slash),
      name: rest.slice(slash + 1),
      since: params.since,
      until: params.until,
      cursor: params.cursor,
      limit: ENTITY_PAGE_SIZE,
    });
    return page200(renderEntityPage(await queries.findByEntity(query), { since: query.since, until: query.until }, Boolean(query.cursor)));
  } catch (error) {
    if (error instanceof InvalidQueryError) return messagePage(400, 'Cannot look that up', error.message);
    throw error;
  }
}

async function searchPage(records: RecordsEngine, params: Params): Promise<PageResult> {
  const filters: SearchFilters = { q: params.q, lang: params.lang, agency: params.agency, status: params.status, since: params.since, until: params.until };
  if (!filters.q) return page200(renderSearchPage(filters, null));
  try {
    return page200(renderSearchPage(filters, await searchRecords(records, parseSearchQuery({ ...filters, cursor: params.cursor, limit: SEARCH_PAGE_SIZE }))));
  } catch (error) {
    if (!(error instanceof InvalidQueryError)) throw error;
    return htmlPage(400, renderSearchPage(filters, null, error.message));
  }
}

async function statsPage(records: RecordsEngine, params: Params): Promise<PageResult> {
  const filters = { since: params.since, until: params.until };
  try {
    return page200(renderStatsPage(filters, await recordStats(records, parseStatsQuery(filters))));
  } catch (error) {
    if (!(error instanceof InvalidQueryError)) throw error;
    return htmlPage(400, renderStatsPage(filters, null, error.message));
  }
}

function messagePage(statusCode: number, title: string, message: string): PageResult {
  return htmlPage(statusCode, layout(title, html`<h1>${title}</h1><p class="error" role="alert">${message}</p><p><a href="/">All articles</a></p>`));
}

function page200(body: string): PageResult {
  return htmlPage(200, body);
}

function htmlPage(statusCode: number, body: string): PageResult {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
    body,
  };
}

function asset(body: string, contentType: string): PageResult {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=300' },
    body,
  };
}
