/**
 * The ingest function's configuration, read from the environment once (at cold start) and
 * validated; nothing deeper reads `process.env`. A missing or malformed value stops the function
 * with a message that names the variable.
 */
import * as z from '../../shared/zod';

export const DEFAULT_MAX_OBJECT_BYTES = 10 * 1024 * 1024;

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'] as const;

const IngestEnvironment = z.object({
  TABLE_NAME: z.string({ error: 'is required: the DynamoDB table records are written to' }).min(3, 'must be a table name (3 characters or more)'),
  MAX_OBJECT_BYTES: z.coerce
    .number({ error: 'must be a whole number of bytes' })
    .int('must be a whole number of bytes')
    .positive('must be a positive number of bytes')
    .default(DEFAULT_MAX_OBJECT_BYTES),
  /** The records mirror's bucket (the projector's; absent: no mirror is kept). */
  MIRROR_BUCKET: z.string().min(3, 'must be a bucket name').optional(),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('ingest'),
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).default('Dateline'),
  POWERTOOLS_LOG_LEVEL: z
    .string()
    .transform((level) => level.toUpperCase())
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('INFO'),
});

export interface IngestConfig {
  readonly tableName: string;
  /** Objects larger than this get a `rejected` record (`too-large`) and are not read. */
  readonly maxObjectBytes: number;
  /** Where the projector keeps the records mirror (shared/mirror.ts); null: none. */
  readonly mirrorBucket: string | null;
  readonly serviceName: string;
  readonly metricsNamespace: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

export function readIngestConfig(env: Readonly<Record<string, string | undefined>>): IngestConfig {
  const parsed = IngestEnvironment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new ConfigError(`ingest configuration is invalid: ${problems}`, { cause: parsed.error });
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    maxObjectBytes: e.MAX_OBJECT_BYTES,
    mirrorBucket: e.MIRROR_BUCKET ?? null,
    serviceName: e.POWERTOOLS_SERVICE_NAME,
    metricsNamespace: e.POWERTOOLS_METRICS_NAMESPACE,
    logLevel: e.POWERTOOLS_LOG_LEVEL,
  };
}
