import { CfnOutput, CfnResource, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PipelineAlarms } from './constructs/alarms';
import { ArticleBucket } from './constructs/article-bucket';
import { ArticleTable } from './constructs/article-table';
import { DatelineFunction } from './constructs/dateline-function';
import { DEFAULT_MAX_OBJECT_BYTES } from '../functions/commons/config';
import { EventQueue } from './constructs/event-queue';
import { AccountScopedQueueDestination } from './constructs/queue-destination';
import { ReadApi } from './constructs/read-api';
import { RecordsMirror } from './constructs/records-mirror';
import { WebSignIn } from './constructs/web-sign-in';
import { OUTPUT } from './outputs';
import { ENTRY, NER_MODEL_FILES } from './paths';
import { ARTICLE_SORT_KEY } from '../shared/items';
import { TABLE } from '../shared/table';

/** The SQS event source of ingest: one invocation per up to 10 messages, gathered for up to 5 s. */
export const INGEST_BATCH = { batchSize: 10, maxBatchingWindow: Duration.seconds(5) } as const;

/**
 * Most concurrent ingest invocations the SQS event source starts unless told otherwise. Without a
 * bound a bulk upload scales ingest up to the account's concurrency (1,000 by default), which the
 * API then cannot get (its requests throttle), and piles writes onto one date partition. 20 carries
 * about 360 articles/s at this project's measured time per article (docs/scale.md).
 */
export const DEFAULT_INGEST_MAX_CONCURRENCY = 20;

/**
 * The projector's stream source: up to 100 changes per invocation; a failing batch is split in
 * halves to isolate the change that fails, retried a bounded number of times, then handed to the
 * on-failure queue (and its alarm).
 */
export const PROJECTOR_STREAM = { batchSize: 100, retryAttempts: 10, maxRecordAge: Duration.hours(24) } as const;

/** AWS's advice: queue visibility timeout at least 6x the consumer's timeout (plus the batching window). */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface DatelineStackProps extends StackProps {
  /**
   * The handler files of the two functions.
   * @default ENTRY: functions/ingest.ts, functions/api.ts and functions/projector.ts
   */
  readonly entries?: { readonly ingest: string; readonly api: string; readonly projector?: string };
  /**
   * Memory of the ingest function in MB.
   * @default 1024
   */
  readonly ingestMemorySize?: number;
  /**
   * Timeout of the ingest function. The event queue's visibility timeout follows from it.
   * @default Duration.seconds(30)
   */
  readonly ingestTimeout?: Duration;
  /**
   * Concurrency reserved for ingest (a cap on how hard it can hit the table).
   * @default - none
   */
  readonly ingestReservedConcurrency?: number;
  /**
   * Upper bound of concurrent ingest invocations the SQS event source starts (2 to 1000). Prefer this
   * over reserved concurrency to protect the table: it never throttles, so messages do not burn
   * receives and end up in the dead-letter queue while the function is merely busy. The CDK app
   * also takes it as a context value (`npx cdk deploy -c ingestMaxConcurrency=50`).
   * @default DEFAULT_INGEST_MAX_CONCURRENCY (20)
   */
  readonly ingestMaxConcurrency?: number;
  /**
   * Largest object ingest reads, in bytes; a larger one gets a `rejected` record.
   * @default DEFAULT_MAX_OBJECT_BYTES of functions/commons/config.ts (the handler's own default)
   */
  readonly maxObjectBytes?: number;
  /**
   * Log level of both functions, set as LOG_LEVEL and POWERTOOLS_LOG_LEVEL (the name Powertools v2
   * and the ingest config read).
   * @default 'INFO'
   */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Memory of the api function in MB.
   * @default 1024
   */
  readonly apiMemorySize?: number;
  /**
   * Steady-state requests per second on the read API.
   * @default 50
   */
  readonly apiRateLimit?: number;
  /**
   * Burst of requests on the read API.
   * @default 100
   */
  readonly apiBurstLimit?: number;
  /**
   * Prefix of the web sign-in's managed login domain (`<prefix>.auth.<region>.amazoncognito.com`),
   * unique in the region; also the context value `signInDomainPrefix`.
   * @default `dateline-<account id>`
   */
  readonly signInDomainPrefix?: string;
}

/**
 * Dateline on AWS (SPEC §3): bucket -> S3 events -> SQS -> ingest -> DynamoDB, and an IAM-authorised
 * HTTP API over the table. Built in three steps: validate the props, build the parts, wire them.
 */
export class DatelineStack extends Stack {
  readonly articles: ArticleBucket;
  readonly events: EventQueue;
  readonly records: ArticleTable;
  readonly mirror: RecordsMirror;
  readonly ingest: DatelineFunction;
  readonly api: DatelineFunction;
  readonly projector: DatelineFunction;
  /** Stream batches the projector gave up on (their metadata: shard, sequence numbers). */
  readonly projectionFailures: sqs.Queue;
  readonly readApi: ReadApi;
  /** The Cognito user pool people sign in to the web page with. */
  readonly webSignIn: WebSignIn;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: DatelineStackProps = {}) {
    super(scope, id, {
      description: 'Dateline: news articles dropped into S3 become queryable metadata records in DynamoDB',
      ...props,
    });
    validate(props);
    const ingestTimeout = props.ingestTimeout ?? Duration.seconds(30);
    const logLevel = props.logLevel ?? 'INFO';

    // Build
    this.articles = new ArticleBucket(this, 'ArticleBucket');
    this.records = new ArticleTable(this, 'Records');
    this.mirror = new RecordsMirror(this, 'RecordsMirror', { accessLogBucket: this.articles.accessLogBucket });
    this.events = new EventQueue(this, 'Events', {
      visibilityTimeout: Duration.seconds(
        ingestTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR + INGEST_BATCH.maxBatchingWindow.toSeconds(),
      ),
    });
    this.ingest = new DatelineFunction(this, 'Ingest', {
      entry: props.entries?.ingest ?? ENTRY.ingest,
      description: 'Dateline ingest: S3 event (via SQS) -> read object -> extract -> record in DynamoDB',
      memorySize: props.ingestMemorySize,
      timeout: ingestTimeout,
      reservedConcurrentExecutions: props.ingestReservedConcurrency,
      // Entity extraction's NER models, loaded lazily per language by models/load.ts.
      assets: NER_MODEL_FILES,
      environment: {
        TABLE_NAME: this.records.table.tableName,
        MAX_OBJECT_BYTES: String(props.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES),
        POWERTOOLS_SERVICE_NAME: 'dateline-ingest',
        POWERTOOLS_METRICS_NAMESPACE: 'Dateline',
        LOG_LEVEL: logLevel,
        POWERTOOLS_LOG_LEVEL: logLevel,
      },
    });
    this.projector = new DatelineFunction(this, 'Projector', {
      entry: props.entries?.projector ?? ENTRY.projector,
      description: 'Dateline projector: table stream -> entity, near-duplicate and marker items beside each article',
      // A batch of up to 100 changes each reads its article (up to MAX_OBJECT_BYTES) for the mirror's
      // words: time for the slow case, since a timed-out batch reports no partial failures and is retried whole.
      timeout: Duration.minutes(3),
      environment: {
        TABLE_NAME: this.records.table.tableName,
        MIRROR_BUCKET: this.mirror.bucket.bucketName,
        MAX_OBJECT_BYTES: String(props.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES),
        POWERTOOLS_SERVICE_NAME: 'dateline-projector',
        POWERTOOLS_METRICS_NAMESPACE: 'Dateline',
        LOG_LEVEL: logLevel,
        POWERTOOLS_LOG_LEVEL: logLevel,
      },
    });
    this.projectionFailures = new sqs.Queue(this, 'ProjectionFailures', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.api = new DatelineFunction(this, 'Api', {
      entry: props.entries?.api ?? ENTRY.api,
      description: 'Dateline read API: GetItem/Query on the records table',
      memorySize: props.apiMemorySize,
      environment: {
        TABLE_NAME: this.records.table.tableName,
        RECORDS_WORKGROUP: this.mirror.workGroup.ref,
        RECORDS_DATABASE: this.mirror.databaseName,
        POWERTOOLS_SERVICE_NAME: 'dateline-api',
        POWERTOOLS_METRICS_NAMESPACE: 'Dateline',
        LOG_LEVEL: logLevel,
        POWERTOOLS_LOG_LEVEL: logLevel,
      },
    });
    this.readApi = new ReadApi(this, 'ReadApi', {
      handler: this.api.function,
      throttlingRateLimit: props.apiRateLimit,
      throttlingBurstLimit: props.apiBurstLimit,
    });
    this.webSignIn = new WebSignIn(this, 'WebSignIn', { baseUrl: this.readApi.httpApi.apiEndpoint, domainPrefix: props.signInDomainPrefix });
    this.alarms = new PipelineAlarms(this, 'Alarms', {
      deadLetterQueue: this.events.deadLetterQueue,
      ingestFunction: this.ingest.function,
      eventQueue: this.events.queue,
      apiStage: this.readApi.stage,
      functions: [this.ingest.function, this.api.function, this.projector.function],
      projectionFailures: this.projectionFailures,
    });

    // Wire
    this.wireEvents(props.ingestMaxConcurrency ?? DEFAULT_INGEST_MAX_CONCURRENCY);
    this.wireProjection();
    this.grantIngest();
    this.grantApi();
    this.wireSignIn();
    this.addOutputs();
  }

  /** Every create and every removal (delete markers included) goes to the queue, then to ingest. */
  private wireEvents(maxConcurrency: number): void {
    const destination = new AccountScopedQueueDestination(this.events.queue);
    this.articles.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, destination);
    this.articles.bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, destination);

    this.ingest.function.addEventSource(
      new SqsEventSource(this.events.queue, {
        ...INGEST_BATCH,
        reportBatchItemFailures: true,
        maxConcurrency,
      }),
    );
    Validations.of(this.ingest.function).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: 'An on-failure destination exists for stream and Kafka sources only; for an SQS source the queue\'s redrive policy (5 receives, then the dead-letter queue) is the failure path.',
    });
    acknowledgeBucketNotificationsHandler(this);
  }

  /**
   * The table's stream -> the projector, article items only (the projector's own writes change
   * other items, which the filter keeps from invoking it again). Changes of one key come in order;
   * the projector reports the first failed change of a key, so the source retries from there.
   */
  private wireProjection(): void {
    this.projector.function.addEventSource(
      new DynamoEventSource(this.records.table, {
        ...PROJECTOR_STREAM,
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.projectionFailures),
        filters: [lambda.FilterCriteria.filter({ dynamodb: { Keys: { [TABLE.sortKey.name]: { S: lambda.FilterRule.isEqual(ARTICLE_SORT_KEY) } } } })],
      }),
    );
    const role = this.projector.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: [this.records.table.tableArn] }),
    );
    // The records mirror: each record's row, with the terms of its text read from its object version.
    this.mirror.grantWriteRows(role);
    // ListBucket matters here too: a version deleted before its change is projected must be a 404
    // (an empty text mirrored), not a 403 that fails the batch.
    this.grantReadArticles(
      role,
      'The projector reads the version of whichever article a record describes (users choose the keys), for the words search matches; the grant is read-only (GetObject, GetObjectVersion) and limited to this one bucket.',
    );
    Validations.of(this.projectionFailures).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This queue is itself the failure destination of the projector\'s stream source (records of batches given up on, for an operator and its alarm); nothing consumes it, so there is nothing to redrive from it.',
    });
    Validations.of(this.projectionFailures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the failure destination of the projector\'s stream source: it holds records of batches given up on, for an operator (and its alarm); nothing consumes it that could fail.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'aws-cdk-lib\'s DynamoEventSource grants dynamodb:ListStreams on *: ListStreams takes no resource ARN; reading the stream itself (DescribeStream, GetRecords, GetShardIterator) is granted on this table\'s stream only.',
    });
  }

  /**
   * Ingest reads this bucket's objects (never writes them: no recursive trigger), lists the bucket
   * only so that a vanished object answers 404 instead of 403, writes records and queries indexes.
   */
  private grantIngest(): void {
    const role = this.ingest.role;
    this.grantReadArticles(
      role,
      'Ingest reads whichever object an S3 event names, and users choose the keys; the grant is read-only (GetObject, GetObjectVersion) and limited to this one bucket.',
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        // One conditional PutItem per article, and GetItem for a reindex request.
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [this.records.table.tableArn],
      }),
    );
  }

  /**
   * The api only reads: GetItem, BatchGetItem (entity hits checked against their articles) and Query
   * on the table, Query on each index; the article files for their text and downloads (GetObject,
   * GetObjectVersion: the version a record describes), and ListBucket so that a deleted file answers
   * 404 instead of 403.
   */
  private grantApi(): void {
    const role = this.api.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'], resources: [this.records.table.tableArn] }),
    );
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: this.records.indexArns() }));
    this.grantReadArticles(
      role,
      'The api shows any article\'s text and serves its file, and users choose the keys; the grant is read-only (GetObject, GetObjectVersion) and limited to this one bucket.',
    );
    // Search, stats and export: Athena over the records mirror.
    this.mirror.grantQuery(role);
  }

  /**
   * Read-only access to the articles bucket, for a role that reads the article a record or an
   * event names: GetObject and GetObjectVersion on its objects (users choose the keys, hence the
   * acknowledged IAM5 wildcard, with `reason` saying why this role needs it), and ListBucket so
   * that a missing object answers 404 instead of 403. Used by ingest, the projector and the api.
   */
  private grantReadArticles(role: iam.IRole, reason: string): void {
    const bucket = this.articles.bucket;
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [bucket.arnForObjects('*')] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      reason,
    });
  }

  /** The web pages check the Cognito session themselves (functions/web/sign-in.ts): they need the pool, its client and its domain. */
  private wireSignIn(): void {
    const fn = this.api.function;
    fn.addEnvironment('COGNITO_USER_POOL_ID', this.webSignIn.userPool.userPoolId);
    fn.addEnvironment('COGNITO_CLIENT_ID', this.webSignIn.client.userPoolClientId);
    fn.addEnvironment('COGNITO_DOMAIN', this.webSignIn.domainUrl);
    fn.addEnvironment('WEB_BASE_URL', this.readApi.httpApi.apiEndpoint);
  }

  private addOutputs(): void {
    const outputs: Record<(typeof OUTPUT)[keyof typeof OUTPUT], string> = {
      [OUTPUT.bucketName]: this.articles.bucket.bucketName,
      [OUTPUT.tableName]: this.records.table.tableName,
      [OUTPUT.queueUrl]: this.events.queue.queueUrl,
      [OUTPUT.deadLetterQueueUrl]: this.events.deadLetterQueue.queueUrl,
      [OUTPUT.apiUrl]: this.readApi.url,
      [OUTPUT.ingestFunctionName]: this.ingest.function.functionName,
      [OUTPUT.projectionFailuresQueueUrl]: this.projectionFailures.queueUrl,
      [OUTPUT.alarmTopicArn]: this.alarms.topic.topicArn,
      [OUTPUT.userPoolId]: this.webSignIn.userPool.userPoolId,
      [OUTPUT.mirrorBucketName]: this.mirror.bucket.bucketName,
      [OUTPUT.recordsDatabase]: this.mirror.databaseName,
      [OUTPUT.recordsWorkGroup]: this.mirror.workGroup.ref,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}

function validate(props: DatelineStackProps): void {
  const bytes = props.maxObjectBytes;
  if (bytes !== undefined && (!Number.isInteger(bytes) || bytes < 1)) {
    throw new Error(`DatelineStack: maxObjectBytes must be a positive integer, got ${bytes}`);
  }
  const concurrency = props.ingestMaxConcurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 2 || concurrency > 1000)) {
    throw new Error(`DatelineStack: ingestMaxConcurrency must be an integer from 2 to 1000, got ${concurrency}`);
  }
}

/**
 * `addEventNotification` is carried out at deploy time by a Lambda function aws-cdk-lib adds to the
 * stack (it breaks the bucket <-> queue policy dependency cycle that plain CloudFormation has).
 * It gets a log group of its own with a retention (else Lambda makes one kept forever), and its
 * findings are acknowledged here, one by one, on that construct only.
 */
function acknowledgeBucketNotificationsHandler(stack: Stack): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
  const fn = handler?.node.tryFindChild('Resource');
  if (!handler || !(fn instanceof CfnResource) || fn.cfnResourceType !== 'AWS::Lambda::Function') {
    throw new Error('DatelineStack: aws-cdk-lib no longer adds a BucketNotificationsHandler function; review its log group and acknowledgements');
  }
  const logGroup = new logs.LogGroup(stack, 'BucketNotificationsHandlerLogs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
  fn.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'The role of aws-cdk-lib\'s deploy-time BucketNotificationsHandler, which the CDK gives this managed policy and no way to replace: it allows logs:CreateLogGroup, CreateLogStream and PutLogEvents on every log group of the account (Resource *), not only its own. Accepted because the function is aws-cdk-lib\'s fixed inline code, runs only while CloudFormation sets the bucket notifications, and writes to its own log group (BucketNotificationsHandlerLogs, kept one month).',
  });
}
