/**
 * What arrives on the ingest queue, parsed at the edge: the SQS envelope, the S3 event notification
 * (or the `s3:TestEvent` S3 sends once when a notification is configured), and from it one
 * `ObjectEvent` per object change with the key decoded and the sequencer made comparable.
 *
 * Event names (S3 writes them without the `s3:` prefix inside `Records`):
 * - `ObjectCreated:*` (Put, Post, Copy, CompleteMultipartUpload) -> `created`. The Glacier sample
 *   is an `ObjectCreated:Put` carrying `glacierEventData`: it is a created event like any other.
 * - `ObjectRemoved:Delete`, `ObjectRemoved:DeleteMarkerCreated` -> `removed`.
 * - `LifecycleExpiration:Delete`, `LifecycleExpiration:DeleteMarkerCreated` -> `removed`: an expiry
 *   rule deleted the object (S3 reports these instead of `ObjectRemoved:*`, so the bucket's
 *   notification must subscribe to `s3:LifecycleExpiration:*` for them to arrive at all).
 * - Everything else (`ObjectRestore:*`, `LifecycleTransition`, `ObjectTagging:*`, `ObjectAcl:Put`,
 *   `IntelligentTiering`, `Replication:*`, `LifecycleDelMarkerExpiration:*`, ...) leaves the
 *   object's bytes as they were: listed as `ignored`, with the reason, and acknowledged.
 *
 * Pure: no AWS SDK, no environment.
 */
import * as z from './zod';

/** One S3 event record. Only what ingest uses is required; S3 adds fields over time. */
export const S3EventRecordSchema = z.object({
  eventVersion: z.string(),
  eventSource: z.literal('aws:s3'),
  awsRegion: z.string(),
  eventTime: z.string(),
  eventName: z.string().min(1),
  s3: z.object({
    s3SchemaVersion: z.string().optional(),
    configurationId: z.string().optional(),
    bucket: z.object({ name: z.string().min(1), arn: z.string().optional() }),
    object: z.object({
      key: z.string().min(1),
      size: z.number().int().nonnegative().optional(),
      eTag: z.string().optional(),
      versionId: z.string().nullish(),
      sequencer: z.string().optional(),
    }),
  }),
  glacierEventData: z
    .object({
      restoreEventData: z.object({
        lifecycleRestorationExpiryTime: z.string().optional(),
        lifecycleRestoreStorageClass: z.string().optional(),
      }),
    })
    .optional(),
});
export type S3EventRecord = z.infer<typeof S3EventRecordSchema>;

export const S3NotificationSchema = z.object({ Records: z.array(S3EventRecordSchema).min(1) });
export type S3Notification = z.infer<typeof S3NotificationSchema>;

/** Sent once by S3 when a notification configuration is saved; it has no `Records`. */
export const S3TestEventSchema = z.object({
  Service: z.literal('Amazon S3'),
  Event: z.literal('s3:TestEvent'),
  Time: z.string().optional(),
  Bucket: z.string().optional(),
  RequestId: z.string().optional(),
  HostId: z.string().optional(),
});
export type S3TestEvent = z.infer<typeof S3TestEventSchema>;

export const SqsRecordSchema = z.object({
  messageId: z.string().min(1),
  receiptHandle: z.string(),
  body: z.string(),
  attributes: z.record(z.string(), z.string()),
  messageAttributes: z.record(z.string(), z.unknown()),
  md5OfBody: z.string(),
  eventSource: z.literal('aws:sqs'),
  eventSourceARN: z.string(),
  awsRegion: z.string(),
});
export type SqsRecord = z.infer<typeof SqsRecordSchema>;

export const SqsEventSchema = z.object({ Records: z.array(SqsRecordSchema) });
export type SqsEvent = z.infer<typeof SqsEventSchema>;

/** One change to one object, ready for the handler. */
export interface ObjectEvent {
  /** As S3 wrote it, e.g. `ObjectCreated:Put`. */
  readonly eventName: string;
  readonly action: 'created' | 'removed';
  /**
   * True when the event permanently deleted one version of a versioned object (`...:Delete` with a
   * `versionId`): another version may still be current, so the key is not necessarily gone.
   */
  readonly versionOnly: boolean;
  readonly bucket: string;
  /** The key decoded (`+` is a space, then percent-decoding). */
  readonly key: string;
  /** The key as the event carried it (URL-encoded). */
  readonly rawKey: string;
  /** Set when part of the raw key was not a valid escape and was kept as it was. */
  readonly keyProblem: string | null;
  /** Bytes; `null` on removals, which do not carry it. */
  readonly size: number | null;
  readonly etag: string | null;
  readonly versionId: string | null;
  /** Normalized (`normalizeSequencer`); `null` when the event had none or it was not hex. */
  readonly sequencer: string | null;
  /** The sequencer as the event carried it. */
  readonly rawSequencer: string | null;
  readonly eventTime: string;
}

/** An event ingest acknowledges without acting on, with the reason. */
export interface IgnoredEvent {
  readonly eventName: string;
  readonly bucket: string;
  readonly key: string;
  readonly reason: string;
}

/**
 * Not from S3: `dateline reindex` sends one per object so that an improved extractor reaches
 * records already stored. `force` re-extracts even a record of the running extractor's version.
 */
export const ReindexMessageSchema = z.object({
  dateline: z.literal('reindex'),
  bucket: z.string().min(1),
  key: z.string().min(1),
  force: z.boolean().optional(),
});
export type ReindexMessage = z.infer<typeof ReindexMessageSchema>;

/** The SQS body of a reindex request for one object. */
export function reindexMessageBody(bucket: string, key: string, force = false): string {
  const message: ReindexMessage = { dateline: 'reindex', bucket, key, ...(force ? { force: true } : {}) };
  return JSON.stringify(message);
}

export type ParsedMessage =
  | { readonly kind: 'test'; readonly bucket: string | null }
  | { readonly kind: 'reindex'; readonly bucket: string; readonly key: string; readonly force: boolean }
  | { readonly kind: 'records'; readonly records: ObjectEvent[]; readonly ignored: IgnoredEvent[] };

/** The message is not something S3 sends to a bucket notification: retrying will not change that. */
export class UnrecognizedMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecognizedMessageError';
  }
}

/** Parses an SQS message body: an S3 notification, the S3 test event or a reindex request. Throws `UnrecognizedMessageError`. */
export function parseMessageBody(body: string): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    throw new UnrecognizedMessageError(`message body is not JSON: ${preview(body)}`, { cause });
  }
  const reindex = ReindexMessageSchema.safeParse(value);
  if (reindex.success) return { kind: 'reindex', bucket: reindex.data.bucket, key: reindex.data.key, force: reindex.data.force ?? false };
  return parseNotification(value);
}

/** Parses an S3 notification (or test event) that is already an object, e.g. delivered directly. */
export function parseNotification(value: unknown): ParsedMessage {
  const test = S3TestEventSchema.safeParse(value);
  if (test.success) return { kind: 'test', bucket: test.data.Bucket ?? null };

  const notification = S3NotificationSchema.safeParse(value);
  if (!notification.success) {
    throw new UnrecognizedMessageError(describeUnrecognized(value), { cause: notification.error });
  }
  const records: ObjectEvent[] = [];
  const ignored: IgnoredEvent[] = [];
  for (const record of notification.data.Records) {
    const event = toObjectEvent(record);
    if ('reason' in event) ignored.push(event);
    else records.push(event);
  }
  return { kind: 'records', records, ignored };
}

/** Validates a whole SQS batch event (fixtures, the local queue). Throws a `ZodError` when malformed. */
export function parseSqsEvent(value: unknown): SqsEvent {
  return SqsEventSchema.parse(value);
}

function toObjectEvent(record: S3EventRecord): ObjectEvent | IgnoredEvent {
  const { object, bucket } = record.s3;
  const { key, undecoded } = decodeS3Key(object.key);
  const action = actionOf(record.eventName);
  if (action === 'ignored') return { eventName: record.eventName, bucket: bucket.name, key, reason: ignoreReason(record.eventName) };
  const versionId = object.versionId ?? null;
  return {
    eventName: record.eventName,
    action,
    versionOnly: action === 'removed' && versionId !== null && /:Delete$/.test(record.eventName),
    bucket: bucket.name,
    key,
    rawKey: object.key,
    keyProblem: undecoded.length > 0 ? `kept undecodable escapes as they were: ${undecoded.join(' ')}` : null,
    size: object.size ?? null,
    etag: object.eTag ? unquoteEtag(object.eTag) : null,
    versionId,
    sequencer: normalizeSequencer(object.sequencer),
    rawSequencer: object.sequencer ?? null,
    eventTime: record.eventTime,
  };
}

function actionOf(eventName: string): 'created' | 'removed' | 'ignored' {
  const name = eventName.replace(/^s3:/, '');
  if (name.startsWith('ObjectCreated:')) return 'created';
  if (name.startsWith('ObjectRemoved:')) return 'removed';
  if (name === 'LifecycleExpiration:Delete' || name === 'LifecycleExpiration:DeleteMarkerCreated') return 'removed';
  return 'ignored';
}

function ignoreReason(eventName: string): string {
  const name = eventName.replace(/^s3:/, '');
  if (name.startsWith('ObjectRestore:')) return 'restoring an archived copy does not change the object';
  if (name.startsWith('LifecycleTransition') || name.startsWith('IntelligentTiering')) return 'a storage-class change does not change the object';
  if (name.startsWith('LifecycleDelMarkerExpiration')) return 'an expired delete marker leaves no object to index';
  return `${name} does not change the object's bytes`;
}

function describeUnrecognized(value: unknown): string {
  if (value !== null && typeof value === 'object' && 'getObjectContext' in value) {
    return 'an S3 Object Lambda request, not a bucket notification';
  }
  return `not an S3 notification or test event: ${preview(JSON.stringify(value) ?? String(value))}`;
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** S3 quotes ETags in HTTP headers but not in events; store and compare them bare. */
export function unquoteEtag(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/**
 * Decodes a key as S3 encodes it in events: `+` is a space (a literal `+` arrives as `%2B`), then
 * percent escapes are UTF-8 bytes. Never throws: an escape that is not valid UTF-8 (or a lone `%`)
 * is kept as it was and listed in `undecoded`.
 */
export function decodeS3Key(raw: string): { key: string; undecoded: string[] } {
  const undecoded: string[] = [];
  const key = raw.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+|%/g, (run) => decodeEscapes(run, undecoded));
  return { key, undecoded };
}

/** Decodes a run of `%XX` escapes one UTF-8 sequence at a time, so one bad byte spoils only itself. */
function decodeEscapes(run: string, undecoded: string[]): string {
  if (run === '%') {
    undecoded.push(run);
    return run;
  }
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? [];
  let out = '';
  let i = 0;
  while (i < escapes.length) {
    const lead = parseInt(escapes[i]!.slice(1), 16);
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    try {
      out += decodeURIComponent(escapes.slice(i, i + length).join(''));
      i += length;
    } catch {
      undecoded.push(escapes[i]!);
      out += escapes[i]!;
      i += 1;
    }
  }
  return out;
}

/**
 * Encodes a key the way S3 writes it into events: form-encoding (space as `+`, `+` as `%2B`, only
 * letters, digits and `. - _ *` left alone), `/` kept. For tests and hand-made events.
 */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

const SEQUENCER_WIDTH = 32;

/**
 * Makes an S3 sequencer comparable as a plain string (and so in a DynamoDB condition).
 *
 * AWS: "The sequencers can be of different lengths. So, to compare these values, first right pad
 * the shorter value with zeros, and then do a lexicographical comparison." (S3 user guide, event
 * message structure; older editions said "left pad"). Right is what the values show: the leading
 * hex digits are the Unix time in seconds (`00643717F9...` is 2023-04-12T20:43:37Z, one second
 * before that event's `eventTime`), so a longer sequencer adds precision at the end.
 *
 * So: uppercase, right-pad with `0` to 32 digits; beyond 32, drop trailing zeros (they do not
 * change the value). Two normalized sequencers of any length then compare as the padded values do.
 * Returns null for a missing or non-hex sequencer (the `Happy Sequencer` sample): such an event
 * cannot be ordered.
 */
export function normalizeSequencer(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const hex = raw.trim().toUpperCase();
  if (!/^[0-9A-F]{1,128}$/.test(hex)) return null;
  const significant = hex.length > SEQUENCER_WIDTH ? hex.replace(/0+$/, '').padEnd(SEQUENCER_WIDTH, '0') : hex;
  return significant.padEnd(SEQUENCER_WIDTH, '0');
}

/**
 * Orders two sequencers (raw or normalized): negative when `a` is older. A missing or non-hex
 * sequencer sorts before every real one (it cannot prove it is newer).
 */
export function compareSequencers(a: string | null | undefined, b: string | null | undefined): number {
  const x = normalizeSequencer(a);
  const y = normalizeSequencer(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}
