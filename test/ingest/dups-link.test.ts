/**
 * Back-links either land or are refused, so that ingest can keep every near-duplicate link paired:
 * against dynalite with the real store.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import type { ArticleStore } from '../../shared/ports';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from './records';

let servers: TestServers;
let store: ArticleStore;
beforeAll(async () => {
  servers = await startServers();
  store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
});
afterAll(() => servers?.stop());

const entry = (key: string) => ({ id: `dateline-test/${key}`, key, distance: 3 });

it('links once (a retry also answers linked), refuses a deleted or missing article, and unlinks', async () => {
  expect(await store.put(sampleRecord({ key: 'links/original.txt', sequencer: '0000000000000000D1' }))).toBe('written');
  expect(await store.duplicates.link('links/original.txt', entry('links/copy.txt'))).toBe('linked');
  expect(await store.duplicates.link('links/original.txt', entry('links/copy.txt'))).toBe('linked');
  expect((await store.get('links/original.txt'))?.duplicates.map((d) => d.key)).toEqual(['links/copy.txt']);

  expect(await store.duplicates.link('links/never-stored.txt', entry('links/copy.txt'))).toBe('refused');
  expect(await store.remove({ bucket: 'dateline-test', key: 'links/original.txt', sequencer: '0000000000000000D2', at: '2015-01-01T00:00:00Z' })).toBe('written');
  expect(await store.duplicates.link('links/original.txt', entry('links/other-copy.txt'))).toBe('refused');

  expect(await store.put(sampleRecord({ key: 'links/copy.txt', sequencer: '0000000000000000E1', duplicates: [entry('links/original.txt')] }))).toBe('written');
  await store.duplicates.unlink('links/copy.txt', 'links/original.txt');
  expect((await store.get('links/copy.txt'))?.duplicates).toEqual([]);
});
