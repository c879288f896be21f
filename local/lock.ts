/**
 * One local stack per data folder. dynalite's LevelDB refuses a second opener, but only later and
 * obscurely (requests fail with "Database is closed"); this lock says so at once, naming the
 * process that holds the folder. A lock left by a process that is gone is taken over.
 */
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | null,
  ) {
    super(`the data folder ${dataDir} is in use by another local stack${pid ? ` (process ${pid})` : ''}`);
    this.name = 'DataDirInUseError';
  }
}

/** Takes the folder's lock; resolves to the function that releases it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'dateline.pid');
  // Two rounds: the second follows the removal of a stale lock.
  for (let round = 0; round < 2; round += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) throw new DataDirInUseError(dataDir, pid);
      await rm(file, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir, null);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
