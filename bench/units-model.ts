/**
 * `npx tsx bench/units-model.ts`: DynamoDB write units per article, ingest and projector together,
 * computed without the local stack: each corpus article is extracted (with the NER taggers),
 * turned into its article item as ingest puts it, and projected as the projector would
 * (shared/projection.ts), each item priced by the rules of part 4 (bench/lib/capacity.ts). Markers
 * count once per run, as one projector remembers them. Deterministic, so it tells a layout change
 * apart from the noise of a shared machine; on the same code it gives what `npm run bench -- --only
 * units` measures through the wire (30.98 on 2026-12-07 at 8632b8d, both ways).
 */
import { lazyNerTaggers } from '../adapters/ner-taggers';
import { extractRecord } from '../shared/extract';
import { fitRecord, recordToItem } from '../shared/items';
import { isMarker, projectionOf } from '../shared/projection';
import { TABLE } from '../shared/table';
import { loadArticles } from './lib/articles';
import { putCost, type IndexShape } from './lib/capacity';

const indexes: IndexShape[] = TABLE.globalSecondaryIndexes.map((index) => ({
  indexName: index.indexName,
  partitionKey: index.partitionKey.name,
  sortKey: index.sortKey.name,
  projection: index.projection.type === 'INCLUDE' ? { type: 'INCLUDE', attributes: index.projection.nonKeyAttributes } : index.projection,
}));
const TABLE_KEYS = [TABLE.partitionKey.name, TABLE.sortKey.name];
// What the units part's uploads look like to ingest: its key shape, an unversioned bucket, one upload time.
const UPLOADED_AT = '2026-12-07T21:06:03.640Z';

const { articles, from } = loadArticles();
const ner = lazyNerTaggers();
const byFamily = new Map<string, number>();
const markersWritten = new Set<string>();
for (const [i, article] of articles.entries()) {
  const source = { bucket: 'dateline-articles', key: `units/${i}/${article.name}`, versionId: null, etag: 'd41d8cd98f00b204e9800998ecf8427e', size: article.bytes.length, contentType: 'text/plain; charset=utf-8', sequencer: '00675486A1C6E2F1B0', uploadedAt: UPLOADED_AT, metadata: {} };
  const item: Record<string, unknown> = { ...recordToItem(fitRecord(extractRecord({ bytes: article.bytes, source, now: UPLOADED_AT }, { ner }))) };
  for (const written of [item, ...projectionOf(item)]) {
    const pk = String(written[TABLE.partitionKey.name]);
    if (isMarker({ pk })) {
      const id = `${pk}\u0000${String(written[TABLE.sortKey.name])}`;
      if (markersWritten.has(id)) continue;
      markersWritten.add(id);
    }
    const cost = putCost(written, indexes, TABLE_KEYS);
    const family = pk.split('#')[0] ?? pk;
    byFamily.set(family, (byFamily.get(family) ?? 0) + cost.tableUnits + cost.indexUnits);
  }
}
const perArticle = (units: number) => (units / Math.max(1, articles.length)).toFixed(2);
const total = [...byFamily.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`${articles.length} articles of ${from}: ${perArticle(total)} write units per article (${[...byFamily].map(([family, units]) => `${family} ${perArticle(units)}`).join(', ')})\n`);
