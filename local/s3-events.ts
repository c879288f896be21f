/**
 * Shapes the local stack's object changes into S3 event notifications as Amazon S3 writes them.
 *
 * s3rver's own events differ from S3's in ways the ingest handler must not have to know about:
 * its keys are raw (S3 URL-encodes them, a space as `+`), its `sequencer` is `Date.now()` in hex
 * (it repeats within a millisecond, so two quick writes to one key cannot be ordered), multipart
 * completions come out as `ObjectCreated:Post`, copies carry no eTag, and multi-object deletes
 * produce no event at all. Everything here is pure: the s3rver hooks (s3-server.ts) collect what
 * happened and this module says what S3 would have sent.
 */
import { createHash } from 'node:crypto';

/** What happened to one object, as the local S3 server observed it. */
export type ObjectChangeKind = 'Put' | 'Post' | 'Copy' | 'CompleteMultipartUpload' | 'Delete';

export interface ObjectChange {
  readonly kind: ObjectChangeKind;
  readonly bucket: string;
  /** The key as stored (raw, not encoded). */
  readonly key: string;
  /** Size in bytes; created objects only. */
  readonly size?: number;
  /** The ETag without quotes; created objects only. */
  readonly eTag?: string;
  readonly time: Date;
  readonly sourceIp?: string;
  readonly requestId?: string;
}

export const S3_EVENT_NAMES: Readonly<Record<ObjectChangeKind, string>> = {
  Put: 'ObjectCreated:Put',
  Post: 'ObjectCreated:Post',
  Copy: 'ObjectCreated:Copy',
  CompleteMultipartUpload: 'ObjectCreated:CompleteMultipartUpload',
  Delete: 'ObjectRemoved:Delete',
};

/** One record of an S3 event notification (the `Records[n]` of the SQS message body). */
export interface S3NotificationRecord {
  eventVersion: string;
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: '1.0';
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
}

export interface S3Notification {
  Records: S3NotificationRecord[];
}

/**
 * Encodes a key the way S3 writes it into event notifications: as
 * `application/x-www-form-urlencoded` (a space becomes `+`, a `+` becomes `%2B`), except that `/`
 * stays as it is. Letters, digits and `. - _ *` are left alone, as Java's URLEncoder does;
 * everything else is UTF-8 percent-encoded with upper-case hex.
 */
export function encodeS3EventKey(key: string): string {
  return key.split('/').map(encodeFormComponent).join('/');
}

function encodeFormComponent(segment: string): string {
  return encodeURIComponent(segment)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The inverse of {@link encodeS3EventKey}, as an S3 event consumer decodes keys. */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** ETags travel quoted in HTTP headers and XML; S3 events carry them bare. */
export function stripEtagQuotes(etag: string): string {
  return etag.replace(/^(W\/)?"|"$/g, '');
}

/**
 * The ETag S3 gives an object assembled by a multipart upload: the MD5 of the concatenated
 * binary MD5s of its parts, then `-<number of parts>`.
 */
export function multipartEtag(partMd5Hex: readonly string[]): string {
  const hash = createHash('md5');
  for (const md5 of partMd5Hex) hash.update(Buffer.from(md5, 'hex'));
  return `${hash.digest('hex')}-${partMd5Hex.length}`;
}

/** Fixed width of the sequencers: 18 hex digits, the length S3's own usually have. */
export const SEQUENCER_WIDTH = 18;
const COUNTER_BITS = 24n;
const MAX_SEQUENCER = (1n << BigInt(SEQUENCER_WIDTH * 4)) - 1n;

/**
 * Hands out sequencers that grow strictly with every call, so that for any one key a later event
 * always carries a greater sequencer than an earlier one, also within one millisecond and across
 * restarts (start it from the last value handed out before the restart).
 *
 * A value is the wall-clock millisecond shifted left by 24 bits plus a counter; when the clock
 * stands still or steps back, the counter carries on from the last value. Fixed-width upper-case
 * hex, so string comparison and numeric comparison agree.
 */
export class SequencerClock {
  private lastValue: bigint;

  constructor(
    last: string | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.lastValue = last && /^[0-9A-Fa-f]+$/.test(last) ? BigInt(`0x${last}`) : 0n;
  }

  next(): string {
    const fromClock = BigInt(Math.max(0, Math.floor(this.now()))) << COUNTER_BITS;
    const value = fromClock > this.lastValue ? fromClock : this.lastValue + 1n;
    if (value > MAX_SEQUENCER) throw new RangeError('sequencer overflow');
    this.lastValue = value;
    return formatSequencer(value);
  }

  /** The last sequencer handed out, to persist across restarts (null before the first). */
  get last(): string | null {
    return this.lastValue === 0n ? null : formatSequencer(this.lastValue);
  }
}

function formatSequencer(value: bigint): string {
  return value.toString(16).toUpperCase().padStart(SEQUENCER_WIDTH, '0');
}

export interface ShapeOptions {
  readonly sequencer: string;
  readonly region: string;
}

/** The S3 event notification record for one object change. */
export function toS3EventRecord(change: ObjectChange, options: ShapeOptions): S3NotificationRecord {
  // S3 gives size and eTag for created objects only; the key order follows S3's.
  const created = change.kind !== 'Delete';
  const object: S3NotificationRecord['s3']['object'] = {
    key: encodeS3EventKey(change.key),
    ...(created ? { size: change.size ?? 0 } : {}),
    ...(created && change.eTag !== undefined ? { eTag: stripEtagQuotes(change.eTag) } : {}),
    sequencer: options.sequencer,
  };
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region,
    eventTime: change.time.toISOString(),
    eventName: S3_EVENT_NAMES[change.kind],
    userIdentity: { principalId: LOCAL_PRINCIPAL },
    requestParameters: { sourceIPAddress: change.sourceIp ?? '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': change.requestId ?? requestIdFor(options.sequencer),
      'x-amz-id-2': createHash('sha256').update(`dateline-local/${options.sequencer}`).digest('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: LOCAL_CONFIGURATION_ID,
      bucket: { name: change.bucket, ownerIdentity: { principalId: LOCAL_PRINCIPAL }, arn: `arn:aws:s3:::${change.bucket}` },
      object,
    },
  };
}

/** The principal s3rver's dummy account stands for. */
const LOCAL_PRINCIPAL = 'AWS:S3RVER';
/** Names the notification configuration, as the CDK stack's S3 -> SQS notification would have one. */
const LOCAL_CONFIGURATION_ID = 'dateline-local-ingest';

function requestIdFor(sequencer: string): string {
  return sequencer.slice(-16);
}

/** What the s3rver hook knows about the request that made s3rver emit an event. */
export interface S3rverRequestInfo {
  readonly method: string;
  readonly query: Readonly<Record<string, unknown>>;
  /** ETag from the response (the `ETag` header, or the XML result's ETag for copy/complete). */
  readonly responseEtag?: string;
  readonly sourceIp?: string;
}

/** The subset of s3rver's event record that is read. */
export interface S3rverEventRecord {
  readonly eventName: string;
  readonly eventTime?: string;
  readonly s3: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string; readonly size?: number; readonly eTag?: string } };
}

/**
 * Turns one of s3rver's own event records into an {@link ObjectChange}, fixing what it gets wrong:
 * a completed multipart upload is emitted as `ObjectCreated:Post` (recognised here by the
 * request's `uploadId`), and a copy carries no eTag (taken from the response). Deletes return
 * null: they are reported by the store hook, which also sees multi-object deletes.
 */
export function changeFromS3rverRecord(record: S3rverEventRecord, request: S3rverRequestInfo, time: Date): ObjectChange | null {
  const kind = kindOf(record.eventName, request);
  if (kind === null || kind === 'Delete') return null;
  const eTag = request.responseEtag ?? record.s3.object.eTag;
  return {
    kind,
    bucket: record.s3.bucket.name,
    key: record.s3.object.key,
    size: record.s3.object.size === undefined ? 0 : Number(record.s3.object.size),
    ...(eTag === undefined ? {} : { eTag: stripEtagQuotes(eTag) }),
    time,
    ...(request.sourceIp === undefined ? {} : { sourceIp: request.sourceIp }),
  };
}

function kindOf(s3rverEventName: string, request: S3rverRequestInfo): ObjectChangeKind | null {
  switch (s3rverEventName) {
    case 'ObjectCreated:Put':
      return 'Put';
    case 'ObjectCreated:Copy':
      return 'Copy';
    case 'ObjectCreated:Post':
      return request.method === 'POST' && 'uploadId' in request.query ? 'CompleteMultipartUpload' : 'Post';
    case 'ObjectRemoved:Delete':
      return 'Delete';
    default:
      return null;
  }
}
