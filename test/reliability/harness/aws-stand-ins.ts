/**
 * Small stand-ins for the two AWS APIs `dateline --target aws dlq` calls besides S3 and DynamoDB,
 * on 127.0.0.1, speaking their wire protocols as the SDK expects them: CloudFormation
 * DescribeStacks (query protocol, XML) and SQS (AWS JSON 1.0: ReceiveMessage,
 * ChangeMessageVisibilityBatch, GetQueueAttributes, StartMessageMoveTask). The SDK is pointed at
 * them with its own `AWS_ENDPOINT_URL_<SERVICE>` variables, so the CLI runs unchanged. The SQS
 * one keeps a dead-letter queue with SQS's visibility rules, enough to see what the CLI did to it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STACK_NAME } from '../../../infra/outputs';

export interface StandIn {
  readonly endpoint: string;
  close(): Promise<void>;
}

async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<{ server: Server; endpoint: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) => () => new Promise<void>((resolve) => server.close(() => resolve()));

/** DescribeStacks for the stack `Dateline` with these outputs; any other name does not exist. */
export async function startCloudFormationStandIn(outputs: Record<string, string>): Promise<StandIn> {
  const { server, endpoint } = await serve((_req, body, res) => {
    const name = new URLSearchParams(body).get('StackName') ?? '';
    res.setHeader('content-type', 'text/xml');
    if (name !== STACK_NAME) {
      res.statusCode = 400;
      res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>`);
      return;
    }
    const members = Object.entries(outputs)
      .map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`)
      .join('');
    res.end(
      `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${STACK_NAME}</StackName>` +
        `<StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${STACK_NAME}/1</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime>` +
        `<StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult>` +
        `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>`,
    );
  });
  return { endpoint, close: close(server) };
}

export interface StoredSqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  visibleAt: number;
  receiptHandle: string | null;
}

export interface SqsStandIn extends StandIn {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly messages: StoredSqsMessage[];
  /** Every call, as `Operation` names, in order. */
  readonly calls: string[];
  /** The `SourceArn` of each StartMessageMoveTask. */
  readonly moveTasks: string[];
  add(body: string, receiveCount?: number): StoredSqsMessage;
}

/** One SQS queue (the dead-letter queue) at `queueUrl`. */
export async function startSqsStandIn(queueName: string): Promise<SqsStandIn> {
  const messages: StoredSqsMessage[] = [];
  const calls: string[] = [];
  const moveTasks: string[] = [];
  const queueArn = `arn:aws:sqs:us-east-1:123456789012:${queueName}`;
  let queueUrl = '';

  const { server, endpoint } = await serve((req, body, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
    calls.push(operation);
    const input = JSON.parse(body || '{}') as Record<string, any>;
    const reply = (status: number, value: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      res.setHeader('x-amzn-requestid', randomUUID());
      res.end(JSON.stringify(value));
    };
    if (operation !== 'StartMessageMoveTask' && input.QueueUrl !== queueUrl) {
      reply(400, { __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: `The specified queue does not exist: ${input.QueueUrl}` });
      return;
    }
    const now = Date.now();
    switch (operation) {
      case 'ReceiveMessage': {
        const visible = messages.filter((m) => m.visibleAt <= now).slice(0, input.MaxNumberOfMessages ?? 1);
        for (const m of visible) {
          m.receiveCount += 1;
          m.visibleAt = now + 1000 * (input.VisibilityTimeout ?? 30);
          m.receiptHandle = randomUUID();
        }
        reply(200, {
          Messages: visible.map((m) => ({
            MessageId: m.messageId,
            ReceiptHandle: m.receiptHandle,
            Body: m.body,
            // The SDK checks it, as it does against SQS.
            MD5OfBody: createHash('md5').update(m.body).digest('hex'),
            Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt), DeadLetterQueueSourceArn: queueArn.replace(/-dlq$/, '') },
          })),
        });
        return;
      }
      case 'ChangeMessageVisibilityBatch': {
        const entries = (input.Entries ?? []) as { Id: string; ReceiptHandle: string; VisibilityTimeout: number }[];
        for (const entry of entries) {
          const m = messages.find((x) => x.receiptHandle === entry.ReceiptHandle);
          if (m) m.visibleAt = now + 1000 * entry.VisibilityTimeout;
        }
        reply(200, { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] });
        return;
      }
      case 'GetQueueAttributes':
        reply(200, { Attributes: { QueueArn: queueArn, ApproximateNumberOfMessages: String(messages.length) } });
        return;
      case 'StartMessageMoveTask':
        moveTasks.push(String(input.SourceArn));
        reply(200, { TaskHandle: `task-${moveTasks.length}` });
        return;
      default:
        reply(400, { __type: 'com.amazonaws.sqs#InvalidAction', message: `not in the stand-in: ${operation}` });
    }
  });
  queueUrl = `${endpoint}/123456789012/${queueName}`;
  return {
    endpoint,
    queueUrl,
    queueArn,
    messages,
    calls,
    moveTasks,
    add(body, receiveCount = 5) {
      const message: StoredSqsMessage = { messageId: randomUUID(), body, sentAt: Date.now(), receiveCount, visibleAt: 0, receiptHandle: null };
      messages.push(message);
      return message;
    },
    close: close(server),
  };
}
