/**
 * Progress of a many-file operation, on stderr so stdout stays clean for `--json`. A terminal gets
 * a bar; a pipe or a CI log gets a plain line at every tenth of the way, which reads well in a file.
 */
import type { Writable } from 'node:stream';

export interface Progress {
  /** One more item done. */
  tick(): void;
  stop(): void;
}

const SILENT: Progress = { tick() {}, stop() {} };

export async function startProgress(label: string, total: number, stream: Writable & { isTTY?: boolean } = process.stderr): Promise<Progress> {
  // One file needs no bar: its outcome is the next line printed.
  if (total <= 1) return SILENT;
  if (stream.isTTY) return startBar(label, total, stream);
  return startLines(label, total, stream);
}

async function startBar(label: string, total: number, stream: Writable): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label.padEnd(10)} [{bar}] {value}/{total} {percentage}% {eta_formatted} left`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: () => bar.increment(),
    stop: () => bar.stop(),
  };
}

function startLines(label: string, total: number, stream: Writable): Progress {
  let done = 0;
  let lastTenth = 0;
  return {
    tick() {
      done += 1;
      const tenth = Math.floor((done * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}
