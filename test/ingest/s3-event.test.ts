import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSequencers,
  decodeS3Key,
  encodeS3Key,
  normalizeSequencer,
  parseMessageBody,
  parseNotification,
  parseSqsEvent,
  UnrecognizedMessageError,
  type ParsedMessage,
} from '../../shared/s3-event';
import { awsEventFixtures } from './aws-fixtures';

/** What each AWS sample is; a new sample fails the loop below until it is listed here. */
type Expectation =
  | { as: 'notification'; kind: 'test' | 'records'; actions?: ('created' | 'removed')[] }
  | { as: 'notification'; unrecognized: RegExp }
  | { as: 'sqs'; bodies: ('records' | 'test' | 'unrecognized')[] };

const EXPECTED: Record<string, Expectation> = {
  's3-base.json': { as: 'notification', kind: 'records', actions: ['created'] },
  's3-decoded-key.json': { as: 'notification', kind: 'records', actions: ['created'] },
  's3-delete-object.json': { as: 'notification', kind: 'records', actions: ['removed'] },
  // An ObjectCreated:Put that carries glacierEventData: a created event like any other.
  's3-glacier.json': { as: 'notification', kind: 'records', actions: ['created'] },
  's3-object-iam-user.json': { as: 'notification', unrecognized: /Object Lambda/ },
  's3-object-temp-credentials.json': { as: 'notification', unrecognized: /Object Lambda/ },
  's3-s3-lifecycle-event.json': { as: 'notification', kind: 'records', actions: ['removed'] },
  's3-sqs-event.json': { as: 'sqs', bodies: ['records'] },
  's3-test-event.json': { as: 'notification', kind: 'test' },
  'sqs-base.json': { as: 'sqs', bodies: ['unrecognized', 'unrecognized'] },
};

type Raw = { Records: { s3: { object: { key: string; urlDecodedKey?: string; size?: number; sequencer?: string } }; eventName: string }[] };

describe('the AWS event samples', () => {
  const fixtures = awsEventFixtures();

  it.skipIf(fixtures.length === 0).each(fixtures)('$name parses as expected', ({ name, json }) => {
    const expected = EXPECTED[name];
    expect(expected, `no expectation for ${name}`).toBeDefined();
    if (!expected) return;

    if (expected.as === 'sqs') {
      const event = parseSqsEvent(json);
      const kinds = event.Records.map((record) => {
        try {
          return parseMessageBody(record.body).kind;
        } catch (error) {
          expect(error).toBeInstanceOf(UnrecognizedMessageError);
          return 'unrecognized';
        }
      });
      expect(kinds).toEqual(expected.bodies);
      return;
    }
    if ('unrecognized' in expected) {
      expect(() => parseNotification(json)).toThrow(UnrecognizedMessageError);
      expect(() => parseNotification(json)).toThrow(expected.unrecognized);
      return;
    }
    const parsed = parseNotification(json);
    expect(parsed.kind).toBe(expected.kind);
    if (parsed.kind !== 'records') return;
    expect(parsed.records.map((r) => r.action)).toEqual(expected.actions);
    const raw = (json as Raw).Records;
    parsed.records.forEach((event, i) => {
      const object = raw[i]!.s3.object;
      expect(event.rawKey).toBe(object.key);
      expect(event.key).toBe(object.urlDecodedKey ?? decodeURIComponent(object.key.replace(/\+/g, ' ')));
      expect(event.size).toBe(object.size ?? null);
      expect(event.sequencer).toBe(normalizeSequencer(object.sequencer));
    });
  });

  it.skipIf(fixtures.length === 0)('has an expectation for every sample and a sample for every expectation', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.skipIf(fixtures.length === 0)('decodes the URL-encoded key of the decoded-key sample and keeps its odd sequencer unordered', () => {
    const parsed = parseNotification(fixtures.find((f) => f.name === 's3-decoded-key.json')!.json) as Extract<ParsedMessage, { kind: 'records' }>;
    expect(parsed.records[0]).toMatchObject({ key: 'Happy Face.jpg', rawKey: 'Happy%20Face.jpg', versionId: 'version', sequencer: null, rawSequencer: 'Happy Sequencer' });
  });

  it.skipIf(fixtures.length === 0)('reads the S3 notification inside the SQS sample body', () => {
    const event = parseSqsEvent(fixtures.find((f) => f.name === 's3-sqs-event.json')!.json);
    const parsed = parseMessageBody(event.Records[0]!.body) as Extract<ParsedMessage, { kind: 'records' }>;
    expect(parsed.records[0]).toMatchObject({ bucket: 'xxx', key: 'test.pdf', versionId: 'yd3d4HaWOT2zguDLvIQLU6ptDTwKBnQV', etag: '2e3ad1e983318bbd8e73b080e2997980' });
  });
});

describe('parseMessageBody', () => {
  const s3Record = (eventName: string, key = 'a.txt', extra: Record<string, unknown> = {}) => ({
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2024-03-01T10:00:00.000Z',
    eventName,
    s3: { bucket: { name: 'b' }, object: { key, sequencer: '0065E1A8C0A1B2C3D4', ...extra } },
  });

  it.each([
    ['not JSON', 'Test message.', /not JSON/],
    ['an empty object', '{}', /not an S3 notification/],
    ['empty Records', '{"Records":[]}', /not an S3 notification/],
    ['a record without a key', JSON.stringify({ Records: [{ ...s3Record('ObjectCreated:Put'), s3: { bucket: { name: 'b' }, object: {} } }] }), /not an S3 notification/],
    ['an SQS record from another source', JSON.stringify({ Records: [{ ...s3Record('ObjectCreated:Put'), eventSource: 'aws:sqs' }] }), /not an S3 notification/],
    ['null', 'null', /not an S3 notification/],
  ])('rejects %s with UnrecognizedMessageError', (_label, body, message) => {
    expect(() => parseMessageBody(body)).toThrow(UnrecognizedMessageError);
    expect(() => parseMessageBody(body)).toThrow(message);
  });

  it('classifies event names: created, removed, and acknowledged-but-ignored', () => {
    const body = JSON.stringify({
      Records: [
        s3Record('ObjectCreated:CompleteMultipartUpload'),
        s3Record('ObjectRemoved:DeleteMarkerCreated', 'a.txt', { versionId: 'v2' }),
        s3Record('LifecycleExpiration:DeleteMarkerCreated'),
        s3Record('ObjectRemoved:Delete', 'a.txt', { versionId: 'v1' }),
        s3Record('ObjectRestore:Completed'),
        s3Record('LifecycleTransition'),
        s3Record('ObjectTagging:Put'),
      ],
    });
    const parsed = parseMessageBody(body) as Extract<ParsedMessage, { kind: 'records' }>;
    expect(parsed.records.map((r) => [r.eventName, r.action, r.versionOnly])).toEqual([
      ['ObjectCreated:CompleteMultipartUpload', 'created', false],
      ['ObjectRemoved:DeleteMarkerCreated', 'removed', false],
      ['LifecycleExpiration:DeleteMarkerCreated', 'removed', false],
      // Deleting one version of a versioned object: another version may still be current.
      ['ObjectRemoved:Delete', 'removed', true],
    ]);
    expect(parsed.ignored.map((i) => i.eventName)).toEqual(['ObjectRestore:Completed', 'LifecycleTransition', 'ObjectTagging:Put']);
    expect(parsed.ignored[0]!.reason).toMatch(/restor/);
  });
});

describe('decodeS3Key', () => {
  it.each([
    ['space as +', 'annual+report.txt', 'annual report.txt'],
    ['a literal + as %2B', 'a%2Bb.txt', 'a+b.txt'],
    ['a literal % as %25', '100%25+sure.txt', '100% sure.txt'],
    ['Arabic letters', 'wires/%D8%AF%D9%85%D8%B4%D9%82-%D8%B3%D8%A7%D9%86%D8%A7.txt', 'wires/دمشق-سانا.txt'],
    ['lower-case hex', '%d8%af', 'د'],
    ['slashes left alone', 'a/b/c', 'a/b/c'],
  ])('decodes %s', (_label, raw, key) => {
    expect(decodeS3Key(raw)).toEqual({ key, undecoded: [] });
  });

  it.each([
    ['a lone %', '50%.txt', '50%.txt', ['%']],
    ['% followed by non-hex', '%zz.txt', '%zz.txt', ['%']],
    ['a byte that is not UTF-8', 'a%FFb', 'a%FFb', ['%FF']],
    ['a truncated sequence before a good one', '%D8%D8%AF', '%D8د', ['%D8']],
    ['a truncated sequence at the end', 'x%E2%82', 'x%E2%82', ['%E2', '%82']],
  ])('keeps %s as it was, and says so', (_label, raw, key, undecoded) => {
    expect(decodeS3Key(raw)).toEqual({ key, undecoded });
  });

  it('inverts encodeS3Key for any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (key) => {
        const encoded = encodeS3Key(key);
        expect(encoded).not.toMatch(/ /);
        expect(decodeS3Key(encoded)).toEqual({ key, undecoded: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the raw key', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', 'A', 'f', '8', 'D', '+', 'z', 'د'), maxLength: 30 }), (raw) => {
        expect(() => decodeS3Key(raw)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('sequencers', () => {
  const hex = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: min, maxLength: max });
  /** The value AWS says to compare: right-padded with zeros to a common width. */
  const rightPadded = (a: string, b: string): [bigint, bigint] => {
    const width = Math.max(a.length, b.length);
    return [BigInt(`0x${a.padEnd(width, '0')}`), BigInt(`0x${b.padEnd(width, '0')}`)];
  };

  it('normalizes to 32 upper-case digits, padded on the right', () => {
    expect(normalizeSequencer('0055aed6dcd90281e5')).toBe('0055AED6DCD90281E5' + '0'.repeat(14));
    expect(normalizeSequencer('0055AED6DCD90281E5')).toHaveLength(32);
  });

  it('returns null for a missing or non-hex sequencer', () => {
    expect(normalizeSequencer(undefined)).toBeNull();
    expect(normalizeSequencer(null)).toBeNull();
    expect(normalizeSequencer('')).toBeNull();
    expect(normalizeSequencer('Happy Sequencer')).toBeNull();
  });

  it('orders same-length sequencers as hex numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }).chain((n) => fc.tuple(hex(n, n), hex(n, n))), ([a, b]) => {
        const expected = Math.sign(Number(BigInt(`0x${a}`) - BigInt(`0x${b}`)));
        expect(Math.sign(compareSequencers(a, b))).toBe(expected);
        expect(Math.sign((normalizeSequencer(a)! > normalizeSequencer(b)! ? 1 : 0) - (normalizeSequencer(a)! < normalizeSequencer(b)! ? 1 : 0))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('orders sequencers of different lengths as AWS says (right-padded), also beyond 32 digits', () => {
    fc.assert(
      fc.property(hex(1, 40), hex(1, 40), (a, b) => {
        const [x, y] = rightPadded(a, b);
        const expected = x === y ? 0 : x < y ? -1 : 1;
        expect(Math.sign(compareSequencers(a, b))).toBe(expected);
        // The normalized strings alone (as stored in DynamoDB) compare the same way.
        const [n, m] = [normalizeSequencer(a)!, normalizeSequencer(b)!];
        expect(n === m ? 0 : n < m ? -1 : 1).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('puts an unordered (null) sequencer before every real one', () => {
    expect(compareSequencers(null, '00')).toBeLessThan(0);
    expect(compareSequencers('01', 'Happy Sequencer')).toBeGreaterThan(0);
    expect(compareSequencers(null, undefined)).toBe(0);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hex(1, 64), (a) => {
        expect(normalizeSequencer(normalizeSequencer(a))).toBe(normalizeSequencer(a));
      }),
    );
  });
});
