/**
 * The records mirror: one JSON object per live record, in S3, that the query engine reads for
 * search, stats and export (DuckDB locally, Athena on AWS; shared/records-sql.ts). The projector
 * keeps it in step with the table: on each change of an article item it puts the new image's row
 * and deletes the old image's object when its key differs (a tombstone keeps nothing).
 *
 * Layout (one definition, used by the projector, the local engine and the Glue table):
 *   records/month=<yyyy-mm>/<sha256 of the object key>.json   dated records, by month of `published`
 *   undated/<sha256 of the object key>.json                   undated records, apart
 * The name is a hash of the object key, so it is deterministic (a replay puts the same object)
 * and safe whatever the key holds; when `published` moves to another month the object moves.
 * Pure: no SDK, no environment.
 */
import { createHash } from 'node:crypto';
import { agencyOf, periodOf, sortDateOf, UNDATED } from './items';
import type { ArticleRecord } from './record';
import { termsOf, termString } from './search-text';
import { summarize } from './summary';

export const MIRROR_PREFIX = { dated: 'records/', undated: 'undated/' } as const;
/** The partition column of the dated records (Hive style, `month=2015-09`). */
export const MIRROR_PARTITION = 'month';

/** One row of the mirror. Column names are the engines' (snake case, no reserved words). */
export interface MirrorRow {
  readonly key: string;
  readonly status: ArticleRecord['status'];
  readonly language: string;
  /** The agency code or outlet in upper case (as lists file it), null without one. */
  readonly agency: string | null;
  /** The date of record as the record gives it; null when undated. */
  readonly published: string | null;
  /** The full UTC instant the record sorts by (`published`; for undated, the upload time). */
  readonly sort_date: string;
  readonly title: string | null;
  readonly people: readonly string[];
  readonly organizations: readonly string[];
  readonly places: readonly string[];
  /** Terms of the title, subheadings, lead, entity names and keywords (shared/search-text.ts). */
  readonly head_terms: string;
  /** Terms of the article's text. */
  readonly body_terms: string;
  /** The list summary (shared/summary.ts), as JSON text. */
  readonly summary: string;
  /** The whole record, as JSON text: what export writes. */
  readonly record: string;
}

/** The columns of a mirror row with their engine types (the Glue table and DuckDB's reader). */
export const MIRROR_COLUMNS: readonly { readonly name: keyof MirrorRow; readonly type: 'string' | 'array<string>' }[] = [
  { name: 'key', type: 'string' },
  { name: 'status', type: 'string' },
  { name: 'language', type: 'string' },
  { name: 'agency', type: 'string' },
  { name: 'published', type: 'string' },
  { name: 'sort_date', type: 'string' },
  { name: 'title', type: 'string' },
  { name: 'people', type: 'array<string>' },
  { name: 'organizations', type: 'array<string>' },
  { name: 'places', type: 'array<string>' },
  { name: 'head_terms', type: 'string' },
  { name: 'body_terms', type: 'string' },
  { name: 'summary', type: 'string' },
  { name: 'record', type: 'string' },
];

/** Where a record's row lives in the mirror. */
export function mirrorKeyOf(record: ArticleRecord): string {
  const name = `${createHash('sha256').update(record.source.key, 'utf8').digest('hex')}.json`;
  const period = periodOf(record);
  return period === UNDATED ? `${MIRROR_PREFIX.undated}${name}` : `${MIRROR_PREFIX.dated}${MIRROR_PARTITION}=${period}/${name}`;
}

/** The row of a record; `text` is the article's own text (shared/search-text.ts `articleText`). */
export function mirrorRowOf(record: ArticleRecord, text: string): MirrorRow {
  const names = (list: readonly { readonly name: string }[]): string[] => [...new Set(list.map((e) => e.name))];
  const entities = [...record.entities.person, ...record.entities.organization, ...record.entities.place];
  const head = termsOf([
    record.title,
    ...record.subheadings,
    record.lead,
    ...entities.flatMap((e) => [e.name, ...e.aliases]),
    ...record.keywords.map((k) => k.term),
  ]);
  return {
    key: record.source.key,
    status: record.status,
    language: record.language.code,
    agency: agencyOf(record)?.toUpperCase() ?? null,
    published: record.published?.value ?? null,
    sort_date: sortDateOf(record),
    title: record.title,
    people: names(record.entities.person),
    organizations: names(record.entities.organization),
    places: names(record.entities.place),
    head_terms: termString(head),
    body_terms: termString(termsOf([text])),
    summary: JSON.stringify(summarize(record)),
    record: JSON.stringify(record),
  };
}

/** What one change of an article does to the mirror: the row to put, the object to delete. */
export interface MirrorChange {
  readonly put: { readonly key: string; readonly record: ArticleRecord } | null;
  readonly delete: string | null;
}

export function mirrorChange(before: ArticleRecord | null, after: ArticleRecord | null): MirrorChange {
  const putKey = after ? mirrorKeyOf(after) : null;
  const oldKey = before ? mirrorKeyOf(before) : null;
  return { put: after && putKey ? { key: putKey, record: after } : null, delete: oldKey !== null && oldKey !== putKey ? oldKey : null };
}
