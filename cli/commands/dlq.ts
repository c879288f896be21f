/**
 * `dateline dlq list` and `dateline dlq redrive`: the events ingest gave up on, and sending them
 * back once the cause is fixed.
 *
 * Locally the dead-letter list is `dead-letters.json` in the data folder (written whenever it
 * changes, so it can be read while the stack runs). A redrive of a stopped stack moves the letters
 * into its saved queue (delivered on the next start); while the stack runs, its folder is locked
 * and the redrive goes through the local admin route of its API server (local/admin.ts).
 *
 * On AWS the dead-letter queue is the stack output `DeadLetterQueueUrl`. `list` receives its
 * messages (hidden for a moment, then released at once: nothing is deleted) and `redrive` starts an
 * SQS message move task back to the ingest queue. SQS keeps no failure reason: the ingest
 * function logged it with the message id.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_DEFAULTS, stackOutputs, type GlobalOptions } from '../context';
import { CliError, messageOf } from '../errors';

export interface DlqOptions extends GlobalOptions {
  /** Local: the stack's data folder. */
  readonly dataDir: string;
  /** Most messages `list` shows. */
  readonly limit: number;
}

/** One dead letter, as both targets describe it. */
export interface DeadLetterView {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly sentAt: string | null;
  readonly deadAt: string | null;
  readonly reason: string | null;
  /** What the message is about: `ObjectCreated:Put some/key.txt`, or the start of an unreadable body. */
  readonly events: readonly string[];
  readonly body: string;
}

export async function runDlqList(options: DlqOptions): Promise<number> {
  const letters = options.target === 'aws' ? await listOnAws(options) : await listLocal(options);
  if (options.json) {
    process.stdout.write(letters.map((l) => `${JSON.stringify(l)}\n`).join(''));
    return 0;
  }
  process.stdout.write(formatList(letters, options.target));
  return 0;
}

export async function runDlqRedrive(messageIds: readonly string[], options: DlqOptions): Promise<number> {
  const result = options.target === 'aws' ? await redriveOnAws(messageIds, options) : await redriveLocal(messageIds, options);
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${result.message}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Local

function localDataDir(options: DlqOptions): string {
  const dir = path.resolve(options.dataDir);
  if (!existsSync(dir)) throw new CliError(`no local stack data in ${dir}: start it with \`npm start\`, or name its folder with --data-dir`);
  return dir;
}

async function listLocal(options: DlqOptions): Promise<DeadLetterView[]> {
  const { readDeadLetters } = await import('../../local/queue-files');
  const letters = await readDeadLetters(localDataDir(options));
  return letters.slice(0, options.limit).map((d) => ({
    messageId: d.messageId,
    receiveCount: d.receiveCount,
    sentAt: new Date(d.sentAt).toISOString(),
    deadAt: d.deadAt,
    reason: d.reason,
    events: describeBody(d.body),
    body: d.body,
  }));
}

interface RedriveResult {
  readonly redriven: number | null;
  readonly where: 'stopped-queue' | 'running-stack' | 'aws';
  readonly message: string;
  readonly taskHandle?: string;
}

async function redriveLocal(messageIds: readonly string[], options: DlqOptions): Promise<RedriveResult> {
  const dir = localDataDir(options);
  const [{ redriveStoppedQueue }, { DataDirInUseError }] = await Promise.all([import('../../local/queue-files'), import('../../local/lock')]);
  const ids = messageIds.length > 0 ? messageIds : undefined;
  try {
    const redriven = await redriveStoppedQueue(dir, ids);
    return { redriven, where: 'stopped-queue', message: `${plural(redriven)} moved back into the queue of ${dir}; the next \`npm start\` delivers them.` };
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
  }
  // The stack runs: ask it through its admin route.
  const { ADMIN_HEADER, ADMIN_PREFIX } = await import('../../local/admin');
  const url = `http://${LOCAL_DEFAULTS.host}:${options.apiPort ?? LOCAL_DEFAULTS.apiPort}${ADMIN_PREFIX}/redrive`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ADMIN_HEADER]: '1' },
      body: JSON.stringify(ids ? { messageIds: ids } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new CliError(`the local stack in ${dir} is running but its API does not answer at ${url} (${messageOf(error)}): pass its --api-port`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { redriven?: number; message?: string };
  if (!response.ok || typeof body.redriven !== 'number') throw new CliError(`the running local stack refused the redrive: ${body.message ?? `HTTP ${response.status}`}`);
  return { redriven: body.redriven, where: 'running-stack', message: `${plural(body.redriven)} sent back to the running stack's queue.` };
}

// ---------------------------------------------------------------------------------------------
// AWS

/** How long `list` hides the messages it reads; released right after (ChangeMessageVisibility 0). */
const PEEK_VISIBILITY_SECONDS = 30;

async function deadLetterQueue(options: DlqOptions) {
  const [{ SQSClient }, { OUTPUT }] = await Promise.all([import('@aws-sdk/client-sqs'), import('../../infra/outputs')]);
  const outputs = await stackOutputs(options.stack, options.region);
  const url = outputs.get(OUTPUT.deadLetterQueueUrl);
  if (!url) throw new CliError(`stack ${options.stack} has no ${OUTPUT.deadLetterQueueUrl} output: is it a Dateline stack?`);
  return { sqs: new SQSClient(options.region ? { region: options.region } : {}), url };
}

async function listOnAws(options: DlqOptions): Promise<DeadLetterView[]> {
  const { ReceiveMessageCommand, ChangeMessageVisibilityBatchCommand } = await import('@aws-sdk/client-sqs');
  const { sqs, url } = await deadLetterQueue(options);
  const seen = new Map<string, { view: DeadLetterView; receiptHandle: string }>();
  try {
    // Bounded: at most limit/10 + 1 receives; a receive with nothing new ends the walk.
    for (let round = 0; round <= Math.ceil(options.limit / 10) && seen.size < options.limit; round++) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: url,
          MaxNumberOfMessages: Math.min(10, options.limit - seen.size),
          VisibilityTimeout: PEEK_VISIBILITY_SECONDS,
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const fresh = Messages.filter((m) => m.MessageId && m.ReceiptHandle && !seen.has(m.MessageId));
      if (fresh.length === 0) break;
      for (const m of fresh) {
        const attributes = m.Attributes ?? {};
        seen.set(m.MessageId!, {
          receiptHandle: m.ReceiptHandle!,
          view: {
            messageId: m.MessageId!,
            // This receive counts too: the count before it is what the ingest queue gave up after.
            receiveCount: Math.max(0, Number(attributes.ApproximateReceiveCount ?? '1') - 1),
            sentAt: attributes.SentTimestamp ? new Date(Number(attributes.SentTimestamp)).toISOString() : null,
            deadAt: null,
            reason: null,
            events: describeBody(m.Body ?? ''),
            body: m.Body ?? '',
          },
        });
      }
    }
  } finally {
    // Release what was read, so that a redrive (or the next list) sees every message at once.
    const handles = [...seen.values()].map((s, i) => ({ Id: String(i), ReceiptHandle: s.receiptHandle, VisibilityTimeout: 0 }));
    for (let i = 0; i < handles.length; i += 10) {
      await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: handles.slice(i, i + 10) })).catch(() => undefined);
    }
    sqs.destroy();
  }
  return [...seen.values()].map((s) => s.view);
}

async function redriveOnAws(messageIds: readonly string[], options: DlqOptions): Promise<RedriveResult> {
  if (messageIds.length > 0) throw new CliError('on AWS a redrive moves every message of the dead-letter queue (SQS StartMessageMoveTask); run it without message ids');
  const { GetQueueAttributesCommand, StartMessageMoveTaskCommand } = await import('@aws-sdk/client-sqs');
  const { sqs, url } = await deadLetterQueue(options);
  try {
    const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }));
    if (!Attributes.QueueArn) throw new CliError(`SQS did not return the ARN of ${url}`);
    const waiting = Number(Attributes.ApproximateNumberOfMessages ?? '0');
    // Without DestinationArn, SQS moves the messages back to the queue they came from.
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes.QueueArn }));
    return {
      redriven: waiting,
      where: 'aws',
      ...(TaskHandle ? { taskHandle: TaskHandle } : {}),
      message: `Started moving about ${plural(waiting)} from the dead-letter queue back to the ingest queue (task ${TaskHandle ?? 'unknown'}).`,
    };
  } finally {
    sqs.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Output

/** The object events a message body names; a body that is not an S3 notification, shown as it starts. */
export function describeBody(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { Records?: { eventName?: string; s3?: { object?: { key?: string } } }[]; Event?: string };
    if (Array.isArray(parsed.Records)) {
      return parsed.Records.map((r) => `${r.eventName ?? '?'} ${decodeKey(r.s3?.object?.key ?? '?')}`);
    }
    if (parsed.Event) return [parsed.Event];
  } catch {
    // Not JSON: shown as it is, below.
  }
  return [`(not an S3 notification) ${body.length > 80 ? `${body.slice(0, 80)}…` : body}`];
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function formatList(letters: readonly DeadLetterView[], target: 'local' | 'aws'): string {
  if (letters.length === 0) return 'No dead letters.\n';
  const lines = letters.flatMap((l) => [
    `${l.messageId}  ${l.receiveCount} receive${l.receiveCount === 1 ? '' : 's'}${l.deadAt ? `, dead since ${l.deadAt}` : ''}${l.sentAt ? `, sent ${l.sentAt}` : ''}`,
    ...l.events.map((e) => `  event:  ${e}`),
    `  reason: ${l.reason ?? "not kept by SQS: the ingest function's log has it under this message id"}`,
  ]);
  const hint = target === 'aws' ? 'Fix the cause, then: dateline --target aws dlq redrive' : 'Fix the cause, then: dateline dlq redrive [message ids]';
  return `${lines.join('\n')}\n${plural(letters.length)}. ${hint}\n`;
}

function plural(n: number): string {
  return `${n} message${n === 1 ? '' : 's'}`;
}
