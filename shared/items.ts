/**
 * Record <-> DynamoDB item, per the single-table layout of `shared/table.ts`:
 * - article item: pk `A#<key>`, sk `A`; the record's fields at the top level; the GSI attributes
 *   `agencyPk` `AG#<agency>#<yyyy-mm>` (only when the article names an agency or outlet), `languagePk` `L#<code>#<yyyy-mm>`, `datePk` `D#<yyyy-mm>`,
 *   each with the sort key `<sortDate>#<key>` (an undated article: `undated` for the month, UNDATED); `sequencer` (normalized) for write conditions; and
 *   `summary`, the record's list summary (`summarize`), the only non-key attribute the GSIs project.
 * - tombstone: same pk/sk, `deleted: true`, `sequencer`, `expiresAt` (TTL, 21 days), and no GSI
 *   attributes, so it never shows in an index.
 * - near-duplicate band items (shared/duplicates.ts): pk `B#w3#<anchor>`, sk `<key>`, holding the
 *   sequencer of the version indexed; written by the projector (shared/projection.ts), never by ingest.
 * The query side builds its keys with the same functions (`agencyPartition`, ...), never by hand.
 *
 * `fitRecord` keeps an item under DynamoDB's 400 KB by capping long lists. Pure: no SDK, no env.
 */
import { bandPartition, indexAnchors, isIndexable } from './duplicates';
import { ArticleRecord, type Entity } from './record';
import { normalizeSequencer } from './s3-event';
import { summarize, type ArticleSummary } from './summary';
import { PREFIX, SUMMARY_ATTRIBUTE, TABLE, type IndexDefinition } from './table';

export const ARTICLE_SORT_KEY = 'A';
const DAY_SECONDS = 24 * 60 * 60;
/** How long the dead-letter queue keeps an event: the SQS maximum (infra's EventQueue sets it from here). */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * DAY_SECONDS;
/**
 * What a tombstone must outlast beyond the dead-letter queue: a redriven event waits again in the
 * event queue and is retried there. Events older than their tombstone could bring a deleted record
 * back (the create) or lose a clean-up list (a delete whose clean-up kept failing).
 */
export const TOMBSTONE_MARGIN_SECONDS = 7 * DAY_SECONDS;
export const TOMBSTONE_TTL_SECONDS = DEAD_LETTER_RETENTION_SECONDS + TOMBSTONE_MARGIN_SECONDS;
/** The agency partition of articles with neither an agency code nor an agency/outlet name. */
export const NO_AGENCY = 'none';

function indexNamed(name: string): IndexDefinition {
  const index = TABLE.globalSecondaryIndexes.find((i) => i.indexName === name);
  if (!index) throw new Error(`shared/table.ts has no index ${name}`);
  return index;
}
const BY_AGENCY = indexNamed('byAgency');
const BY_LANGUAGE = indexNamed('byLanguage');
const BY_DATE = indexNamed('byDate');

/** Attributes the table layout adds to an item; the record's own fields must not use these names. */
export const TABLE_ATTRIBUTES = [
  TABLE.partitionKey.name,
  TABLE.sortKey.name,
  ...[BY_AGENCY, BY_LANGUAGE, BY_DATE].flatMap((i) => [i.partitionKey.name, i.sortKey.name]),
  'sequencer',
  'deleted',
  TABLE.timeToLiveAttribute,
  SUMMARY_ATTRIBUTE,
] as const;

/**
 * Attributes that builds before the projector wrote onto article items (index partitions, links,
 * clean-up lists, revisions): never written now, left out when an old item is read, and the index
 * partitions they list are taken away when such an item is projected (shared/projection.ts).
 */
export const LEGACY_ATTRIBUTES = ['bandKeys', 'duplicateKeys', 'entityKeys', 'cleanup', 'cleanupRev', 'rev'] as const;

// Compile-time guard: a record field named like a table attribute would be overwritten silently.
type Reserved = 'pk' | 'sk' | 'agencyPk' | 'agencySk' | 'languagePk' | 'languageSk' | 'datePk' | 'dateSk' | 'sequencer' | 'deleted' | 'expiresAt' | 'summary' | (typeof LEGACY_ATTRIBUTES)[number];
const noCollision: Extract<keyof ArticleRecord, Reserved> extends never ? true : never = true;
void noCollision;

export interface ArticleKey {
  readonly pk: string;
  readonly sk: string;
}

export interface IndexAttributes {
  /** Absent when the article names no agency or outlet (no list reads such a partition). */
  readonly agencyPk?: string;
  readonly agencySk?: string;
  readonly languagePk: string;
  readonly languageSk: string;
  readonly datePk: string;
  readonly dateSk: string;
}

/** The summary the GSIs project (shared/table.ts): a list reads this, not the record. */
export type SummaryAttribute = { readonly [SUMMARY_ATTRIBUTE]: ArticleSummary };

export type ArticleItem = ArticleRecord & ArticleKey & IndexAttributes & SummaryAttribute & { readonly sequencer?: string };

export interface TombstoneItem extends ArticleKey {
  readonly deleted: true;
  readonly sequencer?: string;
  readonly expiresAt: number;
  readonly deletedAt: string;
  readonly bucket: string;
  readonly key: string;
}

/** DynamoDB's limits on key attribute values (bytes of UTF-8). */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

export function articleKey(key: string): ArticleKey {
  return { pk: `${PREFIX.article}${key}`, sk: ARTICLE_SORT_KEY };
}

/** The agency value used in keys: the code (or outlet name) upper-cased, or `none`. */
export function agencyValue(agency: string | null | undefined): string {
  const trimmed = agency?.trim();
  return trimmed ? trimmed.toUpperCase() : NO_AGENCY;
}

export function agencyPartition(agency: string | null | undefined, month: string): string {
  return fitBytes(`${PREFIX.agency}${agencyValue(agency)}#${month}`, MAX_PARTITION_KEY_BYTES);
}

export function languagePartition(code: string, month: string): string {
  return `${PREFIX.language}${code}#${month}`;
}

export function datePartition(month: string): string {
  return `${PREFIX.date}${month}`;
}

/** GSI sort key; cut to DynamoDB's 1,024-byte limit (long Arabic keys reach it), order kept. */
export function indexSortKey(sortDate: string, key: string): string {
  return fitBytes(`${sortDate}#${key}`, MAX_SORT_KEY_BYTES);
}

/** `yyyy-mm` of an instant from `sortDateOf`. */
export function monthOf(instant: string): string {
  return instant.slice(0, 7);
}

/** The agency or outlet an article is listed under. */
export function agencyOf(record: ArticleRecord): string | null {
  return record.dateline?.agencyCode ?? record.dateline?.agency ?? null;
}

/**
 * The time partition of an article without a date of record (`published: null`): its index items
 * go to `D#undated`, `AG#<agency>#undated`, `L#<lang>#undated` (and `E#…#undated`), where no date
 * range ever reads, so a list by date never dates it by its upload (docs/keys.md).
 */
export const UNDATED = 'undated';

/** When the article was published, as a full UTC instant; null when it is undated. */
export function publishedInstant(record: ArticleRecord): string | null {
  return toInstant(record.published?.value);
}

/**
 * The time the index sort keys start with: the publication instant; for an undated article its
 * upload time (else its extraction time), which orders the undated partitions and nothing else.
 * Always a full UTC ISO instant, so that sort keys compare as times. A partial date (`2015`,
 * `2015-09`, `2015-09-30`) stands for its first instant.
 */
export function sortDateOf(record: ArticleRecord): string {
  return (
    publishedInstant(record) ??
    toInstant(record.source.uploadedAt) ??
    toInstant(record.extractor.extractedAt) ??
    new Date(0).toISOString()
  );
}

/** The month partition (`yyyy-mm`) an article is filed under, or UNDATED. */
export function periodOf(record: ArticleRecord): string {
  const published = publishedInstant(record);
  return published === null ? UNDATED : monthOf(published);
}

export function toInstant(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T.+)?)?)?$/.exec(value.trim());
  if (!match) return null;
  const [, year, month = '01', day = '01', time] = match;
  // V8 rolls 2015-02-30 over to March; a day the month does not have is not a date.
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth) return null;
  const zoned = time === undefined ? 'T00:00:00Z' : /(Z|[+-]\d{2}:?\d{2})$/i.test(time) ? time : `${time}Z`;
  const date = new Date(`${year}-${month}-${day}${zoned}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function indexAttributes(record: ArticleRecord): IndexAttributes {
  const month = periodOf(record);
  const sortKey = indexSortKey(sortDateOf(record), record.source.key);
  const agency = agencyOf(record)?.trim();
  return {
    // byAgency is sparse: an article without an agency would sit under `AG#none#…`, a partition no
    // list can name (`--agency none` reads `AG#NONE#…`), for a write unit per article.
    ...(agency ? { agencyPk: agencyPartition(agency, month), agencySk: sortKey } : {}),
    languagePk: languagePartition(record.language.code, month),
    languageSk: sortKey,
    datePk: datePartition(month),
    dateSk: sortKey,
  };
}

export function recordToItem(record: ArticleRecord): ArticleItem {
  const sequencer = normalizeSequencer(record.source.sequencer);
  return {
    ...articleKey(record.source.key),
    ...indexAttributes(record),
    ...(sequencer === null ? {} : { sequencer }),
    [SUMMARY_ATTRIBUTE]: summarize(record),
    ...record,
  };
}

// ---------------------------------------------------------------------------------------------
// Near-duplicate band items

/**
 * A band item: the article `sk` is indexed under the anchor `pk`, by the version `sequencer`.
 * Small on purpose (one write unit): a reader verifies candidates against their article items,
 * which hold the sketch (adapters/queries.ts).
 */
export interface BandItem extends ArticleKey {
  readonly sequencer: string | null;
}

/** The band items of a record (none unless it is indexable). */
export function bandItems(record: ArticleRecord): BandItem[] {
  if (!isIndexable(record)) return [];
  const sequencer = normalizeSequencer(record.source.sequencer);
  return indexAnchors(record).map((anchor) => ({ pk: bandPartition(anchor), sk: record.source.key, sequencer }));
}

export function tombstoneItem(ref: { bucket: string; key: string; sequencer: string | null; at: string }): TombstoneItem {
  const sequencer = normalizeSequencer(ref.sequencer);
  return {
    ...articleKey(ref.key),
    deleted: true,
    ...(sequencer === null ? {} : { sequencer }),
    expiresAt: Math.floor(Date.parse(ref.at) / 1000) + TOMBSTONE_TTL_SECONDS,
    deletedAt: ref.at,
    bucket: ref.bucket,
    key: ref.key,
  };
}

export function isTombstone(item: Record<string, unknown>): boolean {
  return item.deleted === true;
}

/** A stored item that does not read back as a record: a bug or a schema change, not bad input. */
export class InvalidItemError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidItemError';
  }
}

const NOT_RECORD_FIELDS = new Set<string>([...TABLE_ATTRIBUTES, ...LEGACY_ATTRIBUTES]);

/** The record an item holds, validated; `null` for a tombstone. */
export function itemToRecord(item: Record<string, unknown>): ArticleRecord | null {
  if (isTombstone(item)) return null;
  const fields = Object.fromEntries(Object.entries(item).filter(([name]) => !NOT_RECORD_FIELDS.has(name)));
  const parsed = ArticleRecord.safeParse(fields);
  if (!parsed.success) {
    throw new InvalidItemError(`item ${String(item.pk)} is not a valid record: ${parsed.error.message}`, { cause: parsed.error });
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Size

/** DynamoDB's hard limit for one item. */
export const MAX_ITEM_BYTES = 400 * 1024;
/**
 * What `fitRecord` aims for: the limit less 50 KB, for the estimate's error on numbers and for
 * attributes a future writer may add. dynalite (strings as UTF-16 units) is more lenient than this.
 */
export const ITEM_BYTES_BUDGET = 350 * 1024;

/** UTF-8 length without encoding (a surrogate pair is 4 bytes; a lone surrogate becomes U+FFFD, 3). */
function bytesOf(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The size of an item as DynamoDB counts it (its documented rules, not a JSON approximation):
 * attribute names and strings in UTF-8 bytes; numbers 1 byte per two significant digits + 1;
 * booleans and nulls 1; lists and maps 3 bytes + 1 per element, plus their contents (map keys
 * counted like attribute names). `undefined` values are left out, as the document client does.
 */
export function itemSizeBytes(item: object): number {
  let size = 0;
  for (const name in item) {
    const value = (item as Record<string, unknown>)[name];
    if (value !== undefined) size += bytesOf(name) + valueSize(value);
  }
  return size;
}

function valueSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (value instanceof Set) {
    let size = 3;
    for (const element of value) size += 1 + valueSize(element);
    return size;
  }
  if (typeof value === 'string') return bytesOf(value);
  if (typeof value === 'number') return numberSize(value);
  if (Array.isArray(value)) {
    let size = 3;
    for (const element of value) size += 1 + valueSize(element);
    return size;
  }
  if (typeof value === 'object') {
    let size = 3;
    for (const name in value) {
      const inner = (value as Record<string, unknown>)[name];
      if (inner !== undefined) size += 1 + bytesOf(name) + valueSize(inner);
    }
    return size;
  }
  throw new TypeError(`cannot store a ${typeof value} in DynamoDB`);
}

function numberSize(value: number): number {
  const digits = Math.abs(value).toExponential().split('e')[0]!.replace('.', '').replace(/0+$/, '');
  return Math.min(21, 1 + Math.ceil(Math.max(digits.length, 1) / 2) + (value < 0 ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Fitting

/** A record that cannot be cut down to an item: a bug in the caps, never expected. */
export class RecordTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordTooLargeError';
  }
}

interface CappableList {
  readonly field: string;
  get(record: ArticleRecord): readonly unknown[];
  set(record: ArticleRecord, list: unknown[]): ArticleRecord;
  /** Higher is kept first; lists without a rank keep their first entries (document order). */
  rank?(entry: unknown): number;
}

const byMentions = (entry: unknown): number => (entry as Entity).mentions;

const CAPPABLE_LISTS: readonly CappableList[] = [
  ...(['person', 'organization', 'place'] as const).map(
    (type): CappableList => ({
      field: `entities.${type}`,
      get: (r) => r.entities[type],
      set: (r, list) => ({ ...r, entities: { ...r.entities, [type]: list as Entity[] } }),
      rank: byMentions,
    }),
  ),
  { field: 'quotes', get: (r) => r.quotes, set: (r, list) => ({ ...r, quotes: list as ArticleRecord['quotes'] }) },
  { field: 'dates', get: (r) => r.dates, set: (r, list) => ({ ...r, dates: list as ArticleRecord['dates'] }) },
  {
    field: 'keywords',
    get: (r) => r.keywords,
    set: (r, list) => ({ ...r, keywords: list as ArticleRecord['keywords'] }),
    rank: (entry) => (entry as ArticleRecord['keywords'][number]).score,
  },
  { field: 'duplicates', get: (r) => r.duplicates, set: (r, list) => ({ ...r, duplicates: list as ArticleRecord['duplicates'] }) },
  { field: 'subheadings', get: (r) => r.subheadings, set: (r, list) => ({ ...r, subheadings: list as string[] }) },
];

/** Long single strings (a one-paragraph monster's lead), cut like the lists when they weigh most. */
const CAPPABLE_TEXT = { lead: 4000, title: 1000 } as const;

/**
 * Returns the record unchanged when its item fits `budget`; otherwise cuts the field taking the most
 * bytes (a list by at most half each round and never more than the excess needs; an over-long lead
 * or title to its cap), keeping the most-mentioned entities, the best keywords and the first of the
 * rest, until it fits. `truncated` records each cut field's original count and a `truncated`
 * problem says what was cut.
 */
export function fitRecord(record: ArticleRecord, budget: number = ITEM_BYTES_BUDGET): ArticleRecord {
  let size = itemSizeBytes(recordToItem(record));
  if (size <= budget) return record;

  const originalCounts = new Map<string, number>();
  let fitted = record;
  for (let round = 0; round < 10_000 && size > budget; round++) {
    const heaviest = cutCandidates(fitted).sort((a, b) => b.bytes - a.bytes)[0];
    if (!heaviest) break;
    if (!originalCounts.has(heaviest.field)) originalCounts.set(heaviest.field, heaviest.count);
    fitted = heaviest.cut(size - budget);
    size = itemSizeBytes(recordToItem(fitted));
  }
  if (size > budget) {
    throw new RecordTooLargeError(`record ${record.id} is ${size} bytes after every cap (budget ${budget})`);
  }

  const cuts = [...originalCounts].map(([field, count]) => `${field} ${count} -> ${lengthOf(fitted, field)}`);
  return {
    ...fitted,
    truncated: { ...Object.fromEntries(originalCounts), ...record.truncated },
    problems: [...fitted.problems, { code: 'truncated', message: `cut to fit a DynamoDB item (400 KB): ${cuts.join(', ')}` }],
  };
}

interface CutCandidate {
  readonly field: string;
  /** Entries (lists) or characters (text) before the cut. */
  readonly count: number;
  readonly bytes: number;
  /** The record with this field cut, by enough to shed `excess` bytes if it can (lists: at most half per round). */
  cut(excess: number): ArticleRecord;
}

/** Every field that can still be cut: non-empty lists, and texts longer than their cap. */
function cutCandidates(record: ArticleRecord): CutCandidate[] {
  const lists = CAPPABLE_LISTS.map((list): CutCandidate | null => {
    const entries = list.get(record);
    if (entries.length === 0) return null;
    const bytes = valueSize(entries);
    return {
      field: list.field,
      count: entries.length,
      bytes,
      cut: (excess) => {
        const remove = Math.min(Math.ceil(excess / (bytes / entries.length)) + 1, Math.ceil(entries.length / 2));
        return list.set(record, keepBest(entries, entries.length - remove, list.rank));
      },
    };
  });
  const texts = (Object.entries(CAPPABLE_TEXT) as [keyof typeof CAPPABLE_TEXT, number][]).map(([field, limit]): CutCandidate | null => {
    const text = record[field];
    if (text === null || text.length <= limit) return null;
    return { field, count: text.length, bytes: bytesOf(text), cut: () => ({ ...record, [field]: `${text.slice(0, limit)}…` }) };
  });
  return [...lists, ...texts].filter((c): c is CutCandidate => c !== null);
}

function keepBest(entries: readonly unknown[], keep: number, rank?: (entry: unknown) => number): unknown[] {
  if (!rank) return entries.slice(0, keep);
  const kept = new Set(
    entries
      .map((entry, index) => ({ index, score: rank(entry) }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, keep)
      .map(({ index }) => index),
  );
  return entries.filter((_, index) => kept.has(index));
}

function lengthOf(record: ArticleRecord, field: string): number {
  const list = CAPPABLE_LISTS.find((l) => l.field === field);
  if (list) return list.get(record).length;
  const text = record[field as keyof typeof CAPPABLE_TEXT];
  return typeof text === 'string' ? text.length : 0;
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function fitBytes(text: string, max: number): string {
  if (bytesOf(text) <= max) return text;
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = bytesOf(char);
    if (bytes + size > max) break;
    out += char;
    bytes += size;
  }
  return out;
}
