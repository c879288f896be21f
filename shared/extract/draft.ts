/**
 * The working state the extractors pass along. Every extractor has one signature,
 * `(draft: Draft) => Draft`: it reads what earlier ones found and returns a copy with its own
 * findings added. The pipeline in index.ts is their ordered list.
 */
import type { Byline, DateMention, Dateline, Entities, Keyword, Language, Problem, Published, Quote, Source, Stats } from '../record';
import { EMPTY_STATS, UNDETERMINED_LANGUAGE } from '../record';
import type { EntityMention, NerTaggers } from './entities-types';
import type { TokenStream } from './token-stream';

export type Format = 'text' | 'markdown' | 'html' | 'json';

/** Where metadata (title, date, agency given by the file's markup) came from. */
export type MetadataSource = Extract<Published['source'], 'front-matter' | 'html' | 'metadata'>;

/** One unit of the body as the file lays it out, before structure decides what it is. */
export interface Block {
  readonly text: string;
  /** Heading level 1–6 when the markup says so (Markdown `#`, HTML `<h2>`), else null. */
  readonly heading: number | null;
  /** True when a blank line (or a block element boundary) separates it from the block before. */
  readonly separated: boolean;
}

/**
 * The body in reading order: subheadings where they stand between paragraphs, and each paragraph
 * with its 0-based index into `paragraphs` (the index quotes name; shared/article-text.ts numbers it).
 */
export type BodyUnit = { readonly kind: 'subheading'; readonly text: string } | { readonly kind: 'paragraph'; readonly text: string; readonly index: number };

/** What the file's own metadata says (front matter, `<meta>`, JSON fields); raw strings. */
export interface DocumentMetadata {
  readonly title: string | null;
  readonly published: string | null;
  readonly dateline: string | null;
  readonly agency: string | null;
  readonly place: string | null;
  readonly author: string | null;
}

export const NO_METADATA: DocumentMetadata = { title: null, published: null, dateline: null, agency: null, place: null, author: null };

export interface Draft {
  readonly bytes: Uint8Array;
  readonly source: Source;
  readonly problems: readonly Problem[];
  /** Set when the input cannot be an article: the pipeline stops and the record is rejected. */
  readonly rejection: Problem | null;
  readonly encoding: string | null;
  readonly text: string;
  readonly format: Format | null;
  readonly metadata: DocumentMetadata;
  readonly metadataSource: MetadataSource | null;
  readonly blocks: readonly Block[];
  readonly dateline: Dateline | null;
  /** Index in `blocks` (as they were before the dateline was taken out) of the dateline's line. */
  readonly datelineBlock: number | null;
  /** Reporters and editors the text credits (byline.ts); their lines are no longer in `blocks`. */
  readonly byline: Byline | null;
  readonly title: string | null;
  readonly subheadings: readonly string[];
  readonly paragraphs: readonly string[];
  /** Subheadings and paragraphs in reading order (structure.ts); the record keeps only the sorted lists. */
  readonly body: readonly BodyUnit[];
  readonly sentences: number;
  readonly lead: string | null;
  readonly published: Published | null;
  readonly language: Language;
  /** The tokens of the title, subheadings and blocks, cut once (token-stream.ts). */
  readonly tokens: TokenStream;
  readonly stats: Stats;
  readonly fingerprints: { readonly sha256: string; readonly simhash: string; readonly minhash?: string; readonly anchors?: string[] };
  /** Statistical taggers the caller loaded, by language (none: rules and gazetteers only). */
  readonly ner: NerTaggers;
  /** People, organisations and places (entities.ts), and where each was mentioned (for quotes). */
  readonly entities: Entities;
  readonly mentions: readonly EntityMention[];
  /** Quotations with their speakers (quotes.ts). */
  readonly quotes: readonly Quote[];
  /** Dates mentioned in the text (dates.ts). */
  readonly dates: readonly DateMention[];
  /** Ranked terms of the text (keywords.ts). */
  readonly keywords: readonly Keyword[];
  /** Lists or strings cut to keep the record small: field name -> original size. */
  readonly truncated: Readonly<Record<string, number>>;
}

export type Extractor = (draft: Draft) => Draft;

export function newDraft(bytes: Uint8Array, source: Source): Draft {
  return {
    bytes,
    source,
    problems: [],
    rejection: null,
    encoding: null,
    text: '',
    format: null,
    metadata: NO_METADATA,
    metadataSource: null,
    blocks: [],
    dateline: null,
    datelineBlock: null,
    byline: null,
    title: null,
    subheadings: [],
    paragraphs: [],
    body: [],
    sentences: 0,
    lead: null,
    published: null,
    language: UNDETERMINED_LANGUAGE,
    tokens: { byText: new Map(), body: { words: [], capped: false } },
    stats: EMPTY_STATS,
    fingerprints: { sha256: '', simhash: '' },
    ner: {},
    entities: { person: [], organization: [], place: [] },
    mentions: [],
    quotes: [],
    dates: [],
    keywords: [],
    truncated: {},
  };
}

export function withProblem(draft: Draft, code: string, message: string): Draft {
  return { ...draft, problems: [...draft.problems, { code, message }] };
}

export function rejected(draft: Draft, code: string, message: string): Draft {
  const problem = { code, message };
  return { ...draft, rejection: problem, problems: [...draft.problems, problem] };
}

/**
 * Limits that keep extraction fast on huge inputs and the record inside DynamoDB's 400 KB.
 * Heavy steps look at a prefix only; the record says so in `problems` / `truncated`.
 */
export const LIMITS = {
  /** Characters of decoded text given to format parsing and structure. */
  analysedChars: 1_000_000,
  /** Characters language detection samples: a thousand words decide a language. */
  languageSampleChars: 6_000,
  /** Word tokens the simhash shingles. */
  simhashTokens: 50_000,
  titleChars: 500,
  leadChars: 2_000,
  subheadingChars: 300,
  subheadings: 100,
} as const;

/** Cuts a string to `max` characters (on a word boundary when one is near) and reports it. */
export function capText(text: string, max: number): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const head = text.slice(0, max);
  const space = head.lastIndexOf(' ');
  return { text: (space > max * 0.8 ? head.slice(0, space) : head) + '…', cut: true };
}
