/**
 * Language, script and direction of the body. The script is the one most letters belong to.
 * Within the Arabic script, Arabic, Persian and Urdu are told apart by their own letters
 * (پ چ ژ گ ک ی for Persian; ٹ ڈ ڑ ں ے ہ ھ for Urdu) and by their commonest words; Latin-script
 * languages by their commonest words. What cannot be told is `und`, never an exception.
 */
import type { Language } from '../record';
import type { DateToken } from './dates-tokens';
import { LIMITS, type Extractor } from './draft';
import { tokensOf, type TokenStream } from './token-stream';

interface ScriptProfile {
  readonly script: string;
  /** Code point ranges of the script's letters, [from, to] inclusive. */
  readonly ranges: readonly (readonly [number, number])[];
  readonly direction: 'rtl' | 'ltr';
  /** The language when the script alone decides it. */
  readonly language?: string;
}

const SCRIPTS: readonly ScriptProfile[] = [
  // Arabic letters only: not its digits (0660–0669, 06F0–06F9), punctuation or harakat.
  { script: 'Arab', ranges: [[0x0620, 0x064a], [0x066e, 0x06d3], [0x06d5, 0x06d5], [0x06fa, 0x06ff], [0x0750, 0x077f], [0x08a0, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfefc]], direction: 'rtl' },
  { script: 'Latn', ranges: [[0x41, 0x5a], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x24f], [0x1e00, 0x1eff]], direction: 'ltr' },
  { script: 'Cyrl', ranges: [[0x0400, 0x0481], [0x048a, 0x052f]], direction: 'ltr' },
  { script: 'Hebr', ranges: [[0x05d0, 0x05f2]], direction: 'rtl', language: 'he' },
  { script: 'Grek', ranges: [[0x0386, 0x03ff], [0x1f00, 0x1fff]], direction: 'ltr', language: 'el' },
  { script: 'Deva', ranges: [[0x0900, 0x097f]], direction: 'ltr', language: 'hi' },
  { script: 'Thai', ranges: [[0x0e01, 0x0e4e]], direction: 'ltr', language: 'th' },
  { script: 'Hang', ranges: [[0x1100, 0x11ff], [0x3130, 0x318f], [0xac00, 0xd7af]], direction: 'ltr', language: 'ko' },
  { script: 'Jpan', ranges: [[0x3041, 0x30ff]], direction: 'ltr', language: 'ja' },
  { script: 'Hani', ranges: [[0x3400, 0x4dbf], [0x4e00, 0x9fff]], direction: 'ltr', language: 'zh' },
];

/** Letters per script, in one pass over the sample (BMP letters; that is where news is written). */
function letterCounts(sample: string): number[] {
  const counts = SCRIPTS.map(() => 0);
  let cached = -1;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 0x41) continue;
    // Text runs in one script: try the script of the previous letter first.
    const previous = cached >= 0 ? SCRIPTS[cached] : undefined;
    if (previous && previous.ranges.some(([from, to]) => code >= from && code <= to)) {
      counts[cached] = (counts[cached] ?? 0) + 1;
      continue;
    }
    cached = SCRIPTS.findIndex((s) => s.ranges.some(([from, to]) => code >= from && code <= to));
    if (cached >= 0) counts[cached] = (counts[cached] ?? 0) + 1;
  }
  return counts;
}

const stopwords = (list: string): ReadonlySet<string> => new Set(list.split(' '));

/** The commonest words of each language, shared ones included: sharing is weighed in byStopwords. */
const LATIN_STOPWORDS: Record<string, ReadonlySet<string>> = {
  en: stopwords('the of and to in a is that for on it with as was he said by at from his be has have are an not this but they which were will their been its who had would more also after about over than'),
  fr: stopwords('le la les de des du et en un une est que qui dans pour pas sur au aux par plus ne se il elle a ont été avec ce cette sont son sa ses mais ou comme nous vous leur selon'),
  es: stopwords('el la los las de del y en un una es que por con para no se su sus al lo le como más pero fue ha han este esta entre sobre también según'),
  de: stopwords('der die das und in den von zu mit sich des ist im dem nicht ein eine auch es an als auf für bei dass wurde werden sind nach wie aus'),
  it: stopwords('il lo la gli le di del della dei e è in un una che per con non si da al alla sono come anche più ha nel sul dopo'),
  pt: stopwords('o a os as de do da dos das e em um uma que para com não se por no na ao mais foi são como seu sua também pelo pela'),
  nl: stopwords('de het een en van in is dat op te zijn met voor niet aan er ook als bij door werd worden maar nog om'),
  tr: stopwords('bir ve bu da de ile için olarak olan gibi daha çok ise ama kadar sonra göre'),
  id: stopwords('yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga adalah oleh'),
};

const ARABIC_SCRIPT_STOPWORDS: Record<string, ReadonlySet<string>> = {
  ar: stopwords('في من على إلى أن التي الذي عن مع هذا هذه كان قال وقال بين كما ذلك أو بعد قد لم'),
  fa: stopwords('است را که این می از با برای آن شد شده های کرد بود هم تا نیز یک'),
  ur: stopwords('کے کی میں ہے اور سے کو نے کا یہ پر ہیں تھا گیا'),
};

/** Letters only one of the three languages uses. */
const ARABIC_MARKS = /[\u0629\u0649\u064A\u0643]/g; // ة ى ي ك
const PERSIAN_MARKS = /[\u067E\u0686\u0698\u06AF\u06CC\u06A9]/g; // پ چ ژ گ ی ک
const URDU_MARKS = /[\u0679\u0688\u0691\u06BA\u06D2\u06C1\u06BE]/g; // ٹ ڈ ڑ ں ے ہ ھ
/** Kurdish and Pashto letters: Arabic script, but none of the three. */
const OTHER_MARKS = /[\u06CE\u06C6\u0695\u06B5\u067C\u0689\u0693\u0696\u069A\u06AB\u06BC\u06D0]/g;

const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;
const round = (n: number): number => Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;

/** How many profiles of a family list each word: a word shared by k languages is worth 1/k. */
function sharing(profiles: Record<string, ReadonlySet<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const words of Object.values(profiles)) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

const SHARING = new Map<Record<string, ReadonlySet<string>>, Map<string, number>>([
  [LATIN_STOPWORDS, sharing(LATIN_STOPWORDS)],
  [ARABIC_SCRIPT_STOPWORDS, sharing(ARABIC_SCRIPT_STOPWORDS)],
]);

/** The language whose stopwords the tokens hit most (shared words weigh less), with its margin. */
function byStopwords(tokens: readonly string[], profiles: Record<string, ReadonlySet<string>>): { code: string; hits: number; margin: number } | null {
  const shared = SHARING.get(profiles) ?? sharing(profiles);
  const scores = Object.entries(profiles)
    .map(([code, words]) => ({ code, hits: tokens.reduce((sum, t) => (words.has(t) ? sum + 1 / (shared.get(t) ?? 1) : sum), 0) }))
    .sort((a, b) => b.hits - a.hits);
  const [best, second] = scores;
  if (!best || best.hits === 0) return null;
  return { code: best.code, hits: best.hits, margin: (best.hits - (second?.hits ?? 0)) / best.hits };
}

function arabicScriptLanguage(sample: string, letters: number, tokens: readonly string[]): { code: string; certainty: number } {
  const share = (pattern: RegExp) => count(sample, pattern) / letters;
  const ar = share(ARABIC_MARKS);
  const fa = share(PERSIAN_MARKS);
  const ur = share(URDU_MARKS);
  if (share(OTHER_MARKS) > 0.02) return { code: 'und', certainty: 0 };
  const byLetters = ur > 0.02 ? 'ur' : fa > ar ? 'fa' : 'ar';
  const byWords = byStopwords(tokens, ARABIC_SCRIPT_STOPWORDS);
  // Persian typed on an Arabic keyboard (ي ك for ی ک) fools the letters, not the words.
  if (byWords && byWords.code !== byLetters && byWords.margin >= 0.5 && byWords.hits >= 3) return { code: byWords.code, certainty: 0.6 };
  return { code: byLetters, certainty: byWords?.code === byLetters ? 1 : 0.8 };
}

function cyrillicLanguage(sample: string): string {
  return /[іїєґ]/iu.test(sample) ? 'uk' : 'ru';
}

/**
 * The words of the sample (the first `limit` characters of the texts joined by line breaks),
 * lower case, from the token stream: letter runs, two joined by a zero-width non-joiner
 * (Persian `می‌شود`) as one word.
 */
function sampleWords(stream: TokenStream, texts: readonly string[], limit: number): string[] {
  const words: string[] = [];
  let offset = 0;
  for (const text of texts) {
    if (offset >= limit) break;
    const room = limit - offset;
    let previous: DateToken | null = null;
    for (const token of tokensOf(stream, text)) {
      if (token.start >= room) break;
      if (token.number !== null) {
        previous = null;
        continue;
      }
      const piece = (token.end > room ? token.text.slice(0, room - token.start) : token.text).toLowerCase();
      if (previous && words.length > 0 && text.slice(previous.end, token.start) === '\u200C') words[words.length - 1] += `\u200C${piece}`;
      else words.push(piece);
      previous = token;
    }
    offset += text.length + 1;
  }
  return words;
}

/** The language of a text; `words` are its sample's words when the caller has them cut already. */
export function detectLanguageOf(text: string, words?: readonly string[]): Language {
  const sample = text.slice(0, LIMITS.languageSampleChars);
  const perScript = letterCounts(sample);
  const counts = SCRIPTS.map((profile, i) => ({ profile, letters: perScript[i] ?? 0 })).sort((a, b) => b.letters - a.letters);
  const total = counts.reduce((n, c) => n + c.letters, 0);
  const top = counts[0];
  if (!top || top.letters === 0) return { code: 'und', confidence: 0, script: 'Zyyy', direction: 'ltr' };
  const { profile } = top;
  const scriptShare = top.letters / total;
  const undetermined: Language = { code: 'und', confidence: 0, script: profile.script, direction: profile.direction };
  // A CJK character carries about a word's worth of text; letters of other scripts a fifth of one.
  const enough = ['Hani', 'Jpan', 'Hang'].includes(profile.script) ? 5 : 20;
  if (top.letters < enough) return undetermined;

  const tokens = words ?? sample.toLowerCase().match(/[\p{L}\p{M}\u200C]+/gu) ?? [];
  if (profile.script === 'Arab') {
    const { code, certainty } = arabicScriptLanguage(sample, top.letters, tokens);
    return code === 'und' ? undetermined : { code, confidence: round(scriptShare * certainty), script: 'Arab', direction: 'rtl' };
  }
  if (profile.script === 'Latn') {
    const best = byStopwords(tokens, LATIN_STOPWORDS);
    // Few hits decide only when other languages have next to none (tables of figures, short
    // notes), and then with a confidence that says how little was seen.
    const decided = best && ((best.hits >= 3 && best.margin >= 0.2) || (best.hits >= 1 && best.margin >= 0.75));
    if (!best || !decided) return undetermined;
    const certainty = (0.5 + best.margin / 2) * Math.min(1, best.hits / 10);
    return { code: best.code, confidence: round(scriptShare * certainty), script: 'Latn', direction: 'ltr' };
  }
  if (profile.script === 'Cyrl') return { code: cyrillicLanguage(sample), confidence: round(scriptShare * 0.7), script: 'Cyrl', direction: 'ltr' };
  // Japanese mixes kana with Han characters: any real share of kana makes it Japanese.
  const kana = counts.find((c) => c.profile.script === 'Jpan')?.letters ?? 0;
  if (profile.script === 'Hani' && kana > 0.1 * top.letters) return { code: 'ja', confidence: round(scriptShare), script: 'Jpan', direction: 'ltr' };
  return profile.language ? { code: profile.language, confidence: round(scriptShare), script: profile.script, direction: profile.direction } : undetermined;
}

export const detectLanguage: Extractor = (draft) => {
  const texts = [draft.title ?? '', ...draft.blocks.map((b) => b.text)];
  return { ...draft, language: detectLanguageOf(texts.join('\n'), sampleWords(draft.tokens, texts, LIMITS.languageSampleChars)) };
};
