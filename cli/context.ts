/**
 * Where a command talks to: the embedded local stack (endpoints on 127.0.0.1, from flags, env or
 * defaults) or the deployed stack on AWS (bucket, table and API from its CloudFormation outputs).
 * The SDK is imported here lazily, so commands that need no target (`extract`) never load it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ArticleQueries } from '../shared/queries';
import { CliError, messageOf } from './errors';

/** The options every command shares (declared in cli/main.ts). */
export interface GlobalOptions {
  readonly target: 'local' | 'aws';
  readonly json?: boolean;
  readonly stack: string;
  readonly region?: string;
  readonly bucket?: string;
  readonly table?: string;
  readonly s3Port?: number;
  readonly dynamodbPort?: number;
  readonly apiPort?: number;
}

/**
 * The local stack's defaults (local/stack.ts has them too, but importing it would load the servers
 * into every command; test/cli/context.test.ts keeps the two equal).
 */
export const LOCAL_DEFAULTS = {
  host: '127.0.0.1',
  dataDir: '.dateline',
  s3Port: 4569,
  dynamodbPort: 4567,
  apiPort: 3000,
  bucket: 'dateline-articles',
  mirrorBucket: 'dateline-mirror',
  table: 'dateline-articles',
} as const;

export interface Target {
  readonly kind: 'local' | 'aws';
  readonly bucket: string;
  readonly table: string;
  /** The HTTP API's base URL, when known. */
  readonly apiUrl: string | null;
  readonly s3: S3Client;
  readonly doc: DynamoDBDocumentClient;
  readonly queries: ArticleQueries;
  /** Where the data lives, in words, for messages. */
  readonly description: string;
  /** What to tell the user when the target cannot be reached. */
  readonly unreachableHint: string;
  close(): void;
}

export async function resolveTarget(options: GlobalOptions): Promise<Target> {
  return options.target === 'aws' ? resolveAws(options) : resolveLocal(options);
}

async function resolveLocal(options: GlobalOptions): Promise<Target> {
  const host = LOCAL_DEFAULTS.host;
  const s3Endpoint = `http://${host}:${options.s3Port ?? LOCAL_DEFAULTS.s3Port}`;
  const dynamoEndpoint = `http://${host}:${options.dynamodbPort ?? LOCAL_DEFAULTS.dynamodbPort}`;
  return connect({
    kind: 'local',
    bucket: options.bucket ?? LOCAL_DEFAULTS.bucket,
    table: options.table ?? LOCAL_DEFAULTS.table,
    apiUrl: `http://${host}:${options.apiPort ?? LOCAL_DEFAULTS.apiPort}`,
    s3Endpoint,
    dynamoEndpoint,
    description: `the local stack (S3 ${s3Endpoint}, DynamoDB ${dynamoEndpoint})`,
    unreachableHint: 'is the local stack running? Start it with `npm start` (or pass --target aws)',
  });
}

async function resolveAws(options: GlobalOptions): Promise<Target> {
  const outputs = await stackOutputs(options.stack, options.region);
  const { OUTPUT } = await import('../infra/outputs');
  const bucket = options.bucket ?? outputs.get(OUTPUT.bucketName);
  const table = options.table ?? outputs.get(OUTPUT.tableName);
  if (!bucket || !table) {
    throw new CliError(`stack ${options.stack} has no ${!bucket ? OUTPUT.bucketName : OUTPUT.tableName} output: is it a Dateline stack?`);
  }
  return connect({
    kind: 'aws',
    bucket,
    table,
    apiUrl: outputs.get(OUTPUT.apiUrl) ?? null,
    region: options.region,
    description: `stack ${options.stack} on AWS (bucket ${bucket}, table ${table})`,
    unreachableHint: 'check your AWS credentials and region (AWS_PROFILE, AWS_REGION)',
  });
}

/** Reads the stack's outputs with CloudFormation DescribeStacks. */
export async function stackOutputs(stackName: string, region: string | undefined): Promise<Map<string, string>> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const client = new CloudFormationClient(region ? { region } : {});
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks?.[0];
    if (!stack) throw new CliError(`stack ${stackName} not found`);
    return new Map((stack.Outputs ?? []).flatMap((o) => (o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue] as const] : [])));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const message = messageOf(error);
    if (/does not exist/.test(message)) throw new CliError(`stack ${stackName} not found: deploy it with \`npx cdk deploy\` (or name it with --stack)`, { cause: error });
    throw new CliError(`cannot read stack ${stackName} from CloudFormation: ${message} (check your AWS credentials and region)`, { cause: error });
  } finally {
    client.destroy();
  }
}

interface Connection {
  kind: Target['kind'];
  bucket: string;
  table: string;
  apiUrl: string | null;
  s3Endpoint?: string;
  dynamoEndpoint?: string;
  region?: string | undefined;
  description: string;
  unreachableHint: string;
}

async function connect(c: Connection): Promise<Target> {
  const [{ createS3Client, createDynamoClients }, { createArticleQueries }] = await Promise.all([
    import('../adapters/clients'),
    import('../adapters/queries'),
  ]);
  const region = c.region ? { region: c.region } : {};
  const s3 = createS3Client({ ...(c.s3Endpoint ? { endpoint: c.s3Endpoint } : {}), ...region });
  const { client, doc } = createDynamoClients({ ...(c.dynamoEndpoint ? { endpoint: c.dynamoEndpoint } : {}), ...region });
  return {
    kind: c.kind,
    bucket: c.bucket,
    table: c.table,
    apiUrl: c.apiUrl,
    s3,
    doc,
    queries: createArticleQueries({ doc, tableName: c.table }),
    description: c.description,
    unreachableHint: c.unreachableHint,
    close() {
      s3.destroy();
      client.destroy();
    },
  };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'TimeoutError']);

/**
 * Turns "nothing listens there" and the like into one clear line instead of an SDK stack, and a
 * missing table or bucket into a hint; anything else passes through unchanged.
 */
export function explainTargetError(error: unknown, target: Target): unknown {
  if (!(error instanceof Error)) return error;
  const code = (error as { code?: string }).code ?? error.name;
  if (CONNECTION_CODES.has(code) || CONNECTION_CODES.has(String((error.cause as { code?: string } | undefined)?.code))) {
    return new CliError(`cannot reach ${target.description}: ${target.unreachableHint}`, { cause: error });
  }
  if (error.name === 'ResourceNotFoundException') {
    return new CliError(`table ${target.table} not found in ${target.description}`, { cause: error });
  }
  if (error.name === 'NoSuchBucket') {
    return new CliError(`bucket ${target.bucket} not found in ${target.description}`, { cause: error });
  }
  return error;
}

/** Runs `work` against the resolved target, explaining connection failures and closing the clients. */
export async function withTarget<T>(options: GlobalOptions, work: (target: Target) => Promise<T>): Promise<T> {
  const target = await resolveTarget(options);
  try {
    return await work(target);
  } catch (error) {
    throw explainTargetError(error, target);
  } finally {
    target.close();
  }
}
