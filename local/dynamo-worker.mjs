// dynalite on a thread of its own (started by local/dynamo-server.ts). Plain JavaScript, so the
// thread starts without a TypeScript loader: it only needs dynalite and a socket.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite');
const { host, port, directory } = workerData;

// Tables become ACTIVE at once: the stack creates its table on the first start and must not wait.
const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

server.once('error', (error) => parentPort.postMessage({ kind: 'failed', code: error.code ?? null, message: error.message }));
server.listen(port, host, () => parentPort.postMessage({ kind: 'listening', port: server.address().port }));

parentPort.on('message', (message) => {
  if (message !== 'close') return;
  // Without waiting for idle keep-alive connections (SDK clients keep them open); running requests
  // finish first, and dynalite closes its LevelDB with the server.
  server.close((error) => parentPort.postMessage({ kind: 'closed', message: error && error.code !== 'ERR_SERVER_NOT_RUNNING' ? error.message : null }));
  server.closeIdleConnections();
});
