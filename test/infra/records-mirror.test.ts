/** The records mirror's promises on AWS: its bucket, the Glue tables Athena reads, the workgroup, and who may do what. */
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MIRROR_COLUMNS } from '../../shared/mirror';
import { asList, buildTemplateStack, logicalId, roleStatements } from './build';

const { stack, template } = buildTemplateStack();
const bucketId = logicalId(stack.mirror.bucket);
const actionsOn = (roleId: string, pattern: string) =>
  roleStatements(template, roleId)
    .filter((s) => JSON.stringify(s.Resource).includes(pattern))
    .flatMap((s) => asList(s.Action))
    .sort();

describe('records mirror', () => {
  it('keeps the rows in an encrypted, private, TLS-only bucket with access logs', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { LogFilePrefix: 'mirror/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId }, PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } });
  });

  it('gives Athena the dated table with partition projection by month and the undated table, with the mirror row columns', () => {
    const columns = MIRROR_COLUMNS.map((c) => ({ Name: c.name, Type: c.type }));
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: {
        Name: 'records',
        PartitionKeys: [{ Name: 'month', Type: 'string' }],
        StorageDescriptor: { Columns: columns, SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' } },
        Parameters: Match.objectLike({ 'projection.enabled': 'true', 'projection.month.type': 'date', 'projection.month.format': 'yyyy-MM', 'projection.month.interval.unit': 'MONTHS' }),
      },
    });
    template.hasResourceProperties('AWS::Glue::Table', { TableInput: { Name: 'records_undated', StorageDescriptor: Match.objectLike({ Columns: columns }) } });
  });

  it('runs queries in a workgroup that enforces encrypted results and a scan limit', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: Match.anyValue(),
        ResultConfiguration: { EncryptionConfiguration: { EncryptionOption: 'SSE_S3' }, OutputLocation: Match.anyValue() },
      }),
    });
  });

  it('lets the projector write rows only under the row prefixes, and read articles', () => {
    const projector = logicalId(stack.projector.role);
    expect(actionsOn(projector, `${bucketId}`)).toEqual(['s3:DeleteObject', 's3:PutObject']);
    const rows = roleStatements(template, projector).filter((s) => JSON.stringify(s.Resource).includes(bucketId));
    expect(JSON.stringify(rows)).toContain('/records/*');
    expect(JSON.stringify(rows)).not.toContain('"/*"');
    // Read-only on the articles; ListBucket so that a deleted version answers 404, not 403.
    expect(actionsOn(projector, logicalId(stack.articles.bucket))).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
  });

  it('tells the projector and the api where the mirror is', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MIRROR_BUCKET: { Ref: bucketId } }) } });
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ RECORDS_WORKGROUP: Match.anyValue(), RECORDS_DATABASE: Match.anyValue() }) } });
  });
});
