/**
 * The ports the core and the handlers talk through. Adapters (adapters/) implement them with the
 * AWS SDK; the same adapters serve Lambda, the local stack and the tests, pointed at different
 * endpoints. In-memory implementations (shared/memory-store.ts) serve the fast unit tests.
 * Nothing here imports the SDK.
 */
import type { ArticleKey } from './items';
import type { ProjectedItem } from './projection';
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

/**
 * Short-lived links through which a client fetches one object version from the store itself: for
 * files too large to pass through a function's response.
 */
export interface ObjectLinks {
  /** A GET URL of the version `ref` names (its versionId when it has one), valid `expiresInSeconds`, answered with `contentDisposition`. */
  download(ref: { bucket: string; key: string; versionId?: string | null }, options: { contentDisposition: string; expiresInSeconds: number }): Promise<string>;
}

export interface ObjectReader {
  /**
   * Reads at most `maxBytes` bytes of the object (never buffers more). Resolves `null` when the
   * object (or that version/etag of it) no longer exists: a newer event will say what happened.
   */
  read(ref: { bucket: string; key: string; versionId?: string | null; etag?: string | null }, maxBytes: number): Promise<ObjectContent | null>;
  /**
   * Reads at most `maxBytes` bytes of the object's current version (the key, no version asked for)
   * and resolves `null` when there is none or it is not the version `ref` names (its `versionId`,
   * or on an unversioned bucket its `etag`): the event is outdated, deleted or replaced since. A
   * versioned bucket still serves the old version by its id, so `read` alone would bring a deleted
   * object back; this answers "still current?" and reads the bytes in one request.
   */
  readCurrent(ref: { bucket: string; key: string; versionId?: string | null; etag?: string | null }, maxBytes: number): Promise<ObjectContent | null>;
}

/** How a conditional write ended: applied, or refused because a newer (or the same) event already had its say. */
export type WriteOutcome = 'written' | 'stale';

/**
 * The article items: one conditional PutItem per write. Everything readers find beside an article
 * (entity items, band items, markers) is the projector's, from the table's stream.
 */
export interface ArticleStore {
  /** Writes the record unless the stored item carries a sequencer >= this one's. */
  put(record: ArticleRecord): Promise<WriteOutcome>;
  /**
   * Re-extraction: writes the record only when the stored one carries exactly `expectedSequencer`
   * (the version it was re-extracted from), so an event that landed meanwhile always wins.
   */
  replace(record: ArticleRecord, expectedSequencer: string | null): Promise<WriteOutcome>;
  /** Removes the record (leaving a tombstone that remembers the sequencer) unless the stored one is newer. */
  remove(ref: { bucket: string; key: string; sequencer: string | null; at: string }): Promise<WriteOutcome>;
  /**
   * Whether the stored item (record or tombstone) already carries `sequencer` or a newer one, so
   * that a `put` of it would be refused: asked before extracting, to skip duplicate and late
   * events early. Eventually consistent (half a read unit): a `false` may be out of date, and the
   * put's condition still decides; a `true` is never wrong, since stored sequencers only grow.
   */
  holdsNewer(key: string, sequencer: string | null): Promise<boolean>;
  /** The stored record (strongly consistent); null for none or a tombstone. */
  get(key: string): Promise<ArticleRecord | null>;
}

/** Where the projector writes: whole items put, items deleted by key (each idempotent). */
export interface IndexWriter {
  apply(change: { readonly puts: readonly ProjectedItem[]; readonly deletes: readonly ArticleKey[] }): Promise<void>;
}

/** Where the projector keeps the records mirror (shared/mirror.ts): objects put and deleted by key (each idempotent). */
export interface MirrorStore {
  put(key: string, body: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A row a records query gives back: every value as text (as Athena returns them), null for SQL NULL. */
export type EngineRow = Readonly<Record<string, string | null>>;

/**
 * The query engine over the records mirror (shared/records-sql.ts): DuckDB locally
 * (local/records-engine.ts), Athena on AWS (adapters/athena-engine.ts). Rows stream, so an
 * export of the whole archive never sits in memory.
 */
export interface RecordsEngine {
  rows(query: { readonly sql: string; readonly params: readonly (string | number)[] }): AsyncIterable<EngineRow>;
}
