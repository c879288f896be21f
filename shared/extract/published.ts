/**
 * The date of record (`published`), from the first of these that states a readable date, in this
 * order of trust:
 * 1. the object's S3 metadata, `x-amz-meta-published` (source `metadata`): the uploader knew;
 * 2. the file's own fields: front matter, `<meta>` tags, JSON fields (`front-matter`, `html`, `metadata`);
 * 3. the dateline's own date (`dateline`); a day and month without a year (`--08-02`) take the year
 *    of the article's other dates (published-year.ts), first the page's stamp, then the text's;
 * 4. the page's publication stamp at the head of the text (`text`, published-stamps.ts);
 * 5. the wire trailer's timestamp (`trailer`).
 * Nothing else: with none of them the article is undated (`null`), and readers say so. The upload
 * time is never a date of record (an archive is uploaded years after its stories).
 */
import { parseLooseDate } from './calendar';
import { findDatesIn } from './dates';
import { withProblem, type Draft, type Extractor } from './draft';
import { objectMetadataValue, PUBLISHED_METADATA } from './object-metadata';
import { HEAD_LINES, headStamp, trailerStamp, TRAILER_LINES } from './published-stamps';
import { inferYear, monthDayOf } from './published-year';
import type { Published } from '../record';

const FULL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?(T|$)/;

/** Full dates (day precision) the article mentions, in the order it mentions them. */
function datesInText(draft: Draft): string[] {
  const parts = [draft.title, ...draft.subheadings, ...draft.paragraphs].filter((p): p is string => !!p);
  return parts.flatMap((part) => findDatesIn(part).filter((d) => d.precision === 'day' && !d.relative).map((d) => d.value));
}

/** The dateline's date as a date of record: a full date as it is, a day and month with an inferred year. */
function datelineDate(draft: Draft, stamp: string | null): string | null {
  const date = draft.dateline?.date ?? null;
  if (!date) return null;
  if (FULL_DATE.test(date)) return date;
  if (!monthDayOf(date)) return null;
  return (stamp ? inferYear(date, [stamp]) : null) ?? inferYear(date, datesInText(draft));
}

/**
 * The first lines of the file: the structure step takes page furniture (a time stamp above the
 * story, a section label) off the blocks, and a stamp is just such a line.
 */
function openingLines(draft: Draft): string[] {
  const blocks = draft.blocks.slice(0, HEAD_LINES).map((b) => b.text);
  if (draft.format !== 'text') return blocks;
  const head = draft.text.slice(0, 3_000).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, HEAD_LINES);
  return head.length > 0 ? head : blocks;
}

/** The last lines of the file: the dateline extractor may have taken a credit line off the blocks. */
function closingLines(draft: Draft): string[] {
  const blocks = draft.blocks.slice(-TRAILER_LINES).map((b) => b.text);
  if (draft.format !== 'text') return blocks;
  const tail = draft.text.slice(-1_000).split('\n').map((l) => l.trim()).filter(Boolean).slice(-TRAILER_LINES);
  return [...blocks, ...tail];
}

export const findPublished: Extractor = (draft) => {
  let next = draft;
  const stated: [string | null, Published['source'] | null][] = [
    [objectMetadataValue(draft.source.metadata, PUBLISHED_METADATA), 'metadata'],
    [draft.metadata.published, draft.metadataSource],
  ];
  for (const [raw, source] of stated) {
    if (!raw || !source) continue;
    const value = parseLooseDate(raw);
    if (value) return { ...next, published: { value, source } };
    next = withProblem(next, 'unreadable-date', `The publication date "${raw.slice(0, 80)}" could not be read.`);
  }
  const stamp = headStamp(openingLines(draft));
  const fromDateline = datelineDate(draft, stamp);
  if (fromDateline) return { ...next, published: { value: fromDateline, source: 'dateline' } };
  if (stamp) return { ...next, published: { value: stamp, source: 'text' } };
  const trailer = trailerStamp(closingLines(draft));
  return { ...next, published: trailer ? { value: trailer, source: 'trailer' } : null };
};
