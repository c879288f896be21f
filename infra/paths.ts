import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory of `cdk`, `tsx` or vitest is. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The Lambda entries the stack bundles. */
export const ENTRY = {
  ingest: path.join(REPO_ROOT, 'functions', 'ingest.ts'),
  api: path.join(REPO_ROOT, 'functions', 'api.ts'),
  projector: path.join(REPO_ROOT, 'functions', 'projector.ts'),
} as const;

export const LOCK_FILE = path.join(REPO_ROOT, 'package-lock.json');

/** The NER model files ingest reads at run time, relative to the repository root. */
export const NER_MODEL_FILES = ['models/ner-ar.bin', 'models/ner-en.bin'] as const;
