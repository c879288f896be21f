// A fresh Node process doing what the Lambda runtime does on a cold start: import the bundle, then
// call its handler with one event. Plain JavaScript run by plain `node` (no tsx, no loader), so
// nothing but the bundle is loaded. Told what to do in BENCH_INVOKE (JSON):
//   { bundle, event, preload?: { bundle, event }, warm?: [event, ...], profileCold?, profileWarm? }
// `preload` is another bundle whose handler runs between import and the first event (the NER
// model load). `warm` events follow the first one in the same process: per-invocation times of a
// warm function. With `profileCold` (a file), import and first event run under the V8 sampling
// profiler; with `profileWarm`, the warm events do; the profiles are written to those files (a
// separate run: the profiler slows what it watches). Timings go to file descriptor 3 as one JSON line; stdout is left to the handler's
// logs, so that their size can be measured.
import { writeFileSync, writeSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const task = JSON.parse(process.env.BENCH_INVOKE ?? '{}');
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bench'}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '1024',
  awsRequestId: 'bench-request',
  logGroupName: '/aws/lambda/bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

function failed(result) {
  if (result && Array.isArray(result.batchItemFailures)) return result.batchItemFailures.length > 0;
  if (result && typeof result.statusCode === 'number') return result.statusCode >= 400;
  return false;
}

async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return session;
}

async function stopProfiler(session, file) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

const cpuMsSince = (since) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

// CPU times (importCpuMs, handleCpuMs) besides wall times: on a shared machine they move less with load.
const report = { ok: true, importMs: 0, preloadMs: 0, handleMs: 0, importCpuMs: 0, handleCpuMs: 0, warm: [] };
try {
  const coldSession = task.profileCold ? await startProfiler() : null;
  const started = performance.now();
  const importCpu = process.cpuUsage();
  const main = await import(pathToFileURL(task.bundle).href);
  report.importCpuMs = cpuMsSince(importCpu);
  report.importMs = performance.now() - started;
  if (task.preload) {
    const before = performance.now();
    const helper = await import(pathToFileURL(task.preload.bundle).href);
    await helper.handler(task.preload.event, context);
    report.preloadMs = performance.now() - before;
  }
  const before = performance.now();
  const handleCpu = process.cpuUsage();
  const result = await main.handler(task.event, context);
  report.handleCpuMs = cpuMsSince(handleCpu);
  report.handleMs = performance.now() - before;
  if (coldSession) await stopProfiler(coldSession, task.profileCold);
  if (failed(result)) {
    report.ok = false;
    report.error = `the handler reported a failure: ${JSON.stringify(result).slice(0, 300)}`;
  }
  const warmSession = task.profileWarm ? await startProfiler() : null;
  for (const event of task.warm ?? []) {
    const cpu = process.cpuUsage();
    const at = performance.now();
    const warmResult = await main.handler(event, context);
    const used = process.cpuUsage(cpu);
    report.warm.push({ ms: performance.now() - at, cpuMs: (used.user + used.system) / 1000, ok: !failed(warmResult) });
  }
  if (warmSession) await stopProfiler(warmSession, task.profileWarm);
} catch (error) {
  report.ok = false;
  report.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
writeSync(3, `${JSON.stringify(report)}\n`);
process.exit(0);
