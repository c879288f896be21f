/**
 * A fault-injection layer for the real SDK clients: a middleware that sits just above the HTTP
 * handler (inside the SDK's retry loop and its deserializer) and, when a rule says so, answers a
 * request with an error response as the service would send it, instead of sending the request.
 * So the SDK's own error parsing and retry classification decide what happens next, exactly as
 * with a real throttle or a real 500; every other request goes to s3rver or dynalite untouched.
 *
 * Used only for faults a real local server cannot produce (throttling, a failing S3 read); a
 * database that is down is produced for real, by stopping dynalite.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

/** One request the layer saw: the operation, the object or item key it names, what was done. */
export interface SeenRequest {
  readonly operation: string;
  readonly key: string | null;
  readonly injected: string | null;
}

/** An error response as the service sends it. */
export interface InjectedFault {
  readonly statusCode: number;
  /** The error code: `ProvisionedThroughputExceededException`, `InternalError`, ... */
  readonly code: string;
  readonly message: string;
}

/**
 * A BatchWriteItem that "succeeds" without doing anything: DynamoDB's answer when it throttles
 * part of a batch is a 200 listing the requests it did not process (`UnprocessedItems`); this one
 * lists all of them.
 */
export const UNPROCESSED_ALL = { unprocessed: 'all' } as const;

/** Holds the request this long, then sends it: a slow network or a busy partition, to order races. */
export interface Pause {
  readonly pauseMs: number;
}

/** Decides per request attempt whether to fail it; `null` lets it through. */
export type FaultRule = (request: { readonly operation: string; readonly key: string | null; readonly input: Record<string, unknown> }) =>
  | InjectedFault
  | typeof UNPROCESSED_ALL
  | Pause
  | null;

/** One call as the caller saw it, after the SDK's retries: how many attempts, how long it backed off. */
export interface CompletedCall {
  readonly operation: string;
  readonly key: string | null;
  readonly attempts: number;
  readonly totalRetryDelayMs: number;
  /** The error name when the call failed after its attempts. */
  readonly error: string | null;
}

export interface FaultLayer {
  /** Every attempt seen, in order (retries included). */
  readonly seen: SeenRequest[];
  /** Every call, once it ended (the SDK's `$metadata` of its output or error). */
  readonly calls: CompletedCall[];
  /** Replaces the rule (`null`: no faults). */
  setRule(rule: FaultRule | null): void;
  /** Attempts of `operation` (optionally for one key). */
  count(operation: string, key?: string): number;
  /** Attempts of `operation` that were failed on purpose. */
  injected(operation: string, key?: string): number;
}

const MIDDLEWARE_NAME = 'datelineFaultInjection';

/** Adds the layer to an S3 client; keys are the `Key` of the command. */
export function injectS3Faults(client: S3Client): FaultLayer {
  return addLayer(client, 's3', (input) => (typeof input.Key === 'string' ? input.Key : null));
}

/** Adds the layer to a DynamoDB client (the document client sends through it); keys are the item's `pk`. */
export function injectDynamoFaults(client: DynamoDBClient): FaultLayer {
  return addLayer(client, 'dynamodb', (input) => {
    // Marshalled (`{ S: ... }`) below the document client's marshalling, plain above it.
    const pk = ((input.Item ?? input.Key) as Record<string, unknown> | undefined)?.pk;
    if (typeof pk === 'string') return pk;
    return (pk as { S?: string } | undefined)?.S ?? null;
  });
}

// The slice of the SDK's middleware types used here (from @smithy/types, which is not a direct dependency).
type Handler = (args: { input: object; request: unknown }) => Promise<{ response: unknown; output: unknown }>;
type Middleware = (next: Handler, context: { commandName?: string }) => Handler;
interface ClientWithStack {
  // The SDK's own `add` is generic; this is the one shape used here.
  middlewareStack: { add: (...args: never[]) => void };
}
interface RetryMetadata {
  $metadata?: { attempts?: number; totalRetryDelay?: number };
}

function addLayer(client: ClientWithStack, service: 's3' | 'dynamodb', keyOf: (input: Record<string, unknown>) => string | null): FaultLayer {
  let rule: FaultRule | null = null;
  const seen: SeenRequest[] = [];
  const calls: CompletedCall[] = [];
  // Outermost: sees each call once, after the retry loop.
  const observer: Middleware = (next, context) => async (args) => {
    const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const key = keyOf(args.input as Record<string, unknown>);
    const record = (metadata: RetryMetadata['$metadata'], error: string | null) =>
      calls.push({ operation, key, attempts: metadata?.attempts ?? 1, totalRetryDelayMs: metadata?.totalRetryDelay ?? 0, error });
    try {
      const result = await next(args);
      record((result.output as RetryMetadata | undefined)?.$metadata, null);
      return result;
    } catch (error) {
      record((error as RetryMetadata).$metadata, (error as Error).name ?? 'Error');
      throw error;
    }
  };
  const middleware: Middleware = (next, context) => async (args) => {
    const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
    const key = keyOf(args.input as Record<string, unknown>);
    const fault = rule?.({ operation, key, input: args.input as Record<string, unknown> }) ?? null;
    if (fault !== null && 'pauseMs' in fault) {
      seen.push({ operation, key, injected: null });
      await new Promise((resolve) => setTimeout(resolve, fault.pauseMs));
      return next(args);
    }
    seen.push({ operation, key, injected: fault === null ? null : 'code' in fault ? fault.code : 'UnprocessedItems' });
    if (!fault) return next(args);
    // Below the deserializer: it turns this response into the service's own exception class (or output).
    if ('code' in fault) return { response: errorResponse(service, fault), output: undefined };
    return { response: unprocessedResponse(args.request), output: undefined };
  };
  const add = (m: Middleware, options: { step: 'deserialize' | 'initialize'; priority: 'low' | 'high'; name: string }) =>
    client.middlewareStack.add(m as never, options as never);
  // Low priority in the deserialize step: inside the deserializer (and the retry loop above it),
  // next to the HTTP handler, so each attempt passes here once.
  add(middleware, { step: 'deserialize', priority: 'low', name: MIDDLEWARE_NAME });
  add(observer, { step: 'initialize', priority: 'high', name: `${MIDDLEWARE_NAME}Observer` });
  const matching = (operation: string, key?: string) => seen.filter((s) => s.operation === operation && (key === undefined || s.key === key));
  return {
    seen,
    calls,
    setRule: (next) => {
      rule = next;
    },
    count: (operation, key) => matching(operation, key).length,
    injected: (operation, key) => matching(operation, key).filter((s) => s.injected !== null).length,
  };
}

/** The HTTP response each service sends for an error: DynamoDB's JSON body, S3's XML body. */
function errorResponse(service: 's3' | 'dynamodb', fault: InjectedFault) {
  const requestId = `FAULT${Math.random().toString(36).slice(2, 12).toUpperCase()}`;
  if (service === 'dynamodb') {
    const body = JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${fault.code}`, message: fault.message });
    return {
      statusCode: fault.statusCode,
      reason: 'Fault injected',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId, 'content-length': String(Buffer.byteLength(body)) },
      body: Buffer.from(body),
    };
  }
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>${fault.message}</Message><RequestId>${requestId}</RequestId></Error>`;
  return {
    statusCode: fault.statusCode,
    reason: 'Fault injected',
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'content-length': String(Buffer.byteLength(body)) },
    body: Buffer.from(body),
  };
}

/** A BatchWriteItem response that hands every request of the batch back, unprocessed. */
function unprocessedResponse(request: unknown) {
  const raw = (request as { body?: unknown }).body;
  const text = raw instanceof Uint8Array ? new TextDecoder().decode(raw) : typeof raw === 'string' ? raw : '{}';
  const sent = JSON.parse(text) as { RequestItems?: Record<string, unknown[]> };
  const body = JSON.stringify({ UnprocessedItems: sent.RequestItems ?? {} });
  return {
    statusCode: 200,
    reason: 'OK',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `FAULT${Date.now()}`, 'content-length': String(Buffer.byteLength(body)) },
    body: Buffer.from(body),
  };
}

/** DynamoDB's answer when a partition is over its throughput (the SDK treats it as a throttle). */
export const THROTTLED: InjectedFault = {
  statusCode: 400,
  code: 'ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded (injected).',
};

/** S3's answer when it fails internally (retryable). */
export const S3_INTERNAL_ERROR: InjectedFault = {
  statusCode: 500,
  code: 'InternalError',
  message: 'We encountered an internal error. Please try again. (injected)',
};
