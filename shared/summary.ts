/**
 * The few fields a list shows of an article; the whole record is one `get` away. Written at ingest
 * into every article item (its `summary` attribute, the one the GSIs project) and every entity
 * index item, so a list or a search by entity reads summaries only, never whole records.
 */
import * as z from './zod';
import { splitSentences } from './extract/sentences';
import type { ArticleRecord } from './record';
import { SUMMARY_ATTRIBUTE } from './table';
import { RECORD_STATUSES } from './record-status';

export const ArticleSummary = z.object({
  key: z.string(),
  id: z.string(),
  status: z.enum(RECORD_STATUSES),
  title: z.string().nullable(),
  /** What a list shows as the article's name: its title; null when it has none (a subheading never stands in). */
  headline: z.string().nullable(),
  /**
   * The lead's first sentence, which readers show beside "untitled" (marked as a quotation of the
   * text, not a title). Absent in summaries written before it existed.
   */
  opening: z.string().nullable().optional(),
  language: z.string(),
  agency: z.string().nullable(),
  place: z.string().nullable(),
  /** The date of record (`published.value`); null when the article is undated. Never the upload time. */
  published: z.string().nullable(),
  words: z.number(),
  /** When the file was uploaded: a fact about the file, not the article's date. */
  uploadedAt: z.string().nullable(),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

/** What a summary is made from: a record, or anything with the same fields. */
export interface SummarySource {
  readonly id: string;
  readonly status: 'ok' | 'rejected' | 'error';
  readonly title: string | null;
  readonly lead: string | null;
  readonly subheadings?: readonly string[] | undefined;
  readonly dateline: { readonly place: string | null; readonly agency: string | null; readonly agencyCode: string | null } | null;
  readonly published: { readonly value: string } | null;
  readonly language: { readonly code: string };
  readonly stats: { readonly words: number };
  readonly source: { readonly key: string; readonly uploadedAt: string | null };
}

/**
 * The attribute paths of an article item a list reads (a ProjectionExpression): its `summary`,
 * which is all the GSIs project besides the keys (shared/table.ts). Numbers would be list indexes.
 */
export const SUMMARY_PROJECTION: readonly (readonly (string | number)[])[] = [[SUMMARY_ATTRIBUTE]];

/** Titles longer than this are cut in summaries (a whole first paragraph taken for a title). */
const SUMMARY_TITLE_CHARS = 300;
/** A headline made from a lead stops at a word boundary before this many characters. */
const HEADLINE_CHARS = 160;

/** Flat text cut at a word boundary before HEADLINE_CHARS. */
function cutLine(text: string | null | undefined): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  if (flat.length <= HEADLINE_CHARS) return flat;
  const cut = flat.slice(0, HEADLINE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > HEADLINE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

/** The first sentence of the lead (of at most a lead's length: the sentence splitter is linear). */
export function openingOf(lead: string | null | undefined): string | null {
  return cutLine(lead ? splitSentences(lead.slice(0, 2 * HEADLINE_CHARS))[0] : null);
}

export function summarize(article: ArticleRecord | SummarySource): ArticleSummary {
  return {
    key: article.source.key,
    id: article.id,
    status: article.status,
    title: article.title === null ? null : article.title.slice(0, SUMMARY_TITLE_CHARS),
    headline: cutLine(article.title),
    opening: article.title === null ? openingOf(article.lead) : null,
    language: article.language.code,
    // As agencyOf (shared/items.ts) files the article.
    agency: article.dateline?.agencyCode ?? article.dateline?.agency ?? null,
    place: article.dateline?.place ?? null,
    published: article.published?.value ?? null,
    words: article.stats.words,
    uploadedAt: article.source.uploadedAt,
  };
}

/**
 * The summary an item read with SUMMARY_PROJECTION carries; `null` when it has none (an article
 * written before items carried one: its caller reads the article itself). A summary that does
 * not parse is a bug or a schema change, and throws.
 */
export function summarizeItem(item: Record<string, unknown>): ArticleSummary | null {
  const summary = item[SUMMARY_ATTRIBUTE];
  return summary === undefined ? null : ArticleSummary.parse(summary);
}

/** What readers show for an article without a date of record: never its upload time. */
export const UNDATED_LABEL = 'undated';
/** What readers show for an article without a title, beside its opening sentence. */
export const UNTITLED_LABEL = 'untitled';

/** The day of a date of record (`2015-09-01`, `2015-09`, `2015`), or `undated`. */
export function dateLabel(published: string | null | undefined): string {
  return published ? published.slice(0, 10) : UNDATED_LABEL;
}

/** A plain-text name for an article: its headline, else `untitled — «first sentence…»`. */
export function nameLabel(summary: Pick<ArticleSummary, 'headline' | 'opening'>): string {
  if (summary.headline) return summary.headline;
  return summary.opening ? `${UNTITLED_LABEL} — «${summary.opening}»` : UNTITLED_LABEL;
}
