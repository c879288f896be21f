/**
 * The article record: one per S3 object (bucket + key). SPEC.md §5 names the fields; this
 * schema is the single definition, validated where records enter or leave the system.
 */
import * as z from './zod';
import { RECORD_STATUSES } from './record-status';

export const SCHEMA_VERSION = 1;

export const Problem = z.object({
  /** Stable, machine-readable code, e.g. `empty-file`, `too-large`, `undecodable`. */
  code: z.string(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export const Source = z.object({
  bucket: z.string(),
  key: z.string(),
  versionId: z.string().nullable(),
  etag: z.string().nullable(),
  size: z.number().int().nonnegative(),
  contentType: z.string().nullable(),
  sequencer: z.string().nullable(),
  uploadedAt: z.string().nullable(),
  metadata: z.record(z.string(), z.string()),
});
export type Source = z.infer<typeof Source>;

export const Language = z.object({
  code: z.string(),
  confidence: z.number().min(0).max(1),
  script: z.string(),
  direction: z.enum(['rtl', 'ltr']),
});
export type Language = z.infer<typeof Language>;

export const Dateline = z.object({
  raw: z.string(),
  place: z.string().nullable(),
  agency: z.string().nullable(),
  agencyCode: z.string().nullable(),
  /** The newspaper or site credited, when it is not a news agency (`دبي: «الخليج»`). */
  outlet: z.string().optional(),
  /** `YYYY-MM-DD` when the dateline writes the year, `--MM-DD` when only day and month. */
  date: z.string().nullable(),
});
export type Dateline = z.infer<typeof Dateline>;

/** Who wrote, reported or edited the story, as the text credits them. */
export const Byline = z.object({
  names: z.array(z.string()),
  raw: z.string(),
});
export type Byline = z.infer<typeof Byline>;

export const Published = z.object({
  value: z.string(),
  source: z.enum(['dateline', 'text', 'metadata', 'front-matter', 'html', 'trailer']),
});
export type Published = z.infer<typeof Published>;

export const Stats = z.object({
  paragraphs: z.number().int().nonnegative(),
  sentences: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  characters: z.number().int().nonnegative(),
  readingMinutes: z.number().nonnegative(),
});
export type Stats = z.infer<typeof Stats>;

export const Entity = z.object({
  /**
   * Stable id from the entity's type and canonical form (shared/extract/entity-identity.ts): the
   * same in every article. Records written before ids were given have none until reindexed.
   */
  id: z.string().optional(),
  name: z.string(),
  normalized: z.string(),
  aliases: z.array(z.string()),
  /** Other spellings of the same name in the article (سوريا for سورية, اوباما for أوباما). */
  variants: z.array(z.string()).optional(),
  mentions: z.number().int().nonnegative(),
  role: z.string().optional(),
});
export type Entity = z.infer<typeof Entity>;

export const ENTITY_TYPES = ['person', 'organization', 'place'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const Entities = z.object({
  person: z.array(Entity),
  organization: z.array(Entity),
  place: z.array(Entity),
});
export type Entities = z.infer<typeof Entities>;

export const Quote = z.object({
  text: z.string(),
  speaker: z.string().nullable(),
  speakerType: z.enum(['person', 'organization']).nullable(),
  verb: z.string().nullable(),
  paragraph: z.number().int().nonnegative(),
});
export type Quote = z.infer<typeof Quote>;

export const DateMention = z.object({
  text: z.string(),
  value: z.string(),
  precision: z.enum(['day', 'month', 'year']),
  calendar: z.enum(['gregorian', 'hijri']),
  relative: z.boolean().optional(),
});
export type DateMention = z.infer<typeof DateMention>;

export const Keyword = z.object({ term: z.string(), score: z.number() });
export type Keyword = z.infer<typeof Keyword>;

export const Duplicate = z.object({ id: z.string(), key: z.string(), distance: z.number().int().nonnegative() });
export type Duplicate = z.infer<typeof Duplicate>;

export const ArticleRecord = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  /** Stable id of the object: `<bucket>/<key>`. */
  id: z.string(),
  status: z.enum(RECORD_STATUSES),
  problems: z.array(Problem),
  source: Source,
  extractor: z.object({ version: z.string(), extractedAt: z.string(), durationMs: z.number().nonnegative() }),
  format: z.enum(['text', 'markdown', 'html', 'json']).nullable(),
  encoding: z.string().nullable(),
  language: Language,
  dateline: Dateline.nullable(),
  /** Absent in records written before bylines were read. */
  byline: Byline.nullable().optional(),
  title: z.string().nullable(),
  subheadings: z.array(z.string()),
  lead: z.string().nullable(),
  published: Published.nullable(),
  stats: Stats,
  entities: Entities,
  quotes: z.array(Quote),
  dates: z.array(DateMention),
  keywords: z.array(Keyword),
  fingerprints: z.object({
    sha256: z.string(),
    simhash: z.string(),
    /** Bottom-256 MinHash sketch of the body's word 3-grams, base64 (shared/duplicates.ts). */
    minhash: z.string().optional(),
    /** The near-duplicate index anchors this article queries (shared/duplicates.ts). */
    anchors: z.array(z.string()).optional(),
  }),
  duplicates: z.array(Duplicate),
  /** Lists cut to keep the item under DynamoDB's 400 KB: field name -> how many there were. */
  truncated: z.record(z.string(), z.number().int()).optional(),
});
export type ArticleRecord = z.infer<typeof ArticleRecord>;

/** The language of input that could not be read or told apart. */
export const UNDETERMINED_LANGUAGE: Language = { code: 'und', confidence: 0, script: 'Zyyy', direction: 'ltr' };

export const EMPTY_STATS: Stats = { paragraphs: 0, sentences: 0, words: 0, characters: 0, readingMinutes: 0 };

export function recordId(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}
