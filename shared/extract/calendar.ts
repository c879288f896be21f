/**
 * Month names and date helpers shared by the dateline, published-date and (later) dates
 * extractors. Gregorian months come in their Levantine (حزيران), Egyptian/Gulf (يونيو) and
 * Maghrebi (جوان، جانفي) forms; keys are compared after Arabic normalisation (see matchKey).
 */
import { matchKey, toAsciiDigits } from './arabic';

const GREGORIAN_MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'يناير', 'كانون الثاني', 'جانفي', 'ينار'],
  ['february', 'feb', 'فبراير', 'شباط', 'فيفري', 'فبرير'],
  ['march', 'mar', 'مارس', 'آذار'],
  ['april', 'apr', 'أبريل', 'نيسان', 'أفريل', 'ابريل'],
  ['may', 'مايو', 'أيار', 'ماي'],
  ['june', 'jun', 'يونيو', 'يونية', 'حزيران', 'جوان'],
  ['july', 'jul', 'يوليو', 'يولية', 'تموز', 'جويلية', 'يوليوز'],
  ['august', 'aug', 'أغسطس', 'آب', 'أوت', 'غشت'],
  ['september', 'sep', 'sept', 'سبتمبر', 'أيلول', 'شتنبر'],
  ['october', 'oct', 'أكتوبر', 'تشرين الأول'],
  ['november', 'nov', 'نوفمبر', 'تشرين الثاني', 'نونبر'],
  ['december', 'dec', 'ديسمبر', 'كانون الأول', 'دجنبر'],
];

const HIJRI_MONTH_NAMES: readonly (readonly string[])[] = [
  ['محرم'],
  ['صفر'],
  ['ربيع الأول', 'ربيع أول'],
  ['ربيع الآخر', 'ربيع الثاني', 'ربيع ثاني'],
  ['جمادى الأولى', 'جمادى الأول'],
  ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الآخر'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة', 'ذي القعدة'],
  ['ذو الحجة', 'ذي الحجة'],
];

function indexNames(table: readonly (readonly string[])[]): Map<string, number> {
  const index = new Map<string, number>();
  table.forEach((names, i) => names.forEach((name) => index.set(matchKey(name), i + 1)));
  return index;
}

const GREGORIAN_MONTHS = indexNames(GREGORIAN_MONTH_NAMES);
const HIJRI_MONTHS = indexNames(HIJRI_MONTH_NAMES);

/** 1–12 for a Gregorian month name in English or any Arabic regional form, else null. */
export function gregorianMonth(name: string): number | null {
  return GREGORIAN_MONTHS.get(matchKey(name).replace(/\.$/, '')) ?? null;
}

/** 1–12 for a Hijri month name, else null. */
export function hijriMonth(name: string): number | null {
  return HIJRI_MONTHS.get(matchKey(name)) ?? null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` when the three parts make a real Gregorian date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(2000, month - 1, day));
  probe.setUTCFullYear(year);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const ISO_LIKE =
  /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$/i;
const TIME = /(?:^|\s|T)(\d{1,2}):(\d{2})(?::(\d{2}))?/;
const ZONE = /(?:\s|\d)([+-])(\d{2}):?(\d{2})\b|\b(GMT|UTC|Z)\b/;

function withTime(date: string, hour: string | undefined, minute: string | undefined, second: string | undefined, zone: string | null): string {
  if (hour === undefined || minute === undefined) return date;
  const h = Number(hour);
  const m = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (h > 23 || m > 59 || s > 59) return date;
  return `${date}T${pad(h)}:${pad(m)}:${pad(s)}${zone ?? ''}`;
}

function normaliseZone(zone: string | undefined): string | null {
  if (!zone) return null;
  if (/^z$/i.test(zone)) return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  return m ? `${m[1]}${m[2]}:${m[3]}` : null;
}

/**
 * Reads a date as metadata gives it (ISO 8601, RFC 2822, `26 Feb 2015`, `February 26, 2015`,
 * `10 أغسطس 2015`) into ISO 8601, as precise as the input: `2015`, `2015-08`, `2015-08-10`
 * or a date-time. Null when no year can be found: a guess would be worse than nothing.
 */
export function parseLooseDate(raw: string): string | null {
  const text = toAsciiDigits(raw).trim();
  if (text.length === 0 || text.length > 100) return null;

  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, y, mo, d, hh, mm, ss, zone] = iso;
    if (mo === undefined) return y ?? null;
    const month = Number(mo);
    if (d === undefined) return month >= 1 && month <= 12 ? `${y}-${pad(month)}` : null;
    const date = isoDate(Number(y), month, Number(d));
    return date ? withTime(date, hh, mm, ss, normaliseZone(zone)) : null;
  }

  const words = text.replace(/[,،]/g, ' ').split(/\s+/);
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const two = i + 1 < words.length ? `${word} ${words[i + 1]}` : null;
    if (month === null && two !== null && gregorianMonth(two) !== null) {
      month = gregorianMonth(two);
      i++;
    } else if (month === null && /^\p{L}+\.?$/u.test(word) && gregorianMonth(word) !== null) {
      month = gregorianMonth(word);
    } else if (/^\d{4}$/.test(word) && year === null) {
      year = Number(word);
    } else if (/^\d{1,2}(st|nd|rd|th)?$/i.test(word) && day === null) {
      day = parseInt(word, 10);
    }
  }
  if (year === null || year < 1000) return null;
  if (month === null) return String(year);
  if (day === null) return `${year}-${pad(month)}`;
  const date = isoDate(year, month, day);
  if (!date) return null;
  const time = TIME.exec(text);
  const zone = ZONE.exec(text);
  const offset = zone ? (zone[4] ? 'Z' : `${zone[1]}${zone[2]}:${zone[3]}`) : null;
  return withTime(date, time?.[1], time?.[2], time?.[3], offset);
}
