/** One line of `npm run eval`'s table, and the helpers every measure module formats with. */
export interface Row {
  readonly measure: string;
  readonly result: string;
  /** The bar, when the figure has one ('' for figures only reported). */
  readonly bar: string;
  /** Whether the bar is met (null: no bar). `--check` fails on false. */
  readonly ok: boolean | null;
}

export const percent = (hits: number, total: number): string => `${hits}/${total} (${total ? ((100 * hits) / total).toFixed(1) : '-'}%)`;
export const share = (hits: number, total: number): number => (total ? (100 * hits) / total : 0);
