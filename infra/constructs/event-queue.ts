import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEAD_LETTER_RETENTION_SECONDS, TOMBSTONE_MARGIN_SECONDS, TOMBSTONE_TTL_SECONDS } from '../../shared/items';

/** SQS refuses a visibility timeout above 12 hours. */
const MAX_VISIBILITY_TIMEOUT = Duration.hours(12);

export interface EventQueueProps {
  /**
   * How long a received message stays hidden. Give it at least 6x the consumer's timeout plus its
   * batching window (AWS's advice for Lambda SQS sources), so a slow batch is not delivered twice.
   */
  readonly visibilityTimeout: Duration;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * How long the dead-letter queue keeps a message. It should outlive the source queue's retention:
   * a redriven message keeps its original enqueue time. Tombstones (shared/items.ts) must outlive it
   * by their margin, or a redriven create could bring back the record of a deleted object.
   * @default DEAD_LETTER_RETENTION_SECONDS of shared/items.ts: 14 days (the SQS maximum)
   */
  readonly deadLetterRetention?: Duration;
}

/**
 * The queue S3 events go through on their way to the ingest function, and its dead-letter queue.
 * Both are encrypted with SQS-managed keys (SSE-SQS): S3 can publish to them without a KMS key policy,
 * which SSE-KMS would need, and refuse any request not made over TLS.
 */
export class EventQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: EventQueueProps) {
    super(scope, id);
    validate(props);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.deadLetterRetention ?? Duration.seconds(DEAD_LETTER_RETENTION_SECONDS),
      // Dead letters are articles without a record, waiting for a redrive: a stack deletion (or a
      // replacement) must not take them along. The event queue's messages are minutes old, and
      // `dateline reindex` rebuilds records from the retained bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This is the dead-letter queue: its messages wait for a person (the DeadLetters alarm fires) and are redriven to the event queue by hand; a further dead-letter queue would only hide them.',
    });

    this.queue = new sqs.Queue(this, 'Events', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
    });
  }
}

function validate(props: EventQueueProps): void {
  const seconds = props.visibilityTimeout.toSeconds();
  if (seconds > MAX_VISIBILITY_TIMEOUT.toSeconds()) {
    throw new Error(`EventQueue: visibilityTimeout ${seconds}s is above the SQS maximum of 12 hours`);
  }
  const receives = props.maxReceiveCount;
  if (receives !== undefined && (!Number.isInteger(receives) || receives < 1 || receives > 1000)) {
    throw new Error(`EventQueue: maxReceiveCount must be an integer from 1 to 1000, got ${receives}`);
  }
  const retention = props.deadLetterRetention?.toSeconds() ?? DEAD_LETTER_RETENTION_SECONDS;
  if (retention + TOMBSTONE_MARGIN_SECONDS > TOMBSTONE_TTL_SECONDS) {
    throw new Error(`EventQueue: deadLetterRetention ${retention}s leaves tombstones (TTL ${TOMBSTONE_TTL_SECONDS}s) less than their margin of ${TOMBSTONE_MARGIN_SECONDS}s; raise TOMBSTONE_TTL_SECONDS first`);
  }
}
