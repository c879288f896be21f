/**
 * The grammar of a dateline, for every agency at once:
 *
 *   dateline := prefix? item (separator* item)* separator*
 *   item     := place | date | credit | reporter | clock time
 *   credit   := agency or outlet, bare (`بترا`), bracketed `(أ ف ب)`, slashed `/قنا/`, `//…//`,
 *               guillemets or quotes `«الخليج»` `"عكاظ"`, or a generic credit (`وكالات`, `متابعة`)
 *
 * Parts are read from head tokens into pieces (a bracketed group, a date, a run of words),
 * runs of words are split where a registered agency or a gazetteer place starts, and each piece
 * gets a role from what it is (registry, gazetteer, calendar, given names) or, for a word run
 * nothing knows, from where it stands: before a credit or a date it is a place (`حماه -سوريا
 * -القلعه نيوز`), after a place on a line of its own it is an outlet (`باريس – المصري`), alone
 * before a dash that opens the story it credits the outlet (`مدار الساعة - شهدت …`). The
 * dateline is the longest run of pieces that ends where the story begins: at the end of the
 * line, at a separator, or (after a credit) straight into the first sentence.
 */
import type { Dateline } from '../record';
import { AGENCIES, LONGEST_AGENCY_NAME, lookupAgency, mayStartAgencyName, type AgencyEntry } from './agencies';
import { matchKey } from './arabic';
import { readClockTime, readDatelineDate } from './dateline-date';
import { headTokens, type HeadToken } from './dateline-tokens';
import { GIVEN_NAMES_ARAB, GIVEN_NAMES_COMMON_WORDS, GIVEN_NAMES_FOREIGN, GIVEN_NAMES_LATIN } from './gazetteer-names';
import { PLACE_NAMES } from './gazetteer-places';
import { ARABIC_SPEECH_VERBS, ARABIC_STOPWORDS } from './gazetteer-words';

type Role = 'place' | 'region' | 'agency' | 'credit' | 'date' | 'time' | 'reporter' | 'role' | 'label' | 'unknown';

interface Piece {
  role: Role;
  text: string;
  readonly start: number;
  end: number;
  /** In brackets, quotes or slashes. */
  readonly bracketed: boolean;
  readonly entry: AgencyEntry | null;
  readonly date: string | null;
  /** Separators between this piece and the next ('' when none). */
  sepAfter: string;
  /** A line break between this piece and the next. */
  breakAfter: boolean;
  /** A place only by where it stands (no gazetteer entry, no capitals). */
  inferred?: boolean;
  /** What the piece looks like, when its role depends on where it stands. */
  shape: 'outlet' | 'person' | 'caps' | 'plain';
}

export interface HeadParse {
  readonly dateline: Dateline | null;
  /** People a reporter dateline or `كتب:`/`By` line names (a byline). */
  readonly reporters: readonly string[];
  /** Character offsets of what was read in the parsed text. */
  readonly start: number;
  readonly end: number;
  /**
   * How sure the reading is: 5 a registered agency and a place, 4 a registered agency, 3 a place
   * and an outlet nobody registered, 2 a place and a date or an outlet alone, 1 a place alone,
   * 0 a byline only.
   */
  readonly strength: number;
  /** True when nothing but the dateline (and its separators) is on the parsed text. */
  readonly wholeLine: boolean;
}

const PLACE_KEYS = new Set(PLACE_NAMES.flat().map((name) => matchKey(name)));
const LONGEST_PLACE = Math.max(...[...PLACE_KEYS].map((k) => k.split(' ').length));
const PLACE_FIRST_WORDS = new Set([...PLACE_KEYS].map((k) => k.split(' ')[0]!));
/** Words that qualify a place without being one: `القدس المحتلة`, `ريف دمشق` is listed itself. */
const PLACE_QUALIFIERS = new Set(['المحتلة', 'الشرقية', 'الغربية', 'الشمالية', 'الجنوبية', 'العاصمة', 'المنورة', 'المكرمة'].map(matchKey));
const GIVEN_NAMES = new Set([...GIVEN_NAMES_ARAB, ...GIVEN_NAMES_FOREIGN, ...GIVEN_NAMES_COMMON_WORDS, ...GIVEN_NAMES_LATIN].map((n) => matchKey(n)));
/** Given names whose key is also a common word once normalised (آنا and أنا): no person starts there. */
for (const word of ARABIC_STOPWORDS) GIVEN_NAMES.delete(matchKey(word));
/** Credits that name no one: agencies in general, the desk, a follow-up. */
const GENERIC_CREDITS = new Set(['وكالات', 'متابعة', 'متابعات', 'خاص', 'الخاص', 'رصد', 'ترجمة', 'تحرير', 'المحرر', 'agencies', 'staff', 'wires'].map(matchKey));
const SOURCE_LABELS = new Set(['المصدر', 'مصدر', 'source'].map(matchKey));
/** Words that open a byline: the names follow. */
export const BYLINE_MARKERS = new Set(['كتب', 'كتبت', 'بقلم', 'إعداد', 'اعداد', 'تقرير', 'متابعة', 'by', 'reporting by', 'written by'].map(matchKey));
/** Outlets announce themselves: `… نيوز`, `… نت`, `… برس`, `الوكيل الإخباري`, `شبكة …`, `صحيفة …`. */
const OUTLET_TAILS = new Set(['نيوز', 'نت', 'برس', 'الاخباري', 'الاخباريه', 'الاخبارية', 'اليوم', 'تايمز', 'اونلاين', 'بوست', 'انفو'].map(matchKey));
const OUTLET_HEADS = new Set(['شبكة', 'وكالة', 'صحيفة', 'موقع', 'راديو', 'اذاعة', 'قناة', 'بوابة', 'جريدة', 'مجلة', 'تلفزيون'].map(matchKey));

/** Words that begin sentences, never places: speech verbs (with و/ف), particles, pronouns. */
const NEVER_PLACES = new Set([...ARABIC_SPEECH_VERBS, ...ARABIC_STOPWORDS].map((w) => matchKey(w)));
const cannotBePlace = (text: string): boolean => {
  const first = matchKey(text.split(/\s+/)[0] ?? '');
  return NEVER_PLACES.has(first) || (/^[وف]/.test(first) && NEVER_PLACES.has(first.slice(1))) || /^[a-z]/.test(text);
};

const MAX_PIECES = 10;
const MAX_RUN = 6;

const keyOf = (tokens: readonly HeadToken[], from: number, to: number): string =>
  matchKey(
    tokens
      .slice(from, to)
      .map((t) => t.text)
      .join(' '),
  );

function shapeOf(words: readonly HeadToken[]): Piece['shape'] {
  const keys = words.map((w) => matchKey(w.text));
  const last = keys[keys.length - 1] ?? '';
  if (OUTLET_TAILS.has(last) || OUTLET_HEADS.has(keys[0] ?? '') || /\.(نت|[a-z]{2,4})$/.test(last)) return 'outlet';
  if (words.length >= 2 && words.length <= 4 && GIVEN_NAMES.has(keys[0] ?? '')) return 'person';
  const letters = words.map((w) => w.text).join('');
  if (/^[A-Z][A-Z.'-]*$/.test(letters) && letters.length >= 3 && words.length <= 3) return 'caps';
  return 'plain';
}

/** A registered agency that starts at word `i` of the run: its length in words. */
function agencyAt(tokens: readonly HeadToken[], i: number, end: number): { n: number; entry: AgencyEntry } | null {
  if (!mayStartAgencyName(tokens[i]?.text ?? '')) return null;
  for (let n = Math.min(LONGEST_AGENCY_NAME + 2, end - i); n >= 1; n--) {
    const name = tokens
      .slice(i, i + n)
      .map((t) => t.text)
      .join(' ');
    const entry = lookupAgency(name, { quoted: false });
    // Short Latin codes (AA, AP, RT) count in running text only when written in capitals.
    if (entry && !(/^[A-Za-z]{2,3}$/.test(name) && name !== name.toUpperCase())) return { n, entry };
  }
  return null;
}

/** A gazetteer place that starts at word `i`, with a qualifier after it (`القدس المحتلة`). */
function placeAt(tokens: readonly HeadToken[], i: number, end: number): number {
  // The key of a run of words starts with its first word's key: a word no place starts with ends the search.
  const first = matchKey(tokens[i]?.text ?? '');
  if (first !== '' && !PLACE_FIRST_WORDS.has(first.split(' ')[0]!)) return 0;
  for (let n = Math.min(LONGEST_PLACE, end - i); n >= 1; n--) {
    if (PLACE_KEYS.has(keyOf(tokens, i, i + n))) {
      const next = tokens[i + n];
      return next && i + n < end && PLACE_QUALIFIERS.has(matchKey(next.text)) ? n + 1 : n;
    }
  }
  return 0;
}

function piece(role: Role, text: string, tokens: readonly HeadToken[], from: number, to: number, extra: Partial<Piece> = {}): Piece {
  const first = tokens[from];
  const last = tokens[to - 1];
  return {
    role,
    text,
    start: first?.start ?? 0,
    end: last?.end ?? 0,
    bracketed: false,
    entry: null,
    date: null,
    sepAfter: '',
    breakAfter: false,
    shape: 'plain',
    ...extra,
  };
}

/** The closing bracket or quotation mark of the group opened at `i`, within a short reach. */
function closingOf(tokens: readonly HeadToken[], i: number): number {
  const open = tokens[i];
  if (!open) return -1;
  let depth = 0;
  for (let j = i + 1; j < tokens.length && j <= i + 16; j++) {
    const t = tokens[j];
    if (!t || t.kind === 'newline') return -1;
    if (open.kind === 'quote') {
      if (t.kind === 'quote') return j;
      continue;
    }
    if (t.kind === 'open') depth++;
    if (t.kind === 'close') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/** What a bracketed group holds: a credit, a place, a clock time. */
function bracketPiece(text: string, tokens: readonly HeadToken[], from: number, to: number): Piece | null {
  const inner = tokens.slice(from + 1, to);
  const innerText = text.slice(inner[0]?.start ?? 0, inner[inner.length - 1]?.end ?? 0).trim();
  if (inner.length === 0) return null;
  const base = { bracketed: true } as const;
  if (readClockTime(inner, 0) !== null) return piece('time', innerText, tokens, from, to + 1, base);
  const whole = lookupAgency(innerText, { quoted: true });
  if (whole) return piece('agency', innerText, tokens, from, to + 1, { ...base, entry: whole });
  // `(MENAFN- Kuwait News Agency (KUNA))`: a credit line naming an agency inside.
  const words = inner.filter((t) => t.kind === 'word' || t.kind === 'num');
  let wireFound: AgencyEntry | null = null;
  let anyFound: AgencyEntry | null = null;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i]?.kind !== 'word') continue;
    const hit = agencyAt(inner, i, runEnd(inner, i));
    if (hit) {
      anyFound ??= hit.entry;
      if (hit.entry.kind === 'wire') wireFound ??= hit.entry;
    }
  }
  const found = wireFound ?? anyFound;
  if (found) return piece('agency', innerText, tokens, from, to + 1, { ...base, entry: found });
  if (words.length > 0 && words.every((w) => w.kind === 'word') && placeAt(inner, 0, inner.length) === inner.length) {
    return piece('place', innerText, tokens, from, to + 1, base);
  }
  if (words.length >= 1 && words.length <= 4 && inner.every((t) => t.kind === 'word' || t.kind === 'num')) {
    // An unregistered name in brackets: an outlet after a place (`أنقرة (زمان التركية)`), else text.
    return piece('unknown', innerText, tokens, from, to + 1, { ...base, shape: 'outlet' });
  }
  return null;
}

/** The end of the run of words that starts at `i` (no separators, at most MAX_RUN words). */
function runEnd(tokens: readonly HeadToken[], i: number): number {
  let j = i;
  while (j < tokens.length && j - i < MAX_RUN && tokens[j]?.kind === 'word' && (j === i || !readDatelineDate(tokens, j))) j++;
  return j;
}

/** A run of words split where agencies and places start. */
function runPieces(text: string, tokens: readonly HeadToken[], i: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  let unknownFrom = -1;
  const flush = (to: number) => {
    if (unknownFrom < 0) return;
    const words = tokens.slice(unknownFrom, to);
    const wordsText = text.slice(words[0]?.start ?? 0, words[words.length - 1]?.end ?? 0);
    const key = matchKey(wordsText);
    const role: Role = GENERIC_CREDITS.has(key) ? 'credit' : SOURCE_LABELS.has(key) ? 'label' : BYLINE_MARKERS.has(key) ? 'label' : 'unknown';
    pieces.push(piece(role, wordsText, tokens, unknownFrom, to, { shape: shapeOf(words) }));
    unknownFrom = -1;
  };
  let j = i;
  // `By Tom Perry`, `بقلم أحمد علي`: the marker opens a byline even without a colon.
  const firstKey = matchKey(tokens[i]?.text ?? '');
  if (end - i >= 2 && BYLINE_MARKERS.has(firstKey) && firstKey !== 'متابعه') {
    pieces.push(piece('label', tokens[i]?.text ?? '', tokens, i, i + 1));
    j++;
  }
  while (j < end) {
    const agency = agencyAt(tokens, j, end);
    const placeLength = agency ? 0 : placeAt(tokens, j, end);
    // A place inside an outlet's name (`المغرب اليوم`) is the outlet's, not a place.
    const inOutlet = placeLength > 0 && shapeOf(tokens.slice(j, Math.min(end, j + placeLength + 1))) === 'outlet' && j + placeLength < end;
    if (agency) {
      flush(j);
      const name = text.slice(tokens[j]?.start ?? 0, tokens[j + agency.n - 1]?.end ?? 0);
      pieces.push(piece('agency', name, tokens, j, j + agency.n, { entry: agency.entry }));
      j += agency.n;
    } else if (placeLength > 0 && !inOutlet && unknownFrom < 0) {
      const name = text.slice(tokens[j]?.start ?? 0, tokens[j + placeLength - 1]?.end ?? 0);
      pieces.push(piece('place', name, tokens, j, j + placeLength));
      j += placeLength;
    } else {
      if (unknownFrom < 0) unknownFrom = j;
      j++;
    }
  }
  flush(end);
  return pieces;
}

/** Reads the pieces at the head of `tokens`, up to the first that cannot be a dateline's. */
function readPieces(text: string, tokens: readonly HeadToken[]): Piece[] {
  const pieces: Piece[] = [];
  let i = 0;
  let breaks = 0;
  while (i < tokens.length && pieces.length < MAX_PIECES) {
    // Separators (and at most one line break) between pieces.
    let seps = '';
    let broke = false;
    let slashOpen = false;
    while (i < tokens.length) {
      const t = tokens[i];
      const afterLatin = /[A-Za-z]$/.test(pieces[pieces.length - 1]?.text ?? '');
      if (t?.kind === 'sep' || (t?.kind === 'other' && t.text === '.' && afterLatin && seps === '')) seps += t.text;
      else if (t?.kind === 'newline' && breaks === 0) {
        broke = true;
        breaks++;
      } else break;
      if (t?.text === '/') slashOpen = true;
      i++;
    }
    const previous = pieces[pieces.length - 1];
    if (previous) {
      previous.sepAfter = seps;
      previous.breakAfter = broke;
    } else if (seps && !/^[*>٫\s&]+$/.test(seps)) break;
    const t = tokens[i];
    if (!t) break;
    if (t.kind === 'open' || t.kind === 'quote') {
      const close = closingOf(tokens, i);
      const found = close > 0 ? bracketPiece(text, tokens, i, close) : null;
      if (!found) break;
      pieces.push(found);
      i = close + 1;
      continue;
    }
    const date = t.kind === 'num' || t.kind === 'word' ? readDatelineDate(tokens, i) : null;
    if (date) {
      pieces.push(piece('date', text.slice(t.start, tokens[date.next - 1]?.end ?? t.end), tokens, i, date.next, { date: date.value }));
      i = date.next;
      continue;
    }
    // `المغرب 7 –`, `سيرياهوم نيوز 6 –`: a short number ends a site's name.
    const after = tokens[i + 1];
    const arabicBefore = /[\u0600-\u06FF]/.test(previous?.text ?? '');
    if (t.kind === 'num' && t.text.length <= 2 && previous && previous.sepAfter === '' && (!after || after.kind === 'sep') && previous.role !== 'date' && !arabicBefore) {
      // `NEW YORK, Narch 2 -`: a day whose month is misspelt; the dateline goes on.
      pieces.push(piece('time', t.text, tokens, i, i + 1));
      i++;
      continue;
    }
    if (t.kind === 'num' && t.text.length <= 2 && previous && previous.sepAfter === '' && (!after || after.kind === 'sep') && previous.role !== 'date') {
      previous.text = text.slice(previous.start, t.end);
      previous.end = t.end;
      previous.role = 'unknown';
      previous.shape = 'outlet';
      i++;
      continue;
    }
    const clock = t.kind === 'num' ? readClockTime(tokens, i) : null;
    if (clock !== null) {
      pieces.push(piece('time', text.slice(t.start, tokens[clock - 1]?.end ?? t.end), tokens, i, clock));
      i = clock;
      continue;
    }
    if (t.kind !== 'word') break;
    const end = runEnd(tokens, i);
    const run = runPieces(text, tokens, i, end);
    // `/سما/`: a slashed run is a bracketed credit.
    const closesSlash = slashOpen && tokens[end]?.text === '/';
    if (closesSlash && run.length === 1 && run[0]) {
      const only = run[0];
      const entry = only.entry ?? lookupAgency(only.text, { quoted: true });
      pieces.push({ ...only, role: entry ? 'agency' : only.role, entry, bracketed: entry !== null });
    } else pieces.push(...run);
    i = end;
    // A run that goes on after its pieces ran out is the story's first sentence: stop there.
    if (run.some((p) => p.role === 'unknown') && end - i >= MAX_RUN) break;
  }
  return pieces;
}

const DASHES = /[-–—‒_ـ|:]|\/\/?/;

/** Gives unknown word runs a role from where they stand; returns how many pieces are the dateline's. */
function settleRoles(pieces: Piece[], wholeText: boolean): number {
  const isCredit = (p: Piece | undefined) => !!p && (p.role === 'agency' || p.role === 'credit');
  const registered = (p: Piece | undefined) => !!p && p.role === 'agency' && p.entry !== null;
  const outletLike = (p: Piece | undefined) => !!p && p.role === 'unknown' && p.shape === 'outlet' && !p.bracketed;
  let k = 0;
  for (; k < pieces.length; k++) {
    const p = pieces[k];
    if (!p) break;
    const next = pieces[k + 1];
    const prev = pieces[k - 1];
    if (p.role === 'label') {
      // `المصدر:` / `كتب:` / `By` open a credit or a byline; anything else is text.
      if (!next || (p.sepAfter !== '' && !/[:：]/.test(p.sepAfter))) break;
      if (BYLINE_MARKERS.has(matchKey(p.text)) && next.role === 'unknown') next.role = 'reporter';
      else if (SOURCE_LABELS.has(matchKey(p.text)) && next.role === 'unknown') next.role = 'agency';
      continue;
    }
    // `متابعة: نازك عيسى`: a desk word with a colon opens a byline.
    if (p.role === 'credit' && BYLINE_MARKERS.has(matchKey(p.text)) && p.sepAfter.includes(':') && next?.role === 'unknown' && next.shape !== 'outlet') {
      p.role = 'label';
      next.role = 'reporter';
      continue;
    }
    if (p.role !== 'unknown') continue;
    const lastOnLine = k === pieces.length - 1 && wholeText;
    // `الوسط - المحرر الاقتصادي`: a desk that signs the story, after the outlet that names itself.
    if (isDesk(p) && prev && DASHES.test(prev.sepAfter) && (lastOnLine || DASHES.test(p.sepAfter))) {
      p.role = 'reporter';
      continue;
    }
    if (k === 0 && isDesk(next) && /[-–—|]/.test(p.sepAfter) && !p.breakAfter && wordCount(p.text) <= 3 && /[\u0600-\u06FF]/.test(p.text)) {
      p.role = 'agency';
      continue;
    }
    // Sites are named in many ways; only Arabic copy credits one nobody registered by position alone.
    const arabic = /[\u0600-\u06FF]/.test(p.text);
    const dashAfter = DASHES.test(p.sepAfter);
    if (p.bracketed) {
      // An unregistered name in brackets credits an outlet only right after a place.
      if (prev?.role === 'place') p.role = 'agency';
      else break;
    } else if (prev?.role === 'reporter' && /[,،]/.test(prev.sepAfter) && /^[A-Za-z]/.test(p.text)) p.role = 'role';
    // `PALO ALTO, Calif., Feb 26`, `DAMASCUS, Syria:`, `دبي، الإمارت العربية المتحدة (CNN)`: a region after the city.
    else if (prev?.role === 'place' && /[,،]/.test(prev.sepAfter) && wordCount(p.text) <= 3 && (/^[A-Z]/.test(p.text) || registered(next) || next?.role === 'date'))
      p.role = 'region';
    else if (arabic && p.shape === 'outlet' && (dashAfter || lastOnLine || (prev && DASHES.test(prev.sepAfter)))) p.role = 'agency';
    else if (p.shape === 'person' && (dashAfter || /[:،,]/.test(p.sepAfter) || lastOnLine || registered(next)) && (prev ? prev.role !== 'role' : pieces.length > 1)) p.role = 'reporter';
    else if (cannotBePlace(p.text)) {
      // `أنا الخبر ـ و.م.ع`: a site's name before the agency it carries.
      if (k === 0 && registered(next) && /[-–—ـ_|]/.test(p.sepAfter) && wordCount(p.text) <= 3) p.role = 'agency';
      else break;
    }
    else if ((registered(next) || next?.role === 'date' || (next?.role === 'place' && /[-–—ـ,،]/.test(p.sepAfter)) || outletLike(next)) && p.sepAfter !== '' && wordCount(p.text) <= 3)
      [p.role, p.inferred] = ['place', true];
    else if ((registered(next) || next?.role === 'date') && p.sepAfter === '' && wordCount(p.text) <= (next?.bracketed ? 1 : 2) && k === 0) [p.role, p.inferred] = ['place', true];
    else if (p.shape === 'caps' && (dashAfter || /,/.test(p.sepAfter)) && k === 0) p.role = 'place';
    else if (arabic && prev && (prev.role === 'place' || isCredit(prev)) && DASHES.test(prev.sepAfter) && (lastOnLine || dashAfter) && wordCount(p.text) <= 4) {
      // After a place, an unknown name is the outlet (`باريس – المصري`); after the outlet, the place (`سبق- الباحة:`).
      const placed = pieces.slice(0, k).some((x) => x.role === 'place');
      if (p.shape === 'person') p.role = 'reporter';
      else if (isCredit(prev) && !placed) [p.role, p.inferred] = ['place', true];
      else p.role = 'agency';
    } else if (arabic && k === 0 && next?.role === 'credit' && /[-–—ـ_|:]/.test(p.sepAfter) && wordCount(p.text) <= 3) {
      // `الوطن|رصد`: a site's name before a desk credit.
      p.role = 'agency';
    } else if (arabic && k === 0 && wordCount(p.text) <= 3 && /[-–—|]/.test(p.sepAfter) && !p.breakAfter && next?.role === 'unknown' && !next.bracketed && wordCount(next.text) >= 3) p.role = 'agency';
    else break;
  }
  return k;
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Desks that sign stories: `المحرر الاقتصادي`, `محرر الشؤون المحلية`, `مراسل الوسط`. */
const DESK_HEADS = new Set(['المحرر', 'محرر', 'المراسل', 'مراسل', 'مندوب'].map(matchKey));
const isDesk = (p: Piece | undefined): boolean => !!p && p.role === 'unknown' && !p.bracketed && DESK_HEADS.has(matchKey(p.text.split(/\s+/)[0] ?? '')) && wordCount(p.text) >= 2 && wordCount(p.text) <= 4;

/** Wire agencies first: in `سبق – واس` the agency is SPA and سبق the outlet. */
function pickCredit(credits: readonly Piece[]): { agency: Piece | null; outlet: Piece | null } {
  const wire = credits.find((c) => c.entry?.kind === 'wire') ?? null;
  const other = credits.find((c) => c !== wire && c.role === 'agency' && c.entry?.kind !== 'wire') ?? null;
  const generic = credits.find((c) => c.role === 'credit') ?? null;
  return { agency: wire ?? other ?? generic, outlet: other };
}

const clean = (text: string): string => text.replace(/^[«"“”(\[/\s]+|[»"”“)\]/\s]+$/g, '').replace(/\s+/g, ' ').trim();

/**
 * Parses the dateline at the head of `text` (one line, or two when a dateline is wrapped).
 * Returns null when the head holds no piece of a dateline.
 */
export function parseDatelineHead(text: string): HeadParse | null {
  const tokens = headTokens(text);
  if (tokens.length === 0) return null;
  const pieces = readPieces(text, tokens);
  const lastToken = tokens[tokens.length - 1];
  const consumedAll = (n: number) => {
    const last = pieces[n - 1];
    if (!last) return false;
    const after = tokens.find((t) => t.start >= last.end && t.kind !== 'sep' && t.kind !== 'newline');
    return !after || (after.kind === 'other' && after === lastToken && after.text !== '.');
  };
  const allPieces = pieces.length;
  let n = settleRoles(pieces, consumedAll(allPieces));
  // Trim back to a piece after which the story can begin.
  while (n > 0) {
    const last = pieces[n - 1];
    if (!last) break;
    const runIn = last.bracketed || (last.role === 'agency' && last.entry !== null) || last.role === 'credit';
    const sepEnds = last.sepAfter !== '' && (DASHES.test(last.sepAfter) || /[,،]/.test(last.sepAfter) || last.sepAfter.includes('.'));
    if (consumedAll(n) || runIn || sepEnds || last.breakAfter) break;
    n--;
  }
  if (n === 0) return null;
  const chosen = pieces.slice(0, n);
  const first = chosen[0];
  const last = chosen[n - 1];
  if (!first || !last) return null;

  // `"عكاظ" (الرياض)`: a name that is both a city and a newspaper is the place beside another credit.
  for (const p of chosen) {
    const others = chosen.filter((c) => c !== p && (c.role === 'agency' || c.role === 'credit'));
    if (p.role === 'agency' && PLACE_KEYS.has(matchKey(clean(p.text))) && others.length > 0 && !chosen.some((c) => c.role === 'place')) p.role = 'place';
  }
  const places = chosen.filter((p) => p.role === 'place');
  const dates = chosen.filter((p) => p.role === 'date');
  const credits = chosen.filter((p) => p.role === 'agency' || p.role === 'credit');
  const reporters = chosen.filter((p) => p.role === 'reporter').map((p) => clean(p.text));
  const { agency, outlet } = pickCredit(credits);
  const place = places[0] ?? null;
  const date = dates[0]?.date ?? null;

  // The raw dateline runs to the last piece and the separators after it.
  let end = last.end;
  for (const t of tokens) {
    if (t.start < end) continue;
    if (t.kind === 'sep' || (t.kind === 'close' && t.start === end)) end = t.end;
    else break;
  }
  const wholeLine = consumedAll(n);
  const hasRegistered = credits.some((c) => c.entry !== null);
  const strength = hasRegistered ? (place ? 5 : 4) : credits.length > 0 ? (place ? 3 : 2) : place && date ? 2 : place ? 1 : 0;
  // A place alone counts only as a known place, on a line of its own or before a dash or colon.
  if (strength === 1 && ((!wholeLine && !DASHES.test(last.sepAfter)) || place?.inferred)) return null;
  if (strength === 0 && reporters.length === 0) return null;
  const raw = text.slice(first.start, end).replace(/\s+/g, ' ').trim();
  const dateline: Dateline | null =
    strength === 0
      ? null
      : {
          raw,
          place: place ? clean(place.text) : null,
          agency: agency ? clean(agency.text) : null,
          agencyCode: agency?.entry?.code ?? null,
          ...(outlet && outlet !== agency ? { outlet: clean(outlet.text) } : agency && agency.entry?.kind !== 'wire' && agency.role === 'agency' ? { outlet: clean(agency.text) } : {}),
          date,
        };
  return { dateline, reporters, start: first.start, end, strength, wholeLine };
}

/** Registry entries, for tests and the evaluation. */
export const REGISTERED_AGENCIES = AGENCIES;
