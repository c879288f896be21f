/**
 * Search terms: the words of an article as the records mirror stores them and as a search looks
 * them up. A term is a word's matching key (SPEC §5: alef/hamza forms to ا, ة to ه, ى to ي, no
 * diacritics or tatweel, lower case; shared/extract/arabic.ts) and, for Arabic, the same key with
 * its proclitics taken off one layer at a time: و/ف, then ب/ل/ك (لل as ل + ال), then the article
 * ال. `والحكومة` is stored as والحكومه, الحكومه and حكومه, so `حكومة`, `الحكومة` and `بالحكومة` find it.
 *
 * Both sides expand: an article is indexed under every form of its words, and a query word
 * matches when any of its forms is there (`وزير` is وزير or و + زير; `الوزير` is stored as وزير).
 * Terms are kept as one space-delimited string (` a b c `), so that both engines (DuckDB, Athena)
 * match a term with the same `strpos(terms, ' term ') > 0`: no full-text extension needed.
 *
 * Linear in the text: one tokenizing pass, a few string slices per token.
 */
import { normalizeArabic, stripInvisible } from './extract/arabic';
import { readArticleText, type ArticleText } from './article-text';
import type { Source } from './record';

/** Letters, digits and the marks written on them (Arabic vowels, shadda; decomposed Latin accents), with ZWNJ/ZWJ: termKey takes the marks off. */
const WORD = /[\p{L}\p{M}\p{N}\u200C\u200D]+/gu;
const ARABIC_LETTER = /[\u0621-\u064A]/;
/** Stems shorter than this are not stored: a clitic taken off a short word leaves noise. */
const MIN_STEM = 2;
/** Longest word kept as a term: longer runs are codes or garbage, not words anyone searches. */
const MAX_TERM_CHARS = 40;

/** The matching key of one word: SPEC §5 normalisation, lower case. */
export function termKey(word: string): string {
  return normalizeArabic(stripInvisible(word)).toLowerCase();
}

/** A word's key and its clitic-stripped forms (Arabic only), longest first, no repeats. */
export function termForms(word: string): string[] {
  const key = termKey(word);
  if (!key) return [];
  const forms = [key];
  if (!ARABIC_LETTER.test(key)) return forms;
  let stem = key;
  const cut = (n: number): void => {
    stem = stem.slice(n);
    forms.push(stem);
  };
  if ('وف'.includes(stem[0] ?? '') && stem.length - 1 >= MIN_STEM + 1) cut(1);
  if (stem.startsWith('لل') && stem.length - 2 >= MIN_STEM) cut(2);
  else if ('بلك'.includes(stem[0] ?? '') && stem.length - 1 >= MIN_STEM + 1) cut(1);
  if (stem.startsWith('ال') && stem.length - 2 >= MIN_STEM) cut(2);
  return [...new Set(forms)];
}

/** The distinct terms of some texts, every form of every word. */
export function termsOf(texts: readonly (string | null | undefined)[]): Set<string> {
  const terms = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(WORD)) {
      if (match[0].length > MAX_TERM_CHARS) continue;
      for (const form of termForms(match[0])) terms.add(form);
    }
  }
  return terms;
}

/** Terms as the mirror stores them: one string, each term between spaces (` a b c `). */
export function termString(terms: Iterable<string>): string {
  const list = [...terms];
  return list.length === 0 ? ' ' : ` ${list.join(' ')} `;
}

/** The words of a query: each word's forms (a word matches when any of them is stored). */
export function queryWords(query: string): string[][] {
  const words: string[][] = [];
  for (const match of query.matchAll(WORD)) {
    // Stored terms stop at MAX_TERM_CHARS: a longer query word could never match, and would empty the whole AND query.
    if (match[0].length > MAX_TERM_CHARS) continue;
    const forms = termForms(match[0]);
    if (forms.length > 0) words.push(forms);
  }
  return words;
}

/**
 * The article's own text for the body terms: the very blocks readers are shown
 * (shared/article-text.ts, the extraction's own first steps), subheadings and paragraphs in order.
 * The title, lead and entities are the head terms (shared/mirror.ts). Empty for a file with no text.
 */
export function articleText(bytes: Uint8Array, source: Source): string {
  return blocksText(readArticleText(bytes, source));
}

/** The text of an article already read (shared/article-text.ts): its blocks' texts, one a line; empty for no article. */
export function blocksText(text: ArticleText | null): string {
  return (text?.blocks ?? []).map((block) => block.text).join('\n');
}
