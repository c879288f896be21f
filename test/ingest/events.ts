/**
 * Builders for the events the ingest handler receives, shaped as AWS delivers them: an S3
 * notification record (key URL-encoded as S3 writes it) inside the body of an SQS message.
 */
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { encodeS3Key } from '../../shared/s3-event';

export interface ObjectChange {
  readonly eventName: string;
  readonly bucket: string;
  /** The key as stored; it is URL-encoded into the event. */
  readonly key: string;
  readonly sequencer: string;
  readonly size?: number;
  readonly etag?: string;
  readonly versionId?: string;
}

export function s3Notification(...changes: ObjectChange[]): string {
  return JSON.stringify({
    Records: changes.map((change) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2024-03-04T09:30:00.000Z',
      eventName: change.eventName,
      userIdentity: { principalId: 'AWS:AIDAEXAMPLEINGEST' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'ingest-test' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'ingest-test',
        bucket: { name: change.bucket, ownerIdentity: { principalId: 'EXAMPLE' }, arn: `arn:aws:s3:::${change.bucket}` },
        object: {
          key: encodeS3Key(change.key),
          ...(change.size === undefined ? {} : { size: change.size }),
          ...(change.etag === undefined ? {} : { eTag: change.etag }),
          ...(change.versionId === undefined ? {} : { versionId: change.versionId }),
          sequencer: change.sequencer,
        },
      },
    })),
  });
}

let messages = 0;

export function sqsMessage(body: string, messageId = `msg-${++messages}`): SQSRecord {
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1709544600000',
      SenderId: 'AIDAEXAMPLEINGEST',
      ApproximateFirstReceiveTimestamp: '1709544600001',
    },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:dateline-ingest',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

let sequence = 0x0065e5a000000000n;

/** A fresh sequencer, greater than every one handed out before (18 hex digits, as S3's usually are). */
export function nextSequencer(): string {
  sequence += 1n;
  return sequence.toString(16).toUpperCase().padStart(18, '0');
}
