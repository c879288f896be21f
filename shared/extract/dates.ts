/**
 * Dates mentioned in the article: `dates: [{ text, value, precision, calendar, relative? }]`.
 *
 * Read, in this order, at each token of the title, subheadings and paragraphs:
 * - day month year: `30 حزيران 2012`, `الثلاثين من حزيران عام2012`, `٢٥ شوال ١٤٣٦ هـ`,
 *   `26 February 2015`, `the 26th of February, 2015`;
 * - month day, year: `February 26, 2015`, `Feb. 26, 2015`;
 * - numeric: `26/02/2015`, `1 / 11 / 1436 هـ`, `2015-08-10` (day/month order is Arabic usage in
 *   Arabic text; in other text a date like 04/05/2015 that reads both ways is left out);
 * - month year: `نيسان 2014`, `February 2015`, `شوال 1436 هـ` (precision month);
 * - a cued year: `عام 2014`, `في 2015`, `since 2010`, `1436 هـ` (precision year);
 * - day month without a year, and relative expressions (`أمس`, `قبل أيام`): only when
 *   `published` is known, resolved against it and flagged `relative: true`.
 * Month names in every regional form come from calendar.ts. Hijri dates are converted to
 * Gregorian (dates-hijri.ts, Umm al-Qura approximation, ±1 day) with `calendar: "hijri"`.
 */
import type { DateMention } from '../record';
import { gregorianMonth, hijriMonth, isoDate } from './calendar';
import { hijriMonthToGregorian, hijriToGregorian, hijriYearToGregorian } from './dates-hijri';
import { anchorOf, isRelativeWord, relativeAt, type Anchor, type Precision } from './dates-relative';
import { dateTokens, joins, numericSeparator, splitConjunctions, wordKey, type DateToken } from './dates-tokens';
import { tokensOf, type TokenStream } from './token-stream';
import { GREGORIAN_MARKERS, HIJRI_MARKERS, isDayWord, LINK_WORDS, ORDINAL_SUFFIXES, ordinalDay, YEAR_CUES, YEAR_WORDS } from './dates-words';
import type { Extractor } from './draft';

/** Mentions kept per article: dates are small, but a table of 10,000 dates is not a story. */
export const MAX_DATES = 200;

type Calendar = DateMention['calendar'];

interface Found {
  readonly from: number;
  /** Index of the last token taken. */
  readonly to: number;
  readonly value: string;
  readonly precision: Precision;
  readonly calendar: Calendar;
  readonly relative?: boolean;
}

interface Reader {
  readonly text: string;
  readonly tokens: readonly DateToken[];
  readonly anchor: Anchor | null;
  /** Arabic usage: numeric dates are day/month/year. */
  readonly arabic: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');

interface MonthHit {
  readonly month: number;
  readonly calendar: Calendar;
  readonly to: number;
}

/** Month lookups by key, remembered: the same few hundred words come back in every article. */
const monthCache = new Map<string, readonly [number, Calendar] | null>();

function monthOfKey(key: string): readonly [number, Calendar] | null {
  const cached = monthCache.get(key);
  if (cached !== undefined) return cached;
  const g = gregorianMonth(key);
  const h = g ? null : hijriMonth(key);
  const found: readonly [number, Calendar] | null = g ? [g, 'gregorian'] : h ? [h, 'hijri'] : null;
  if (monthCache.size > 50_000) monthCache.clear();
  monthCache.set(key, found);
  return found;
}

/** A month name at token i (one or two words), Gregorian in any regional form or Hijri. */
function monthAt(r: Reader, i: number): MonthHit | null {
  const t = r.tokens[i];
  if (!t || t.number !== null) return null;
  const next = r.tokens[i + 1];
  if (next && next.number === null && joins(r.text, t, next)) {
    const two = monthOfKey(`${t.key} ${next.key}`);
    if (two) return { month: two[0], calendar: two[1], to: i + 1 };
  }
  const one = monthOfKey(t.key);
  return one ? { month: one[0], calendar: one[1], to: i } : null;
}

/** A day at token i: 1–31 in digits (`26`, `26th`) or ordinal words (`الحادي والعشرين`). */
function dayAt(r: Reader, i: number): { day: number; to: number } | null {
  const t = r.tokens[i];
  if (!t) return null;
  const next = r.tokens[i + 1];
  if (t.number !== null) {
    if (t.digits > 2 || t.number < 1 || t.number > 31) return null;
    const suffixed = next && ORDINAL_SUFFIXES.has(next.key) && next.start === t.end;
    return { day: t.number, to: suffixed ? i + 1 : i };
  }
  const ordinal = ordinalDay(t.key, next && joins(r.text, t, next) ? next.key : undefined);
  return ordinal ? { day: ordinal.day, to: i + ordinal.words - 1 } : null;
}

/** Skips link words (`من`, `of`, `شهر`) after token i; returns the next index to read. */
function skipLinks(r: Reader, i: number, words: ReadonlySet<string>, max = 2): number {
  let at = i + 1;
  for (let n = 0; n < max; n++) {
    const t = r.tokens[at];
    const before = r.tokens[at - 1];
    if (t && before && words.has(t.key) && joins(r.text, before, t)) at++;
    else break;
  }
  return at;
}

interface YearHit {
  readonly year: number;
  readonly to: number;
  /** `هـ` after it (a Hijri year), `م` (Gregorian) or neither. */
  readonly marker: Calendar | null;
}

/** A four-digit year after token `after` (past `من` and `عام` when present), with its calendar marker. */
function yearAt(r: Reader, after: number): YearHit | null {
  const at = skipLinks(r, skipLinks(r, after, LINK_WORDS, 1) - 1, YEAR_WORDS, 1);
  const t = r.tokens[at];
  const before = r.tokens[at - 1];
  if (!t || !before || t.number === null || t.digits !== 4 || !joins(r.text, before, t)) return null;
  const marker = markerAfter(r, at);
  return { year: t.number, to: marker ? at + 1 : at, marker };
}

/** `هـ` (Hijri) or `م` (Gregorian) right after token i, else null. */
function markerAfter(r: Reader, i: number): Calendar | null {
  const t = r.tokens[i];
  const after = r.tokens[i + 1];
  if (!t || !after || !joins(r.text, t, after) || /[.,،]/.test(r.text.slice(t.end, after.start))) return null;
  return HIJRI_MARKERS.has(after.key) ? 'hijri' : GREGORIAN_MARKERS.has(after.key) ? 'gregorian' : null;
}

function absolute(calendar: Calendar, year: number, month: number, day: number | null): { value: string; precision: Precision } | null {
  if (calendar === 'hijri') {
    const value = day === null ? hijriMonthToGregorian(year, month) : hijriToGregorian(year, month, day);
    return value ? { value, precision: day === null ? 'month' : 'day' } : null;
  }
  if (year < 1000 || year > 2999) return null;
  if (day === null) return { value: `${year}-${pad(month)}`, precision: 'month' };
  const value = isoDate(year, month, day);
  return value ? { value, precision: 'day' } : null;
}

/** A year for a day and month given without one: the one that puts it nearest to publication. */
function nearestYear(anchor: Anchor, month: number, day: number): number {
  const published = Date.UTC(anchor.year, (anchor.month ?? 1) - 1, anchor.day ?? 1);
  const candidates = [anchor.year - 1, anchor.year, anchor.year + 1];
  return candidates.reduce((best, y) => (Math.abs(Date.UTC(y, month - 1, day) - published) < Math.abs(Date.UTC(best, month - 1, day) - published) ? y : best));
}

/** `30 حزيران 2012`, `الثلاثين من حزيران عام2012`, `26th of February, 2015`, and `10 أغسطس` with a published year. */
function dayMonthYear(r: Reader, i: number): Found | null {
  const d = dayAt(r, i);
  if (!d) return null;
  const m = monthAt(r, skipLinks(r, d.to, LINK_WORDS));
  if (!m) return null;
  const y = yearAt(r, m.to);
  if (y) {
    const calendar = m.calendar === 'hijri' || (y.marker === 'hijri' && m.calendar !== 'gregorian') ? 'hijri' : 'gregorian';
    const hit = absolute(calendar, y.year, m.month, d.day);
    return hit ? { from: i, to: y.to, ...hit, calendar } : null;
  }
  // No year: only an article with a published date can say which year is meant.
  if (!r.anchor || m.calendar === 'hijri' || r.tokens[i]?.number === null) return null;
  const value = isoDate(nearestYear(r.anchor, m.month, d.day), m.month, d.day);
  return value ? { from: i, to: m.to, value, precision: 'day', calendar: 'gregorian', relative: true } : null;
}

/** `February 26, 2015`, `Feb. 26 2015`; `نيسان 2014`, `شوال 1436 هـ` (month precision). */
function monthFirst(r: Reader, i: number): Found | null {
  const m = monthAt(r, i);
  if (!m) return null;
  const dayToken = r.tokens[m.to + 1];
  const before = r.tokens[m.to];
  if (dayToken && before && dayToken.number !== null && dayToken.digits <= 2 && joins(r.text, before, dayToken)) {
    const d = dayAt(r, m.to + 1);
    const y = d ? yearAt(r, d.to) : null;
    if (d && y) {
      const hit = absolute(m.calendar, y.year, m.month, d.day);
      return hit ? { from: i, to: y.to, ...hit, calendar: m.calendar } : null;
    }
    if (d && r.anchor && m.calendar === 'gregorian' && /^[a-z]/.test(r.tokens[i]?.key ?? '')) {
      const value = isoDate(nearestYear(r.anchor, m.month, d.day), m.month, d.day);
      return value ? { from: i, to: d.to, value, precision: 'day', calendar: 'gregorian', relative: true } : null;
    }
    return null;
  }
  const y = yearAt(r, m.to);
  if (!y) return null;
  const hit = absolute(m.calendar, y.year, m.month, null);
  return hit ? { from: i, to: y.to, ...hit, calendar: m.calendar } : null;
}

/** `26/02/2015`, `1 / 11 / 1436 هـ`, `2015-08-10`. */
function numeric(r: Reader, i: number): Found | null {
  const [a, b, c] = [r.tokens[i], r.tokens[i + 1], r.tokens[i + 2]];
  if (!a || !b || !c || a.number === null || b.number === null || c.number === null) return null;
  const s1 = numericSeparator(r.text, a, b);
  const s2 = numericSeparator(r.text, b, c);
  if (!s1 || s1 !== s2) return null;
  // Not the middle of a longer run of numbers (a phone number, a version, a score).
  const prev = r.tokens[i - 1];
  const next = r.tokens[i + 3];
  if ((prev?.number !== null && prev && numericSeparator(r.text, prev, a)) || (next?.number !== null && next && numericSeparator(r.text, c, next))) return null;
  const marker = markerAfter(r, i + 2);
  const to = marker ? i + 3 : i + 2;
  let year: number, month: number, day: number;
  if (a.digits === 4 && b.digits <= 2 && c.digits <= 2) [year, month, day] = [a.number, b.number, c.number];
  else if (c.digits === 4 && a.digits <= 2 && b.digits <= 2) {
    year = c.number;
    const dayFirst = r.arabic || a.number > 12 || a.number === b.number || marker === 'hijri';
    const monthFirstOrder = !r.arabic && b.number > 12;
    if (!dayFirst && !monthFirstOrder) return null;
    [day, month] = dayFirst ? [a.number, b.number] : [b.number, a.number];
  } else return null;
  const calendar: Calendar = marker === 'hijri' || (marker === null && r.arabic && year >= 1300 && year <= 1500) ? 'hijri' : 'gregorian';
  if (month < 1 || month > 12) return null;
  const hit = absolute(calendar, year, month, day);
  return hit ? { from: i, to, ...hit, calendar } : null;
}

/** `عام 2014`, `في 2015`, `since 2010`, `1436 هـ`, `2015 م`. */
function cuedYear(r: Reader, i: number): Found | null {
  const t = r.tokens[i];
  if (!t || t.number !== null) return null;
  const y = r.tokens[i + 1];
  if (!YEAR_CUES.has(t.key) || !y || y.number === null || y.digits !== 4 || !joins(r.text, t, y)) return null;
  // `حتى 2018/06/30`: the year opens a numeric date, which the numeric reader takes whole.
  const after = r.tokens[i + 2];
  if (after && numericSeparator(r.text, y, after)) return null;
  // `عام 2014` keeps its year word; a preposition (`في 2015`, `since 2010`) is not part of the date.
  return yearMention(i + 1, y.number, markerAfter(r, i + 1), YEAR_WORDS.has(t.key) ? i : i + 1);
}

function markedYear(r: Reader, i: number): Found | null {
  const y = r.tokens[i];
  if (!y || y.number === null || y.digits !== 4) return null;
  const marker = markerAfter(r, i);
  return marker ? yearMention(i, y.number, marker, i) : null;
}

function yearMention(yearIndex: number, year: number, marker: Calendar | null, from: number): Found | null {
  const to = marker ? yearIndex + 1 : yearIndex;
  if (marker === 'hijri') {
    const value = hijriYearToGregorian(year);
    return value ? { from, to, value, precision: 'year', calendar: 'hijri' } : null;
  }
  if (year < 1900 || year > 2100) return null;
  return { from, to, value: String(year), precision: 'year', calendar: 'gregorian' };
}

function relative(r: Reader, i: number): Found | null {
  if (!r.anchor) return null;
  const hit = relativeAt(r.tokens, i, r.anchor);
  return hit ? { from: i, to: i + hit.words - 1, value: hit.value, precision: hit.precision, calendar: 'gregorian', relative: true } : null;
}

const READERS: readonly ((r: Reader, i: number) => Found | null)[] = [dayMonthYear, monthFirst, numeric, markedYear, cuedYear, relative];

/** Words a conjunction may be written onto (`والحادي`, `وأمس`, `ونيسان`): the tokeniser splits them off. */
const dateWordCache = new Map<string, boolean>();
function isDateWord(key: string): boolean {
  let known = dateWordCache.get(key);
  if (known === undefined) {
    known = isDayWord(key) || isRelativeWord(key) || YEAR_CUES.has(key) || YEAR_WORDS.has(key) || monthOfKey(key) !== null;
    if (dateWordCache.size > 50_000) dateWordCache.clear();
    dateWordCache.set(key, known);
  }
  return known;
}

/**
 * Words that start a date without being one alone: English relative words (`last year`) and the
 * first word of two-word month names (`كانون الثاني`, `ربيع الأول`, `ذي القعدة`).
 */
const OTHER_STARTS = new Set(['last', 'next', 'this', ...['كانون', 'تشرين', 'ربيع', 'جمادى', 'ذو', 'ذي'].map((word) => wordKey(word))]);

/** Only a number or a date word can start a date: every other token is passed over at once. */
const mayStartDate = (t: DateToken): boolean => t.number !== null || isDateWord(t.key) || OTHER_STARTS.has(t.key);

/** Every date mention in one piece of text, in order. */
export function findDatesIn(text: string, options: { published?: string | null; arabic?: boolean; stream?: TokenStream } = {}): DateMention[] {
  const tokens = options.stream ? splitConjunctions(tokensOf(options.stream, text), isDateWord) : dateTokens(text, isDateWord);
  const r: Reader = { text, tokens, anchor: anchorOf(options.published), arabic: options.arabic ?? /[\u0600-\u06FF]/.test(text) };
  const mentions: DateMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token || !mayStartDate(token)) continue;
    let found: Found | null = null;
    for (const read of READERS) {
      found = read(r, i);
      if (found) break;
    }
    if (!found) continue;
    const first = tokens[found.from];
    const last = tokens[found.to];
    if (!first || !last) continue;
    mentions.push({
      text: text.slice(first.start, last.end),
      value: found.value,
      precision: found.precision,
      calendar: found.calendar,
      ...(found.relative ? { relative: true } : {}),
    });
    i = found.to;
  }
  return mentions;
}

export const findDates: Extractor = (draft) => {
  const published = draft.published?.value ?? null;
  const arabic = draft.language.code === 'ar' || draft.language.script === 'Arab';
  const parts = [draft.title, ...draft.subheadings, ...draft.paragraphs].filter((p): p is string => !!p);
  const seen = new Set<string>();
  const dates: DateMention[] = [];
  let total = 0;
  for (const part of parts) {
    for (const mention of findDatesIn(part, { published, arabic, stream: draft.tokens })) {
      const id = `${mention.text}\u0000${mention.value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      total++;
      if (dates.length < MAX_DATES) dates.push(mention);
    }
  }
  const truncated = total > MAX_DATES ? { ...draft.truncated, dates: total } : draft.truncated;
  return { ...draft, dates, truncated };
};
