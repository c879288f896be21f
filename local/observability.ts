/**
 * What the ingest handler logs and counts, made fit for a terminal: on Lambda it writes
 * structured JSON and EMF metrics; locally a line per file and counters in memory. The error of a
 * failed message is kept by message id, so the dead-letter list can say why a message died.
 */
import type { IngestLogger, IngestMetrics } from '../functions/ingest';
import type { LocalLogger } from './logger';

type Attributes = Record<string, unknown>;

export interface LocalIngestObservability {
  readonly logger: IngestLogger;
  readonly metrics: IngestMetrics;
  /** The last error logged for a message, if any. */
  failureReason(messageId: string): string | undefined;
  /** Totals per metric name since the start. */
  counters(): Record<string, number>;
}

export function localIngestObservability(out: LocalLogger): LocalIngestObservability {
  const reasons = new Map<string, string>();
  const totals = new Map<string, number>();
  const line = (message: string, attributes: Attributes): string => {
    const key = typeof attributes.key === 'string' ? ` ${attributes.key}` : '';
    const status = typeof attributes.status === 'string' ? ` (${attributes.status})` : '';
    const error = typeof attributes.error === 'string' ? `: ${attributes.error}` : '';
    return `ingest: ${message}${key}${status}${error}`;
  };
  return {
    logger: {
      info: (message, attributes) => {
        if (attributes.outcome === 'RecordWritten' || attributes.outcome === 'RecordRemoved') out.info(line(message, attributes));
      },
      warn: (message, attributes) => out.warn(line(message, attributes)),
      error: (message, attributes) => {
        if (typeof attributes.messageId === 'string' && typeof attributes.error === 'string') {
          // Bounded: a message id stays only until its message is done or dead.
          if (reasons.size > 10_000) reasons.clear();
          reasons.set(attributes.messageId, attributes.error);
        }
        out.error(line(message, attributes));
      },
    },
    metrics: {
      addMetric: (name, _unit, value) => {
        totals.set(name, (totals.get(name) ?? 0) + value);
      },
      publishStoredMetrics: () => undefined,
    },
    failureReason: (messageId) => reasons.get(messageId),
    counters: () => Object.fromEntries(totals),
  };
}
