/**
 * The projector's second duty: the records mirror (shared/mirror.ts) that search, stats and export
 * read through a query engine. For a change of an article item it puts the new record's row and
 * deletes the old row when it lived under another key (a tombstone, or `published` moved to
 * another month). Puts and deletes are by deterministic keys, so a replayed change does no harm.
 *
 * Search needs the article's words, which the record does not hold (it stays small, inside a
 * DynamoDB item): the row's body terms are read from the article's object, the very version the
 * record describes (its versionId, else its etag). An object already replaced or deleted gives an
 * empty body; its newer event brings the next change.
 */
import { mirrorChange, mirrorRowOf } from '../shared/mirror';
import type { MirrorStore, ObjectReader } from '../shared/ports';
import type { ArticleRecord } from '../shared/record';
import { blocksText } from '../shared/search-text';
import { readRecordText } from './article-files';

export interface MirrorDependencies {
  readonly store: MirrorStore;
  readonly objects: ObjectReader;
  /** Largest object read for its text (ingest's limit: a bigger file is a rejected record anyway). */
  readonly maxBytes: number;
}

export async function projectToMirror(deps: MirrorDependencies, before: ArticleRecord | null, after: ArticleRecord | null): Promise<void> {
  const change = mirrorChange(before, after);
  if (change.put) {
    const { record } = change.put;
    const text = record.status === 'ok' ? await readText(deps, record) : '';
    await deps.store.put(change.put.key, `${JSON.stringify(mirrorRowOf(record, text))}\n`);
  }
  if (change.delete) await deps.store.delete(change.delete);
}

/** The record's version read as the API reads it (functions/article-files.ts), to ingest's limit; empty when that version is gone. */
async function readText(deps: MirrorDependencies, record: ArticleRecord): Promise<string> {
  const answer = await readRecordText(deps.objects, record, deps.maxBytes);
  return answer.kind === 'text' ? blocksText(answer.text) : '';
}
