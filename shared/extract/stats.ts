/**
 * What a reader would count (SPEC §5): words are letter/number tokens (`/[\p{L}\p{N}]+/u`) of
 * the body (subheadings and paragraphs), so neither the dateline nor the title counts, nor
 * wire trailers. Paragraphs are body paragraphs only, without subheadings.
 */
import type { Extractor } from './draft';
import { wordPattern } from './shape';

const WORD = wordPattern();
/** Words per minute of an adult reading news; Arabic is read a little slower than English. */
const WORDS_PER_MINUTE: Record<string, number> = { ar: 180, fa: 180, ur: 180 };
const DEFAULT_WORDS_PER_MINUTE = 230;

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}

/** Characters as a reader counts them: code points, not UTF-16 units. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) n--;
  }
  return n;
}

export const countStats: Extractor = (draft) => {
  let words = 0;
  let characters = 0;
  for (const block of draft.blocks) {
    words += countWords(block.text);
    characters += codePoints(block.text);
  }
  const perMinute = WORDS_PER_MINUTE[draft.language.code] ?? DEFAULT_WORDS_PER_MINUTE;
  return {
    ...draft,
    stats: {
      paragraphs: draft.paragraphs.length,
      sentences: draft.sentences,
      words,
      characters,
      readingMinutes: Math.round((words / perMinute) * 10) / 10,
    },
  };
};
