/**
 * Where CPU time goes: V8 CPU profiles (sampling) summed by component — extraction, the NER
 * tagger, the AWS SDK, zod, Powertools, the emulators, Node itself. Profiles of a bundle are
 * mapped back to source files through the bundle's source map, so minified code is named too.
 */
import { SourceMap } from 'node:module';
import { Session } from 'node:inspector/promises';
import { readFileSync } from 'node:fs';

export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly url: string; readonly functionName: string; readonly lineNumber: number; readonly columnNumber: number };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ComponentTime {
  readonly component: string;
  readonly ms: number;
  readonly share: number;
}

/** Component a source path belongs to (a file path, a URL, or a path from a source map). */
export function componentOf(path: string, functionName = ''): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)' || functionName === '(root)') return 'Node and V8 internals';
  if (/\/shared\/ner\//.test(path)) return 'NER tagger (shared/ner)';
  if (/\/shared\/extract\//.test(path)) return 'extraction (shared/extract)';
  if (/\/shared\//.test(path)) return 'records, items, events (shared/)';
  if (/\/functions\//.test(path)) return 'handler (functions/)';
  if (/\/adapters\//.test(path)) return 'adapters (S3, DynamoDB store)';
  if (/\/local\//.test(path)) return 'local stack (queue, S3 hooks)';
  if (/\/bench\//.test(path)) return 'bench itself';
  if (/node_modules\/(dynalite|[a-z-]*level[a-z-]*|async|big\.js|buffer-crc32|lazy|lock|once|module-error|queue-microtask|catering|maybe-combine-errors|napi-macros|node-gyp-build)\//.test(path)) return 'dynalite (local DynamoDB)';
  if (/node_modules\/(s3rver|koa[a-z-]*|@koa|busboy|streamsearch|winston[a-z-]*|logform|triple-beam|readable-stream|fs-extra|graceful-fs|he|lodash|statuses|mime[a-z-]*|fresh|http-errors|cookies|delegates|only|accepts|negotiator|type-is|content-[a-z]+|vary|destroy|on-finished|encodeurl|escape-html|parseurl|depd|debug|ms|@colors|colors|color[a-z-]*|fecha|safe-stable-stringify|stack-trace|one-time|fn\.name|kuler|text-hex|enabled|@dabh|@so-ric)\//.test(path)) return 's3rver (local S3)';
  if (/node_modules\/(@aws-sdk|@smithy|@aws-crypto|fast-xml-parser|strnum|tslib|uuid|bowser)/.test(path)) return 'AWS SDK';
  if (/node_modules\/zod/.test(path)) return 'zod validation';
  if (/node_modules\/@aws-lambda-powertools/.test(path)) return 'Powertools (logs, metrics, batch)';
  if (/^node:internal\/source_map/.test(path)) return 'source maps (--enable-source-maps)';
  if (/^node:internal\/modules/.test(path)) return 'module loading and compiling';
  if (/^node:zlib/.test(path)) return 'zlib (gunzip)';
  if (/index\.mjs$/.test(path)) return 'bundle code with no source mapping';
  if (/^node:|^internal\/|^(?!file:)[a-z_]+$/.test(path) || path === '') return 'Node (sockets, http, streams, crypto)';
  return 'other';
}

/** V8's own pseudo-frames, which have no URL and are not called by anyone's code. */
const PSEUDO_FRAMES = new Set(['(garbage collector)', '(idle)', '(program)', '(root)']);

/**
 * Self time per component. `resolve` turns a frame into the path used to classify it (the
 * identity, or a source-map lookup for a bundle). Built-ins (a RegExp's exec, JSON.parse) have no
 * URL: their time goes to whoever called them, so a regex-heavy extractor is charged for its regexes.
 */
export function timeByComponent(profile: CpuProfile, resolve: (frame: CpuProfile['nodes'][number]['callFrame']) => string = (frame) => frame.url): ComponentTime[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const nodeComponent = new Map<number, string>();
  const componentFor = (id: number, depth = 0): string => {
    const known = nodeComponent.get(id);
    if (known) return known;
    const node = byId.get(id);
    if (!node) return 'other';
    const frame = node.callFrame;
    const path = resolve(frame);
    const component = path === '' && !PSEUDO_FRAMES.has(frame.functionName) && parent.has(id) && depth < 200 ? componentFor(parent.get(id)!, depth + 1) : componentOf(path, frame.functionName);
    nodeComponent.set(id, component);
    return component;
  };
  for (const node of profile.nodes) componentFor(node.id);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const component = nodeComponent.get(id) ?? 'other';
    totals.set(component, (totals.get(component) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  totals.delete('idle');
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals]
    .map(([component, ms]) => ({ component, ms, share: ms / Math.max(busy, 1e-9) }))
    .sort((a, b) => b.ms - a.ms);
}

/** Runs `work` under the V8 sampling profiler of this process. */
export async function profileHere<T>(work: () => Promise<T>, intervalUs = 500): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: await work() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    if (!outcome.ok) throw outcome.error;
    return { result: outcome.value, profile };
  } finally {
    session.disconnect();
  }
}

/** A resolver for frames of a bundle: its source map names the original file of each position. */
export function bundleResolver(bundleFile: string): (frame: CpuProfile['nodes'][number]['callFrame']) => string {
  const map = new SourceMap(JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8')));
  const bundleUrl = bundleFile.replace(/\\/g, '/');
  return (frame) => {
    if (!frame.url.endsWith(bundleUrl) && !frame.url.endsWith('index.mjs')) return frame.url;
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
    return entry.originalSource ?? frame.url;
  };
}
