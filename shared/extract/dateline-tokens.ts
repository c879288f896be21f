/**
 * The tokens the dateline grammar reads: words, numbers, separators, brackets and quotation
 * marks, with their offsets in the line. One pass over a bounded head of the line.
 *
 * Separators are every mark wire copy puts between the parts of a dateline: dashes of all
 * lengths, a tatweel standing alone (`أنقرة ـ د.ب.أ`), `_`, `:`, `/`, `|`, commas (Latin and
 * Arabic), the Arabic decimal separator some pages leave before a credit, `&`, `*`, `>`.
 */
import { toAsciiDigits } from './arabic';

export type TokenKind = 'word' | 'num' | 'sep' | 'open' | 'close' | 'quote' | 'newline' | 'other';

export interface HeadToken {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const SEPARATORS = new Set(['-', '–', '—', '‒', '_', ':', '/', '|', ',', '،', '٫', '&', '*', '>', '\\', '؛', '•']);
const OPEN = new Set(['(', '[', '«', '‹']);
const CLOSE = new Set([')', ']', '»', '›']);
const QUOTES = new Set(['"', '“', '”', '„', '‟']);
const TATWEEL = '\u0640';

const isLetter = (ch: string): boolean => /[\p{L}\p{M}]/u.test(ch);
const isLatinLetter = (ch: string): boolean => /[A-Za-z]/.test(ch);
const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';
const isSpace = (ch: string): boolean => /\s/u.test(ch) && ch !== '\n';
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/**
 * Tokenises `text` (Arabic-Indic digits read as ASCII; offsets are those of `text`). Inside a
 * word, a dot between letters (`أ.ف.ب`, `البلاد.نت`, `U.S`) and a hyphen or apostrophe between
 * Latin letters (`France-Presse`, `Hong'e`) belong to the word.
 */
export function headTokens(text: string): HeadToken[] {
  const digits = toAsciiDigits(text);
  const out: HeadToken[] = [];
  let i = 0;
  while (i < digits.length) {
    const ch = digits.charAt(i);
    if (isSpace(ch) || INVISIBLE.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '\n') {
      out.push({ kind: 'newline', text: ch, start, end: ++i });
    } else if (isDigit(ch)) {
      while (i < digits.length && isDigit(digits.charAt(i))) i++;
      out.push({ kind: 'num', text: digits.slice(start, i), start, end: i });
    } else if (isLetter(ch)) {
      while (i < digits.length) {
        const c = digits.charAt(i);
        const next = digits.charAt(i + 1);
        if (isLetter(c)) i++;
        else if (c === '.' && isLetter(next) && i > start) i++;
        else if ((c === '-' || c === "'" || c === '’') && isLatinLetter(digits.charAt(i - 1)) && isLatinLetter(next)) i++;
        else break;
      }
      const word = text.slice(start, i);
      const onlyTatweel = [...word].every((c) => c === TATWEEL);
      out.push({ kind: onlyTatweel ? 'sep' : 'word', text: word, start, end: i });
    } else {
      i++;
      const kind: TokenKind = SEPARATORS.has(ch) ? 'sep' : OPEN.has(ch) ? 'open' : CLOSE.has(ch) ? 'close' : QUOTES.has(ch) ? 'quote' : 'other';
      out.push({ kind, text: ch, start, end: i });
    }
  }
  return out;
}
