import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app';

/**
 * Bundles both functions for real (esbuild through NodejsFunction, as `cdk synth` does) and loads
 * each bundle in a fresh Node process, the way the Lambda runtime imports it. Slow (a few seconds),
 * hence one synth for the file.
 */
const { app, stack } = createApp({ nag: false });
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName).template as {
  Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
};
afterAll(() => fs.rmSync(assembly.directory, { recursive: true, force: true }));
const manifest = JSON.parse(fs.readFileSync(path.join(assembly.directory, `${stack.stackName}.assets.json`), 'utf8')) as {
  files: Record<string, { displayName?: string; source: { path: string } }>;
};

function bundleDir(functionId: 'Ingest' | 'Api'): string {
  const asset = Object.values(manifest.files).find((file) => file.displayName === `${functionId}/Function/Code`);
  if (!asset) throw new Error(`no bundled asset for ${functionId} in the cloud assembly`);
  return path.join(assembly.directory, asset.source.path);
}

/** The function's environment from the template, with references replaced by plausible names. */
function environmentOf(functionId: 'Ingest' | 'Api'): Record<string, string> {
  const fn = Object.entries(template.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(`${functionId}Function`));
  if (!fn) throw new Error(`no ${functionId} function in the template`);
  const variables = fn[1].Properties.Environment.Variables as Record<string, unknown>;
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `dateline-test-${name.toLowerCase()}`]));
}

describe.each(['Ingest', 'Api'] as const)('%s bundle', (functionId) => {
  const dir = bundleDir(functionId);
  const code = () => fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8');

  it('is one minified ESM file with its source map', () => {
    expect(fs.existsSync(path.join(dir, 'index.mjs.map'))).toBe(true);
    expect(code().slice(0, 100)).toMatch(/^import \{ createRequire \} from 'node:module';/);
  });

  it('carries the AWS SDK inside: its only static imports are Node built-ins', () => {
    const specifiers = [...code().matchAll(/(?:^|[;}\n])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((specifier) => !specifier!.startsWith('node:') && !builtinModules.includes(specifier!))).toEqual([]);
  });

  it('loads in a fresh Node process and exports handler', async () => {
    const load = `const m = await import(${JSON.stringify(pathToFileURL(path.join(dir, 'index.mjs')).href)}); process.stdout.write(typeof m.handler);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', load], {
      env: {
        PATH: process.env.PATH,
        ...environmentOf(functionId),
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'dateline-test',
        AWS_SECRET_ACCESS_KEY: 'dateline-test',
        AWS_LAMBDA_FUNCTION_NAME: `dateline-test-${functionId.toLowerCase()}`,
      },
      timeout: 30_000,
    });
    expect(stdout).toBe('function');
  });
});

describe('Ingest bundle text', () => {
  // esbuild's default ASCII charset would turn "سانا" (SPEC: سانا -> SANA) into "\\u0633\\u0627\\u0646\\u0627".
  it('keeps Arabic string literals as UTF-8, not \\u escapes', () => {
    const code = fs.readFileSync(path.join(bundleDir('Ingest'), 'index.mjs'), 'utf8');
    expect(code.includes('"سانا"'), 'the literal "سانا" in the ingest bundle').toBe(true);
  });

  // Each Powertools package pins its commons exactly: mixed versions bundle two copies of it.
  it('holds one copy of Powertools commons', () => {
    const map = JSON.parse(fs.readFileSync(path.join(bundleDir('Ingest'), 'index.mjs.map'), 'utf8')) as { sources: string[] };
    const copies = new Set(map.sources.map((source) => /^(.*node_modules\/@aws-lambda-powertools\/commons)\//.exec(source)?.[1]).filter(Boolean));
    expect([...copies]).toHaveLength(1);
  });
});

describe('NER models beside the bundles', () => {
  // models/load.ts looks for the model files beside itself, which in the bundle is index.mjs.
  it('ships both models with ingest, byte for byte', () => {
    for (const lang of ['ar', 'en']) {
      const shipped = path.join(bundleDir('Ingest'), `ner-${lang}.bin`);
      const committed = path.join(import.meta.dirname, '../../models', `ner-${lang}.bin`);
      expect(fs.existsSync(shipped), shipped).toBe(true);
      expect(fs.readFileSync(shipped).equals(fs.readFileSync(committed))).toBe(true);
    }
  });

  it('leaves them out of the api bundle, which extracts nothing', () => {
    expect(fs.readdirSync(bundleDir('Api')).filter((name) => /^ner-.*\.bin$/.test(name))).toEqual([]);
  });
});
