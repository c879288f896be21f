/**
 * SDK clients for AWS or for a local endpoint (s3rver, dynalite on 127.0.0.1). One place decides
 * the settings, so Lambda, the local stack and the tests talk to their servers the same way.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface ClientOptions {
  /** A local endpoint such as `http://127.0.0.1:4569`; omit for AWS (region and credentials from the environment). */
  readonly endpoint?: string;
  /** @default 'us-east-1' for a local endpoint; the environment's region on AWS */
  readonly region?: string;
  /**
   * Attempts per call, the first included. SQS redelivers a failed message, so the SDK only needs
   * to ride out a blip or a throttle, not an outage.
   * @default 3 on AWS, 2 locally
   */
  readonly maxAttempts?: number;
}

/** Credentials s3rver and dynalite accept; they never reach AWS. */
const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const LOCAL_REGION = 'us-east-1';

function commonConfig(options: ClientOptions, requestTimeoutMs: number) {
  const local = options.endpoint !== undefined;
  return {
    ...(local ? { endpoint: options.endpoint, credentials: LOCAL_CREDENTIALS, region: options.region ?? LOCAL_REGION } : {}),
    ...(!local && options.region ? { region: options.region } : {}),
    maxAttempts: options.maxAttempts ?? (local ? 2 : 3),
    // Fail a connect that hangs instead of waiting for the Lambda timeout; the message is retried.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: requestTimeoutMs },
  };
}

export function createS3Client(options: ClientOptions = {}): S3Client {
  const local = options.endpoint !== undefined;
  return new S3Client({
    ...commonConfig(options, 30_000),
    ...(local
      ? {
          // s3rver serves buckets by path only; without WHEN_REQUIRED the SDK's default checksums frame
          // stream bodies in a way s3rver stores inside the object (TOOLCHAIN.md).
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
}

export interface DynamoClients {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
}

export function createDynamoClients(options: ClientOptions = {}): DynamoClients {
  const client = new DynamoDBClient(commonConfig(options, 10_000));
  const doc = DynamoDBDocumentClient.from(client, {
    // Optional record fields (`role`, `relative`) may be undefined; DynamoDB has no undefined.
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    unmarshallOptions: { wrapNumbers: false },
  });
  return { client, doc };
}
