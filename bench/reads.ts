/**
 * The read benchmarks the READ helper writes as `bench/read-*.ts`, run when present. Each is a
 * script: run with `node --import tsx <file>` from the repository root, it prints Markdown to
 * stdout (put verbatim into BENCHMARKS.md under its file name) and exits 0. It is told
 * `BENCH_QUICK=1` for a quick run and `BENCH_TIME_LIMIT_MS`, the time it has; it is stopped after it.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/articles';
import type { Budget } from './lib/budget';

export interface ReadBenchResult {
  readonly file: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly markdown: string;
  readonly error: string | null;
}

const MAX_SCRIPT_MS = 300_000;

export function readBenchFiles(): string[] {
  const dir = path.join(REPO_ROOT, 'bench');
  return readdirSync(dir)
    .filter((name) => /^read-.+\.ts$/.test(name))
    .sort()
    .map((name) => path.join('bench', name));
}

function runScript(file: string, limitMs: number, quick: boolean): Promise<ReadBenchResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_TIME_LIMIT_MS: String(Math.round(limitMs)), ...(quick ? { BENCH_QUICK: '1' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ok = code === 0;
      const lastLines = stderr.split('\n').filter((line) => line.trim() && !/NodeVersionSupportWarning|node >=22|trace-warnings|a\.co\//.test(line)).slice(-3).join(' | ');
      resolve({
        file,
        ok,
        seconds: (performance.now() - started) / 1000,
        markdown: stdout.trim(),
        error: ok ? null : `exit ${code ?? signal}${lastLines ? `: ${lastLines}` : ''}`,
      });
    });
  });
}

export async function runReadBenches(budget: Budget, quick: boolean): Promise<ReadBenchResult[]> {
  const results: ReadBenchResult[] = [];
  for (const file of readBenchFiles()) {
    if (budget.spent) {
      results.push({ file, ok: false, seconds: 0, markdown: '', error: 'not run: the time budget was spent' });
      continue;
    }
    results.push(await runScript(file, Math.min(MAX_SCRIPT_MS, budget.remainingMs), quick));
  }
  return results;
}
