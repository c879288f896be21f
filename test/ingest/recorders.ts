/**
 * A logger and a metrics sink that keep what they were given, for assertions. They stand in for
 * Powertools' Logger and Metrics (which print to stdout), not for any AWS service.
 */
import type { IngestLogger, IngestMetrics } from '../../functions/ingest';
import type { ObjectReader } from '../../shared/ports';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

export function recordingLogger(): IngestLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, attributes: Record<string, unknown>) => {
    lines.push({ level, message, attributes });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export function recordingMetrics(): IngestMetrics & { counts: Record<string, number>; published: number } {
  const sink = {
    counts: {} as Record<string, number>,
    published: 0,
    addMetric(name: string, _unit: 'Count', value: number) {
      sink.counts[name] = (sink.counts[name] ?? 0) + value;
    },
    publishStoredMetrics() {
      sink.published += 1;
    },
  };
  return sink;
}

/** Wraps a real reader and counts what passes through it. */
export function countingReader(inner: ObjectReader): ObjectReader & { calls: number; bytesRead: number } {
  const counter = {
    calls: 0,
    bytesRead: 0,
    async read(...args: Parameters<ObjectReader['read']>) {
      counter.calls += 1;
      const content = await inner.read(...args);
      counter.bytesRead += content?.bytes.length ?? 0;
      return content;
    },
    async readCurrent(...args: Parameters<ObjectReader['readCurrent']>) {
      counter.calls += 1;
      const content = await inner.readCurrent(...args);
      counter.bytesRead += content?.bytes.length ?? 0;
      return content;
    },
  };
  return counter;
}
