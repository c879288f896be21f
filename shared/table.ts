/**
 * The one definition of the DynamoDB table: its keys, its GSIs, its TTL attribute and the prefixes
 * of every kind of item (docs/keys.md describes the layout). The CDK stack (infra/) and the
 * embedded local stack (local/) both build their table from this, and a test proves the
 * synthesized template and the local table agree. The functions that build keys (shared/items.ts,
 * shared/entity-items.ts, shared/duplicates.ts, shared/month-markers.ts) take their prefixes from
 * `PREFIX` below, so no prefix is spelled, or means something, anywhere else.
 *
 * Single-table layout (all keys are strings):
 * - article record:   pk `A#<key>`                        sk `A`
 * - tombstone:        pk `A#<key>`                        sk `A` with `deleted: true` and a TTL
 * - entity item:      pk `E#<type>#<entity key>#<yyyy>`   sk `<sortDate>#<key>`   (projection)
 * - band item:        pk `B#w3#<anchor>`                  sk `<key>`              (projection)
 * - period marker:    pk `M#<family>#` (GSI families)     sk `<yyyy-mm>`          (projection)
 * Article items are the only items ingest writes; the others are a projection of them, written by
 * the projector (functions/projector.ts) from the table's stream.
 * GSIs hold article items only (sparse): by agency/outlet (`AG#`), by language (`L#`) and by
 * date (`D#`), each partitioned by month so that a busy agency or language spreads over many
 * partitions. They project the keys and the article's `summary` map only (what a list shows,
 * ~0.5 KB), not whole records of up to 400 KB.
 */

/** The prefix of every kind of key, each with one meaning. */
export const PREFIX = {
  /** Table pk of an article item or tombstone. */
  article: 'A#',
  /** Table pk of an entity index item. */
  entity: 'E#',
  /** Table pk of a near-duplicate band item (the shingle width is part of the name). */
  band: 'B#w3#',
  /** Table pk of a family's period markers. */
  marker: 'M#',
  /** byAgency GSI pk. */
  agency: 'AG#',
  /** byLanguage GSI pk. (Builds before the projector also put pair leases under `L#` in the table; they expire by TTL.) */
  language: 'L#',
  /** byDate GSI pk. */
  date: 'D#',
} as const;

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S';
}

/**
 * Which attributes a GSI copies besides the keys (the table's and its own, always projected):
 * `INCLUDE` the named ones, `KEYS_ONLY` none, `ALL` every one. The names of DynamoDB's own
 * projection types, so infra and the local table pass them on unchanged.
 */
export type IndexProjection =
  | { readonly type: 'INCLUDE'; readonly nonKeyAttributes: readonly string[] }
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'ALL' };

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly projection: IndexProjection;
}

/**
 * The whole table: primary key, GSIs (each with its keys and projection) and the TTL attribute.
 * infra/constructs/article-table.ts and adapters/table-setup.ts (`createTableInput`) both build
 * from this one value and restate nothing; test/local/table-matches-template.test.ts proves the
 * two agree.
 */
export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  readonly timeToLiveAttribute: string;
  /**
   * What the table's stream carries: the projector diffs each change's old and new image. (The
   * local stack's dynalite has no streams: local/change-feed.ts stands in.)
   */
  readonly streamView: 'NEW_AND_OLD_IMAGES';
}

/**
 * The attribute of an article item holding its list summary (`summarize` in shared/summary.ts,
 * the shape entity index items carry too): the one non-key attribute the GSIs project.
 */
export const SUMMARY_ATTRIBUTE = 'summary';

const SUMMARY_ONLY: IndexProjection = { type: 'INCLUDE', nonKeyAttributes: [SUMMARY_ATTRIBUTE] };

const s = (name: string): KeyAttribute => ({ name, type: 'S' });

export const TABLE: TableDefinition = {
  partitionKey: s('pk'),
  sortKey: s('sk'),
  globalSecondaryIndexes: [
    { indexName: 'byAgency', partitionKey: s('agencyPk'), sortKey: s('agencySk'), projection: SUMMARY_ONLY },
    { indexName: 'byLanguage', partitionKey: s('languagePk'), sortKey: s('languageSk'), projection: SUMMARY_ONLY },
    { indexName: 'byDate', partitionKey: s('datePk'), sortKey: s('dateSk'), projection: SUMMARY_ONLY },
  ],
  timeToLiveAttribute: 'expiresAt',
  streamView: 'NEW_AND_OLD_IMAGES',
};

/** Every attribute that appears in a key of the table or of a GSI, each once. */
export function keyAttributes(table: TableDefinition = TABLE): KeyAttribute[] {
  const all = [table.partitionKey, table.sortKey, ...table.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return [...new Map(all.map((a) => [a.name, a])).values()];
}

/** The GSI named `name`; a name the table does not define is a bug, so it throws. */
export function indexNamed(name: string, table: TableDefinition = TABLE): IndexDefinition {
  const index = table.globalSecondaryIndexes.find((i) => i.indexName === name);
  if (!index) throw new Error(`shared/table.ts defines no index ${name}`);
  return index;
}
