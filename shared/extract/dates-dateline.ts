/**
 * A wire dateline that gives only the Hijri date: `الرياض 25 شوال 1436 هـ واس`. The SPA line
 * with both dates (`... 1436 هـ الموافق 10 أغسطس 2015 م واس`) is read by dateline.ts, which
 * takes its Gregorian part; this one converts the Hijri date (Umm al-Qura approximation, ±1 day)
 * so that `published` is known for such stories too.
 */
import { lookupAgency } from './agencies';
import { stripInvisible, toAsciiDigits } from './arabic';
import { hijriMonth } from './calendar';
import { hijriToGregorian } from './dates-hijri';
import type { DatelineMatch } from './dateline';

const HIJRI_ONLY =
  /^(?<place>[^\d]{2,40}?)\s*(?<day>\d{1,2})\s*(?<month>[^\d]{2,20}?)\s*(?<year>\d{4})\s*(?:ه\u0640*|هجري(?:ة)?)(?=\s|$)\s*(?<agency>[^\d]{0,30}?)\s*$/u;

const tidy = (text: string): string => stripInvisible(text).replace(/\s+/g, ' ').trim();

export function matchHijriWireDateline(line: string): DatelineMatch | null {
  const clean = toAsciiDigits(tidy(line));
  if (clean.length > 100) return null;
  const m = HIJRI_ONLY.exec(clean)?.groups;
  if (!m?.place || !m.month || /[.,،:؛!؟?"“”«»()]/.test(m.place) || m.place.split(' ').length > 4) return null;
  const month = hijriMonth(m.month.trim());
  const date = month ? hijriToGregorian(Number(m.year), month, Number(m.day)) : null;
  if (!date) return null;
  const agency = m.agency?.trim() || null;
  const entry = agency ? lookupAgency(agency) : null;
  if (agency && !entry) return null;
  return {
    dateline: { raw: tidy(line), place: tidy(m.place), agency, agencyCode: entry?.code ?? null, date },
    rest: '',
  };
}
