/**
 * Quotation spans in one paragraph: “…”, «…», "…", „…“, ''…'' and '…' (and the reversed pairs
 * that right-to-left typing produces: ”…“, »…«). Marks pair left to right; a quote inside
 * another stays part of the outer one; a mark with no partner in the paragraph is ignored,
 * except after a colon, where the quote runs to the end of the paragraph.
 */

export interface QuoteSpan {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset of the closing mark. */
  readonly close: number;
  /** The quoted text, trimmed. */
  readonly text: string;
  /** True when no mark closes the quote in its paragraph. */
  readonly runsOn?: boolean;
}

/** Opening mark -> the marks that may close it. */
const PARTNERS: Readonly<Record<string, string>> = {
  '“': '”“',
  '”': '”“',
  '„': '”“',
  '«': '»',
  '»': '«',
  '"': '"',
  "''": "''",
  "'": "'",
};

import { charge } from './work';

/** `''` (two apostrophes) is one mark, tried before the single apostrophe. */
const MARK = /''|["“”„«»']/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Straight quotes carry no direction, and a quote running over several paragraphs leaves one
 * unclosed: a `"` can open only where a word starts after it and none ends before it, and can
 * close only where no word starts right after it.
 */
function canOpen(text: string, at: number, length = 1): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at + length);
  // `قال:" إن …`: after a colon the mark opens even with a space after it.
  if (/[:：]/.test(text.slice(Math.max(0, at - 2), at)) && after !== '') return true;
  return after !== '' && !/\s/.test(after) && !WORD_CHAR.test(before) && !/[,.;:!?]/.test(before);
}
function canClose(text: string, at: number, length = 1): boolean {
  const before = text.charAt(at - 1);
  const after = text.charAt(at + length);
  // `… كافة ".`: spaced inside, as the opening was, and followed by punctuation or the end.
  if (before === ' ' && WORD_CHAR.test(text.charAt(at - 2)) && (after === '' || /[.,،؛;:!?؟)]/.test(after))) return true;
  return before !== '' && !/\s/.test(before) && !WORD_CHAR.test(after);
}
/** A quote left open after a colon is one only when this many words follow the mark. */
const RUN_ON_WORDS = 4;
/** Straight marks carry no direction: they open and close by what stands around them. */
const STRAIGHT = new Set(['"', "''", "'"]);

/** What the paragraph's reader knows beyond its text: where speech is introduced, and whether a quote runs on into it. */
export interface SpanContext {
  /** True when a speech verb introduces a mark at this offset (`يقول الباحث فلان "…`). */
  readonly introducesSpeech?: (offset: number) => boolean;
  /** True when the paragraph before ended inside a quote that was never closed. */
  readonly continuesQuote?: boolean;
}

/** Whether a quote opened at `open` and never closed runs to the end of the paragraph. */
function runsOn(paragraph: string, open: number, mark: string, context: SpanContext): string | null {
  const rest = paragraph.slice(open + mark.length).trim();
  if (rest.split(/\s+/).length < RUN_ON_WORDS) return null;
  const colon = /[:：]\s*$/.test(paragraph.slice(Math.max(0, open - 3), open));
  return colon || context.introducesSpeech?.(open) ? rest : null;
}

/**
 * `… نهاية الاقتباس".` in a paragraph after one whose quote ran on: the text up to the first
 * closing mark that nothing opened is the rest of that quote.
 */
function continuation(paragraph: string): QuoteSpan | null {
  MARK.lastIndex = 0;
  const first = MARK.exec(paragraph);
  if (!first || first[0] === "'" || first[0] === "''") return null;
  const closes = first[0] === '»' || first[0] === '”' || (first[0] === '"' && !canOpen(paragraph, first.index));
  if (!closes || !canClose(paragraph, first.index)) return null;
  const text = paragraph.slice(0, first.index).trim();
  return /[\p{L}\p{N}]/u.test(text) ? { open: 0, close: first.index, text } : null;
}

export function findQuoteSpans(paragraph: string, context: SpanContext = {}): QuoteSpan[] {
  // A mark's partner is looked for to the end at most once per kind of mark (`unpaired`), else
  // the search stops at the partner: the paragraph is read a bounded number of times.
  charge(paragraph.length);
  const spans: QuoteSpan[] = [];
  // Marks whose partner was looked for to the end of the paragraph and not found.
  const unpaired = new Set<string>();
  const rest = context.continuesQuote ? continuation(paragraph) : null;
  if (rest) spans.push(rest);
  MARK.lastIndex = rest ? rest.close + 1 : 0;
  let opening: RegExpExecArray | null;
  while ((opening = MARK.exec(paragraph)) !== null) {
    const open = opening.index;
    const mark = opening[0];
    if (unpaired.has(mark) || (STRAIGHT.has(mark) && !canOpen(paragraph, open, mark.length))) continue;
    const partners = PARTNERS[mark] ?? '';
    let close = -1;
    let next: RegExpExecArray | null;
    while ((next = MARK.exec(paragraph)) !== null) {
      const same = mark === "''" || mark === "'" ? next[0] === mark : partners.includes(next[0]);
      if (same && (!STRAIGHT.has(next[0]) || canClose(paragraph, next.index, next[0].length))) {
        close = next.index;
        break;
      }
    }
    if (close < 0) {
      // `وقال في مؤتمر صحفي:" إن …`, `يقول الباحث فلان "…` and no closing mark: a quote opened
      // after a colon or a speech verb runs on to the end of the paragraph (and may go on in the
      // next one, which closes it).
      const runOn = runsOn(paragraph, open, mark, context);
      if (runOn) {
        spans.push({ open, close: paragraph.length, text: runOn, runsOn: true });
        break;
      }
      // No partner: the mark is ignored and the search resumes right after it.
      unpaired.add(mark);
      MARK.lastIndex = open + 1;
      continue;
    }
    const closeLength = mark === "''" ? 2 : 1;
    const text = paragraph.slice(open + mark.length, close).trim();
    if (/[\p{L}\p{N}]/u.test(text)) spans.push({ open, close: close + closeLength - 1, text });
    MARK.lastIndex = close + closeLength;
  }
  return spans;
}
