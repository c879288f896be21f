/**
 * The one definition of the DynamoDB table: its keys, its GSIs and its TTL attribute.
 * The CDK stack (infra/) and the embedded local stack (local/) both build their table from this,
 * and a test proves the synthesized template and the local table agree.
 *
 * Single-table layout (all keys are strings):
 * - article record:   pk `A#<key>`                     sk `A`
 * - tombstone:        pk `A#<key>`                     sk `A` with `deleted: true` and a TTL
 * - index items:      pk `<family>#<value>#<yyyy-mm>`  sk `<sortDate>#<key>` (entities, simhash bands)
 * GSIs hold article items only (sparse): by agency/outlet, by language and by date, each
 * partitioned by month so that a busy agency or language spreads over many partitions.
 */

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  readonly timeToLiveAttribute: string;
}

const s = (name: string): KeyAttribute => ({ name, type: 'S' });

export const TABLE: TableDefinition = {
  partitionKey: s('pk'),
  sortKey: s('sk'),
  globalSecondaryIndexes: [
    { indexName: 'byAgency', partitionKey: s('agencyPk'), sortKey: s('agencySk') },
    { indexName: 'byLanguage', partitionKey: s('languagePk'), sortKey: s('languageSk') },
    { indexName: 'byDate', partitionKey: s('datePk'), sortKey: s('dateSk') },
  ],
  timeToLiveAttribute: 'expiresAt',
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
