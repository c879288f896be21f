import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface PipelineAlarmsProps {
  /** The dead-letter queue of the event queue: any message in it is an article without a record. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The ingest function: an error there fails a whole batch, not one record. */
  readonly ingestFunction: lambda.IFunction;
  /** The event queue: its oldest message tells that ingest falls behind (or is stuck) before anything is lost. */
  readonly eventQueue: sqs.IQueue;
  /** The read API's stage: 5xx answers are failures of the api function or of DynamoDB reads. */
  readonly apiStage: apigw.IHttpStage;
  /** Every function of the stack: a throttle means the account's or a reserved concurrency ran out. */
  readonly functions: readonly lambda.IFunction[];
  /**
   * How old the oldest event in the queue may get before the alarm fires.
   * @default Duration.minutes(15)
   */
  readonly maxEventAge?: Duration;
  /** Where the projector's stream source sends the batches it gave up on: their articles' index items are stale. */
  readonly projectionFailures: sqs.IQueue;
}

/** Alarms that fire on the first period the metric reaches its threshold; no data is no alarm. */
const AT_LEAST_ONCE = {
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/**
 * Alarms on the pipeline and the topic they notify. Subscribe to the topic (its ARN is a stack
 * output) to be told.
 *
 * The topic is encrypted with a customer managed key because CloudWatch cannot publish to a topic
 * encrypted with the AWS managed `alias/aws/sns` key (its key policy cannot be changed to let
 * CloudWatch use it); the key lets CloudWatch of this account use it and nothing else.
 */
export class PipelineAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly ingestErrorAlarm: cloudwatch.Alarm;
  readonly oldestEventAlarm: cloudwatch.Alarm;
  readonly apiServerErrorAlarm: cloudwatch.Alarm;
  readonly throttleAlarms: readonly cloudwatch.Alarm[];
  readonly projectionFailureAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const { account, partition, region } = Stack.of(this);
    const fromThisAccountsAlarms = {
      StringEquals: { 'aws:SourceAccount': account },
      ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
    };

    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the Dateline alarm topic',
      enableKeyRotation: true,
      // The key protects notifications in flight only; nothing stays encrypted under it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromThisAccountsAlarms,
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Dateline alarms',
      masterKey: key,
      enforceSSL: true,
    });
    // enforceSSL replaces the topic's default policy, which is what let CloudWatch publish.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromThisAccountsAlarms,
      }),
    );
    const notify = new SnsAction(this.topic);

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmDescription: 'S3 events reached the dead-letter queue: these articles have no record. Inspect, fix, then redrive.',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      ...AT_LEAST_ONCE,
    });

    this.ingestErrorAlarm = new cloudwatch.Alarm(this, 'IngestErrors', {
      alarmDescription: 'The ingest function failed whole invocations (not single records, which it reports as batch item failures).',
      metric: props.ingestFunction.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      ...AT_LEAST_ONCE,
    });

    const maxEventAge = props.maxEventAge ?? Duration.minutes(15);
    this.oldestEventAlarm = new cloudwatch.Alarm(this, 'OldestEvent', {
      alarmDescription: `An S3 event has waited in the ingest queue for more than ${maxEventAge.toHumanString()}: ingest is behind (concurrency bound too low for the load) or failing and retrying. After 5 receives the events go to the dead-letter queue.`,
      metric: props.eventQueue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: maxEventAge.toSeconds(),
      evaluationPeriods: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.apiServerErrorAlarm = new cloudwatch.Alarm(this, 'ApiServerErrors', {
      alarmDescription: 'The read API answered 5xx: the api function failed (see its log) or timed out.',
      metric: props.apiStage.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 5,
      ...AT_LEAST_ONCE,
    });

    this.projectionFailureAlarm = new cloudwatch.Alarm(this, 'ProjectionFailures', {
      alarmDescription:
        'The projector gave up on table changes after its retries: some articles\' entity and near-duplicate index items are stale. Fix the cause, then re-project (dateline reindex --force).',
      metric: props.projectionFailures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      ...AT_LEAST_ONCE,
    });

    this.throttleAlarms = props.functions.map(
      (fn, i) =>
        new cloudwatch.Alarm(this, `Throttles${i}`, {
          alarmDescription: 'Lambda throttled this function: the account concurrency (or its reserved concurrency) ran out, so requests or batches were refused.',
          metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
          threshold: 1,
          ...AT_LEAST_ONCE,
        }),
    );

    for (const alarm of [this.deadLetterAlarm, this.ingestErrorAlarm, this.oldestEventAlarm, this.apiServerErrorAlarm, this.projectionFailureAlarm, ...this.throttleAlarms]) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
  }
}
