/**
 * Back-links either land or are refused, so that ingest can keep every near-duplicate link paired:
 * against dynalite with the real store.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { backLink } from '../../shared/duplicates';
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

it("keeps links paired when the other article links again while a replacement's clean-up takes its old link away", async () => {
  const k = 'links/replaced.txt';
  const t = 'links/third.txt';
  const first = sampleRecord({ key: k, sequencer: '0000000000000000F1' });
  const third = sampleRecord({ key: t, sequencer: '0000000000000000F1' });
  expect(await store.put({ ...first, duplicates: [entry(t)] })).toBe('written');
  expect(await store.put({ ...third, duplicates: [{ id: first.id, key: k, distance: 3 }] })).toBe('written');

  // While the replacement's clean-up holds the pair, the third article's handler (a redelivery of
  // its event) adds its back-link to `k` as ingest does: under the pair's lease, then checking its
  // own record still lists `k`.
  let relinking: Promise<void> | null = null;
  const doc = new Proxy(servers.doc, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        if (!relinking && command.constructor.name === 'GetCommand' && command.input.ProjectionExpression === 'duplicates') {
          const stored = (await store.get(t))!;
          relinking = store.duplicates.paired(t, k, async () => {
            if ((await store.duplicates.link(k, backLink(stored, 3))) !== 'linked') return;
            if (!(await store.get(t))?.duplicates.some((d) => d.key === k)) await store.duplicates.unlink(k, t);
          });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        return (target.send as (c: unknown) => Promise<unknown>).call(target, command);
      };
    },
  }) as DynamoDBDocumentClient;
  const replacing = createDynamoStore({ doc, tableName: servers.tableName });
  expect(await replacing.put(sampleRecord({ key: k, sequencer: '0000000000000000F2', title: 'another story' }))).toBe('written');
  expect(relinking).not.toBeNull();
  await relinking;

  // Neither keeps a link the other does not have.
  const linksOf = async (key: string) => (await store.get(key))?.duplicates.map((d) => d.key) ?? [];
  const [fromK, fromT] = [await linksOf(k), await linksOf(t)];
  expect(fromK.includes(t)).toBe(fromT.includes(k));
});
