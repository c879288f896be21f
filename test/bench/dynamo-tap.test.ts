import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../adapters/clients';
import { DynamoTap } from '../../bench/lib/dynamo-tap';
import { startServers, type TestServers } from '../helpers/servers';

describe('the bench DynamoDB tap (against dynalite)', () => {
  let servers: TestServers;
  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(() => servers.stop());

  it('records what the DocumentClient and the low-level client send and get back, and leaves ignored clients alone', async () => {
    // Prepare
    const { client, doc } = createDynamoClients({ endpoint: servers.dynamoEndpoint });
    const tap = new DynamoTap().install();
    try {
      tap.ignore(servers.doc, servers.dynamo);
      tap.start();
      // Act
      await doc.send(new PutCommand({ TableName: servers.tableName, Item: { pk: 'A#one', sk: 'A', datePk: 'D#2015-09', dateSk: '2015-09-30#one', title: 'دمشق' } }));
      await client.send(new PutItemCommand({ TableName: servers.tableName, Item: { pk: { S: 'A#two' }, sk: { S: 'A' }, words: { N: '12' } } }));
      await doc.send(new BatchWriteCommand({ RequestItems: { [servers.tableName]: [{ PutRequest: { Item: { pk: 'E#place#دمشق#2015-09', sk: '2015-09-30#one' } } }] } }));
      await doc.send(new GetCommand({ TableName: servers.tableName, Key: { pk: 'A#missing', sk: 'A' }, ConsistentRead: true }));
      await doc.send(new QueryCommand({ TableName: servers.tableName, IndexName: 'byDate', KeyConditionExpression: 'datePk = :p', ExpressionAttributeValues: { ':p': 'D#2015-09' } }));
      await servers.doc.send(new GetCommand({ TableName: servers.tableName, Key: { pk: 'A#one', sk: 'A' } }));
      const calls = tap.stop();
      // Assess
      expect(calls.map((c) => c.operation)).toEqual(['PutItem', 'PutItem', 'BatchWriteItem', 'GetItem', 'Query']);
      expect(calls[0]!.puts).toEqual([{ pk: 'A#one', sk: 'A', datePk: 'D#2015-09', dateSk: '2015-09-30#one', title: 'دمشق' }]);
      expect(calls[1]!.puts).toEqual([{ pk: 'A#two', sk: 'A', words: 12 }]);
      expect(calls[2]!.puts).toEqual([{ pk: 'E#place#دمشق#2015-09', sk: '2015-09-30#one' }]);
      expect(calls[3]).toMatchObject({ consistentRead: true, keysRead: 1, returned: [] });
      // Keys are in every projection; what else comes back depends on shared/table.ts.
      expect(calls[4]).toMatchObject({ indexName: 'byDate', returned: [{ pk: 'A#one', datePk: 'D#2015-09' }] });
    } finally {
      tap.uninstall();
      client.destroy();
    }
  });

  it('records a failed conditional write with its error, and nothing once uninstalled', async () => {
    const tap = new DynamoTap().install();
    const condition = { ConditionExpression: 'attribute_not_exists(pk)' };
    try {
      await servers.doc.send(new PutCommand({ TableName: servers.tableName, Item: { pk: 'A#cond', sk: 'A' } }));
      const { client, doc } = createDynamoClients({ endpoint: servers.dynamoEndpoint });
      tap.start();
      await expect(doc.send(new PutCommand({ TableName: servers.tableName, Item: { pk: 'A#cond', sk: 'A' }, ...condition }))).rejects.toThrow();
      expect(tap.stop()).toMatchObject([{ operation: 'PutItem', error: 'ConditionalCheckFailedException' }]);
      tap.uninstall();
      tap.start();
      await doc.send(new GetCommand({ TableName: servers.tableName, Key: { pk: 'A#cond', sk: 'A' } }));
      expect(tap.stop()).toEqual([]);
      client.destroy();
    } finally {
      tap.uninstall();
    }
  });
});
