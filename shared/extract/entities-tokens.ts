/**
 * The token view entity and quote rules work on: the NER tokenizer's tokens (offsets into the
 * text they came from), each with a matching key and its clitic-stripped forms. Arabic writes
 * و، ف، ب، ل، ك and the article ال onto the next word (وبيسكوف، للجيش، بالعراق): a token's
 * `forms` are its key, then the key without و/ف, then without a preposition as well (للجيش ->
 * الجيش). Whether a stripped form is right is decided by whoever looks it up (a name list, the
 * article's own names): وليد is never read as و + ليد unless ليد is a known name.
 */
import { tokenize } from '../ner/tokenize';
import { charge } from './work';
import { rememberedByText } from '../remembered';

export interface TokenForm {
  readonly key: string;
  /** Letters removed from the front of the written token. */
  readonly cut: number;
  /** True when لل was read as ل + ال (للجيش -> الجيش): the display form gains an alef. */
  readonly article: boolean;
}

export interface Tok {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** The whole token's matching key. */
  readonly key: string;
  /** key first, then clitic-stripped forms, longest first. */
  readonly forms: readonly TokenForm[];
  readonly arabic: boolean;
  /** Has a letter or digit (not punctuation). */
  readonly word: boolean;
  /** Latin word starting with a capital letter. */
  readonly capitalised: boolean;
}

const ARABIC_LETTER = /[\u0621-\u064A\u066E-\u06D3]/;
const WORDISH = /[\p{L}\p{N}]/u;
const COMBINING = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200B-\u200F]/;

/**
 * What matching ignores (harakat, Quranic marks, tatweel, direction marks, BOM) and the letters
 * it folds together (hamza forms of alef, ta marbuta, alef maqsura, Persian ye/kaf): SPEC §5's
 * normalisation, as arabic.ts's normalizeArabic, in one regex pass since every token needs it.
 */
const CHANGED = /[\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u0622\u0623\u0625\u0671\u0629\u0649\u06CC\u06A9]/g;
const FOLDS: Readonly<Record<string, string>> = { '\u0622': 'ا', '\u0623': 'ا', '\u0625': 'ا', '\u0671': 'ا', '\u0629': 'ه', '\u0649': 'ي', '\u06CC': 'ي', '\u06A9': 'ك' };
const fold = (ch: string): string => FOLDS[ch] ?? '';
const PRINTABLE_ASCII = /^[\x21-\x7E]*$/;

/**
 * Distinct texts whose key (and, for tokens, facts) are remembered per generation: news repeats
 * its words and names, in an article and across a long ingest (shared/remembered.ts).
 */
const FACTS_PER_GENERATION = 30_000;

/** The matching key of a word or a name: normalised (see CHANGED), أميركي read as أمريكي, lower case, single spaces. */
export function textKey(text: string): string {
  // Names and words are keyed again and again (merging, mentions, quotes, identities): remembered.
  return rememberedTextKey(text);
}

function keyText(text: string): string {
  let out = text.replace(CHANGED, fold).toLowerCase();
  if (out.includes('اميرك')) out = out.replace(/اميرك/g, 'امريك');
  return /\s/.test(out) ? out.replace(/\s+/g, ' ').trim() : out;
}

const rememberedTextKey = rememberedByText(keyText, FACTS_PER_GENERATION);

const CONJUNCTIONS = 'وف';
const PREPOSITIONS = 'بلك';

/** Key forms of an Arabic key with proclitics removed, each leaving at least two letters. */
export function cliticForms(key: string): TokenForm[] {
  const forms: TokenForm[] = [{ key, cut: 0, article: false }];
  let base = key;
  let cut = 0;
  if (CONJUNCTIONS.includes(key[0] ?? '') && key.length >= 3) {
    base = key.slice(1);
    cut = 1;
    forms.push({ key: base, cut, article: false });
  }
  if (base.startsWith('لل') && base.length >= 4) {
    forms.push({ key: 'ا' + base.slice(1), cut: cut + 1, article: true });
  } else if (PREPOSITIONS.includes(base[0] ?? '') && base.length >= 3) {
    forms.push({ key: base.slice(1), cut: cut + 1, article: false });
  }
  return forms;
}

/** textKey for one token (no spaces inside). */
function tokenKey(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  const out = text.replace(CHANGED, fold).toLowerCase();
  return out.includes('اميرك') ? out.replace(/اميرك/g, 'امريك') : out;
}

/** What a token is apart from where it stands: the same for every occurrence of its text. */
type TokFacts = Omit<Tok, 'text' | 'start' | 'end'>;

function factsOf(text: string): TokFacts {
  const key = tokenKey(text);
  const arabic = ARABIC_LETTER.test(text);
  return {
    key,
    forms: arabic ? cliticForms(key) : [{ key, cut: 0, article: false }],
    arabic,
    word: WORDISH.test(text),
    capitalised: !arabic && /^\p{Lu}/u.test(text),
  };
}

const cachedFacts = rememberedByText(factsOf, FACTS_PER_GENERATION);

export function makeToken(text: string, start: number, end: number): Tok {
  const { key, forms, arabic, word, capitalised } = cachedFacts(text);
  return { text, start, end, key, forms, arabic, word, capitalised };
}

/** The keys of a text's tokens (what `tokens(text).map((t) => t.key)` gives, without building the tokens). */
export function tokenKeys(text: string): string[] {
  return tokenize(text).map((t) => tokenKey(t.text));
}

export function tokens(text: string): Tok[] {
  charge(text.length);
  return tokenize(text).map((t) => makeToken(t.text, t.start, t.end));
}

/** UTF-16 length of the first `letters` letters of `text` (with the marks that follow them). */
function prefixLength(text: string, letters: number): number {
  let i = 0;
  let seen = 0;
  while (i < text.length && seen < letters) {
    i++;
    seen++;
    while (i < text.length && COMBINING.test(text.charAt(i))) i++;
  }
  return i;
}

/** Where a form starts in the text, and how it is displayed (للجيش -> الجيش). */
export function formSurface(tok: Tok, form: TokenForm): { start: number; text: string } {
  if (form.cut === 0) return { start: tok.start, text: tok.text };
  const skip = prefixLength(tok.text, form.cut);
  const rest = tok.text.slice(skip);
  return { start: tok.start + skip, text: form.article ? 'ا' + rest : rest };
}

/** True for an Arabic key with the definite article (and a word after it). */
export const isDefinite = (key: string): boolean => key.startsWith('ال') && key.length >= 4;

export const isQuoteMark = (text: string): boolean => /^["“”«»„‟]+$/.test(text);

export const hasDigit = (tok: Tok): boolean => /\p{N}/u.test(tok.text);
