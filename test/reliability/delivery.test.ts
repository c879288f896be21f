/**
 * Delivery through the real local pipeline, in every order: the objects are really put into and
 * deleted from s3rver, the events S3 would send for them are shaped by the local stack's code and
 * held back, then queued in each order (each event alone, waiting in between, and all of them in
 * one batch, where the handler processes them concurrently), duplicated where the case says so.
 * After every case the whole table is compared with the bucket: no key lost, duplicated or stale.
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { S3NotificationRecord } from '../../local/s3-events';
import { articleKey } from '../../shared/items';
import { normalizeSequencer } from '../../shared/s3-event';
import { compareWithBucket, describeAll } from './harness/final-state';
import { ARABIC_ARTICLE, ENGLISH_ARTICLE } from './harness/inputs';
import { startPipeline, type Pipeline } from './harness/pipeline';

let p: Pipeline;
let keys = 0;

beforeAll(async () => {
  p = await startPipeline({ delivery: 'held' });
});
afterAll(async () => {
  // And the table as a whole, once every case has run.
  if (p) await expectTableMatchesBucket();
  await p?.stop();
});
afterEach(async () => {
  // Whatever the case, its keys must match the bucket afterwards.
  const keys = new Set(caseKeys);
  caseKeys.clear();
  await expectTableMatchesBucket(keys);
  expect(p.queue.deadLetters()).toEqual([]);
});

const caseKeys = new Set<string>();

async function expectTableMatchesBucket(keys?: ReadonlySet<string>): Promise<void> {
  const report = await compareWithBucket({ s3: p.s3, doc: p.doc, bucket: p.bucket, tableName: p.table, events: p.events, ...(keys ? { keys } : {}) });
  expect(describeAll(report), [...report.reasons].map(([k, why]) => `${k}: ${why}`).join('\n')).toBe('lost 0, duplicated 0, stale 0, index 0');
}

const put = (key: string, body: string) => p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
const remove = (key: string) => p.s3.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: key }));

/** Runs the S3 operations on a fresh key and returns the events they produced (held, not queued). */
async function happen(name: string, operations: (key: string) => Promise<unknown>): Promise<{ key: string; events: S3NotificationRecord[] }> {
  const key = `delivery/${++keys} ${name}.txt`;
  caseKeys.add(key);
  await operations(key);
  return { key, events: p.held.splice(0) };
}

type Mode = 'one at a time' | 'in one batch';

async function deliver(events: readonly S3NotificationRecord[], mode: Mode): Promise<void> {
  if (mode === 'in one batch') p.deliver(...events);
  else {
    for (const event of events) {
      p.deliver(event);
      expect(await p.settle()).toBe(true);
    }
  }
  expect(await p.settle()).toBe(true);
  for (const batch of p.batches) expect(batch.thrown).toBeNull();
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const MODES: Mode[] = ['one at a time', 'in one batch'];
const labelled = <T>(list: readonly T[], label: (t: T) => string) => list.map((t) => [label(t), t] as const);
const seq = (event: S3NotificationRecord) => event.s3.object.sequencer;
const kind = (event: S3NotificationRecord) => (event.eventName.startsWith('ObjectCreated') ? 'create' : 'delete');

/** The raw item: a record or the tombstone a delete leaves. */
async function storedItem(key: string) {
  const { Item } = await p.doc.send(new GetCommand({ TableName: p.table, Key: articleKey(key), ConsistentRead: true }));
  return Item;
}

/** What the handler logged for this event (written, stale, skipped). */
function outcomesOf(event: S3NotificationRecord): unknown[] {
  return p.logs.filter((l) => l.attributes.sequencer === normalizeSequencer(seq(event))).map((l) => l.attributes.outcome);
}

describe.each(MODES)('delivered %s', (mode) => {
  it('the same event three times: written once, then refused as not newer', async () => {
    const { key, events } = await happen('duplicate', (k) => put(k, ENGLISH_ARTICLE));
    expect(events).toHaveLength(1);
    await deliver([events[0]!, events[0]!, events[0]!], mode);
    expect((await p.store.get(key))?.source.sequencer).toBe(seq(events[0]!));
    expect(outcomesOf(events[0]!).sort()).toEqual(['stale', 'stale', 'written']);
  });

  it('an older event after a newer one, the bytes since replaced: the older is skipped', async () => {
    const { key, events } = await happen('older after newer', async (k) => {
      await put(k, ENGLISH_ARTICLE);
      await put(k, ARABIC_ARTICLE);
    });
    const [older, newer] = events as [S3NotificationRecord, S3NotificationRecord];
    expect(seq(older) < seq(newer)).toBe(true);
    await deliver([newer, older], mode);
    expect(await p.store.get(key)).toMatchObject({ source: { etag: newer.s3.object.eTag, sequencer: seq(newer) }, language: { code: 'ar' } });
    expect(outcomesOf(older)).toEqual(['skipped']);
  });

  it('an older event after a newer one of identical bytes: the sequencer condition refuses it', async () => {
    const { key, events } = await happen('identical re-upload', async (k) => {
      await put(k, ENGLISH_ARTICLE);
      await put(k, ENGLISH_ARTICLE);
    });
    const [older, newer] = events as [S3NotificationRecord, S3NotificationRecord];
    expect(older.s3.object.eTag).toBe(newer.s3.object.eTag);
    await deliver([newer, older], mode);
    expect((await p.store.get(key))?.source.sequencer).toBe(seq(newer));
    // In one batch the two run concurrently and either may reach the table first.
    if (mode === 'one at a time') expect(outcomesOf(older)).toEqual(['stale']);
  });

  it.each(labelled(permutations([0, 1]), (order) => (order[0] === 0 ? 'in order' : 'reversed')))(
    'a new version over an old one, %s: the new version is the record',
    async (_label, order) => {
      const { key, events } = await happen('new version', async (k) => {
        await put(k, ARABIC_ARTICLE);
        await put(k, ENGLISH_ARTICLE);
      });
      await deliver(order.map((i) => events[i]!), mode);
      expect(await p.store.get(key)).toMatchObject({ source: { etag: events[1]!.s3.object.eTag, sequencer: seq(events[1]!) }, language: { code: 'en' } });
    },
  );

  it.each(labelled(permutations([0, 1]), (order) => order.map((i) => ['create', 'delete'][i]).join(', ')))(
    'create then delete, delivered %s: no record, and the tombstone holds the delete',
    async (_label, order) => {
      const { key, events } = await happen('create then delete', async (k) => {
        await put(k, ENGLISH_ARTICLE);
        await remove(k);
      });
      expect(events.map(kind)).toEqual(['create', 'delete']);
      await deliver(order.map((i) => events[i]!), mode);
      expect(await p.store.get(key)).toBeNull();
      expect(await storedItem(key)).toMatchObject({ deleted: true, sequencer: normalizeSequencer(seq(events[1]!)) });
    },
  );

  describe.each([
    ['new bytes', ARABIC_ARTICLE, 'ar'],
    ['the same bytes again', ENGLISH_ARTICLE, 'en'],
  ])('delete then re-create with %s', (_label, second, language) => {
    it.each(labelled(permutations([0, 1, 2]), (order) => order.map((i) => ['create', 'delete', 're-create'][i]).join(', ')))(
      'delivered %s: the re-created object is the record',
      async (_order, order) => {
        const { key, events } = await happen('re-created', async (k) => {
          await put(k, ENGLISH_ARTICLE);
          await remove(k);
          await put(k, second);
        });
        expect(events.map(kind)).toEqual(['create', 'delete', 'create']);
        await deliver(order.map((i) => events[i]!), mode);
        expect(await p.store.get(key)).toMatchObject({ source: { etag: events[2]!.s3.object.eTag, sequencer: seq(events[2]!) }, language: { code: language } });
      },
    );
  });
});

describe('a delete racing a re-create of the same key (one batch, both in flight)', () => {
  /** A string attribute as the rule sees it: marshalled (`{ S }`) below the document client. */
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : (value as { S?: string } | undefined)?.S);

  it("the delete's clean-up of the old version's index items spares the new version's", async () => {
    const { key, events: [first] } = await happen('raced', (k) => put(k, ARABIC_ARTICLE));
    await deliver([first!], 'one at a time');
    const { events } = await happen('raced-again', async () => {
      await remove(key);
      await put(key, `${ARABIC_ARTICLE}\nوأضاف المصدر أن العمل مستمر.\n`);
    });
    caseKeys.add(key);
    const [removal, recreation] = events as [S3NotificationRecord, S3NotificationRecord];

    // Order the race: the re-create writes its index items, then the delete's clean-up of the old
    // version's index items runs, then the re-create's record is written.
    p.dynamoFaults.setRule(({ operation, key: itemKey, input }) => {
      // The clean-up, whether it deletes one by one or in a batch.
      const deletes =
        operation === 'DeleteItem'
          ? [input.Key as Record<string, unknown>]
          : operation === 'BatchWriteItem'
            ? Object.values((input.RequestItems ?? {}) as Record<string, { DeleteRequest?: { Key: Record<string, unknown> } }[]>)
                .flat()
                .map((r) => r.DeleteRequest?.Key ?? {})
            : [];
      if (deletes.some((k) => text(k.pk)?.startsWith('B#') && text(k.sk) === key)) return { pauseMs: 400 };
      if (operation === 'PutItem' && itemKey === articleKey(key).pk && (input.Item as Record<string, unknown>).deleted === undefined) return { pauseMs: 900 };
      return null;
    });
    try {
      await deliver([removal, recreation], 'in one batch');
    } finally {
      p.dynamoFaults.setRule(null);
    }
    expect(await p.store.get(key)).toMatchObject({ source: { sequencer: seq(recreation) } });
  });
});
