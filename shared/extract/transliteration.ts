/**
 * A cross-script key for names: the consonant skeleton of an Arabic or a Latin spelling, so that
 * `Putin` and `بوتين` (both `btn`), `Lavrov` and `لافروف` (`lfrf`), `al-Assad` and `الأسد` (`asd`)
 * meet. Arabic writes short vowels not at all and long ones with ا و ي, Latin writes them all and
 * spells Arabic consonants several ways; so both sides are read as consonant classes:
 *
 * - vowels are dropped (Latin a e i o u, non-initial y and w; Arabic ا و ي ى ء ئ ؤ inside a word),
 *   except that a word starting with a vowel (Latin vowel, Arabic ا or ع) keeps one `a` mark, so
 *   `Assad` (asd) and `Saad` (sd) stay apart;
 * - letters that one script tells apart and the other does not share a class: p/b (Arabic has no
 *   p), v/f, j/g/ج/غ, q/k/ق/ك/خ (kh), th/ت/ث/ط, dh/d/د/ذ/ض, s/س/ص, z/ز/ظ, sh/ch/ش, h/ح/ه;
 * - a doubled consonant counts once (Arabic writes gemination once);
 * - digits are kept as they are (ASCII), so numbered names stay apart;
 * - the article (Arabic `ال` on a word, Latin `al-`, `el-` and the assimilated `as-`, `ad-`…) is
 *   no part of the key; a word-final `h` (Arabic ة, Latin Fatimah) is dropped.
 *
 * The key is coarse on purpose: it finds candidates across scripts, and readers check a hit of
 * the reader's own script against the name the article wrote (shared/entity-items.ts).
 */
import { normalizeArabic, toAsciiDigits } from './arabic';

const ARABIC_CLASSES: Readonly<Record<string, string>> = {
  ب: 'b', پ: 'b', ت: 't', ث: 't', ط: 't', ج: 'g', غ: 'g', گ: 'g', ح: 'h', ه: 'h', خ: 'k', ق: 'k', ك: 'k', ک: 'k',
  د: 'd', ذ: 'd', ض: 'd', ر: 'r', ز: 'z', ظ: 'z', س: 's', ص: 's', ش: 'x', چ: 'x', ف: 'f', ڤ: 'f', ل: 'l', م: 'm', ن: 'n',
};
/** Arabic letters that are vowels (or hamza seats) inside a word. */
const ARABIC_VOWELS = new Set(['ا', 'و', 'ي', 'ى', 'ء', 'ئ', 'ؤ', 'ع', 'ة']);

/** Latin spellings of one sound, longest first (after lower-casing and dropping accents). */
const LATIN_DIGRAPHS: readonly (readonly [string, string])[] = [
  ['tch', 'x'], ['sch', 'x'], ['sh', 'x'], ['ch', 'x'], ['kh', 'k'], ['gh', 'g'], ['zh', 'g'], ['dj', 'g'],
  ['th', 't'], ['dh', 'd'], ['ph', 'f'], ['ck', 'k'],
];
const LATIN_CLASSES: Readonly<Record<string, string>> = {
  b: 'b', p: 'b', t: 't', d: 'd', j: 'g', g: 'g', k: 'k', q: 'k', s: 's', z: 'z', f: 'f', v: 'f', h: 'h',
  l: 'l', m: 'm', n: 'n', r: 'r',
};
const LATIN_VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/** Latin renderings of the Arabic article, written as a word of their own (`al-Assad`, `ad-Din`). */
const LATIN_ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'ath', 'adh']);

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

/** A vowel between consonants: kept while doubling is folded, then dropped. */
const GAP = '.';

/** Folds runs of one consonant (gemination; digits are no consonants), then drops the vowel gaps. */
function finish(classes: string[]): string {
  let out = '';
  for (const c of classes) if (c !== out.at(-1) || isDigit(c)) out += c;
  return out.replaceAll(GAP, '');
}

function arabicSkeleton(word: string): string {
  let w = word.replace(/[^\u0621-\u064A\u067E\u0686\u06A4\u06A9\u06AF0-9]/g, '');
  if (w.length > 3 && w.startsWith('ال')) w = w.slice(2);
  // Charles, Chirac: تش writes the sound Latin writes ch.
  w = w.replace(/تش/g, 'ش');
  const classes: string[] = [];
  [...w].forEach((ch, i) => {
    if (i === 0 && (ch === 'ا' || ch === 'ع')) classes.push('a');
    else if (i === 0 && ch === 'و') classes.push('w');
    else if (i === 0 && ch === 'ي') classes.push('y');
    else if (ARABIC_VOWELS.has(ch)) classes.push(GAP);
    else if (ch === 'ه' && i === w.length - 1) classes.push(GAP);
    else classes.push(ARABIC_CLASSES[ch] ?? (isDigit(ch) ? ch : GAP));
  });
  return finish(classes);
}

function latinSkeleton(word: string): string {
  if (LATIN_ARTICLES.has(word)) return '';
  const classes: string[] = [];
  for (let i = 0; i < word.length; ) {
    const digraph = LATIN_DIGRAPHS.find(([spelling]) => word.startsWith(spelling, i));
    if (digraph) {
      classes.push(digraph[1]);
      i += digraph[0].length;
      continue;
    }
    const ch = word[i]!;
    const next = word[i + 1];
    if (i === 0 && LATIN_VOWELS.has(ch)) classes.push('a');
    else if (i === 0 && (ch === 'w' || ch === 'y')) classes.push(ch);
    else if (LATIN_VOWELS.has(ch) || ch === 'w' || ch === 'y') classes.push(GAP);
    else if (ch === 'h' && i === word.length - 1) classes.push(GAP);
    else if (ch === 'c') classes.push(next === 'e' || next === 'i' || next === 'y' ? 's' : 'k');
    else if (ch === 'x') classes.push('k', 's');
    else classes.push(LATIN_CLASSES[ch] ?? (isDigit(ch) ? ch : GAP));
    i += 1;
  }
  return finish(classes);
}

const ARABIC = /[\u0621-\u064A]/;

/**
 * The cross-script key of a name: one skeleton per word, space-separated; words that leave
 * nothing (the article, a lone vowel) are left out, and so are letters of other scripts.
 */
export function transliterationKey(name: string): string {
  const text = toAsciiDigits(normalizeArabic(name))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-‐‑–'’`]/g, ' ');
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words
    .map((word) => (ARABIC.test(word) ? arabicSkeleton(word) : latinSkeleton(word)))
    .filter(Boolean)
    .join(' ');
}
