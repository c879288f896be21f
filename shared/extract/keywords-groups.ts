/**
 * What keeps keywords to keyphrases: which terms are one (a light Arabic stemmer, for grouping
 * only: keywords.ts shows each group's commonest form) and which words are no keyword at all
 * (boilerplate of web pages, agency names and codes).
 *
 * The stemmer takes, from a key already without its article and clitics (keywords-terms.ts),
 * - a plural ending (ات، and يين، يون of the nisba): `الانتخابات` is `انتخاب`; other ين and ون
 *   stay, being the end of too many singulars (فلسطين، الصين، حسين);
 * - then one ending of the feminine, the nisba or a country's name (ية، ة، ي، يا): `روسيا`,
 *   `الروسية` and `الروسي` are all `روس`, `فلسطين` and `الفلسطينيين` are `فلسطين`;
 * each only where three letters or more remain, so short words keep what is theirs.
 */
import { AGENCIES } from './agencies';
import { textKey } from './entities-tokens';

/** Plural endings and what is left of them: the nisba's plural keeps its ي (فلسطينيين -> فلسطيني). */
const PLURAL_ENDINGS: readonly (readonly [string, string])[] = [['يين', 'ي'], ['يون', 'ي'], ['ات', '']];
/** In matching form: ة is ه. */
const SINGULAR_ENDINGS: readonly (readonly [string, string])[] = [['يه', ''], ['يا', ''], ['ه', ''], ['ي', '']];
const MIN_STEM = 3;
const ARABIC_LETTER = /[\u0621-\u064A]/;

function strip(key: string, endings: readonly (readonly [string, string])[]): string {
  for (const [ending, rest] of endings) if (key.endsWith(ending) && key.length - ending.length >= MIN_STEM) return key.slice(0, -ending.length) + rest;
  return key;
}

/** The group a term's key belongs to: its light stem (Arabic), the key itself otherwise. */
export function groupKey(key: string): string {
  // English: a plural s (talks, states), not the s of crisis, virus, class.
  if (!ARABIC_LETTER.test(key)) return key.length > 4 && key.endsWith('s') && !/(ss|us|is)$/.test(key) ? key.slice(0, -1) : key;
  return strip(strip(key, PLURAL_ENDINGS), SINGULAR_ENDINGS);
}

/**
 * Words of page furniture, by family: calls to act (click, subscribe, download), sharing
 * and social buttons, cookie and privacy notices, print and comment links. Words that are also
 * news words (سجل registered, حمل carried, شارك took part, تعليق suspension, shares) are left
 * out on purpose. Compared in matching form, with or without the article.
 */
const BOILERPLATE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  act: ['اضغط', 'اضغطوا', 'انقر', 'انقروا', 'اشترك', 'اشتركوا', 'للاشتراك', 'تابعنا', 'تابعونا', 'حملوا', 'click', 'tap', 'subscribe', 'subscribed', 'subscription', 'login', 'signup', 'download'],
  share: ['شاركها', 'شاركوا', 'انشر', 'انشرها', 'share', 'tweet', 'retweet', 'whatsapp'],
  notice: ['كوكيز', 'الكوكيز', 'cookie', 'cookies', 'privacy', 'consent', 'newsletter', 'البريدية'],
  page: ['للطباعة', 'التعليقات', 'اقرأ', 'إقرأ', 'المزيد', 'print', 'comments', 'advertisement', 'sponsored', 'copyright', 'reserved'],
};

const BOILERPLATE = new Set(Object.values(BOILERPLATE_FAMILIES).flat().map(textKey));

/** One-word names and codes of agencies (سانا، رويترز، AFP): desk credits, not topics. */
const AGENCY_WORDS = new Set(AGENCIES.flatMap((agency) => agency.names).filter((name) => !/[\s.]/.test(name)).map(textKey));

/** A word (its term key) that is page furniture or an agency's name or code. */
export function isBoilerplate(key: string): boolean {
  return BOILERPLATE.has(key) || BOILERPLATE.has(`ال${key}`) || AGENCY_WORDS.has(key);
}
