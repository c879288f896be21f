/**
 * The Lambda bundles exactly as the CDK builds them: the bench synthesizes the Dateline stack
 * (NodejsFunction -> esbuild, with DatelineFunction's options), so no esbuild option is restated
 * here. The yardstick bundles (the bare handler, the NER model probe) are built by the very same
 * construct, by synthesizing the stack a second time with them as its entries.
 *
 * The synthesized template also says how the functions are configured (memory, timeout, batch
 * size, GSI projections): the cost model and the capacity rules read them from there.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createApp } from '../../infra/create-app';
import { REPO_ROOT } from './articles';

/** Placeholders for references whose variable the function checks the shape of (functions/api.ts). */
const SHAPED_PLACEHOLDERS: Readonly<Record<string, string>> = {
  COGNITO_USER_POOL_ID: 'us-east-1_Bench0',
  COGNITO_DOMAIN: 'https://bench.auth.us-east-1.amazoncognito.com',
  WEB_BASE_URL: 'https://bench.execute-api.us-east-1.amazonaws.com',
};

export const BARE_HANDLER_ENTRY = path.join(REPO_ROOT, 'bench', 'cold', 'bare-handler.ts');
export const NER_PROBE_ENTRY = path.join(REPO_ROOT, 'bench', 'cold', 'ner-model-probe.ts');
export const MODELS_DIR = path.join(REPO_ROOT, 'models');

type FunctionId = 'Ingest' | 'Api';

export interface Bundle {
  /** The asset folder (index.mjs, its source map, anything copied next to them). */
  readonly dir: string;
  readonly file: string;
  /** Minified bundle, bytes. */
  readonly bytes: number;
  /** Gzipped bundle, bytes: about what the deployment zip adds. */
  readonly gzipBytes: number;
  /** Files in the asset besides the bundle and its map (a model copied in, say). */
  readonly extraFiles: readonly { readonly name: string; readonly bytes: number }[];
  /** The function's environment from the template; references replaced by placeholders. */
  readonly environment: Readonly<Record<string, string>>;
  readonly memoryMb: number;
  readonly timeoutS: number;
}

export type Projection = { readonly type: 'ALL' } | { readonly type: 'KEYS_ONLY' } | { readonly type: 'INCLUDE'; readonly attributes: readonly string[] };

export interface StackFacts {
  readonly ingestMemoryMb: number;
  readonly ingestTimeoutS: number;
  readonly batchSize: number;
  readonly maxBatchingWindowS: number;
  /** GSI name -> what it projects. */
  readonly projections: Readonly<Record<string, Projection>>;
}

export interface Bundles {
  readonly ingest: Bundle;
  readonly api: Bundle;
  readonly bare: Bundle;
  /** Built when models/ holds NER models. */
  readonly nerProbe: Bundle | null;
  readonly facts: StackFacts;
  readonly synthMs: number;
  cleanup(): void;
}

interface TemplateResource {
  Type: string;
  Properties: Record<string, any>;
}

interface Synthesized {
  readonly directory: string;
  readonly resources: Record<string, TemplateResource>;
  bundle(functionId: FunctionId): Bundle;
}

function synthesize(entries?: { ingest: string; api: string }, context?: Record<string, unknown>): Synthesized {
  const { app, stack } = createApp({ nag: false, ...(entries ? { stack: { entries } } : {}), ...(context ? { context } : {}) });
  const assembly = app.synth();
  const resources = (assembly.getStackByName(stack.stackName).template as { Resources: Record<string, TemplateResource> }).Resources;
  const manifest = JSON.parse(readFileSync(path.join(assembly.directory, `${stack.stackName}.assets.json`), 'utf8')) as {
    files: Record<string, { displayName?: string; source: { path: string } }>;
  };
  const bundle = (functionId: FunctionId): Bundle => {
    const asset = Object.values(manifest.files).find((file) => file.displayName === `${functionId}/Function/Code`);
    if (!asset) throw new Error(`no bundled asset for ${functionId} in the cloud assembly`);
    const dir = path.join(assembly.directory, asset.source.path);
    const file = path.join(dir, 'index.mjs');
    const code = readFileSync(file);
    const fn = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(`${functionId}Function`));
    if (!fn) throw new Error(`no ${functionId} function in the template`);
    const variables = (fn[1].Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
    return {
      dir,
      file,
      bytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      extraFiles: readdirSync(dir)
        .filter((name) => name !== 'index.mjs' && name !== 'index.mjs.map')
        .map((name) => ({ name, bytes: statSync(path.join(dir, name)).size })),
      environment: Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : (SHAPED_PLACEHOLDERS[name] ?? `bench-${name.toLowerCase()}`)])),
      memoryMb: Number(fn[1].Properties.MemorySize ?? 128),
      timeoutS: Number(fn[1].Properties.Timeout ?? 3),
    };
  };
  return { directory: assembly.directory, resources, bundle };
}

function projectionsOf(resources: Record<string, TemplateResource>): Record<string, Projection> {
  const table = Object.values(resources).find((r) => r.Type === 'AWS::DynamoDB::Table');
  const indexes = (table?.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string; Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] } }[];
  return Object.fromEntries(
    indexes.map((index) => {
      const type = index.Projection?.ProjectionType ?? 'ALL';
      const projection: Projection =
        type === 'INCLUDE' ? { type, attributes: index.Projection?.NonKeyAttributes ?? [] } : type === 'KEYS_ONLY' ? { type } : { type: 'ALL' };
      return [index.IndexName, projection];
    }),
  );
}

function factsOf(resources: Record<string, TemplateResource>): StackFacts {
  const ingest = Object.entries(resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('IngestFunction'));
  const mapping = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
  return {
    ingestMemoryMb: Number(ingest?.[1].Properties.MemorySize ?? 128),
    ingestTimeoutS: Number(ingest?.[1].Properties.Timeout ?? 3),
    batchSize: Number(mapping?.Properties.BatchSize ?? 10),
    maxBatchingWindowS: Number(mapping?.Properties.MaximumBatchingWindowInSeconds ?? 0),
    projections: projectionsOf(resources),
  };
}

export function hasNerModels(): boolean {
  return existsSync(MODELS_DIR) && readdirSync(MODELS_DIR).some((name) => /^ner-[a-z]+\.bin(\.gz)?$/.test(name));
}

export function nerModelFiles(): { name: string; bytes: number }[] {
  if (!existsSync(MODELS_DIR)) return [];
  return readdirSync(MODELS_DIR)
    .filter((name) => /^ner-[a-z]+\.bin(\.gz)?$/.test(name))
    .sort()
    .map((name) => ({ name, bytes: statSync(path.join(MODELS_DIR, name)).size }));
}

/** Synthesizes the real stack and the yardstick stack; `cleanup` removes both cloud assemblies. */
export function buildBundles(): Bundles {
  const started = performance.now();
  const real = synthesize();
  const withNer = hasNerModels();
  const yardstick = synthesize({ ingest: BARE_HANDLER_ENTRY, api: withNer ? NER_PROBE_ENTRY : BARE_HANDLER_ENTRY });
  return {
    ingest: real.bundle('Ingest'),
    api: real.bundle('Api'),
    bare: yardstick.bundle('Ingest'),
    nerProbe: withNer ? yardstick.bundle('Api') : null,
    facts: factsOf(real.resources),
    synthMs: performance.now() - started,
    cleanup() {
      for (const dir of [real.directory, yardstick.directory]) rmSync(dir, { recursive: true, force: true });
    },
  };
}


/** The stack's configuration alone, from a synth that skips bundling (a few seconds). */
export function readStackFacts(): StackFacts {
  const template = synthesize(undefined, { 'aws:cdk:bundling-stacks': [] });
  rmSync(template.directory, { recursive: true, force: true });
  return factsOf(template.resources);
}

/**
 * What a bundled function sees in a bench child process: its template environment, pointed at the
 * local servers (s3rver needs the checksum settings, TOOLCHAIN.md), plus what the caller adds.
 */
export function localLambdaEnvironment(
  servers: { readonly tableName: string; readonly s3Endpoint: string; readonly dynamoEndpoint: string },
  bundle: Bundle,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  const region = 'us-east-1';
  return {
    PATH: process.env.PATH ?? '',
    ...bundle.environment,
    TABLE_NAME: servers.tableName,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_S3: servers.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoEndpoint,
    // The endpoint being an IP address makes S3 paths path-style.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_LAMBDA_FUNCTION_NAME: 'dateline-bench',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(bundle.memoryMb),
    ...extra,
  };
}
