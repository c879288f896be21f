/**
 * The local table and the deployed one come from one definition (shared/table.ts). This proves it
 * where it matters: the table in the synthesized CloudFormation template and the table the local
 * stack created in dynalite have the same keys, attribute types and GSIs (keys and projection).
 */
import { DescribeTableCommand, type TableDescription } from '@aws-sdk/client-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStack } from '../../infra/create-app';
import { TABLE } from '../../shared/table';
import { makeDataDir, removeDataDir, startTestStack, type TestStack } from './helpers';

interface KeyElement {
  AttributeName: string;
  KeyType: string;
}
interface TemplateTable {
  KeySchema: KeyElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: { IndexName: string; KeySchema: KeyElement[]; Projection: { ProjectionType: string; NonKeyAttributes?: string[] } }[];
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

let local: TestStack;
let dataDir: string;
let described: TableDescription;
let templateTable: TemplateTable;

beforeAll(async () => {
  // No esbuild bundles: only the template's table is read.
  const template = Template.fromStack(buildStack(undefined, { 'aws:cdk:bundling-stacks': [] }));
  const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
  expect(tables).toHaveLength(1);
  templateTable = (tables[0] as { Properties: TemplateTable }).Properties;

  dataDir = await makeDataDir();
  local = await startTestStack({ dataDir });
  const response = await local.dynamo.send(new DescribeTableCommand({ TableName: local.stack.table }));
  described = response.Table!;
}, 120_000);
afterAll(async () => {
  await local?.stop();
  if (dataDir) await removeDataDir(dataDir);
});

const keys = (schema: readonly { AttributeName?: string; KeyType?: string }[] | undefined) => (schema ?? []).map((k) => ({ AttributeName: k.AttributeName, KeyType: k.KeyType }));
const byName = <T extends { AttributeName?: string }>(list: readonly T[] | undefined): T[] => [...(list ?? [])].sort((a, b) => (a.AttributeName ?? '').localeCompare(b.AttributeName ?? ''));

describe('the local table matches the synthesized template', () => {
  it('has the same primary key', () => {
    expect(keys(described.KeySchema)).toEqual(keys(templateTable.KeySchema));
    expect(keys(templateTable.KeySchema)).toEqual([
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ]);
  });

  it('defines the same attributes with the same types', () => {
    const local = byName(described.AttributeDefinitions).map((a) => ({ AttributeName: a.AttributeName, AttributeType: a.AttributeType }));
    expect(local).toEqual(byName(templateTable.AttributeDefinitions));
  });

  it('has the same GSIs, with the same keys and projection (type and projected attributes)', () => {
    type IndexLike = {
      IndexName?: string;
      KeySchema?: KeyElement[] | { AttributeName?: string; KeyType?: string }[];
      Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
    };
    const shape = (indexes: readonly IndexLike[] | undefined) =>
      [...(indexes ?? [])]
        .map((i) => ({
          IndexName: i.IndexName,
          KeySchema: keys(i.KeySchema),
          ProjectionType: i.Projection?.ProjectionType,
          NonKeyAttributes: [...(i.Projection?.NonKeyAttributes ?? [])].sort(),
        }))
        .sort((a, b) => (a.IndexName ?? '').localeCompare(b.IndexName ?? ''));
    expect(shape(described.GlobalSecondaryIndexes)).toEqual(shape(templateTable.GlobalSecondaryIndexes));
    // Both agree with the definition, so neither side can drift alone (e.g. both fall back to ALL).
    const defined = TABLE.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      ProjectionType: i.projection.type,
      NonKeyAttributes: i.projection.type === 'INCLUDE' ? [...i.projection.nonKeyAttributes].sort() : [],
    }));
    expect(shape(templateTable.GlobalSecondaryIndexes).map(({ IndexName, ProjectionType, NonKeyAttributes }) => ({ IndexName, ProjectionType, NonKeyAttributes }))).toEqual(
      [...defined].sort((a, b) => a.IndexName.localeCompare(b.IndexName)),
    );
    expect(defined.every((i) => i.ProjectionType !== 'ALL')).toBe(true);
  });

  it('expires tombstones by the shared TTL attribute on AWS (dynalite has no TTL to compare)', () => {
    expect(templateTable.TimeToLiveSpecification).toEqual({ AttributeName: TABLE.timeToLiveAttribute, Enabled: true });
  });
});
