/**
 * The table in memory, for the fast unit tier: an `ArticleStore` with the same conditions as the
 * DynamoDB one (adapters/dynamo-store.ts), an `IndexWriter` for the projector, and the changes of
 * article items as a stream would carry them (`changes`: old and new image, in write order). No
 * SDK, no server; the end-to-end tier runs the real adapters on dynalite.
 */
import { ARTICLE_SORT_KEY, articleKey, itemToRecord, recordToItem, tombstoneItem } from './items';
import type { ArticleStore, IndexWriter, WriteOutcome } from './ports';
import { normalizeSequencer } from './s3-event';

type Item = Record<string, unknown>;

export interface ArticleChange {
  readonly key: string;
  readonly oldImage: Item | null;
  readonly newImage: Item | null;
}

export interface MemoryTable extends ArticleStore, IndexWriter {
  /** Every item, by `pk` and `sk`. */
  readonly items: Map<string, Item>;
  /** Changes of article items not yet taken (`takeChanges`), oldest first. */
  takeChanges(): ArticleChange[];
}

const id = (pk: unknown, sk: unknown): string => `${String(pk)}\u0000${String(sk)}`;

export function createMemoryTable(): MemoryTable {
  const items = new Map<string, Item>();
  let changes: ArticleChange[] = [];

  function putIf(key: string, item: Item, admits: (stored: Item | undefined) => boolean): WriteOutcome {
    const { pk, sk } = articleKey(key);
    const stored = items.get(id(pk, sk));
    if (!admits(stored)) return 'stale';
    // A copy through JSON, as a round trip through DynamoDB would give back.
    const written = JSON.parse(JSON.stringify(item)) as Item;
    items.set(id(pk, sk), written);
    changes.push({ key, oldImage: stored ?? null, newImage: written });
    return 'written';
  }

  const olderThan = (sequencer: string | null) => (stored: Item | undefined) =>
    !stored || stored.sequencer === undefined || (sequencer !== null && String(stored.sequencer) < sequencer);

  return {
    items,
    takeChanges() {
      const taken = changes;
      changes = [];
      return taken;
    },
    async put(record) {
      return putIf(record.source.key, { ...recordToItem(record) }, olderThan(normalizeSequencer(record.source.sequencer)));
    },
    async replace(record, expectedSequencer) {
      const expected = normalizeSequencer(expectedSequencer);
      return putIf(record.source.key, { ...recordToItem(record) }, (stored) => !!stored && stored.deleted !== true && (stored.sequencer ?? null) === expected);
    },
    async remove(ref) {
      const tombstone = tombstoneItem(ref);
      return putIf(ref.key, { ...tombstone }, olderThan(tombstone.sequencer ?? null));
    },
    async holdsNewer(key, sequencer) {
      const stored = items.get(id(articleKey(key).pk, ARTICLE_SORT_KEY));
      return !olderThan(normalizeSequencer(sequencer))(stored);
    },
    async get(key) {
      const stored = items.get(id(articleKey(key).pk, ARTICLE_SORT_KEY));
      return stored ? itemToRecord(stored) : null;
    },
    async apply({ puts, deletes }) {
      for (const key of deletes) items.delete(id(key.pk, key.sk));
      for (const item of puts) items.set(id(item.pk, item.sk), JSON.parse(JSON.stringify(item)) as Item);
    },
  };
}
