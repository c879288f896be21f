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

export type Lexicon = ReadonlyMap<string, LexiconEntry>;

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
export function parseLexicon(text: string): Map<string, LexiconEntry> {
  const lexicon = new Map<string, LexiconEntry>();
  if (!text.startsWith(LEXICON_HEADER)) throw new Error('not a lexicon table (bad header)');
  let at = text.indexOf('\n') + 1;
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    at = end < 0 ? text.length : end + 1;
    const [form, cluster, freq, person, place] = line.split('\t');
    if (!form || !freq || !person || !place) continue;
    lexicon.set(form, { cluster: cluster === '-' ? '' : (cluster ?? ''), freq, person, place });
  }
  return lexicon;
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

/** The table as parseLexicon reads it (the model file keeps it in this form too). */
export function serializeLexicon(lexicon: Lexicon): string {
  const lines = [LEXICON_HEADER];
  for (const [form, e] of lexicon) lines.push([form, e.cluster || '-', e.freq, e.person, e.place].join('\t'));
  return `${lines.join('\n')}\n`;
}
