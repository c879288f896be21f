/**
 * The dateline: where, when and by whom a story was filed. The grammar (dateline-grammar.ts)
 * reads one line; this extractor decides which line. It looks at the head of the body only —
 * the first lines, bounded in count and characters, up to and including the first paragraph
 * of the story — so an agency quoted in the story ("نقلت وكالة سانا") is never the dateline.
 * Headline lines, section labels, photo credits and time stamps may stand before it. A line
 * that credits an agency wins over one that names only a place (a weather widget's `غزة`).
 * A sign-off or credit line at the end (`Reuter`, `المصدر: سبوتنيك`, `–(بترا)`) supplies the
 * agency when the head does not name one.
 */
import type { Dateline } from '../record';
import { lookupAgency } from './agencies';
import { visibleText } from './arabic';
import { attributedAgency, closingCredit, type CreditedAgency } from './dateline-credits';
import { parseDatelineHead, type HeadParse } from './dateline-grammar';
import { headTokens } from './dateline-tokens';
import type { Block, DocumentMetadata, Draft, Extractor } from './draft';
import { wordCount as words } from './shape';

export interface DatelineMatch {
  readonly dateline: Dateline;
  /** The text of the line after the dateline; empty when the dateline was the whole line. */
  readonly rest: string;
}

/** How far into the body a dateline may stand: lines, and characters of those lines. */
const HEAD_BLOCKS = 15;
const HEAD_CHARS = 3_000;
/** The grammar reads at most this much of a line: datelines are short. */
const LINE_CHARS = 300;
/** A block this long (or a sentence) is the story itself: its head may hold the dateline, nothing after it does. */
const BODY_WORDS = 25;
/** A photo caption or credit (`– صورة من أرشيف رويترز.`): it may stand before the dateline. */
const PHOTO_CREDIT = /(?:صورة|صور|تصوير|أرشيفية|ارشيفية|\bphoto\b|\bpicture\b|\bcredit\b)/iu;

/** Markup a page leaked before its text (`div style="…">`): not part of any dateline. */
const LEAKED_TAG = /^<?\/?[a-z][a-z0-9]*(?:\s[^<>]{0,200})?>/i;

function headOf(text: string): { head: string; offset: number } {
  const leaked = LEAKED_TAG.exec(text);
  const offset = leaked ? leaked[0].length : 0;
  return { head: text.slice(offset, offset + LINE_CHARS), offset };
}

/** The dateline at the start of one line, if any. */
export function matchDateline(line: string): DatelineMatch | null {
  const { head, offset } = headOf(line);
  const parsed = parseDatelineHead(head);
  if (!parsed?.dateline) return null;
  return { dateline: parsed.dateline, rest: line.slice(offset + parsed.end).trim() };
}

/** Ends like a sentence, or is long: the line is a paragraph of the story, not a headline. */
const isSentence = (text: string): boolean => words(text) >= 12 || /[.!؟?:]["”»)]?\s*$/.test(text.trim());

interface Found {
  readonly index: number;
  readonly parse: HeadParse;
  /** The block after the dateline's, when the dateline runs on to the next line. */
  readonly spans: 1 | 2;
  /** The place line under a line that only credits (`(MENAFN- …) QNA` ⏎ `Doha: …`). */
  readonly placeLine?: Found;
}

function parseBlock(blocks: readonly Block[], index: number): Found | null {
  const block = blocks[index];
  if (!block || block.heading !== null) return null;
  const { head } = headOf(block.text);
  const parse = parseDatelineHead(head);
  if (parse && parse.strength < 4 && parse.wholeLine) {
    // `غزة في 9 يناير` ⏎ `/العُمانية/ واصلت …`: a dateline wrapped onto the next line.
    const next = blocks[index + 1];
    if (next && next.heading === null && /^\s*[/(«"]/.test(next.text)) {
      const joined = parseDatelineHead(`${head}\n${headOf(next.text).head}`);
      if (joined && joined.strength >= 4 && joined.end > head.length) return { index, parse: joined, spans: 2 };
    }
  }
  if (!parse || (!parse.dateline && parse.reporters.length === 0)) return stampAt(blocks, index);
  // A headline that opens with a place or a name (`الكويت: الطلب على النفط …`) is no dateline:
  // a dateline that runs on runs into a sentence of the story.
  const rest = block.text.slice(headOf(block.text).offset + parse.end).trim();
  const capsPlace = /^[A-Z][A-Z .'-]+$/.test(parse.dateline?.place ?? '');
  if (!parse.wholeLine && !isSentence(rest) && !parse.dateline?.date && !capsPlace) return null;
  return { index, parse, spans: 1 };
}

/**
 * `0 Comment(s) Print E-mail Xinhua, December 01, 2017`: a short page line that ends in an
 * agency and a full date is the story's stamp, wherever the agency starts.
 */
function stampAt(blocks: readonly Block[], index: number): Found | null {
  const text = blocks[index]?.text ?? '';
  if (text.length > 100) return null;
  for (const token of headTokens(text).slice(0, 20)) {
    if (token.kind !== 'word' || !lookupAgency(token.text)) continue;
    const parse = parseDatelineHead(text.slice(token.start));
    if (parse?.dateline?.date && parse.strength >= 4 && parse.wholeLine) return { index, parse: { ...parse, start: parse.start + token.start, end: parse.end + token.start }, spans: 1 };
  }
  return null;
}

/** The surest dateline in the head (see HeadParse.strength), the first of equals. */
function scanHead(blocks: readonly Block[]): { dateline: Found | null; bylines: Found[] } {
  let best: Found | null = null;
  const bylines: Found[] = [];
  let chars = 0;
  for (let i = 0; i < Math.min(blocks.length, HEAD_BLOCKS) && chars <= HEAD_CHARS; i++) {
    const block = blocks[i];
    if (!block) break;
    chars += block.text.length;
    const found = parseBlock(blocks, i);
    if (found?.parse.dateline && (!best || found.parse.strength > best.parse.strength)) best = found;
    else if (found && !found.parse.dateline) bylines.push(found);
    if (best?.parse.strength === 5) break;
    if (words(block.text) >= BODY_WORDS || (words(block.text) >= 8 && /[.!؟?]["”»)]?\s*$/.test(block.text) && !PHOTO_CREDIT.test(block.text))) break;
  }
  if (best && !best.parse.dateline?.place && best.parse.wholeLine && best.spans === 1 && best.parse.strength >= 4) {
    const placeLine = placeLineAt(blocks, best.index + 1);
    if (placeLine) best = { ...best, placeLine };
  }
  return { dateline: best, bylines };
}

/** A dateline of a place with no credit at the head of block `index`. */
function placeLineAt(blocks: readonly Block[], index: number): Found | null {
  const block = blocks[index];
  if (!block || block.heading !== null) return null;
  const parse = parseDatelineHead(headOf(block.text).head);
  return parse?.dateline?.place && !parse.dateline.agency ? { index, parse, spans: 1 } : null;
}

/** The dateline a head match reads, with the place of a place line under a credit line. */
function joinedDateline(found: Found): Dateline | null {
  const dateline = found.parse.dateline;
  const below = found.placeLine?.parse.dateline;
  if (!dateline || !below) return dateline;
  return { ...dateline, raw: `${dateline.raw}\n${below.raw}`, place: below.place, date: dateline.date ?? below.date };
}

const isWire = (dateline: Dateline): boolean => !!dateline.agency && lookupAgency(dateline.agency, { quoted: true })?.kind === 'wire';

/**
 * A wire agency credited elsewhere fills a dateline that names none, and takes the place of an
 * outlet the dateline names (the outlet carries the agency's copy and stays as `outlet`).
 */
function withAgency(found: Dateline, credited: readonly CreditedAgency[]): Dateline {
  if (isWire(found)) return found;
  const wire = credited.find((a) => a.entry?.kind === 'wire');
  if (wire?.entry) return { ...found, agency: wire.name, agencyCode: wire.entry.code, ...(found.outlet ? { outlet: found.outlet } : {}) };
  const pick = credited[0];
  return !found.agency && pick?.entry ? { ...found, agency: pick.name, agencyCode: pick.entry.code } : found;
}

function fromMetadata(metadata: DocumentMetadata): Dateline | null {
  if (metadata.dateline) {
    const found = matchDateline(metadata.dateline)?.dateline;
    if (found) return { ...found, raw: visibleText(metadata.dateline) };
    const entry = metadata.agency ? lookupAgency(metadata.agency, { quoted: true }) : null;
    const place = metadata.place ?? (words(metadata.dateline) <= 4 && !/[\d.!?؟"“”()]/.test(metadata.dateline) ? visibleText(metadata.dateline) : null);
    return { raw: visibleText(metadata.dateline), place, agency: entry ? metadata.agency : null, agencyCode: entry?.code ?? null, date: null };
  }
  const entry = metadata.agency ? lookupAgency(metadata.agency, { quoted: true }) : null;
  // An unknown site name is not a dateline; a known agency or an explicit place is.
  if (!entry && !metadata.place) return null;
  const agency = entry ? metadata.agency : null;
  return { raw: [metadata.place, agency].filter(Boolean).join(' – '), place: metadata.place, agency, agencyCode: entry?.code ?? null, date: null };
}

/** The blocks without the dateline: its line goes, or the rest of its line stays as text. */
function withoutDateline(blocks: readonly Block[], found: Found): Block[] {
  if (found.placeLine) return withoutDateline(withoutDateline(blocks, found.placeLine), { ...found, placeLine: undefined });
  const out = [...blocks];
  const block = out[found.index];
  if (!block) return out;
  if (found.spans === 2) {
    const next = out[found.index + 1];
    const firstLength = headOf(block.text).offset + headOf(block.text).head.length + 1;
    const rest = next ? next.text.slice(Math.max(0, found.parse.end - firstLength) + headOf(next.text).offset).trim() : '';
    out.splice(found.index, 2, ...(rest && next ? [{ ...next, text: rest }] : []));
    return out;
  }
  const rest = block.text.slice(headOf(block.text).offset + found.parse.end).trim();
  out.splice(found.index, 1, ...(rest ? [{ ...block, text: rest }] : []));
  return out;
}

export const findDateline: Extractor = (draft: Draft) => {
  let blocks = [...draft.blocks];
  const credit = blocks.length > 1 ? closingCredit(blocks) : null;
  // A credit line that ends the file is not a paragraph of the story.
  if (credit?.ownLine && credit.index === blocks.length - 1) blocks = blocks.slice(0, -1);

  const { dateline: head } = scanHead(blocks);
  let found: Dateline | null = head ? joinedDateline(head) : null;
  if (head) blocks = withoutDateline(blocks, head);
  found ??= fromMetadata(draft.metadata);
  if (!found && credit) {
    const pick = credit.agencies.find((a) => a.entry?.kind === 'wire') ?? credit.agencies[0];
    found = { raw: visibleText(credit.raw), place: null, agency: pick?.name ?? null, agencyCode: pick?.entry?.code ?? null, date: null };
  }
  if (found && !found.agency && draft.metadata.agency) {
    const metaEntry = lookupAgency(draft.metadata.agency, { quoted: true });
    if (metaEntry) found = { ...found, agency: draft.metadata.agency, agencyCode: metaEntry.code };
  }
  if (found && credit) found = withAgency(found, credit.agencies);
  // The story's own attribution (`…، وفق وكالة كونا للأنباء.`) only completes a dateline it has.
  if (head && found && !isWire(found)) {
    const attributed = attributedAgency(blocks, head.index);
    if (attributed) found = withAgency(found, [attributed]);
  }
  return { ...draft, dateline: found, blocks, datelineBlock: head ? head.index : null };
};
