/** The machine and moment a run measured, printed with every figure (figures are ratios within one run). */
import os from 'node:os';

export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** ISO time the run started. */
  readonly startedAt: string;
  /** 1-minute load average when the run started: how shared the machine was. */
  readonly loadAverage: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    startedAt: new Date().toISOString(),
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; load ${machine.loadAverage.toFixed(2)} at start; ${machine.startedAt}`;
}
