/**
 * The article item stays under DynamoDB's 400 KB even with the entity index's partition list,
 * which joins the item after ingest fitted the record. Sizes are counted as DynamoDB counts them
 * (UTF-8), since dynalite counts UTF-16 units and would accept an Arabic item DynamoDB refuses.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { articleKey, fitRecord, ITEM_BYTES_BUDGET, itemSizeBytes, recordToItem } from '../../shared/items';
import type { Entity } from '../../shared/record';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from './records';

let servers: TestServers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.stop());

it('refits a record whose entity partition keys would push its item over the budget', async () => {
  // 200 people with long Arabic names (long partition keys), and keywords filling the rest.
  const longName = (i: number) => `${'عبد الرحمن بن محمد بن إبراهيم آل '.repeat(5)}${i}`;
  const people: Entity[] = Array.from({ length: 200 }, (_, i) => ({ name: longName(i), normalized: longName(i), aliases: [], mentions: 1 }));
  const keywords = Array.from({ length: 20_000 }, (_, i) => ({ term: `مصطلح-${i}-${'ك'.repeat(4)}`, score: 1 / (i + 1) }));
  const record = fitRecord(sampleRecord({ key: 'size/long-names.txt', entities: { person: people, organization: [], place: [] }, keywords }));
  expect(itemSizeBytes(recordToItem(record))).toBeLessThanOrEqual(ITEM_BYTES_BUDGET);

  const store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
  expect(await store.put(record)).toBe('written');

  const { Item } = await servers.doc.send(new GetCommand({ TableName: servers.tableName, Key: articleKey('size/long-names.txt') }));
  expect(Array.isArray(Item?.entityKeys) && Item.entityKeys.length).toBeGreaterThan(0);
  expect(itemSizeBytes(Item!)).toBeLessThanOrEqual(ITEM_BYTES_BUDGET);
  const stored = await store.get('size/long-names.txt');
  expect(stored?.truncated?.keywords).toBe(20_000);
});
