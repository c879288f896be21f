/**
 * Creates the table from the one definition in `shared/table.ts`, for the local stack and the
 * tests (on AWS the CDK stack creates it from the same definition), GSIs with the projection the
 * definition gives them. TTL is not set here: dynalite has no `UpdateTimeToLive` and never expires
 * items, so local tombstones simply stay (they are harmless).
 *
 * A table that exists is left as it is, even when its GSIs project differently (a data folder made
 * by an older version, whose GSIs project ALL): lists still work on it (items without a `summary`
 * are read whole, see adapters/queries.ts), so `ensureTable` warns instead of rebuilding indexes.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type Projection,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, TABLE, type IndexProjection, type TableDefinition } from '../shared/table';

/** The definition's projection as DynamoDB takes it. */
export function toProjection(projection: IndexProjection): Projection {
  return projection.type === 'INCLUDE'
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projection.nonKeyAttributes] }
    : { ProjectionType: projection.type };
}

export function createTableInput(table: TableDefinition, tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes(table).map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: toProjection(index.projection),
    })),
  };
}

export class TableNotReadyError extends Error {
  constructor(tableName: string, status: string | undefined) {
    super(`table ${tableName} did not become ACTIVE (last status: ${status ?? 'unknown'})`);
    this.name = 'TableNotReadyError';
  }
}

/** Creates the table unless it exists, then waits (bounded) until it and its indexes are ACTIVE. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  options: { table?: TableDefinition; attempts?: number; intervalMs?: number; warn?: (message: string) => void } = {},
): Promise<'created' | 'existed'> {
  const { table = TABLE, attempts = 100, intervalMs = 50, warn = console.warn } = options;
  let outcome: 'created' | 'existed' = 'existed';
  const existing = await describe(client, tableName);
  if (existing !== null) {
    const differences = indexDifferences(table, existing);
    if (differences.length > 0) {
      warn(
        `table ${tableName} was created by an older version (${differences.join('; ')}): lists work but read whole ` +
          'items; stop the stack and delete its data folder (.dateline/ by default) to rebuild it, then drop the articles again',
      );
    }
  } else {
    try {
      await client.send(new CreateTableCommand(createTableInput(table, tableName)));
      outcome = 'created';
    } catch (error) {
      // Another process created it between the describe and the create.
      if ((error as Error).name !== 'ResourceInUseException') throw error;
    }
  }
  let status: string | undefined;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const description = await describe(client, tableName);
    status = description?.TableStatus;
    const indexesActive = (description?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (status === 'ACTIVE' && indexesActive) return outcome;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new TableNotReadyError(tableName, status);
}

/** How the table's GSIs differ from the definition's (missing, or projecting other attributes); empty when they agree. */
export function indexDifferences(table: TableDefinition, described: TableDescription): string[] {
  const actual = new Map((described.GlobalSecondaryIndexes ?? []).map((i) => [i.IndexName, i.Projection]));
  return table.globalSecondaryIndexes.flatMap((index) => {
    if (!actual.has(index.indexName)) return [`no index ${index.indexName}`];
    const found = actual.get(index.indexName);
    const want = toProjection(index.projection);
    const sameType = found?.ProjectionType === want.ProjectionType;
    const sameAttributes = [...(found?.NonKeyAttributes ?? [])].sort().join(',') === [...(want.NonKeyAttributes ?? [])].sort().join(',');
    return sameType && sameAttributes ? [] : [`${index.indexName} projects ${describeProjection(found)}, not ${describeProjection(want)}`];
  });
}

function describeProjection(projection: Projection | undefined): string {
  const type = projection?.ProjectionType ?? 'unknown';
  return type === 'INCLUDE' ? `INCLUDE ${(projection?.NonKeyAttributes ?? []).join(',')}` : type;
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return null;
    throw error;
  }
}
