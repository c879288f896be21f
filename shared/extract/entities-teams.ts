/**
 * Sports teams named without نادي: in a match report the subject and the object of a result
 * verb are teams (فاز الأهلي على الزمالك، تعادل برشلونة مع ريال مدريد), organisations even when
 * their name is a city's. A side is one to three words before على/مع/أمام, or after it up to
 * the score (بهدفين), a comma or a function word; a side that opens with a given name is a
 * person (فاز محمد صلاح على …), left alone, and a generic noun alone is nobody (تعادل الطرفان).
 */
import type { Seed, TextUnit } from './entities-types';
import { bareForm, WORDS } from './gazetteer';
import { hasDigit, type Tok } from './entities-tokens';
import { isBoundary, isRoleWord } from './roles';
import { textKey } from './entities-tokens';

const RESULT_VERBS = new Set(['فاز', 'يفوز', 'تغلب', 'يتغلب', 'تعادل', 'يتعادل', 'خسر', 'يخسر', 'هزم', 'يهزم', 'واجه', 'يواجه', 'التقى', 'يلتقي', 'أقصى', 'يقصي'].map(textKey));
const AGAINST = new Set(['على', 'مع', 'أمام'].map(textKey));

/** The score after a side: بهدفين، بنتيجة، بثلاثية، بركلات الترجيح. */
const SCORE = /^ب(هدف|نتيج|ثلاث|اربع|خمس|ست|ثنائي|رباعي|خماسي|ركلات|فارق)/;

const sideWord = (tok: Tok | undefined): boolean =>
  !!tok?.arabic && !isBoundary(tok) && !isRoleWord(tok) && !hasDigit(tok) && !WORDS.time.has(tok.key) && !SCORE.test(tok.key);

/** Tokens first..last of one side, or null when no side of one to three words stands there. */
function side(toks: readonly Tok[], first: number, ends: (tok: Tok | undefined) => boolean): number | null {
  let last = first - 1;
  while (last - first < 2 && sideWord(toks[last + 1]) && !ends(toks[last + 1])) last++;
  if (last < first || !ends(toks[last + 1])) return null;
  // A generic noun alone is no team (تعادل الطرفان); ريال مدريد is. Nor is a noun with a
  // possessive pronoun (على منافسه، مع زميله).
  if (last === first && WORDS.generic.has(toks[first]!.key)) return null;
  if (/[^ة](ه|ها|هم|هما)$/.test(toks[last]!.text)) return null;
  return WORDS.givenArabic.has(toks[first]!.key) ? null : last;
}

export function teamSeeds(unit: TextUnit, i: number): Seed[] {
  const toks = unit.toks;
  if (!bareForm(toks[i], RESULT_VERBS)) return [];
  const against = (tok: Tok | undefined): boolean => !!tok && AGAINST.has(tok.key);
  const firstLast = side(toks, i + 1, against);
  if (firstLast === null) return [];
  const secondLast = side(toks, firstLast + 2, (tok) => !sideWord(tok) || !!tok?.key.startsWith('و'));
  const team = (first: number, last: number): Seed => ({ type: 'organization', unit: unit.index, first, last, form: 0, source: 'team' });
  return secondLast === null ? [team(i + 1, firstLast)] : [team(i + 1, firstLast), team(firstLast + 2, secondLast)];
}
