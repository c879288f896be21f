/** Small helpers for the local servers' sockets. */
import type { Server } from 'node:http';

/**
 * Closes an HTTP server without waiting for idle keep-alive connections (SDK clients keep them
 * open), so that a stop is prompt. Requests already running finish first.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
    server.closeIdleConnections();
  });
}

/** Listens, rejecting on an error such as EADDRINUSE (which `listen`'s callback never sees). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Fails with a clear message when a fixed port is taken, before any server is half started. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(`port ${port} for ${service} is already in use on 127.0.0.1 (choose another with the flags or env vars)`, options);
    this.name = 'PortInUseError';
  }
}
