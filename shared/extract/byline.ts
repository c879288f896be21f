/**
 * The byline: who wrote, reported, compiled or edited the story. It comes from a reporter
 * dateline (`القاهرة - أحمد علي:`), a byline line at the head (`كتبت: منار محمد`, `By Tom Perry`,
 * a name alone after the headline), and credits at the end (`إعداد : أحمد حسن`, `Reporting by …;
 * Editing by …`, `تغطية صحفية … – تحرير …`, a name alone as the last line).
 *
 * Credit lines, desk codes (`ي ح/ أ ب`, `لو/ص ك`) and wire end marks (`// انتهى //`, `(انتهى)`,
 * `(end)`, `— Ends`) are taken out of the blocks here, so that later extractors never read them:
 * they are neither people in `entities` nor words in `stats`.
 */
import type { Byline } from '../record';
import { matchKey, visibleText } from './arabic';
import { parseDatelineHead } from './dateline-grammar';
import type { Block, Extractor } from './draft';
import { lookupAgency } from './agencies';
import { GIVEN_NAMES_ARAB, GIVEN_NAMES_COMMON_WORDS, GIVEN_NAMES_FOREIGN, GIVEN_NAMES_LATIN } from './gazetteer-names';
import { ARABIC_SPEECH_VERBS, ARABIC_STOPWORDS } from './gazetteer-words';
import { wordCount } from './shape';

/** Head lines a byline may stand on, and trailer lines a credit may stand on. */
const HEAD_BLOCKS = 8;
const TRAILER_BLOCKS = 4;
const CREDIT_CHARS = 240;


/** Words that introduce a credit: who reported, wrote, compiled, edited, translated. */
const CREDIT_ROLE =
  /^(?:تغطية\s+صحفية|تغطية|إعداد|اعداد|تحرير|كتابة|ترجمة|متابعة|كتب|كتبت|بقلم|إشراف|اشراف|(?:additional\s+)?reporting\s+by|writing\s+by|written\s+by|editing\s+by|edited\s+by|compiled\s+by|by)\s*[:：]?\s*/iu;

/** A desk code: initials in one or two letters, with slashes, dots or spaces (`ي ح/ أ ب`, `و.أ`). */
const DESK_CODE = /^[\p{L}]{1,2}(?:\s*[./]\s*[\p{L}]{1,2}|\s+[\p{L}]{1,2}){1,6}\.?$/u;
/** A wire end mark, possibly followed by a desk code or a name (`(النهاية) ن ق / ش م ع`, `— Ends/Anas`). */
const END_MARK = /^[\s(/—–-]*(?:انتهى|النهاية|end|ends)[\s)/]*(?:[/\p{L}\s.]{0,30})$/iu;
/** The same mark glued to the end of the last paragraph. */
const GLUED_END_MARK = /\s*(?:\/\/\s*انتهى\s*\/\/|\((?:انتهى|النهاية|end)\)(?:[\s\p{L}/]{0,20})|—\s*Ends(?:\/[\p{L}]+)?)\s*$/iu;

const GIVEN_NAMES = new Set([...GIVEN_NAMES_ARAB, ...GIVEN_NAMES_FOREIGN, ...GIVEN_NAMES_COMMON_WORDS, ...GIVEN_NAMES_LATIN].map((n) => matchKey(n)));
const NAME_CONNECTORS = new Set(['عبد', 'بن', 'ابن', 'أبو', 'آل', 'بنت'].map((w) => matchKey(w)));
const NOT_NAMES = new Set([...ARABIC_STOPWORDS, ...ARABIC_SPEECH_VERBS].map((w) => matchKey(w)));
for (const word of NOT_NAMES) GIVEN_NAMES.delete(word);

/** Two to four words, the first a given name, nothing else on the line: `بشار حمود`, `Tom Perry`. */
export function isBareName(text: string): boolean {
  const line = visibleText(text);
  if (!/^[\p{L}\s'’.-]+$/u.test(line) || line.length > 40) return false;
  const words = line.split(' ');
  return words.length >= 2 && words.length <= 4 && GIVEN_NAMES.has(matchKey(words[0] ?? ''));
}

/**
 * The last line, when it is a signature: two or three words of letters after a paragraph that
 * ended its sentence (`… الشلف، معسكر.` ⏎ `يزن عبد الباسط`), none of them a particle or a verb.
 */
function isSignature(text: string, before: string | undefined): boolean {
  const line = visibleText(text);
  const words = line.split(' ');
  if (!/^[\p{L}\s]+$/u.test(line) || words.length < 2 || words.length > 3 || !before) return false;
  // Arabic names do not begin with the article: `المشهد السوداني` is a site.
  if (!/[.!؟?"”»)]\s*$/.test(before) || lookupAgency(line, { quoted: true }) || matchKey(words[0] ?? '').startsWith('ال')) return false;
  // A name has a given name in it (the father's, often) or a connector (`يزن عبد الباسط`).
  const named = words.some((w) => GIVEN_NAMES.has(matchKey(w)) || NAME_CONNECTORS.has(matchKey(w)));
  return named && words.every((w) => !NOT_NAMES.has(matchKey(w)));
}

/** `… said. (Reporting by A and B; Editing by C)`: a credit glued to the last paragraph. */
const GLUED_CREDIT = /\s*\(((?:additional\s+)?reporting\s+by\s[^()]{3,200})\)\s*$/iu;

export const isDeskCode = (text: string): boolean => {
  const line = visibleText(text);
  return line.length <= 24 && DESK_CODE.test(line);
};
export const isEndMark = (text: string): boolean => {
  const line = visibleText(text);
  return line.length <= 50 && END_MARK.test(line);
};

/** Names in a credit line: `Reporting by A and B in Beirut; Editing by C` -> [A, B, C]. */
export function creditNames(line: string): string[] | null {
  const text = visibleText(line).replace(/^\(|\)$/g, '');
  if (text.length > CREDIT_CHARS) return null;
  const segments = text.split(/\s*(?:[;؛|]|\s[–—-]\s|\s\.\s|\.\s+[–—-]\s*)\s*/u).filter(Boolean);
  let roles = 0;
  const names: string[] = [];
  for (const segment of segments) {
    const role = CREDIT_ROLE.exec(segment);
    if (role) roles++;
    const rest = segment.slice(role ? role[0].length : 0).replace(/[.\s]+$/, '');
    for (const part of rest.split(/\s*(?:,|،|\band\b|\s&\s)\s*/)) {
      const name = part.replace(/\s+in\s+[A-Z][\p{L}\s]*$/u, '').trim();
      if (name && wordCount(name) <= 5 && !/\d/.test(name)) names.push(name);
    }
  }
  return roles > 0 && names.length > 0 ? names : null;
}

interface Credits {
  readonly names: string[];
  readonly raws: string[];
}

/**
 * Credits at the head: the dateline's reporter and byline lines before the story begins.
 * Returns where the dateline's line now is, as lines above it may have gone.
 */
function headCredits(blocks: Block[], datelineRaw: string | null, datelineBlock: number | null, credits: Credits): number | null {
  let at = datelineBlock;
  if (datelineRaw) {
    const reporters = parseDatelineHead(datelineRaw)?.reporters ?? [];
    if (reporters.length > 0) {
      credits.names.push(...reporters);
      credits.raws.push(datelineRaw);
    }
  }
  for (let i = 0; i < Math.min(blocks.length, HEAD_BLOCKS); i++) {
    const block = blocks[i];
    if (!block || block.heading !== null) continue;
    const text = visibleText(block.text);
    if (wordCount(text) >= 12) break; // the story has begun
    const parsed = text.length <= 80 ? parseDatelineHead(text) : null;
    const names = parsed && !parsed.dateline && parsed.wholeLine && parsed.reporters.length > 0 ? parsed.reporters : CREDIT_ROLE.test(text) ? creditNames(text) : null;
    // A name alone below the headline (never the first line, which may be the headline itself).
    const bare = !names && i > 0 && wordCount(text) <= 3 && isBareName(text) ? [text] : null;
    const found = names ?? bare;
    if (!found) continue;
    credits.names.push(...found);
    credits.raws.push(text);
    blocks.splice(i, 1);
    if (at !== null && i < at) at--;
    i--;
  }
  return at;
}

/** Credits, desk codes and end marks at the end, taken off the blocks. */
function trailerCredits(blocks: Block[], credits: Credits): void {
  for (let k = 0; k < TRAILER_BLOCKS && blocks.length > 1; k++) {
    const last = blocks[blocks.length - 1];
    if (!last) break;
    const text = visibleText(last.text);
    const names = creditNames(text) ?? (isBareName(text) || isSignature(text, blocks[blocks.length - 2]?.text) ? [text] : null);
    if (names) {
      credits.names.unshift(...names);
      credits.raws.unshift(text);
    } else if (!isDeskCode(text) && !isEndMark(text) && !/^[ـ_\-–—*]+$/u.test(text)) {
      // The story's own last paragraph: only a glued end mark or credit comes off it.
      let body = last.text;
      const mark = GLUED_END_MARK.exec(body);
      if (mark && mark.index > 0) body = body.slice(0, mark.index).trimEnd();
      const credit = GLUED_CREDIT.exec(body);
      const gluedNames = credit?.[1] ? creditNames(credit[1]) : null;
      if (credit && gluedNames && credit.index > 0) {
        credits.names.unshift(...gluedNames);
        credits.raws.unshift(credit[1] ?? '');
        body = body.slice(0, credit.index).trimEnd();
      }
      if (body !== last.text) blocks[blocks.length - 1] = { ...last, text: body };
      break;
    }
    blocks.pop();
  }
}

export const findByline: Extractor = (draft) => {
  const blocks = [...draft.blocks];
  const credits: Credits = { names: [], raws: [] };
  const datelineBlock = headCredits(blocks, draft.dateline?.raw ?? null, draft.datelineBlock, credits);
  trailerCredits(blocks, credits);
  const seen = new Set<string>();
  const names = credits.names.filter((name) => {
    const key = matchKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const byline: Byline | null = names.length > 0 ? { names, raw: credits.raws.join(' | ').slice(0, 500) } : null;
  return { ...draft, blocks, byline, datelineBlock };
};
