/**
 * Creates the table from the one definition in `shared/table.ts`, for the local stack and the
 * tests (on AWS the CDK stack creates it from the same definition). GSIs project ALL attributes,
 * as the CDK's `addGlobalSecondaryIndex` does by default. TTL is not set here: dynalite has no
 * `UpdateTimeToLive` and never expires items, so local tombstones simply stay (they are harmless).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { keyAttributes, TABLE, type TableDefinition } from '../shared/table';

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
      Projection: { ProjectionType: 'ALL' },
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
  options: { table?: TableDefinition; attempts?: number; intervalMs?: number } = {},
): Promise<'created' | 'existed'> {
  const { table = TABLE, attempts = 100, intervalMs = 50 } = options;
  let outcome: 'created' | 'existed' = 'existed';
  if ((await describe(client, tableName)) === null) {
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

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table ?? null;
  } catch (error) {
    if (error instanceof ResourceNotFoundException || (error as Error).name === 'ResourceNotFoundException') return null;
    throw error;
  }
}
