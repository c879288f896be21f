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
import { createDynamoClients, createS3Client } from '../../adapters/clients';
import { createArticleQueries } from '../../adapters/queries';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createApiHandler } from '../../functions/api';
import { asList, buildTemplateStack, logicalId, roleStatements } from '../infra/build';
import { injectDynamoFaults, type FaultLayer } from '../reliability/harness/faults';
import { ARABIC_ARTICLE, ENGLISH_ARTICLE } from '../reliability/harness/inputs';
import { startPipeline, type Pipeline } from '../reliability/harness/pipeline';

let p: Pipeline;
let observed: FaultLayer;
/** The S3 operations the api sent, by command name (GetObjectCommand, HeadObjectCommand). */
const s3Commands: string[] = [];
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
  const s3 = createS3Client({ endpoint: p.endpoints.s3 });
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      s3Commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  const api = createApiHandler({ queries: createArticleQueries({ doc, tableName: p.table }), objects: createS3ObjectReader(s3), logger: { error: () => undefined } });
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
    // Decoded, as API Gateway hands paths to the function.
    const key = 'wires/حلب.txt';
    const answers = [
      await handle('/'),
      await handle('/articles', 'limit=5'),
      await handle('/articles', 'lang=ar&since=2000'),
      await handle('/articles', 'agency=SANA'),
      await handle(`/articles/${key}`),
      await handle(`/articles/${key}/duplicates`),
      await handle(`/articles/${key}/text`),
      await handle(`/articles/${key}/original`),
      await handle(`/article/${key}`),
      await handle('/entities/place/حلب/articles', ''),
      await handle('/articles/no-such-key.txt'),
    ];
    // The routes answer (a 404 for the missing key, nothing failing inside).
    expect(answers.filter((status) => status >= 500)).toEqual([]);
    expect(answers.filter((status) => status === 200).length).toBeGreaterThanOrEqual(8);

    const { stack, template } = buildTemplateStack();
    const granted = new Set(roleStatements(template, logicalId(stack.api.role)).flatMap((s) => asList(s.Action)));
    const used = new Set(observed.seen.map((s) => `dynamodb:${s.operation}`));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((action) => !granted.has(action))).toEqual([]);
    expect([...used].filter((action) => !/^dynamodb:(Get|BatchGet|Query)/.test(action))).toEqual([]);

    // S3: reads of the article files only (GetObject, and HeadObject, which needs s3:GetObject), each granted.
    const s3Actions: Record<string, string> = { GetObjectCommand: 's3:GetObject', HeadObjectCommand: 's3:GetObject' };
    expect(s3Commands.length).toBeGreaterThan(0);
    expect(s3Commands.filter((name) => !(name in s3Actions))).toEqual([]);
    expect(s3Commands.map((name) => s3Actions[name]!).filter((action) => !granted.has(action))).toEqual([]);
  });
});
