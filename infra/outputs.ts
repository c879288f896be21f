/**
 * Names the deployed stack is read by. The CLI's `--target aws` finds stack `Dateline` and reads these
 * outputs from it, so they are constants shared by both sides. This file imports nothing on purpose:
 * the CLI can import it without pulling in aws-cdk-lib.
 */

export const STACK_NAME = 'Dateline';

export const OUTPUT = {
  bucketName: 'BucketName',
  tableName: 'TableName',
  queueUrl: 'QueueUrl',
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  apiUrl: 'ApiUrl',
  ingestFunctionName: 'IngestFunctionName',
  projectionFailuresQueueUrl: 'ProjectionFailuresQueueUrl',
  alarmTopicArn: 'AlarmTopicArn',
  userPoolId: 'UserPoolId',
  mirrorBucketName: 'MirrorBucketName',
  recordsDatabase: 'RecordsDatabase',
  recordsWorkGroup: 'RecordsWorkGroup',
} as const;

export type OutputName = (typeof OUTPUT)[keyof typeof OUTPUT];
