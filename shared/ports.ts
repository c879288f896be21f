/**
 * The ports the core and the handlers talk through. Adapters (adapters/) implement them with the
 * AWS SDK; the same adapters serve Lambda, the local stack and the tests, pointed at different
 * endpoints. Nothing here imports the SDK.
 */
import type { ArticleRecord } from './record';

/** What reading an object gave back. `bytes` holds at most `maxBytes` (+1 to tell "over"). */
export interface ObjectContent {
  readonly bytes: Uint8Array;
  /** The object's full size as S3 reports it, even when only a prefix was read. */
  readonly size: number;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly versionId: string | null;
  readonly lastModified: string | null;
  readonly metadata: Record<string, string>;
}

export interface ObjectReader {
  /**
   * Reads at most `maxBytes` bytes of the object (never buffers more). Resolves `null` when the
   * object (or that version/etag of it) no longer exists: a newer event will say what happened.
   */
  read(ref: { bucket: string; key: string; versionId?: string | null; etag?: string | null }, maxBytes: number): Promise<ObjectContent | null>;
}

/** How a conditional write ended: applied, or refused because a newer (or the same) event already had its say. */
export type WriteOutcome = 'written' | 'stale';

export interface ArticleStore {
  /** Writes the record unless the stored one carries a sequencer >= this one's. */
  put(record: ArticleRecord): Promise<WriteOutcome>;
  /** Removes the record (leaving a short-lived tombstone that remembers the sequencer). */
  remove(ref: { bucket: string; key: string; sequencer: string | null; at: string }): Promise<WriteOutcome>;
  get(key: string): Promise<ArticleRecord | null>;
}
