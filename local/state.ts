/**
 * What the local stack remembers between runs besides its data: the last sequencer handed out (so
 * that sequencers keep growing across restarts even if the clock steps back) and whether the
 * example articles were already put in (so that they come only on the very first start).
 */
import path from 'node:path';
import { z } from 'zod';
import { readJson, writeJsonAtomic } from './json-file';

const LocalState = z.object({
  lastSequencer: z.string().nullable().default(null),
  seededAt: z.string().nullable().default(null),
});
export type LocalState = z.infer<typeof LocalState>;

const stateFile = (dataDir: string): string => path.join(dataDir, 'local-state.json');

export function readLocalState(dataDir: string): Promise<LocalState> {
  return readJson(stateFile(dataDir), LocalState, { lastSequencer: null, seededAt: null });
}

export function writeLocalState(dataDir: string, state: LocalState): Promise<void> {
  return writeJsonAtomic(stateFile(dataDir), state);
}
