/**
 * AWS list prices the cost model uses: us-east-1, on-demand, no free tier, no savings plans.
 *
 * As known to the author on PRICES_AS_OF; this machine has no network to check them, so check
 * https://aws.amazon.com/pricing/ before quoting a figure derived from them, and change the
 * constants (and the date) here: nothing else in the bench states a price.
 */
export const PRICES_AS_OF = '2025-06-01';
export const PRICES_REGION = 'us-east-1';

export const PRICES = {
  lambda: {
    /** Arm64 (Graviton), first pricing tier (up to 7.5 billion GB-s a month). */
    perGbSecond: 0.0000133334,
    perMillionRequests: 0.2,
  },
  dynamodb: {
    /** On-demand, after the price cut of 2024-11-01. */
    perMillionWriteUnits: 0.625,
    perMillionReadUnits: 0.125,
    /** Standard table class. */
    storagePerGbMonth: 0.25,
    /** Provisioned capacity, for comparison at a steady rate: per unit of capacity per hour. */
    provisionedWriteUnitHour: 0.00065,
    provisionedReadUnitHour: 0.00013,
  },
  s3: {
    /** S3 Standard: PUT, COPY, POST, LIST. */
    putPerThousand: 0.005,
    /** S3 Standard: GET, SELECT and other reads. */
    getPerThousand: 0.0004,
    storagePerGbMonth: 0.023,
  },
  sqs: {
    /** Standard queue; every 64 KB chunk of a payload is one request. */
    perMillionRequests: 0.4,
  },
  cloudWatchLogs: {
    /** Standard log class, ingestion. */
    perGbIngested: 0.5,
  },
  xray: {
    perMillionTracesRecorded: 5,
  },
  athena: {
    /** SQL queries, per TB of data scanned; each query is billed at least 10 MB. */
    perTbScanned: 5,
    minimumMbPerQuery: 10,
  },
  openSearchServerless: {
    /** Per OCU-hour (compute, indexing or search); a collection runs at least 1 OCU (0.5 + 0.5, no standby) or 2 with standby replicas. */
    perOcuHour: 0.24,
  },
} as const;

/** vCPU a Lambda function gets per MB of memory: one full vCPU at 1,769 MB (AWS documentation). */
export const LAMBDA_MB_PER_VCPU = 1769;
