import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * S3 event notifications to an SQS queue, as aws-cdk-lib's `SqsDestination` sends them, with the
 * queue policy checking the bucket's account too (`aws:SourceAccount`) and not only its ARN:
 * bucket names are global and can be taken by another account once this bucket is deleted (the
 * confused-deputy case AWS's S3 notification guide warns about). For an SSE-SQS queue only: a
 * KMS-encrypted one would also need a key policy statement.
 */
export class AccountScopedQueueDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, bucket: s3.IBucket): s3.BucketNotificationDestinationConfig {
    if (this.queue.encryptionMasterKey) throw new Error('AccountScopedQueueDestination: the queue is KMS-encrypted; grant S3 the key as well');
    this.queue.grantSendMessages(
      new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account },
        },
      }),
    );
    return { arn: this.queue.queueArn, type: s3.BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}
