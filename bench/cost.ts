/**
 * 5. Cost model: what one million articles cost on AWS, from this run's measurements and the
 * prices of bench/prices.ts. Pure arithmetic; every line says what it rests on.
 *
 * Lambda time per article: the CPU the warm ingest bundle used per article here, stretched by the
 * share of a vCPU the configured memory buys, plus the time a batch waits on S3 and DynamoDB on
 * AWS (an assumption, AWS_WAIT_MS_PER_BATCH: the loopback emulators here answer faster than AWS
 * and on a loaded machine slower, so their waits say nothing about AWS's).
 */
import type { ColdStartResult } from './cold-start';
import type { UnitsResult } from './dynamo-units';
import type { ExtractionResult } from './extraction';
import { LAMBDA_MB_PER_VCPU, PRICES } from './prices';

/**
 * Waiting per batch on AWS: the batch's articles are read and written side by side, so about one
 * S3 GET (≈20 ms to first byte for a small object) plus one conditional PutItem (≈10 ms) plus
 * the invocation's own overhead (≈10 ms). Typical figures, not measured here.
 */
export const AWS_WAIT_MS_PER_BATCH = 40;
/** X-Ray's default sampling: the first request each second, then 5% of the rest. */
const XRAY_SAMPLED_SHARE = 0.05;
const MILLION = 1_000_000;
const GIB = 2 ** 30;

export interface CostLine {
  readonly service: string;
  readonly item: string;
  /** USD per million articles. */
  readonly perMillion: number;
  readonly basis: string;
}

export interface CostModel {
  readonly memoryMb: number;
  readonly batchSize: number;
  readonly lambdaMsPerArticle: number;
  readonly lambdaBasis: string;
  readonly lines: readonly CostLine[];
  readonly totalPerMillion: number;
  /** USD a month to keep one million articles (DynamoDB items and S3 objects). */
  readonly storagePerMonth: readonly CostLine[];
  readonly readCosts: readonly { readonly type: string; readonly perMillionQueries: number; readonly readUnits: number }[];
}

export interface CostInputs {
  readonly extraction: ExtractionResult | null;
  readonly coldStart: ColdStartResult | null;
  readonly units: UnitsResult | null;
  /** Mean size of the articles, bytes. */
  readonly meanArticleBytes: number;
}

export function costModel({ extraction, coldStart, units, meanArticleBytes }: CostInputs): CostModel {
  const memoryMb = coldStart?.facts.ingestMemoryMb ?? 1024;
  const batchSize = coldStart?.facts.batchSize ?? 10;
  const vcpuShare = Math.min(1, memoryMb / LAMBDA_MB_PER_VCPU);
  const warm = coldStart?.warm.find((w) => w.id === 'ingest' && w.failures === 0);
  const cpuMs = warm ? warm.cpuMsPerArticle : (extraction?.all.extractUs ?? 0) / 1000;
  const lambdaMsPerArticle = cpuMs / vcpuShare + AWS_WAIT_MS_PER_BATCH / batchSize;
  const lambdaBasis = warm
    ? `${cpuMs.toFixed(2)} ms CPU per article in the warm ingest bundle here, ÷ ${vcpuShare.toFixed(2)} vCPU at ${memoryMb} MB, + ${AWS_WAIT_MS_PER_BATCH} ms of S3/DynamoDB waiting per batch of ${batchSize} (assumed)`
    : `median extraction time only (${cpuMs.toFixed(2)} ms; the cold-start part did not run), ÷ ${vcpuShare.toFixed(2)} vCPU, + ${AWS_WAIT_MS_PER_BATCH} ms per batch of ${batchSize} (assumed)`;
  const gbSeconds = (lambdaMsPerArticle / 1000) * (memoryMb / 1024);
  const invocations = MILLION / batchSize;

  const lines: CostLine[] = [
    { service: 'Lambda', item: 'ingest duration', perMillion: MILLION * gbSeconds * PRICES.lambda.perGbSecond, basis: `${lambdaMsPerArticle.toFixed(1)} ms × ${memoryMb} MB per article` },
    { service: 'Lambda', item: 'ingest invocations', perMillion: (invocations / MILLION) * PRICES.lambda.perMillionRequests, basis: `1 per batch of ${batchSize}` },
  ];
  if (units) {
    lines.push(
      { service: 'DynamoDB', item: 'write units', perMillion: units.writeUnits.mean * PRICES.dynamodb.perMillionWriteUnits, basis: `${units.writeUnits.mean.toFixed(1)} WRU per article (table ${units.tableWriteUnits.toFixed(1)} + GSIs ${units.indexWriteUnits.toFixed(1)})` },
      { service: 'DynamoDB', item: 'read units during ingest', perMillion: units.ingestReadUnits.mean * PRICES.dynamodb.perMillionReadUnits, basis: `${units.ingestReadUnits.mean.toFixed(2)} RRU per article` },
    );
  }
  lines.push(
    { service: 'S3', item: 'PUT (the upload)', perMillion: (MILLION / 1000) * PRICES.s3.putPerThousand, basis: '1 PUT per article' },
    { service: 'S3', item: 'GET (ingest reads it)', perMillion: (MILLION / 1000) * PRICES.s3.getPerThousand, basis: '1 GET per article' },
    { service: 'SQS', item: 'send, receive, delete', perMillion: (1 + 2 / batchSize) * PRICES.sqs.perMillionRequests, basis: `1 SendMessage per event + ReceiveMessage and DeleteMessageBatch per batch of ${batchSize}` },
  );
  if (warm) {
    lines.push({ service: 'CloudWatch Logs', item: 'ingest logs and EMF metrics', perMillion: ((MILLION * warm.logBytesPerArticle) / GIB) * PRICES.cloudWatchLogs.perGbIngested, basis: `${Math.round(warm.logBytesPerArticle)} bytes per article written by the handler` });
  }
  lines.push({ service: 'X-Ray', item: 'traces (default sampling)', perMillion: (invocations * XRAY_SAMPLED_SHARE * PRICES.xray.perMillionTracesRecorded) / MILLION, basis: `${XRAY_SAMPLED_SHARE * 100}% of invocations at a steady rate` });

  const storagePerMonth: CostLine[] = [];
  if (units) {
    storagePerMonth.push({ service: 'DynamoDB', item: 'items, GSI copies and overhead', perMillion: ((MILLION * units.storedBytesPerArticle) / GIB) * PRICES.dynamodb.storagePerGbMonth, basis: `${Math.round(units.storedBytesPerArticle)} bytes per article` });
  }
  storagePerMonth.push({ service: 'S3', item: 'the article files', perMillion: ((MILLION * meanArticleBytes) / GIB) * PRICES.s3.storagePerGbMonth, basis: `${Math.round(meanArticleBytes)} bytes per article (one version)` });

  return {
    memoryMb,
    batchSize,
    lambdaMsPerArticle,
    lambdaBasis,
    lines,
    totalPerMillion: lines.reduce((total, line) => total + line.perMillion, 0),
    storagePerMonth,
    readCosts: (units?.queries ?? []).map((q) => ({ type: q.type, readUnits: q.readUnitsPerCall, perMillionQueries: q.readUnitsPerCall * PRICES.dynamodb.perMillionReadUnits })),
  };
}
