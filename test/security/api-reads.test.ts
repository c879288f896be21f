/**
 * The api function only reads, and only what its role grants: every route is called on real
 * records (ingested through the local pipeline) with the api handler on a DynamoDB client that
 * records each operation it sends; the operations must all be granted to the api role in the
 * synthesized template, and all be reads. (Its bundle also holds the store's write code, reached
 * through the shared queries module; this proves those writes are never called on a read.)
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../../adapters/clients';
import { createArticleQueries } from '../../adapters/queries';
import { createApiHandler } from '../../functions/api';
import { asList, buildTemplateStack, logicalId, roleStatements } from '../infra/build';
import { injectDynamoFaults, type FaultLayer } from '../reliability/harness/faults';
import { ARABIC_ARTICLE, ENGLISH_ARTICLE } from '../reliability/harness/inputs';
import { startPipeline, type Pipeline } from '../reliability/harness/pipeline';

let p: Pipeline;
let observed: FaultLayer;
let handle: (path: string, query?: string) => Promise<number>;

beforeAll(async () => {
  p = await startPipeline();
  for (const [key, body] of [
    ['wires/حلب.txt', ARABIC_ARTICLE],
    ['wires/حلب نسخة.txt', `${ARABIC_ARTICLE}\nوأضاف المصدر أن العمل مستمر.\n`],
    ['wires/latakia.txt', ENGLISH_ARTICLE],
  ] as const) {
    await p.s3.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: body }));
  }
  expect(await p.settle()).toBe(true);

  const { client, doc } = createDynamoClients({ endpoint: p.endpoints.dynamodb });
  observed = injectDynamoFaults(client);
  const api = createApiHandler({ queries: createArticleQueries({ doc, tableName: p.table }), logger: { error: () => undefined } });
  handle = async (path, query = '') => {
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: query,
      headers: {},
      queryStringParameters: query ? Object.fromEntries(new URLSearchParams(query)) : undefined,
      requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    const result = (await api(event)) as { statusCode: number };
    return result.statusCode;
  };
});
afterAll(() => p?.stop());

describe('the api function', () => {
  it('calls only DynamoDB reads its role is granted, on every route', async () => {
    const key = encodeURIComponent('wires/حلب.txt');
    const answers = [
      await handle('/'),
      await handle('/articles', 'limit=5'),
      await handle('/articles', 'lang=ar&since=2000'),
      await handle('/articles', 'agency=SANA'),
      await handle(`/articles/${key}`),
      await handle(`/articles/${key}/duplicates`),
      await handle('/entities/place/حلب/articles', ''),
      await handle('/articles/no-such-key.txt'),
    ];
    // The routes answer (a 404 for the missing key, nothing failing inside).
    expect(answers.filter((status) => status >= 500)).toEqual([]);
    expect(answers.filter((status) => status === 200).length).toBeGreaterThanOrEqual(5);

    const { stack, template } = buildTemplateStack();
    const granted = new Set(roleStatements(template, logicalId(stack.api.role)).flatMap((s) => asList(s.Action)));
    const used = new Set(observed.seen.map((s) => `dynamodb:${s.operation}`));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((action) => !granted.has(action))).toEqual([]);
    expect([...used].filter((action) => !/^dynamodb:(Get|BatchGet|Query)/.test(action))).toEqual([]);
  });
});
