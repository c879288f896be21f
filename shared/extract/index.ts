/**
 * Dateline's extraction core: bytes of one S3 object in, one ArticleRecord out. Pure and
 * deterministic (the time is passed in; only `durationMs` is measured), no AWS, no environment.
 * The pipeline is the ordered list of extractors below; each has the signature
 * `(draft: Draft) => Draft`, and a rejection stops the list.
 */
import { performance } from 'node:perf_hooks';
import {
  EMPTY_STATS,
  recordId,
  SCHEMA_VERSION,
  UNDETERMINED_LANGUAGE,
  type ArticleRecord,
  type Problem,
  type Source,
} from '../record';
import { findDateline } from './dateline';
import { findEntities } from './entities';
import type { NerTaggers } from './entities-types';
import { findDates } from './dates';
import { findKeywords } from './keywords';
import { takeDuplicateFingerprint } from '../duplicates';
import { decode } from './decode';
import { newDraft, type Draft, type Extractor } from './draft';
import { sha256Hex, takeFingerprints } from './fingerprints';
import { detectFormat } from './format';
import { detectLanguage } from './language';
import { findPublished } from './published';
import { tokenizeText } from './token-stream';
import { findQuotes } from './quotes';
import { countStats } from './stats';
import { buildStructure } from './structure';

/** Bump whenever the same bytes would give a different record. */
export const EXTRACTOR_VERSION = '1.1.0';

export interface ExtractInput {
  /** The object's bytes (already capped by the reader). */
  bytes: Uint8Array;
  source: Source;
  /** ISO time of extraction, passed in so that the core stays pure. */
  now: string;
}

export const PIPELINE: readonly Extractor[] = [
  decode,
  detectFormat,
  findDateline,
  buildStructure,
  // One token stream for language, fingerprints, dates and keywords (token-stream.ts).
  tokenizeText,
  findPublished,
  detectLanguage,
  countStats,
  takeFingerprints,
  takeDuplicateFingerprint,
  // Entities before dates and keywords: their mentions tell a name (روسيا اليوم) from a date.
  findEntities,
  findQuotes,
  findDates,
  findKeywords,
];

/**
 * The record of an object that could not be read or extracted: every field present, nothing
 * found. Fingerprints are empty strings because no bytes were seen.
 */
export function failedRecord(source: Source, status: 'rejected' | 'error', problems: Problem[], now: string): ArticleRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: recordId(source.bucket, source.key),
    status,
    problems,
    source,
    extractor: { version: EXTRACTOR_VERSION, extractedAt: now, durationMs: 0 },
    format: null,
    encoding: null,
    language: { ...UNDETERMINED_LANGUAGE },
    dateline: null,
    title: null,
    subheadings: [],
    lead: null,
    published: null,
    stats: { ...EMPTY_STATS },
    entities: { person: [], organization: [], place: [] },
    quotes: [],
    dates: [],
    keywords: [],
    fingerprints: { sha256: '', simhash: '' },
    duplicates: [],
  };
}

function toRecord(draft: Draft, now: string, durationMs: number): ArticleRecord {
  const base = failedRecord(draft.source, 'rejected', [...draft.problems], now);
  const extractor = { ...base.extractor, durationMs };
  if (draft.rejection) {
    return { ...base, extractor, format: draft.format, encoding: draft.encoding, fingerprints: { sha256: sha256Hex(draft.bytes), simhash: '' } };
  }
  return {
    ...base,
    status: 'ok',
    extractor,
    format: draft.format,
    encoding: draft.encoding,
    language: draft.language,
    dateline: draft.dateline,
    title: draft.title,
    subheadings: [...draft.subheadings],
    lead: draft.lead,
    published: draft.published,
    stats: draft.stats,
    fingerprints: { ...draft.fingerprints },
    entities: draft.entities,
    quotes: [...draft.quotes],
    dates: [...draft.dates],
    keywords: [...draft.keywords],
    ...(Object.keys(draft.truncated).length > 0 ? { truncated: { ...draft.truncated } } : {}),
  };
}

export interface ExtractOptions {
  /**
   * Statistical NER taggers by language (`createTagger(decodeModel(bytes))` from shared/ner),
   * loaded by the caller; without one, entities come from rules and gazetteers only.
   */
  readonly ner?: NerTaggers;
}

/** Never throws: a fault inside an extractor becomes a record with status `error`. */
export function extractRecord(input: ExtractInput, options: ExtractOptions = {}): ArticleRecord {
  const started = performance.now();
  const elapsed = () => Math.max(0, performance.now() - started);
  try {
    let draft: Draft = { ...newDraft(input.bytes, input.source), ner: options.ner ?? {} };
    for (const extractor of PIPELINE) {
      draft = extractor(draft);
      if (draft.rejection) break;
    }
    return toRecord(draft, input.now, elapsed());
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const record = failedRecord(input.source, 'error', [{ code: 'extractor-failed', message: message.slice(0, 500) }], input.now);
    let sha256 = '';
    try {
      sha256 = sha256Hex(input.bytes);
    } catch {
      // Bytes that cannot even be hashed leave the fingerprint empty, as for unread objects.
    }
    return { ...record, extractor: { ...record.extractor, durationMs: elapsed() }, fingerprints: { sha256, simhash: '' } };
  }
}

export { normalizeArabic, stripInvisible, toAsciiDigits, matchKey } from './arabic';
export { hammingDistance, simhash, simhashTokens } from './fingerprints';
export { detectLanguageOf } from './language';
export { matchDateline } from './dateline';
export { lookupAgency, AGENCIES } from './agencies';
export type { NerTaggers, SequenceTagger } from './entities-types';
