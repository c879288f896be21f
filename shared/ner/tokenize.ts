// Splits running text into the tokens the NER model was trained on: words, numbers and
// punctuation as separate tokens, each with its UTF-16 offsets into the input.
// Arabic words keep their clitics attached (ANERcorp style: والصادرات is one token);
// English possessive 's is split off (CoNLL style: Germany 's).

export interface Token {
  text: string;
  /** offset of the first code unit in the input */
  start: number;
  /** offset one past the last code unit */
  end: number;
}

const ARABIC_LETTERS = '\\u0621-\\u064A\\u066E-\\u06D3\\u06D5\\u06FA-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFC';
const ARABIC_MARKS = '\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED\\u0640';
const INVISIBLE = '\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF';

const TOKEN_PATTERN = new RegExp(
  [
    // Latin initialisms with dots: U.S. U.N.
    `\\p{Lu}(?:\\.\\p{Lu})+\\.`,
    // numbers with inner separators (1,000.5  20:26  1996-08-22  10/8) and ordinal tails (1990s, 3rd)
    `\\p{Nd}+(?:[.,:/\\-\\u066B\\u066C]\\p{Nd}+)*(?:[a-zA-Z]+\\b)?`,
    // Arabic words (digits are split off: عام2012 -> عام 2012)
    `[${ARABIC_LETTERS}][${ARABIC_LETTERS}${ARABIC_MARKS}]*`,
    // other words, with inner apostrophes and hyphens (O'Neill, Anglo-Dutch, F-16)
    `(?:(?![${ARABIC_LETTERS}])[\\p{L}\\p{M}\\p{Nd}])+(?:['\\u2019\\-](?:(?![${ARABIC_LETTERS}])[\\p{L}\\p{M}\\p{Nd}])+)*`,
    // punctuation and symbols; a run of the same character is one token (... ، !!)
    `([^\\s\\p{L}\\p{M}\\p{Nd}${INVISIBLE}])\\1*`,
  ].join('|'),
  'gu',
);

const POSSESSIVE = /^(.+?)(['\u2019][sS])$/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN_PATTERN)) {
    const start = match.index ?? 0;
    const word = match[0];
    const possessive = POSSESSIVE.exec(word);
    if (possessive && possessive[1] && possessive[2]) {
      const cut = start + possessive[1].length;
      tokens.push({ text: possessive[1], start, end: cut });
      tokens.push({ text: possessive[2], start: cut, end: start + word.length });
      continue;
    }
    tokens.push({ text: word, start, end: start + word.length });
  }
  return tokens;
}
