/**
 * The article's text as entity and quote rules read it: title, then the body blocks in document
 * order (subheadings and paragraphs interleaved, as the file has them), each tokenized once.
 * The dateline's place is a unit of its own so that it counts as a mention of the place; the
 * credited agency or outlet is a unit of its own too, read whole as one organisation
 * (entities.ts), never by the rules (no "سانا الموافق" entities).
 */
import { matchKey } from './arabic';
import { GENERIC_CREDITS } from './dateline-grammar';
import type { Draft } from './draft';
import { formSurface, tokens } from './entities-tokens';
import type { TextUnit } from './entities-types';

/** Characters of text entity and quote rules read; the rest of a huge file is not searched. */
export const ENTITY_SCAN_CHARS = 200_000;

export interface DocumentUnits {
  readonly units: readonly TextUnit[];
  /** True when the text was longer than ENTITY_SCAN_CHARS and only its head was read. */
  readonly partial: boolean;
}

/**
 * Units are derived from fields that no extractor changes after structure, so the entity and
 * quote extractors share one tokenization: cached per blocks array (a WeakMap, so nothing
 * outlives the draft).
 */
interface Cached {
  readonly title: string | null;
  readonly place: string | null;
  readonly credit: string | null;
  readonly units: DocumentUnits;
}
const CACHE = new WeakMap<object, Cached>();

export function documentUnits(draft: Draft): DocumentUnits {
  // What readUnits reads beside the blocks: the title, and the dateline's place and credit.
  const place = draft.dateline?.place ?? null;
  const credit = draft.dateline?.agency ?? null;
  const cached = CACHE.get(draft.blocks);
  if (cached && cached.title === draft.title && cached.place === place && cached.credit === credit) return cached.units;
  const units = readUnits(draft);
  CACHE.set(draft.blocks, { title: draft.title, place, credit, units });
  return units;
}

function readUnits(draft: Draft): DocumentUnits {
  const pieces: { kind: TextUnit['kind']; paragraph: number | null; text: string }[] = [];
  if (draft.title) pieces.push({ kind: 'title', paragraph: null, text: draft.title });
  let next = 0;
  for (const block of draft.blocks) {
    if (next < draft.paragraphs.length && block.text === draft.paragraphs[next]) {
      pieces.push({ kind: 'paragraph', paragraph: next, text: block.text });
      next++;
    } else {
      pieces.push({ kind: 'subheading', paragraph: null, text: block.text });
    }
  }
  const place = draft.dateline?.place;
  if (place && !/\d/.test(place)) pieces.push({ kind: 'dateline', paragraph: null, text: place });
  const credit = draft.dateline?.agency;
  if (credit && !/\d/.test(credit) && !GENERIC_CREDITS.has(matchKey(credit))) pieces.push({ kind: 'credit', paragraph: null, text: credit });

  const units: TextUnit[] = [];
  let budget = ENTITY_SCAN_CHARS;
  let partial = false;
  for (const piece of pieces) {
    if (budget <= 0) {
      partial = true;
      break;
    }
    const text = piece.text.length > budget ? piece.text.slice(0, budget) : piece.text;
    if (text.length < piece.text.length) partial = true;
    budget -= text.length;
    units.push({ index: units.length, kind: piece.kind, paragraph: piece.paragraph, text, toks: tokens(text) });
  }
  return { units, partial };
}

export interface WordCounts {
  /** How often each clitic form occurs (وبيسكوف counts for بيسكوف). */
  readonly forms: ReadonlyMap<string, number>;
  /** How often each whole token occurs as written (up to normalisation). */
  readonly exact: ReadonlyMap<string, number>;
}

export function wordCounts(units: readonly TextUnit[]): WordCounts {
  const forms = new Map<string, number>();
  const exact = new Map<string, number>();
  for (const unit of units) {
    for (const tok of unit.toks) {
      if (!tok.word) continue;
      exact.set(tok.key, (exact.get(tok.key) ?? 0) + 1);
      for (const form of tok.forms) forms.set(form.key, (forms.get(form.key) ?? 0) + 1);
    }
  }
  return { forms, exact };
}

/** Text of tokens first..last of a unit, the first token cut to the given clitic form. */
export function spanText(unit: TextUnit, first: number, last: number, form = 0): string {
  const head = unit.toks[first];
  const tail = unit.toks[last];
  if (!head || !tail) return '';
  const surface = formSurface(head, head.forms[form] ?? head.forms[0]!);
  return (surface.text + unit.text.slice(head.end, tail.end)).replace(/\s+/g, ' ').trim();
}
