/**
 * Near-duplicates found when they are read, from the band items the projector keeps
 * (shared/duplicates.ts): the article's anchors -> one Query per anchor (side by side) -> the
 * candidates sharing the most anchors -> one BatchGetItem of their sketches -> resemblance. A
 * candidate counts only while its band item is of its stored version (same sequencer, not
 * deleted), so a band item the projector has not yet taken away never shows. Nothing is linked
 * at write time, so nothing must be kept in step from two sides: two articles that share an
 * anchor find each other, whichever is read.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { bandPartition, indexAnchors, isIndexable, matchCandidates, MAX_ITEMS_PER_ANCHOR, type BandEntry } from '../shared/duplicates';
import { articleKey } from '../shared/items';
import type { ArticleRecord, Duplicate } from '../shared/record';
import { PREFIX, TABLE } from '../shared/table';
import { batchGet } from './batch';

/** Candidates read per article: one BatchGetItem. */
const MAX_CANDIDATES = 100;

export async function findNearDuplicates(doc: DynamoDBDocumentClient, tableName: string, record: ArticleRecord): Promise<Duplicate[]> {
  if (!isIndexable(record)) return [];
  const own = record.source.key;
  const partitions = await Promise.all(
    indexAnchors(record).map(async (anchor) => {
      const output = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': TABLE.partitionKey.name, '#sk': TABLE.sortKey.name, '#seq': 'sequencer' },
          ExpressionAttributeValues: { ':pk': bandPartition(anchor) },
          ProjectionExpression: '#sk, #seq',
          Limit: MAX_ITEMS_PER_ANCHOR,
        }),
      );
      return output.Items ?? [];
    }),
  );
  const shared = new Map<string, { anchors: number; sequencer: unknown }>();
  for (const item of partitions.flat()) {
    const key = String(item[TABLE.sortKey.name]);
    if (key === own) continue;
    shared.set(key, { anchors: (shared.get(key)?.anchors ?? 0) + 1, sequencer: item.sequencer ?? null });
  }
  const candidates = [...shared].sort((a, b) => b[1].anchors - a[1].anchors || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CANDIDATES);
  if (candidates.length === 0) return [];
  const articles = await batchGet(doc, tableName, candidates.map(([key]) => ({ ...articleKey(key) })), {
    projection: '#pk, #id, #seq, deleted, fingerprints',
    names: { '#pk': TABLE.partitionKey.name, '#id': 'id', '#seq': 'sequencer' },
  });
  const entries: BandEntry[] = articles.flatMap((article) => {
    const key = String(article[TABLE.partitionKey.name]).slice(PREFIX.article.length);
    const fingerprints = article.fingerprints as { simhash?: string; minhash?: string } | undefined;
    if (article.deleted === true || (article.sequencer ?? null) !== shared.get(key)?.sequencer || !fingerprints?.minhash) return [];
    return [{ id: String(article.id), key, simhash: fingerprints.simhash ?? '', minhash: fingerprints.minhash, sequencer: (article.sequencer as string | undefined) ?? null }];
  });
  return matchCandidates(record, entries).map((m) => m.duplicate);
}
