import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import fs from 'node:fs';
import path from 'node:path';
import { LOCK_FILE, REPO_ROOT } from '../paths';

/**
 * Node.js 24 is the newest Node runtime aws-cdk-lib 2.276 knows (SPEC: 22 or later). cdk-nag's
 * AwsSolutions-L1 and Serverless-LambdaLatestVersion accept only the newest of the family.
 */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * ESM bundles have no `require`; a CommonJS dependency inside the bundle (parts of the AWS SDK's
 * dependency tree are) that calls `require('node:…')` needs one, so the bundle defines it first.
 */
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** Lambda's limits on memory. */
const MEMORY_RANGE = { min: 128, max: 10_240 } as const;

export interface DatelineFunctionProps {
  /** The TypeScript file that exports `handler`. */
  readonly entry: string;
  /** What the function is for, shown in the console. */
  readonly description: string;
  /**
   * Memory in MB (CPU scales with it).
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Environment variables, besides `NODE_OPTIONS` which this construct sets for source maps.
   * @default - none
   */
  readonly environment?: Record<string, string>;
  /**
   * Concurrency reserved for (and capping) this function.
   * @default - none: the function shares the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number;
  /**
   * Files (paths relative to the repository root) copied next to the bundle's `index.mjs`, for
   * code that reads them at run time (the NER models, which `models/load.ts` finds beside itself).
   * @default - none
   */
  readonly assets?: readonly string[];
  /**
   * How long the function's log group keeps logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A Node.js Lambda function with Dateline's defaults: newest Node runtime on arm64, bundled by
 * esbuild as minified ESM with source maps, X-Ray tracing, its own log group with a retention, and
 * its own role that may write to that log group and nothing else until a grant says otherwise
 * (no AWSLambdaBasicExecutionRole, which would allow creating any log group in the account).
 *
 * The AWS SDK v3 is bundled, not taken from the runtime, so the SDK version that runs is the one
 * the lockfile pins and the tests ran against, and a runtime update cannot change it.
 */
export class DatelineFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DatelineFunctionProps) {
    super(scope, id);
    validate(props);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Arabic word lists stay readable (and smaller) in the bundle instead of \u escapes. Passed
        // as an esbuild argument: aws-cdk-lib 2.276 declares `charset` but does not hand it to esbuild.
        esbuildArgs: { '--charset': 'utf8' },
        bundleAwsSDK: true,
        ...(props.assets?.length ? { commandHooks: copyAfterBundling(props.assets) } : {}),
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing (Tracing.ACTIVE) needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions; every other statement names its resources.',
    });
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'A function dead-letter queue only catches failed asynchronous invocations; this function is invoked synchronously (SQS event source mapping, API Gateway). Failed ingest messages reach the event queue\'s own dead-letter queue through its redrive policy.',
    });
  }
}

/** Bundling hooks that copy the given repository files into the bundle's folder, flat. */
function copyAfterBundling(assets: readonly string[]) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => assets.map((asset) => `cp "${inputDir}/${asset}" "${outputDir}/"`),
  };
}

function validate(props: DatelineFunctionProps): void {
  for (const asset of props.assets ?? []) {
    if (!fs.existsSync(path.join(REPO_ROOT, asset))) throw new Error(`DatelineFunction: asset ${asset} does not exist under ${REPO_ROOT}`);
  }
  const memory = props.memorySize;
  if (memory !== undefined && (!Number.isInteger(memory) || memory < MEMORY_RANGE.min || memory > MEMORY_RANGE.max)) {
    throw new Error(`DatelineFunction: memorySize must be an integer from ${MEMORY_RANGE.min} to ${MEMORY_RANGE.max} MB, got ${memory}`);
  }
  const reserved = props.reservedConcurrentExecutions;
  if (reserved !== undefined && (!Number.isInteger(reserved) || reserved < 1)) {
    throw new Error(`DatelineFunction: reservedConcurrentExecutions must be a positive integer, got ${reserved}`);
  }
}
