/**
 * Runs the real `dateline` binary (bin/dateline.mjs) in a child process, as a user's shell would,
 * with an environment cleaned of the developer's own DATELINE_* and AWS settings.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'dateline.mjs');
/** What every engineer and CI run has beside the project (../shared); tests skip without it. */
export const SHARED_DIR = path.resolve(REPO_ROOT, '..', 'shared');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATELINE_|AWS_)/.test(name)));
  return { ...env, NO_COLOR: '1', ...extra };
}

export function runCli(args: readonly string[], env: Record<string, string> = {}, cwd = REPO_ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env), timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Starts `dateline start` as a child and resolves once its banner says it is ready. */
export function startCli(args: readonly string[], env: Record<string, string> = {}): Promise<{ child: ChildProcessWithoutNullStreams; banner: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'start', ...args], { cwd: REPO_ROOT, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dateline start was not ready within 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    const onData = () => {
      if (!/Ctrl-C stops/.test(stdout)) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({ child, banner: stdout, output: () => stdout + stderr });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dateline start exited with ${code} before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}

/** `dateline start` on free ports with its data in `dataDir`, and the environment that points the CLI at it. */
export async function startStackOnFreePorts(dataDir: string): Promise<Awaited<ReturnType<typeof startCli>> & { env: Record<string, string> }> {
  const stack = await startCli(['--data-dir', dataDir, '--s3-port', '0', '--dynamodb-port', '0', '--api-port', '0']);
  const env = {
    DATELINE_S3_PORT: portOf(stack.banner, 'S3'),
    DATELINE_DYNAMODB_PORT: portOf(stack.banner, 'DynamoDB'),
    DATELINE_API_PORT: portOf(stack.banner, 'API, web'),
  };
  return { ...stack, env };
}

/** Resolves with the exit code once the child has exited (bounded by `ms`). */
export function exited(child: ChildProcessWithoutNullStreams, ms = 30_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child did not exit within ${ms} ms`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** The port in a banner line such as `  S3        http://127.0.0.1:41234  bucket …`. */
export function portOf(banner: string, label: string): string {
  const match = new RegExp(`${label}\\s+http://127\\.0\\.0\\.1:(\\d+)`).exec(banner);
  if (!match) throw new Error(`no ${label} endpoint in the banner:\n${banner}`);
  return match[1]!;
}
