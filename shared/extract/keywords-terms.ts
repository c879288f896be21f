/**
 * Terms for keywords: words of the text, each with a matching key and a display form.
 *
 * - Arabic: the key is the normalised word (normalizeArabic) without its proclitics: the article
 *   with what may precede it (ال، وال، بال، فال، كال، لل، وبال ...) always, and a bare و ف ب ل ك
 *   (or two of them: وب، ول، فل) only when what remains is a word the lexicon knows. Without that
 *   check `بغداد`, `لبنان`, `وزير`, `فرنسا` would lose a letter of their own. Stems keep at least
 *   two letters after the article and three after a bare proclitic.
 * - Latin: the lower-cased word; a possessive `'s` is dropped by tokenising.
 * - Display: the word as written without diacritics or tatweel, without its conjunction or
 *   preposition but with its article (`والإرهاب`, `للإرهاب` -> `الإرهاب`); keywords.ts shows
 *   the most frequent display form of each key (`سورية`, not `وسورية`).
 * Stopwords and numbers are no terms.
 */
import { wordKey } from './dates-tokens';
import { isStopword } from './stopwords';

export interface Term {
  readonly key: string;
  readonly display: string;
}

const WORD = /[\p{L}\p{M}]+/gu;
const ARABIC_LETTER = /[\u0621-\u064A]/;
const DIACRITICS_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

/** Article-bearing prefixes, longest first (compared in matching form). */
const ARTICLE_PREFIXES = ['وبال', 'فبال', 'وكال', 'فكال', 'وال', 'فال', 'بال', 'كال', 'ولل', 'فلل', 'لل', 'ال'];
/** Bare proclitics, longest first: conjunction + preposition, then one of them. */
const BARE_PREFIXES = ['وب', 'ول', 'وك', 'فب', 'فل', 'و', 'ف', 'ب', 'ل', 'ك'];
/** Words that look like article + stem but are not (`الله`); kept whole. */
const WHOLE_WORDS = new Set(['الله', 'لله', 'بالله', 'والله', 'اللهم', 'الا', 'الي', 'الان', 'التي', 'الذي', 'الذين']);

/**
 * What decides whether a bare proclitic comes off: `known(stem)` (the stem is a word) and
 * `takesArticle(word)` (the whole word is itself seen with ال, as `الوزارة` shows `وزارة` is one
 * word, not و + زارة).
 */
export interface Lexicon {
  known(stem: string): boolean;
  takesArticle(word: string): boolean;
}

export interface SplitWord {
  /** Matching key of the stem (no article). */
  readonly key: string;
  /** Letters removed from the front, in the diacritic-free word. */
  readonly prefixLength: number;
  /** Whether the removed prefix carried the article (its display form keeps `ال`). */
  readonly article: boolean;
}

const WHOLE = (normalized: string): SplitWord => ({ key: normalized, prefixLength: 0, article: false });

/** Splits the article (and what stands before it) off a word in matching form; the word itself when it has none. */
function splitArticle(normalized: string): SplitWord {
  if (WHOLE_WORDS.has(normalized)) return WHOLE(normalized);
  for (const prefix of ARTICLE_PREFIXES) {
    // `لل` stands for ل + ال: its stem is what follows, as for `ال`.
    if (normalized.startsWith(prefix) && normalized.length - prefix.length >= 2) return { key: normalized.slice(prefix.length), prefixLength: prefix.length, article: true };
  }
  return WHOLE(normalized);
}

/** Splits a bare proclitic off a word without the article, when the lexicon allows it. */
function splitBare(normalized: string, lexicon: Lexicon): SplitWord {
  // Every bare proclitic starts with one of these letters: most words leave at the first test.
  if (!'وفبلك'.includes(normalized[0] ?? '') || WHOLE_WORDS.has(normalized)) return WHOLE(normalized);
  for (const prefix of BARE_PREFIXES) {
    if (!normalized.startsWith(prefix) || normalized.length - prefix.length < 3) continue;
    const stem = normalized.slice(prefix.length);
    if (lexicon.known(stem) && !lexicon.takesArticle(normalized)) return { key: stem, prefixLength: prefix.length, article: false };
  }
  return WHOLE(normalized);
}

/** Splits the proclitics off one Arabic word in matching form. */
export function splitArabic(normalized: string, lexicon: Lexicon): SplitWord {
  const article = splitArticle(normalized);
  return article.article ? article : splitBare(normalized, lexicon);
}

/** A stopword with or without its article, conjunction or preposition (`بأن`, `والذي`, `فيما`). */
function stopped(key: string, whole: string): boolean {
  if (isStopword(whole) || isStopword(key) || isStopword(`ال${key}`)) return true;
  return BARE_PREFIXES.some((prefix) => whole.startsWith(prefix) && isStopword(whole.slice(prefix.length)));
}

/** The words (runs of letters and their marks) of a text, as written. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** What a key is without the lexicon: its article split, and whether it is a stopword. */
interface KeyFacts {
  readonly split: SplitWord;
  readonly stop: boolean;
}

/**
 * Worked out again for each article's distinct words: a few prefix tests and stopword lookups in
 * small sets cost less than a lookup in a process-wide table of every word seen (measured: the
 * article's keywords took 0.75x the time without that table).
 */
function factsOf(key: string): KeyFacts {
  const split = splitArticle(key);
  return { split, stop: split.key.length < 2 || split.key === 'ال' || stopped(split.key, key) };
}

/** One word (with its wordKey) as a term, or null for a stopword, a number or a one-letter word. */
export function termOf(word: string, key: string, lexicon: Lexicon): Term | null {
  if (key.length < 2) return null;
  if (ARABIC_LETTER.test(key)) {
    const facts = factsOf(key);
    if (facts.stop) return null;
    // A word without the article may still carry a bare proclitic: that the lexicon decides.
    const split = facts.split.article ? facts.split : splitBare(key, lexicon);
    if (split !== facts.split && (split.key.length < 2 || stopped(split.key, key))) return null;
    // wordKey keeps one character per character it keeps of the word: the same prefix length
    // cut from the diacritic-free spelling leaves the stem as written.
    const stem = split.prefixLength === 0 && !/[\u064B-\u065F\u0670\u0640]/.test(word) ? word : word.normalize('NFC').replace(DIACRITICS_AND_TATWEEL, '').slice(split.prefixLength);
    return { key: split.key, display: split.article ? `ال${stem}` : stem };
  }
  if (key.length < 3 || isStopword(key)) return null;
  return { key, display: word };
}

/** The words of a text as written (matching form), and the stems it writes with the article. */
export interface TextLexicon {
  readonly words: Set<string>;
  readonly articleStems: Set<string>;
}

/** Adds one word (its wordKey) to a lexicon: the word, and its stem when it carries the article. */
export function addToLexicon(key: string, into: TextLexicon): void {
  if (into.words.has(key) || !ARABIC_LETTER.test(key)) return;
  into.words.add(key);
  const split = splitArticle(key);
  if (split.article) into.articleStems.add(split.key);
}

/** The distinct words of some texts with their keys, and the lexicon they bring. */
export interface ReadWords {
  readonly keys: Map<string, string>;
  readonly lexicon: TextLexicon;
}

/** Reads the distinct words of some texts (already cut by wordsOf), their keys and lexicon. */
export function readWords(texts: Iterable<readonly string[]>, into: ReadWords = { keys: new Map(), lexicon: { words: new Set(), articleStems: new Set() } }): ReadWords {
  for (const words of texts) {
    for (const word of words) if (!into.keys.has(word)) addWord(word, wordKey(word), into);
  }
  return into;
}

/** One distinct word with its key (wordKey of the word), into what readWords gathers. */
export function addWord(word: string, key: string, into: ReadWords): void {
  into.keys.set(word, key);
  addToLexicon(key, into.lexicon);
}
