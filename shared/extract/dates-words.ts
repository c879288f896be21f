/**
 * Words the date readers know, as matchKey forms (normalised Arabic, lower case): ordinal day
 * words (الأول .. الحادي والثلاثين), the words that may stand between a day, a month and a year
 * (من، شهر، عام2012), calendar markers (هـ، م) and the cues that make a bare number a year.
 */
import { matchKey } from './arabic';

const keys = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(matchKey));

/** Ordinal units as day words: `الأول` .. `التاسع` (and `الحادي` in compounds). */
const UNITS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['الأول', 'الحادي', 'الواحد']],
  [2, ['الثاني']],
  [3, ['الثالث']],
  [4, ['الرابع']],
  [5, ['الخامس']],
  [6, ['السادس']],
  [7, ['السابع']],
  [8, ['الثامن']],
  [9, ['التاسع']],
];

/** A single ordinal word: الأول .. العاشر, العشرين, الثلاثين, and غرة (the first of a month). */
const SINGLE_DAY_WORDS = new Map<string, number>([
  ...UNITS.filter(([n]) => n !== 1).flatMap(([n, words]) => words.map((w) => [matchKey(w), n] as const)),
  [matchKey('الأول'), 1],
  [matchKey('غرة'), 1],
  [matchKey('العاشر'), 10],
  [matchKey('العشرين'), 20],
  [matchKey('الثلاثين'), 30],
]);

const UNIT_KEYS = new Map<string, number>(UNITS.flatMap(([n, words]) => words.map((w) => [matchKey(w), n] as const)));
/** `عشر` after a unit: الحادي عشر .. التاسع عشر. */
const TEEN = matchKey('عشر');
/** `والعشرين` / `والثلاثين` after a unit: الحادي والعشرين .. الحادي والثلاثين. */
const TENS = new Map<string, number>([
  [matchKey('والعشرين'), 20],
  [matchKey('والثلاثين'), 30],
]);

/** The day (1–31) an ordinal word run starting at `keys[0]` names, and how many words it takes. */
export function ordinalDay(first: string, second: string | undefined): { day: number; words: number } | null {
  const unit = UNIT_KEYS.get(first);
  if (unit !== undefined && second !== undefined) {
    if (second === TEEN) return { day: 10 + unit, words: 2 };
    const tens = TENS.get(second);
    if (tens !== undefined && tens + unit <= 31) return { day: tens + unit, words: 2 };
  }
  const single = SINGLE_DAY_WORDS.get(first);
  return single === undefined ? null : { day: single, words: 1 };
}

/** Words allowed between day, month and year: `الثلاثين من حزيران من عام 2012`, `the 26th of February`. */
export const LINK_WORDS = keys(['من', 'of', 'شهر']);
/** Words allowed just before a year after a month: `حزيران عام2012`, `نيسان من العام 2014`. */
export const YEAR_WORDS = keys(['عام', 'العام', 'سنة', 'السنة', 'لعام', 'للعام']);
/** A Gregorian year marker (`2015 م`, `ميلادي`). */
export const GREGORIAN_MARKERS = keys(['م', 'ميلادي', 'ميلادية', 'للميلاد']);
/** A Hijri year marker (`1436 هـ`, `هجري`, `للهجرة`). */
export const HIJRI_MARKERS = keys(['ه', 'هـ', 'ھ', 'هجري', 'هجرية', 'للهجرة']);
/** Words after which a four-digit number is a year: `عام 2014`, `في 2015`, `since 2010`. */
export const YEAR_CUES = keys([
  'عام', 'العام', 'لعام', 'للعام', 'بعام', 'سنة', 'السنة', 'لسنة', 'للسنة', 'منذ', 'حتى', 'خلال',
  'بحلول', 'في', 'مطلع', 'أوائل', 'أواخر', 'نهاية', 'بداية', 'منتصف', 'موسم',
  'in', 'since', 'until', 'till', 'by', 'during', 'year', 'early', 'mid', 'late', 'throughout',
]);
/** English ordinal suffixes split off a day by tokenising (`26th` -> `26`, `th`). */
export const ORDINAL_SUFFIXES = keys(['st', 'nd', 'rd', 'th']);

/** Any word of an ordinal day (`الحادي`, `والعشرين`, `الثلاثين`, `غرة`). */
export function isDayWord(key: string): boolean {
  return UNIT_KEYS.has(key) || SINGLE_DAY_WORDS.has(key) || TENS.has(key) || key === TEEN;
}
