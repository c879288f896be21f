/** Shared test helpers for the extraction core: sources, one-call extraction, paths to ../shared. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractRecord } from '../../shared/extract/index';
import type { ArticleRecord, Source } from '../../shared/record';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const fixturesDir = path.join(repoRoot, 'test/fixtures/extract');
export const NOW = '2024-05-01T12:00:00.000Z';

/** True when ../shared/<relative> exists; otherwise prints why the caller skips. */
export function sharedAvailable(relative: string, what: string): boolean {
  const present = existsSync(path.join(sharedDir, relative));
  if (!present) console.warn(`[extract tests] ${path.join(sharedDir, relative)} is absent: skipping ${what}.`);
  return present;
}

export function sourceFor(key: string, size: number, contentType: string | null = null): Source {
  return { bucket: 'articles', key, versionId: null, etag: null, size, contentType, sequencer: null, uploadedAt: null, metadata: {} };
}

export function extract(content: string | Uint8Array, key = 'article.txt', contentType: string | null = null): ArticleRecord {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return extractRecord({ bytes, source: sourceFor(key, bytes.length, contentType), now: NOW });
}
