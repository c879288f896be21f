/**
 * `ArticleStore` over DynamoDB (or dynalite). Every write is conditional on the S3 sequencer, so a
 * duplicate or out-of-order event cannot undo a newer one:
 *   write if   no item yet
 *          or the stored item has no sequencer (it cannot claim to be newer)
 *          or the stored sequencer < this one
 * A delete writes a tombstone under the same condition, so an older create arriving after the
 * delete cannot bring the record back; the tombstone expires by TTL after 7 days. A write without
 * a sequencer (only hand-made events lack one) replaces only items that have none either.
 *
 * Near-duplicates (shared/duplicates.ts): `duplicates.index` writes a record's index items,
 * `duplicates.find` queries at most 4 of their partitions and verifies what it finds against the
 * stored articles, `duplicates.link` appends a back-link once. A put that replaces a record, and a
 * remove, take away the index items and back-links the old record had and the new one has not.
 * Index items of a version that lost a race, or of a write interrupted half-way, are recognised by
 * their sequencer when found and removed then: they never produce a link.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { bandPartition, isIndexable, matchCandidates, MAX_DUPLICATES, MAX_ITEMS_PER_ANCHOR, queryAnchors, type BandEntry } from '../shared/duplicates';
import { articleKey, bandItems, fitRecord, ITEM_BYTES_BUDGET, itemSizeBytes, itemToBandEntry, itemToRecord, recordToItem, tombstoneItem } from '../shared/items';
import type { ArticleStore, DuplicateIndex, WriteOutcome } from '../shared/ports';
import type { ArticleRecord, Duplicate } from '../shared/record';
import { compareSequencers, normalizeSequencer } from '../shared/s3-event';
import { TABLE } from '../shared/table';
import { createEntityIndex } from './entity-index';

export interface DynamoStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Items a batch left unprocessed after every retry: the message fails and SQS retries it. */
export class UnprocessedItemsError extends Error {
  constructor(count: number) {
    super(`${count} index items were still unprocessed after retries`);
    this.name = 'UnprocessedItemsError';
  }
}

type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

const PK = TABLE.partitionKey.name;
const SK = TABLE.sortKey.name;
const BATCH_WRITE_MAX = 25;
const BATCH_GET_MAX = 100;
const BATCH_ATTEMPTS = 5;

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

const chunks = <T>(list: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createDynamoStore({ doc, tableName }: DynamoStoreOptions): ArticleStore {
  type Condition = { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Item };
  const names = { '#pk': PK, '#seq': 'sequencer' };

  const newerThanStored = (sequencer: string | undefined): Condition =>
    sequencer === undefined
      ? { ConditionExpression: 'attribute_not_exists(#pk) OR attribute_not_exists(#seq)', ExpressionAttributeNames: names }
      : { ConditionExpression: 'attribute_not_exists(#pk) OR attribute_not_exists(#seq) OR #seq < :seq', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':seq': sequencer } };

  /** Re-extraction: the stored article is still the version it was re-extracted from (and not a tombstone). */
  const storedIs = (sequencer: string | undefined): Condition =>
    sequencer === undefined
      ? { ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(deleted) AND attribute_not_exists(#seq)', ExpressionAttributeNames: names }
      : { ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(deleted) AND #seq = :seq', ExpressionAttributeNames: names, ExpressionAttributeValues: { ':seq': sequencer } };

  async function putIfNewer(item: Item & { sequencer?: string }, condition: Condition = newerThanStored(item.sequencer)): Promise<{ outcome: WriteOutcome; old: Item | null }> {
    try {
      const { Attributes } = await doc.send(new PutCommand({ TableName: tableName, Item: item, ReturnValues: 'ALL_OLD', ...condition }));
      return { outcome: 'written', old: Attributes ?? null };
    } catch (error) {
      if (isConditionFailure(error)) return { outcome: 'stale', old: null };
      throw error;
    }
  }

  /** BatchWriteItem in chunks, retrying what DynamoDB leaves unprocessed (throttling) a few times. */
  async function batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    for (const chunk of chunks(requests, BATCH_WRITE_MAX)) {
      let pending: WriteRequest[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === BATCH_ATTEMPTS) throw new UnprocessedItemsError(pending.length);
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        const { UnprocessedItems } = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }
    }
  }

  /** The stored article items of some keys (only the attributes verification needs). */
  async function articleStates(keys: readonly string[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    for (const chunk of chunks([...new Set(keys)], BATCH_GET_MAX)) {
      let pending: Item[] = chunk.map((key) => ({ ...articleKey(key) }));
      for (let attempt = 0; pending.length > 0 && attempt < BATCH_ATTEMPTS; attempt++) {
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        const { Responses, UnprocessedKeys } = await doc.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: { Keys: pending, ConsistentRead: true, ProjectionExpression: '#pk, #seq, deleted', ExpressionAttributeNames: { '#pk': PK, '#seq': 'sequencer' } },
            },
          }),
        );
        for (const item of Responses?.[tableName] ?? []) found.set(String(item[PK]).slice(2), item);
        pending = (UnprocessedKeys?.[tableName]?.Keys ?? []) as Item[];
      }
    }
    return found;
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

  /**
   * Deletes index items of `key` written by the version with `sequencer` (or an older one), one by
   * one on the sequencer: a newer version of the key may have written the same items since (its
   * index items go first, before its record), and a blind delete would take them from it.
   */
  const dropIndexItems = (key: string, partitions: readonly string[], sequencer: string | null) =>
    Promise.all(
      partitions.map(async (pk) => {
        try {
          await doc.send(
            new DeleteCommand({
              TableName: tableName,
              Key: { [PK]: pk, [SK]: key },
              ConditionExpression: `attribute_not_exists(#seq) OR attribute_type(#seq, :null)${sequencer === null ? '' : ' OR #seq <= :seq'}`,
              ExpressionAttributeNames: { '#seq': 'sequencer' },
              ExpressionAttributeValues: { ':null': 'NULL', ...(sequencer === null ? {} : { ':seq': sequencer }) },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }),
    );

  /** Takes the back-link to `key` off the record stored under `target` (if it is still there). */
  async function unlink(target: string, key: string): Promise<void> {
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
          UpdateExpression: `REMOVE #dups[${index}] DELETE #dupKeys :keys`,
          ConditionExpression: `#dups[${index}].#key = :key`,
          ExpressionAttributeNames: { '#dups': 'duplicates', '#dupKeys': 'duplicateKeys', '#key': 'key' },
          ExpressionAttributeValues: { ':key': key, ':keys': new Set([key]) },
        }),
      );
    } catch (error) {
      // The list changed in between: a later write decides; a stale back-link is harmless.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** After a record was replaced (or removed): drop what the old one had in the index and the new one has not. */
  async function forgetOld(key: string, old: Item | null, kept: { bandKeys: readonly string[]; duplicates: readonly Duplicate[] }): Promise<void> {
    if (!old) return;
    const oldBands = Array.isArray(old.bandKeys) ? (old.bandKeys as string[]) : [];
    await dropIndexItems(key, oldBands.filter((pk) => !kept.bandKeys.includes(pk)), typeof old.sequencer === 'string' ? old.sequencer : null);
    const oldLinks = Array.isArray(old.duplicates) ? (old.duplicates as Duplicate[]) : [];
    for (const link of oldLinks) if (!kept.duplicates.some((d) => d.key === link.key)) await unlink(link.key, key);
  }

  const duplicates: DuplicateIndex = {
    async index(record) {
      const items = bandItems(record);
      if (items.length === 0) return;
      // An older version arriving late must not overwrite the index items of the stored one.
      const { Item: stored } = await doc.send(
        new GetCommand({ TableName: tableName, Key: articleKey(record.source.key), ConsistentRead: true, ProjectionExpression: '#seq', ExpressionAttributeNames: { '#seq': 'sequencer' } }),
      );
      if (stored && compareSequencers(typeof stored.sequencer === 'string' ? stored.sequencer : null, record.source.sequencer) > 0) return;
      // Item by item, on the sequencer: the check above races with a newer version being written
      // at the same time (same key, same anchors), and a blind batch put would overwrite its items.
      await Promise.all(items.map((item) => putIndexItemIfNotOlder({ ...item })));
    },

    async find(record) {
      if (!isIndexable(record)) return [];
      const found: (BandEntry & { pk: string })[] = [];
      for (const anchor of queryAnchors(record)) {
        const pk = bandPartition(anchor);
        const { Items } = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': PK },
            ExpressionAttributeValues: { ':pk': pk },
            Limit: MAX_ITEMS_PER_ANCHOR,
          }),
        );
        for (const item of Items ?? []) {
          const entry = itemToBandEntry(item);
          if (entry) found.push({ ...entry, pk });
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
            UpdateExpression: 'SET #dups = list_append(if_not_exists(#dups, :empty), :entry) ADD #dupKeys :keys',
            ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(deleted) AND NOT contains(#dupKeys, :key) AND size(#dups) < :max',
            ExpressionAttributeNames: { '#pk': PK, '#dups': 'duplicates', '#dupKeys': 'duplicateKeys' },
            ExpressionAttributeValues: { ':empty': [], ':entry': [entry], ':keys': new Set([entry.key]), ':key': entry.key, ':max': MAX_DUPLICATES },
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
  };

  // Entity index items and month markers (adapters/entity-index.ts): written before the put, the
  // old record's taken away after it, this one's taken back when the put was stale.
  const entityIndex = createEntityIndex({ doc, tableName, batchWrite });

  /** The one write path of a record: index items first, the conditional put, then the old record's items go (or, stale, this one's). */
  async function putRecord(record: ArticleRecord, condition: (item: Item & { sequencer?: string }) => Condition): Promise<WriteOutcome> {
    let indexed = entityIndex.prepare(record, recordToItem(record));
    // `entityKeys` (up to 200 partition keys) joins the item after ingest fitted the record: if the
    // whole item is now over the budget, fit the record again in the room those keys leave.
    const size = itemSizeBytes(indexed.item);
    if (size > ITEM_BYTES_BUDGET) {
      const keysBytes = size - itemSizeBytes(recordToItem(record));
      record = fitRecord(record, ITEM_BYTES_BUDGET - keysBytes);
      indexed = entityIndex.prepare(record, recordToItem(record));
    }
    const item = indexed.item;
    await entityIndex.write(indexed);
    const { outcome, old } = await putIfNewer({ ...item }, condition({ ...item }));
    if (outcome === 'written') {
      await forgetOld(record.source.key, old, { bandKeys: item.bandKeys ?? [], duplicates: record.duplicates });
      await entityIndex.forget(old, item);
    } else await entityIndex.undo(indexed);
    return outcome;
  }

  return {
    put: (record) => putRecord(record, (item) => newerThanStored(item.sequencer)),
    // The stored sequencer is kept normalized (shared/items.ts), so the expected one is compared in that form.
    replace: (record, expectedSequencer) => putRecord(record, () => storedIs(normalizeSequencer(expectedSequencer) ?? undefined)),
    async remove(ref) {
      const { outcome, old } = await putIfNewer({ ...tombstoneItem(ref) });
      if (outcome === 'written') {
        await forgetOld(ref.key, old, { bandKeys: [], duplicates: [] });
        await entityIndex.forget(old, null);
      }
      return outcome;
    },
    async get(key) {
      // Strongly consistent: a reader right after ingest sees what was written.
      const { Item: stored } = await doc.send(new GetCommand({ TableName: tableName, Key: articleKey(key), ConsistentRead: true }));
      return stored ? itemToRecord(stored) : null;
    },
    duplicates,
  };
}
