/**
 * An article's text as readers show it: the object's bytes read by the extraction's own first
 * steps (decode, format, dateline, byline, structure), so HTML, JSON, Markdown and plain text give
 * exactly the paragraphs the record was extracted from. Paragraphs are numbered here and only
 * here (`paragraphNumber`): `dateline get --text`, `GET /articles/{key}/text`, the article page and
 * every quote's "paragraph N" use this one numbering.
 */
import { decode } from './extract/decode';
import { rejectDataFiles } from './extract/data-files';
import { findByline } from './extract/byline';
import { findDateline } from './extract/dateline';
import { newDraft, type Extractor } from './extract/draft';
import { detectFormat } from './extract/format';
import { applyObjectTitle } from './extract/object-metadata';
import { buildStructure } from './extract/structure';
import type { Source } from './record';

/** One unit of the text in reading order. Paragraphs carry their number; subheadings none. */
export type TextBlock = { readonly kind: 'subheading'; readonly text: string } | { readonly kind: 'paragraph'; readonly number: number; readonly text: string };

export interface ArticleText {
  /** The dateline as written, or null. */
  readonly dateline: string | null;
  readonly blocks: readonly TextBlock[];
  /** How many paragraphs (the record's `stats.paragraphs`). */
  readonly paragraphs: number;
}

/**
 * The number readers see for a body paragraph, from its 0-based index (`quotes[].paragraph`,
 * the order of `stats.paragraphs`): 1, 2, 3 … Subheadings, the title and the dateline take none.
 */
export function paragraphNumber(index: number): number {
  return index + 1;
}

/** The extraction's steps up to the text's structure, in the pipeline's order (extract/index.ts). */
const TEXT_STEPS: readonly Extractor[] = [decode, rejectDataFiles, detectFormat, findDateline, findByline, buildStructure, applyObjectTitle];

/** The text of an object's bytes, or null when extraction rejects them (no article text to show). */
export function readArticleText(bytes: Uint8Array, source: Source): ArticleText | null {
  let draft = newDraft(bytes, source);
  for (const step of TEXT_STEPS) {
    draft = step(draft);
    if (draft.rejection) return null;
  }
  const blocks = draft.body.map((unit): TextBlock => (unit.kind === 'paragraph' ? { kind: 'paragraph', number: paragraphNumber(unit.index), text: unit.text } : unit));
  return { dateline: draft.dateline?.raw ?? null, blocks, paragraphs: draft.paragraphs.length };
}
