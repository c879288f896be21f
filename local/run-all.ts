/** Runs the steps in order, each whatever became of the ones before; throws the first error at the end. */
export async function runAll(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  let first: { error: unknown } | null = null;
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      first ??= { error };
    }
  }
  if (first) throw first.error;
}
