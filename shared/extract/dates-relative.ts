/**
 * Relative dates (أمس، اليوم، قبل أيام، yesterday, last year) resolved against the article's
 * `published` date. Without a published day there is nothing to resolve against, and a date
 * mention needs a value: such expressions are then left out of `dates` (not listed unresolved).
 *
 * Vague spans get the precision they can honestly carry: `قبل أيام` (some days ago) is the
 * month of a few days before publication, `العام الماضي` a year. `اليوم` that is part of a name
 * (`روسيا اليوم`, `صحيفة اليوم`) or means "the day" (`اليوم الوطني`، `في اليوم التالي`) is no date.
 */
import { matchKey } from './arabic';
import type { DateToken } from './dates-tokens';

export type Precision = 'day' | 'month' | 'year';

export interface RelativeHit {
  /** Tokens the expression takes, from the one it was found at. */
  readonly words: number;
  readonly value: string;
  readonly precision: Precision;
}

/** The publication date as numbers; precision tells what relative expressions may use. */
export interface Anchor {
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
}

export function anchorOf(published: string | null | undefined): Anchor | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(published ?? '');
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] ? Number(m[2]) : null, day: m[3] ? Number(m[3]) : null };
}

const k = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(matchKey));

const YESTERDAY = k(['أمس', 'الأمس', 'بالأمس', 'yesterday']);
const TODAY = k(['اليوم', 'today']);
const TOMORROW = k(['غدا', 'غداً', 'الغد', 'tomorrow']);
const BEFORE = k(['قبل', 'منذ']);
const AFTER = k(['بعد']);
const DAYS = k(['أيام', 'ايام']);
const TWO_DAYS = k(['يومين']);
const DAY_WORDS = k(['يوم', 'أيام', 'days', 'day']);
const AGO = k(['ago']);
const MONTH = k(['الشهر', 'month']);
const YEAR = k(['العام', 'السنة', 'year']);
const PAST = k(['الماضي', 'الماضية', 'المنصرم', 'المنصرمة', 'last']);
const NEXT = k(['المقبل', 'المقبلة', 'القادم', 'القادمة', 'next']);
const THIS_YEAR = k(['الجاري', 'الحالي', 'الحالية']);
const FIRST = k(['الأول', 'أول']);
const FROM = k(['من']);

/** Words that start a relative expression: the tokeniser splits a conjunction off them (`وأمس`). */
export function isRelativeWord(key: string): boolean {
  return [YESTERDAY, TODAY, TOMORROW, BEFORE, AFTER, MONTH, YEAR, FIRST].some((set) => set.has(key)) || NUMBER_WORDS.has(key);
}

/** Counted days in words: `قبل ثلاثة أيام`. */
const NUMBER_WORDS = new Map<string, number>(
  (
    [
      [['ثلاثة', 'ثلاث', 'three'], 3],
      [['أربعة', 'أربع', 'four'], 4],
      [['خمسة', 'خمس', 'five'], 5],
      [['ستة', 'ست', 'six'], 6],
      [['سبعة', 'سبع', 'seven'], 7],
      [['ثمانية', 'ثماني', 'eight'], 8],
      [['تسعة', 'تسع', 'nine'], 9],
      [['عشرة', 'عشر', 'ten'], 10],
      [['two'], 2],
    ] as const
  ).flatMap(([words, n]) => words.map((w) => [matchKey(w), n] as const)),
);

/** Names that end in اليوم: the broadcaster, newspapers, programmes. */
const NAMES_ENDING_IN_TODAY = k(['روسيا', 'مصر', 'أخبار', 'فلسطين', 'صحيفة', 'جريدة', 'قناة', 'برنامج', 'مجلة', 'موقع', 'usa']);
/** Before اليوم, these make it "the day", not "today": `في اليوم`، `ذلك اليوم`، `طوال اليوم`. */
const THE_DAY_BEFORE = k(['في', 'هذا', 'ذلك', 'ذات', 'نفس', 'طوال', 'طيلة', 'طول', 'خلال', 'كل', 'منتصف', 'حتى', 'إلى']);
/** After اليوم, these make it "the day": `اليوم نفسه`، `اليوم الذي`. */
const THE_DAY_AFTER = k(['نفسه', 'ذاته', 'الذي', 'عينه']);

const pad = (n: number): string => String(n).padStart(2, '0');

function shiftDays(anchor: Anchor, days: number): string | null {
  if (anchor.month === null || anchor.day === null) return null;
  const date = new Date(Date.UTC(anchor.year, anchor.month - 1, anchor.day + days));
  return date.toISOString().slice(0, 10);
}

function shiftMonths(anchor: Anchor, months: number): string | null {
  if (anchor.month === null) return null;
  const index = anchor.year * 12 + (anchor.month - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

const day = (words: number, value: string | null): RelativeHit | null => (value ? { words, value, precision: 'day' } : null);

/** Is `اليوم` at `i` "today"? Not inside a name, not "the day". */
function meansToday(tokens: readonly DateToken[], i: number): boolean {
  // `وصحيفة اليوم`: the word before may carry a conjunction of its own.
  const bare = (key: string | undefined) => key?.replace(/^[وف](?=..)/, '');
  const before = bare(tokens[i - 1]?.key);
  const twoBefore = bare(tokens[i - 2]?.key);
  const after = tokens[i + 1]?.key;
  if (tokens[i]?.key === 'today') return true;
  if (before && (NAMES_ENDING_IN_TODAY.has(before) || THE_DAY_BEFORE.has(before) || NAMES_ENDING_IN_TODAY.has(tokens[i - 1]?.key ?? ''))) return false;
  if (twoBefore && ['صحيفه', 'جريده', 'قناه', 'موقع', 'برنامج'].includes(twoBefore)) return false;
  // `اليوم الوطني`، `اليوم التالي`، `اليوم الأول`: an adjective follows; `اليوم السابع` is a paper.
  if (after && (after.startsWith('ال') || THE_DAY_AFTER.has(after))) return false;
  return true;
}

/** A relative expression starting at token `i`, resolved against `anchor`; null when there is none. */
export function relativeAt(tokens: readonly DateToken[], i: number, anchor: Anchor): RelativeHit | null {
  const t = tokens[i];
  if (!t) return null;
  const next = tokens[i + 1]?.key;
  const third = tokens[i + 2]?.key;

  // أمس الأول / أول أمس / أول من أمس: the day before yesterday.
  if (YESTERDAY.has(t.key)) return next && FIRST.has(next) ? day(2, shiftDays(anchor, -2)) : day(1, shiftDays(anchor, -1));
  if (FIRST.has(t.key) && next && YESTERDAY.has(next)) return day(2, shiftDays(anchor, -2));
  if (FIRST.has(t.key) && next && FROM.has(next) && third && YESTERDAY.has(third)) return day(3, shiftDays(anchor, -2));
  if (TODAY.has(t.key)) return meansToday(tokens, i) ? day(1, shiftDays(anchor, 0)) : null;
  if (TOMORROW.has(t.key)) return day(1, shiftDays(anchor, 1));
  if (AFTER.has(t.key) && next && TOMORROW.has(next)) return day(2, shiftDays(anchor, 2));

  // قبل يومين، قبل 3 أيام، قبل ثلاثة أيام، قبل أيام; three days ago.
  if (BEFORE.has(t.key) && next) {
    if (TWO_DAYS.has(next)) return day(2, shiftDays(anchor, -2));
    const count = tokens[i + 1]?.number ?? NUMBER_WORDS.get(next) ?? null;
    if (count !== null && count >= 1 && count <= 31 && third && DAY_WORDS.has(third)) return day(3, shiftDays(anchor, -count));
    if (DAYS.has(next)) {
      const value = shiftDays(anchor, -3)?.slice(0, 7) ?? null;
      return value ? { words: 2, value, precision: 'month' } : null;
    }
  }
  const count = t.number ?? NUMBER_WORDS.get(t.key) ?? null;
  if (count !== null && count >= 1 && count <= 31 && next && DAY_WORDS.has(next) && third && AGO.has(third)) return day(3, shiftDays(anchor, -count));

  // الشهر الماضي / last month, العام المقبل / next year, العام الجاري / this year.
  const [first, second] = t.key === 'last' || t.key === 'next' || t.key === 'this' ? [next, t.key] : [t.key, next];
  if (first && second) {
    const step = PAST.has(second) ? -1 : NEXT.has(second) ? 1 : THIS_YEAR.has(second) || second === 'this' ? 0 : null;
    if (step !== null && MONTH.has(first)) {
      const value = shiftMonths(anchor, step);
      return value ? { words: 2, value, precision: 'month' } : null;
    }
    if (step !== null && YEAR.has(first)) return { words: 2, value: String(anchor.year + step), precision: 'year' };
  }
  return null;
}
