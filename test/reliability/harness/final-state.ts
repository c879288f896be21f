/**
 * Compares the table with what it should hold, computed from the bucket's final contents and the
 * events S3 sent: for every key ever touched,
 * - in the bucket: exactly one live record, for the object as it is now (same ETag and size) and
 *   from the newest created event of those bytes (same sequencer) -> otherwise `lost` (no record)
 *   or `stale` (a record of an older state);
 * - not in the bucket: no live record -> otherwise `stale` (the delete was undone or never applied).
 * `duplicated` counts every extra copy: a second live item naming the same key, an item stored
 * under another key than its own, a key listed twice in a GSI, a tombstone that shows in a GSI.
 * The index items beside the records are checked too, once the change feed has settled, and counted
 * apart (`index`: they are what searches read, not records): every live record's projection
 * (shared/projection.ts: entity, band and marker items) is there as its item derives it, and no
 * entity or band item is there that no live record projects.
 *
 * Reads everything with Scan: a test-only admin view of a local table (the product never scans).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { listBucket } from '../../../local/reconcile';
import type { S3NotificationRecord } from '../../../local/s3-events';
import { ARTICLE_SORT_KEY, articleKey, isTombstone } from '../../../shared/items';
import { isMarker, projectionOf } from '../../../shared/projection';
import { decodeS3Key, normalizeSequencer, unquoteEtag } from '../../../shared/s3-event';
import { PREFIX, TABLE } from '../../../shared/table';

export interface FinalStateReport {
  readonly keys: number;
  readonly lost: readonly string[];
  readonly duplicated: readonly string[];
  readonly stale: readonly string[];
  /** Keys whose index items (near-duplicate, entity) are missing or left over: what searches read, not the records. */
  readonly index: readonly string[];
  /** Why each key counted, for the printout. */
  readonly reasons: ReadonlyMap<string, string>;
}

export interface FinalStateInput {
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly bucket: string;
  readonly tableName: string;
  /** Every event S3 sent (created and removed), to know every key touched and the newest sequencers. */
  readonly events: readonly S3NotificationRecord[];
  /** Only these keys (one test's); @default every key of the bucket, the table and the events */
  readonly keys?: ReadonlySet<string>;
}

type Item = Record<string, unknown> & {
  pk?: string;
  sk?: string;
  sequencer?: string;
  article?: { key?: string };
  source?: { key?: string; etag?: string | null; size?: number; sequencer?: string | null };
};

/** Article records and tombstones (`A#<key>` / `A`), not the index items beside them. */
const isArticleItem = (item: Item): boolean => item.sk === ARTICLE_SORT_KEY && String(item.pk).startsWith(articleKey('').pk);

export async function compareWithBucket(input: FinalStateInput): Promise<FinalStateReport> {
  const objects = new Map((await listBucket(input.s3, input.bucket)).map((o) => [o.key, o]));
  const all = await scanAll(input.doc, input.tableName);
  const items = all.filter(isArticleItem);
  const reasons = new Map<string, string>();
  const lost = new Set<string>();
  const stale = new Set<string>();
  const duplicated = new Set<string>();
  const index = new Set<string>();

  const live = new Map<string, Item[]>();
  for (const item of items) {
    if (isTombstone(item)) continue;
    const key = item.source?.key ?? `(no source.key: ${String(item.pk)})`;
    live.set(key, [...(live.get(key) ?? []), item]);
    if (item.pk !== articleKey(key).pk) {
      duplicated.add(key);
      reasons.set(key, `item ${String(item.pk)} holds the record of ${key}`);
    }
  }

  const everyKey = [...input.events.map((e) => decodeS3Key(e.s3.object.key).key), ...objects.keys(), ...live.keys()];
  const touched = new Set(input.keys ? everyKey.filter((key) => input.keys!.has(key)) : everyKey);
  for (const key of touched) {
    const records = live.get(key) ?? [];
    if (records.length > 1) {
      duplicated.add(key);
      reasons.set(key, `${records.length} live items name it`);
    }
    const object = objects.get(key);
    const record = records[0];
    if (!object) {
      if (record) {
        stale.add(key);
        reasons.set(key, 'the object is gone but its record is live');
      }
      continue;
    }
    if (!record) {
      lost.add(key);
      reasons.set(key, 'the object is in the bucket but has no record');
      continue;
    }
    const etag = record.source?.etag ? unquoteEtag(record.source.etag) : null;
    if (etag !== object.eTag || record.source?.size !== object.size) {
      stale.add(key);
      reasons.set(key, `record of ETag ${etag} / ${record.source?.size} bytes, the object is ${object.eTag} / ${object.size} bytes`);
      continue;
    }
    const newest = newestCreatedSequencer(input.events, key, object.eTag);
    if (newest !== null && normalizeSequencer(record.source?.sequencer) !== newest) {
      stale.add(key);
      reasons.set(key, `record from sequencer ${record.source?.sequencer}, the newest event of these bytes has ${newest}`);
    }
  }

  // The projection, both ways (read once the change feed has settled): every live record's index
  // items as shared/projection.ts derives them from its item, and no other entity or band item.
  const present = new Map(all.map((item) => [`${String(item.pk)}\u0000${String(item.sk)}`, item]));
  const expected = new Set<string>();
  for (const [key, records] of live) {
    for (const item of projectionOf(records[0]!)) {
      const id = `${item.pk}\u0000${item.sk}`;
      expected.add(id);
      const found = present.get(id);
      if (!found) {
        index.add(key);
        reasons.set(key, `index item ${item.pk} / ${item.sk} is missing`);
      } else if (!isMarker(item) && JSON.stringify(sorted(found)) !== JSON.stringify(sorted(item))) {
        index.add(key);
        reasons.set(key, `index item ${item.pk} / ${item.sk} is not the current version's`);
      }
    }
  }
  for (const item of all) {
    const pk = String(item.pk);
    if (!pk.startsWith(PREFIX.entity) && !pk.startsWith(PREFIX.band)) continue;
    if (expected.has(`${pk}\u0000${String(item.sk)}`)) continue;
    const key = pk.startsWith(PREFIX.band) ? String(item.sk) : (item.article?.key ?? `(entity item without article.key: ${pk})`);
    index.add(key);
    reasons.set(key, `index item ${pk} / ${String(item.sk)} belongs to no live record of ${key}`);
  }

  // Each index read on its own: an entry the index kept after its item changed is a duplicate too.
  for (const index of TABLE.globalSecondaryIndexes) {
    const counts = new Map<string, number>();
    for (const entry of await scanAll(input.doc, input.tableName, index.indexName)) {
      if (!isArticleItem(entry)) continue;
      // An index may project only some attributes: the key is read from the table's own key.
      const key = String(entry.pk).slice(articleKey('').pk.length);
      if (isTombstone(entry)) {
        duplicated.add(key);
        reasons.set(key, `a tombstone shows in ${index.indexName}`);
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) {
      if (count > 1) {
        duplicated.add(key);
        reasons.set(key, `${count} entries in ${index.indexName}`);
      }
    }
  }

  const inScope = (key: string) => !input.keys || input.keys.has(key);
  return { keys: touched.size, lost: [...lost].filter(inScope), duplicated: [...duplicated].filter(inScope), stale: [...stale].filter(inScope), index: [...index].filter(inScope), reasons };
}

/** The normalized sequencer of the newest created event for `key` that carried these bytes. */
function newestCreatedSequencer(events: readonly S3NotificationRecord[], key: string, eTag: string): string | null {
  let newest: string | null = null;
  for (const event of events) {
    if (!event.eventName.startsWith('ObjectCreated:')) continue;
    if (decodeS3Key(event.s3.object.key).key !== key || unquoteEtag(event.s3.object.eTag ?? '') !== eTag) continue;
    const sequencer = normalizeSequencer(event.s3.object.sequencer);
    if (sequencer !== null && (newest === null || sequencer > newest)) newest = sequencer;
  }
  return newest;
}

/** Every item of the table, or every entry of one of its indexes. */
async function scanAll(doc: DynamoDBDocumentClient, tableName: string, indexName?: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const read = indexName ? { IndexName: indexName } : { ConsistentRead: true };
    const page = await doc.send(new ScanCommand({ TableName: tableName, ...read, ExclusiveStartKey: start }));
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A value with every map's attributes in one order, to compare two items by value. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sorted(v)]));
}

/** The records' verdict: `lost N, duplicated N, stale N`. */
export function describeReport(report: FinalStateReport): string {
  return `lost ${report.lost.length}, duplicated ${report.duplicated.length}, stale ${report.stale.length}`;
}

/** Records and index items both: what a test expects to read `lost 0, duplicated 0, stale 0, index 0`. */
export function describeAll(report: FinalStateReport): string {
  return `${describeReport(report)}, index ${report.index.length}`;
}
