/**
 * Finds the record's entities in a piece of article text (lead, subheadings, quotes) so the page
 * can mark them. Matching is on the normalised form (SPEC §5: alef/hamza forms, ة/ه, ى/ي,
 * diacritics, tatweel, case), allows Arabic clitics before a name (وبيسكوف، للجيش), and maps every
 * match back onto the original characters: the page shows the text as written.
 */
import { matchKey, normalizeArabic, stripInvisible } from '../../shared/extract/arabic';
import { ENTITY_TYPES, type Entities, type EntityType } from '../../shared/record';

export interface MarkedEntity {
  readonly type: EntityType;
  /** The entity's display name (links go to its entity page). */
  readonly name: string;
}

export type Segment = { readonly text: string; readonly entity?: MarkedEntity };

/**
 * Letters that may stick to the front of an Arabic name without being part of it. Not the article
 * ال: a name written without it does not take it (السورية is "the Syrian", not سورية), and a
 * name written with it carries it already.
 */
const CLITIC_PREFIXES = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'وب', 'فب', 'ول', 'فل', 'وك', 'فك']);
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Shorter surfaces (one letter) would mark noise. */
const MIN_SURFACE_LENGTH = 2;

interface NormalisedText {
  readonly text: string;
  /** For each character of `text`, the index of the original character it came from. */
  readonly origin: readonly number[];
}

/** One character in matching form (see matchKey): '' for marks that matching ignores. */
function foldChar(char: string): string {
  return normalizeArabic(stripInvisible(char)).toLowerCase();
}

/** The text in matching form, each character remembering where it came from; whitespace runs become one space. */
function normalise(text: string): NormalisedText {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    // As matchKey does for whole names: dots and whitespace are word gaps, one space per run.
    if (/[\s.\u00B7]/.test(char)) {
      if (!out.endsWith(' ')) {
        out += ' ';
        origin.push(i);
      }
      continue;
    }
    // A diacritic, tatweel or invisible mark becomes '' and drops out.
    for (const n of foldChar(char)) {
      out += n;
      origin.push(i);
    }
  }
  return { text: out, origin };
}

/** Every way an entity may be written, in matching form: its name, normalised name and aliases. */
function surfacesOf(entities: Entities): { surface: string; entity: MarkedEntity }[] {
  const seen = new Set<string>();
  const surfaces: { surface: string; entity: MarkedEntity }[] = [];
  for (const type of ENTITY_TYPES) {
    for (const entity of entities[type]) {
      for (const written of [entity.name, entity.normalized, ...entity.aliases]) {
        const surface = matchKey(written);
        if (surface.length < MIN_SURFACE_LENGTH || seen.has(surface)) continue;
        seen.add(surface);
        surfaces.push({ surface, entity: { type, name: entity.name } });
      }
    }
  }
  return surfaces;
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly entity: MarkedEntity;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** The letters between the start of the word and `start` ('' when `start` begins a word). */
function prefixBefore(text: string, start: number): string {
  let wordStart = start;
  while (wordStart > 0 && isWordChar(text[wordStart - 1])) wordStart--;
  return text.slice(wordStart, start);
}

/** After ل the article's alef goes: ل + الأمم is written للأمم, so `الامم` is found as `امم` after these. */
const LAM_PREFIXES = new Set(['لل', 'ولل', 'فلل']);

function findMatches(norm: string, entities: Entities): Match[] {
  const matches: Match[] = [];
  const find = (surface: string, entity: MarkedEntity, prefixed: (prefix: string) => boolean) => {
    for (let at = norm.indexOf(surface); at !== -1; at = norm.indexOf(surface, at + 1)) {
      const end = at + surface.length;
      if (!isWordChar(norm[end]) && prefixed(prefixBefore(norm, at))) matches.push({ start: at, end, entity });
    }
  };
  for (const { surface, entity } of surfacesOf(entities)) {
    find(surface, entity, (prefix) => prefix === '' || CLITIC_PREFIXES.has(prefix));
    if (surface.startsWith('ال') && surface.length > MIN_SURFACE_LENGTH + 2) find(surface.slice(2), entity, (prefix) => LAM_PREFIXES.has(prefix));
  }
  // Longest first where matches start together, then left to right without overlaps.
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  for (const match of matches) {
    if (kept.length === 0 || match.start >= kept.at(-1)!.end) kept.push(match);
  }
  return kept;
}

/** Splits `text` into plain and entity segments; joined, the segments give back `text` exactly. */
export function markEntities(text: string, entities: Entities): Segment[] {
  const { text: norm, origin } = normalise(text);
  const segments: Segment[] = [];
  let position = 0;
  for (const match of findMatches(norm, entities)) {
    const start = origin[match.start]!;
    // The mark ends after the last matched character and any diacritics or tatweel riding on it.
    let end = origin[match.end - 1]! + 1;
    while (end < text.length && foldChar(text[end]!) === '') end++;
    if (start > position) segments.push({ text: text.slice(position, start) });
    segments.push({ text: text.slice(start, end), entity: match.entity });
    position = end;
  }
  if (position < text.length) segments.push({ text: text.slice(position) });
  return segments;
}
