/**
 * Arabic text helpers shared by the extractors. Matching works on a normalised form (SPEC §5);
 * displayed text always keeps the original spelling, so these functions only ever produce keys.
 */

/** Harakat, superscript alef, Quranic annotation marks. */
const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_FORMS = /[أإآٱ]/g;
/** Direction marks and embeddings, zero-width space, BOM: invisible, and noise for matching. */
const INVISIBLE = /[\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * The matching form of Arabic text (SPEC §5): alef/hamza forms to ا, ة to ه, ى to ي, no
 * diacritics, no tatweel. Latin text passes through unchanged (case is the caller's business).
 */
export function normalizeArabic(text: string): string {
  // One pass over text of ASCII and the Arabic block (almost every key), the long way otherwise.
  let codes: number[] | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      codes?.push(c);
      continue;
    }
    const mapped = arabicBlockCode(c);
    if (mapped === LONG_WAY) return normalizeArabicLongWay(text);
    if (mapped === c && codes === null) continue;
    if (codes === null) {
      codes = [];
      for (let k = 0; k < i; k++) codes.push(text.charCodeAt(k));
    }
    if (mapped !== DROPPED) codes.push(mapped);
  }
  return codes === null ? text : fromCodes(codes);
}

const LONG_WAY = -1;
const DROPPED = -2;

/**
 * What one character of the Arabic block becomes (DROPPED for diacritics and tatweel), or
 * LONG_WAY for characters NFC may change: outside ASCII and the block, and the hamza and madda
 * marks that compose with the letter before them (ا + ٔ = أ). Every other combining mark of the
 * block is a diacritic and dropped, so NFC's reordering of marks cannot show in the result.
 */
function arabicBlockCode(c: number): number {
  if (c < 0x600 || c > 0x6ff || (c >= 0x653 && c <= 0x655)) return LONG_WAY;
  if ((c >= 0x610 && c <= 0x61a) || (c >= 0x64b && c <= 0x65f) || c === 0x670 || (c >= 0x6d6 && c <= 0x6dc) || (c >= 0x6df && c <= 0x6e8) || (c >= 0x6ea && c <= 0x6ed) || c === 0x640) {
    return DROPPED;
  }
  if (c === 0x623 || c === 0x625 || c === 0x622 || c === 0x671) return 0x627;
  if (c === 0x629) return 0x647;
  if (c === 0x649) return 0x64a;
  return c;
}

function fromCodes(codes: readonly number[]): string {
  let out = '';
  for (let at = 0; at < codes.length; at += 4096) out += String.fromCharCode(...codes.slice(at, at + 4096));
  return out;
}

function normalizeArabicLongWay(text: string): string {
  return text
    .normalize('NFC')
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_FORMS, 'ا')
    .replace(/ة/g, 'ه')
    .replace(/ى/g, 'ي');
}

/** Removes bidi controls and zero-width spaces that editors leave around Arabic lines. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** A line as shown: invisible controls removed, runs of white space as one space, trimmed. */
export function visibleText(text: string): string {
  return stripInvisible(text).replace(/\s+/g, ' ').trim();
}

/** Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits to ASCII, one character for one. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/**
 * A key for comparing short names (agencies, places) across spellings: normalised Arabic,
 * no invisible marks, dots and dashes as spaces, single spaces, lower case.
 */
export function matchKey(text: string): string {
  return normalizeArabic(stripInvisible(text))
    .toLowerCase()
    .replace(/[.\u00B7]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Letters of the Arabic script (all blocks), used by language detection and decoding checks. */
export const ARABIC_SCRIPT_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/u;
