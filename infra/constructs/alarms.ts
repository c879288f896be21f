import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface PipelineAlarmsProps {
  /** The dead-letter queue of the event queue: any message in it is an article without a record. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The ingest function: an error there fails a whole batch, not one record. */
  readonly ingestFunction: lambda.IFunction;
  /** Where the projector's stream source sends the batches it gave up on: their articles' index items are stale. */
  readonly projectionFailures: sqs.IQueue;
}

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
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.ingestErrorAlarm = new cloudwatch.Alarm(this, 'IngestErrors', {
      alarmDescription: 'The ingest function failed whole invocations (not single records, which it reports as batch item failures).',
      metric: props.ingestFunction.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.projectionFailureAlarm = new cloudwatch.Alarm(this, 'ProjectionFailures', {
      alarmDescription:
        'The projector gave up on table changes after its retries: some articles\' entity and near-duplicate index items are stale. Fix the cause, then re-project (dateline reindex --force).',
      metric: props.projectionFailures.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    for (const alarm of [this.deadLetterAlarm, this.ingestErrorAlarm, this.projectionFailureAlarm]) {
      alarm.addAlarmAction(notify);
      alarm.addOkAction(notify);
    }
  }
}
