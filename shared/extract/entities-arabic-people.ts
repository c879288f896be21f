/**
 * People in Arabic text, found by rules: after a role, a rank or a counterpart word
 * (المتحدث الرسمي باسم الرئاسة الروسية ديمتري بيسكوف، الجنرال كوناشينكوف، ونظيره الأمريكي
 * اشتون كارتر), from a given name (وقال محمد العلي…), and as the subject of a speech verb ended
 * by a colon or إن (وقال اليوسفي: “…”). A name is one to four words; how far it goes is decided
 * by given-name lists, the article's own repetitions and the words that end names.
 */
import type { Seed, TextUnit } from './entities-types';
import { anyForm, bareForm, isNisba, matchListedName, WORDS } from './gazetteer';
import { hasDigit, isDefinite, isQuoteMark, type Tok } from './entities-tokens';
import { spanText } from './entities-units';
import { isBoundary, isCounterpart, isHonorific, isNameAli, isRankAt, isRoleWord, readArabicRole, roleHeadForm } from './roles';

/** Whether a token can be (part of) a person's name at all. */
export function nameable(tok: Tok | undefined, allowDefinite: boolean): tok is Tok {
  if (!tok?.arabic || !tok.word || hasDigit(tok) || tok.key.length < 2) return false;
  // A nisba is a family name only after an Arab given name (منصور التركي), else an adjective.
  if (isBoundary(tok) || isRoleWord(tok) || (isNisba(tok) && !allowDefinite) || WORDS.indefiniteNisba.has(tok.key) || anyForm(tok, WORDS.generic)) return false;
  if (anyForm(tok, WORDS.orgConstructHead) || anyForm(tok, WORDS.orgDefiniteHead) || anyForm(tok, WORDS.orgCue) || anyForm(tok, WORDS.placeCue) || anyForm(tok, WORDS.placeHead)) return false;
  // A noun with a possessive pronoun (سعادته، تمنياته، جهتها) is no name word.
  if (tok.key.length > 4 && /ت(ه|ها|هم|هما)$/.test(tok.text)) return false;
  // No name word starts with a preposition and the article (بالحديث، للصحفيين).
  if (tok.forms.some((f) => f.cut > 0 && isDefinite(f.key)) && !WORDS.givenArabic.has(tok.key)) return false;
  return !isDefinite(tok.key) || allowDefinite || WORDS.givenArab.has(tok.key);
}

const ALLAH = 'الله';

/** What may follow a name: a boundary word, a role word, or a new phrase starting with و. */
const endsName = (tok: Tok | undefined): boolean => isBoundary(tok) || isRoleWord(tok) || !!tok?.key.startsWith('و');

/**
 * A person's name starting at token j: one to four words. After a given name the next word is
 * taken (a family name; with ال only after an Arab given name: وليد المعلم, not كيم الحدود);
 * otherwise a word is taken only when the article repeats it and a boundary (أن، في، اليوم, a
 * speech verb…) follows, so that `وزير الخارجية سبل التعاون` and `الرئيس جاهز في` name nobody.
 * `afterTitle`: given names that are ordinary words too (جمال، أمل) count only after a title.
 */
export function readArabicName(toks: readonly Tok[], j: number, counts: ReadonlyMap<string, number>, afterTitle: boolean): number | null {
  const first = toks[j];
  const given = (tok: Tok | undefined): boolean => !!tok && (WORDS.givenArabic.has(tok.key) || isNameAli(tok) || (afterTitle && tok === first && WORDS.givenAfterTitle.has(tok.key)));
  const repeated = (tok: Tok): boolean => (counts.get(tok.key) ?? 0) >= 2;
  if (!nameable(first, false) || matchListedName(toks, j)) return null;
  // A name seldom starts with the conjunction و: وتأمل is "and hopes", وليد a given name.
  if (first.key.startsWith('و') && !given(first) && !repeated(first)) return null;
  let last = j;
  let joined = false;
  if (anyForm(first, WORDS.nameConnector)) {
    if (!nameable(toks[j + 1], true)) return null;
    last = j + 1;
    joined = true;
  }
  for (let round = 0; round < 3; round++) {
    if (anyForm(toks[last + 1], WORDS.nameConnector) && nameable(toks[last + 2], true)) {
      last += 2;
      joined = true;
      continue;
    }
    const current = toks[last]!;
    const next = toks[last + 1];
    // عبد المالك، أبو زيد: a compound opening a name is a given name as a whole.
    const afterGiven = given(current) || (joined && last === j + 1 && anyForm(first, WORDS.nameConnector));
    const arabFamily = joined || WORDS.givenArab.has(current.key) || (afterTitle && current === first && WORDS.givenAfterTitle.has(current.key));
    if (!nameable(next, afterGiven && arabFamily) || next.key.startsWith('و') || matchListedName(toks, last + 1)) break;
    const evidenced = endsName(toks[last + 2]) && repeated(next) && !isDefinite(next.key);
    // A given name after a name is a father's or grandfather's (محمد الغالي علي يوسف).
    if (!afterGiven && !evidenced && !(given(next) && !isDefinite(next!.key))) break;
    last++;
  }
  // A compound with الله is one name word (الحمد الله، نصر الله، فضل الله): the name ends after it.
  if (last > j && toks[last + 1]?.key === ALLAH && toks[last + 1]!.forms.length === 1) last++;
  if (last > j) return last;
  return !given(first) && first.key.length >= 3 && endsName(toks[j + 1]) && repeated(first) ? j : null;
}

/** Persons after a role (وزير الخارجية …), a rank (الجنرال …) or a counterpart word (ونظيره الأمريكي …). */
export function personAfterCue(unit: TextUnit, i: number, counts: ReadonlyMap<string, number>): Seed | null {
  const toks = unit.toks;
  const tok = toks[i]!;
  if (!(roleHeadForm(tok) >= 0 || isCounterpart(tok) || isHonorific(tok))) return null;
  let role: string | undefined;
  let honorific: string | undefined;
  let nameStart: number;
  if (isHonorific(tok)) {
    nameStart = i;
    while (isRankAt(toks, nameStart) || (toks[nameStart]?.text === '.' && toks[nameStart - 1]?.key === 'د')) {
      if (isHonorific(toks[nameStart])) honorific = toks[nameStart]!.text;
      nameStart++;
    }
  } else {
    const read = readArabicRole(toks, i);
    if (!read) return null;
    nameStart = read.nameStart;
    if (read.honorific !== null) honorific = toks[read.honorific]!.text;
    if (read.start >= 0 && read.end > read.start) {
      role = spanText(unit, read.start, read.end - 1, Math.max(0, roleHeadForm(toks[read.start])));
    }
  }
  const last = readArabicName(toks, nameStart, counts, true);
  if (last === null) return null;
  return { type: 'person', unit: unit.index, first: nameStart, last, form: 0, source: 'role', ...(role ? { role } : {}), ...(honorific ? { honorific } : {}) };
}

/** A person introduced by a given name with no title (وقال محمد العلي إن…), possibly after و. */
export function personFromGivenName(unit: TextUnit, i: number, counts: ReadonlyMap<string, number>): Seed | null {
  const tok = unit.toks[i]!;
  const form = tok.forms.findIndex((f) => WORDS.givenArabic.has(f.key) && (f.cut === 0 || (f.cut === 1 && tok.key.startsWith('و'))));
  if (form < 0) return null;
  const view = form === 0 ? unit.toks : unit.toks.map((t, k) => (k === i ? { ...t, key: t.forms[form]!.key, forms: [t.forms[form]!] } : t));
  const last = readArabicName(view, i, counts, false);
  if (last === null || last === i) return null;
  return { type: 'person', unit: unit.index, first: i, last, form, source: 'given-name' };
}

/** Where the subject of a speech verb ends: a colon, a quote, a comma, إن/أن, في, a ل- phrase. */
function endsSpeechSubject(tok: Tok | undefined): boolean {
  if (!tok) return false;
  if (/^[:،,]$/.test(tok.text) || isQuoteMark(tok.text)) return true;
  if (tok.forms.some((f) => f.key === 'ان' || f.key === 'بان' || f.key === 'انه' || f.key === 'في')) return true;
  return bareForm(tok, WORDS.speechParticiple) || (tok.arabic && tok.key.startsWith('ل') && tok.forms.length > 1);
}

/**
 * `وقال اليوسفي: “…”`، `وتابع نصرالله بالقول`: the subject of a speech verb, written right after
 * it and ended by a colon, a quote, إن/أن…, is a person when its words can be a name (a family
 * name with ال must look like one: اليوسفي, not المكتب).
 */
export function personAfterSpeechVerb(unit: TextUnit, i: number): Seed | null {
  const toks = unit.toks;
  if (!bareForm(toks[i], WORDS.speechVerb)) return null;
  const j = i + 1;
  const first = toks[j];
  const familyName = (tok: Tok | undefined) => !!tok && isDefinite(tok.key) && tok.key.endsWith('ي') && tok.key.length >= 5 && nameable(tok, true);
  const nameWord = (tok: Tok | undefined) => nameable(tok, false) || familyName(tok);
  // A ل- phrase right after the verb is who was spoken to (لشبكة…، للصحفيين), not who spoke.
  if (!first || matchListedName(toks, j) || !nameWord(first) || (first.key.startsWith('ل') && first.forms.length > 1)) return null;
  let last = j;
  if (!endsSpeechSubject(toks[j + 1]) && nameWord(toks[j + 1]) && !matchListedName(toks, j + 1)) last++;
  if (!endsSpeechSubject(toks[last + 1])) return null;
  return { type: 'person', unit: unit.index, first: j, last, form: 0, source: 'cue' };
}
