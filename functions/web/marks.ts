/**
 * Finds the record's entities in a piece of article text (lead, subheadings, quotes) so the page
 * can mark them. Matching is on the normalised form (SPEC §5: alef/hamza forms, ة/ه, ى/ي,
 * diacritics, tatweel, case), allows Arabic clitics before a name (وبيسكوف، للجيش), and maps every
 * match back onto the original characters: the page shows the text as written.
 */
import { matchKey, normalizeArabic, stripInvisible } from '../../shared/extract/arabic';
import { charge } from '../../shared/extract/work';
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

/**
 * Names longer than this many words are not marked: it bounds the work per word of text (an
 * organisation's genitive chain rarely runs past eight).
 */
const MAX_SURFACE_WORDS = 12;

/** Every way an entity may be written, in matching form, looked up by exact string. */
interface SurfaceIndex {
  /** Name, normalised name and aliases. */
  readonly plain: ReadonlyMap<string, MarkedEntity>;
  /** Names with the article ال, without it: after ل the alef goes (ل + الأمم is written للأمم). */
  readonly afterLam: ReadonlyMap<string, MarkedEntity>;
  /** The most word ends one surface holds, and its length: how far a lookup must reach. */
  readonly maxWords: number;
  readonly maxLength: number;
}

function indexSurfaces(entities: Entities): SurfaceIndex {
  const plain = new Map<string, MarkedEntity>();
  const afterLam = new Map<string, MarkedEntity>();
  let maxWords = 1;
  let maxLength = 0;
  // The first entity to claim a surface keeps it.
  const claim = (map: Map<string, MarkedEntity>, surface: string, entity: MarkedEntity) => {
    const words = wordEnds(surface).length;
    if (map.has(surface) || words === 0 || words > MAX_SURFACE_WORDS || !isWordChar(surface.at(-1))) return;
    map.set(surface, entity);
    maxWords = Math.max(maxWords, words);
    maxLength = Math.max(maxLength, surface.length);
  };
  for (const type of ENTITY_TYPES) {
    for (const entity of entities[type]) {
      const marked = { type, name: entity.name };
      for (const written of [entity.name, entity.normalized, ...entity.aliases]) {
        const surface = matchKey(written);
        if (surface.length < MIN_SURFACE_LENGTH) continue;
        claim(plain, surface, marked);
        if (surface.startsWith('ال') && surface.length > MIN_SURFACE_LENGTH + 2) claim(afterLam, surface.slice(2), marked);
      }
    }
  }
  return { plain, afterLam, maxWords, maxLength };
}

interface Match {
  readonly start: number;
  readonly end: number;
  readonly entity: MarkedEntity;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** The positions just after each word of `text` (one pass). */
function wordEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = 1; i <= text.length; i++) if (isWordChar(text[i - 1]) && !isWordChar(text[i])) ends.push(i);
  return ends;
}

/** After ل the article's alef goes: ل + الأمم is written للأمم, so `الامم` is found as `امم` after these. */
const LAM_PREFIXES = new Set(['لل', 'ولل', 'فلل']);
const PREFIX_LENGTHS = [1, 2, 3];

/**
 * Where a name may begin in the word at `start`: the word itself, or after a clitic (the name
 * from `plain`), or after ل that swallowed the article's alef (the name from `afterLam`).
 */
function nameStarts(norm: string, start: number, end: number, surfaces: SurfaceIndex): { at: number; names: ReadonlyMap<string, MarkedEntity> }[] {
  const starts = [{ at: start, names: surfaces.plain }];
  for (const length of PREFIX_LENGTHS) {
    if (start + length >= end) break;
    const prefix = norm.slice(start, start + length);
    if (CLITIC_PREFIXES.has(prefix)) starts.push({ at: start + length, names: surfaces.plain });
    if (LAM_PREFIXES.has(prefix)) starts.push({ at: start + length, names: surfaces.afterLam });
  }
  return starts;
}

/**
 * The names in `norm`, left to right, longest first where two start together, without overlaps.
 * Each word is looked at a bounded number of times (a few clitic splits, up to MAX_SURFACE_WORDS
 * word ends ahead), so the work grows linearly with the text, whatever the number of entities.
 */
function findMatches(norm: string, entities: Entities): Match[] {
  const surfaces = indexSurfaces(entities);
  if (surfaces.plain.size === 0) return [];
  const ends = wordEnds(norm);
  const kept: Match[] = [];
  let wordStart = 0;
  for (let w = 0; w < ends.length; w++) {
    const wordEnd = ends[w]!;
    // The word ending at wordEnd starts after the last non-word character before it.
    wordStart = wordEnd - 1;
    while (wordStart > 0 && isWordChar(norm[wordStart - 1])) wordStart--;
    if (kept.length > 0 && wordStart < kept.at(-1)!.end) continue;
    for (const { at, names } of nameStarts(norm, wordStart, wordEnd, surfaces)) {
      let best: Match | null = null;
      for (let k = w; k < ends.length && k < w + surfaces.maxWords && ends[k]! - at <= surfaces.maxLength; k++) {
        // Counted as extraction counts its work (test/web/marks-work.test.ts bounds it by the text's size).
        charge(ends[k]! - at);
        const entity = names.get(norm.slice(at, ends[k]));
        if (entity) best = { start: at, end: ends[k]!, entity };
      }
      if (best) {
        kept.push(best);
        break;
      }
    }
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
