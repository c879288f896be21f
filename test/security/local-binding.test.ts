/**
 * The embedded local stack listens on 127.0.0.1 only: its S3, DynamoDB and API servers are
 * reachable from this machine and from nowhere else. Proven two ways: the kernel's table of
 * listening sockets (/proc/net/tcp and tcp6 on Linux) shows each port bound to 127.0.0.1 and to
 * no other address, and a connection to each port through this machine's other addresses is
 * refused. Each part skips with a notice where it cannot run (no /proc, no other address).
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from '../local/helpers';

let t: TestStack;
let dataDir: string;
let ports: number[];

beforeAll(async () => {
  dataDir = await makeDataDir();
  t = await startTestStack({ dataDir });
  ports = Object.values(t.stack.endpoints).map((endpoint) => Number(new URL(endpoint).port));
});
afterAll(async () => {
  await t?.stop();
  await removeDataDir(dataDir);
});

/** Local addresses of the sockets listening on `port` (IPv4 as dotted quads, IPv6 as hex). */
function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [hex, portHex] = local.split(':');
      if (Number.parseInt(portHex!, 16) !== port) continue;
      addresses.push(hex!.length === 8 ? ipv4FromProc(hex!) : hex!);
    }
  }
  return addresses;
}

/** /proc writes an IPv4 address as one little-endian 32-bit hex number. */
function ipv4FromProc(hex: string): string {
  return [3, 2, 1, 0].map((i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

function tryConnect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('the local stack', () => {
  it('binds each of its servers to 127.0.0.1 and to no other address', (context) => {
    if (!existsSync('/proc/net/tcp')) {
      console.warn('skipped: no /proc/net/tcp to read listening sockets from (not Linux)');
      context.skip();
    }
    expect(ports).toHaveLength(3);
    for (const port of ports) expect(listeningAddresses(port), `port ${port}`).toEqual(['127.0.0.1']);
  });

  it("refuses connections through this machine's other addresses", async (context) => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    if (others.length === 0) {
      console.warn('skipped: this machine has no address besides loopback to try');
      context.skip();
    }
    for (const port of ports) {
      expect(await tryConnect('127.0.0.1', port), `127.0.0.1:${port}`).toBe('connected');
      for (const address of others) expect(await tryConnect(address, port), `${address}:${port}`).toBe('ECONNREFUSED');
    }
  });
});
