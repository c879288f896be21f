// Arabic spelling normalisation and clitic stripping used by the NER features and gazetteers.
// Matching is spelling-insensitive (SPEC §4): alef/hamza forms -> ا, ة -> ه, ى -> ي,
// no diacritics or tatweel. Displayed text always keeps the original spelling.

const DIACRITICS_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671\u0672\u0673]/g; // آ أ إ ٱ and rare variants
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

export function normalizeArabic(text: string): string {
  return text
    .replace(DIACRITICS_AND_TATWEEL, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(/\u0629/g, '\u0647') // ة -> ه
    .replace(/\u0649/g, '\u064A') // ى -> ي
    .replace(/\u06CC/g, '\u064A') // Persian ye -> ي
    .replace(/\u06A9/g, '\u0643') // Persian kaf -> ك
    .replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

const ARABIC_LETTER = /[\u0621-\u064A\u066E-\u06D3\u06D5\u06FA-\u06FF]/;

export function isArabicWord(token: string): boolean {
  return ARABIC_LETTER.test(token);
}

// Proclitic sequences on normalised text, longest first. "لل" is ل + ال with the alef elided.
const PROCLITICS = [
  'وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال',
  'لل', 'ال', 'وب', 'ول', 'وك', 'فب', 'فل', 'و', 'ف', 'ب', 'ل', 'ك',
];

export interface CliticSplit {
  /** the proclitic letters removed ('' when none) */
  prefix: string;
  /** what is left, with the article restored after لل (للجزائر -> الجزائر when keepArticle) */
  stem: string;
}

/**
 * Removes the longest proclitic that leaves a stem of at least `minStem` letters.
 * With `keepArticle`, the definite article stays on the stem (وبالجزائر -> الجزائر), which is
 * how names are written on their own; without it, the stem is bare (وبالجزائر -> جزائر).
 */
export function stripProclitics(normalized: string, keepArticle: boolean, minStem = 2): CliticSplit {
  for (const prefix of PROCLITICS) {
    if (!normalized.startsWith(prefix)) continue;
    const rest = normalized.slice(prefix.length);
    if (rest.length < minStem) continue;
    if (keepArticle && prefix.endsWith('ال')) return { prefix: prefix.slice(0, -2), stem: 'ال' + rest };
    if (keepArticle && prefix.endsWith('لل')) return { prefix: prefix.slice(0, -1), stem: 'ال' + rest };
    return { prefix, stem: rest };
  }
  return { prefix: '', stem: normalized };
}

/**
 * Forms under which a normalised token may appear in a name list: itself, and with a leading
 * conjunction or preposition removed (وألمانيا -> المانيا, للجيش -> الجيش).
 */
export function lookupForms(normalized: string): string[] {
  const forms = [normalized];
  const split = stripProclitics(normalized, true, 3);
  if (split.prefix !== '' && split.stem !== normalized) forms.push(split.stem);
  return forms;
}
