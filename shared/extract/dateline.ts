/**
 * The dateline: where and by whom a story was filed, at the head of the body. Each matcher
 * reads one line and either claims a prefix of it (an inline dateline; the rest is body text)
 * or the whole line. Only the head of the body is looked at, so an agency quoted in the story
 * ("نقلت وكالة سانا") is never taken for the dateline. A sign-off or credit line at the end
 * (`Reuter`, `فرانس 24/ أ ف ب`) supplies the agency when the head does not name one.
 */
import type { Dateline } from '../record';
import { lookupAgency, type AgencyEntry } from './agencies';
import { stripInvisible, toAsciiDigits } from './arabic';
import { gregorianMonth, isoDate } from './calendar';
import { matchHijriWireDateline } from './dates-dateline';
import type { Block, DocumentMetadata, Draft, Extractor } from './draft';
import { endsWithOneOf, wordCount as words } from './shape';

export interface DatelineMatch {
  readonly dateline: Dateline;
  /** The text of the line after the dateline; empty when the dateline was the whole line. */
  readonly rest: string;
}

type DatelineMatcher = (line: string) => DatelineMatch | null;

/** Matchers read at most this much of a line: datelines are short, and regexes stay cheap. */
const HEAD_CHARS = 200;

const tidy = (text: string): string => stripInvisible(text).replace(/\s+/g, ' ').trim();
/** The city of `دبي، الإمارات العربية المتحدة` or `PALO ALTO, Calif.`. */
const cityOf = (place: string): string | null => tidy(place.split(/[,،]/)[0] ?? '') || null;

function dateline(raw: string, place: string | null, agency: string | null, entry: AgencyEntry | null, date: string | null): Dateline {
  return { raw: tidy(raw), place: place ? tidy(place) || null : null, agency: agency ? tidy(agency) : null, agencyCode: entry?.code ?? null, date };
}

function gregorian(day: string | undefined, month: string | undefined, year: string | undefined): string | null {
  const m = month ? gregorianMonth(month.trim()) : null;
  return m && day && year ? isoDate(Number(year), m, Number(day)) : null;
}

/**
 * `الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس` (SPA): place, Hijri date, Gregorian
 * date, agency, as a line of its own. The Gregorian part is the date; the Hijri part stays in raw.
 */
const WIRE_DATE =
  /^(?<place>[^\d]{2,40}?)\s*(?:\d{1,2}\s*[^\d]{2,20}?\s*\d{4}\s*ه\u0640*\s*الموافق\s*)?(?<day>\d{1,2})\s*(?<month>[^\d]{2,20}?)\s*(?<year>\d{4})\s*(?:م(?=\s|$))?\s*(?<agency>[^\d]{0,30}?)\s*$/u;

const wireDateLine: DatelineMatcher = (line) => {
  const clean = toAsciiDigits(tidy(line));
  if (clean.length > 120) return null;
  const m = WIRE_DATE.exec(clean)?.groups;
  if (!m?.place || words(m.place) > 4 || /[.,،:؛!؟?"“”«»()]/.test(m.place)) return null;
  const date = gregorian(m.day, m.month, m.year);
  if (!date) return null;
  const agency = m.agency?.trim() || null;
  if (agency && words(agency) > 3) return null;
  return { dateline: dateline(line, m.place, agency, agency ? lookupAgency(agency) : null, date), rest: '' };
};

/** `دبي، الإمارات العربية المتحدة (CNN)—`, `(CNN)--`, `MOSCOW (Reuters) -`: a known agency in brackets. */
const BRACKETED = /^(?<place>[^()\n\d]{0,80}?)[\s,،]*\((?<agency>[^()\n]{1,40})\)\s*(?:[-–—]{1,2}|:|$)\s*/u;

const bracketedAgency: DatelineMatcher = (line) => {
  const m = BRACKETED.exec(line.slice(0, HEAD_CHARS));
  const groups = m?.groups;
  if (!m || !groups?.agency) return null;
  const entry = lookupAgency(groups.agency);
  const place = tidy(groups.place ?? '');
  if (!entry || words(place) > 6 || /[.!?؟:"“”«»]/.test(place)) return null;
  // Latin places are written as names (MOSCOW, Moscow), never as a run of lower-case words.
  if (/[a-z]/i.test(place) && !place.split(/[\s,]+/).filter(Boolean).every((w) => /^[A-Z]/.test(w))) return null;
  return { dateline: dateline(m[0].trim(), cityOf(place), groups.agency, entry, null), rest: line.slice(m[0].length).trim() };
};

/**
 * English wire datelines: `NEW YORK, Feb 26 -`, `PALO ALTO, Calif., Feb 26 -`,
 * `DAMASCUS, (SANA) -`, `LONDON, Feb 26, 2015 (Reuters) -`, `WASHINGTON —`. The place is in
 * capitals; a date or an agency must follow unless the separator is a dash of the long kinds.
 */
const ENGLISH_WIRE =
  /^(?<place>[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})(?<region>(?:,\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)*?)(?:,?\s+(?<month>[A-Z][a-z]{2,8}\.?)\s+(?<day>\d{1,2})(?:,?\s+(?<year>\d{4}))?)?,?\s*(?:\((?<agency>[^()\n]{1,30})\))?\s*(?<dash>--|-|–|—)\s*/;

const englishWire: DatelineMatcher = (line) => {
  const m = ENGLISH_WIRE.exec(line.slice(0, HEAD_CHARS));
  const g = m?.groups;
  if (!m || !g?.place || !/[A-Z]{2}/.test(g.place)) return null;
  const longDash = g.dash === '—' || g.dash === '–' || g.dash === '--';
  if (!g.month && !g.agency && !longDash) return null;
  const date = g.year ? gregorian(g.day, g.month, g.year) : null;
  const entry = g.agency ? lookupAgency(g.agency) : null;
  return { dateline: dateline(m[0].replace(/\s+$/, ''), g.place, g.agency ?? null, entry, date), rest: line.slice(m[0].length).trim() };
};

/** Desk words that sit where a place would (`سبق- متابعة`) but name none. */
const NOT_A_PLACE = new Set(['متابعة', 'خاص', 'وكالات', 'تقرير', 'ترجمة', 'تحرير', 'staff', 'agencies']);
const SEPARATOR = /\s*(?:[-–—]{1,2}|:)\s*/g;

/** An agency part: the part itself, or for outlets its last words (`ياسر العتيبي، محمد الزهراني سبق`). */
function agencyIn(part: string): { entry: AgencyEntry; name: string; before: string } | null {
  const whole = lookupAgency(part);
  if (whole) return { entry: whole, name: part, before: '' };
  const partWords = part.split(/\s+/);
  for (let n = 1; n <= 3 && n < partWords.length; n++) {
    const name = partWords.slice(-n).join(' ');
    const entry = lookupAgency(name);
    if (entry?.kind === 'outlet') return { entry, name, before: partWords.slice(0, -n).join(' ') };
  }
  return null;
}

const isPlace = (part: string): boolean => words(part) <= 4 && !/[\d.!?؟"“”()]/.test(part) && !NOT_A_PLACE.has(part.toLowerCase());

/** Reads `place – agency`, `agency – place` or `author – outlet – place` parts. */
function readParts(parts: readonly string[], separators: readonly string[], raw: string): Dateline | null {
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p.length === 0 || words(p) > 8)) return null;
  const found = parts.map(agencyIn);
  const at = found.findIndex((f) => f !== null);
  const hit = found[at];
  if (!hit || found.filter(Boolean).length > 1) return null;
  const before = parts[at - 1] ?? (hit.before || null);
  const after = parts[at + 1] ?? null;
  if (hit.entry.kind === 'wire') {
    if (parts.length !== 2 || hit.before) return null;
    const place = before ?? after;
    return place && isPlace(place) ? dateline(raw, place, hit.name, hit.entry, null) : null;
  }
  // Outlets: the part after is the place; the part before is a byline, unless a colon ties it
  // to the outlet as in `لندن: «الشرق الأوسط»`.
  const colonBefore = at > 0 && separators[at - 1]?.includes(':');
  const place = after && isPlace(after) ? after : colonBefore && before && isPlace(before) ? before : null;
  if (after && !place && !NOT_A_PLACE.has(after.toLowerCase())) return null;
  return dateline(raw, place, hit.name, hit.entry, null);
}

/** `موسكو – سانا`, `دمشق-سانا`, `لندن - أ ف ب - ...`, `خالد خليل- سبق: ...`, `واس - الرياض`. */
const dashedParts: DatelineMatcher = (line) => {
  const head = tidy(line.slice(0, HEAD_CHARS));
  const separators = [...head.matchAll(SEPARATOR)].slice(0, 3);
  const split = (end: number, upto: number) => {
    const parts: string[] = [];
    let from = 0;
    for (const s of separators.slice(0, upto)) {
      parts.push(head.slice(from, s.index).trim());
      from = (s.index ?? 0) + s[0].length;
    }
    parts.push(head.slice(from, end).trim());
    return parts;
  };
  // The whole line, when it is short enough to be nothing but a dateline.
  if (head.length <= 80 && head === tidy(line) && separators.length <= 2) {
    const whole = readParts(split(head.length, separators.length), separators.map((s) => s[0]), head);
    if (whole) return { dateline: whole, rest: '' };
  }
  // Else the longest run of parts that ends at a separator followed by body text.
  for (let k = separators.length; k >= 2; k--) {
    const cut = separators[k - 1];
    if (!cut || cut.index === undefined) continue;
    const found = readParts(split(cut.index, k - 1), separators.map((s) => s[0]), head.slice(0, cut.index + cut[0].length));
    if (found) return { dateline: found, rest: tidy(line).slice(cut.index + cut[0].length).trim() };
  }
  return null;
};

export const DATELINE_MATCHERS: readonly DatelineMatcher[] = [wireDateLine, matchHijriWireDateline, bracketedAgency, englishWire, dashedParts];

/** The dateline at the start of one line, if any. */
export function matchDateline(line: string): DatelineMatch | null {
  for (const matcher of DATELINE_MATCHERS) {
    const found = matcher(line);
    if (found) return found;
  }
  return null;
}

/** A first block that may be a headline, so that the dateline can be on the line after it. */
const mayBeHeadline = (block: Block | undefined): boolean =>
  !!block && block.heading === null && block.text.length <= 300 && words(block.text) <= 20 && !endsWithOneOf(block.text, '.!؟?:');

interface Credit {
  readonly raw: string;
  readonly agencies: readonly { entry: AgencyEntry; name: string }[];
}

/** A final line that only credits agencies: `Reuter`, `فرانس 24/ أ ف ب/ رويترز`. */
function creditLine(block: Block | undefined): Credit | null {
  if (!block || block.text.length > 80) return null;
  const names = tidy(block.text).split(/\s*(?:[/,،&|]|\band\b)\s*/).filter(Boolean);
  const agencies = names.flatMap((name) => {
    const entry = lookupAgency(name);
    return entry ? [{ entry, name }] : [];
  });
  return agencies.length > 0 && agencies.length === names.length ? { raw: block.text, agencies } : null;
}

/** The credited wire agency (else the first credited name) fills a dateline that names none. */
function withCredit(found: Dateline, credit: Credit | null): Dateline {
  if (found.agency || !credit) return found;
  const pick = credit.agencies.find((a) => a.entry.kind === 'wire') ?? credit.agencies[0];
  return pick ? { ...found, agency: pick.name, agencyCode: pick.entry.code } : found;
}

function fromMetadata(metadata: DocumentMetadata): Dateline | null {
  if (metadata.dateline) {
    const found = matchDateline(metadata.dateline)?.dateline;
    if (found) return { ...found, raw: tidy(metadata.dateline) };
    const entry = metadata.agency ? lookupAgency(metadata.agency) : null;
    // A dateline field that is only a place name (`"dateline": "PARIS"`) names the place.
    const place = metadata.place ?? (isPlace(tidy(metadata.dateline)) && !lookupAgency(metadata.dateline) ? metadata.dateline : null);
    return dateline(metadata.dateline, place, entry ? metadata.agency : null, entry, null);
  }
  const entry = metadata.agency ? lookupAgency(metadata.agency) : null;
  // An unknown site name is not a dateline; a known agency or an explicit place is.
  if (!entry && !metadata.place) return null;
  const agency = entry ? metadata.agency : null;
  return dateline([metadata.place, agency].filter(Boolean).join(' – '), metadata.place, agency, entry, null);
}

export const findDateline: Extractor = (draft: Draft) => {
  let blocks = [...draft.blocks];
  const credit = blocks.length > 1 ? creditLine(blocks[blocks.length - 1]) : null;
  if (credit) blocks = blocks.slice(0, -1);

  let found: Dateline | null = null;
  const candidates = mayBeHeadline(blocks[0]) && blocks.length > 1 ? [0, 1] : [0];
  for (const index of candidates) {
    const block = blocks[index];
    const match = block && block.heading === null ? matchDateline(block.text) : null;
    if (!match) continue;
    found = match.dateline;
    blocks = match.rest ? blocks.map((b, i) => (i === index ? { ...b, text: match.rest } : b)) : blocks.filter((_, i) => i !== index);
    break;
  }
  found ??= fromMetadata(draft.metadata);
  if (!found && credit) found = dateline(credit.raw, null, null, null, null);
  if (found && !found.agency) {
    const metaEntry = draft.metadata.agency ? lookupAgency(draft.metadata.agency) : null;
    found = metaEntry ? { ...found, agency: draft.metadata.agency, agencyCode: metaEntry.code } : withCredit(found, credit);
  }
  return { ...draft, dateline: found, blocks };
};
