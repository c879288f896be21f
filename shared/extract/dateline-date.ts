/**
 * The date part of a dateline, read from head tokens: `12 مارس 2021`, `في 7 يوليو`,
 * `16 يناير 2023م`, `Dec 20`, `December 01, 2017`, `14 May 2022`, numeric `2 - 8`,
 * `13-11-2020`, `2015-09-26`, a weekday before it and a clock time after it, and the Saudi
 * form `25 شوال 1436 هـ الموافق 10 أغسطس 2015 م` (the Gregorian part is the date; a Hijri date
 * alone is converted). Month names in every regional form come from calendar.ts.
 *
 * The value is ISO `YYYY-MM-DD` when the year is written, `--MM-DD` (ISO 8601's year-less form)
 * when only day and month are: a year is never guessed here.
 */
import { gregorianMonth, hijriMonth, isoDate } from './calendar';
import { hijriToGregorian } from './dates-hijri';
import { matchKey } from './arabic';
import type { HeadToken } from './dateline-tokens';

export interface DatelineDate {
  readonly value: string;
  /** Index of the first token after the date. */
  readonly next: number;
}

const WEEKDAYS = new Set(
  ['السبت', 'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الثلثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(
    (w) => matchKey(w),
  ),
);
const DAY_PERIOD = new Set(['ص', 'م', 'صباحا', 'مساء', 'مساءا', 'ظهرا', 'am', 'pm', 'a m', 'p m', 'gmt', 'ت غ', 'بتوقيت'].map((w) => matchKey(w)));
const HIJRI_MARK = new Set(['ه', 'هـ', 'هجري', 'هجرية'].map((w) => matchKey(w)));
const GREGORIAN_MARK = new Set(['م', 'ميلادي', 'ميلادية'].map((w) => matchKey(w)));

const pad = (n: number): string => String(n).padStart(2, '0');
const num = (t: HeadToken | undefined): number | null => (t?.kind === 'num' ? Number(t.text) : null);
const isWord = (t: HeadToken | undefined, set: ReadonlySet<string>): boolean => t?.kind === 'word' && set.has(matchKey(t.text).replace(/\.$/, ''));

function dayMonth(year: number | null, month: number, day: number): string | null {
  if (year !== null) return year >= 1900 && year <= 2100 ? isoDate(year, month, day) : null;
  return isoDate(2000, month, day) ? `--${pad(month)}-${pad(day)}` : null;
}

/** A month name of one or two words at `i` (`كانون الثاني`), with a second naming after a slash. */
function monthAt(tokens: readonly HeadToken[], i: number, read: (name: string) => number | null): { month: number; next: number } | null {
  const first = tokens[i];
  if (first?.kind !== 'word') return null;
  const second = tokens[i + 1];
  const two = second?.kind === 'word' ? read(`${first.text} ${second.text}`) : null;
  let month = two ?? read(first.text);
  if (month === null) return null;
  let next = i + (two !== null ? 2 : 1);
  if (tokens[next]?.kind === 'other' && tokens[next]?.text === '.') next++; // `Jan.`
  // `مارس/ آذار`: the same month in a second naming.
  if (tokens[next]?.text === '/' && tokens[next + 1]?.kind === 'word') {
    const again = monthAt(tokens, next + 1, read);
    if (again?.month === month) next = again.next;
  }
  month = month ?? 0;
  return { month, next };
}

/** A clock time after a date (`02:25 مساءً`, `4:15 A.M.`), skipped. */
const AT = new Set(['الساعة', 'at'].map((w) => matchKey(w)));

function afterTime(tokens: readonly HeadToken[], from: number): number {
  const i = isWord(tokens[from], AT) ? from + 1 : from;
  if (num(tokens[i]) === null || tokens[i + 1]?.text !== ':' || num(tokens[i + 2]) === null) return from;
  let next = i + 3;
  if (tokens[next]?.text === ':' && num(tokens[next + 1]) !== null) next += 2;
  if (isWord(tokens[next], DAY_PERIOD)) next++;
  return next;
}

/** `D MONTH [YYYY] [م]` or `MONTH D[,] [YYYY]`, Gregorian. */
function wordDate(tokens: readonly HeadToken[], i: number): DatelineDate | null {
  const day = num(tokens[i]);
  if (day !== null && day <= 31) {
    const month = monthAt(tokens, i + 1, gregorianMonth);
    if (month) {
      let next = month.next;
      let year: number | null = null;
      if (tokens[next]?.text === ',') next++;
      const y = num(tokens[next]);
      if (y !== null && tokens[next]?.text.length === 4) {
        year = y;
        next++;
        if (isWord(tokens[next], GREGORIAN_MARK)) next++;
      } else if (tokens[next - 1]?.text === ',') next--;
      const value = dayMonth(year, month.month, day);
      return value ? { value, next } : null;
    }
  }
  const month = monthAt(tokens, i, gregorianMonth);
  const d = month ? num(tokens[month.next]) : null;
  if (month && d !== null && d <= 31 && (tokens[month.next]?.text.length ?? 9) <= 2) {
    let next = month.next + 1;
    let year: number | null = null;
    const comma = tokens[next]?.text === ',' ? 1 : 0;
    const y = num(tokens[next + comma]);
    if (y !== null && tokens[next + comma]?.text.length === 4) {
      year = y;
      next += comma + 1;
    }
    const value = dayMonth(year, month.month, d);
    return value ? { value, next } : null;
  }
  return null;
}

/** `D HIJRI-MONTH YYYY هـ`, optionally `الموافق` and the Gregorian date, which then wins. */
function hijriDate(tokens: readonly HeadToken[], i: number): DatelineDate | null {
  const day = num(tokens[i]);
  const month = day !== null ? monthAt(tokens, i + 1, hijriMonth) : null;
  const year = month ? num(tokens[month.next]) : null;
  if (day === null || !month || year === null) return null;
  let next = month.next + 1;
  if (isWord(tokens[next], HIJRI_MARK)) next++;
  if (tokens[next]?.kind === 'word' && matchKey(tokens[next]?.text ?? '') === 'الموافق') {
    const gregorian = wordDate(tokens, next + 1);
    if (gregorian) return gregorian;
  }
  const value = hijriToGregorian(year, month.month, day);
  return value ? { value, next } : null;
}

/** `2 - 8` (day, month), `13-11-2020`, `7/4/2025`, `2015-09-26`. */
function numericDate(tokens: readonly HeadToken[], i: number): DatelineDate | null {
  const a = num(tokens[i]);
  const sepA = tokens[i + 1]?.text ?? '';
  const b = num(tokens[i + 2]);
  if (a === null || b === null || !['-', '/', '.'].includes(sepA)) return null;
  const sepB = tokens[i + 3]?.text ?? '';
  const c = ['-', '/', '.'].includes(sepB) ? num(tokens[i + 4]) : null;
  if (tokens[i]?.text.length === 4 && c !== null) {
    const value = dayMonth(a, b, c);
    return value ? { value, next: i + 5 } : null;
  }
  if (c !== null && tokens[i + 4]?.text.length === 4) {
    const value = dayMonth(c, b, a);
    return value ? { value, next: i + 5 } : null;
  }
  if (c !== null || a > 31 || b > 12 || (tokens[i]?.text.length ?? 0) > 2 || (tokens[i + 2]?.text.length ?? 0) > 2) return null;
  const value = dayMonth(null, b, a);
  return value ? { value, next: i + 3 } : null;
}

/** The date that starts at token `i` (after an optional `في` and weekday), or null. */
export function readDatelineDate(tokens: readonly HeadToken[], i: number): DatelineDate | null {
  let at = i;
  if (tokens[at]?.kind === 'word' && matchKey(tokens[at]?.text ?? '') === 'في') at++;
  if (isWord(tokens[at], WEEKDAYS)) {
    at++;
    if (tokens[at]?.text === ',' || tokens[at]?.text === '،') at++;
  }
  const found = hijriDate(tokens, at) ?? wordDate(tokens, at) ?? numericDate(tokens, at);
  return found ? { value: found.value, next: afterTime(tokens, found.next) } : null;
}

/** A clock time on its own (`(4:15 A.M.)`, `08:14`): no date, but part of a dateline. */
export function readClockTime(tokens: readonly HeadToken[], i: number): number | null {
  const next = afterTime(tokens, i);
  return next > i ? next : null;
}
