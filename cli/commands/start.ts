/**
 * `dateline start` (`npm start`): runs the embedded local stack in this process until Ctrl-C or
 * SIGTERM, then stops it cleanly (queue state written, servers closed) and exits 0.
 */
import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { EXAMPLES_DIR } from '../../local/seed';
import type { LocalStack } from '../../local/stack';
import { LOCAL_DEFAULTS, type GlobalOptions } from '../context';
import { CliError } from '../errors';

export interface StartOptions extends GlobalOptions {
  readonly dataDir: string;
}

export async function runStart(options: StartOptions): Promise<number> {
  const [{ startLocalStack }, { consoleLogger }, { PortInUseError }] = await Promise.all([
    import('../../local/stack'),
    import('../../local/logger'),
    import('../../local/net'),
  ]);
  const stack = await startLocalStack({
    dataDir: options.dataDir,
    s3Port: options.s3Port,
    dynamoPort: options.dynamodbPort,
    apiPort: options.apiPort,
    bucket: options.bucket,
    table: options.table,
    logger: consoleLogger,
  }).catch((error: unknown) => {
    if (error instanceof PortInUseError) throw new CliError(`${error.message}; is another \`dateline start\` running?`, { cause: error });
    throw error;
  });

  process.stdout.write(banner(stack));
  await untilSignalled();
  process.stdout.write('\nStopping…\n');
  await stack.stop();
  process.stdout.write('Stopped.\n');
  return 0;
}

/** Resolves on the first SIGINT or SIGTERM; a second one while stopping ends the process at once. */
function untilSignalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

function banner(stack: Pick<LocalStack, 'endpoints' | 'bucket' | 'table' | 'dataDir' | 'seeded' | 'startupMs'>): string {
  const s3Port = new URL(stack.endpoints.s3).port;
  const dynamoPort = new URL(stack.endpoints.dynamodb).port;
  const apiPort = new URL(stack.endpoints.api).port;
  // Other shells reach this stack with the defaults, or with these variables when ports differ.
  const env = [
    s3Port !== String(LOCAL_DEFAULTS.s3Port) && `DATELINE_S3_PORT=${s3Port}`,
    dynamoPort !== String(LOCAL_DEFAULTS.dynamodbPort) && `DATELINE_DYNAMODB_PORT=${dynamoPort}`,
    apiPort !== String(LOCAL_DEFAULTS.apiPort) && `DATELINE_API_PORT=${apiPort}`,
    stack.bucket !== LOCAL_DEFAULTS.bucket && `DATELINE_BUCKET=${stack.bucket}`,
    stack.table !== LOCAL_DEFAULTS.table && `DATELINE_TABLE=${stack.table}`,
  ]
    .filter(Boolean)
    .join(' ');
  const dataDir = relative(process.cwd(), stack.dataDir) || '.';
  const lines = [
    `Dateline local stack ready in ${stack.startupMs} ms`,
    `  S3        ${stack.endpoints.s3}  bucket ${stack.bucket}  (port: DATELINE_S3_PORT=${s3Port})`,
    `  DynamoDB  ${stack.endpoints.dynamodb}  table ${stack.table}  (port: DATELINE_DYNAMODB_PORT=${dynamoPort})`,
    `  API, web  ${stack.endpoints.api}  (port: DATELINE_API_PORT=${apiPort})`,
    `  data      ${dataDir.startsWith('..') ? stack.dataDir : dataDir}  (DATELINE_DATA_DIR)`,
  ];
  if (stack.seeded.length) lines.push(`First start: put ${stack.seeded.length} example article(s) into the bucket (${stack.seeded.join(', ')}).`);
  const example = examplePath();
  lines.push(
    'Try, in another shell:',
    ...(example ? [`  ${env ? `${env} ` : ''}npx dateline drop ${example}`] : []),
    `  ${env ? `${env} ` : ''}npx dateline get ${example ? basename(example) : 'examples/sana-damascus-water.txt'}`,
    `  ${env ? `${env} ` : ''}npx dateline list`,
    `  AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER aws --endpoint-url ${stack.endpoints.s3} s3 cp article.txt s3://${stack.bucket}/`,
    'Ctrl-C stops.',
  );
  return `${lines.join('\n')}\n`;
}

/** An example article to try `drop` with, as a path from the working directory; null if the folder is gone. */
function examplePath(): string | null {
  const file = join(EXAMPLES_DIR, 'sana-damascus-water.txt');
  if (!existsSync(file)) return null;
  const path = relative(process.cwd(), file);
  return path.startsWith('..') ? file : path;
}
