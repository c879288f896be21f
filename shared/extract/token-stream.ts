/**
 * One token stream per article: the texts extractors read (the title, subheadings and blocks;
 * body paragraphs are blocks) are cut into tokens once, right after structure, and left on the
 * draft. Language, both fingerprints, dates and keywords read it instead of each running its own
 * regex over the same text. Tokens are dates-tokens.ts's: runs of letters with their marks and
 * runs of digits, with offsets, a matching key and, for digits, the number.
 *
 * The fingerprints' words (letters and digits written together, `عام2012`, in matching form with
 * ASCII digits) are derived from the same tokens: adjacent tokens join into one word.
 */
import { toAsciiDigits } from './arabic';
import { tokenize, wordKey, type DateToken } from './dates-tokens';
import { LIMITS, type Draft, type Extractor } from './draft';

export interface TokenStream {
  /** Tokens of each text the extractors read, by the text itself (a paragraph is its block's text). */
  readonly byText: ReadonlyMap<string, readonly DateToken[]>;
  /** The blocks' words in matching form, what both fingerprints hash (`matchingWords`). */
  readonly body: { readonly words: readonly string[]; readonly capped: boolean };
}

/** The tokens of one text: from the draft's stream, or cut now for a text it does not hold. */
export function tokensOf(stream: Pick<TokenStream, 'byText'>, text: string): readonly DateToken[] {
  return stream.byText.get(text) ?? tokenize(text);
}

/** Letter runs only: the words keywords and language read. */
export function lettersOf(tokens: readonly DateToken[]): DateToken[] {
  return tokens.filter((t) => t.number === null);
}

/** Combining accents written apart (e + ́): composed before comparing, as normalizeArabic does. */
const DECOMPOSED = /[\u0300-\u036F]/;

/**
 * Words in matching form (SPEC §5 normalisation, lower case, ASCII digits) of some texts, letters
 * and digits written together as one word, at most `max`; `capped` when there were more.
 */
export function matchingWords(stream: Pick<TokenStream, 'byText'>, texts: readonly string[], max: number = LIMITS.simhashTokens): { words: string[]; capped: boolean } {
  const words: string[] = [];
  for (const text of texts) {
    const tokens = tokensOf(stream, text);
    for (let i = 0; i < tokens.length; i++) {
      let end = i;
      while (end + 1 < tokens.length && tokens[end + 1]!.start === tokens[end]!.end) end++;
      const single = end === i;
      const written = single ? tokens[i]!.text : text.slice(tokens[i]!.start, tokens[end]!.end);
      i = end;
      const decomposed = DECOMPOSED.test(written);
      // A token alone already has its key (letters: wordKey; digits: ASCII).
      const word = single && !decomposed ? tokens[end]!.key : toAsciiDigits(wordKey(decomposed ? written.normalize('NFC') : written));
      // A run of marks or tatweel alone is no word once normalised.
      if (!word) continue;
      if (words.length === max) return { words, capped: true };
      words.push(word);
    }
  }
  return { words, capped: false };
}

/** The stream of an article: after structure, before every extractor that reads words. */
export const tokenizeText: Extractor = (draft: Draft) => {
  const byText = new Map<string, readonly DateToken[]>();
  for (const text of [draft.title ?? '', ...draft.subheadings, ...draft.blocks.map((b) => b.text)]) {
    if (text && !byText.has(text)) byText.set(text, tokenize(text));
  }
  return { ...draft, tokens: { byText, body: matchingWords({ byText }, draft.blocks.map((b) => b.text)) } };
};
