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
