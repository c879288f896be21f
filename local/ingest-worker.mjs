// Entry of the ingest thread (local/ingest-thread.ts): a worker starts without the loader of the
// thread that made it (tsx, or vitest's), so it registers tsx's before importing TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-worker.ts');
