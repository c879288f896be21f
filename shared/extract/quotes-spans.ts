/**
 * Quotation spans in one paragraph: “…”, «…», "…" (and the reversed pairs that right-to-left
 * typing produces: ”…“, »…«). Marks pair left to right; a quote inside another stays part of
 * the outer one; a mark with no partner in the paragraph is ignored.
 */

export interface QuoteSpan {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset of the closing mark. */
  readonly close: number;
  /** The quoted text, trimmed. */
  readonly text: string;
}

/** Opening mark -> the marks that may close it. */
const PARTNERS: Readonly<Record<string, string>> = {
  '“': '”“',
  '”': '”“',
  '„': '”“',
  '«': '»',
  '»': '«',
  '"': '"',
};

import { charge } from './work';

const MARK = /["“”„«»]/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Straight quotes carry no direction, and a quote running over several paragraphs leaves one
 * unclosed: a `"` can open only where a word starts after it and none ends before it, and can
 * close only where no word starts right after it.
 */
function canOpen(text: string, at: number): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at + 1);
  return after !== '' && !/\s/.test(after) && !WORD_CHAR.test(before) && !/[,.;:!?]/.test(before);
}
function canClose(text: string, at: number): boolean {
  const before = text.charAt(at - 1);
  return before !== '' && !/\s/.test(before) && !WORD_CHAR.test(text.charAt(at + 1));
}

export function findQuoteSpans(paragraph: string): QuoteSpan[] {
  // A mark's partner is looked for to the end at most once per kind of mark (`unpaired`), else
  // the search stops at the partner: the paragraph is read a bounded number of times.
  charge(paragraph.length);
  const spans: QuoteSpan[] = [];
  // Marks whose partner was looked for to the end of the paragraph and not found.
  const unpaired = new Set<string>();
  MARK.lastIndex = 0;
  let opening: RegExpExecArray | null;
  while ((opening = MARK.exec(paragraph)) !== null) {
    const open = opening.index;
    const mark = opening[0];
    if (unpaired.has(mark) || (mark === '"' && !canOpen(paragraph, open))) continue;
    const partners = PARTNERS[mark] ?? '';
    let close = -1;
    let next: RegExpExecArray | null;
    while ((next = MARK.exec(paragraph)) !== null) {
      if (partners.includes(next[0]) && (next[0] !== '"' || canClose(paragraph, next.index))) {
        close = next.index;
        break;
      }
    }
    if (close < 0) {
      // No partner: the mark is ignored and the search resumes right after it.
      unpaired.add(mark);
      MARK.lastIndex = open + 1;
      continue;
    }
    const text = paragraph.slice(open + 1, close).trim();
    if (/[\p{L}\p{N}]/u.test(text)) spans.push({ open, close, text });
    MARK.lastIndex = close + 1;
  }
  return spans;
}
