/**
 * Small measures of text shared by the extractors: words (SPEC §5's definition, in one place),
 * and cheap tests of how a line ends. Those look at the last visible character only: a regex
 * anchored with `$` would be tried at every position of the line.
 */

/** A word as SPEC §5 counts it: a run of letters and numbers. A fresh global regex per call site. */
export const wordPattern = (): RegExp => /[\p{L}\p{N}]+/gu;

/** Whitespace-separated pieces: how long a dateline part or a headline is. */
export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Whitespace, direction marks, zero-width spaces and the BOM: nothing a reader sees. */
function isBlank(code: number): boolean {
  return (
    code <= 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202f) ||
    (code >= 0x205f && code <= 0x206f) ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The last character a reader sees, or '' for a blank line. */
export function lastVisibleChar(text: string): string {
  for (let i = text.length - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (isBlank(code)) continue;
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
    return text.charAt(i);
  }
  return '';
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]+$/u;

/** True when a line ends in a letter or digit, as headlines do and sentences do not. */
export function endsInWord(text: string): boolean {
  return LETTER_OR_DIGIT.test(lastVisibleChar(text));
}

/** True when the last visible character is one of `chars`. */
export function endsWithOneOf(text: string, chars: string): boolean {
  const last = lastVisibleChar(text);
  return last !== '' && chars.includes(last);
}
