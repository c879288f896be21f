/**
 * A time budget: every loop in the bench asks it before another round, so a slow or loaded
 * machine gives fewer samples instead of a run that never ends.
 */
export class Budget {
  private readonly endsAt: number;

  constructor(readonly ms: number) {
    this.endsAt = performance.now() + ms;
  }

  get remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }

  get spent(): boolean {
    return this.remainingMs === 0;
  }

  /** A budget for a part of this one: at most `ms`, never past this one's end. */
  part(ms: number): Budget {
    return new Budget(Math.min(ms, this.remainingMs));
  }
}

/** Waits until `done()` is true, checking every `everyMs`; false if `timeoutMs` passed first. */
export async function waitFor(done: () => boolean, timeoutMs: number, everyMs = 5): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}
