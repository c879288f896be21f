/**
 * Rule-based entity spans in Arabic text, proposed alongside the statistical tagger's:
 * - listed places and organisations (gazetteer), cue-only names after their cue;
 * - organisation patterns: construct heads with their complement (وزارة الخارجية الروسية،
 *   جبهة النصرة), definite heads with a nisba (الجيش الروسي، الحكومة السورية), ministry
 *   short forms (الخارجية الروسية);
 * - quoted names: after an organisation cue (تنظيم “داعش”), or in apposition to an
 *   organisation (وزارة الدفاع الأمريكية “البنتاغون”), never after a label cue (اسم “…”);
 * - sports teams in match reports (entities-teams.ts);
 * - news agencies after وكالة or set apart by brackets, slashes or a hashtag;
 * - places after a place word (ولاية تطاوين), lists of them after a plural or dual one; places
 *   whose head is part of the name (قطاع غزة، مطار الخرطوم الدولي);
 * - people (entities-arabic-people.ts).
 */
import { personAfterCue, personAfterSpeechVerb, personFromGivenName } from './entities-arabic-people';
import type { TextUnit, Seed } from './entities-types';
import { anyForm, isNisba, matchListedName, WORDS } from './gazetteer';
import { hasDigit, isDefinite, isQuoteMark, type Tok } from './entities-tokens';
import { isBoundary, isHonorific, isRoleHead, isRoleWord } from './roles';
import { lookupAgency } from './agencies';
import { teamSeeds } from './entities-teams';
import { spanText } from './entities-units';

const formIndex = (tok: Tok, set: ReadonlySet<string>): number => tok.forms.findIndex((f) => set.has(f.key));

/** Adjectives that describe rather than name (الحكومة الحالية): they end no institution's name. */
const DESCRIPTIVE = new Set(['الحالي', 'الحاليه', 'الماضي', 'الماضيه', 'التالي', 'التاليه', 'الجاري', 'الثاني', 'الثانيه', 'الاتي', 'الاتيه']);

/**
 * An adjective inside an institution's name: a country or group nisba, an institution adjective
 * (العامة، الأحمر، المستقلة), or any definite word of the nisba shape (العسكري، الانتقالية،
 * الفلسطينيين) that is not a time or ordinal word.
 */
export function isOrgModifier(tok: Tok | undefined): boolean {
  if (!tok?.arabic || isBoundary(tok) || isRoleWord(tok)) return false;
  if (isNisba(tok) || WORDS.institutionAdjective.has(tok.key)) return true;
  const key = tok.key;
  // A final ى is a broken plural far more often than a nisba (الجرحى، القتلى).
  return isDefinite(key) && key.length >= 5 && /(ي|يه|يين|يون)$/.test(key) && !/ى$/.test(tok.text) && !DESCRIPTIVE.has(key) && !WORDS.ordinal.has(key);
}

/** لـ with the article, the genitive of official names: الهيئة العامة للاستثمار. */
const isLamArticle = (tok: Tok | undefined): boolean => !!tok?.arabic && tok.key.startsWith('لل') && tok.key.length >= 5 && !isBoundary(tok);

/**
 * The complement of an organisation head: definite nouns, construct chains and coordinated
 * members (والبحث), then adjectives; after an adjective, a genitive with لـ starts a new chain
 * (الديوان الوطني للأرصاد الجوية).
 */
function readComplement(toks: readonly Tok[], j: number): number | null {
  let k = j;
  let sawNisba = false;
  let closed = false;
  while (k < toks.length && k - j < 8) {
    const tok = toks[k]!;
    if (!tok.arabic || isBoundary(tok) || isHonorific(tok)) break;
    if (sawNisba) {
      if (isOrgModifier(tok)) {
        k++;
        continue;
      }
      if (isLamArticle(tok)) {
        sawNisba = false;
        k++;
        continue;
      }
      // A coordinated member after an adjective: وزارة التعليم العالي والبحث العلمي. Not after
      // a country's nisba, which ends a name (وزارة الصحة الفلسطينية والهلال الأحمر), nor
      // another institution's head.
      const member = tok.forms.find((f) => f.cut === 1 && isDefinite(f.key));
      if (member && !isNisba(toks[k - 1]) && !WORDS.orgDefiniteHead.has(member.key) && !matchListedName(toks, k) && !isBoundary(tok)) {
        sawNisba = false;
        k++;
        continue;
      }
      break;
    }
    if (isOrgModifier(tok) && k > j) {
      sawNisba = true;
      k++;
      continue;
    }
    if (isDefinite(tok.key) && !isRoleHead(tok)) {
      closed = true;
      k++;
      continue;
    }
    if (k > j && tok.key.startsWith('و') && tok.forms.some((f) => f.cut === 1 && isDefinite(f.key))) {
      k++;
      continue;
    }
    const listed = matchListedName(toks, k);
    if (listed && listed.form === 0) {
      k = listed.last + 1;
      while (k - j < 8 && isOrgModifier(toks[k])) k++;
      break;
    }
    // A construct chain: حلف شمال الأطلسي, an indefinite noun followed by a definite one. A
    // definite noun closes the chain: after مجلس السيادة a bare indefinite noun starts something
    // else, while و or لـ carries it on (وتكنولوجيا المعلومات، لمنظمة التحرير).
    if ((!closed || tok.forms.length > 1) && !isRoleWord(tok) && isDefinite(toks[k + 1]?.key ?? '') && !isBoundary(toks[k + 1])) {
      k++;
      continue;
    }
    break;
  }
  return k > j ? k - 1 : null;
}

/**
 * A brand after a feminine company-like head (شركة سامسونغ، مجموعة فاغنر): an adjective after it
 * agrees and ends in ة or ى (شركة كبيرة، شركة أخرى), a plural in ات (شركة مقاولات), while a
 * foreign name does not. One such word (a second one is as often the sentence's object: مجموعة
 * فورتكس عقدا), then a genitive with لـ and adjectives (شركة سامسونغ للإلكترونيات).
 */
function brandAfterHead(toks: readonly Tok[], j: number): number | null {
  const brandWord = (tok: Tok | undefined): boolean =>
    !!tok?.arabic &&
    !tok.key.startsWith('و') &&
    !tok.forms.some((f) => isDefinite(f.key)) &&
    !/(ة|ى|ات)$/.test(tok.text) &&
    !isBoundary(tok) &&
    !isRoleWord(tok) &&
    !hasDigit(tok) &&
    tok.key.length >= 3 &&
    !WORDS.generic.has(tok.key) &&
    !isNisba(tok) &&
    !WORDS.indefiniteNisba.has(tok.key);
  if (!brandWord(toks[j])) return null;
  let k = j + 1;
  if (isLamArticle(toks[k])) k++;
  while (k - j < 6 && isOrgModifier(toks[k])) k++;
  return k - 1;
}

function organisationPatterns(unit: TextUnit, i: number): Seed[] {
  const toks = unit.toks;
  const tok = toks[i]!;
  const seeds: Seed[] = [];
  // What follows a label cue in quotes is what someone calls themselves (اسم “الجيش الوطني”).
  if (isQuoteMark(toks[i - 1]?.text ?? '') && anyForm(toks[i - 2], WORDS.labelCue)) return seeds;
  const head = formIndex(tok, WORDS.orgConstructHead);
  if (head >= 0) {
    const last = readComplement(toks, i + 1) ?? (WORDS.brandHead.has(tok.forms[head]!.key) ? brandAfterHead(toks, i + 1) : null);
    // Built around a listed name (جمعية الهلال الأحمر الفلسطيني), it is as trusted as the list.
    const aroundListed = last !== null && matchListedName(toks, i + 1)?.form === 0;
    if (last !== null) seeds.push({ type: 'organization', unit: unit.index, first: i, last, form: head, source: aroundListed ? 'listed' : 'pattern' });
  }
  const definite = formIndex(tok, WORDS.orgDefiniteHead);
  // القوات names an institution only with one of its own adjectives (القوات المسلحة), not a
  // country's (القوات الأمريكية are troops).
  if (definite >= 0 && tok.forms[definite]!.key === 'القوات' && !WORDS.institutionAdjective.has(toks[i + 1]?.key ?? '')) return seeds;
  if (definite >= 0) {
    let k = i + 1;
    while (anyForm(toks[k], WORDS.institutionAdjective)) k++;
    const ministry = anyForm(tok, WORDS.ministryDomain);
    const first = ministry ? k : i + 1;
    while (ministry ? WORDS.feminineNisba.has(toks[k]?.key ?? '') : isOrgModifier(toks[k])) k++;
    // A genitive with لـ after the adjectives: الهيئة العامة للاستثمار، المجلس الأعلى للقوات المسلحة.
    if (!ministry && k > first && isLamArticle(toks[k])) {
      k++;
      while (isOrgModifier(toks[k])) k++;
      // …and a member coordinated to the genitive: للأرصاد وحماية البيئة، للثقافة والفنون.
      const and = toks[k];
      const member = and?.arabic && and.key.startsWith('و') ? and.forms.find((f) => f.cut === 1) : undefined;
      if (member && !isBoundary(and) && !anyForm(and, WORDS.orgConstructHead) && !anyForm(and, WORDS.orgDefiniteHead)) {
        if (isDefinite(member.key)) k++;
        else if (isDefinite(toks[k + 1]?.key ?? '') && !isBoundary(toks[k + 1]) && !matchListedName(toks, k + 1)) k += 2;
        while (isOrgModifier(toks[k])) k++;
      }
    }
    if (k > first) seeds.push({ type: 'organization', unit: unit.index, first: i, last: k - 1, form: definite, source: 'pattern' });
  }
  return seeds;
}

/** Quoted names: organisations after a cue, aliases in apposition; labels (اسم “…”) are nothing. */
function quotedNames(unit: TextUnit, open: number, seedsSoFar: readonly Seed[]): Seed[] {
  const toks = unit.toks;
  let close = open + 1;
  while (close < toks.length && close - open <= 6 && !isQuoteMark(toks[close]!.text)) close++;
  if (!isQuoteMark(toks[close]?.text ?? '') || close === open + 1 || close - open > 5) return [];
  const before = toks[open - 1];
  if (anyForm(before, WORDS.labelCue)) return [];
  const content = toks.slice(open + 1, close);
  if (content.some((t) => !t.arabic || isBoundary(t))) return [];
  if (anyForm(before, WORDS.orgCue)) {
    // تنظيمي “داعش وجبهة النصرة”: a list of names joined by و.
    const seeds: Seed[] = [];
    let start = open + 1;
    for (let k = open + 2; k <= close; k++) {
      const atAnd = k < close && toks[k]!.key.startsWith('و') && toks[k]!.forms.length > 1;
      if (k === close || atAnd) {
        seeds.push({ type: 'organization', unit: unit.index, first: start, last: k - 1, form: start === open + 1 ? 0 : 1, source: 'quoted' });
        start = k;
      }
    }
    return seeds;
  }
  // Apposition gives a name (“البنتاغون”), not a description (“المستفيد الأكبر”).
  const host = seedsSoFar.find((s) => s.type === 'organization' && s.last === open - 1 && s.source !== 'quoted');
  const nameLike = close - open === 2 || matchListedName(toks, open + 1)?.last === close - 1;
  if (host && nameLike) {
    return [{ type: 'organization', unit: unit.index, first: open + 1, last: close - 1, form: 0, source: 'quoted', appositionOf: { unit: unit.index, last: host.last } }];
  }
  return [];
}

/** Compass words end a place's name: بلدة سبسطية شمال غرب نابلس، بلدة جماعين جنوبها. */
const isDirection = (tok: Tok | undefined): boolean => !!tok?.arabic && /^(شمال|جنوب|شرق|غرب|وسط)(ي|يه|ها|ه)?$/.test(tok.key);

/** Where a list of place names ends: punctuation, the text's end, في, a compass word, a new place word. */
function endsPlaceList(tok: Tok | undefined): boolean {
  if (!tok || !tok.word || isQuoteMark(tok.text)) return true;
  return tok.forms.some((f) => f.key === 'في') || isDirection(tok) || anyForm(tok, WORDS.placeCue);
}

/** A word that may be part of a place's name read after a place word. */
function placeWord(tok: Tok | undefined, form: number): boolean {
  if (!tok?.arabic || isBoundary(tok) || hasDigit(tok) || isRoleWord(tok) || isDirection(tok)) return false;
  const key = tok.forms[form]?.key ?? '';
  return key.length >= 2 && !WORDS.generic.has(key) && !WORDS.placeCue.has(key) && !WORDS.indefiniteNisba.has(key) && !WORDS.nisba.has(key);
}

/**
 * One member of a list of places after a place word: one to three words (أم صفا، دير أبو
 * مشعل), from token k; the member's first word may carry و. Its end must be the list's end or
 * the next member's و, so that a verb phrase after the list (وأعلنت الحكومة أن) is no member;
 * the first member, right after the place word, may also end at a function or time word
 * (محافظة أسوان الأسبوع المقبل).
 */
function placeMember(toks: readonly Tok[], k: number, form: number, firstMember: boolean): number | null {
  if (!placeWord(toks[k], form)) return null;
  for (let last = k; last < k + 3; last++) {
    const next = toks[last + 1];
    // A third word only after a connector (دير أبو مشعل), not a verb after two (بنت جبيل أدت).
    if (last === k + 2 && !anyForm(toks[k + 1], WORDS.nameConnector)) return null;
    if (endsPlaceList(next) || (next!.key.startsWith('و') && next!.forms.length > 1) || (firstMember && isBoundary(next))) return last;
    if (!placeWord(next, 0) || next!.key.startsWith('و')) return null;
  }
  return null;
}

/**
 * Places named after a place word: `ولاية تطاوين`، and the lists a plural or dual place word
 * opens (`قرى وبلدات أم صفا والمغير وسلواد ودير أبو مشعل في رام الله`، `بمدينتي رام الله
 * والبيرة`). The first name must be indefinite: a definite word after a place word is mostly an
 * adjective (المدينة القديمة، منطقة الشرق), left to the lists. Listed names in the list are left
 * to the gazetteer, and the list goes on after them.
 */
function placesAfterCue(unit: TextUnit, i: number): Seed[] {
  const toks = unit.toks;
  if (!anyForm(toks[i], WORDS.placeCue)) return [];
  let k = i + 1;
  // قرى وبلدات: a second place word joined to the first.
  while (k < i + 3 && toks[k]?.key.startsWith('و') && anyForm(toks[k], WORDS.placeCue)) k++;
  const first = toks[k];
  if (!first?.arabic || isDefinite(first.key) || first.key.startsWith('و') || (isNisba(first) && !matchListedName(toks, k))) return [];
  const seeds: Seed[] = [];
  let form = 0;
  for (let members = 0; members < 12 && k < toks.length; members++) {
    const listed = matchListedName(toks, k);
    const last = listed && listed.form === form ? listed.last : placeMember(toks, k, form, members === 0);
    if (last === null) break;
    if (!listed) seeds.push({ type: 'place', unit: unit.index, first: k, last, form, source: 'cue' });
    const next = toks[last + 1];
    if (!next || endsPlaceList(next)) break;
    k = last + 1;
    form = next.forms.findIndex((f) => f.cut === 1);
    if (form < 0) break;
  }
  return seeds;
}

/** A definite word that may go on a place's name: not a function, time, role or compass word. */
const placeNameWord = (tok: Tok | undefined): boolean =>
  !!tok?.arabic && isDefinite(tok.key) && !isBoundary(tok) && !isRoleWord(tok) && !isDirection(tok) && !DESCRIPTIVE.has(tok.key) && !WORDS.ordinal.has(tok.key) && !WORDS.generic.has(tok.key);

/** Heads that are common nouns with a definite word (قطاع النفط is a sector): only with a listed place (قطاع غزة). */
const LISTED_ONLY_HEADS = new Set(['قطاع']);

/**
 * Places whose head is part of the name: an indefinite head with a listed place or a definite
 * word (قطاع غزة، مخيم الامعري، حي التجارة) and up to two adjectives (مطار الخرطوم الدولي،
 * قصر العلم العامر); a definite head with an adjective (المطار السلطاني الخاص).
 * Built around a listed name, the span is as trusted as the list, so that it wins over the
 * listed name inside it.
 */
function namedPlace(unit: TextUnit, i: number): Seed | null {
  const toks = unit.toks;
  const tok = toks[i]!;
  const head = formIndex(tok, WORDS.placeHead);
  let k = i + 1;
  let aroundListed = false;
  if (head >= 0) {
    const listed = matchListedName(toks, k);
    if (listed && listed.form === 0 && listed.name.type === 'place') {
      k = listed.last + 1;
      aroundListed = true;
    } else if (!LISTED_ONLY_HEADS.has(tok.forms[head]!.key) && placeNameWord(toks[k]) && !matchListedName(toks, k)) {
      k++;
    } else {
      return null;
    }
  } else if (formIndex(tok, WORDS.placeDefiniteHead) >= 0 && isOrgModifier(toks[k])) {
    k++;
  } else {
    return null;
  }
  // Adjectives go on the name (الدولي، المتحدة); after a word that is not a listed place,
  // another definite word where the phrase ends after it (قصر العلم العامر،): elsewhere it
  // begins what the sentence says next.
  const endsPhrase = (tok: Tok | undefined): boolean => isBoundary(tok) || !!tok?.key.startsWith('و');
  for (let more = 0; more < 2 && !matchListedName(toks, k); more++) {
    if (isOrgModifier(toks[k]) || (!aroundListed && placeNameWord(toks[k]) && endsPhrase(toks[k + 1]))) k++;
    else break;
  }
  const form = Math.max(head, formIndex(tok, WORDS.placeDefiniteHead));
  return { type: 'place', unit: unit.index, first: i, last: k - 1, form, source: aroundListed ? 'listed' : 'pattern' };
}

const OPENERS = new Set(['(', '«', '"', '“', '/', '#', '[']);
const CLOSERS = new Set([')', '»', '"', '”', '/', ']']);

/**
 * News agencies named in the text: after وكالة (وكالة وفا، وكالة معاً), or set apart by brackets,
 * slashes or a hashtag ((سما)، /وفا/، #سونا). Bare, most of their short names are common words
 * (معا "together", بنا "with us"), so they count only there.
 */
function namedAgency(unit: TextUnit, i: number): Seed | null {
  const toks = unit.toks;
  const head = toks[i]!.forms.findIndex((f) => f.key === 'وكاله');
  if (head >= 0) {
    for (let n = Math.min(3, toks.length - i - 1); n >= 1; n--) {
      if (!toks.slice(i + 1, i + n + 1).every((t) => t.word && !isQuoteMark(t.text))) continue;
      if (!lookupAgency(spanText(unit, i + 1, i + n), { quoted: true })) continue;
      let last = i + n;
      while (last - i < 6 && isOrgModifier(toks[last + 1])) last++;
      return { type: 'organization', unit: unit.index, first: i, last, form: head, source: 'listed' };
    }
    return null;
  }
  const enclosed = OPENERS.has(toks[i - 1]?.text ?? '') && (toks[i - 1]!.text === '#' || CLOSERS.has(toks[i + 1]?.text ?? ''));
  if (enclosed && toks[i]!.arabic && lookupAgency(toks[i]!.text, { quoted: true })) return { type: 'organization', unit: unit.index, first: i, last: i, form: 0, source: 'listed' };
  return null;
}

function listedName(unit: TextUnit, i: number): Seed | null {
  const toks = unit.toks;
  const before = isQuoteMark(toks[i - 1]?.text ?? '') ? toks[i - 2] : toks[i - 1];
  const cued = anyForm(before, WORDS.orgCue);
  const match = matchListedName(toks, i, (name) => !name.cue || cued);
  if (!match) return null;
  // A listed institution with adjectives after it is a more specific one (الهلال الأحمر القطري،
  // مجلس الشيوخ الأمريكي): the whole name, no longer the listed entry's variant.
  let last = match.last;
  if (match.name.type === 'organization' && !match.name.cue) while (last - i < 8 && isOrgModifier(toks[last + 1])) last++;
  return {
    type: match.name.type,
    unit: unit.index,
    first: i,
    last,
    form: match.form,
    source: 'listed',
    ...(last === match.last ? { listedId: match.name.id } : {}),
    ...(match.name.cue ? { cueOnly: true } : {}),
  };
}

export function arabicSeeds(unit: TextUnit, counts: ReadonlyMap<string, number>): Seed[] {
  const seeds: Seed[] = [];
  const toks = unit.toks;
  // Tokens up to here belong to a person already found; organisations inside the role before
  // the name (المتحدث باسم الرئاسة الروسية …) are still looked for.
  let personUntil = -1;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (isQuoteMark(tok.text)) {
      seeds.push(...quotedNames(unit, i, seeds));
      continue;
    }
    if (!tok.arabic) continue;
    const listed = listedName(unit, i);
    if (listed) seeds.push(listed);
    const agency = namedAgency(unit, i);
    if (agency) seeds.push(agency);
    seeds.push(...organisationPatterns(unit, i));
    seeds.push(...placesAfterCue(unit, i), ...teamSeeds(unit, i));
    const named = namedPlace(unit, i);
    if (named) seeds.push(named);
    if (i <= personUntil) continue;
    const person = personAfterCue(unit, i, counts) ?? (unit.kind === 'dateline' ? null : (personFromGivenName(unit, i, counts) ?? personAfterSpeechVerb(unit, i)));
    if (person) {
      seeds.push(person);
      personUntil = person.last;
    }
  }
  return seeds;
}
