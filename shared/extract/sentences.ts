/**
 * Splits a paragraph into sentences at . ! ? ؟ … (and runs of them), keeping closing quotes
 * with the sentence they end. A period after an abbreviation (Mr., U.S., Feb.) or a single
 * letter (J. Smith, د. أحمد) does not end a sentence.
 */
const ENGLISH_ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sr jr st mt ft inc ltd co corp plc gov gen col lt sgt capt cmdr adm rep sen rev hon vs etc no nos approx dept est fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m'.split(' '),
);

const BOUNDARY = /[.!?؟…]+["'”’»)\]]*(?=\s|$)/gu;

function endsWithAbbreviation(text: string): boolean {
  // Only the tail matters, and looking at the tail alone keeps this cheap on run-on text.
  const last = /(\S+)\.$/u.exec(text.slice(-40))?.[1];
  if (!last) return false;
  const word = last.replace(/^["'“‘«(\[]+/, '');
  if (/^\p{L}$/u.test(word)) return true;
  return ENGLISH_ABBREVIATIONS.has(word.toLowerCase());
}

export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(BOUNDARY)) {
    const end = (match.index ?? 0) + match[0].length;
    const candidate = paragraph.slice(start, end);
    if (match[0] === '.' && endsWithAbbreviation(candidate)) continue;
    sentences.push(candidate.trim());
    start = end;
  }
  sentences.push(paragraph.slice(start).trim());
  return sentences.filter((s) => /[\p{L}\p{N}]/u.test(s));
}
