/**
 * The cold-start yardstick: a Lambda handler that imports only S3Client and DynamoDBClient,
 * bundled exactly as the real functions are (the bench synthesizes it through DatelineFunction).
 * It does the I/O of one article and nothing else:
 * - an SQS batch of S3 events: GetObject of each object, then PutItem of its text under its key
 *   (what ingest does, without extraction);
 * - an HTTP API request `GET /articles/{key}`: GetItem of that key (what the api does, without
 *   validation or formatting).
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

const s3 = new S3Client({});
const dynamo = new DynamoDBClient({});
const tableName = process.env.TABLE_NAME ?? '';

interface S3Body {
  Records?: { s3: { bucket: { name: string }; object: { key: string } } }[];
}

interface BareEvent {
  Records?: { body: string }[];
  rawPath?: string;
}

async function copyObject(bucket: string, encodedKey: string): Promise<void> {
  const key = decodeURIComponent(encodedKey.replace(/\+/g, ' '));
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await object.Body?.transformToString('utf-8')) ?? '';
  await dynamo.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: `A#${key}` }, sk: { S: 'A' }, text: { S: text } } }));
}

export const handler = async (event: BareEvent): Promise<unknown> => {
  if (event.Records) {
    const messages = event.Records.map((message) => JSON.parse(message.body) as S3Body);
    await Promise.all(messages.flatMap((body) => (body.Records ?? []).map((r) => copyObject(r.s3.bucket.name, r.s3.object.key))));
    return { batchItemFailures: [] };
  }
  const key = decodeURIComponent((event.rawPath ?? '').replace(/^\/articles\//, ''));
  const { Item } = await dynamo.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: `A#${key}` }, sk: { S: 'A' } }, ConsistentRead: true }));
  return { statusCode: Item ? 200 : 404, body: Item ? JSON.stringify(Item) : '' };
};
