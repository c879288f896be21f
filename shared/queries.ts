/**
 * The read queries every reader shares (CLI, HTTP API, web page): what may be asked, how it becomes
 * DynamoDB `Query` inputs, and how pages are cursored. Pure: the inputs are plain objects and the
 * one function that walks partitions takes the executor as an argument (adapters/queries.ts gives
 * it the DocumentClient). Every read is a `GetItem` or a `Query`, never a `Scan` (docs/keys.md).
 *
 * Lists (GSIs byAgency / byLanguage / byDate) are partitioned by month and searches by entity
 * (the table's entity index items, shared/entity-items.ts) by year, so both walk time partitions
 * newest first — only the periods their markers name (shared/month-markers.ts) — and a cursor
 * remembers the period and the position in it. The walk calls a period a "month" throughout; an
 * entity plan's months are years (`2015`), which order and step back the same way.
 *
 * Undated articles (`published: null`) sit in their own `undated` partitions (shared/items.ts): a
 * list or search without `since`/`until` reads them after every dated month, `undated` alone reads
 * only them, and a date range never does.
 */
import * as z from './zod';
import { lookupAgency } from './extract/agencies';
import { entityKey, entityPartition, yearOf } from './entity-items';
import { agencyPartition, articleKey, datePartition, indexSortKey, languagePartition, monthOf, toInstant, UNDATED } from './items';
import { monthMarkerPartition } from './month-markers';
import { ENTITY_TYPES, type ArticleRecord, type EntityType } from './record';
import { ArticleSummary, SUMMARY_PROJECTION } from './summary';
import { indexNamed, SUMMARY_ATTRIBUTE, TABLE, type KeyAttribute } from './table';
import { RECORD_STATUSES } from './record-status';

export { ArticleSummary, summarize } from './summary';

export const DEFAULT_LIST_LIMIT = 20;
export const MAX_LIST_LIMIT = 100;
/** Without `since`, a list reaches back to this month (month markers tell which months hold anything). */
export const EARLIEST_MONTH = '0001-01';
/**
 * How many month partitions one page may query before it returns what it has with a cursor:
 * keeps a sparse archive's empty months from turning one request into hundreds of queries.
 */
export const MAX_MONTHS_PER_PAGE = 120;
/** Months queried side by side once the first ones came back short (doubling up to this many). */
const MAX_MONTHS_IN_FLIGHT = 24;
/**
 * Longest cursor taken: base64url JSON holding the object key once (up to S3's 1,024 bytes, more
 * when JSON escapes its control characters) and the filters.
 */
export const MAX_CURSOR_CHARS = 12 * 1024;

export class InvalidQueryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidQueryError';
  }
}

// ---------------------------------------------------------------------------------------------
// What may be asked

const DATE_BOUND = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/** A date bound as people write it: `2015`, `2015-09`, `2015-09-01` or a full ISO 8601 time. */
const DateBound = z.string().trim().refine(isDateBound, {
  message: 'expected a date like 2015, 2015-09, 2015-09-01 or 2015-09-01T12:00:00Z',
});

function isDateBound(text: string): boolean {
  const match = DATE_BOUND.exec(text);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day !== undefined) {
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCDate() !== Number(day)) return false;
  }
  return true;
}

export const ListQuery = z
  .object({
    agency: z.string().trim().min(1).max(100).optional(),
    lang: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}$/, 'expected a language code such as ar or en')
      .optional(),
    /** Only records of this status (`--status rejected`): a filter on the summaries the partitions hold. */
    status: z.enum(RECORD_STATUSES, { error: 'expected ok, rejected or error' }).optional(),
    since: DateBound.optional(),
    until: DateBound.optional(),
    /** Only the articles without a date of record (`--undated`, `?undated=true`). */
    undated: z
      .union([z.boolean(), z.enum(['true', 'false'])], { error: 'expected true or false' })
      .transform((v) => v === true || v === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
    cursor: z.string().min(1).max(MAX_CURSOR_CHARS).optional(),
  })
  .strict()
  .refine((q) => !(q.undated && (q.since || q.until)), { message: 'undated cannot be combined with since or until: undated articles have no date', path: ['undated'] })
  .refine((q) => !(q.since && q.until) || lowerBound(q.since) <= upperBound(q.until), {
    message: 'since is after until',
  });
export type ListQuery = z.infer<typeof ListQuery>;

/** Validates raw parameters (flags, a query string); throws InvalidQueryError naming the bad one. */
export function parseListQuery(raw: Record<string, unknown>): ListQuery {
  return parseWith(ListQuery, raw);
}

/** S3 keys are at most 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

/** Validates an object key as a reader typed it; throws InvalidQueryError saying what is wrong. */
export function parseArticleKey(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) throw new InvalidQueryError('key: give the object key of an article');
  if (Buffer.byteLength(raw, 'utf8') > MAX_KEY_BYTES) throw new InvalidQueryError(`key: longer than ${MAX_KEY_BYTES} bytes, so not an S3 key`);
  return raw;
}

/** Entity types as readers may name them (`org` for short, British spelling too). */
const ENTITY_TYPE_NAMES: Readonly<Record<string, EntityType>> = {
  person: 'person',
  people: 'person',
  organization: 'organization',
  organisation: 'organization',
  org: 'organization',
  place: 'place',
};

export const EntityQuery = z
  .object({
    type: z
      .string()
      .trim()
      .toLowerCase()
      .refine((t) => Object.hasOwn(ENTITY_TYPE_NAMES, t), { message: `expected one of ${ENTITY_TYPES.join(', ')}` })
      .transform((t) => ENTITY_TYPE_NAMES[t]!),
    name: z
      .string()
      .trim()
      .min(1, 'give the name to look for')
      .max(200, 'at most 200 characters')
      .refine((n) => entityKey(n).length >= 2, { message: 'needs at least two letters to look for' }),
    since: DateBound.optional(),
    until: DateBound.optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(DEFAULT_LIST_LIMIT),
    cursor: z.string().min(1).max(MAX_CURSOR_CHARS).optional(),
  })
  .strict()
  .refine((q) => !(q.since && q.until) || lowerBound(q.since) <= upperBound(q.until), { message: 'since is after until' });
export type EntityQuery = z.infer<typeof EntityQuery>;

/** Validates a search by entity (CLI flags, a path and query string); throws InvalidQueryError. */
export function parseEntityQuery(raw: Record<string, unknown>): EntityQuery {
  return parseWith(EntityQuery, raw);
}

/**
 * A query's parameters through its schema. A parameter given empty (`lang=`, a form's unset field)
 * is a parameter not given; the first problem is the message, naming its parameter.
 */
export function parseWith<T>(schema: z.ZodType<T>, raw: Record<string, unknown>): T {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(defined);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new InvalidQueryError(`${where}${issue?.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid query')}`);
  }
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// What comes back

export interface ArticlePage {
  readonly articles: ArticleSummary[];
  /** Pass back as `cursor` for the next page; null when the walk reached `since`. */
  readonly cursor: string | null;
}

/** An article found by an entity: its summary and the entity as that article names it. */
export interface EntityHit {
  readonly article: ArticleSummary;
  readonly entity: { readonly type: EntityType; readonly name: string; readonly mentions: number; readonly role: string | null };
}

export interface EntityPage {
  /** What was looked for: the type, the name as given and its matching form. */
  readonly entity: { readonly type: EntityType; readonly name: string; readonly key: string };
  readonly hits: EntityHit[];
  readonly cursor: string | null;
}

/** A near-duplicate of an article, with its summary when its record still exists. */
export interface DuplicateLink {
  readonly key: string;
  readonly id: string;
  /** Hamming distance of the two simhashes (0 = same wording). */
  readonly distance: number;
  readonly article: ArticleSummary | null;
}

export interface DuplicatesAnswer {
  readonly article: ArticleSummary;
  readonly duplicates: DuplicateLink[];
}

/** The port readers talk to; adapters/queries.ts implements it over DynamoDB. */
export interface ArticleQueries {
  getArticle(key: string): Promise<ArticleRecord | null>;
  listArticles(query: ListQuery): Promise<ArticlePage>;
  /** Articles that mention an entity, newest first. */
  findByEntity(query: EntityQuery): Promise<EntityPage>;
  /** The article's near-duplicates, closest first; null when the key has no record. */
  findDuplicates(key: string): Promise<DuplicatesAnswer | null>;
  /**
   * The stored record (without its near-duplicates) and whether its projection (entity, band and
   * marker items) is in place for this version: what `dateline drop` waits for. null: no record.
   */
  writeState(key: string): Promise<{ readonly record: ArticleRecord; readonly projected: boolean } | null>;
}

// ---------------------------------------------------------------------------------------------
// How a list becomes index queries

type Item = Record<string, unknown>;
/** A table or index key: every key attribute is a string (shared/table.ts). */
type Key = Record<string, string>;

/** The plain-object shape of a DocumentClient `QueryCommand` input (no SDK types here). */
export interface IndexQueryInput {
  TableName: string;
  /** Absent when the table itself is queried (entity index items live in the table). */
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
  ProjectionExpression?: string;
  ScanIndexForward: false;
  Limit: number;
  ExclusiveStartKey?: Key;
}

export interface IndexQueryOutput {
  items: Item[];
  lastEvaluatedKey: Key | null;
}

export type RunIndexQuery = (input: IndexQueryInput) => Promise<IndexQueryOutput>;

/** The keys a list is read by: a GSI's, or the table's own (`indexName` null). */
export interface KeySource {
  readonly indexName: string | null;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

const BASE_TABLE: KeySource = { indexName: null, partitionKey: TABLE.partitionKey, sortKey: TABLE.sortKey };

/** Which GSI (or the table) answers a list and how its month partitions are named (see shared/items.ts). */
export interface ListPlan {
  readonly index: KeySource;
  readonly partitionFor: (month: string) => string;
  /**
   * The months that can hold items, newest first, when they are known (an entity's month
   * markers); otherwise every month from `lastMonth` back to `firstMonth` is read.
   */
  readonly months?: readonly string[];
  /** Inclusive sort-key bounds; sort keys are `<sortDate ISO>#<key>`. */
  readonly lowest: string | null;
  readonly highest: string | null;
  readonly firstMonth: string;
  readonly lastMonth: string;
  /** Ties a cursor to the filters it was made for. */
  readonly fingerprint: string;
  /**
   * Whose period markers say which periods can hold items: the family (a partition name without
   * its period, `D#`) and how one of its periods maps to this plan's (a month to its year).
   * @default - the plan's own partitions' markers, periods as they are
   */
  readonly markers?: { readonly family: string; readonly period: (marker: string) => string };
  /**
   * Summary fields an item must have besides its partition (agency and language together, a
   * status): a FilterExpression, so a page may come back short and continue with a cursor.
   */
  readonly filter?: { readonly status?: string | undefined; readonly language?: string | undefined };
  /** Attribute paths to read (numbers are list indexes); whole items when absent. */
  readonly projection?: readonly (readonly (string | number)[])[];
  /**
   * The undated partition (`partitionFor(UNDATED)`): read `after` the dated months (no date bounds),
   * `only` it, or `never` (a date range).
   */
  readonly undated: 'after' | 'only' | 'never';
}

const DATE_ONLY = /^\d{4}(-\d{2}){0,2}$/;

/**
 * Sort keys start with a UTC instant (`sortDateOf` in shared/items.ts), so bounds become instants:
 * `since` its first instant; `until` a prefix that takes in its whole day, month or year, with `~`
 * sorting after every character an instant or `#<key>` continues with.
 */
function lowerBound(since: string): string {
  return toInstant(since) ?? since;
}

function upperBound(until: string): string {
  return `${DATE_ONLY.test(until) ? until : (toInstant(until) ?? until)}~`;
}

function dateRange(query: { since?: string | undefined; until?: string | undefined }, now: Date) {
  return {
    undated: query.since || query.until ? ('never' as const) : ('after' as const),
    lowest: query.since ? lowerBound(query.since) : null,
    highest: query.until ? upperBound(query.until) : null,
    firstMonth: query.since ? monthOf(lowerBound(query.since)) : EARLIEST_MONTH,
    lastMonth: query.until ? lastMonthOf(query.until) : monthOf(now.toISOString()),
  };
}

export function planList(query: ListQuery, now: Date): ListPlan {
  const plan = planListIndex(query, now);
  // Lists show summaries: read those attributes and the keys a cursor needs, not whole records.
  const keys = [TABLE.partitionKey.name, TABLE.sortKey.name, plan.index.partitionKey.name, plan.index.sortKey.name].map((name) => [name]);
  return { ...plan, projection: [...SUMMARY_PROJECTION, ...keys] };
}

function planListIndex(query: ListQuery, now: Date): ListPlan {
  const range = query.undated ? UNDATED_ONLY : dateRange(query, now);
  // With an agency the language (if any) is a filter on the agency's partitions, which are the narrower.
  const filter = { ...(query.status ? { status: query.status } : {}), ...(query.agency && query.lang ? { language: query.lang } : {}) };
  const filtered = Object.keys(filter).length ? { filter } : {};
  const fingerprint = (partition: string) => [partition, query.since ?? '', query.until ?? '', query.undated ? UNDATED : '', filter.status ?? '', filter.language ?? ''].join('|');
  if (query.agency) {
    // An agency may be named as the archive files it (SANA) or as a dateline writes it (سانا).
    const agency = lookupAgency(query.agency)?.code ?? query.agency;
    return { ...range, ...filtered, index: indexNamed('byAgency'), partitionFor: (m) => agencyPartition(agency, m), fingerprint: fingerprint(agencyPartition(agency, '')) };
  }
  if (query.lang) {
    const lang = query.lang;
    return { ...range, ...filtered, index: indexNamed('byLanguage'), partitionFor: (m) => languagePartition(lang, m), fingerprint: fingerprint(languagePartition(lang, '')) };
  }
  return { ...range, ...filtered, index: indexNamed('byDate'), partitionFor: datePartition, fingerprint: fingerprint(datePartition('')) };
}

/** The range of a list of undated articles: their partition alone, in upload order. */
const UNDATED_ONLY = { undated: 'only', lowest: null, highest: null, firstMonth: UNDATED, lastMonth: UNDATED } as const;

/**
 * A search by entity reads the table's entity index items (shared/entity-items.ts), a year
 * partition at a time. Entity partitions have no markers of their own (one per entity and year
 * would cost a write for most entity keys of most articles): the years that hold any article (the
 * date markers, one small Query) are the years that can hold an entity's, read newest first.
 */
export function planEntity(query: EntityQuery, now: Date): ListPlan {
  const key = entityKey(query.name, query.type);
  const range = dateRange(query, now);
  return {
    ...range,
    firstMonth: query.since ? yearOf(lowerBound(query.since)) : EARLIEST_MONTH.slice(0, 4),
    lastMonth: range.lastMonth.slice(0, 4),
    index: BASE_TABLE,
    partitionFor: (m) => entityPartition(query.type, key, m),
    markers: { family: datePartition(''), period: (month) => month.slice(0, 4) },
    fingerprint: [entityPartition(query.type, key, ''), query.since ?? '', query.until ?? ''].join('|'),
  };
}

/** The partition of the month markers (shared/month-markers.ts) that tell which periods a plan reads. */
export function monthMarkerKey(plan: ListPlan): Key {
  return { [TABLE.partitionKey.name]: monthMarkerPartition(plan.markers?.family ?? plan.partitionFor('')) };
}

/** The plan reading only `months` (the markers' periods, any order) of its range, newest first. */
export function withKnownMonths(plan: ListPlan, months: readonly string[]): ListPlan {
  const periods = plan.markers ? months.map(plan.markers.period) : months;
  const inRange = [...new Set(periods)].filter((m) => m >= plan.firstMonth && m <= plan.lastMonth).sort().reverse();
  return { ...plan, months: inRange };
}

/** The last month an `until` bound takes in: a bare year reaches December. */
function lastMonthOf(until: string): string {
  if (/^\d{4}$/.test(until)) return `${until}-12`;
  return DATE_ONLY.test(until) ? until.slice(0, 7) : monthOf(toInstant(until) ?? until);
}

export function buildIndexQuery(tableName: string, plan: ListPlan, month: string, limit: number, startKey?: Key): IndexQueryInput {
  const names: Record<string, string> = { '#pk': plan.index.partitionKey.name, '#sk': plan.index.sortKey.name };
  const values: Record<string, string> = { ':pk': plan.partitionFor(month) };
  let condition = '#pk = :pk';
  if (plan.lowest !== null && plan.highest !== null) {
    condition += ' AND #sk BETWEEN :lo AND :hi';
    values[':lo'] = plan.lowest;
    values[':hi'] = plan.highest;
  } else if (plan.lowest !== null) {
    condition += ' AND #sk >= :lo';
    values[':lo'] = plan.lowest;
  } else if (plan.highest !== null) {
    condition += ' AND #sk <= :hi';
    values[':hi'] = plan.highest;
  } else {
    delete names['#sk'];
  }
  if (plan.projection) Object.assign(names, projectionNames(plan.projection));
  const filters: string[] = [];
  for (const [field, value] of Object.entries(plan.filter ?? {})) {
    if (value === undefined) continue;
    Object.assign(names, projectionNames([[SUMMARY_ATTRIBUTE, field]]));
    filters.push(`${placeholder(SUMMARY_ATTRIBUTE)}.${placeholder(field)} = :f_${field}`);
    values[`:f_${field}`] = value;
  }
  return {
    TableName: tableName,
    ...(plan.index.indexName === null ? {} : { IndexName: plan.index.indexName }),
    ...(plan.projection ? { ProjectionExpression: projectionExpression(plan.projection) } : {}),
    KeyConditionExpression: condition,
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

/** Every attribute name of a projection gets a placeholder (`status`, `source` are reserved words). */
function projectionNames(paths: readonly (readonly (string | number)[])[]): Record<string, string> {
  const names = new Set(paths.flatMap((path) => path.filter((part): part is string => typeof part === 'string')));
  return Object.fromEntries([...names].map((name) => [placeholder(name), name]));
}

function projectionExpression(paths: readonly (readonly (string | number)[])[]): string {
  return paths.map((path) => path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${placeholder(part)}`)).join('')).join(', ');
}

/** A placeholder for an attribute name: `#p_` and the name's letters, so that it reads in logs. */
function placeholder(name: string): string {
  return `#p_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

// ---------------------------------------------------------------------------------------------
// Months

/** The period before `month`: the month before (`2015-01` -> `2014-12`), or the year before (`2015` -> `2014`). */
export function previousMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  if (month.length === 4) return pad(year - 1, 4);
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${pad(year - 1, 4)}-12` : `${pad(year, 4)}-${pad(m - 1, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// Cursors: opaque to callers, base64url JSON inside

/**
 * Where a page stopped inside a period: the sort key of the last item read. On the table (entity
 * items) that is the whole position; on a GSI the item's table key goes with it, and both are
 * rebuilt from the object key and the sort date, so the key travels once (a sort key cut at 1,024
 * bytes could not give the key back).
 */
const Position = z.union([
  z.object({ s: z.string().min(1).max(MAX_CURSOR_CHARS) }).strict(),
  z.object({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/), k: z.string().min(1).max(MAX_CURSOR_CHARS) }).strict(),
]);
type Position = z.infer<typeof Position>;

const CursorContent = z
  .object({
    /** The month (or, for an entity search, year) partition to continue in. */
    m: z.union([z.string().regex(/^\d{4}(-\d{2})?$/), z.literal(UNDATED)]),
    /** Where to continue within that month, or null to start the month from its newest. */
    p: Position.nullable(),
    f: z.string(),
  })
  .strict();
type CursorContent = z.infer<typeof CursorContent>;

export function encodeCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify(content), 'utf8').toString('base64url');
}

/**
 * The cursor's content, checked against the plan: a cursor is input, and a forged one must not
 * reach DynamoDB as a start key outside the partition or the range the query reads (a 400, not a 500).
 */
export function decodeCursor(cursor: string, plan: ListPlan): CursorContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidQueryError('cursor: not a cursor this service handed out', { cause: error });
  }
  const content = CursorContent.safeParse(parsed);
  if (!content.success) throw new InvalidQueryError('cursor: not a cursor this service handed out');
  const { m, p, f } = content.data;
  if (f !== plan.fingerprint) throw new InvalidQueryError('cursor: it belongs to a list with other filters');
  if (!periodInPlan(m, plan)) throw new InvalidQueryError('cursor: its period is outside the list');
  if (p !== null) {
    const sortKey = sortKeyOf(p);
    // The undated partition is ordered by upload time, which no date bound applies to.
    const outside = m !== UNDATED && (!sortKey.startsWith(m) || (plan.lowest !== null && sortKey < plan.lowest) || (plan.highest !== null && sortKey > plan.highest));
    if (outside) throw new InvalidQueryError('cursor: its position is outside the list');
    if ('k' in p && (plan.index.indexName === null || Buffer.byteLength(p.k, 'utf8') > MAX_KEY_BYTES)) throw new InvalidQueryError('cursor: not a cursor this service handed out');
  }
  return content.data;
}

/** Whether a list with this plan reads period `m`: a dated month in its range, or the undated partition. */
function periodInPlan(m: string, plan: ListPlan): boolean {
  if (m === UNDATED) return plan.undated !== 'never';
  if (plan.undated === 'only') return false;
  return m.length === plan.lastMonth.length && m <= plan.lastMonth && m >= plan.firstMonth;
}

/** The period a cursor continues in and the start key of its first Query there. */
export function cursorStart(cursor: string, plan: ListPlan): { m: string; startKey: Key | undefined } {
  const { m, p } = decodeCursor(cursor, plan);
  return { m, startKey: p === null ? undefined : startKeyOf(p, m, plan) };
}

function sortKeyOf(position: Position): string {
  return 's' in position ? position.s : indexSortKey(position.d, position.k);
}

/** The position of an item (or a LastEvaluatedKey, which holds the same key attributes) in the plan's index. */
function positionOf(item: Item, plan: ListPlan): Position {
  const sortKey = String(item[plan.index.sortKey.name]);
  if (plan.index.indexName === null) return { s: sortKey };
  const key = String(item[TABLE.partitionKey.name]).slice(ARTICLE_PK_PREFIX.length);
  return { d: sortKey.slice(0, sortKey.indexOf('#')), k: key };
}

/** The ExclusiveStartKey of a position in month `m`: the index's keys, and on a GSI the table's too. */
function startKeyOf(position: Position, m: string, plan: ListPlan): Key {
  const indexKey = { [plan.index.partitionKey.name]: plan.partitionFor(m), [plan.index.sortKey.name]: sortKeyOf(position) };
  return 'k' in position ? { ...articleKey(position.k), ...indexKey } : indexKey;
}

/** What `articleKey` puts before an object key in an article's partition key. */
const ARTICLE_PK_PREFIX = articleKey('').pk;

// ---------------------------------------------------------------------------------------------
// The walk

export interface WalkResult {
  items: Item[];
  cursor: string | null;
}

/**
 * Walks the month partitions newest first until `limit` items are found, `firstMonth` is passed,
 * or MAX_MONTHS_PER_PAGE months were queried. The first month is queried alone (recent months
 * usually fill a page); when months come back short, the next ones are queried side by side,
 * twice as many each round, because an archive can be sparse over decades.
 */
export async function walkMonths(
  run: RunIndexQuery,
  tableName: string,
  plan: ListPlan,
  limit: number,
  cursor: string | undefined,
): Promise<WalkResult> {
  const first = firstMonthOf(plan);
  const start = cursor ? decodeCursor(cursor, plan) : first === null ? null : { m: first, p: null, f: plan.fingerprint };
  const items: Item[] = [];
  if (start === null) return { items, cursor: null };
  let month = start.m;
  let position: Position | null = start.p;
  let monthsQueried = 0;
  let inFlight = 1;

  while (month === UNDATED || month >= plan.firstMonth) {
    if (monthsQueried >= MAX_MONTHS_PER_PAGE) return { items, cursor: encodeCursor({ m: month, p: position, f: plan.fingerprint }) };
    const window = monthsFrom(month, Math.min(inFlight, MAX_MONTHS_PER_PAGE - monthsQueried), plan);
    // One item more than needed tells "this month has more" from "this month is done", so the
    // last page of a list says so instead of handing out a cursor to an empty page.
    const needed = limit - items.length + 1;
    const pages = await Promise.all(
      window.map((m, i) => run(buildIndexQuery(tableName, plan, m, needed, i === 0 && position ? startKeyOf(position, m, plan) : undefined))),
    );
    monthsQueried += window.length;

    for (const [i, page] of pages.entries()) {
      const m = window[i]!;
      const room = limit - items.length;
      const taken = page.items.slice(0, room);
      items.push(...taken);
      const more = taken.length < page.items.length || page.lastEvaluatedKey !== null;
      if (items.length === limit) {
        // The page is full inside this month: continue after the last item taken, or with the
        // next month when this one has nothing more.
        if (more) return { items, cursor: encodeCursor({ m, p: positionOf(items.at(-1)!, plan), f: plan.fingerprint }) };
        const next = nextMonthAfter(m, plan);
        return { items, cursor: next === null ? null : encodeCursor({ m: next, p: null, f: plan.fingerprint }) };
      }
      if (page.lastEvaluatedKey !== null) {
        // DynamoDB stopped inside this month (1 MB page): continue here, drop later months' reads.
        month = m;
        position = positionOf(page.lastEvaluatedKey, plan);
        break;
      }
      const next = nextMonthAfter(m, plan);
      if (next === null) return { items, cursor: null };
      month = next;
      position = null;
    }
    inFlight = Math.min(inFlight * 2, MAX_MONTHS_IN_FLIGHT);
  }
  return { items, cursor: null };
}

/** The newest month a list reads: `lastMonth`, or the newest known month, else the undated partition; null when there is none. */
function firstMonthOf(plan: ListPlan): string | null {
  if (plan.undated === 'only') return UNDATED;
  const dated = plan.months ? plan.months.find((m) => m <= plan.lastMonth && m >= plan.firstMonth) : plan.lastMonth;
  return dated ?? (plan.undated === 'after' ? UNDATED : null);
}

/** Up to `count` months from `month` backwards (`month` itself first), not before `firstMonth`. */
function monthsFrom(month: string, count: number, plan: ListPlan): string[] {
  const months: string[] = [];
  for (let m: string | null = month; m !== null && months.length < count; m = nextMonthAfter(m, plan)) months.push(m);
  return months;
}

/** The month a list reads after `month`: the previous one, or the next older known one; after the oldest, the undated partition. */
function nextMonthAfter(month: string, plan: ListPlan): string | null {
  if (month === UNDATED) return null;
  const previous = plan.months ? plan.months.find((m) => m < month) : previousMonth(month);
  if (previous !== undefined && previous >= plan.firstMonth) return previous;
  return plan.undated === 'after' ? UNDATED : null;
}
