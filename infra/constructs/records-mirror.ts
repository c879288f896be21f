import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MIRROR_COLUMNS, MIRROR_PARTITION, MIRROR_PREFIX } from '../../shared/mirror';

export interface RecordsMirrorProps {
  /** Where the mirror bucket's server access logs go. */
  readonly accessLogBucket: s3.IBucket;
  /**
   * The months Athena's partition projection covers (`yyyy-MM,yyyy-MM`, NOW allowed): rows of other
   * months stay in the mirror but no query on AWS reads them.
   * @default '1900-01,NOW+1YEARS'
   */
  readonly monthRange?: string;
  /**
   * Most bytes one query may scan before Athena cancels it (a runaway query's cost is bounded).
   * @default 10 GiB
   */
  readonly bytesScannedCutoffPerQuery?: number;
  /**
   * How long query results are kept.
   * @default Duration.days(7)
   */
  readonly resultExpiration?: Duration;
}

/** Where Athena writes query results, in the mirror bucket beside the rows. */
export const RESULTS_PREFIX = 'athena-results/';
/** Athena's names of the two tables shared/records-sql.ts reads. */
export const RECORDS_TABLES = { dated: 'records', undated: 'records_undated' } as const;

/**
 * The records mirror on AWS and the engine that reads it: a bucket holding one JSON object per
 * record (shared/mirror.ts: `records/month=<yyyy-mm>/…`, `undated/…`), written by the projector;
 * a Glue database with the two tables over it — `records` with partition projection on `month`
 * (no crawler, no partitions to add: Athena computes them from the range) and `records_undated` —
 * and an Athena workgroup that enforces the result location, SSE-S3 results and a scan limit.
 *
 * Athena over JSON in S3 rather than OpenSearch Serverless: the archive is read by a few people
 * and programs, in bursts; Athena costs nothing while idle and $5 per TB scanned, where an
 * OpenSearch Serverless collection bills at least 2 OCUs around the clock (docs/cost.md).
 */
export class RecordsMirror extends Construct {
  readonly bucket: s3.Bucket;
  readonly database: glue.CfnDatabase;
  readonly databaseName: string;
  readonly workGroup: athena.CfnWorkGroup;
  readonly tables: readonly glue.CfnTable[];

  constructor(scope: Construct, id: string, props: RecordsMirrorProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'mirror/',
      // Derived data: `dateline reindex --force` rebuilds it from the articles; kept anyway, like the table.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { prefix: RESULTS_PREFIX, expiration: props.resultExpiration ?? Duration.days(7) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.databaseName = `${stack.stackName.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_records`;
    this.database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'Dateline records mirror (shared/mirror.ts), read by Athena' },
    });
    const columns = MIRROR_COLUMNS.map((c) => ({ name: c.name, type: c.type }));
    const storage = (prefix: string) => ({
      columns,
      location: `s3://${this.bucket.bucketName}/${prefix}`,
      inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe', parameters: { 'ignore.malformed.json': 'false' } },
    });
    const dated = new glue.CfnTable(this, 'Records', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: {
        name: RECORDS_TABLES.dated,
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: MIRROR_PARTITION, type: 'string' }],
        storageDescriptor: storage(MIRROR_PREFIX.dated),
        parameters: {
          classification: 'json',
          'projection.enabled': 'true',
          [`projection.${MIRROR_PARTITION}.type`]: 'date',
          [`projection.${MIRROR_PARTITION}.format`]: 'yyyy-MM',
          [`projection.${MIRROR_PARTITION}.range`]: props.monthRange ?? '1900-01,NOW+1YEARS',
          [`projection.${MIRROR_PARTITION}.interval`]: '1',
          [`projection.${MIRROR_PARTITION}.interval.unit`]: 'MONTHS',
          'storage.location.template': `s3://${this.bucket.bucketName}/${MIRROR_PREFIX.dated}${MIRROR_PARTITION}=\${${MIRROR_PARTITION}}/`,
        },
      },
    });
    const undated = new glue.CfnTable(this, 'UndatedRecords', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: { name: RECORDS_TABLES.undated, tableType: 'EXTERNAL_TABLE', storageDescriptor: storage(MIRROR_PREFIX.undated), parameters: { classification: 'json' } },
    });
    dated.node.addDependency(this.database);
    undated.node.addDependency(this.database);
    this.tables = [dated, undated];

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: `${stack.stackName}-records`,
      description: 'Dateline search, stats and export over the records mirror',
      recursiveDeleteOption: true,
      state: 'ENABLED',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery ?? 10 * 1024 ** 3,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.bucket.bucketName}/${RESULTS_PREFIX}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }

  /** The projector: puts and deletes rows, nothing else. */
  grantWriteRows(grantee: iam.IGrantable & Construct): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:DeleteObject'], resources: [this.bucket.arnForObjects(`${MIRROR_PREFIX.dated}*`), this.bucket.arnForObjects(`${MIRROR_PREFIX.undated}*`)] }),
    );
    this.acknowledgeRows(grantee, 'The projector puts and deletes one row per record, named by a hash of its object key, under the mirror\'s prefix for dated or undated rows (shared/mirror.ts); the grant is limited to those two prefixes of this one bucket.');
  }

  private acknowledgeRows(grantee: Construct, reason: string): void {
    for (const prefix of [MIRROR_PREFIX.dated, MIRROR_PREFIX.undated]) {
      Validations.of(grantee).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${this.bucketLogicalId()}.Arn>/${prefix}*]`, reason });
    }
  }

  private bucketLogicalId(): string {
    return Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
  }

  /** A reader: runs queries in the workgroup (Athena reads the tables and the rows as the caller, and writes results as the caller). */
  grantQuery(grantee: iam.IGrantable & Construct): void {
    const stack = Stack.of(this);
    const add = (actions: string[], resources: string[]) => grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
    add(['athena:StartQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults', 'athena:StopQueryExecution'], [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroup.ref })]);
    add(
      ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      [
        stack.formatArn({ service: 'glue', resource: 'catalog' }),
        stack.formatArn({ service: 'glue', resource: 'database', resourceName: this.databaseName }),
        ...Object.values(RECORDS_TABLES).map((t) => stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${this.databaseName}/${t}` })),
      ],
    );
    add(['s3:GetBucketLocation', 's3:ListBucket'], [this.bucket.bucketArn]);
    add(['s3:GetObject'], [this.bucket.arnForObjects(`${MIRROR_PREFIX.dated}*`), this.bucket.arnForObjects(`${MIRROR_PREFIX.undated}*`)]);
    add(['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'], [this.bucket.arnForObjects(`${RESULTS_PREFIX}*`)]);
    this.acknowledgeRows(grantee, 'Athena reads the mirror\'s rows with the caller\'s credentials: every object of a partition a query reads, whose names are hashes of object keys; the grant is read-only (GetObject) and limited to the two row prefixes of this one bucket.');
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.bucketLogicalId()}.Arn>/${RESULTS_PREFIX}*]`,
      reason: 'Athena writes each query\'s result files under the workgroup\'s result location with the caller\'s credentials, named by query id; the grant is limited to that prefix, whose objects expire after days.',
    });
  }
}
