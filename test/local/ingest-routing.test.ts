/**
 * Which ingest thread a message goes to (local/ingest-thread.ts): by the object key it is about,
 * decoded, so that an S3 event (its key URL-encoded) and a reindex request (its key as stored) of
 * one object reach the same thread, and its writes stay in order.
 */
import { describe, expect, it } from 'vitest';
import { routingKey } from '../../local/ingest-thread';
import { reindexMessageBody } from '../../shared/s3-event';
import { s3Notification } from '../ingest/events';

describe('routingKey', () => {
  it('is the decoded key for an S3 event and for a reindex request of the same object', () => {
    const key = 'أخبار/دمشق يوم 3.txt';
    const event = s3Notification({ eventName: 'ObjectCreated:Put', bucket: 'articles', key, sequencer: '0A1B2C3D4E5F607182' });
    expect(event).not.toContain(key);
    expect(routingKey(event)).toBe(key);
    expect(routingKey(reindexMessageBody('articles', key))).toBe(key);
  });

  it('is the body itself for a message ingest cannot read', () => {
    expect(routingKey('not json')).toBe('not json');
    expect(routingKey('{"Records":"nope"}')).toBe('{"Records":"nope"}');
  });
});
