/**
 * The example articles the local stack puts into an empty bucket on its very first start, so that
 * there is something to read at once. They go in through the S3 API, like any dropped file, and
 * reach the table through the same events, queue and ingest handler.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** `examples/` at the repository root: articles written for Dateline (Arabic and English). */
export const EXAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');

/** Where the examples go in the bucket. */
export const EXAMPLES_PREFIX = 'examples/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
};

/** Puts every article of `directory` into the bucket; returns the keys. */
export async function putExampleArticles(s3: S3Client, bucket: string, directory: string = EXAMPLES_DIR): Promise<string[]> {
  const names = (await readdir(directory)).filter((name) => path.extname(name) in CONTENT_TYPES).sort();
  const keys: string[] = [];
  for (const name of names) {
    const key = `${EXAMPLES_PREFIX}${name}`;
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: await readFile(path.join(directory, name)),
        ContentType: CONTENT_TYPES[path.extname(name)],
      }),
    );
    keys.push(key);
  }
  return keys;
}
