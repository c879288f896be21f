/**
 * Search, stats and export as SQL over the records mirror (shared/mirror.ts). One text serves both
 * engines: DuckDB locally and Athena on AWS read the same two tables — `records` (dated rows,
 * partitioned by `month`) and `records_undated` — with the same functions (`strpos`, `UNNEST`,
 * `row_number()`), and values go in as `?` parameters. Only whole numbers the code made itself
 * (limits, offsets) are written into the text.
 *
 * Words match on the mirror's term strings (` a b c `, shared/search-text.ts): a word matches when
 * any of its forms is a term of the title, lead, entities and keywords (`head_terms`) or of the
 * text (`body_terms`); every word must match; a word in the head counts 3, in the body 1. Pure.
 */
import * as z from './zod';
import { lookupAgency } from './extract/agencies';
import { toInstant } from './items';
import { MIRROR_COLUMNS } from './mirror';
import { parseWith } from './queries';
import { queryWords } from './search-text';
import { RECORD_STATUSES } from './record-status';

export type SqlValue = string | number;
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
/** How many people, organisations and places stats lists, most mentioned first. */
export const TOP_ENTITIES = 10;

const DateBound = z
  .string()
  .trim()
  .refine((v) => toInstant(v) !== null, { message: 'expected a date like 2015, 2015-09, 2015-09-01 or 2015-09-01T12:00:00Z' });

/** The filters search, stats and export share; any of them combine. */
export const RecordsFilter = z.object({
  status: z.enum(RECORD_STATUSES, { error: 'expected ok, rejected or error' }).optional(),
  lang: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}$/, 'expected a language code such as ar or en')
    .optional(),
  agency: z.string().trim().min(1).max(100).optional(),
  since: DateBound.optional(),
  until: DateBound.optional(),
});
export type RecordsFilter = z.infer<typeof RecordsFilter>;

export const SearchQuery = RecordsFilter.extend({
  q: z.string().trim().min(1, 'give the words to look for').max(500),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(DEFAULT_SEARCH_LIMIT),
  cursor: z.string().regex(/^\d{1,7}$/, 'expected the cursor a page gave').optional(),
})
  .strict()
  .refine((q) => queryWords(q.q).length > 0, { message: 'needs a word with a letter or digit', path: ['q'] });
export type SearchQuery = z.infer<typeof SearchQuery>;

export const StatsQuery = RecordsFilter.strict();
export type StatsQuery = z.infer<typeof StatsQuery>;

export const ExportQuery = RecordsFilter.strict();
export type ExportQuery = z.infer<typeof ExportQuery>;

export const parseSearchQuery = (raw: Record<string, unknown>): SearchQuery => parseWith(SearchQuery, raw);
export const parseStatsQuery = (raw: Record<string, unknown>): StatsQuery => parseWith(StatsQuery, raw);
export const parseExportQuery = (raw: Record<string, unknown>): ExportQuery => parseWith(ExportQuery, raw);

const COLUMNS = MIRROR_COLUMNS.map((c) => c.name).join(', ');

/** The instant bounds of a date filter: `since` its first instant, `until` everything it takes in. */
function bounds(filter: RecordsFilter): { lowest: string | null; highest: string | null } {
  const lowest = filter.since ? toInstant(filter.since) : null;
  // `2015-09` takes in the whole month: `~` sorts after every instant that starts with it.
  const highest = filter.until ? (/^\d{4}(-\d{2}){0,2}$/.test(filter.until) ? `${filter.until}~` : toInstant(filter.until)) : null;
  return { lowest, highest };
}

/**
 * `r`: the rows a query reads. Undated rows only when no date bound is given (a date range never
 * returns them, as lists); the month bounds let Athena read only the partitions in range.
 */
function source(filter: RecordsFilter, params: SqlValue[]): string {
  const { lowest, highest } = bounds(filter);
  const dated = [`SELECT ${COLUMNS}, month FROM records`];
  const where: string[] = [];
  if (lowest) {
    where.push('month >= ?');
    params.push(lowest.slice(0, 7));
  }
  if (highest) {
    where.push('month <= ?');
    params.push(highest.slice(0, 7));
  }
  if (where.length) dated.push(`WHERE ${where.join(' AND ')}`);
  if (lowest || highest) return `WITH r AS (${dated.join(' ')})`;
  return `WITH r AS (${dated.join(' ')} UNION ALL SELECT ${COLUMNS}, 'undated' AS month FROM records_undated)`;
}

/** The WHERE conditions of the filters (after `source`, whose params come first). */
function conditions(filter: RecordsFilter, params: SqlValue[]): string[] {
  const out: string[] = [];
  const { lowest, highest } = bounds(filter);
  if (filter.status) {
    out.push('status = ?');
    params.push(filter.status);
  }
  if (filter.lang) {
    out.push('language = ?');
    params.push(filter.lang);
  }
  if (filter.agency) {
    // An agency may be named as the archive files it (SANA) or as a dateline writes it (سانا).
    out.push('agency = ?');
    params.push((lookupAgency(filter.agency)?.code ?? filter.agency).toUpperCase());
  }
  if (lowest) {
    out.push('sort_date >= ?');
    params.push(lowest);
  }
  if (highest) {
    out.push('sort_date <= ?');
    params.push(highest);
  }
  return out;
}

/** A condition true when any form of a word is a term of `column`. */
function wordIn(column: string, forms: readonly string[], params: SqlValue[]): string {
  params.push(...forms.map((f) => ` ${f} `));
  return `(${forms.map(() => `strpos(${column}, ?) > 0`).join(' OR ')})`;
}

/** A page of search hits, best first: `key`, `summary` (JSON text) and `score`; one more than `limit` to tell whether more follow. */
export function searchSql(query: SearchQuery): SqlQuery {
  const params: SqlValue[] = [];
  const head = source(query, params);
  const words = queryWords(query.q);
  const score = words.map((forms) => `(CASE WHEN ${wordIn('head_terms', forms, params)} THEN 3 ELSE 0 END + CASE WHEN ${wordIn('body_terms', forms, params)} THEN 1 ELSE 0 END)`).join(' + ');
  const where = conditions(query, params);
  for (const forms of words) where.push(`(${wordIn('head_terms', forms, params)} OR ${wordIn('body_terms', forms, params)})`);
  const offset = Number(query.cursor ?? 0);
  const sql = `${head} SELECT key, summary, ${score} AS score FROM r WHERE ${where.join(' AND ')} ORDER BY score DESC, sort_date DESC, key OFFSET ${offset} LIMIT ${query.limit + 1}`;
  return { sql, params };
}

/** Counts by status, language, agency and month, and the top people, organisations and places: rows of `dimension`, `value`, `n`. */
export function statsSql(query: StatsQuery): SqlQuery {
  const params: SqlValue[] = [];
  const head = source(query, params);
  const where = conditions(query, params);
  const filtered = `f AS (SELECT * FROM r${where.length ? ` WHERE ${where.join(' AND ')}` : ''})`;
  const grouped = (dimension: string, column: string) => `SELECT '${dimension}' AS dimension, ${column} AS value, count(*) AS n FROM f GROUP BY ${column}`;
  const unnested = (dimension: string, column: string) => `SELECT '${dimension}' AS dimension, t.name AS value, count(*) AS n FROM f CROSS JOIN UNNEST(f.${column}) AS t(name) GROUP BY t.name`;
  const counts = [
    grouped('status', 'status'),
    grouped('language', 'language'),
    grouped('agency', "coalesce(agency, '')"),
    grouped('month', 'month'),
    unnested('person', 'people'),
    unnested('organization', 'organizations'),
    unnested('place', 'places'),
  ].join(' UNION ALL ');
  const sql = `${head}, ${filtered}, counts AS (${counts}) SELECT dimension, value, n FROM (SELECT dimension, value, n, row_number() OVER (PARTITION BY dimension ORDER BY n DESC, value) AS rn FROM counts) ranked WHERE rn <= ${TOP_ENTITIES} OR dimension IN ('status', 'language', 'agency', 'month') ORDER BY dimension, n DESC, value`;
  return { sql, params };
}

/** Every matching record, newest first: `key`, `record` (JSON text). */
export function exportSql(query: ExportQuery): SqlQuery {
  const params: SqlValue[] = [];
  const head = source(query, params);
  const where = conditions(query, params);
  return { sql: `${head} SELECT key, record FROM r${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY sort_date DESC, key`, params };
}
