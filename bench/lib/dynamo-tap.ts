/**
 * A recording tap on every DynamoDB call made in this process: what was written (items), what came
 * back (items), on which table or index, consistent or not. The ingest handler and the read
 * queries run unchanged inside the local stack; the tap sees what they really send, entity and
 * index items included, whatever shape the store gives them.
 *
 * How: `send` of the SDK's client base class (shared by DynamoDBClient and the DocumentClient) is
 * wrapped while the tap is installed. A measuring instrument, not a mock: every call still goes to
 * dynalite, and `uninstall` puts the original back. Clients passed to `ignore` (the bench's own
 * uploads and checks) are not recorded.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshallItem } from './capacity';

export interface TappedCall {
  /** DynamoDB operation: PutItem, BatchWriteItem, Query, GetItem, ... */
  readonly operation: string;
  readonly tableName: string | null;
  readonly indexName: string | null;
  readonly consistentRead: boolean;
  /** Items put (PutItem, BatchWriteItem puts, TransactWriteItems puts), as plain values. */
  readonly puts: readonly Record<string, unknown>[];
  /** UpdateItem and transactional updates: the values they set (the item after is not known). */
  readonly updates: readonly Record<string, unknown>[];
  readonly deletes: number;
  /** Items returned (GetItem, Query, Scan, BatchGetItem). */
  readonly returned: readonly Record<string, unknown>[];
  /** GetItem / BatchGetItem keys asked for (each costs at least one read, found or not). */
  readonly keysRead: number;
  readonly transactional: boolean;
  /** The error name when the call failed (a failed condition still consumes write units). */
  readonly error: string | null;
}

type Send = (this: unknown, command: unknown, ...rest: unknown[]) => unknown;

interface CommandLike {
  readonly input?: Record<string, any>;
  readonly clientCommand?: unknown;
}

/** DocumentClient command class names -> operation names. */
const DOCUMENT_OPERATIONS: Readonly<Record<string, string>> = {
  PutCommand: 'PutItem',
  GetCommand: 'GetItem',
  UpdateCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem',
  QueryCommand: 'Query',
  ScanCommand: 'Scan',
  BatchWriteCommand: 'BatchWriteItem',
  BatchGetCommand: 'BatchGetItem',
  TransactWriteCommand: 'TransactWriteItems',
  TransactGetCommand: 'TransactGetItems',
};

function operationOf(command: object): { operation: string; marshalled: boolean } {
  const name = command.constructor.name;
  if ('clientCommand' in command) return { operation: DOCUMENT_OPERATIONS[name] ?? name.replace(/Command$/, ''), marshalled: false };
  return { operation: name.replace(/Command$/, ''), marshalled: true };
}

function describe(command: CommandLike, output: Record<string, any> | undefined, error: unknown): TappedCall {
  const { operation, marshalled } = operationOf(command as object);
  const plain = (item: Record<string, unknown> | undefined): Record<string, unknown> => (item ? (marshalled ? unmarshallItem(item) : item) : {});
  const input = command.input ?? {};
  const puts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const returned: Record<string, unknown>[] = [];
  let deletes = 0;
  let keysRead = 0;
  const update = (u: Record<string, any>) => updates.push({ ...plain(u.Key), ...plain(u.ExpressionAttributeValues) });

  switch (operation) {
    case 'PutItem':
      puts.push(plain(input.Item));
      break;
    case 'UpdateItem':
      update(input);
      break;
    case 'DeleteItem':
      deletes += 1;
      break;
    case 'BatchWriteItem':
      for (const requests of Object.values(input.RequestItems ?? {}) as Record<string, any>[][]) {
        for (const request of requests) {
          if (request.PutRequest) puts.push(plain(request.PutRequest.Item));
          if (request.DeleteRequest) deletes += 1;
        }
      }
      break;
    case 'TransactWriteItems':
      for (const item of (input.TransactItems ?? []) as Record<string, any>[]) {
        if (item.Put) puts.push(plain(item.Put.Item));
        if (item.Update) update(item.Update);
        if (item.Delete) deletes += 1;
      }
      break;
    case 'GetItem':
      keysRead = 1;
      if (output?.Item) returned.push(plain(output.Item));
      break;
    case 'BatchGetItem':
      for (const request of Object.values(input.RequestItems ?? {}) as { Keys?: unknown[] }[]) keysRead += request.Keys?.length ?? 0;
      for (const items of Object.values(output?.Responses ?? {}) as Record<string, unknown>[][]) returned.push(...items.map(plain));
      break;
    case 'Query':
    case 'Scan':
      returned.push(...((output?.Items ?? []) as Record<string, unknown>[]).map(plain));
      break;
    default:
      break;
  }
  const firstTable = input.TableName ?? Object.keys(input.RequestItems ?? {})[0] ?? null;
  return {
    operation,
    tableName: firstTable,
    indexName: input.IndexName ?? null,
    consistentRead: input.ConsistentRead === true,
    puts,
    updates,
    deletes,
    returned,
    keysRead,
    transactional: operation.startsWith('Transact'),
    error: error ? ((error as Error).name ?? 'Error') : null,
  };
}

export class DynamoTap {
  private readonly calls: TappedCall[] = [];
  private readonly ignored = new WeakSet<object>();
  private readonly patched: { proto: { send: Send }; original: Send }[] = [];
  private recording = false;

  install(): this {
    const prototypes = new Set([Object.getPrototypeOf(DynamoDBClient.prototype), Object.getPrototypeOf(DynamoDBDocumentClient.prototype)] as { send: Send }[]);
    for (const proto of prototypes) {
      const original = proto.send;
      const tap = this;
      proto.send = function (this: unknown, command: unknown, ...rest: unknown[]) {
        const result = original.call(this, command, ...rest);
        const isDynamo = this instanceof DynamoDBClient || this instanceof DynamoDBDocumentClient;
        if (!tap.recording || !isDynamo || tap.ignored.has(this as object) || !(result instanceof Promise)) return result;
        return result.then(
          (output: Record<string, any>) => {
            tap.calls.push(describe(command as CommandLike, output, null));
            return output;
          },
          (error: unknown) => {
            tap.calls.push(describe(command as CommandLike, undefined, error));
            throw error;
          },
        );
      };
      this.patched.push({ proto, original });
    }
    return this;
  }

  uninstall(): void {
    for (const { proto, original } of this.patched.splice(0)) proto.send = original;
    this.recording = false;
  }

  ignore(...clients: object[]): void {
    for (const client of clients) this.ignored.add(client);
  }

  /** Starts recording afresh; `take` returns what was recorded since. */
  start(): void {
    this.calls.length = 0;
    this.recording = true;
  }

  take(): TappedCall[] {
    return this.calls.splice(0);
  }

  stop(): TappedCall[] {
    this.recording = false;
    return this.take();
  }
}
