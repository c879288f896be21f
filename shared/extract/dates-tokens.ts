/**
 * The tokens the date readers walk: runs of letters (with their diacritics) and runs of digits,
 * each with its offsets in the original text (so a mention's `text` is exactly what the article
 * says), a matching key (normalised Arabic, lower case) and, for digits, the number.
 * `عام2012` is two tokens; Arabic-Indic digits read as numbers.
 */
import { toAsciiDigits } from './arabic';

export interface DateToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** wordKey of the text (normalised Arabic, lower case): what word lists are compared with. */
  readonly key: string;
  /** The value of a digit run, else null. */
  readonly number: number | null;
  /** Digits in a digit run (a year has 4), else 0. */
  readonly digits: number;
}

const TOKEN = /[\p{L}\p{M}]+|\p{Nd}+/gu;

/**
 * The matching key of one word (letters and marks only): what normalizeArabic and lower-casing
 * give (SPEC §5: no diacritics or tatweel, أ إ آ ٱ -> ا, ة -> ه, ى -> ي), in one pass. Extraction
 * calls this for every word of an article, where the regex chain of matchKey costs too much.
 */
export function wordKey(word: string): string {
  return keyOf(word, false);
}

function keyOf(text: string, composed: boolean): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A combining hamza or madda (ا + ٔ): compose first (NFC), as normalizeArabic does.
    if (c >= 0x0653 && c <= 0x0655 && !composed) return keyOf(text.normalize('NFC'), true);
    let mapped: string | null = null;
    if ((c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640 || (c >= 0x0610 && c <= 0x061a) || (c >= 0x06d6 && c <= 0x06dc) || (c >= 0x06df && c <= 0x06e8) || (c >= 0x06ea && c <= 0x06ed)) mapped = '';
    else if (c === 0x0623 || c === 0x0625 || c === 0x0622 || c === 0x0671) mapped = 'ا';
    else if (c === 0x0629) mapped = 'ه';
    else if (c === 0x0649) mapped = 'ي';
    if (mapped === null) {
      if (changed) out += text[i];
      continue;
    }
    if (!changed) {
      out = text.slice(0, i);
      changed = true;
    }
    out += mapped;
  }
  return (changed ? out : text).toLowerCase();
}

/** The conjunctions و and ف written onto the next word (`والحادي`, `وأمس`). */
const CONJUNCTION = /^[وف]/;

function token(text: string, start: number): DateToken {
  const isNumber = /^\p{Nd}/u.test(text);
  const ascii = isNumber ? toAsciiDigits(text) : '';
  const number = isNumber && /^\d+$/.test(ascii) ? Number(ascii) : null;
  return { text, start, end: start + text.length, key: isNumber ? ascii : wordKey(text), number, digits: number === null ? 0 : ascii.length };
}

/**
 * Tokens of `text`. A word made of a conjunction and a word `isDateWord` knows (`والعشرين`
 * stays whole for the ordinal reader that expects it; `وأمس` becomes `و` + `أمس`) is split, so
 * that readers see the date word and the mention's text starts after the conjunction.
 */
export function dateTokens(text: string, isDateWord: (key: string) => boolean = () => false): DateToken[] {
  return splitConjunctions(tokenize(text), isDateWord);
}

/** The tokens of `text` as the article's token stream holds them (token-stream.ts). */
export function tokenize(text: string): DateToken[] {
  const tokens: DateToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) tokens.push(token(m[0], m.index));
  return tokens;
}

/** dateTokens over tokens already cut: a conjunction written onto a date word becomes its own token. */
export function splitConjunctions(tokens: readonly DateToken[], isDateWord: (key: string) => boolean): DateToken[] {
  const out: DateToken[] = [];
  for (const whole of tokens) {
    if (whole.number === null && CONJUNCTION.test(whole.text) && !isDateWord(whole.key) && isDateWord(whole.key.slice(1))) {
      out.push(token(whole.text.slice(0, 1), whole.start), token(whole.text.slice(1), whole.start + 1));
    } else out.push(whole);
  }
  return out;
}

/**
 * What lies between two tokens may join them into one date: spaces, one comma or dot
 * (`Feb. 26, 2015`, `26 February, 2015`), invisible marks. A line break or a sentence end may not.
 */
export function joins(text: string, left: DateToken, right: DateToken): boolean {
  const gap = text.slice(left.end, right.start);
  return gap.length <= 4 && /^[\s\u200e\u200f\u200b\u00a0]*[,،.]?[\s\u200e\u200f\u200b\u00a0]*$/.test(gap) && !gap.includes('\n');
}

/** The separator of a numeric date (`/`, `-`, `.`), when that is all that lies between. */
export function numericSeparator(text: string, left: DateToken, right: DateToken): string | null {
  const gap = text.slice(left.end, right.start);
  const m = /^[ \u200e\u200f]{0,2}([/\-.])[ \u200e\u200f]{0,2}$/.exec(gap);
  return m?.[1] ?? null;
}
