/**
 * The web page's routes, served by the api handler before its JSON routes:
 *   GET /                        the list, with filters (?agency=&lang=&since=&until=&undated=&cursor=)
 *   GET /article/{key}           one article, with its text read from its file
 *   GET /entity/{type}/{name}    the articles that mention an entity (?since=&until=&cursor=)
 *   GET /page/search?q=…         search results, and /page/stats: the archive in numbers (records-pages.ts)
 *   GET /assets/dateline.css|js  the stylesheet and the script; GET /favicon.svg the icon
 * Every page takes `?ui=ar|en` (remembered in a cookie) for its interface language (i18n.ts).
 * Every HTML answer carries a Content-Security-Policy that allows no inline script.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ObjectLinks, ObjectReader } from '../../shared/ports';
import { InvalidQueryError, parseArticleKey, parseEntityQuery, parseListQuery, type ArticleQueries } from '../../shared/queries';
import { RecordsQueryError } from '../../adapters/athena-engine';
import { downloadAnswer, readRecordText } from '../article-files';
import { renderArticlePage } from './article-page';
import { FAVICON, FAVICON_FALLBACK_PATH, FAVICON_PATH, SCRIPT, SCRIPT_PATH, STYLESHEET, STYLESHEET_PATH } from './assets';
import { renderEntityPage } from './entity-page';
import { html } from './html';
import { chooseUi, majorityUi, type UiLanguage } from './i18n';
import { layout, type Shell } from './layout';
import { renderListPage, type ListFilters } from './list-page';
import { AUTH_PREFIX, type WebSignIn } from './sign-in';
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

/** How many of the newest articles decide the archive's majority language, and for how long. */
const MAJORITY_SAMPLE = 50;
const MAJORITY_TTL_MS = 10 * 60 * 1000;

type Params = Readonly<Record<string, string | undefined>>;

export interface WebDependencies {
  readonly queries: ArticleQueries;
  /** Reads article files for the article page's text (absent: the page says the text is not available). */
  readonly objects?: ObjectReader | undefined;
  /** Short-lived S3 links for downloads too large to return (absent: such a download answers 413). */
  readonly links?: ObjectLinks | undefined;
  /** The sign-in guarding the pages (Cognito on AWS); absent locally, where pages need none. */
  readonly signIn?: WebSignIn | undefined;
  /** Search and stats over the records mirror (DuckDB locally, Athena on AWS); absent: those pages answer 503. */
  readonly records?: RecordsEngine | undefined;
}

export interface WebRequest {
  readonly path: string;
  readonly rawQueryString: string;
  readonly params: Params;
  /** `name=value` pairs, as API Gateway's `event.cookies` holds them. */
  readonly cookies: readonly string[];
  /** Whether the page was asked for over HTTPS (cookies are then `Secure`). */
  readonly secure: boolean;
}

/** The path is one of the web page's (everything else is the JSON API's). */
export function isWebPath(path: string): boolean {
  return (
    path === '/' ||
    path === '' ||
    path === STYLESHEET_PATH ||
    path === SCRIPT_PATH ||
    path === FAVICON_PATH ||
    path === FAVICON_FALLBACK_PATH ||
    path === SEARCH_PAGE ||
    path === STATS_PAGE ||
    path.startsWith(AUTH_PREFIX) ||
    path.startsWith(ARTICLE_PAGE) ||
    path.startsWith(ENTITY_PAGE)
  );
}

/**
 * The archive's majority language among its newest articles, asked once per MAJORITY_TTL_MS per
 * warm function (one Query), and only for readers who have not chosen a language.
 */
export function createArchiveLanguage(queries: ArticleQueries, now: () => number = Date.now): () => Promise<UiLanguage> {
  let cached: { value: UiLanguage; at: number } | null = null;
  return async () => {
    if (cached && now() - cached.at < MAJORITY_TTL_MS) return cached.value;
    const page = await queries.listArticles(parseListQuery({ limit: MAJORITY_SAMPLE }));
    cached = { value: majorityUi(page.articles.map((a) => a.language)), at: now() };
    return cached.value;
  };
}

/** Serves the web page's routes for one handler (its archive-language cache lives as long as it). */
export function createWebPages(deps: WebDependencies) {
  const archiveLanguage = createArchiveLanguage(deps.queries);
  /** The page for the request, or null when the path is not one of the web page's. */
  return async function serveWebPage(request: WebRequest): Promise<PageResult | null> {
    const { path } = request;
    if (path === STYLESHEET_PATH) return asset(STYLESHEET, 'text/css; charset=utf-8');
    if (path === SCRIPT_PATH) return asset(SCRIPT, 'text/javascript; charset=utf-8');
    if (path === FAVICON_PATH || path === FAVICON_FALLBACK_PATH) return asset(FAVICON, 'image/svg+xml');
    if (!isWebPath(path)) return null;
    // The stylesheet, script and icon above are public; the pages are behind the sign-in where there is one.
    if (deps.signIn) {
      const answer = (await deps.signIn.handleAuthPath(request)) ?? (await deps.signIn.requireSession(request));
      if (answer) return answer;
    } else if (path.startsWith(AUTH_PREFIX)) {
      return null;
    }
    const choice = await chooseUi(request, archiveLanguage);
    const shell: Shell = { ui: choice.ui, params: request.params, signedIn: Boolean(deps.signIn) };
    const page = await routePage(deps, shell, request);
    return choice.cookies.length > 0 ? { ...page, cookies: [...choice.cookies] } : page;
  };
}

function routePage(deps: WebDependencies, shell: Shell, { path, params }: WebRequest): Promise<PageResult> {
  if (path.startsWith(ARTICLE_PAGE)) return articlePage(deps, shell, path.slice(ARTICLE_PAGE.length), params.as);
  if (path.startsWith(ENTITY_PAGE)) return entityPage(deps.queries, shell, path.slice(ENTITY_PAGE.length), params);
  if (path === SEARCH_PAGE || path === STATS_PAGE) {
    if (!deps.records) return Promise.resolve(messagePage(shell, 503, shell.ui.t.records.unavailableTitle, shell.ui.t.records.unavailable));
    return path === SEARCH_PAGE ? searchPage(deps.records, shell, params) : statsPage(deps.records, shell, params);
  }
  return listPage(deps.queries, shell, params);
}

async function listPage(queries: ArticleQueries, shell: Shell, params: Params): Promise<PageResult> {
  // The page takes the list's filters and ignores anything else a browser may add.
  const filters: ListFilters = { agency: params.agency, lang: params.lang, since: params.since, until: params.until, undated: params.undated };
  try {
    const query = parseListQuery({ ...filters, cursor: params.cursor, limit: LIST_PAGE_SIZE });
    const page = await queries.listArticles(query);
    return htmlPage(200, renderListPage(shell, { filters, articles: page.articles, cursor: page.cursor, continued: Boolean(params.cursor) }));
  } catch (error) {
    if (!(error instanceof InvalidQueryError)) throw error;
    return htmlPage(400, renderListPage(shell, { filters, articles: [], cursor: null, error: error.message }));
  }
}

/**
 * One article: its page, or with `?as=original` its file as a download and with `?as=json` its
 * record. Those two are the JSON API's too (`/articles/{key}/original`, `/articles/{key}`), but on
 * AWS the API's routes are IAM-signed: a signed-in reader follows the page's links under the page's
 * own path, behind the same sign-in.
 */
async function articlePage({ queries, objects, links }: WebDependencies, shell: Shell, pathKey: string, as: string | undefined): Promise<PageResult> {
  const { t } = shell.ui;
  let key: string;
  try {
    key = parseArticleKey(pathKey);
  } catch (error) {
    if (error instanceof InvalidQueryError) return messagePage(shell, 400, t.errors.notAKey, error.message);
    throw error;
  }
  const record = await queries.getArticle(key);
  if (!record) return messagePage(shell, 404, t.errors.noSuchArticle, t.errors.noRecord(key));
  if (as === 'original') return downloadAnswer(objects, record, links);
  if (as === 'json') return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(record) };
  const [duplicates, text] = await Promise.all([queries.findDuplicates(key), readRecordText(objects, record)]);
  return htmlPage(200, renderArticlePage(shell, record, duplicates?.duplicates ?? [], text));
}

async function entityPage(queries: ArticleQueries, shell: Shell, rest: string, params: Params): Promise<PageResult> {
  const { t } = shell.ui;
  const slash = rest.indexOf('/');
  if (slash < 1) return messagePage(shell, 404, t.errors.noSuchPage, t.errors.entityPath);
  try {
    const query = parseEntityQuery({
      type: rest.slice(0, slash),
      name: rest.slice(slash + 1),
      since: params.since,
      until: params.until,
      cursor: params.cursor,
      limit: ENTITY_PAGE_SIZE,
    });
    return htmlPage(200, renderEntityPage(shell, await queries.findByEntity(query), { since: query.since, until: query.until }, Boolean(query.cursor)));
  } catch (error) {
    if (error instanceof InvalidQueryError) return messagePage(shell, 400, t.errors.cannotLookUp, error.message);
    throw error;
  }
}

function messagePage(shell: Shell, statusCode: number, title: string, message: string): PageResult {
  return htmlPage(statusCode, layout(shell, title, html`<h1>${title}</h1><p class="error" role="alert"><bdi>${message}</bdi></p><p><a href="/">${shell.ui.t.allArticles}</a></p>`));
}

async function searchPage(records: RecordsEngine, shell: Shell, params: Params): Promise<PageResult> {
  const filters: SearchFilters = { q: params.q, lang: params.lang, agency: params.agency, status: params.status, since: params.since, until: params.until };
  if (!filters.q) return htmlPage(200, renderSearchPage(shell, filters, null));
  try {
    return htmlPage(200, renderSearchPage(shell, filters, await searchRecords(records, parseSearchQuery({ ...filters, cursor: params.cursor, limit: SEARCH_PAGE_SIZE }))));
  } catch (error) {
    if (error instanceof RecordsQueryError) return htmlPage(503, renderSearchPage(shell, filters, null, error.message));
    if (!(error instanceof InvalidQueryError)) throw error;
    return htmlPage(400, renderSearchPage(shell, filters, null, error.message));
  }
}

async function statsPage(records: RecordsEngine, shell: Shell, params: Params): Promise<PageResult> {
  const filters = { since: params.since, until: params.until };
  try {
    return htmlPage(200, renderStatsPage(shell, filters, await recordStats(records, parseStatsQuery(filters))));
  } catch (error) {
    if (error instanceof RecordsQueryError) return htmlPage(503, renderStatsPage(shell, filters, null, error.message));
    if (!(error instanceof InvalidQueryError)) throw error;
    return htmlPage(400, renderStatsPage(shell, filters, null, error.message));
  }
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
