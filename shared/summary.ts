/**
 * The few fields a list shows of an article; the whole record is one `get` away. Lists built from
 * the GSIs summarise records as they read them; entity index items carry a summary written at
 * ingest, so a search by entity needs no read of the article items.
 */
import { z } from 'zod';
import type { ArticleRecord } from './record';

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

/** What a summary is made from: a record, or the few attributes of an item a list projects. */
export const SummarySource = z.object({
  id: z.string(),
  status: z.enum(['ok', 'rejected', 'error']),
  title: z.string().nullable(),
  lead: z.string().nullable(),
  subheadings: z.array(z.string()).default([]),
  dateline: z.object({ place: z.string().nullable(), agency: z.string().nullable(), agencyCode: z.string().nullable() }).nullable(),
  published: z.object({ value: z.string() }).nullable(),
  language: z.object({ code: z.string() }),
  stats: z.object({ words: z.number() }),
  source: z.object({ key: z.string(), uploadedAt: z.string().nullable() }),
});
export type SummarySource = z.input<typeof SummarySource>;

/**
 * The attribute paths of an article item a summary needs: a list reads only these (a
 * ProjectionExpression), not whole items of up to 400 KB. Numbers are list indexes.
 */
export const SUMMARY_PROJECTION: readonly (readonly (string | number)[])[] = [
  ['id'],
  ['status'],
  ['title'],
  ['lead'],
  ['subheadings', 0],
  ['dateline'],
  ['published'],
  ['language', 'code'],
  ['stats', 'words'],
  ['source', 'key'],
  ['source', 'uploadedAt'],
];

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

/** The summary of an item read with SUMMARY_PROJECTION; throws when the item is not an article's. */
export function summarizeItem(item: Record<string, unknown>): ArticleSummary {
  return summarize(SummarySource.parse(item));
}
