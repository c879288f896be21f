/**
 * The comparison the delivery tests and the soak rely on can fail: each way a table can be wrong
 * (a record missing, an older record, a record outliving its object, a second item for a key) is
 * produced here for real and must be counted.
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordToItem } from '../../shared/items';
import { decodeS3Key } from '../../shared/s3-event';
import { compareWithBucket } from './harness/final-state';
import { ARABIC_ARTICLE, ENGLISH_ARTICLE } from './harness/inputs';
import { startPipeline, type Pipeline } from './harness/pipeline';

let p: Pipeline;
beforeAll(async () => {
  p = await startPipeline({ delivery: 'held' });
});
afterAll(() => p?.stop());

const put = (key: string, body: string) => p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: body }));
const eventsOf = (key: string) => p.held.filter((e) => decodeS3Key(e.s3.object.key).key === key);
const compare = () => compareWithBucket({ s3: p.s3, doc: p.doc, bucket: p.bucket, tableName: p.table, events: p.events });

describe('compareWithBucket', () => {
  it('counts lost, stale and duplicated keys, and nothing else', async () => {
    // Right: put and delivered.
    await put('right.txt', ENGLISH_ARTICLE);
    // Lost: put, its event never delivered.
    await put('lost.txt', ENGLISH_ARTICLE);
    // Stale (older bytes): two versions, only the first event delivered before the second put.
    await put('stale-bytes.txt', ENGLISH_ARTICLE);
    // Stale (older event of the same bytes): re-uploaded, only the first event delivered.
    await put('stale-sequencer.txt', ENGLISH_ARTICLE);
    await put('stale-sequencer.txt', ENGLISH_ARTICLE);
    // Stale (outlived its object): delivered, then deleted without delivering the delete.
    await put('orphan.txt', ARABIC_ARTICLE);
    // Duplicated: its record is also written under another key.
    await put('twin.txt', ARABIC_ARTICLE);

    p.deliver(...eventsOf('right.txt'), ...eventsOf('stale-bytes.txt'), eventsOf('stale-sequencer.txt')[0]!, ...eventsOf('orphan.txt'), ...eventsOf('twin.txt'));
    expect(await p.settle()).toBe(true);
    await put('stale-bytes.txt', ARABIC_ARTICLE);
    await p.s3.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: 'orphan.txt' }));
    const twin = await p.store.get('twin.txt');
    await p.doc.send(new PutCommand({ TableName: p.table, Item: { ...recordToItem(twin!), pk: 'A#twin-copy.txt' } }));

    const report = await compare();
    expect([...report.lost].sort()).toEqual(['lost.txt']);
    expect([...report.stale].sort()).toEqual(['orphan.txt', 'stale-bytes.txt', 'stale-sequencer.txt']);
    expect([...report.duplicated].sort()).toEqual(['twin.txt']);
    expect(report.reasons.get('stale-sequencer.txt')).toMatch(/newest event of these bytes/);
  });
});
