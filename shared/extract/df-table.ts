/**
 * The file format of the document-frequency tables (df-ar.json, df-en.json; scripts/build-df.ts
 * writes them, keywords.ts reads them). The terms are one string, a line `term df` each, not an
 * array of pairs: bundled into a Lambda, a string costs nothing to compile, where 6,700 array
 * literals cost tens of milliseconds of every cold start (terms are letters and digits only, so
 * neither a space nor a line break can occur in one).
 */

/** A table as written to df-<language>.json. */
export interface DocumentFrequencyFile {
  readonly generated: string;
  readonly documents: number;
  readonly minDf: number;
  /** `term df` lines, sorted by term. */
  readonly terms: string;
}

/** The `terms` string of sorted [term, df] pairs. */
export function formatTerms(terms: readonly (readonly [string, number])[]): string {
  return terms.map(([term, df]) => `${term} ${df}`).join('\n');
}

/**
 * The df of each term of a `terms` string, in its order. A loop over the string, not split and
 * map: it runs once per process, in code not yet optimised, where this is 5x faster (3 ms against
 * 17 ms of CPU for the Arabic table).
 */
export function termCounts(terms: string): Map<string, number> {
  const counts = new Map<string, number>();
  let at = 0;
  while (at < terms.length) {
    let end = terms.indexOf('\n', at);
    if (end < 0) end = terms.length;
    const space = terms.lastIndexOf(' ', end);
    counts.set(terms.slice(at, space), Number(terms.slice(space + 1, end)));
    at = end + 1;
  }
  return counts;
}
