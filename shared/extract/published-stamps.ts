/**
 * Dates of record that the text states outside the dateline:
 * - a head stamp: the page's publication line kept above or below the headline
 *   (`09:33 ص الأحد 31 ديسمبر 2017`, `21/05/2019 | 16:20`, `July 17, 2012 / 4:20 PM`,
 *   `26 فبراير 2024 الساعة 06:51م`): a short line that is a full date with a time, a weekday or a
 *   "published" cue, and next to nothing else;
 * - a wire trailer: the closing line with the desk codes and a timestamp, either such a stamp
 *   (`(النهاية) ن ق / ش م ع 22/12/2013 09:32`) or the wire's date-time group `DDHHMM GMT Mon YY`
 *   (`KUNA 021234 GMT Aug 20`).
 * Only a few lines at each end are looked at, each at most STAMP_CHARS long: linear, and a date
 * inside a sentence of the story is never taken for the date of record.
 */
import { matchKey, toAsciiDigits } from './arabic';
import { gregorianMonth, isoDate } from './calendar';
import { findDatesIn } from './dates';

export const HEAD_LINES = 8;
export const TRAILER_LINES = 3;
const STAMP_CHARS = 120;

const words = (list: string): ReadonlySet<string> => new Set(list.split(' ').map(matchKey));
const WEEKDAYS = words(
  'الأحد الاحد الاثنين الإثنين الثلاثاء الثلثاء الأربعاء الاربعاء الخميس الجمعة السبت sunday monday tuesday wednesday thursday friday saturday sun mon tue tues wed thu thurs fri sat',
);
/** Words that say "this is when it was published" (or updated) on a stamp line. */
const CUES = words('نشر نشرت النشر تاريخ بتاريخ تحديث published posted updated');
/** Small words a stamp joins its parts with; they do not make a line a stamp. */
const FILLERS = words('آخر اخر تم الساعة في last update date at on');
/** Marks that close a wire story: the trailer's own words, not the story's. */
const END_MARKS = words('النهاية انتهى انتهي end ends');

const TIME = /(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])\s*(ص|م|a\.?m\.?|p\.?m\.?)?/iu;
/** `021234 GMT Aug 20`: day, hour, minute, the zone, month and year, as the wires stamp a story. */
const DATE_TIME_GROUP = /(?<!\d)(\d{2})(\d{2})(\d{2})\s*(?:GMT|UTC|جمت|ت\s?غ)\s+(\p{L}{3,9})\.?\s+(\d{4}|\d{2})(?!\d)/iu;

const pad = (n: number): string => String(n).padStart(2, '0');
const SLASH_BY_WORD = /(?<=\p{L})\s*\/\s*|\s*\/\s*(?=\p{L})/gu;

function timeOf(text: string): { value: string; start: number; end: number } | null {
  const m = TIME.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const half = m[4]?.toLowerCase().replace(/\./g, '');
  if (half === 'م' || half === 'pm') hour = hour === 12 ? 12 : hour + 12;
  else if ((half === 'ص' || half === 'am') && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59 || (half && Number(m[1]) > 12)) return null;
  return { value: `${pad(hour)}:${pad(minute)}:${pad(second)}`, start: m.index, end: m.index + m[0].length };
}

/**
 * The date (with its time, when the line gives one) of a stamp line; null when the line is not
 * one. `otherWords` is how many words besides the date, time, weekday and cues it may hold.
 */
export function stampOf(line: string, otherWords: number): string | null {
  const text = toAsciiDigits(line).trim();
  if (text.length === 0 || text.length > STAMP_CHARS) return null;
  // The time first, so that `04/14/2023 - 05:18` is not read as one run of numbers.
  const time = timeOf(text);
  let rest = time ? `${text.slice(0, time.start)} ${text.slice(time.end)}` : text;
  // `14/أبريل/2018`: a slash beside a month name separates like a space.
  rest = rest.replace(SLASH_BY_WORD, ' ');
  const date = findDatesIn(rest).find((d) => d.precision === 'day' && !d.relative);
  if (!date) return null;
  rest = rest.split(date.text).join(' ');
  const left = (rest.match(/\p{L}{2,}/gu) ?? []).map(matchKey);
  const cued = time !== null || left.some((w) => WEEKDAYS.has(w) || CUES.has(w));
  const others = left.filter((w) => !WEEKDAYS.has(w) && !CUES.has(w) && !FILLERS.has(w) && !END_MARKS.has(w));
  if (others.length > otherWords || (!cued && others.length > 0)) return null;
  return time ? `${date.value}T${time.value}` : date.value;
}

/** The stamp of a line, or of its first `|`-separated part holding one (`11:43 2023-04-18|- a subheading`). */
function stampOfLineOrPart(line: string, otherWords: number): string | null {
  const whole = stampOf(line, otherWords);
  if (whole || !line.includes('|')) return whole;
  for (const part of line.split('|').slice(0, 4)) {
    const stamp = stampOf(part, otherWords);
    if (stamp) return stamp;
  }
  return null;
}

/** A line of the story itself: long, or a sentence of several words. The head ends there. */
const isStoryLine = (line: string): boolean => line.length > STAMP_CHARS || (/[.!?؟…]["'”»]?$/u.test(line) && line.split(/\s+/).length >= 8);

/** The page's publication stamp among the first lines, above the story's first sentence; else null. */
export function headStamp(lines: readonly string[]): string | null {
  for (const line of lines.slice(0, HEAD_LINES)) {
    if (isStoryLine(line)) return null;
    const stamp = stampOfLineOrPart(line, 4);
    if (stamp) return stamp;
  }
  return null;
}

/** `021234 GMT Aug 20` -> `2020-08-02T12:34:00Z`. */
function dateTimeGroup(line: string): string | null {
  const m = DATE_TIME_GROUP.exec(toAsciiDigits(line));
  if (!m) return null;
  const month = gregorianMonth(m[4]!);
  const year = m[5]!.length === 2 ? 2000 + Number(m[5]) : Number(m[5]);
  const date = month ? isoDate(year, month, Number(m[1])) : null;
  if (!date || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return `${date}T${m[2]}:${m[3]}:00Z`;
}

/** The timestamp of the wire trailer among the closing lines given (at most a few), else null. */
export function trailerStamp(lines: readonly string[]): string | null {
  for (const line of [...lines].reverse()) {
    if (line.length > STAMP_CHARS) continue;
    // Desk codes (`ن ق / ش م ع`) are single letters and the agency a word or two: a trailer may hold them.
    const stamp = dateTimeGroup(line) ?? stampOf(line, 3);
    if (stamp) return stamp;
  }
  return null;
}
