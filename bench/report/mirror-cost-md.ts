/**
 * The records mirror's part of docs/cost.md: what search, stats and export cost on AWS (Athena over
 * the mirror in S3), against OpenSearch Serverless, the other managed engine considered.
 * The row size is measured (see MIRROR_ROW_BYTES); the query mix is an assumption, stated.
 */
import { PRICES } from '../prices';

/**
 * Bytes of one mirror row, measured on 2026-12-07 over 60 files of ../shared/corpus (every ninth
 * article file, shared/mirror.ts `mirrorRowOf` with the text read by `articleText`): 8,361 bytes on
 * average (the record as JSON 4,431 of them). The examples/ articles give 6,666.
 */
export const MIRROR_ROW_BYTES = 8361;
/** Assumed use: searches, stats pages and exports a month, by a newsroom's few dozen readers. */
const QUERIES_PER_MONTH = 1000;
/** Years the archive spans, for the cost of a query over one month (partition projection reads that month only). */
const ARCHIVE_YEARS = 10;

const usd = (n: number): string => (n >= 100 ? `$${n.toFixed(0)}` : n >= 1 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`);

function perQuery(rows: number): number {
  const scannedMb = Math.max((rows * MIRROR_ROW_BYTES) / 1e6, PRICES.athena.minimumMbPerQuery);
  // Athena reads every object of the partitions a query covers: one S3 GET each, billed to the bucket.
  return (scannedMb / 1e6) * PRICES.athena.perTbScanned + (rows / 1000) * PRICES.s3.getPerThousand;
}

export function mirrorCostMarkdown(): string {
  const sizes = [10_000, 100_000, 1_000_000];
  const rows = sizes.map((n) => {
    const whole = perQuery(n);
    const month = perQuery(n / (ARCHIVE_YEARS * 12));
    const storage = ((n * MIRROR_ROW_BYTES) / 1e9) * PRICES.s3.storagePerGbMonth;
    return [n.toLocaleString('en-US'), usd(storage), usd(whole), usd(month), usd(whole * QUERIES_PER_MONTH + storage)];
  });
  const ocuMonth = PRICES.openSearchServerless.perOcuHour * 730;
  return `## Search, stats and export: the records mirror

Athena over the mirror in S3 (a Glue table with partition projection by month; infra/constructs/records-mirror.ts),
DuckDB locally. Per million articles written: one S3 PUT of the row (${usd(PRICES.s3.putPerThousand * 1000)}) and one GET of the
article for its words (${usd(PRICES.s3.getPerThousand * 1000)}), by the projector. Rows are ${MIRROR_ROW_BYTES.toLocaleString('en-US')} bytes (measured, bench/report/mirror-cost-md.ts).

| archive (records) | mirror storage per month | a query over the whole archive | a query over one month | ${QUERIES_PER_MONTH.toLocaleString('en-US')} whole-archive queries a month + storage |
|---|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

A query costs Athena's scan (${usd(PRICES.athena.perTbScanned)} per TB, at least ${PRICES.athena.minimumMbPerQuery} MB) plus one S3 GET per row object it reads
(a month of a ${ARCHIVE_YEARS}-year archive is 1/${ARCHIVE_YEARS * 12} of it). OpenSearch Serverless bills compute by the hour whether
or not anyone searches: at least 1 OCU (${usd(ocuMonth)} a month) and 2 with standby replicas (${usd(2 * ocuMonth)}), storage aside.

**Why Athena.** An archive is searched in bursts by a few people; Athena costs nothing while idle, needs no
cluster, reads the same JSON rows DuckDB reads locally, and runs the same SQL text. Up to about a hundred
thousand records it costs cents to a few dollars a month. **Where it stops being cheap**: one object per
record means one GET per record per whole-archive query, which dominates from about a million records
(about ${usd(perQuery(1_000_000))} a query). The remedy, not built yet: compact each closed month's rows into one Parquet file
(an Athena \`INSERT INTO\` or a scheduled job), which makes a whole-archive query a few hundred GETs and
a columnar scan of the term columns; past that, OpenSearch Serverless's fixed ${usd(ocuMonth)}–${usd(2 * ocuMonth)} a month is the better buy.
`;
}
