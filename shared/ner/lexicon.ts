// What unlabeled news text says about a word form (scripts/build-clusters.ts builds the table):
// its hierarchical cluster id, how frequent it is, and how often it stands where people's and
// places' names stand. The tagger turns these into features (cluster-id prefixes, bands), and
// the entity rules ask it whether a frequent form is ever a name.

export const LEXICON_HEADER = '#lexicon-v1';

export interface LexiconEntry {
  /** bit string, '' when the form was not clustered */
  cluster: string;
  /** frequency band, 'f0' (rare) .. 'f9' */
  freq: string;
  /** share of occurrences in a person's-name context, 'p0' (never) .. 'p5' */
  person: string;
  /** share of occurrences after a place head noun (مدينة، محافظة), 'l0' .. 'l5' */
  place: string;
}

/** Read-only lookups by normalised form. */
export interface Lexicon {
  get(form: string): LexiconEntry | undefined;
  readonly size: number;
}


export function frequencyBand(count: number): string {
  return `f${Math.min(9, Math.max(0, Math.floor(Math.log2(Math.max(1, count)) / 2) - 1))}`;
}

function shareBand(tag: string, hits: number, count: number): string {
  if (hits === 0 || count === 0) return `${tag}0`;
  const share = hits / count;
  const band = share < 0.005 ? 1 : share < 0.02 ? 2 : share < 0.08 ? 3 : share < 0.25 ? 4 : 5;
  return `${tag}${band}`;
}

export const personBand = (hits: number, count: number): string => shareBand('p', hits, count);
export const placeBand = (hits: number, count: number): string => shareBand('l', hits, count);

/** Parses the tab-separated table (form, cluster, frequency band, person band, place band). */
export function parseLexicon(text: string): PackedLexicon {
  if (!text.startsWith(LEXICON_HEADER)) throw new Error('not a lexicon table (bad header)');
  const entries: [string, LexiconEntry][] = [];
  for (const line of text.slice(text.indexOf('\n') + 1).split('\n')) {
    const [form, cluster, freq, person, place] = line.split('\t');
    if (!form || !freq || !person || !place) continue;
    entries.push([form, { cluster: cluster === '-' ? '' : (cluster ?? ''), freq, person, place }]);
  }
  return PackedLexicon.from(entries);
}

// An entry packed into 31 bits: cluster bits (16), cluster length (5), frequency (4), person (3)
// and place (3) bands. A model file keeps the sorted forms and these numbers, so loading is a
// split and a typed-array view, and a lookup a binary search (the tagger caches per word).
const MAX_CLUSTER_BITS = 16;

function pack(entry: LexiconEntry): number {
  const bits = entry.cluster.slice(0, MAX_CLUSTER_BITS);
  const cluster = bits ? parseInt(bits, 2) : 0;
  return ((cluster << 15) | (bits.length << 10) | (Number(entry.freq.slice(1)) << 6) | (Number(entry.person.slice(1)) << 3) | Number(entry.place.slice(1))) >>> 0;
}

function unpack(code: number): LexiconEntry {
  const length = (code >>> 10) & 31;
  const cluster = length ? ((code >>> 15) & 0xffff).toString(2).padStart(length, '0') : '';
  return { cluster, freq: `f${(code >>> 6) & 15}`, person: `p${(code >>> 3) & 7}`, place: `l${code & 7}` };
}

export class PackedLexicon implements Lexicon {
  private readonly starts: Uint32Array;

  /**
   * `text`: the forms sorted (by UTF-16 code units), each followed by a newline; `codes[i]` the
   * packed entry of the i-th form. Forms are cut from the text when a lookup compares them, so
   * loading builds no strings.
   */
  constructor(
    readonly text: string,
    readonly codes: Uint32Array,
  ) {
    this.starts = new Uint32Array(codes.length + 1);
    let at = 0;
    for (let i = 0; i < codes.length; i++) {
      this.starts[i] = at;
      const end = text.indexOf('\n', at);
      if (end < 0) throw new Error(`lexicon text holds fewer than ${codes.length} forms`);
      at = end + 1;
    }
    this.starts[codes.length] = at;
  }

  static from(entries: Iterable<[string, LexiconEntry]>): PackedLexicon {
    const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return new PackedLexicon(sorted.map(([form]) => `${form}\n`).join(''), Uint32Array.from(sorted, ([, entry]) => pack(entry)));
  }

  get size(): number {
    return this.codes.length;
  }

  private form(i: number): string {
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - 1);
  }

  get(form: string): LexiconEntry | undefined {
    let low = 0;
    let high = this.codes.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const here = this.form(mid);
      if (here === form) return unpack(this.codes[mid]!);
      if (here < form) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }
}

/** Cluster-id prefix lengths used as features (Brown-cluster practice). */
export const CLUSTER_PREFIXES = [4, 8, 12, 16] as const;

const UNKNOWN: LexiconEntry = { cluster: '', freq: 'f-', person: 'p-', place: 'l-' };

/** The entry of a normalised form, else of its stem without proclitics, else an unknown marker. */
export function lexiconEntry(lexicon: Lexicon | undefined, form: string, stem: string): LexiconEntry {
  return lexicon?.get(form) ?? lexicon?.get(stem) ?? UNKNOWN;
}

const band = (code: string): number => {
  const n = Number(code.slice(1));
  return Number.isFinite(n) ? n : -1;
};

/**
 * A form seen often enough to judge (64 times or more) that almost never stands where a person's
 * or a place's name does: a common noun, adjective or verb, not a name on its own.
 */
export function isCommonNonName(entry: LexiconEntry): boolean {
  return band(entry.freq) >= 2 && band(entry.person) <= 1 && band(entry.place) <= 1;
}

/** A form that stands after place words (محافظة، مدينة) far more than where people's names stand. */
export function isPlaceLike(entry: LexiconEntry): boolean {
  return band(entry.place) >= 4 && band(entry.person) <= 1;
}

/** A form that stands where people's names stand in a quarter of its uses or more. */
export function isNameLike(entry: LexiconEntry): boolean {
  return band(entry.person) >= 4 && band(entry.freq) >= 1;
}
