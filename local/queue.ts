/**
 * An in-process queue with the SQS semantics the ingest handler relies on: messages are delivered
 * in batches as SQS event-source mappings deliver them to Lambda, a batch item failure (or a
 * thrown handler) makes the message visible again after a backoff, and after `maxReceives`
 * receives it moves to a dead-letter list with the last reason. Pending messages are written to
 * disk on stop and loaded on start; the dead-letter list is written whenever it changes.
 *
 * One batch is in flight at a time: the ingest handler orders writes by sequencer, so ordering is
 * not the queue's job, and two cores gain nothing from more.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { LocalLogger } from './logger';
import { deadLetterFileIn, queueFileIn, readDeadLetterFile, readQueueFile, writeDeadLetterFile, writeQueueFile, type DeadLetter, type StoredMessage } from './queue-files';

export { readDeadLetters, redriveStoppedQueue, type DeadLetter, type StoredMessage } from './queue-files';

export type BatchConsumer = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface LocalQueueOptions {
  /** Queue name, used in the `eventSourceARN`. */
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  /** Folder holding `queue.json` (pending messages) and `dead-letters.json`. */
  readonly directory: string;
  readonly consumer: BatchConsumer;
  /** Messages per batch (SQS event-source mapping `BatchSize`). @default 10 */
  readonly batchSize?: number;
  /** Receives before a message moves to the dead-letter list (`maxReceiveCount`). @default 5 */
  readonly maxReceives?: number;
  /** Delay before a failed message is visible again; doubles with each receive. @default 500 */
  readonly visibilityTimeoutMs?: number;
  /** Upper bound of that delay. @default 10_000 */
  readonly maxBackoffMs?: number;
  /** Lambda timeout the handler is told about (`getRemainingTimeInMillis`). @default 30_000 */
  readonly handlerTimeoutMs?: number;
  readonly logger: LocalLogger;
  /** Why the consumer failed a message it listed in batchItemFailures (e.g. its logged error). */
  readonly failureReason?: (messageId: string) => string | undefined;
  /**
   * The group a message belongs to (an SQS FIFO queue's `MessageGroupId`): a group's messages are
   * delivered one at a time in the order sent, a later one only once the one before it is done
   * (or dead). @default none: every message on its own
   */
  readonly groupOf?: (body: string) => string | null;
  /** Open without delivering until `start()`: lets the caller look at resumed messages first. */
  readonly paused?: boolean;
  readonly now?: () => number;
}

interface QueuedMessage extends StoredMessage {
  visibleAt: number;
}

export class LocalQueue {
  private readonly messages: QueuedMessage[] = [];
  private dead: DeadLetter[] = [];
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private paused = false;
  private stopping: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly batchSize: number;
  private readonly maxReceives: number;
  private readonly visibilityTimeoutMs: number;
  private readonly maxBackoffMs: number;
  private readonly handlerTimeoutMs: number;
  private readonly now: () => number;
  readonly arn: string;

  private constructor(private readonly options: LocalQueueOptions) {
    this.batchSize = options.batchSize ?? 10;
    this.maxReceives = options.maxReceives ?? 5;
    this.visibilityTimeoutMs = options.visibilityTimeoutMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
    this.handlerTimeoutMs = options.handlerTimeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.arn = `arn:aws:sqs:${options.region}:${options.accountId}:${options.name}`;
  }

  /** Opens the queue, loading what a previous run left (pending messages become visible at once). */
  static async open(options: LocalQueueOptions): Promise<LocalQueue> {
    const queue = new LocalQueue(options);
    await mkdir(options.directory, { recursive: true });
    const pending = await readQueueFile(queue.queueFile);
    const now = queue.now();
    queue.messages.push(...pending.map((m) => ({ ...m, visibleAt: now })));
    queue.dead = await readDeadLetterFile(queue.deadLetterFile);
    if (pending.length > 0) options.logger.info(`resuming ${pending.length} queued event(s) from the last run`);
    queue.paused = options.paused ?? false;
    queue.schedule(0);
    return queue;
  }

  /** Starts (or resumes) delivering. */
  start(): void {
    this.paused = false;
    this.schedule(0);
  }

  /**
   * Stops delivering and waits for the batch in flight. Messages can still be sent (they wait):
   * a server shutting down may still report the changes of its last requests.
   */
  async pause(): Promise<void> {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  /** Bodies of the messages waiting or in flight. */
  pendingBodies(): string[] {
    return this.messages.map((m) => m.body);
  }

  get queueFile(): string {
    return queueFileIn(this.options.directory);
  }

  get deadLetterFile(): string {
    return deadLetterFileIn(this.options.directory);
  }

  /** Sends one message (an SQS `SendMessage`); returns its id. */
  send(body: string): string {
    if (this.stopped) throw new QueueStoppedError();
    const message: QueuedMessage = {
      messageId: randomUUID(),
      body,
      sentAt: this.now(),
      receiveCount: 0,
      firstReceivedAt: null,
      lastError: null,
      visibleAt: this.now(),
    };
    this.messages.push(message);
    this.schedule(0);
    return message.messageId;
  }

  /** Messages waiting or in flight. */
  get depth(): number {
    return this.messages.length;
  }

  deadLetters(): readonly DeadLetter[] {
    return this.dead;
  }

  /** Moves dead letters (all, or those with the given ids) back into the queue, receive count reset. */
  async redrive(messageIds?: readonly string[]): Promise<number> {
    const chosen = this.dead.filter((d) => !messageIds || messageIds.includes(d.messageId));
    if (chosen.length === 0) return 0;
    this.dead = this.dead.filter((d) => !chosen.includes(d));
    const now = this.now();
    for (const d of chosen) {
      this.messages.push({ messageId: d.messageId, body: d.body, sentAt: d.sentAt, receiveCount: 0, firstReceivedAt: null, lastError: null, visibleAt: now });
    }
    await this.saveDeadLetters();
    this.schedule(0);
    return chosen.length;
  }

  /**
   * Resolves true once nothing is queued, waiting for a retry or in flight; false if that has not
   * happened within `timeoutMs`.
   */
  idle(timeoutMs = 30_000): Promise<boolean> {
    if (this.isIdle()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = (): void => {
        clearTimeout(timeout);
        resolve(true);
      };
      const timeout = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.idleWaiters.push(waiter);
    });
  }

  /** Stops receiving, lets the batch in flight finish, and writes what is left to disk. */
  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  private async stopNow(): Promise<void> {
    await this.pause();
    this.stopped = true;
    await writeQueueFile(this.queueFile, this.messages.map(({ visibleAt: _, ...m }) => m));
    await this.saveDeadLetters();
  }

  private isIdle(): boolean {
    return this.messages.length === 0 && this.inFlight === null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.paused || this.inFlight) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.receive();
    }, delayMs);
  }

  private receive(): void {
    if (this.stopped || this.paused || this.inFlight) return;
    const now = this.now();
    const batch: QueuedMessage[] = [];
    const groupsSeen = new Set<string>();
    for (const m of this.messages) {
      if (batch.length >= this.batchSize) break;
      const group = this.groupOf(m);
      // Only the oldest message of a group may go, and only when it is visible (not in flight or backing off).
      if (group !== null) {
        if (groupsSeen.has(group)) continue;
        groupsSeen.add(group);
      }
      if (m.visibleAt <= now) batch.push(m);
    }
    if (batch.length === 0) {
      this.scheduleNextVisible();
      return;
    }
    this.inFlight = this.deliver(batch).finally(() => {
      this.inFlight = null;
      if (this.isIdle()) this.notifyIdle();
      else this.schedule(0);
    });
  }

  private readonly groups = new WeakMap<QueuedMessage, string | null>();

  private groupOf(m: QueuedMessage): string | null {
    if (!this.options.groupOf) return null;
    if (!this.groups.has(m)) this.groups.set(m, this.options.groupOf(m.body));
    return this.groups.get(m) ?? null;
  }

  private scheduleNextVisible(): void {
    if (this.messages.length === 0) {
      this.notifyIdle();
      return;
    }
    // A group's later messages wait for its oldest: only that one's time counts.
    const heads = new Set<string>();
    const eligible = this.messages.filter((m) => {
      const group = this.groupOf(m);
      if (group === null) return true;
      if (heads.has(group)) return false;
      heads.add(group);
      return true;
    });
    const next = Math.min(...eligible.map((m) => m.visibleAt));
    this.schedule(Math.max(0, next - this.now()));
  }

  private async deliver(batch: QueuedMessage[]): Promise<void> {
    const now = this.now();
    for (const m of batch) {
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      // Invisible while in flight; a failure sets the real retry time below.
      m.visibleAt = Number.POSITIVE_INFINITY;
    }
    const failed = new Map<string, string>();
    try {
      const response = await this.options.consumer({ Records: batch.map((m) => this.toRecord(m)) }, this.lambdaContext());
      const identifiers = (response?.batchItemFailures ?? []).map((f) => f.itemIdentifier);
      const known = new Set(batch.map((m) => m.messageId));
      if (identifiers.some((id) => !known.has(id))) {
        // Lambda treats a response naming an unknown message as the whole batch failing.
        for (const m of batch) failed.set(m.messageId, 'the handler named an unknown message in batchItemFailures');
      } else {
        for (const id of identifiers) failed.set(id, this.options.failureReason?.(id) ?? 'reported as a batch item failure by the handler');
      }
    } catch (error) {
      const reason = `the handler threw: ${error instanceof Error ? error.message : String(error)}`;
      this.options.logger.warn(`${this.options.name} batch of ${batch.length} failed (${reason}); it will be retried`);
      for (const m of batch) failed.set(m.messageId, reason);
    }
    await this.settle(batch, failed);
  }

  private async settle(batch: QueuedMessage[], failed: Map<string, string>): Promise<void> {
    const done = new Set(batch.filter((m) => !failed.has(m.messageId)));
    const deadNow: DeadLetter[] = [];
    for (const m of batch) {
      const reason = failed.get(m.messageId);
      if (reason === undefined) continue;
      m.lastError = reason;
      if (m.receiveCount >= this.maxReceives) {
        done.add(m);
        const { visibleAt: _, ...stored } = m;
        deadNow.push({ ...stored, deadAt: new Date(this.now()).toISOString(), reason });
      } else {
        m.visibleAt = this.now() + Math.min(this.visibilityTimeoutMs * 2 ** (m.receiveCount - 1), this.maxBackoffMs);
      }
    }
    for (let i = this.messages.length - 1; i >= 0; i -= 1) {
      const m = this.messages[i];
      if (m && done.has(m)) this.messages.splice(i, 1);
    }
    if (deadNow.length > 0) {
      this.dead.push(...deadNow);
      this.options.logger.warn(`${deadNow.length} event(s) moved to the dead-letter list after ${this.maxReceives} receives (${path.relative(process.cwd(), this.deadLetterFile) || this.deadLetterFile})`);
      await this.saveDeadLetters();
    }
  }

  private toRecord(m: QueuedMessage): SQSRecord {
    return {
      messageId: m.messageId,
      receiptHandle: randomUUID(),
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'AIDAS3LOCALSENDER',
        ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? this.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this.options.region,
    };
  }

  private lambdaContext(): Context {
    const deadline = this.now() + this.handlerTimeoutMs;
    const name = `${this.options.name}-consumer`;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${this.options.region}:${this.options.accountId}:function:${name}`,
      memoryLimitInMB: '512',
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - this.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private saveDeadLetters(): Promise<void> {
    return writeDeadLetterFile(this.deadLetterFile, this.dead);
  }
}

export class QueueStoppedError extends Error {
  constructor() {
    super('the local queue has been stopped');
    this.name = 'QueueStoppedError';
  }
}
