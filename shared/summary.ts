/**
 * The few fields a list shows of an article; the whole record is one `get` away. Written at ingest
 * into every article item (its `summary` attribute, the one the GSIs project) and every entity
 * index item, so a list or a search by entity reads summaries only, never whole records.
 */
import * as z from './zod';
import type { ArticleRecord } from './record';
import { SUMMARY_ATTRIBUTE } from './table';

export const ArticleSummary = z.object({
  key: z.string(),
  id: z.string(),
  status: z.enum(['ok', 'rejected', 'error']),
  title: z.string().nullable(),
  /** What a list shows as the article's name: its title, else its first subheading, else the start of its lead. */
  headline: z.string().nullable(),
  language: z.string(),
  agency: z.string().nullable(),
  place: z.string().nullable(),
  published: z.string().nullable(),
  words: z.number(),
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

function headlineOf(article: { title: string | null; subheadings?: readonly string[] | undefined; lead: string | null }): string | null {
  const text = article.title ?? article.subheadings?.[0] ?? article.lead;
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= HEADLINE_CHARS) return flat;
  const cut = flat.slice(0, HEADLINE_CHARS);
  const space = cut.lastIndexOf(' ');
  return `${space > HEADLINE_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

export function summarize(article: ArticleRecord | SummarySource): ArticleSummary {
  return {
    key: article.source.key,
    id: article.id,
    status: article.status,
    title: article.title === null ? null : article.title.slice(0, SUMMARY_TITLE_CHARS),
    headline: headlineOf(article),
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
