/**
 * `--target aws` through the real binary, with every AWS endpoint on 127.0.0.1: the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables send CloudFormation to a small stand-in that answers
 * DescribeStacks as AWS does (query protocol, XML), and S3 and DynamoDB to s3rver and dynalite.
 * So the path from stack outputs to bucket and table runs as it does against a deployed stack.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { OUTPUT, STACK_NAME } from '../../infra/outputs';
import { ArticleRecord } from '../../shared/record';
import { startServers, type TestServers } from '../helpers/servers';
import { sampleRecord } from '../ingest/records';
import { REPO_ROOT, runCli } from './run';

let servers: TestServers;
let cloudFormation: Server;
let env: Record<string, string>;
const describedStacks: string[] = [];

function describeStacksXml(outputs: Record<string, string>): string {
  const members = Object.entries(outputs)
    .map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`)
    .join('');
  return `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>
<StackName>${STACK_NAME}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${STACK_NAME}/1</StackId>
<CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs>
</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeStacksResponse>`;
}

function noSuchStackXml(name: string): string {
  return `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code>
<Message>Stack with id ${name} does not exist</Message></Error><RequestId>req-2</RequestId></ErrorResponse>`;
}

beforeAll(async () => {
  servers = await startServers();
  await createDynamoStore({ doc: servers.doc, tableName: servers.tableName }).put(sampleRecord({ key: 'wires/2015/دمشق.txt' }));

  cloudFormation = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const name = params.get('StackName') ?? '';
      describedStacks.push(`${params.get('Action')} ${name}`);
      res.setHeader('content-type', 'text/xml');
      if (name !== STACK_NAME) {
        res.statusCode = 400;
        res.end(noSuchStackXml(name));
        return;
      }
      res.end(
        describeStacksXml({
          [OUTPUT.bucketName]: servers.bucket,
          [OUTPUT.tableName]: servers.tableName,
          [OUTPUT.apiUrl]: 'https://abc123.execute-api.us-east-1.amazonaws.com/',
        }),
      );
    });
  });
  await new Promise<void>((resolve) => cloudFormation.listen(0, '127.0.0.1', resolve));

  env = {
    AWS_ENDPOINT_URL_CLOUDFORMATION: `http://127.0.0.1:${(cloudFormation.address() as AddressInfo).port}`,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: servers.s3Endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
    // No instance-metadata lookups: nothing may leave 127.0.0.1.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
});

afterAll(async () => {
  await new Promise((resolve) => cloudFormation?.close(resolve));
  await servers?.stop();
});

describe('dateline --target aws', () => {
  it('finds the table through the stack outputs and reads a record from it', async () => {
    describedStacks.length = 0;
    const result = await runCli(['--target', 'aws', 'get', 'wires/2015/دمشق.txt', '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(ArticleRecord.parse(JSON.parse(result.stdout)).source.key).toBe('wires/2015/دمشق.txt');
    expect(describedStacks).toEqual([`DescribeStacks ${STACK_NAME}`]);
  });

  it('drops into the bucket named by the stack outputs', async () => {
    const file = path.join(REPO_ROOT, 'test', 'fixtures', 'cli', 'harbour-reopens.txt');
    const result = await runCli(['--target', 'aws', 'drop', file, '--prefix', 'aws/', '--no-wait'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const uploaded = await servers.s3.send(new HeadObjectCommand({ Bucket: servers.bucket, Key: 'aws/harbour-reopens.txt' }));
    expect(uploaded.ContentType).toBe('text/plain');
  });

  it('names a stack that does not exist, and how to deploy it', async () => {
    const result = await runCli(['--target', 'aws', '--stack', 'Elsewhere', 'list'], env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/stack Elsewhere not found: deploy it with `npx cdk deploy`/);
  });
});
