/**
 * The local queue on disk, in its data folder: `queue.json` (messages not yet done, written on a
 * clean stop) and `dead-letters.json` (written whenever it changes). Also what a command needs
 * while no stack runs: read the dead letters, redrive them into the next run.
 */
import path from 'node:path';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from './json-file';
import { lockDataDir } from './lock';

const StoredMessage = z.object({
  messageId: z.string(),
  body: z.string(),
  sentAt: z.number(),
  receiveCount: z.number().int().nonnegative(),
  firstReceivedAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

const DeadLetter = StoredMessage.extend({ deadAt: z.string(), reason: z.string() });
export type DeadLetter = z.infer<typeof DeadLetter>;

const QueueFile = z.object({ messages: z.array(StoredMessage) });
const DeadLetterFile = z.object({ deadLetters: z.array(DeadLetter) });

export const queueFileIn = (directory: string): string => path.join(directory, 'queue.json');
export const deadLetterFileIn = (directory: string): string => path.join(directory, 'dead-letters.json');

export async function readQueueFile(file: string): Promise<StoredMessage[]> {
  return (await readJson(file, QueueFile, { messages: [] })).messages;
}

export function writeQueueFile(file: string, messages: readonly StoredMessage[]): Promise<void> {
  return writeJsonAtomic(file, { messages });
}

export async function readDeadLetterFile(file: string): Promise<DeadLetter[]> {
  return (await readJson(file, DeadLetterFile, { deadLetters: [] })).deadLetters;
}

export function writeDeadLetterFile(file: string, deadLetters: readonly DeadLetter[]): Promise<void> {
  return writeJsonAtomic(file, { deadLetters });
}

/** Reads the dead-letter list a local stack keeps in `directory` (its data folder). */
export function readDeadLetters(directory: string): Promise<DeadLetter[]> {
  return readDeadLetterFile(deadLetterFileIn(directory));
}

/**
 * Redrives the dead letters (all, or those with the given ids) of a stack that is not running:
 * they move into its saved queue and are delivered on its next start. Takes the data folder's
 * lock, so it fails with `DataDirInUseError` while a stack runs there (use `queue.redrive()` then).
 */
export async function redriveStoppedQueue(directory: string, messageIds?: readonly string[]): Promise<number> {
  const unlock = await lockDataDir(directory);
  try {
    const dead = await readDeadLetters(directory);
    const chosen = dead.filter((d) => !messageIds || messageIds.includes(d.messageId));
    if (chosen.length === 0) return 0;
    const pending = await readQueueFile(queueFileIn(directory));
    const redriven = chosen.map((d) => ({ messageId: d.messageId, body: d.body, sentAt: d.sentAt, receiveCount: 0, firstReceivedAt: null, lastError: null }));
    await writeQueueFile(queueFileIn(directory), [...pending, ...redriven]);
    await writeDeadLetterFile(deadLetterFileIn(directory), dead.filter((d) => !chosen.includes(d)));
    return chosen.length;
  } finally {
    await unlock();
  }
}
