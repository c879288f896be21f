/**
 * docs/scale.md, written from a run: what 10, 1,000 and 10,000 articles per second mean for each
 * part of the pipeline, with this run's figures, and what to change at each step.
 */
import type { BenchResults } from '../results';
import { PRICES, PRICES_AS_OF } from '../prices';
import { DEFAULT_INGEST_MAX_CONCURRENCY } from '../../infra/dateline-stack';
import { bytes, num, table, usd } from './format';

/** AWS limits the plan is measured against (documented defaults as of PRICES_AS_OF; many adjustable). */
export const AWS_LIMITS = {
  /** One DynamoDB partition: write and read units per second. */
  partitionWriteUnits: 1_000,
  partitionReadUnits: 3_000,
  /** What a new on-demand table serves at once; beyond, it ramps (or is pre-warmed). */
  onDemandInitialWriteUnits: 4_000,
  /** Default per-table throughput quota of on-demand tables (adjustable). */
  tableWriteUnitsQuota: 40_000,
  /** Default account concurrency of Lambda (adjustable). */
  lambdaConcurrency: 1_000,
  /** Most concurrent invocations an SQS event source mapping scales to by default. */
  sqsEventSourceConcurrency: 1_250,
  /** S3 request rates per partitioned prefix. */
  s3PutsPerPrefix: 3_500,
  s3GetsPerPrefix: 5_500,
  itemBytes: 400 * 1024,
} as const;

export const SCALE_RATES = [10, 1_000, 10_000] as const;
const DAY_S = 86_400;
const GIB = 2 ** 30;
/** Aim each partition key at this share of a partition's limit, leaving room for bursts. */
const PARTITION_HEADROOM = 0.8;

export function scaleMarkdown(r: BenchResults): string {
  const cost = r.cost;
  const units = r.units;
  const ingestCold = r.coldStart?.variants.find((v) => v.id === 'ingest');
  const warm = r.coldStart?.warm.find((w) => w.id === 'ingest');
  const perArticleMs = cost.lambdaMsPerArticle;
  const wru = units?.writeUnits.mean ?? Number.NaN;
  const hot = units?.hotKeys ?? [];
  const hottest = hot[0];
  const logBytes = warm?.logBytesPerArticle ?? Number.NaN;
  const stored = units?.storedBytesPerArticle ?? Number.NaN;

  const at = (rate: number) => ({
    rate,
    concurrency: (rate * perArticleMs) / 1000,
    invocations: rate / cost.batchSize,
    writeUnits: rate * wru,
    hotWriteUnits: hottest ? rate * hottest.writeUnitsPerArticle : Number.NaN,
    logsGbDay: (rate * logBytes * DAY_S) / GIB,
    costPerDay: (rate * DAY_S * cost.totalPerMillion) / 1e6,
    storageGbDay: (rate * DAY_S * stored) / GIB,
  });
  const columns = SCALE_RATES.map(at);
  const row = (label: string, cell: (c: ReturnType<typeof at>) => string) => [label, ...columns.map(cell)];

  const overview = table(
    ['', ...SCALE_RATES.map((rate) => `${num(rate, 0)} articles/s`)],
    [
      row('ingest Lambda concurrency (rate × time per article)', (c) => num(Math.max(c.concurrency, 0.01), c.concurrency < 10 ? 1 : 0)),
      row(`invocations/s (batches of ${cost.batchSize})`, (c) => num(c.invocations, c.invocations < 10 ? 1 : 0)),
      row('DynamoDB write units/s, whole table', (c) => num(c.writeUnits, 0)),
      row(`hottest partition key (${hottest ? `${hottest.where} ${hottest.key}` : 'n/a'}) write units/s`, (c) => `${num(c.hotWriteUnits, 0)} (${num(c.hotWriteUnits / AWS_LIMITS.partitionWriteUnits, 1)}× one partition)`),
      row('S3 PUT + GET/s', (c) => num(c.rate * 2, 0)),
      row('CloudWatch Logs ingested per day', (c) => `${num(c.logsGbDay, 1)} GiB`),
      row('DynamoDB storage added per day', (c) => `${num(c.storageGbDay, 1)} GiB`),
      row('cost per day (docs/cost.md, storage aside)', (c) => usd(c.costPerDay)),
    ],
  );

  const hotRows = hot.slice(0, 8).map((key) => [
    key.where,
    `\`${key.key}\``,
    `${(key.articleShare * 100).toFixed(0)}%`,
    num(key.writeUnitsPerArticle, 2),
    num(AWS_LIMITS.partitionWriteUnits / key.writeUnitsPerArticle, 0),
    ...SCALE_RATES.slice(1).map((rate) => num(Math.max(1, Math.ceil((rate * key.writeUnitsPerArticle) / (AWS_LIMITS.partitionWriteUnits * PARTITION_HEADROOM))), 0)),
  ]);

  const maxSafeRate = hottest ? AWS_LIMITS.partitionWriteUnits / hottest.writeUnitsPerArticle : Number.NaN;
  const entityKeys = hot.filter((k) => /^E/.test(k.key));
  const busiestEntity = entityKeys[0];
  const entityRate = busiestEntity ? AWS_LIMITS.partitionWriteUnits / busiestEntity.writeUnitsPerArticle : Number.POSITIVE_INFINITY;
  const entityStep = (rate: number) =>
    busiestEntity && rate * busiestEntity.writeUnitsPerArticle > AWS_LIMITS.partitionWriteUnits * PARTITION_HEADROOM
      ? ` Entity keys too: \`${busiestEntity.key}\` takes ${num(rate * busiestEntity.writeUnitsPerArticle, 0)} write units/s; partition the most common names by day, or shard them like the GSI keys.`
      : busiestEntity
        ? ` Entity keys are still fine: the busiest, \`${busiestEntity.key}\`, takes ${num(rate * busiestEntity.writeUnitsPerArticle, 0)} write units/s (it throttles near ${num(entityRate, 0)} articles/s).`
        : '';
  const concurrency10k = columns[2]!.concurrency;
  const writeUnits10k = columns[2]!.writeUnits;
  const writeUnits1k = columns[1]!.writeUnits;
  /** What the table as a whole says to a write rate. */
  const tableStep = (units: number): string => {
    if (units <= AWS_LIMITS.onDemandInitialWriteUnits) return 'within what a new on-demand table serves at once';
    const warmUp = `over the ${num(AWS_LIMITS.onDemandInitialWriteUnits, 0)} a new on-demand table serves at once: pre-warm it (warm throughput) or ramp the traffic up`;
    return units <= AWS_LIMITS.tableWriteUnitsQuota ? warmUp : `${warmUp}, and over the default per-table quota of ${num(AWS_LIMITS.tableWriteUnitsQuota, 0)}: ask for more, or cut the units per article (below)`;
  };
  const families = units?.families ?? [];
  const projectAll = Object.values(units?.projections ?? {}).some((p) => p.type === 'ALL');
  const familyLines = families
    .map((f) => {
      const doubled = f.meanItemBytes > 1024 && f.meanItemBytes <= 2048 ? `; items just over 1 KB pay 2 units each, so trimming them under 1 KB halves this` : '';
      return `- \`${f.family}#…\` items: ${num(f.itemsPerArticle, 1)} per article of ${bytes(f.meanItemBytes)} → ${num(f.writeUnitsPerArticle, 1)} units (GSI copies included)${doubled}`;
    })
    .join('\n');
  const HOURS_PER_MONTH = 730;
  const provisionedMonth = (rate: number) => rate * wru * HOURS_PER_MONTH * PRICES.dynamodb.provisionedWriteUnitHour;
  const onDemandMonth = (rate: number) => (rate * wru * HOURS_PER_MONTH * 3600 * PRICES.dynamodb.perMillionWriteUnits) / 1e6;
  const logsCost = (gib: number) => gib * PRICES.cloudWatchLogs.perGbIngested;

  return `# Scale plan

What happens to Dateline at 10, 1,000 and 10,000 articles per second, worked out from the figures of
the last \`npm run bench\` (${r.machine.startedAt.slice(0, 10)}, BENCHMARKS.md) and AWS's documented limits as of
${PRICES_AS_OF}. Regenerated by every full bench run: edit bench/report/scale-md.ts, not this file.

The figures it rests on: ${num(perArticleMs, 1)} ms of ingest Lambda time per article at ${cost.memoryMb} MB (docs/cost.md says how);
${num(wru, 2)} DynamoDB write units per article on average (p95 ${num(units?.writeUnits.p95 ?? Number.NaN, 1)}), ${num(units?.tableWriteUnits ?? Number.NaN, 2)} of them on the
table and ${num(units?.indexWriteUnits ?? Number.NaN, 2)} on the GSIs; an article item of ${bytes(units?.articleItemBytes.mean ?? Number.NaN)} (p95 ${bytes(units?.articleItemBytes.p95 ?? Number.NaN)});
${bytes(logBytes)} of logs per article; a cold start of ${num(ingestCold?.totalMs ?? Number.NaN, 0)} ms measured here.

${overview}

## Hot partition keys

A partition of a table or of a GSI takes at most ${num(AWS_LIMITS.partitionWriteUnits, 0)} write units per second, and one partition key
value lives in one partition as long as writes go to the end of its sort-key range (new articles
do: the GSIs sort by date). The GSIs are partitioned by month, so in live traffic every article of the
moment writes to the same month: the shares below are the corpus's, with the month taken out.
Throttling on a GSI holds back the table's writes as well (GSI back-pressure).

${table(['where', 'partition key', 'articles writing it', 'write units per article', 'articles/s it can take', 'shards needed at 1,000/s', 'at 10,000/s'], hotRows)}

The hottest key, ${hottest ? `\`${hottest.key}\` on ${hottest.where}` : 'n/a'}, caps the pipeline at about **${num(maxSafeRate, 0)} articles/s** before
throttling, whatever the rest of the table could take.${entityKeys.length > 0 ? ` Entity keys are on the list (${entityKeys.map((k) => `\`${k.key}\``).join(', ')}): a name many articles mention (a country, a head of state) writes to one key, like a busy agency.` : ''}
Busy agencies in this corpus: ${(units?.topAgencies ?? []).map((a) => `${a.agency} ${(a.share * 100).toFixed(0)}%`).join(', ') || 'n/a'};
most common entities: ${(units?.topEntities ?? []).map((e) => `${e.entity} ${(e.share * 100).toFixed(0)}%`).join(', ') || 'n/a'}.

Where the ${num(wru, 1)} write units of an article go:

${familyLines || '- (no DynamoDB figures in this run)'}

Items whose key names no article (month markers, say) are shared by many articles and written when
something new appears; the corpus spans years of months, so here they are written more often than in
live traffic, where every article of the moment has the same month.

## At 10 articles per second

- **Lambda**: ${num(columns[0]!.concurrency, 2)} concurrent executions on average; one or two warm instances carry it, and a cold
  start (${num(ingestCold?.totalMs ?? Number.NaN, 0)} ms here) happens a few times an hour. The 5 s batching window fills a batch of
  ${cost.batchSize} in about a second, so a record is written about a second after its upload.
- **SQS**: ${num(10 * (1 + 2 / cost.batchSize), 0)} requests/s; a standard queue does not notice.
- **DynamoDB**: ${num(columns[0]!.writeUnits, 0)} write units/s, far under every limit; on-demand is the right mode.
- **400 KB**: no article item comes near it (p95 ${bytes(units?.articleItemBytes.p95 ?? Number.NaN)}); \`fitRecord\` cuts lists at 350 KB and says so in
  the record, so a monster file still gets its record. What grows with an article is the number of
  items (p95 ${num(units?.itemsWritten.p95 ?? Number.NaN, 0)} per article, entity index items capped per article) and the write units: an item
  costs one unit per started KB, once in the table and once more in every GSI it is projected into.
- **Change nothing.** Cost: ${usd(columns[0]!.costPerDay)} a day.

## At 1,000 articles per second

- **Lambda**: ${num(columns[1]!.concurrency, 0)} concurrent executions, inside the default account limit of ${num(AWS_LIMITS.lambdaConcurrency, 0)}; the
  SQS event source scales its pollers up within a minute or two. The stack caps it at
  \`ingestMaxConcurrency\` (default ${num(DEFAULT_INGEST_MAX_CONCURRENCY, 0)}, about ${num((DEFAULT_INGEST_MAX_CONCURRENCY * 1000) / perArticleMs, 0)} articles/s at this run's time per article), because
  without a cap a bulk upload takes the whole account's concurrency: the API's requests throttle and
  every invocation writes into the same date partition. **Change**: raise the cap to about ${num(Math.ceil(columns[1]!.concurrency * 1.2), 0)}
  (\`npx cdk deploy -c ingestMaxConcurrency=${Math.ceil(columns[1]!.concurrency * 1.2)}\`), keeping it under what the account leaves the API.
- **DynamoDB**: ${num(writeUnits1k, 0)} write units/s, ${tableStep(writeUnits1k)}.
  The hot keys above ${columns[1]!.hotWriteUnits > AWS_LIMITS.partitionWriteUnits * PARTITION_HEADROOM ? `throttle first: the hottest takes ${num(columns[1]!.hotWriteUnits, 0)} write units/s, ${num(columns[1]!.hotWriteUnits / AWS_LIMITS.partitionWriteUnits, 2)}× a partition` : 'stay under a partition\'s limit'}.
  **Change**: (1) shard the GSI partition keys that every article shares — \`D#<month>\` and the big
  languages and agencies — into N keys (\`D#<month>#<hash(key) mod N>\`, N from the table above) and
  read the N shards side by side in shared/queries.ts${projectAll ? `; (2) project only the summary fields into the
  GSIs (INCLUDE instead of ALL): a GSI copy then costs 1 write unit instead of one per started KB of the
  whole record, which cuts the ${num(units?.indexWriteUnits ?? Number.NaN, 1)} GSI units per article to about ${num(Object.keys(units?.projections ?? {}).length, 0)}` : ' (the GSIs already project summaries only, so a copy costs one unit)'}.${entityStep(1_000)}
- **CloudWatch Logs**: ${num(columns[1]!.logsGbDay, 0)} GiB a day (${usd(logsCost(columns[1]!.logsGbDay))}): log one line per batch at INFO and per
  article only at DEBUG, or sample.
- **S3**: ${num(2 * 1_000, 0)} requests/s spread over key prefixes is within S3's per-prefix rates once it has partitioned.
- Cost: ${usd(columns[1]!.costPerDay)} a day.

## At 10,000 articles per second

- **Lambda**: ${num(concurrency10k, 0)} concurrent executions${concurrency10k > AWS_LIMITS.lambdaConcurrency ? `: over the default account limit of ${num(AWS_LIMITS.lambdaConcurrency, 0)}; ask for more` : ''}${concurrency10k > AWS_LIMITS.sqsEventSourceConcurrency ? ` and over the ${num(AWS_LIMITS.sqsEventSourceConcurrency, 0)} an SQS event source reaches by default` : ''}. Bigger batches
  (100–1,000 with the batching window; the 6 MB invocation payload allows about 4,000 S3 events) cut
  invocations tenfold or more, and the time per article is mostly CPU: more memory (a whole vCPU at
  1,769 MB) shortens it in proportion at about the same cost.
- **DynamoDB**: ${num(writeUnits10k, 0)} write units/s, ${tableStep(writeUnits10k)}.
  At a steady rate provisioned capacity with auto scaling costs about ${usd(provisionedMonth(10_000))} a month for these writes
  against ${usd(onDemandMonth(10_000))} on demand. Sharding${projectAll ? ' and INCLUDE projections are' : ' is'} no longer optional;
  shard counts are in the table above. Reads by list and entity fan out over the shards.${entityStep(10_000)}
- **Ingest I/O**: ${num(10_000 * 2, 0)} S3 requests/s: spread keys over several prefixes (S3 takes ${num(AWS_LIMITS.s3PutsPerPrefix, 0)} PUT and ${num(AWS_LIMITS.s3GetsPerPrefix, 0)}
  GET per second per prefix); uploaders choose the keys, so say so in the upload guide.
- **CloudWatch Logs**: ${num(columns[2]!.logsGbDay, 0)} GiB a day (${usd(logsCost(columns[2]!.logsGbDay))}): per-article logs must go; keep metrics (EMF) and errors.
- **Storage**: ${num(columns[2]!.storageGbDay, 0)} GiB of DynamoDB a day; consider the Standard-IA table class for old months and
  a TTL or an archive export for what nobody reads.
- Cost: ${usd(columns[2]!.costPerDay)} a day before these changes.

## The local stack

The embedded stack ingested ${num(r.endToEnd?.consumer.rate ?? Number.NaN, 0)} articles/s here (one process, one batch in flight, on a shared
2-core machine): enough for development and for the 10/s step, not meant for more.
`;
}
