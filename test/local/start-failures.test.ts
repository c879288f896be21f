/**
 * A start that cannot complete says why and leaves nothing running behind it.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../local/lock';
import { PortInUseError } from '../../local/net';
import { startLocalStack } from '../../local/stack';
import { makeDataDir, removeDataDir } from './helpers';

let blocker: Server;
let busyPort: number;
let dataDir: string;

beforeAll(async () => {
  dataDir = await makeDataDir();
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
  await removeDataDir(dataDir);
});

describe('starting the local stack', () => {
  it('names the service and port that are taken, and closes what it had started', async () => {
    const attempt = startLocalStack({ dataDir, s3Port: busyPort, dynamoPort: 0, apiPort: 0, seed: false });
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    await expect(attempt).rejects.toThrow(`port ${busyPort} for S3`);

    // A second start on the same data folder succeeds only if the failed start released the
    // folder's lock and dynalite's LevelDB.
    const stack = await startLocalStack({ dataDir, s3Port: 0, dynamoPort: 0, apiPort: 0, seed: false });
    await stack.stop();
  });

  it('closes every server on stop even when the queue cannot be written (the data folder went away)', async () => {
    const gone = await makeDataDir();
    const stack = await startLocalStack({ dataDir: gone, s3Port: 0, dynamoPort: 0, apiPort: 0, seed: false });
    await removeDataDir(gone);
    await expect(stack.stop()).rejects.toThrow(/ENOENT/);
    for (const endpoint of Object.values(stack.endpoints)) {
      await expect(fetch(endpoint), endpoint).rejects.toThrow();
    }
  });

  it('refuses a second stack on a data folder that is in use', async () => {
    const first = await startLocalStack({ dataDir, s3Port: 0, dynamoPort: 0, apiPort: 0, seed: false });
    try {
      await expect(startLocalStack({ dataDir, s3Port: 0, dynamoPort: 0, apiPort: 0, seed: false })).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      await first.stop();
    }
  });
});
