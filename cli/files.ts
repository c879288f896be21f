/** Turning the paths a user names into files and object keys, the way `drop` and `extract` read them. */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { CliError } from './errors';

/** Content types by extension; the extractor sniffs the encoding itself, so none names a charset. */
const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface FileToDrop {
  /** The path on disk. */
  readonly path: string;
  /** The object key: a file's base name, or a folder's file's path inside the folder (with `/`). */
  readonly key: string;
}

/**
 * Expands files and folders into (path, key) pairs, in a stable order. Hidden files and folders
 * (`.git`, `.DS_Store`) are skipped inside folders. Two paths that would land on the same key are
 * refused before anything is uploaded, since the second upload would silently replace the first.
 */
export async function filesToDrop(paths: readonly string[], prefix: string): Promise<FileToDrop[]> {
  const files: FileToDrop[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(error.code === 'ENOENT' ? `no such file or folder: ${path}` : `cannot read ${path}: ${error.message}`, { cause: error });
    });
    if (info.isDirectory()) {
      const inside = await walk(path);
      if (inside.length === 0) throw new CliError(`folder ${path} holds no files`);
      files.push(...inside.map((file) => ({ path: file, key: prefix + relative(path, file).split(sep).join('/') })));
    } else if (info.isFile()) {
      files.push({ path, key: prefix + basename(path) });
    } else {
      throw new CliError(`not a file or folder: ${path}`);
    }
  }
  const seen = new Map<string, string>();
  for (const file of files) {
    const earlier = seen.get(file.key);
    if (earlier !== undefined) throw new CliError(`${earlier} and ${file.path} would both be stored as ${file.key}`);
    seen.set(file.key, file.path);
  }
  return files;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Every regular file under `folder`, sorted, depth first, without hidden entries. */
async function walk(folder: string): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort(byName);
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
