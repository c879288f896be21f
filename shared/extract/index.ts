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
import { findByline } from './byline';
import { findDateline } from './dateline';
import { findEntities } from './entities';
import type { NerTaggers } from './entities-types';
import { findDates } from './dates';
import { findKeywords } from './keywords';
import { takeDuplicateFingerprint } from '../duplicates';
import { decode } from './decode';
import { rejectDataFiles } from './data-files';
import { applyObjectTitle } from './object-metadata';
import { newDraft, withProblem, type Draft, type Extractor } from './draft';
import { sha256Hex, takeFingerprints } from './fingerprints';
import { detectFormat } from './format';
import { detectLanguage } from './language';
import { findPublished } from './published';
import { tokenizeText } from './token-stream';
import { findQuotes } from './quotes';
import { countStats } from './stats';
import { buildStructure } from './structure';
import { metered, Work } from './work';

/** Bump whenever the same bytes would give a different record. */
export const EXTRACTOR_VERSION = '2.2.0';

export interface ExtractInput {
  /** The object's bytes (already capped by the reader). */
  bytes: Uint8Array;
  source: Source;
  /** ISO time of extraction, passed in so that the core stays pure. */
  now: string;
}

export const PIPELINE: readonly Extractor[] = [
  decode,
  rejectDataFiles,
  detectFormat,
  findDateline,
  findByline,
  buildStructure,
  applyObjectTitle,
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
    byline: null,
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
    byline: draft.byline,
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

/** When extraction should be over, on the caller's clock (ms): the core reads no time itself. */
export interface Deadline {
  readonly at: number;
  readonly now: () => number;
}

export interface ExtractOptions {
  /**
   * Statistical NER taggers by language (`createTagger(decodeModel(bytes))` from shared/ner),
   * loaded by the caller; without one, entities come from rules and gazetteers only.
   */
  readonly ner?: NerTaggers;
  /**
   * Extraction's time budget. The NER taggers are the one stage that can be left out (entities
   * then come from rules and gazetteers): they are, when the deadline has passed or the stages
   * before them took so long that tagging would run past it. The record says so with the
   * problem `extraction-degraded`. Without a deadline every stage runs.
   */
  readonly deadline?: Deadline;
  /** A meter to count the work into (see work.ts); the caller reads it afterwards. */
  readonly work?: Work;
}

/**
 * Tagging costs about twice what all stages before it cost together (BENCHMARKS.md: findEntities
 * 63% of the time, the stages before it 18%); this projects it with a margin.
 */
const NER_COST_PER_EARLIER_COST = 3;

/** The draft for the entity stage: without its taggers when they would not fit the deadline. */
function withinDeadline(draft: Draft, deadline: Deadline | undefined, started: number): Draft {
  if (!deadline || (!draft.ner.ar && !draft.ner.en)) return draft;
  const now = deadline.now();
  const projected = now + NER_COST_PER_EARLIER_COST * Math.max(0, now - started);
  if (projected <= deadline.at) return draft;
  const why = now >= deadline.at ? 'the time budget was spent before it' : 'it would have run past the time budget';
  return withProblem({ ...draft, ner: {} }, 'extraction-degraded', `Entities were found without the NER taggers (rules and gazetteers only): ${why}.`);
}

/** Never throws: a fault inside an extractor becomes a record with status `error`. */
export function extractRecord(input: ExtractInput, options: ExtractOptions = {}): ArticleRecord {
  const started = performance.now();
  const elapsed = () => Math.max(0, performance.now() - started);
  const work = options.work ?? new Work();
  const deadlineStart = options.deadline?.now() ?? 0;
  try {
    return metered(work, () => {
      let draft: Draft = { ...newDraft(input.bytes, input.source), ner: options.ner ?? {} };
      for (const extractor of PIPELINE) {
        if (extractor === findEntities) draft = withinDeadline(draft, options.deadline, deadlineStart);
        const before = work.steps;
        draft = extractor(draft);
        work.byStage[extractor.name] = (work.byStage[extractor.name] ?? 0) + work.steps - before;
        if (draft.rejection) break;
      }
      return toRecord(draft, input.now, elapsed());
    });
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
export { Work } from './work';
