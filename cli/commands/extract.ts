/**
 * `dateline extract <file>…`: the extraction the pipeline runs, on local files, with nothing
 * started and nothing uploaded. One JSON record per line on stdout (the record is the output, so
 * there is no human form); `source.bucket` is `-` (no bucket) and `source.key` the file's name.
 * Folders are read as \`drop\` reads them: every file inside, keyed by its path in the folder.
 * Exit status 1 when a file could not be read; its record is skipped and stderr says why.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { lazyNerTaggers } from '../../adapters/ner-taggers';
import { extractRecord } from '../../shared/extract';
import type { Source } from '../../shared/record';
import { contentTypeOf, filesToDrop, type FileToDrop } from '../files';

/** Stands in for the bucket of a file that was never uploaded. */
export const NO_BUCKET = '-';

export async function runExtract(paths: readonly string[]): Promise<number> {
  let status = 0;
  const files: FileToDrop[] = [];
  for (const path of paths) {
    try {
      files.push(...(await filesToDrop([path], '')));
    } catch (error) {
      process.stderr.write(`dateline: cannot read ${path}: ${(error as Error).message}\n`);
      status = 1;
    }
  }
  // The same taggers ingest uses, each model loaded only if some file is in its language.
  const ner = lazyNerTaggers();
  for (const { path: file, key } of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      process.stderr.write(`dateline: cannot read ${file}: ${(error as Error).message}\n`);
      status = 1;
      continue;
    }
    const source: Source = {
      bucket: NO_BUCKET,
      key,
      versionId: null,
      // What S3 would report for a single-part upload of these bytes.
      etag: createHash('md5').update(bytes).digest('hex'),
      size: bytes.length,
      contentType: contentTypeOf(file),
      sequencer: null,
      // Never uploaded: the index date falls back to `published` or the extraction time.
      uploadedAt: null,
      metadata: {},
    };
    const record = extractRecord({ bytes: new Uint8Array(bytes), source, now: new Date().toISOString() }, { ner });
    process.stdout.write(`${JSON.stringify(record)}\n`);
  }
  return status;
}
