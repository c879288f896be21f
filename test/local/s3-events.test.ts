import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSequencers, decodeS3Key, parseNotification } from '../../shared/s3-event';
import {
  changeFromS3rverRecord,
  encodeS3EventKey,
  SEQUENCER_WIDTH,
  SequencerClock,
  stripEtagQuotes,
  toS3EventRecord,
  type ObjectChange,
  type S3rverEventRecord,
} from '../../local/s3-events';

describe('encodeS3EventKey', () => {
  // Keys and encodings as S3 wrote them in events (S3 user guide; reports in aws-sdk-js#837,
  // aws-sdk-net#640, aws-sam-cli#379): form encoding, `/` left as it is.
  it.each([
    ['red flower.jpg', 'red+flower.jpg'],
    ['this im + age blah.txt', 'this+im+%2B+age+blah.txt'],
    ['test/10:47:07.20151213-1450022300.log.bz2', 'test/10%3A47%3A07.20151213-1450022300.log.bz2'],
    ['something/dt=2018-05-04/_SUCCESS', 'something/dt%3D2018-05-04/_SUCCESS'],
    ['100% sure.txt', '100%25+sure.txt'],
    ['report (1) copy.txt', 'report+%281%29+copy.txt'],
    ["it's~fine!.txt", 'it%27s%7Efine%21.txt'],
    ['a*b.c-d_e.txt', 'a*b.c-d_e.txt'],
    ['سانا/خبر.txt', '%D8%B3%D8%A7%D9%86%D8%A7/%D8%AE%D8%A8%D8%B1.txt'],
  ])('%s -> %s', (key, encoded) => {
    expect(encodeS3EventKey(key)).toBe(encoded);
  });

  it('decodes back to the key with the ingest path decoder, for any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (key) => {
        const { key: decoded, undecoded } = decodeS3Key(encodeS3EventKey(key));
        expect(undecoded).toEqual([]);
        expect(decoded).toBe(key);
      }),
    );
  });

  it('leaves no space, a plus only for each space, and a percent sign only in an escape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 30 }), (key) => {
        const encoded = encodeS3EventKey(key);
        expect(encoded).not.toContain(' ');
        expect(encoded.split('+').length).toBe(key.split(' ').length);
        expect(encoded).not.toMatch(/%(?![0-9A-F]{2})/);
      }),
    );
  });
});

describe('SequencerClock', () => {
  it('grows strictly even when the clock stands still', () => {
    const clock = new SequencerClock(null, () => 1_700_000_000_000);
    const values = Array.from({ length: 1000 }, () => clock.next());
    for (let i = 1; i < values.length; i += 1) expect(compareSequencers(values[i - 1], values[i])).toBe(-1);
    expect(new Set(values).size).toBe(values.length);
  });

  it('grows when the clock steps back', () => {
    let now = 1_700_000_000_500;
    const clock = new SequencerClock(null, () => now);
    const first = clock.next();
    now -= 400;
    const second = clock.next();
    expect(compareSequencers(first, second)).toBe(-1);
  });

  it('carries on above the last value of a previous run, whatever the clock says', () => {
    const before = new SequencerClock(null, () => 1_700_000_000_000);
    before.next();
    const last = before.next();
    const after = new SequencerClock(before.last, () => 1_600_000_000_000);
    expect(before.last).toBe(last);
    expect(compareSequencers(last, after.next())).toBe(-1);
  });

  it('follows the clock when it moves on, in fixed-width upper-case hex', () => {
    let now = 1_700_000_000_000;
    const clock = new SequencerClock(null, () => now);
    const a = clock.next();
    now += 1;
    const b = clock.next();
    expect(a).toMatch(new RegExp(`^[0-9A-F]{${SEQUENCER_WIDTH}}$`));
    expect(b).toMatch(new RegExp(`^[0-9A-F]{${SEQUENCER_WIDTH}}$`));
    expect(BigInt(`0x${b}`) - BigInt(`0x${a}`)).toBe(1n << 24n);
    // A plain string comparison orders them too (what a DynamoDB condition does).
    expect(a < b).toBe(true);
  });
});

describe('toS3EventRecord', () => {
  const time = new Date('2024-03-22T10:00:00.000Z');
  const base = { bucket: 'dateline-articles', key: 'أخبار/red flower+1.txt', time, sourceIp: '127.0.0.1' };

  it('shapes a put as S3 does, and the ingest parser reads it back', () => {
    const change: ObjectChange = { ...base, kind: 'Put', size: 1305, eTag: '"b21b84d653bb07b05b1e6b33684dc11b"' };
    const record = toS3EventRecord(change, { sequencer: '0000018E0F6F405D6E', region: 'us-east-1' });
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2024-03-22T10:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: 'dateline-articles', arn: 'arn:aws:s3:::dateline-articles' },
        object: { key: '%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/red+flower%2B1.txt', size: 1305, eTag: 'b21b84d653bb07b05b1e6b33684dc11b', sequencer: '0000018E0F6F405D6E' },
      },
    });
    const parsed = parseNotification({ Records: [record] });
    expect(parsed.kind).toBe('records');
    if (parsed.kind !== 'records') return;
    expect(parsed.records[0]).toMatchObject({ action: 'created', key: base.key, etag: 'b21b84d653bb07b05b1e6b33684dc11b', size: 1305 });
  });

  it.each([
    ['Post', 'ObjectCreated:Post'],
    ['Copy', 'ObjectCreated:Copy'],
    ['CompleteMultipartUpload', 'ObjectCreated:CompleteMultipartUpload'],
    ['Delete', 'ObjectRemoved:Delete'],
  ] as const)('names a %s %s', (kind, eventName) => {
    expect(toS3EventRecord({ ...base, kind, size: 1, eTag: 'x' }, { sequencer: '01', region: 'us-east-1' }).eventName).toBe(eventName);
  });

  it('gives a delete neither size nor eTag, as S3 does', () => {
    const record = toS3EventRecord({ ...base, kind: 'Delete' }, { sequencer: '01', region: 'us-east-1' });
    expect(Object.keys(record.s3.object)).toEqual(['key', 'sequencer']);
  });
});

describe('changeFromS3rverRecord', () => {
  const time = new Date('2024-03-22T10:00:00.000Z');
  const raw = (eventName: string, object: S3rverEventRecord['s3']['object']): S3rverEventRecord => ({
    eventName,
    s3: { bucket: { name: 'b' }, object },
  });

  it('recognises a completed multipart upload, which s3rver reports as a POST', () => {
    const change = changeFromS3rverRecord(raw('ObjectCreated:Post', { key: 'big file.txt', size: 10, eTag: 'abc' }), { method: 'POST', query: { uploadId: 'u1' }, responseEtag: '"def-2"' }, time);
    expect(change).toMatchObject({ kind: 'CompleteMultipartUpload', key: 'big file.txt', eTag: 'def-2', size: 10 });
  });

  it('keeps a form POST a Post', () => {
    expect(changeFromS3rverRecord(raw('ObjectCreated:Post', { key: 'k', size: 1, eTag: 'abc' }), { method: 'POST', query: {} }, time)?.kind).toBe('Post');
  });

  it('takes the eTag of a copy from the response, since s3rver leaves it out', () => {
    const change = changeFromS3rverRecord(raw('ObjectCreated:Copy', { key: 'k', size: 5 }), { method: 'PUT', query: {}, responseEtag: '"0cc175b9c0f1b6a831c399e269772661"' }, time);
    expect(change).toMatchObject({ kind: 'Copy', eTag: '0cc175b9c0f1b6a831c399e269772661', size: 5 });
  });

  it('leaves deletes to the store hook', () => {
    expect(changeFromS3rverRecord(raw('ObjectRemoved:Delete', { key: 'k' }), { method: 'DELETE', query: {} }, time)).toBeNull();
  });
});

describe('stripEtagQuotes', () => {
  it.each([
    ['"abc"', 'abc'],
    ['abc', 'abc'],
    ['W/"abc-2"', 'abc-2'],
  ])('%s -> %s', (etag, bare) => expect(stripEtagQuotes(etag)).toBe(bare));
});
