/**
 * The unit tier (`npm run test:unit`): the ingest and projector handlers on the table in memory
 * (shared/memory-store.ts) with an object reader over a Map: no servers, milliseconds per case.
 * Ingest writes one item per event; the projector, fed the changes as a stream carries them,
 * keeps the entity, band and marker items equal to what the stored article items project, however
 * the events come (twice, out of order, deleted), and applying a change twice changes nothing.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createIngestHandler } from '../../functions/ingest';
import { createProjectorHandler } from '../../functions/projector';
import { createMemoryTable, type ArticleChange, type MemoryTable } from '../../shared/memory-store';
import { projectionOf } from '../../shared/projection';
import type { ObjectReader } from '../../shared/ports';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage, type ObjectChange } from '../ingest/events';
import { ingestFixture } from '../ingest/objects';
import { recordingLogger, recordingMetrics } from '../ingest/recorders';

const BUCKET = 'dateline-unit';
const ORIGINAL = ingestFixture('dups-homs-water.ar.txt');
const OTHER = ingestFixture('dups-latakia-olive-harvest.ar.txt');

function world() {
  const table = createMemoryTable();
  const objects = new Map<string, { body: Uint8Array; etag: string }>();
  const reader: ObjectReader = {
    // An unversioned bucket: the event's ETag tells whether its bytes are still the key's.
    async read(ref) {
      const object = objects.get(ref.key);
      if (!object || (ref.etag && ref.etag !== object.etag)) return null;
      return { bytes: object.body, size: object.body.length, contentType: 'text/plain', etag: object.etag, versionId: null, lastModified: null, metadata: {} };
    },
    readCurrent(ref) {
      return this.read(ref, Number.POSITIVE_INFINITY);
    },
  };
  const ingest = createIngestHandler({ store: table, objects: reader, maxBytes: 1024 * 1024, logger: recordingLogger(), metrics: recordingMetrics() });
  const projector = createProjectorHandler({ index: table, logger: recordingLogger(), metrics: recordingMetrics() });
  let etags = 0;
  return {
    table,
    projector,
    put(key: string, body: Uint8Array): ObjectChange {
      const etag = `etag-${++etags}`;
      objects.set(key, { body, etag });
      return { eventName: 'ObjectCreated:Put', bucket: BUCKET, key, etag, size: body.length, sequencer: nextSequencer() };
    },
    remove(key: string): ObjectChange {
      objects.delete(key);
      return { eventName: 'ObjectRemoved:Delete', bucket: BUCKET, key, sequencer: nextSequencer() };
    },
    async deliver(...changes: ObjectChange[]) {
      const response = await ingest(sqsEvent(...changes.map((c) => sqsMessage(s3Notification(c)))));
      expect(response.batchItemFailures).toEqual([]);
    },
  };
}

let sequence = 0;
const streamRecord = (change: ArticleChange): DynamoDBRecord => ({
  eventName: change.oldImage ? 'MODIFY' : 'INSERT',
  dynamodb: {
    Keys: marshall({ pk: `A#${change.key}`, sk: 'A' }) as never,
    ...(change.oldImage ? { OldImage: marshall(change.oldImage, { removeUndefinedValues: true }) as never } : {}),
    ...(change.newImage ? { NewImage: marshall(change.newImage, { removeUndefinedValues: true }) as never } : {}),
    SequenceNumber: String(++sequence),
  },
});

/** What the table's index items should be: every stored article item's projection. */
function expectedIndex(table: MemoryTable): string[] {
  const articles = [...table.items.values()].filter((item) => item.sk === 'A');
  return articles.flatMap((item) => projectionOf(item).map((i) => `${i.pk} ${i.sk}`)).sort();
}
const indexItems = (table: MemoryTable) => [...table.items.values()].filter((item) => item.sk !== 'A').map((i) => `${String(i.pk)} ${String(i.sk)}`).sort();

async function project(w: ReturnType<typeof world>, changes = w.table.takeChanges()) {
  const response = await w.projector({ Records: changes.map(streamRecord) });
  expect(response.batchItemFailures).toEqual([]);
  return changes;
}

describe('ingest on the table in memory', () => {
  it('writes one article item per event, and refuses an older or repeated one', async () => {
    const w = world();
    const first = w.put('wires/one.txt', ORIGINAL);
    const second = w.put('wires/one.txt', OTHER);
    await w.deliver(second, first, second);
    expect(w.table.takeChanges()).toHaveLength(1);
    expect([...w.table.items.keys()]).toHaveLength(1);
    expect((await w.table.get('wires/one.txt'))?.source.etag).toBe(second.etag);
  });
});

describe('the projector', () => {
  it('keeps the index equal to what the article items project, through replacements and deletes', async () => {
    const w = world();
    await w.deliver(w.put('wires/a.txt', ORIGINAL), w.put('wires/b.txt', OTHER));
    await project(w);
    expect(indexItems(w.table).length).toBeGreaterThan(0);
    expect(indexItems(w.table).filter((i) => !i.startsWith('M#'))).toEqual(expectedIndex(w.table).filter((i) => !i.startsWith('M#')));

    await w.deliver(w.put('wires/a.txt', OTHER));
    await w.deliver(w.remove('wires/b.txt'));
    await project(w);
    // Markers stay (other articles share them); every other item is the stored articles' projection.
    expect(indexItems(w.table).filter((i) => !i.startsWith('M#'))).toEqual(expectedIndex(w.table).filter((i) => !i.startsWith('M#')));
    expect(indexItems(w.table).some((i) => i.endsWith('wires/b.txt'))).toBe(false);
  });

  it('changes nothing when a change is applied again, in order, after the ones behind it', async () => {
    const w = world();
    await w.deliver(w.put('wires/a.txt', ORIGINAL));
    await w.deliver(w.put('wires/a.txt', OTHER));
    const changes = await project(w);
    const before = indexItems(w.table);
    await project(w, changes);
    expect(indexItems(w.table)).toEqual(before);
  });

  it('reports the failed change and the later changes of its key, and goes on with other keys', async () => {
    const w = world();
    await w.deliver(w.put('wires/a.txt', ORIGINAL), w.put('wires/b.txt', OTHER));
    await w.deliver(w.put('wires/a.txt', OTHER));
    const changes = w.table.takeChanges();
    let calls = 0;
    const failing = createProjectorHandler({
      index: { apply: async (change) => (++calls === 1 ? Promise.reject(new Error('throttled')) : w.table.apply(change)) },
      logger: recordingLogger(),
      metrics: recordingMetrics(),
    });
    const records = changes.map(streamRecord);
    const response = await failing({ Records: records });
    const failedKeys = response.batchItemFailures.map((f) => records.find((r) => r.dynamodb?.SequenceNumber === f.itemIdentifier)?.dynamodb?.Keys);
    expect(failedKeys).toHaveLength(2);
    expect(calls).toBe(2);
  });
});
