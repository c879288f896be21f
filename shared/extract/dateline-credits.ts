/**
 * Agencies a story credits outside its head dateline. Sites that run wire copy often keep only
 * the place (`AMMAN —`) or put their own name in the dateline (`بورتسودان _ عزة برس`) and credit
 * the agency elsewhere:
 *
 * - in the closing lines: a credit line in any registry spelling (`Reuter`, `–(بترا)`, `أ.ف.ب`,
 *   `المصدر: وكالة معاً`, `فرانس 24/ أ ف ب/ رويترز`), a hashtag among topic tags (`#سونا
 *   #السودان`), or glued to the last sentence (`… of Kuwait. — ONA`); a site address may follow;
 * - at the end of a sentence of the story, as its source: `…، وفق وكالة كونا للأنباء.`,
 *   `…، نقلا عن وكالة الأنباء القطرية.`, `…, the Jordan News Agency, Petra, reported.`,
 *   `…, according to Qatar News Agency.` An agency that opens a sentence (`وذكرت وكالة … أن`) is
 *   a source quoted in the story, not the story's own.
 */
import { lookupAgency, type AgencyEntry } from './agencies';
import { matchKey, visibleText } from './arabic';
import { parseDatelineHead } from './dateline-grammar';
import type { Block } from './draft';

export interface CreditedAgency {
  readonly entry: AgencyEntry | null;
  readonly name: string;
}

export interface Credit {
  readonly raw: string;
  readonly index: number;
  /** The credit is its line (not glued to the end of a paragraph). */
  readonly ownLine: boolean;
  readonly agencies: readonly CreditedAgency[];
}

/** Closing lines a credit may stand on. */
const TRAILER_BLOCKS = 4;
const CREDIT_CHARS = 80;
/** How far into the story a sentence-final attribution is looked for: blocks, characters. */
const ATTRIBUTION_BLOCKS = 12;
const ATTRIBUTION_CHARS = 6_000;
/** The end of a sentence an attribution may close: words. */
const ATTRIBUTION_WORDS = 10;


const registered = (name: string): CreditedAgency[] => {
  const entry = lookupAgency(name, { quoted: true });
  return entry ? [{ entry, name }] : [];
};

/** A line of hashtags (`#سونا #السودان`): the tags that name an agency credit it. */
function hashtagCredit(text: string): CreditedAgency[] | null {
  const tags = text.split(/\s+/);
  if (!tags.every((t) => t.startsWith('#') && t.length > 1)) return null;
  return tags.flatMap((t) => registered(t.slice(1).replace(/_/g, ' ')));
}

/** One closing line, when it only credits. */
function lineCredit(raw: string): CreditedAgency[] | null {
  const text = visibleText(raw).replace(/^[-–—(\s]+|[)\s©]+$/g, '');
  const tags = hashtagCredit(text);
  if (tags) return tags.length > 0 ? tags : null;
  const names = text.split(/\s*(?:[/,،&|#]|\band\b)\s*/).filter(Boolean);
  const agencies = names.flatMap(registered);
  if (agencies.length > 0 && agencies.length === names.length) return agencies;
  const parsed = parseDatelineHead(text);
  // A whole dateline at the end is a credit only after `المصدر:`; else it is the story's text.
  if (parsed?.dateline?.agencyCode && parsed.wholeLine && (!parsed.dateline.place || /^(?:المصدر|source)\s*:/iu.test(text))) {
    const name = parsed.dateline.agency ?? '';
    return [{ entry: lookupAgency(name, { quoted: true }), name }];
  }
  return null;
}

/** The credit in the closing lines, if any (see the module comment). */
export function closingCredit(blocks: readonly Block[]): Credit | null {
  for (let k = 0; k < TRAILER_BLOCKS; k++) {
    const index = blocks.length - 1 - k;
    const block = blocks[index];
    if (index < 1 || !block || block.text.length > CREDIT_CHARS) continue;
    const agencies = lineCredit(block.text);
    if (agencies) return { raw: block.text, index, ownLine: true, agencies };
  }
  return gluedCredit(blocks);
}

/** `… of the Emir of Kuwait. — ONA`: a wire agency credited at the end of the last paragraph. */
function gluedCredit(blocks: readonly Block[]): Credit | null {
  const index = blocks.length - 1;
  const tail = blocks[index]?.text.slice(-60) ?? '';
  const m = /[.!؟?»”"]\s*(?:[—–-]|\()\s*([^—–()\-]{2,40}?)\s*\)?\s*$/u.exec(tail);
  const entry = m?.[1] ? lookupAgency(m[1], { quoted: true }) : null;
  return m?.[1] && entry?.kind === 'wire' && index > 0 ? { raw: m[0].trim(), index, ownLine: false, agencies: [{ entry, name: m[1].trim() }] } : null;
}

/** Words that attribute what precedes them to a source: `وفق`, `بحسب`, `نقلا عن`. */
const ARABIC_MARKERS = new Set(['وفق', 'وفقا', 'حسب', 'بحسب', 'نقلا'].map(matchKey));
/** Words around an agency's name in an attribution: `وكالة كونا للأنباء`, `عن`. */
const ARABIC_FILLERS = new Set(['عن', 'ل', 'وكالة', 'لوكالة', 'للأنباء', 'للانباء', 'الرسمية'].map(matchKey));

/** `…، وفق وكالة كونا للأنباء`: the sentence ends with a marker and a wire agency's name. */
function arabicAttribution(sentence: string): CreditedAgency | null {
  const words = sentence.split(/\s+/).slice(-ATTRIBUTION_WORDS);
  const keys = words.map((w) => matchKey(w.replace(/[،,:؛"“”«»()]/g, '')));
  let at = -1;
  for (let i = keys.length - 2; i >= 0; i--) {
    if (ARABIC_MARKERS.has(keys[i] ?? '')) {
      at = i;
      break;
    }
  }
  if (at < 0) return null;
  const rest = words.slice(at + 1).map((w) => w.replace(/[،,:؛"“”«»()]/g, ''));
  // `عن وكالة الأنباء القطرية`, `لوكالة الأنباء الأردنية`: the name with its agency word, or bare.
  const named = rest.slice(matchKey(rest[0] ?? '') === 'عن' || rest[0] === 'ل' ? 1 : 0);
  if (/^ل(?=وكالة)/.test(named[0] ?? '')) named[0] = (named[0] ?? '').slice(1);
  const candidates = [named.join(' '), rest.filter((w) => !ARABIC_FILLERS.has(matchKey(w))).join(' ')];
  for (const name of candidates) {
    const entry = name ? lookupAgency(name, { quoted: true }) : null;
    if (entry?.kind === 'wire') return { entry, name };
  }
  return null;
}

/** `…, the Jordan News Agency, Petra, reported` and `…, according to Qatar News Agency`. */
function englishAttribution(sentence: string): CreditedAgency | null {
  const m = /,\s*(?:the\s+)?([A-Za-z][A-Za-z .,'’-]{1,60}?),?\s+reported$/i.exec(sentence) ?? /\baccording to\s+(?:the\s+)?([A-Za-z][A-Za-z .,'’-]{1,60})$/i.exec(sentence);
  for (const part of (m?.[1] ?? '').split(/\s*,\s*/)) {
    const entry = part ? lookupAgency(part, { quoted: true }) : null;
    if (entry?.kind === 'wire') return { entry, name: part };
  }
  return null;
}

/** The first wire agency a sentence of the story ends by crediting, from block `from` on. */
export function attributedAgency(blocks: readonly Block[], from: number): CreditedAgency | null {
  let chars = 0;
  for (let i = Math.max(0, from); i < blocks.length && i < from + ATTRIBUTION_BLOCKS && chars <= ATTRIBUTION_CHARS; i++) {
    const text = visibleText(blocks[i]?.text ?? '');
    chars += text.length;
    for (const sentence of text.split(/[.!؟?](?=\s|$)/)) {
      const found = arabicAttribution(sentence.trim()) ?? englishAttribution(sentence.trim());
      if (found) return found;
    }
  }
  return null;
}
