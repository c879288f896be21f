/**
 * Search, stats and export over the records mirror, through whichever engine runs the SQL
 * (shared/records-sql.ts; DuckDB locally, Athena on AWS). The CLI, the HTTP API and the web page
 * share these. Pure apart from the engine they are handed.
 */
import type { RecordsEngine } from './ports';
import { exportSql, searchSql, statsSql, type ExportQuery, type SearchQuery, type StatsQuery } from './records-sql';
import { ArticleSummary } from './summary';

export interface SearchHit {
  readonly summary: ArticleSummary;
  /** 3 per query word found in the title, lead, entities or keywords, 1 per word found in the text. */
  readonly score: number;
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  /** Pass back as `cursor` for the next page; null on the last. */
  readonly cursor: string | null;
}

export async function searchRecords(engine: RecordsEngine, query: SearchQuery): Promise<SearchPage> {
  const hits: SearchHit[] = [];
  for await (const row of engine.rows(searchSql(query))) {
    hits.push({ summary: ArticleSummary.parse(JSON.parse(row.summary ?? 'null')), score: Number(row.score) });
  }
  const more = hits.length > query.limit;
  return { hits: hits.slice(0, query.limit), cursor: more ? String(Number(query.cursor ?? 0) + query.limit) : null };
}

export interface Count {
  readonly value: string;
  readonly count: number;
}

export interface ArchiveStats {
  readonly total: number;
  readonly byStatus: readonly Count[];
  readonly byLanguage: readonly Count[];
  /** Agency code or outlet; `""` for articles without one. */
  readonly byAgency: readonly Count[];
  /** `yyyy-mm`, or `undated`. */
  readonly byMonth: readonly Count[];
  readonly topPeople: readonly Count[];
  readonly topOrganizations: readonly Count[];
  readonly topPlaces: readonly Count[];
}

const DIMENSIONS = {
  status: 'byStatus',
  language: 'byLanguage',
  agency: 'byAgency',
  month: 'byMonth',
  person: 'topPeople',
  organization: 'topOrganizations',
  place: 'topPlaces',
} as const;

export async function recordStats(engine: RecordsEngine, query: StatsQuery): Promise<ArchiveStats> {
  const lists: Record<(typeof DIMENSIONS)[keyof typeof DIMENSIONS], Count[]> = { byStatus: [], byLanguage: [], byAgency: [], byMonth: [], topPeople: [], topOrganizations: [], topPlaces: [] };
  for await (const row of engine.rows(statsSql(query))) {
    const list = DIMENSIONS[row.dimension as keyof typeof DIMENSIONS];
    if (list) lists[list].push({ value: row.value ?? '', count: Number(row.n) });
  }
  // Months read best in time order; the others by count, as the engine gave them.
  lists.byMonth.sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
  return { total: lists.byStatus.reduce((n, c) => n + c.count, 0), ...lists };
}

/** Every matching record as its JSON text, newest first. */
export async function* exportRecords(engine: RecordsEngine, query: ExportQuery): AsyncIterable<string> {
  for await (const row of engine.rows(exportSql(query))) if (row.record) yield row.record;
}
