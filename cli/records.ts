/**
 * The records engine a command reads the mirror through (shared/records-queries.ts): locally DuckDB
 * over the data folder's mirror files (local/records-engine.ts, so it works whether or not the
 * stack runs), with `--target aws` Athena in the stack's workgroup (its outputs name it).
 */
import path from 'node:path';
import type { RecordsEngine } from '../shared/ports';
import { InvalidQueryError } from '../shared/queries';
import { LOCAL_DEFAULTS, stackOutputs, type GlobalOptions } from './context';
import { CliError } from './errors';

export interface RecordsOptions extends GlobalOptions {
  /** local: the stack's data folder. */
  readonly dataDir: string;
}

export async function withRecordsEngine<T>(command: string, options: RecordsOptions, work: (engine: RecordsEngine) => Promise<T>): Promise<T> {
  const engine = options.target === 'aws' ? await athenaEngine(options) : await localEngine(options);
  try {
    return await work(engine.engine);
  } catch (error) {
    // A bad flag is a usage error: name the flag as the user typed it.
    if (error instanceof InvalidQueryError) throw new CliError(`${command}: ${error.message.replace(/^(\w+):/, (_, name: string) => `--${name === 'q' ? 'words' : name}:`)}`, { exitCode: 2, cause: error });
    throw error;
  } finally {
    engine.close();
  }
}

async function localEngine(options: RecordsOptions): Promise<{ engine: RecordsEngine; close(): void }> {
  const { createLocalRecordsEngine } = await import('../local/records-engine');
  const engine = createLocalRecordsEngine(path.resolve(options.dataDir, 's3', LOCAL_DEFAULTS.mirrorBucket));
  return { engine, close: () => engine.close() };
}

async function athenaEngine(options: RecordsOptions): Promise<{ engine: RecordsEngine; close(): void }> {
  const outputs = await stackOutputs(options.stack, options.region);
  const { OUTPUT } = await import('../infra/outputs');
  const workGroup = outputs.get(OUTPUT.recordsWorkGroup);
  const database = outputs.get(OUTPUT.recordsDatabase);
  if (!workGroup || !database) throw new CliError(`stack ${options.stack} has no ${OUTPUT.recordsWorkGroup} output: deploy this version of the stack first`);
  const [{ AthenaClient }, { createAthenaEngine }] = await Promise.all([import('@aws-sdk/client-athena'), import('../adapters/athena-engine')]);
  const athena = new AthenaClient(options.region ? { region: options.region } : {});
  return { engine: createAthenaEngine({ athena, workGroup, database }), close: () => athena.destroy() };
}
