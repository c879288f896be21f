/**
 * The year of a dateline that gives a day and month only (`الكويت - 2 - 8 (كونا) --`, `Doha,
 * April 13 (QNA) -`: `--08-02`, `--04-13`). Wire copy leaves out the current year, so it is taken
 * from the article's own full dates: of every year that puts the day and month near one of them
 * (that year, the one before or after, across New Year), the nearest one, and only within
 * PLAUSIBLE_DAYS of it. Never from the upload time: an archive is uploaded years after the fact.
 */
import { isoDate } from './calendar';

/** A story's other dates lie within a season of its own day; farther ones say nothing of its year. */
export const PLAUSIBLE_DAYS = 92;

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTH_DAY = /^--(\d{2})-(\d{2})$/;
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** `MM`, `DD` of a `--MM-DD` value, else null. */
export function monthDayOf(value: string | null | undefined): { month: number; day: number } | null {
  const m = MONTH_DAY.exec(value ?? '');
  return m ? { month: Number(m[1]), day: Number(m[2]) } : null;
}

/**
 * The full date (`YYYY-MM-DD`) of `monthDay` nearest to one of `dates` (ISO values, day precision
 * or finer; others are passed over); on a tie, the earlier date in the list (nearer the head of
 * the article) decides. Null when no date is near enough.
 */
export function inferYear(monthDay: string, dates: readonly string[]): string | null {
  const md = monthDayOf(monthDay);
  if (!md) return null;
  let best: { value: string; distance: number } | null = null;
  for (const date of dates) {
    const m = FULL_DATE.exec(date);
    if (!m) continue;
    const anchor = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    for (const year of [Number(m[1]) - 1, Number(m[1]), Number(m[1]) + 1]) {
      const value = isoDate(year, md.month, md.day);
      if (!value) continue; // 29 February in a common year
      const distance = Math.abs(Date.UTC(year, md.month - 1, md.day) - anchor) / DAY_MS;
      if (distance <= PLAUSIBLE_DAYS && (best === null || distance < best.distance)) best = { value, distance };
    }
  }
  return best?.value ?? null;
}
