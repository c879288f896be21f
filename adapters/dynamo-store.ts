/**
 * `ArticleStore` over DynamoDB (or dynalite). Every write is conditional on the S3 sequencer, so a
 * duplicate or out-of-order event cannot undo a newer one:
 *   write if   no item yet
 *          or the stored item has no sequencer (it cannot claim to be newer)
 *          or the stored sequencer < this one
 * A write reads the stored item first, decides on it, and puts on the condition that the item is
 * still the one it read (its sequencer and `rev`, which links bump too); a change in between means
 * reading and deciding again. A delete writes a tombstone the same way, so an older create
 * arriving after the delete cannot bring the record back; the tombstone expires by TTL after 7 days.
 *
 * A record's write comes in two halves (`stage`, then `commit`; `put` does both): the stage reads
 * the stored item and writes the record's index items in one batch (near-duplicate items, entity
 * items, month markers); ingest then looks for near-duplicates and commits the record with them.
 * A commit refused as stale takes back what its stage wrote and puts back the stored version's
 * items the batch may have overwritten (`undoIndex`); so does a retry whose earlier try staged and
 * died before a newer version landed. A commit that went through only after the item changed puts
 * its own index items again, where no newer version wrote them.
 *
 * What the replaced version had and the new one has not (near-duplicate and entity index items,
 * back-links on other records) goes in a clean-up list written onto the new item with the put,
 * carried out after it and then taken off. A crash in between leaves the list on the item, and
 * the retry of the same event (refused as stale: the item is already its version) finishes it.
 * Every clean-up step is conditional on sequencers, so a late or repeated one spares newer items.
 * docs/keys.md ("Writes and their clean-up") walks through it.
 *
 * Near-duplicates (shared/duplicates.ts): `duplicates.find` queries at most 4 index partitions
 * and verifies what it finds against the stored articles (an index item of a version that is not
 * the stored one, and not one being written, is removed when found), `duplicates.link` appends a
 * back-link once. Changes to the links between two articles go one pair at a time (`paired`).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { bandPartition, isIndexable, matchCandidates, MAX_DUPLICATES, MAX_ITEMS_PER_ANCHOR, queryAnchors, type BandEntry } from '../shared/duplicates';
import { articleKey, bandItems, fitRecord, MAX_ITEM_BYTES, RecordTooLargeError, type ArticleItem, ITEM_BYTES_BUDGET, itemSizeBytes, itemToBandEntry, itemToRecord, recordToItem, tombstoneItem } from '../shared/items';
import type { ArticleStore, DuplicateIndex, StagedWrite, WriteOutcome } from '../shared/ports';
import type { ArticleRecord, Duplicate } from '../shared/record';
import { compareSequencers, normalizeSequencer } from '../shared/s3-event';
import { TABLE } from '../shared/table';
import { ENTITY_PARTITION_PREFIX } from '../shared/entity-items';
import { MONTH_MARKER_PREFIX } from '../shared/month-markers';
import { batchGet, batchWrite as batchWriteItems, type WriteRequest } from './batch';
import { deleteIfNotNewer, isConditionFailure } from './conditions';
import { createEntityIndex, entityItemsOf, entityPartitionsGone, type EntityItemsWritten, type IndexedArticle } from './entity-index';

export interface DynamoStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

type Item = Record<string, unknown>;

const PK = TABLE.partitionKey.name;
const SK = TABLE.sortKey.name;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Partition prefix of the leases on pairs of articles' links (`paired`). */
const PAIR_LOCK_PREFIX = 'L#';
/**
 * A pair lease lasts this long unless its holder deletes it first (the work under it takes
 * milliseconds): longer than the ingest function's 30 s timeout, so that Lambda stops a stalled
 * holder before its lease can expire under it and let a second writer in.
 */
const LEASE_SECONDS = 40;
/** How long a writer waits for a pair's lease before the message fails (and SQS retries it). */
const PAIR_WAIT_MS = 10_000;
/** A write that found the stored item changed under it this many times in a row gives up (SQS retries). */
const WRITE_ATTEMPTS = 8;
/** Room kept in an article item beyond its clean-up list (`cleanupRev`, `rev`, the estimate's error). */
const CLEANUP_RESERVE_BYTES = 1024;

/** The stored article item (or tombstone) as `observe` reads it. */
interface Observed {
  readonly sequencer?: string;
  readonly deleted?: boolean;
  readonly bandKeys?: string[];
  readonly duplicateKeys?: Set<string>;
  readonly entityKeys?: string[];
  readonly dateSk?: string;
  readonly cleanup?: unknown;
  readonly cleanupRev?: number;
  readonly rev?: number;
}

/**
 * What a write must take away of the version it replaced, written onto the new item with it:
 * near-duplicate index items (`bands`) and entity index items (`entities`, under `sortKey`), each
 * deleted only while it holds `sequencer` or an older one; and the back-links that the replaced
 * version's duplicates (`links`) carry to it.
 */
interface Cleanup {
  readonly sequencer: string | null;
  readonly sortKey: string | null;
  readonly bands: string[];
  readonly entities: string[];
  readonly links: string[];
}

/** The links of two articles stayed leased by another writer for longer than a writer waits. */
export class PairBusyError extends Error {
  constructor(a: string, b: string, attempts: number) {
    super(`the links between ${a} and ${b} stayed busy through ${attempts} attempts`);
    this.name = 'PairBusyError';
  }
}

/** A store write that kept finding the item changed between its read and its conditional put. */
export class StoredItemBusyError extends Error {
  constructor(key: string, attempts: number) {
    super(`the stored item of ${key} changed under ${attempts} write attempts in a row`);
    this.name = 'StoredItemBusyError';
  }
}

const strings = (value: unknown): string[] => (Array.isArray(value) || value instanceof Set ? [...value].filter((v): v is string => typeof v === 'string') : []);

/** The clean-up list on a stored item (what an interrupted write left to do). */
function cleanupsOf(stored: Observed | null): Cleanup[] {
  if (!stored || !Array.isArray(stored.cleanup)) return [];
  return stored.cleanup.flatMap((step: Record<string, unknown>): Cleanup[] =>
    step && typeof step === 'object'
      ? [
          {
            sequencer: typeof step.sequencer === 'string' ? step.sequencer : null,
            sortKey: typeof step.sortKey === 'string' ? step.sortKey : null,
            bands: strings(step.bands),
            entities: strings(step.entities),
            links: strings(step.links),
          },
        ]
      : [],
  );
}

/**
 * The clean-up a write of `next` over `stored` must do: what `stored` has that `next` has not,
 * after what `stored` itself still had to do (less anything `next` has again).
 */
function pendingCleanup(stored: Observed | null, next: { entities: EntityItemsWritten; bands: readonly string[]; links: readonly string[] }): Cleanup[] {
  const keep = (step: Cleanup): Cleanup => ({
    ...step,
    bands: step.bands.filter((pk) => !next.bands.includes(pk)),
    entities: entityPartitionsGone({ partitions: step.entities, sortKey: step.sortKey }, next.entities),
    links: step.links.filter((key) => !next.links.includes(key)),
  });
  const steps = cleanupsOf(stored);
  if (stored) {
    const entities = entityItemsOf(stored);
    steps.push({ sequencer: stored.sequencer ?? null, sortKey: entities.sortKey, bands: strings(stored.bandKeys), entities: [...entities.partitions], links: strings(stored.duplicateKeys) });
  }
  return steps.map(keep).filter((step) => step.bands.length + step.entities.length + step.links.length > 0);
}

/** Write if there is no item, or it has no sequencer (it cannot claim to be newer), or an older one. */
function newerThan(stored: Observed | null, sequencer: string | null): boolean {
  if (!stored || stored.sequencer === undefined) return true;
  return sequencer !== null && stored.sequencer < sequencer;
}

/** Re-extraction: the stored article is still the version it was re-extracted from (and not a tombstone). */
function isVersion(stored: Observed | null, sequencer: string | null): boolean {
  return !!stored && stored.deleted !== true && (stored.sequencer ?? null) === sequencer;
}

/** The put's condition: the stored item is still the one `observe` read (same sequencer, same `rev`). */
function unchangedSince(stored: Observed | null): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Item } {
  if (!stored) return { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } };
  const values: Item = {};
  const sequencer = stored.sequencer === undefined ? 'attribute_not_exists(#seq)' : '#seq = :seq';
  if (stored.sequencer !== undefined) values[':seq'] = stored.sequencer;
  const rev = typeof stored.rev === 'number' ? '#rev = :rev' : 'attribute_not_exists(#rev)';
  if (typeof stored.rev === 'number') values[':rev'] = stored.rev;
  return {
    ConditionExpression: `${sequencer} AND ${rev}`,
    ExpressionAttributeNames: { '#seq': 'sequencer', '#rev': 'rev' },
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

export function createDynamoStore({ doc, tableName }: DynamoStoreOptions): ArticleStore {
  const batchWrite = (requests: readonly WriteRequest[]) => batchWriteItems(doc, tableName, requests);

  /** The stored article items of some keys (only the attributes verification needs). */
  async function articleStates(keys: readonly string[]): Promise<Map<string, Item>> {
    // Strongly consistent, and an article left unread fails the call: it would count as "not written yet", and become a link.
    const items = await batchGet(doc, tableName, [...new Set(keys)].map((key) => ({ ...articleKey(key) })), {
      projection: '#pk, #seq, deleted',
      names: { '#pk': PK, '#seq': 'sequencer' },
      consistent: true,
    });
    return new Map(items.map((item) => [String(item[PK]).slice(2), item]));
  }

  /** Writes one index item unless the one there is from a newer version (equal: a retry, rewritten). */
  async function putIndexItemIfNotOlder(item: Item & { sequencer: string | null }): Promise<void> {
    if (item.sequencer === null) {
      await doc.send(new PutCommand({ TableName: tableName, Item: item }));
      return;
    }
    try {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#pk) OR attribute_not_exists(#seq) OR attribute_type(#seq, :null) OR #seq <= :seq',
          ExpressionAttributeNames: { '#pk': PK, '#seq': 'sequencer' },
          ExpressionAttributeValues: { ':seq': item.sequencer, ':null': 'NULL' },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Near-duplicate index items of `key` (sort key: the object key) written by `sequencer` or an older version. */
  const dropIndexItems = (key: string, partitions: readonly string[], sequencer: string | null) =>
    deleteIfNotNewer(doc, tableName, partitions.map((pk) => ({ [PK]: pk, [SK]: key })), sequencer);

  /** Entity index items under one sort key written by `sequencer` or an older version. */
  const dropEntityItems = (partitions: readonly string[], sortKey: string | null, sequencer: string | null) =>
    sortKey === null ? Promise.resolve() : deleteIfNotNewer(doc, tableName, partitions.map((pk) => ({ [PK]: pk, [SK]: sortKey })), sequencer);

  /**
   * Takes the back-link to `key` off the record stored under `target` (if it is still there), by
   * its position in the list, on the condition that the position still holds it: a link added or
   * taken away in between moves it, and the next attempt reads the list again.
   */
  async function unlink(target: string, key: string): Promise<void> {
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const { Item: stored } = await doc.send(
        new GetCommand({ TableName: tableName, Key: articleKey(target), ConsistentRead: true, ProjectionExpression: 'duplicates' }),
      );
      const index = ((stored?.duplicates ?? []) as Duplicate[]).findIndex((d) => d.key === key);
      if (index < 0) return;
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: articleKey(target),
            UpdateExpression: `REMOVE #dups[${index}] DELETE #dupKeys :keys ADD #rev :one`,
            ConditionExpression: `#dups[${index}].#key = :key`,
            ExpressionAttributeNames: { '#dups': 'duplicates', '#dupKeys': 'duplicateKeys', '#key': 'key', '#rev': 'rev' },
            ExpressionAttributeValues: { ':key': key, ':keys': new Set([key]), ':one': 1 },
          }),
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new StoredItemBusyError(target, WRITE_ATTEMPTS);
  }

  /**
   * A lease on the links between two articles: an item `L#<sha256 of the pair>` put on the
   * condition that none is held (or the one there expired), deleted by its owner when done. A
   * holder that dies leaves it to expire (LEASE_SECONDS; the table's TTL removes it later); a
   * writer that cannot get it within about PAIR_WAIT_MS fails, and SQS retries the message.
   */
  async function paired<T>(a: string, b: string, work: () => Promise<T>): Promise<T> {
    const pk = `${PAIR_LOCK_PREFIX}${createHash('sha256').update([a, b].sort().join('\u0000')).digest('hex')}`;
    const owner = randomUUID();
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const now = Math.floor(Date.now() / 1000);
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { [PK]: pk, [SK]: 'L', owner, [TABLE.timeToLiveAttribute]: now + LEASE_SECONDS },
            // Ours already: an earlier attempt of this put went through but its answer was lost.
            ConditionExpression: 'attribute_not_exists(#pk) OR #exp < :now OR #owner = :owner',
            ExpressionAttributeNames: { '#pk': PK, '#exp': TABLE.timeToLiveAttribute, '#owner': 'owner' },
            ExpressionAttributeValues: { ':now': now, ':owner': owner },
          }),
        );
        break;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        if (Date.now() - started > PAIR_WAIT_MS) throw new PairBusyError(a, b, attempt + 1);
        await sleep(10 + Math.random() * 20 * Math.min(attempt + 1, 5));
      }
    }
    try {
      return await work();
    } finally {
      try {
        await doc.send(
          new DeleteCommand({ TableName: tableName, Key: { [PK]: pk, [SK]: 'L' }, ConditionExpression: '#owner = :owner', ExpressionAttributeNames: { '#owner': 'owner' }, ExpressionAttributeValues: { ':owner': owner } }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
  }

  /** Whether the article stored under `key` lists `other` among its duplicates now. */
  async function lists(key: string, other: string): Promise<boolean> {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true, ProjectionExpression: 'duplicateKeys, deleted' }));
    return !!Item && Item.deleted !== true && Item.duplicateKeys instanceof Set && Item.duplicateKeys.has(other);
  }

  const duplicates: DuplicateIndex = {
    async find(record) {
      if (!isIndexable(record)) return [];
      const found: (BandEntry & { pk: string })[] = [];
      // The anchors' partitions side by side: one round trip instead of four.
      const partitions = queryAnchors(record).map(bandPartition);
      const pages = await Promise.all(
        partitions.map((pk) =>
          doc.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': PK },
              ExpressionAttributeValues: { ':pk': pk },
              Limit: MAX_ITEMS_PER_ANCHOR,
            }),
          ),
        ),
      );
      for (const [i, { Items }] of pages.entries()) {
        for (const item of Items ?? []) {
          const entry = itemToBandEntry(item);
          if (entry) found.push({ ...entry, pk: partitions[i]! });
        }
      }
      const matches = matchCandidates(record, found);
      if (matches.length === 0) return [];

      // An index item speaks for the version that wrote it: check that version is the stored one.
      const states = await articleStates(matches.map((m) => m.entry.key));
      const stale: { key: string; pk: string; sequencer: string | null }[] = [];
      const current = matches.filter(({ entry }) => {
        const state = states.get(entry.key);
        // No article yet, or an older one: a version being written right now (its index items go
        // first, so that a twin ingested at the same time finds it). A link it is.
        if (!state) return true;
        const order = compareSequencers(typeof state.sequencer === 'string' ? state.sequencer : null, entry.sequencer);
        const deleted = state.deleted === true;
        if (order < 0) return true;
        if (order === 0 && !deleted) return true;
        // The stored article is newer, or deleted since: the index item is left over.
        for (const f of found) if (f.key === entry.key) stale.push({ key: f.key, pk: f.pk, sequencer: f.sequencer });
        return false;
      });
      for (const { key, pk, sequencer } of stale) await dropIndexItems(key, [pk], sequencer);
      return current.map((m) => m.duplicate);
    },

    async link(key, entry) {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: articleKey(key),
            UpdateExpression: 'SET #dups = list_append(if_not_exists(#dups, :empty), :entry) ADD #dupKeys :keys, #rev :one',
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(deleted) AND NOT contains(#dupKeys, :key) AND size(#dups) < :max',
            ExpressionAttributeNames: { '#pk': PK, '#dups': 'duplicates', '#dupKeys': 'duplicateKeys', '#rev': 'rev' },
            ExpressionAttributeValues: { ':empty': [], ':entry': [entry], ':keys': new Set([entry.key]), ':key': entry.key, ':max': MAX_DUPLICATES, ':one': 1 },
          }),
        );
        return 'linked';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      // Already linked (a retry), or gone, deleted or full: only the first keeps the forward link.
      const { Item: target } = await doc.send(
        new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true, ProjectionExpression: 'deleted, duplicateKeys' }),
      );
      const keys = target?.duplicateKeys;
      const linked = !!target && target.deleted !== true && keys instanceof Set && keys.has(entry.key);
      return linked ? 'linked' : 'refused';
    },

    unlink: (key, other) => unlink(key, other),
    paired,
  };

  // Entity index items and month markers (adapters/entity-index.ts): written before the put, and
  // taken back when the put was stale; the replaced record's go with the rest of its clean-up.
  const entityIndex = createEntityIndex({ batchWrite });

  /** The stored article item, as much of it as a write needs to decide and to clean up after. */
  async function observe(key: string): Promise<Observed | null> {
    const { Item } = await doc.send(
      new GetCommand({
        TableName: tableName,
        Key: articleKey(key),
        ConsistentRead: true,
        ProjectionExpression: '#seq, deleted, bandKeys, duplicateKeys, entityKeys, dateSk, cleanup, cleanupRev, #rev',
        ExpressionAttributeNames: { '#seq': 'sequencer', '#rev': 'rev' },
      }),
    );
    return Item ? (Item as Observed) : null;
  }

  /**
   * Carries out what a write left to do, then takes the list off the item (if it is still the
   * version that wrote it: a newer one carries the list on and finishes it). Every step is
   * conditional on sequencers, so doing it twice, or late, takes nothing from a newer version.
   */
  async function finishCleanup(key: string, tag: number | undefined, cleanup: readonly Cleanup[]): Promise<void> {
    if (cleanup.length === 0 || tag === undefined) return;
    for (const step of cleanup) {
      await dropIndexItems(key, step.bands, step.sequencer);
      await dropEntityItems(step.entities, step.sortKey, step.sequencer);
      // The replaced version's links the new one has not: the other side's entry goes, unless the
      // other article linked to this key again since the put (its back-link is then here, paired).
      for (const target of step.links) await paired(key, target, async () => (await lists(key, target) ? undefined : unlink(target, key)));
    }
    try {
      // Only the list this writer put (its `rev` tags it): a later put's list stays for its own writer.
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: articleKey(key),
          UpdateExpression: 'REMOVE cleanup, cleanupRev',
          ConditionExpression: 'cleanupRev = :tag',
          ExpressionAttributeValues: { ':tag': tag },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A stored item's clean-up list, finished (a retry, or another delivery of the same event). */
  const finishStored = (key: string, stored: Observed) => finishCleanup(key, stored.cleanupRev, cleanupsOf(stored));

  /**
   * The put of an article item or a tombstone, from the stored item as last read (`observed`, read
   * here when not given): if `admits` refuses it, the write is stale (and when the stored item is
   * this very version, a retry or a twin delivery: finish its clean-up; otherwise `onStale`). Else
   * put the item with the clean-up of the stored version on it, on the condition that the stored
   * item is still the one read; if it changed meanwhile, read again and decide again. Then the
   * clean-up, and its list off the item.
   */
  async function putItem(
    key: string,
    item: Item & { sequencer?: string },
    next: { entities: EntityItemsWritten; bands: readonly string[]; links: readonly string[] },
    admits: (stored: Observed | null) => boolean,
    observed: Observed | null | undefined,
    hooks: { onStale?: () => Promise<void>; onChangedBeforePut?: () => Promise<void> } = {},
  ): Promise<WriteOutcome> {
    const sequencer = item.sequencer ?? null;
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(5 * 2 ** attempt * Math.random());
      const stored = attempt === 0 && observed !== undefined ? observed : await observe(key);
      if (!admits(stored)) {
        if (stored && (stored.sequencer ?? null) === sequencer) await finishStored(key, stored);
        else await hooks.onStale?.();
        return 'stale';
      }
      const cleanup = pendingCleanup(stored, next);
      const rev = (typeof stored?.rev === 'number' ? stored.rev : 0) + 1;
      const written = { ...item, rev, ...(cleanup.length > 0 ? { cleanup, cleanupRev: rev } : {}) };
      if (itemSizeBytes(written) > MAX_ITEM_BYTES) throw new RecordTooLargeError(`the item of ${key} with its clean-up list is ${itemSizeBytes(written)} bytes`);
      try {
        await doc.send(new PutCommand({ TableName: tableName, Item: written, ...unchangedSince(stored) }));
      } catch (error) {
        if (isConditionFailure(error)) continue;
        throw error;
      }
      // The item changed between the first read and the put: another write of this key (an older
      // one, or a re-extraction) may have batch-written its index items over this one's.
      if (attempt > 0) await hooks.onChangedBeforePut?.();
      await finishCleanup(key, cleanup.length > 0 ? rev : undefined, cleanup);
      return 'written';
    }
    throw new StoredItemBusyError(key, WRITE_ATTEMPTS);
  }

  /**
   * A record's article item with its entity partitions, refitted if those keys and the clean-up
   * list the put will add (at most `reserve` bytes) push it over the budget.
   */
  function indexedItem(record: ArticleRecord, reserve: number) {
    const indexed = entityIndex.prepare(record, recordToItem(record));
    const size = itemSizeBytes(indexed.item) + reserve;
    if (size <= ITEM_BYTES_BUDGET) return indexed;
    const fitted = fitRecord(record, ITEM_BYTES_BUDGET - (size - itemSizeBytes(recordToItem(record))));
    return entityIndex.prepare(fitted, recordToItem(fitted));
  }

  /**
   * Room for the clean-up list a put over `stored` writes: at most everything `stored` has and
   * still owes (the list against a record that keeps nothing of it), so fitting allows for it.
   */
  const cleanupReserve = (stored: Observed | null): number =>
    CLEANUP_RESERVE_BYTES + itemSizeBytes({ cleanup: pendingCleanup(stored, { entities: { partitions: [], sortKey: null }, bands: [], links: [] }) });

  /** The index items written beside a record: near-duplicate items (sort key: the object key) and entity items. */
  interface IndexWritten {
    readonly bands: readonly string[];
    readonly entities: EntityItemsWritten;
  }

  /** Index items of a record, the near-duplicate items with the entity items and markers, for one batch write. */
  function indexWrites(record: ArticleRecord, indexed: IndexedArticle): { items: Item[]; written: IndexWritten } {
    const bands = bandItems(record).map((band): Item => ({ ...band }));
    return { items: [...bands, ...indexed.writes], written: { bands: bands.map((b) => String(b[PK])), entities: entityItemsOf(indexed.item) } };
  }

  /**
   * A write that lost a race (the stored version is newer, or a delete): its index items the stored
   * version has not go; those both have, which this write's batch may have overwritten, are put back
   * from the stored record, each only where no newer version wrote it since. Rare, so it reads the
   * whole stored item to rebuild them.
   */
  async function undoIndex(key: string, sequencer: string | null, written: IndexWritten): Promise<void> {
    if (written.bands.length === 0 && written.entities.partitions.length === 0) return;
    const { Item: stored } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true }));
    const live = stored && stored.deleted !== true ? stored : null;
    const theirBands = strings(live?.bandKeys);
    const theirEntities = entityItemsOf(live);
    await dropIndexItems(key, written.bands.filter((pk) => !theirBands.includes(pk)), sequencer);
    await dropEntityItems(entityPartitionsGone(written.entities, theirEntities), written.entities.sortKey, sequencer);
    const record = live ? itemToRecord(live) : null;
    if (!record || !live) return;
    const overwritten = new Set([
      ...written.bands.filter((pk) => theirBands.includes(pk)).map((pk) => `${pk}\u0000${key}`),
      ...(written.entities.sortKey === theirEntities.sortKey ? written.entities.partitions.filter((pk) => theirEntities.partitions.includes(pk)).map((pk) => `${pk}\u0000${theirEntities.sortKey}`) : []),
    ]);
    const theirs = indexWrites(record, entityIndex.prepare(record, live as ArticleItem)).items.filter((i) => overwritten.has(`${String(i[PK])}\u0000${String(i[SK])}`));
    await repairIndex(key, typeof live.sequencer === 'string' ? live.sequencer : null, theirs);
  }

  /**
   * Puts index items of the version with `sequencer` back (each only where no newer version wrote
   * it), then reads the article once more: an item the stored article does not list (another
   * version, or a re-extraction of this one, may have cleaned it up before it was put back) goes
   * again, conditional on the same sequencer, so a newer version's own items stay.
   */
  async function repairIndex(key: string, sequencer: string | null, items: readonly Item[]): Promise<void> {
    if (items.length === 0) return;
    await Promise.all(items.map((i) => putIndexItemIfNotOlder({ ...i, sequencer })));
    // Kept only where the stored article is that version and lists the item (a re-extraction
    // keeps the sequencer but may list other entities).
    const now = await observe(key);
    const same = !!now && now.deleted !== true && (now.sequencer ?? null) === sequencer;
    const listedBands = new Set(same ? strings(now.bandKeys) : []);
    const listedEntities = same ? entityItemsOf(now) : { partitions: [], sortKey: null };
    const isEntity = (i: Item) => String(i[PK]).startsWith(ENTITY_PARTITION_PREFIX);
    const bands = items.filter((i) => !isEntity(i) && String(i[SK]) === key && !listedBands.has(String(i[PK]))).map((i) => String(i[PK]));
    const entities = items.filter((i) => isEntity(i) && !(String(i[SK]) === listedEntities.sortKey && listedEntities.partitions.includes(String(i[PK]))));
    if (bands.length === 0 && entities.length === 0) return;
    await dropIndexItems(key, bands, sequencer);
    for (const sortKey of new Set(entities.map((i) => String(i[SK])))) {
      await dropEntityItems(entities.filter((i) => String(i[SK]) === sortKey).map((i) => String(i[PK])), sortKey, sequencer);
    }
  }

  /** Which of a version's index items hold that version's sequencer (one small BatchGetItem per 100). */
  async function anyWrittenBy(key: string, sequencer: string | null, written: IndexWritten): Promise<boolean> {
    const keys = [...written.bands.map((pk) => ({ [PK]: pk, [SK]: key })), ...(written.entities.sortKey === null ? [] : written.entities.partitions.map((pk) => ({ [PK]: pk, [SK]: written.entities.sortKey })))];
    const items = await batchGet(doc, tableName, keys, { projection: '#seq', names: { '#seq': 'sequencer' }, consistent: true });
    return items.some((item) => (item.sequencer ?? null) === sequencer);
  }

  /**
   * First half of a record's write (`ArticleStore.stage`): the stored item read once, and, unless
   * this write is already stale, the record's index items in one batch: near-duplicate items first
   * of all, so that a twin ingested at the same time finds this one; entity items and markers with
   * them. `commit` puts the record as finally written (with its duplicates, fitted).
   */
  async function stageRecord(record: ArticleRecord, admits: (stored: Observed | null) => boolean): Promise<StagedWrite> {
    const key = record.source.key;
    const sequencer = normalizeSequencer(record.source.sequencer);
    const observed = await observe(key);
    const reserve = cleanupReserve(observed);
    if (!admits(observed)) {
      if (observed && (observed.sequencer ?? null) === sequencer) await finishStored(key, observed);
      // An earlier try of this event (a retry, a redriven dead letter) may have staged and died
      // before a newer version landed: if any of its index items is there, settle them now, as a
      // refused commit would have (one small read when there is nothing to settle).
      else {
        const written = indexWrites(record, indexedItem(record, reserve)).written;
        if (await anyWrittenBy(key, sequencer, written)) await undoIndex(key, sequencer, written);
      }
      return { stale: true, commit: async () => 'stale' };
    }
    const staged = indexWrites(record, indexedItem(record, reserve));
    await entityIndex.write(staged.items);
    let committed = false;
    return {
      stale: false,
      async commit(final) {
        if (committed) throw new Error('a staged write commits once');
        committed = true;
        const indexed = indexedItem(final, reserve);
        const last = indexWrites(final, indexed);
        // Fitting may have capped the record's entities: write what changed, drop what went.
        const same = JSON.stringify(last.items) === JSON.stringify(staged.items);
        if (!same) {
          await entityIndex.write(last.items);
          await dropIndexItems(key, staged.written.bands.filter((pk) => !last.written.bands.includes(pk)), sequencer);
          await dropEntityItems(entityPartitionsGone(staged.written.entities, last.written.entities), staged.written.entities.sortKey, sequencer);
        }
        const item = indexed.item;
        const next = { entities: last.written.entities, bands: last.written.bands, links: [...(item.duplicateKeys ?? [])] };
        return putItem(key, { ...item }, next, admits, observed, {
          onStale: () => undoIndex(key, sequencer, last.written),
          // Put this version's index items back where an older write's batch landed over them.
          onChangedBeforePut: () => repairIndex(key, sequencer, last.items.filter((i) => !String(i[PK]).startsWith(MONTH_MARKER_PREFIX))),
        });
      },
    };
  }

  const putAdmits = (record: ArticleRecord) => (stored: Observed | null) => newerThan(stored, normalizeSequencer(record.source.sequencer));
  // The stored sequencer is kept normalized (shared/items.ts), so the expected one is compared in that form.
  const replaceAdmits = (expected: string | null) => (stored: Observed | null) => isVersion(stored, normalizeSequencer(expected));

  return {
    stage: (record, expectedSequencer) => stageRecord(record, expectedSequencer === undefined ? putAdmits(record) : replaceAdmits(expectedSequencer)),
    async put(record) {
      const staged = await stageRecord(record, putAdmits(record));
      return staged.commit(record);
    },
    async replace(record, expectedSequencer) {
      const staged = await stageRecord(record, replaceAdmits(expectedSequencer));
      return staged.commit(record);
    },
    async finish(key) {
      const stored = await observe(key);
      if (stored) await finishStored(key, stored);
    },
    remove(ref) {
      const tombstone = tombstoneItem(ref);
      const nothing = { entities: { partitions: [], sortKey: null }, bands: [], links: [] };
      return putItem(ref.key, { ...tombstone }, nothing, (stored) => newerThan(stored, tombstone.sequencer ?? null), undefined);
    },
    async get(key) {
      // Strongly consistent: a reader right after ingest sees what was written.
      const { Item: stored } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true }));
      return stored ? itemToRecord(stored) : null;
    },
    duplicates,
  };
}
