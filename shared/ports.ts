/**
 * The ports the core and the handlers talk through. Adapters (adapters/) implement them with the
 * AWS SDK; the same adapters serve Lambda, the local stack and the tests, pointed at different
 * endpoints. Nothing here imports the SDK.
 */
import type { ArticleRecord, Duplicate } from './record';

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
  /**
   * Whether the version an event names is still the object's current one (its `versionId`, or on
   * an unversioned bucket its `etag`). False when the key is gone or holds another version: a
   * versioned bucket still serves the old version, so `read` alone would bring a deleted object back.
   */
  isCurrent(ref: { bucket: string; key: string; versionId?: string | null; etag?: string | null }): Promise<boolean>;
}

/** How a conditional write ended: applied, or refused because a newer (or the same) event already had its say. */
export type WriteOutcome = 'written' | 'stale';

/**
 * The near-duplicate index (shared/duplicates.ts): index items written per article (by
 * `ArticleStore.stage`), queried by the ingest handler before it commits a record, and back-links
 * on earlier records.
 */
export interface DuplicateIndex {
  /** Near-duplicates of the record already stored: at most 4 Queries, verified against the stored records. */
  find(record: ArticleRecord): Promise<Duplicate[]>;
  /**
   * Adds `entry` to the duplicates of the record stored under `key`, once. 'refused' when that
   * record is gone, deleted or its list is full: the caller then drops its own forward link, so
   * that every link has its back-link and a delete can take both away.
   */
  link(key: string, entry: Duplicate): Promise<'linked' | 'refused'>;
  /** Removes `other` from the duplicates of the record stored under `key` (nothing if absent). */
  unlink(key: string, other: string): Promise<void>;
  /**
   * Runs `work` holding a short lease on the pair `a`, `b`: changes to the links between two
   * articles (a back-link, a clean-up taking one away) go one at a time, each reading both sides.
   */
  paired<T>(a: string, b: string, work: () => Promise<T>): Promise<T>;
}

/** A write begun by `ArticleStore.stage`. */
export interface StagedWrite {
  /** True when the stored record is this version or a newer one: nothing was written, and `commit` answers 'stale'. */
  readonly stale: boolean;
  /**
   * Puts the record as finally written (the staged one with its duplicates, fitted), on the same
   * condition as the stage; 'stale' if a newer event got there first. Once per stage.
   */
  commit(record: ArticleRecord): Promise<WriteOutcome>;
}

export interface ArticleStore {
  /**
   * First half of a write (of `put`, or of `replace` when `expectedSequencer` is given): reads the
   * stored record and, unless the write is already stale, writes the record's index items, so
   * that near-duplicates ingested at the same time find each other before either is committed.
   */
  stage(record: ArticleRecord, expectedSequencer?: string | null): Promise<StagedWrite>;
  /** Writes the record unless the stored one carries a sequencer >= this one's (stage and commit in one). */
  put(record: ArticleRecord): Promise<WriteOutcome>;
  /**
   * Re-extraction: writes the record only when the stored one carries exactly `expectedSequencer`
   * (the version it was re-extracted from), so an event that landed meanwhile always wins.
   */
  replace(record: ArticleRecord, expectedSequencer: string | null): Promise<WriteOutcome>;
  /** Carries out a clean-up list left on the stored item (a write that died after its put), if any. */
  finish(key: string): Promise<void>;
  /** Removes the record (leaving a short-lived tombstone that remembers the sequencer). */
  remove(ref: { bucket: string; key: string; sequencer: string | null; at: string }): Promise<WriteOutcome>;
  get(key: string): Promise<ArticleRecord | null>;
  /** put and remove keep the index in step: a replaced or removed record's index items and back-links go. */
  readonly duplicates: DuplicateIndex;
}
