/**
 * `RecordsEngine` on AWS: Athena over the records mirror in S3 (the Glue tables `records`, with
 * partition projection on `month`, and `records_undated`; infra/constructs/records-mirror.ts).
 * A query is started in the stack's workgroup (which holds the result location and a scan limit),
 * polled until it ends, and its rows are read page by page (GetQueryResults, 1,000 rows each).
 *
 * Values go in as execution parameters, which Athena substitutes as SQL literals: strings quoted
 * (a quote doubled), numbers as they are.
 */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena';
import type { EngineRow, RecordsEngine } from '../shared/ports';

export interface AthenaEngineOptions {
  readonly athena: AthenaClient;
  readonly workGroup: string;
  readonly database: string;
  /**
   * How long a query may run before it is stopped and given up on (ms): under the api function's
   * 30 s timeout and API Gateway's 30 s integration limit, so the caller gets an answer that says so.
   * @default 25000
   */
  readonly timeoutMs?: number;
}

export class RecordsQueryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordsQueryError';
  }
}

export const athenaLiteral = (value: string | number): string => (typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`);

export function createAthenaEngine({ athena, workGroup, database, timeoutMs = 25_000 }: AthenaEngineOptions): RecordsEngine {
  async function waitFor(id: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
      const { QueryExecution } = await athena.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') throw new RecordsQueryError(`Athena query ${id} ${state?.toLowerCase()}: ${QueryExecution?.Status?.StateChangeReason ?? 'no reason given'}`);
      if (Date.now() > deadline) {
        // Nobody will read it: stop the scan (and its bill) rather than let it run on.
        await athena.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
        throw new RecordsQueryError(`Athena query ${id} still running after ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  return {
    async *rows(query) {
      const { QueryExecutionId: id } = await athena.send(
        new StartQueryExecutionCommand({
          QueryString: query.sql,
          WorkGroup: workGroup,
          QueryExecutionContext: { Database: database },
          ...(query.params.length ? { ExecutionParameters: query.params.map(athenaLiteral) } : {}),
        }),
      );
      if (!id) throw new RecordsQueryError('Athena started no query');
      await waitFor(id);
      let names: string[] | null = null;
      let token: string | undefined;
      do {
        const page = await athena.send(new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: token, MaxResults: 1000 }));
        const rows = page.ResultSet?.Rows ?? [];
        for (const row of rows) {
          const values = (row.Data ?? []).map((d) => d.VarCharValue ?? null);
          // The first row of the first page holds the column names.
          if (names === null) {
            names = values.map((v) => v ?? '');
            continue;
          }
          const out: Record<string, string | null> = {};
          names.forEach((name, i) => {
            out[name] = values[i] ?? null;
          });
          yield out as EngineRow;
        }
        token = page.NextToken;
      } while (token);
    },
  };
}
