/**
 * dynalite in a child process, on a LevelDB folder, with local/dynamo-server's options, so that it
 * can be stopped in the middle of a batch and started again on the same port and data.
 *
 * Stopping is SIGTERM: the server stops accepting connections, closes each one as soon as it is
 * idle (clients that send on it then get a reset), lets the requests in flight finish, closes its
 * database and exits. Not SIGKILL: dynalite writes an item and its GSI entries in separate steps,
 * so a kill between them leaves an index entry DynamoDB itself never would (an emulator artifact).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface DynamoProcess {
  readonly endpoint: string;
  readonly port: number;
  /** Stops the server (SIGTERM, SIGKILL after 15 s) and waits for the process to be gone. */
  stop(): Promise<void>;
}

const SERVER = `
const [dynalitePath, directory, host, port] = process.argv.slice(1);
const server = require(dynalitePath)({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(port), host, () => process.stdout.write('listening ' + server.address().port + '\\n'));
process.on('SIGTERM', () => {
  const sweep = setInterval(() => server.closeIdleConnections(), 5);
  server.close(() => {
    clearInterval(sweep);
    process.exit(0);
  });
  server.closeIdleConnections();
});
// The parent going away takes this server with it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
`;

/** A stop that has not finished by then is a hung server: it is killed. */
const STOP_MS = 15_000;

const STARTUP_MS = 30_000;

export async function startDynamoProcess(options: { directory: string; host: string; port: number }): Promise<DynamoProcess> {
  await mkdir(options.directory, { recursive: true });
  const dynalitePath = createRequire(import.meta.url).resolve('dynalite');
  const child = spawn(process.execPath, ['-e', SERVER, dynalitePath, options.directory, options.host, String(options.port)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`dynalite did not listen within ${STARTUP_MS} ms`)), STARTUP_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`dynalite exited (${code}) before it listened: ${output}`)));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(Number(match[1]));
    });
  });
  return { endpoint: `http://${options.host}:${port}`, port, stop: () => stop(child) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hung = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
    child.once('exit', () => {
      clearTimeout(hung);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
