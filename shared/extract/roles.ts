/**
 * Roles written before a person's name: `المتحدث الرسمي باسم الرئاسة الروسية ديمتري بيسكوف`,
 * `نائب وزير الخارجية ميخائيل بوغدانوف`, `Russian Foreign Minister Sergei Lavrov`.
 *
 * An Arabic role is a head (وزير، المتحدث، السفير…), heads stacked on it (نائب وزير), and
 * modifiers: definite words (الخارجية، الروسي), coordinations (والمغتربين), and link words
 * with their noun phrase (باسم وزارة الدفاع، لدى روسيا). A new head that is not stacked starts
 * a new role, so of `الممثل الخاص … نائب وزير الخارجية ميخائيل بوغدانوف` the role kept is the
 * one touching the name. Ranks and honorifics (الجنرال، الدكتور) stand between role and name
 * and are not part of the role.
 */
import { anyForm, bareForm, matchListedName, WORDS } from './gazetteer';
import { isDefinite, isQuoteMark, textKey, type Tok } from './entities-tokens';
import type { TextUnit } from './entities-types';
import { spanText } from './entities-units';

const keys = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean).map(textKey));

/** Heads of roles (with and without the article; feminine forms included). */
const ROLE_HEADS = keys(`
  المتحدث المتحدثة متحدث متحدثة الناطق الناطقة ناطق ناطقة الرئيس رئيس رئيسة الرئيسة وزير وزيرة الوزير الوزيرة
  نائب نائبة النائب السفير سفير السفيرة سفيرة المبعوث مبعوث المبعوثة الممثل ممثل الممثلة المندوب مندوب الأمين أمين
  المدير مدير مديرة المديرة القائد قائد قائدة الزعيم زعيم المستشار مستشار المستشارة مستشارة المحافظ محافظ عضو العضو
  المنسق منسق المفوض مفوض المفوضة المرشد مرشد رئيسا مساعد مساعدة وكيل وكيلة الملك ملك ولي المراسل مراسل مفتي المفتي
  عميد رئيسة الرئيسان المدعي مدعي قاضي القاضي أستاذ الأستاذة أستاذة الباحث باحث الخبير خبير المحلل محلل الكاتب
  النائبة السناتور السيناتور مؤسس المؤسس المرشح مرشح المرشحة مرشحة المدرب مدرب اللاعب لاعب الفنان الفنانة الممثل
`);

/** Heads that stack onto the next head without starting a new role: نائب وزير، مساعد وزير. */
const STACKING_HEADS = keys('نائب نائبة مساعد مساعدة وكيل وكيلة مستشار مستشارة ممثل مبعوث رئيس');

/** Counterpart words: a person follows, but they carry no role text of their own. */
const COUNTERPARTS = keys('نظيره نظيرته نظيرها نظيريه نظيراه نظيره');

/** Ranks and honorifics between role and name; a role of last resort when nothing else is said. */
const HONORIFICS = keys(`
  الجنرال جنرال اللواء العميد العقيد المقدم الرائد النقيب الفريق العماد المشير الأدميرال الدكتور د السيد السيدة
  الشيخ الشيخة المهندس الحاج الأمير الأميرة الملكة السلطان البروفيسور المطران البطريرك
`);

/** Links that take a noun phrase after them inside a role: باسم وزارة الدفاع، لدى روسيا، في موسكو. */
const LINKS_WITH_PHRASE = keys('باسم لدى في عن لشؤون شؤون بشؤون للشؤون على');
/** Links that end in a pronoun and take nothing after them: المتحدث باسمها. */
const LINKS_WITH_PRONOUN = keys('باسمه باسمها باسمهم عنه عنها لديها لديه');

export const isRoleHead = (tok: Tok | undefined): boolean => bareForm(tok, ROLE_HEADS);
/** Which clitic form of the token is a role head (للرئيس -> الرئيس), or -1. */
export const roleHeadForm = (tok: Tok | undefined): number => (tok ? tok.forms.findIndex((f) => ROLE_HEADS.has(f.key)) : -1);
export const isHonorific = (tok: Tok | undefined): boolean => bareForm(tok, HONORIFICS);
export const isCounterpart = (tok: Tok | undefined): boolean => bareForm(tok, COUNTERPARTS);

/** Words that qualify a rank after it (الفريق أول، الفريق الركن، اللواء الركن): part of the rank, never of the name. */
const RANK_QUALIFIERS = keys('أول الأول ركن الركن');

/** Whether token k is a rank or title, or qualifies the rank right before it. */
export function isRankAt(toks: readonly Tok[], k: number): boolean {
  for (let j = k; j >= 0 && j > k - 3; j--) {
    const tok = toks[j];
    if (isHonorific(tok)) return true;
    if (!tok || !RANK_QUALIFIERS.has(tok.key)) return false;
  }
  return false;
}
/** A word that is part of role talk: no name is made of it. */
export const isRoleWord = (tok: Tok | undefined): boolean => anyForm(tok, ROLE_HEADS) || anyForm(tok, HONORIFICS) || anyForm(tok, COUNTERPARTS) || isRoleWithPronoun(tok);

/** A role head with a possessive pronoun (مراسلنا، رئيسها، مديره): a role, never a name. */
function isRoleWithPronoun(tok: Tok | undefined): boolean {
  if (!tok?.arabic) return false;
  const bare = /^(.{3,})(نا|ها|هم|هما|كم|ه)$/.exec(tok.forms[tok.forms.length - 1]!.key);
  return !!bare && ROLE_HEADS.has(bare[1]!.replace(/ت$/, 'ه'));
}
export const endsWithPronounLink = (role: string): boolean => LINKS_WITH_PRONOUN.has(textKey(role.split(/\s+/).pop() ?? ''));

/**
 * Matching folds ى into ي, so the preposition على and the name علي share a key; written with a
 * dotted ي (علي، وعلي) it is the name, the most common of all.
 */
export const isNameAli = (tok: Tok): boolean => /^[وف]?علي$/.test(tok.text);

/** A word that ends any name or role: function word, time word, speech verb, punctuation. */
export function isBoundary(tok: Tok | undefined): boolean {
  if (!tok || !tok.word || isQuoteMark(tok.text)) return true;
  return (anyForm(tok, WORDS.stop) && !isNameAli(tok)) || bareForm(tok, WORDS.time) || bareForm(tok, WORDS.speechVerb) || bareForm(tok, WORDS.speechNoun) || bareForm(tok, WORDS.speechParticiple);
}

/** A modifier word inside a role: definite noun or adjective, not a time word or function word. */
function isDefiniteModifier(tok: Tok | undefined): boolean {
  if (!tok?.arabic || isBoundary(tok) || isHonorific(tok)) return false;
  return tok.forms.some((f) => isDefinite(f.key));
}

export interface ArabicRole {
  /** First token of the role text (its head), or -1 for a counterpart/honorific-only cue. */
  readonly start: number;
  /** One past the role's last token. */
  readonly end: number;
  /** Index of the first token after the role and honorifics: where the name must start. */
  readonly nameStart: number;
  readonly honorific: number | null;
}

/**
 * Reads a role starting at head token `h`; returns where a name would start after it. Stops at
 * the first token that is neither a modifier nor a head, so a name must follow directly.
 */
export function readArabicRole(toks: readonly Tok[], h: number): ArabicRole | null {
  let start = h;
  let j = h + 1;
  let phraseOpen = false;
  let previousWasStacking = bareForm(toks[h], STACKING_HEADS);
  if (isCounterpart(toks[h])) start = -1;
  while (j < toks.length && j - h < 16) {
    const tok = toks[j];
    if (!tok || isHonorific(tok)) break;
    if (isRoleHead(tok) && !anyForm(tok, LINKS_WITH_PHRASE)) {
      // A head with a preposition (للرئيس) is a genitive inside this role; a bare head is a new
      // role unless the previous head stacks onto it.
      const bare = tok.forms.some((f) => ROLE_HEADS.has(f.key) && (f.cut === 0 || 'وف'.includes(tok.key[0] ?? '') && f.cut === 1));
      if (bare && !previousWasStacking && !phraseOpen) start = j;
      previousWasStacking = bareForm(tok, STACKING_HEADS);
      phraseOpen = false;
      j++;
      continue;
    }
    previousWasStacking = false;
    if (bareForm(tok, LINKS_WITH_PRONOUN)) {
      j++;
      break;
    }
    if (anyForm(tok, LINKS_WITH_PHRASE) && tok.arabic && !isNameAli(tok)) {
      phraseOpen = true;
      j++;
      continue;
    }
    if (isDefiniteModifier(tok)) {
      phraseOpen = false;
      j++;
      continue;
    }
    // The head of a link's noun phrase may be indefinite (باسم وزارة…، لدى روسيا).
    if (phraseOpen && tok.arabic && !isBoundary(tok)) {
      const listed = matchListedName(toks, j);
      phraseOpen = false;
      j = listed ? listed.last + 1 : j + 1;
      continue;
    }
    // A genitive construct (لوزارة الداخلية): a preposition + a noun followed by a definite word.
    if (tok.arabic && 'لب'.includes(tok.key[0] ?? '') && tok.forms.length > 1 && isDefiniteModifier(toks[j + 1])) {
      j++;
      continue;
    }
    // A coordinated construct (وبلدان أفريقيا): و + a noun followed by a definite word or a place.
    if (tok.arabic && tok.key.startsWith('و') && !anyForm(tok, WORDS.givenArabic) && !anyForm(tok, WORDS.givenAfterTitle) && (isDefiniteModifier(toks[j + 1]) || matchListedName(toks, j + 1))) {
      const listed = matchListedName(toks, j + 1);
      j = listed ? listed.last + 1 : j + 1;
      continue;
    }
    break;
  }
  let end = j;
  // A role never ends in a dangling link word.
  while (end > h + 1 && anyForm(toks[end - 1], LINKS_WITH_PHRASE)) end--;
  let nameStart = j;
  let honorific: number | null = null;
  // Ranks and titles, the abbreviation د. with its full stop (د.محمد المومني).
  while (isRankAt(toks, nameStart) || (honorific !== null && toks[nameStart]?.text === '.' && toks[honorific]?.key === 'د')) {
    if (toks[nameStart]?.text !== '.' && isHonorific(toks[nameStart])) honorific = nameStart;
    nameStart++;
  }
  if (start === -1) return { start: -1, end: -1, nameStart, honorific };
  return { start, end, nameStart, honorific };
}

/** English titles written before a name: `President`, `Foreign Minister`, `spokesman`. */
const ENGLISH_TITLE_HEADS = new Set(
  `president minister secretary chancellor spokesman spokeswoman spokesperson ambassador envoy governor mayor senator
  general gen commander chief chairman chairwoman director king queen prince princess sheikh pope premier
  representative rep sen gov judge justice inspector superintendent coach manager captain leader officer chief
  economist analyst spokesperson chairperson executive founder editor correspondent`
    .split(/\s+/)
    .filter(Boolean),
);
const ENGLISH_HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'professor', 'rev']);
const ENGLISH_ROLE_MODIFIERS = new Set(
  `foreign prime deputy vice defence defense finance interior home trade health state general executive former acting
  first chief shadow junior education culture transport environment energy treasury justice labour work pensions
  business economic fiscal policy media sport agriculture industry security intelligence national senior assistant
  and of for the`.split(/\s+/).filter(Boolean),
);

const LEADING_FILLERS = new Set(['the', 'a', 'an', 'and', 'of', 'for', 'former']);

export const isEnglishTitle = (tok: Tok | undefined): boolean => !!tok && ENGLISH_TITLE_HEADS.has(tok.key);
export const isEnglishHonorific = (tok: Tok | undefined): boolean => !!tok && ENGLISH_HONORIFICS.has(tok.key);

/**
 * The English role ending right before token `nameStart`: a title head and the capitalised or
 * known modifier words before it (`Economic and Fiscal Policy Minister`, `Russian President`).
 */
export function englishRoleBefore(toks: readonly Tok[], nameStart: number): { start: number; end: number } | null {
  let end = nameStart;
  while (end > 0 && (isEnglishHonorific(toks[end - 1]) || toks[end - 1]?.text === '.')) end--;
  const head = toks[end - 1];
  if (!isEnglishTitle(head)) return null;
  let start = end - 1;
  while (start > 0 && start > end - 7) {
    const tok = toks[start - 1];
    if (!tok?.word) break;
    if (!(tok.capitalised || ENGLISH_ROLE_MODIFIERS.has(tok.key))) break;
    start--;
  }
  while (start < end - 1 && LEADING_FILLERS.has(toks[start]?.key ?? '')) start++;
  return { start, end };
}

/**
 * The role written right before the name starting at token `first` (either language), as
 * text, and any rank or honorific standing between them.
 */
export function roleWrittenBefore(unit: TextUnit, first: number): { role?: string; honorific?: string } {
  const toks = unit.toks;
  if (!toks[first]?.arabic) {
    const role = englishRoleBefore(toks, first);
    return role && role.end > role.start ? { role: spanText(unit, role.start, role.end - 1) } : {};
  }
  // The farthest head whose role reaches the name gives the whole role (نائب وزير الخارجية,
  // not وزير الخارجية); restarts inside readArabicRole keep only the role touching the name.
  for (let h = Math.max(0, first - 16); h < first; h++) {
    const tok = toks[h];
    if (!(roleHeadForm(tok) >= 0 || isCounterpart(tok) || isHonorific(tok))) continue;
    if (isHonorific(tok)) {
      let k = h;
      while (isHonorific(toks[k])) k++;
      if (k === first) return { honorific: toks[first - 1]!.text };
      continue;
    }
    const read = readArabicRole(toks, h);
    if (!read || read.nameStart !== first) continue;
    const honorific = read.honorific !== null ? toks[read.honorific]!.text : undefined;
    const role = read.start >= 0 && read.end > read.start ? spanText(unit, read.start, read.end - 1, Math.max(0, roleHeadForm(toks[read.start]))) : undefined;
    return { ...(role ? { role } : {}), ...(honorific ? { honorific } : {}) };
  }
  return {};
}
