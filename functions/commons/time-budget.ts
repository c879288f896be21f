/**
 * The time one invocation of ingest has, from the Lambda context (`getRemainingTimeInMillis`).
 * A batch is ten messages processed together: if one article ran the function into its timeout,
 * all ten would fail and come back, and after five receives the innocent ones would go to the
 * dead-letter queue with it. So ingest
 * - starts no extraction when less than `reserveMs` is left (the message goes back to the queue);
 * - gives each extraction a deadline (at most `articleMs`, never into the reserve): past it the
 *   article's record is made without the NER taggers (`extraction-degraded`), so even a hostile
 *   article gets its record instead of a retry;
 * - answers before the timeout with every message not finished by then as a batch item failure.
 * Without a context (the local stack, tests without one) there is no limit.
 */
import { performance } from 'node:perf_hooks';
import type { Deadline } from '../../shared/extract';

/** The part of the Lambda context this reads. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

export interface TimeBudgetOptions {
  /**
   * Time kept back at the end of the invocation: the longest extraction stage (they are linear,
   * bench/adversarial.ts) plus writing a record and answering.
   * @default 8000
   */
  readonly reserveMs?: number;
  /**
   * Most time one article's extraction gets before its optional stage is left out.
   * @default 10000
   */
  readonly articleMs?: number;
  /** @default performance.now */
  readonly clock?: () => number;
}

export class OutOfTimeError extends Error {
  constructor(remainingMs: number) {
    super(`${Math.round(remainingMs)} ms left in the invocation, too little to extract an article: left for a later one`);
    this.name = 'OutOfTimeError';
  }
}

export class TimeBudget {
  private readonly reserveMs: number;
  private readonly articleMs: number;
  private readonly clock: () => number;
  /** When the invocation ends, on `clock`. */
  private readonly endsAt: number;

  constructor(context: RemainingTime | undefined, options: TimeBudgetOptions = {}) {
    this.reserveMs = options.reserveMs ?? 8_000;
    this.articleMs = options.articleMs ?? 10_000;
    this.clock = options.clock ?? (() => performance.now());
    this.endsAt = context ? this.clock() + context.getRemainingTimeInMillis() : Number.POSITIVE_INFINITY;
  }

  get remainingMs(): number {
    return this.endsAt - this.clock();
  }

  /** Throws OutOfTimeError when no extraction should start any more. */
  ensureTimeToExtract(): void {
    if (this.remainingMs <= this.reserveMs) throw new OutOfTimeError(this.remainingMs);
  }

  /** The deadline of one extraction starting now. */
  extractionDeadline(): Deadline {
    const now = this.clock();
    return { at: Math.min(now + this.articleMs, this.endsAt - this.reserveMs), now: this.clock };
  }

  /**
   * `work`'s answer, or `early()`'s once only the reserve is left (work still running is left
   * behind: writes are conditional on the sequencer, so finishing later or again does no harm).
   */
  async answerInTime<T>(work: Promise<T>, early: () => T): Promise<T> {
    if (!Number.isFinite(this.endsAt)) return work;
    let timer: NodeJS.Timeout | undefined;
    const cutoff = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(early()), Math.max(0, this.remainingMs - this.reserveMs / 2));
    });
    try {
      return await Promise.race([work, cutoff]);
    } finally {
      clearTimeout(timer);
    }
  }
}
