import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ArticleBucketProps {
  /**
   * How long replaced and deleted versions of an article stay in the bucket. Versioning keeps every
   * upload; without an expiry the bucket only grows.
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * How long server access logs are kept.
   * @default Duration.days(365)
   */
  readonly accessLogExpiration?: Duration;
}

/**
 * The bucket users drop articles into, and the bucket its server access logs go to.
 *
 * Encryption is SSE-S3 (S3-managed keys), not SSE-KMS, on purpose:
 * - S3 server access logs can only be delivered to an SSE-S3 bucket, so the log bucket must be SSE-S3;
 * - with SSE-KMS every uploader (`aws s3 sync`, the console, `dateline drop`) and the ingest role
 *   would also need `kms:Decrypt`/`kms:GenerateDataKey` on a key whose policy we would maintain, and
 *   each GET would be a billed KMS request; the articles are published news, so a key of our own
 *   would add cost and ways to fail without protecting anything SSE-S3 does not.
 */
export class ArticleBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArticleBucketProps = {}) {
    super(scope, id);

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      ...securedBucketDefaults(),
      lifecycleRules: [{ expiration: props.accessLogExpiration ?? Duration.days(365) }],
    });

    this.bucket = new s3.Bucket(this, 'Articles', {
      ...securedBucketDefaults(),
      versioned: true,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'articles/',
      lifecycleRules: [
        {
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(90),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}

/** What both buckets share: private, encrypted, TLS 1.2+ only, kept when the stack goes. */
function securedBucketDefaults(): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}
