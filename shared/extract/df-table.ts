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

/** The [term, df] pairs of a `terms` string, in its order. */
export function parseTerms(terms: string): [string, number][] {
  if (terms === '') return [];
  return terms.split('\n').map((line) => {
    const space = line.lastIndexOf(' ');
    return [line.slice(0, space), Number(line.slice(space + 1))];
  });
}
