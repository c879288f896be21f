/**
 * The read indexes written beside every article item: entity index items (shared/entity-items.ts)
 * and the month markers of every month partition the article is in (shared/month-markers.ts).
 * `prepare` gives the article item its `entityKeys` and lists what to write beside it (entity
 * items carrying the record's sequencer, and markers); `write` puts them, in batches, before the
 * store's conditional put, so a retry after a crash finds them written. Taking them away again
 * (a replaced or deleted record, a write that lost a race) is the store's: adapters/dynamo-store.ts.
 * Markers are never removed (shared/month-markers.ts); this writer skips markers it has written
 * before, so a busy month's marker is put once per container, not once per article.
 */
import { entityIndexItems } from '../shared/entity-items';
import type { ArticleItem } from '../shared/items';
import type { WriteRequest } from './batch';
import { MONTH_MARKER_PREFIX, monthMarkersOf } from '../shared/month-markers';
import type { ArticleRecord } from '../shared/record';
import { TABLE } from '../shared/table';

type Item = Record<string, unknown>;

const PK = TABLE.partitionKey.name;
/** Markers remembered as written; past this many the memory starts over (a few puts again). */
const MAX_REMEMBERED_MARKERS = 50_000;

export interface EntityIndexOptions {
  /** The store's BatchWriteItem with retries of unprocessed items. */
  readonly batchWrite: (requests: readonly WriteRequest[]) => Promise<void>;
}

/** What an article item says of its entity index items. */
export interface EntityItemsWritten {
  readonly partitions: readonly string[];
  readonly sortKey: string | null;
}

export function entityItemsOf(stored: object | null | undefined): EntityItemsWritten {
  const item = stored as Item | null | undefined;
  if (!item || item.deleted === true) return { partitions: [], sortKey: null };
  const partitions = Array.isArray(item.entityKeys) ? item.entityKeys.filter((pk): pk is string => typeof pk === 'string') : [];
  return { partitions, sortKey: typeof item.dateSk === 'string' ? item.dateSk : null };
}

/** The partitions `before` has that `after` has not (same sort key), or all of them. */
export function entityPartitionsGone(before: EntityItemsWritten, after: EntityItemsWritten): string[] {
  const kept = new Set(after.sortKey === before.sortKey ? after.partitions : []);
  return before.partitions.filter((pk) => !kept.has(pk));
}

/** An article item with the partitions of its entity index items, and what to write beside it. */
export interface IndexedArticle {
  readonly item: ArticleItem & { readonly entityKeys?: string[] };
  readonly writes: readonly Item[];
}

export function createEntityIndex({ batchWrite }: EntityIndexOptions) {
  const markersWritten = new Set<string>();
  const markerId = (m: { pk: string; sk: string }) => `${m.pk}\u0000${m.sk}`;

  function prepare(record: ArticleRecord, item: ArticleItem): IndexedArticle {
    const entities = entityIndexItems(record).map((entry): Item => ({ ...entry, ...(item.sequencer === undefined ? {} : { sequencer: item.sequencer }) }));
    const markers = monthMarkersOf([item.agencyPk, item.languagePk, item.datePk, ...entities.map((e) => String(e[PK]))]);
    const entityKeys = entities.map((e) => String(e[PK]));
    // DynamoDB has no empty list worth storing: `entityKeys` is left out when there is none.
    return { item: entityKeys.length > 0 ? { ...item, entityKeys } : item, writes: [...entities, ...markers.map((m): Item => ({ ...m }))] };
  }

  return {
    /** The record's article item with `entityKeys`, and its entity items and markers to write. */
    prepare,

    /** Before the conditional put: index items (entity and near-duplicate), and the markers not written before. */
    async write(writes: readonly Item[]): Promise<void> {
      const fresh = writes.filter((w) => !(String(w[PK]).startsWith(MONTH_MARKER_PREFIX) && markersWritten.has(markerId(w as { pk: string; sk: string }))));
      await batchWrite(fresh.map((entry) => ({ PutRequest: { Item: { ...entry } } })));
      if (markersWritten.size > MAX_REMEMBERED_MARKERS) markersWritten.clear();
      for (const w of fresh) if (String(w[PK]).startsWith(MONTH_MARKER_PREFIX)) markersWritten.add(markerId(w as { pk: string; sk: string }));
    },

  };
}
