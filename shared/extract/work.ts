/**
 * A meter of the work extraction does, counted by the loops whose length the input decides:
 * characters scanned, tokens and mentions visited, steps of a binary search. Tests bound it by
 * the input's size (work ≤ c·bytes + k, test/reliability/extract-work.test.ts), which a wall
 * clock cannot do on a shared machine: a rule that scans a paragraph per quote shows up as
 * work growing with the square of the input.
 *
 * Counting is one addition on a module field, so the meter is always on: `extractRecord` makes
 * one per call and reads it per stage. Extraction is synchronous, so the meter of the running
 * call is the one counted into; nothing else reads it.
 */
export class Work {
  steps = 0;
  /** Steps by extractor name (PIPELINE order). */
  readonly byStage: Record<string, number> = {};
}

let active: Work | null = null;

/** Counts `steps` into the meter of the extraction running now (none: nothing counted). */
export function charge(steps: number): void {
  if (active) active.steps += steps;
}

/** Runs `run` with `work` as the meter counted into. */
export function metered<T>(work: Work, run: () => T): T {
  const outer = active;
  active = work;
  try {
    return run();
  } finally {
    active = outer;
  }
}
