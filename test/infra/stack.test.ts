import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { JSON_API_ROUTES, READ_API_ROUTES, WEB_ROUTES } from '../../infra/constructs/read-api';
import { DEFAULT_MAX_OBJECT_BYTES } from '../../functions/commons/config';
import { INGEST_BATCH, VISIBILITY_TIMEOUT_FACTOR } from '../../infra/dateline-stack';
import { EventQueue } from '../../infra/constructs/event-queue';
import { OUTPUT } from '../../infra/outputs';
import { isWebPath } from '../../functions/web/pages';
import { TOMBSTONE_TTL_SECONDS } from '../../shared/items';
import { SUMMARY_ATTRIBUTE, TABLE } from '../../shared/table';
import { buildStack } from '../../infra/create-app';
import { asList, buildTemplateStack, logicalId, resource, roleStatements, SKIP_BUNDLING, type Statement } from './build';

// Synthesis is the slow part: one stack for the whole file.
const { stack, template } = buildTemplateStack();
const ids = {
  bucket: logicalId(stack.articles.bucket),
  logBucket: logicalId(stack.articles.accessLogBucket),
  queue: logicalId(stack.events.queue),
  deadLetterQueue: logicalId(stack.events.deadLetterQueue),
  table: logicalId(stack.records.table),
  ingest: logicalId(stack.ingest.function),
  ingestRole: logicalId(stack.ingest.role),
  ingestLogs: logicalId(stack.ingest.logGroup),
  api: logicalId(stack.api.function),
  apiRole: logicalId(stack.api.role),
  httpApi: logicalId(stack.readApi.httpApi),
  accessLogs: logicalId(stack.readApi.accessLogs),
  topic: logicalId(stack.alarms.topic),
};
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** A Deny of every action unless the request came over TLS, on these resources. */
const denyInsecureTransport = (resources: unknown) =>
  Match.objectLike({
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    Resource: resources,
  });

describe('article bucket', () => {
  it('is versioned, SSE-S3 encrypted, blocks all public access and is retained', () => {
    expect(resource(template, ids.bucket)).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    });
  });

  it('writes server access logs to the separate log bucket', () => {
    expect(ids.logBucket).not.toBe(ids.bucket);
    expect(resource(template, ids.bucket).Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: ids.logBucket },
      LogFilePrefix: 'articles/',
    });
  });

  it('keeps the log bucket encrypted, private and retained', () => {
    expect(resource(template, ids.logBucket)).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
    });
  });

  it.each([
    ['article bucket', () => ids.bucket],
    ['log bucket', () => ids.logBucket],
  ])('the %s refuses requests without TLS 1.2 or later', (_name, id) => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          denyInsecureTransport([arnOf(id()), { 'Fn::Join': ['', [arnOf(id()), '/*']] }]),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('sends every create and every removal (delete markers included) to the event queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: ids.bucket },
      NotificationConfiguration: {
        QueueConfigurations: Match.arrayEquals([
          { Events: ['s3:ObjectCreated:*'], QueueArn: arnOf(ids.queue) },
          { Events: ['s3:ObjectRemoved:*'], QueueArn: arnOf(ids.queue) },
        ]),
      },
    });
  });

  it('lets only this bucket send to the queue', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': arnOf(ids.bucket) }, StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});

describe('event queue', () => {
  it('moves a message to the dead-letter queue after 5 receives', () => {
    expect(resource(template, ids.queue).Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: arnOf(ids.deadLetterQueue),
      maxReceiveCount: 5,
    });
  });

  it('hides a message for at least 6x the ingest timeout', () => {
    const visibility = resource(template, ids.queue).Properties.VisibilityTimeout as number;
    const timeout = resource(template, ids.ingest).Properties.Timeout as number;
    expect(timeout).toBe(30);
    expect(visibility).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * timeout);
  });

  it('follows a longer ingest timeout', () => {
    const { stack: slow, template: slowTemplate } = buildTemplateStack({ ingestTimeout: stack.ingest.function.timeout!.plus(stack.ingest.function.timeout!) });
    const visibility = resource(slowTemplate, logicalId(slow.events.queue)).Properties.VisibilityTimeout as number;
    expect(visibility).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * 60);
  });

  it('retains the dead-letter queue when the stack is deleted: its messages are articles without a record', () => {
    expect(resource(template, ids.deadLetterQueue)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('keeps dead letters 14 days', () => {
    expect(resource(template, ids.deadLetterQueue).Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('keeps dead letters at least 7 days less than tombstones live, so no redriven event outlives its tombstone', () => {
    const retention = resource(template, ids.deadLetterQueue).Properties.MessageRetentionPeriod as number;
    expect(retention + 7 * 24 * 3600).toBeLessThanOrEqual(TOMBSTONE_TTL_SECONDS);
  });

  it('refuses a dead-letter retention that tombstones would not outlive', () => {
    const tooLong = Duration.seconds(TOMBSTONE_TTL_SECONDS - 24 * 3600);
    expect(() => new EventQueue(new Stack(), 'Events', { visibilityTimeout: Duration.minutes(3), deadLetterRetention: tooLong })).toThrow(/tombstones/);
  });

  it.each([
    ['event queue', () => ids.queue],
    ['dead-letter queue', () => ids.deadLetterQueue],
  ])('the %s is encrypted and refuses requests without TLS', (_name, id) => {
    expect(resource(template, id()).Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id() }],
      PolicyDocument: { Statement: Match.arrayWith([denyInsecureTransport(arnOf(id()))]) },
    });
  });
});

describe('ingest function', () => {
  const ingest = () => resource(template, ids.ingest).Properties;

  it('runs on Node.js 22 or later on arm64 with 1024 MB, 30 s and active tracing', () => {
    const runtime = ingest().Runtime as string;
    expect(runtime).toMatch(/^nodejs\d+\.x$/);
    expect(Number(/\d+/.exec(runtime)![0])).toBeGreaterThanOrEqual(22);
    expect(ingest()).toMatchObject({
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 30,
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('gets its configuration from the environment', () => {
    expect(ingest().Environment.Variables).toEqual({
      TABLE_NAME: { Ref: ids.table },
      MAX_OBJECT_BYTES: String(DEFAULT_MAX_OBJECT_BYTES),
      POWERTOOLS_SERVICE_NAME: 'dateline-ingest',
      POWERTOOLS_METRICS_NAMESPACE: 'Dateline',
      LOG_LEVEL: 'INFO',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('logs to its own log group kept one month', () => {
    expect(ingest().LoggingConfig).toEqual({ LogGroup: { Ref: ids.ingestLogs } });
    expect(resource(template, ids.ingestLogs).Properties.RetentionInDays).toBe(30);
  });

  it('consumes the queue in batches of 10 and reports failed items only', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.ingest },
      EventSourceArn: arnOf(ids.queue),
      BatchSize: INGEST_BATCH.batchSize,
      MaximumBatchingWindowInSeconds: INGEST_BATCH.maxBatchingWindow.toSeconds(),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('starts at most 20 concurrent invocations by default, so a bulk upload leaves the account concurrency to the API', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: ids.ingest },
      ScalingConfig: { MaximumConcurrency: 20 },
    });
  });

  it('takes the concurrency bound as a context value too', () => {
    const fromContext = buildStack(undefined, { ...SKIP_BUNDLING, ingestMaxConcurrency: '50' });
    Template.fromStack(fromContext).hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 50 } });
    expect(() => buildStack(undefined, { ...SKIP_BUNDLING, ingestMaxConcurrency: 'many' })).toThrow(/ingestMaxConcurrency/);
  });

  it('takes memory, reserved concurrency and a concurrency bound as props', () => {
    const { stack: tuned, template: tunedTemplate } = buildTemplateStack({ ingestMemorySize: 2048, ingestReservedConcurrency: 20, ingestMaxConcurrency: 10 });
    expect(resource(tunedTemplate, logicalId(tuned.ingest.function)).Properties).toMatchObject({ MemorySize: 2048, ReservedConcurrentExecutions: 20 });
    tunedTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 10 } });
  });

  it('refuses props Lambda would refuse at deploy time', () => {
    expect(() => buildTemplateStack({ ingestMemorySize: 64 })).toThrow(/memorySize/);
    expect(() => buildTemplateStack({ ingestMaxConcurrency: 1 })).toThrow(/ingestMaxConcurrency/);
    expect(() => buildTemplateStack({ maxObjectBytes: 0 })).toThrow(/maxObjectBytes/);
  });
});

describe('records table', () => {
  const table = () => resource(template, ids.table);

  it('has the keys, GSIs and TTL of shared/table.ts', () => {
    const key = (partition: { name: string }, sort: { name: string }) => [
      { AttributeName: partition.name, KeyType: 'HASH' },
      { AttributeName: sort.name, KeyType: 'RANGE' },
    ];
    expect(table().Properties.KeySchema).toEqual(key(TABLE.partitionKey, TABLE.sortKey));
    expect(table().Properties.GlobalSecondaryIndexes).toEqual(
      TABLE.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: key(index.partitionKey, index.sortKey),
        Projection:
          index.projection.type === 'INCLUDE'
            ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.nonKeyAttributes] }
            : { ProjectionType: index.projection.type },
      })),
    );
    const attributes = [TABLE.partitionKey, TABLE.sortKey, ...TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    expect(table().Properties.AttributeDefinitions).toEqual(attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })));
    expect(table().Properties.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.timeToLiveAttribute, Enabled: true });
  });

  it('projects only the keys and the article summary into every GSI, never whole records', () => {
    for (const index of table().Properties.GlobalSecondaryIndexes as { Projection: unknown }[]) {
      expect(index.Projection).toEqual({ ProjectionType: 'INCLUDE', NonKeyAttributes: [SUMMARY_ATTRIBUTE] });
    }
  });

  it('is on-demand, encrypted, point-in-time recoverable, deletion protected and retained', () => {
    expect(table()).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });
});

describe('read API', () => {
  it('serves exactly the documented routes through the api function: the JSON API IAM-authorised, the web page signed in by the function', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([...READ_API_ROUTES].sort());
    const web = new Set<string>(WEB_ROUTES);
    for (const route of routes) expect(route.AuthorizationType, route.RouteKey).toBe(web.has(route.RouteKey) ? 'NONE' : 'AWS_IAM');
    // Every JSON path falls to the IAM catch-all: no web route starts like a JSON one.
    expect(JSON_API_ROUTES).toEqual(['GET /{proxy+}']);
    expect(WEB_ROUTES.filter((r) => /^GET \/(articles|entities)\b/.test(r))).toEqual([]);
    // Every page the handler serves as a web page has a route that reaches it without IAM.
    const reaches = (path: string) => WEB_ROUTES.some((r) => { const p = r.slice(4); return p.endsWith('{proxy+}') ? path.startsWith(p.slice(0, -'{proxy+}'.length)) : path === p; });
    for (const path of ['/', '/article/a.txt', '/entity/place/x', '/page/search', '/page/stats', '/auth/callback', '/assets/dateline.css', '/favicon.svg']) {
      expect(isWebPath(path), path).toBe(true);
      expect(reaches(path), path).toBe(true);
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: ids.httpApi },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(ids.api),
      PayloadFormatVersion: '2.0',
    });
  });

  it('throttles the default stage and writes JSON access logs with the request id', () => {
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stage).toHaveLength(1);
    const properties = stage[0]!.Properties;
    expect(properties).toMatchObject({
      ApiId: { Ref: ids.httpApi },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: arnOf(ids.accessLogs) },
    });
    expect(JSON.parse(properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(resource(template, ids.accessLogs).Properties.RetentionInDays).toBe(30);
  });

  it('runs the api function with the same defaults as ingest', () => {
    expect(resource(template, ids.api).Properties).toMatchObject({
      Runtime: resource(template, ids.ingest).Properties.Runtime,
      Architectures: ['arm64'],
      MemorySize: 1024,
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: { TABLE_NAME: { Ref: ids.table }, POWERTOOLS_SERVICE_NAME: 'dateline-api' } },
    });
  });
});

describe('alarms', () => {
  it('alarms on one message in the dead-letter queue and notifies the topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.deadLetterQueue, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('alarms on ingest errors', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.ingest } }],
      Threshold: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('alarms when the oldest event has waited in the ingest queue over 15 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.queue, 'QueueName'] } }],
      Threshold: 900,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('alarms on 5xx answers of the read API', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: Match.arrayWith([{ Name: 'ApiId', Value: { Ref: ids.httpApi } }]),
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it.each([
    ['ingest', () => ids.ingest],
    ['api', () => ids.api],
  ])('alarms on throttles of the %s function', (_name, id) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: id() } }],
      Threshold: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('has a throttle alarm for every function the stack deploys itself', () => {
    const functions = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => !id.startsWith('BucketNotificationsHandler'));
    const alarmed = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
      .filter((a) => a.Properties.MetricName === 'Throttles')
      .map((a) => a.Properties.Dimensions[0].Value.Ref);
    expect(alarmed.sort()).toEqual(functions.sort());
  });

  it('notifies through a KMS-encrypted, TLS-only topic CloudWatch may publish to', () => {
    expect(resource(template, ids.topic).Properties.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: ids.topic }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
  });
});

describe('projection', () => {
  it('streams the table with old and new images', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  it('feeds the stream to the projector: article items only, failed items reported, bisected, bounded retries, an on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(stack.projector.function) },
      EventSourceArn: { 'Fn::GetAtt': [ids.table, 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalId(stack.projectionFailures), 'Arn'] } } },
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { sk: { S: ['A'] } } } }) }] },
    });
  });

  it('keeps the on-failure queue encrypted, TLS-only, 14 days, and alarms on one message in it', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(stack.projectionFailures), 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: ids.topic }],
    });
  });

  it('gives ingest no stream source: its one write is the article item', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as { Properties: { FunctionName: unknown } }[];
    expect(mappings.filter((m) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: ids.ingest }))).toHaveLength(1);
  });
});

describe('web sign-in', () => {
  const pool = logicalId(stack.webSignIn.userPool);
  const client = logicalId(stack.webSignIn.client);

  it('keeps a user pool of accounts an administrator makes, with a strong password and a TOTP code, retained with the stack', () => {
    expect(resource(template, pool)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(resource(template, pool).Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UsernameAttributes: ['email'],
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
    });
  });

  it('signs people in through the managed login with the authorization-code flow, back to the web page', () => {
    const properties = resource(template, client).Properties;
    expect(properties).toMatchObject({
      UserPoolId: { Ref: pool },
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(properties.GenerateSecret).toBeFalsy();
    // The callback the api function answers, under the HTTP API's own endpoint.
    expect(JSON.stringify(properties.CallbackURLs)).toContain(ids.httpApi);
    expect(JSON.stringify(properties.CallbackURLs)).toContain('/auth/callback');
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { UserPoolId: { Ref: pool }, ManagedLoginVersion: 2 });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UserPoolId: { Ref: pool }, ClientId: { Ref: client }, UseCognitoProvidedValues: true });
  });

  it('tells the api function the pool, the client, the login domain and the web page URL', () => {
    const variables = resource(template, ids.api).Properties.Environment.Variables;
    expect(variables.COGNITO_USER_POOL_ID).toEqual({ Ref: pool });
    expect(variables.COGNITO_CLIENT_ID).toEqual({ Ref: client });
    expect(JSON.stringify(variables.COGNITO_DOMAIN)).toContain('.auth.');
    expect(JSON.stringify(variables.WEB_BASE_URL)).toContain(ids.httpApi);
  });
});

describe('outputs', () => {
  it('has every output the CLI reads, by the shared names', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(Object.values(OUTPUT).sort());
    expect(outputs[OUTPUT.bucketName]!.Value).toEqual({ Ref: ids.bucket });
    expect(outputs[OUTPUT.tableName]!.Value).toEqual({ Ref: ids.table });
    expect(outputs[OUTPUT.queueUrl]!.Value).toEqual({ Ref: ids.queue });
    expect(outputs[OUTPUT.deadLetterQueueUrl]!.Value).toEqual({ Ref: ids.deadLetterQueue });
    expect(outputs[OUTPUT.ingestFunctionName]!.Value).toEqual({ Ref: ids.ingest });
    expect(JSON.stringify(outputs[OUTPUT.apiUrl]!.Value)).toContain(ids.httpApi);
  });

  it('names the stack Dateline', () => {
    expect(stack.stackName).toBe('Dateline');
  });
});

describe('least privilege', () => {
  const allStatements = (): Statement[] => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).map((p) => p.Properties.PolicyDocument);
    const inline = Object.values(template.findResources('AWS::IAM::Role')).flatMap((r) => asList(r.Properties.Policies).map((p: any) => p.PolicyDocument));
    return [...policies, ...inline].flatMap((document) => document.Statement as Statement[]);
  };
  const actions = (statements: Statement[]) => statements.flatMap((s) => asList(s.Action));
  const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

  it('grants no wildcard action anywhere', () => {
    for (const action of actions(allStatements())) expect(action).not.toMatch(/\*/);
  });

  it('grants Resource "*" only for the X-Ray actions and dynamodb:ListStreams, which have no resource-level permissions', () => {
    const starred = allStatements().filter((s) => asList(s.Resource).includes('*'));
    expect(starred.length).toBeGreaterThan(0);
    for (const statement of starred) for (const action of asList(statement.Action)) expect([...XRAY, 'dynamodb:ListStreams']).toContain(action);
  });

  it('lets ingest read objects of this bucket only, and never write to it (no recursive trigger)', () => {
    const statements = roleStatements(template, ids.ingestRole);
    const s3 = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('s3:')));
    expect(actions(s3).sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
    for (const statement of s3) expect(JSON.stringify(statement.Resource)).toContain(`"${ids.bucket}"`);
    expect(actions(statements).filter((a) => /^s3:(Put|Delete|Restore|Replicate)/.test(a))).toEqual([]);
  });

  it('lets ingest put and get article items on this table, and nothing else of DynamoDB', () => {
    const dynamo = roleStatements(template, ids.ingestRole).filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.map((s) => s.Resource)).toEqual([arnOf(ids.table)]);
    expect(actions(dynamo).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  it('lets the projector write index items on this table and read its stream', () => {
    const dynamo = roleStatements(template, logicalId(stack.projector.role)).filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    const onTable = dynamo.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(arnOf(ids.table)));
    expect(actions(onTable).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem']);
    const stream = dynamo.filter((s) => JSON.stringify(s.Resource).includes('StreamArn'));
    expect(actions(stream).sort()).toEqual(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator']);
  });

  it('lets the api only read the table, its indexes and the bucket, and query the records mirror', () => {
    const statements = roleStatements(template, ids.apiRole);
    const granted = new Set(actions(statements));
    const mirror = ['athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StartQueryExecution', 'athena:StopQueryExecution', 'glue:GetDatabase', 'glue:GetPartitions', 'glue:GetTable', 's3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:PutObject'];
    const reads = ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket'];
    expect([...granted].sort()).toEqual([...new Set(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query', 'logs:CreateLogStream', 'logs:PutLogEvents', ...XRAY, ...reads, ...mirror])].sort());
    // The article bucket's files, read-only: objects for GetObject, the bucket itself for ListBucket.
    const onBucket = statements.filter((s) => JSON.stringify(s.Resource).includes(ids.bucket));
    expect(onBucket.map((s) => [asList(s.Action).sort(), JSON.stringify(s.Resource)])).toEqual([
      [['s3:GetObject', 's3:GetObjectVersion'], JSON.stringify({ 'Fn::Join': ['', [arnOf(ids.bucket), '/*']] })],
      [['s3:ListBucket'], JSON.stringify(arnOf(ids.bucket))],
    ]);
    const onIndexes = statements.filter((s) => JSON.stringify(s.Resource).includes('/index/'));
    expect(actions(onIndexes)).toEqual(['dynamodb:Query']);
    expect(indexNames(onIndexes[0]!)).toEqual(TABLE.globalSecondaryIndexes.map((i) => i.indexName).sort());
  });

  it('gives the functions no AWS managed policy (logs go to their own log group only)', () => {
    for (const roleId of [ids.ingestRole, ids.apiRole]) {
      expect(resource(template, roleId).Properties.ManagedPolicyArns).toBeUndefined();
      const logs = roleStatements(template, roleId).filter((s) => asList(s.Action).some((a) => a.startsWith('logs:')));
      expect(logs.map((s) => s.Resource)).toEqual([arnOf(roleId === ids.ingestRole ? ids.ingestLogs : logicalId(stack.api.logGroup))]);
    }
  });
});

/** `<table arn>/index/<name>` joins of a statement, as names. */
function indexNames(statement: Statement): string[] {
  return asList(statement.Resource as unknown[])
    .map((r) => {
      const joined = JSON.stringify(r);
      return /\/index\/([A-Za-z0-9_.-]+)"/.exec(joined)?.[1] ?? `not an index: ${joined}`;
    })
    .sort();
}

describe("aws-cdk-lib's bucket notifications handler", () => {
  it('logs to a log group of its own kept one month', () => {
    const [id, handler] = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('BucketNotificationsHandler'))!;
    expect(id).toBeDefined();
    const logGroup = handler.Properties.LoggingConfig.LogGroup as { Ref: string };
    expect(resource(template, logGroup.Ref)).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
  });
});
