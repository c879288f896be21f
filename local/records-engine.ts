/**
 * The records engine of the local stack and the local CLI: DuckDB (embedded, in this process) over
 * the mirror's objects as s3rver keeps them on disk. On AWS Athena reads the mirror in S3; DuckDB
 * cannot read s3rver over HTTP here (its httpfs extension is downloaded at run time, and there is
 * no network), so this stand-in reads s3rver's files instead: `<dir>/<key>._S3rver_object`, where
 * the `month=<yyyy-mm>` folders are Hive partitions as in S3. The two tables are views with the
 * Glue table's columns (shared/mirror.ts), so shared/records-sql.ts's text runs unchanged.
 *
 * DuckDB is loaded lazily and only here and in the CLI: it never goes into a Lambda bundle.
 */
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { MIRROR_COLUMNS, MIRROR_PARTITION, MIRROR_PREFIX } from '../shared/mirror';
import type { EngineRow, RecordsEngine } from '../shared/ports';

/** s3rver's file name for an object's bytes (its FilesystemStore). */
const OBJECT_SUFFIX = '._S3rver_object';

export interface LocalRecordsEngine extends RecordsEngine {
  close(): void;
}

/** `mirrorDir`: the mirror bucket's folder in s3rver's store (`<data dir>/s3/<mirror bucket>`). */
export function createLocalRecordsEngine(mirrorDir: string): LocalRecordsEngine {
  let opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | null = null;
  const open = async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    return { instance, connection: await instance.connect() };
  };
  // One query at a time on the connection: the views are replaced before each.
  let queue: Promise<unknown> = Promise.resolve();

  async function* rows(query: { readonly sql: string; readonly params: readonly (string | number)[] }): AsyncIterable<EngineRow> {
    const { connection } = await (opened ??= open());
    let release: () => void = () => undefined;
    const turn = queue;
    queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await turn;
    try {
      await bindViews(connection, mirrorDir);
      const result = await connection.stream(query.sql, [...query.params]);
      for await (const chunk of result.yieldRowObjectJson()) {
        for (const row of chunk) yield Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : typeof v === 'string' ? v : JSON.stringify(v)]));
      }
    } finally {
      release();
    }
  }

  return {
    rows,
    close() {
      void opened?.then(({ connection, instance }) => {
        connection.closeSync();
        instance.closeSync();
      });
      opened = null;
    },
  };
}

const DUCKDB_TYPES = { string: 'VARCHAR', 'array<string>': 'VARCHAR[]' } as const;
const COLUMNS = `{${MIRROR_COLUMNS.map((c) => `'${c.name}': '${DUCKDB_TYPES[c.type]}'`).join(', ')}}`;
const EMPTY = `SELECT ${MIRROR_COLUMNS.map((c) => `CAST(NULL AS ${DUCKDB_TYPES[c.type]}) AS ${c.name}`).join(', ')}`;

/**
 * `records` and `records_undated` over the files there are now (DuckDB's reader fails on a glob
 * that matches nothing, and an archive may have no dated or no undated record yet).
 */
async function bindViews(connection: DuckDBConnection, mirrorDir: string): Promise<void> {
  const dated = path.join(mirrorDir, MIRROR_PREFIX.dated, `${MIRROR_PARTITION}=*`, `*${OBJECT_SUFFIX}`);
  const undated = path.join(mirrorDir, MIRROR_PREFIX.undated, `*${OBJECT_SUFFIX}`);
  const reader = (glob: string, hive: boolean) =>
    `SELECT * FROM read_json('${quote(glob)}', format = 'newline_delimited', columns = ${COLUMNS}${hive ? `, hive_partitioning = true, hive_types = {'${MIRROR_PARTITION}': 'VARCHAR'}` : ''})`;
  const hasDated = await matches(connection, dated);
  const hasUndated = await matches(connection, undated);
  await connection.run(`CREATE OR REPLACE VIEW records AS ${hasDated ? reader(dated, true) : `${EMPTY}, CAST(NULL AS VARCHAR) AS ${MIRROR_PARTITION} WHERE false`}`);
  await connection.run(`CREATE OR REPLACE VIEW records_undated AS ${hasUndated ? reader(undated, false) : `${EMPTY} WHERE false`}`);
}

async function matches(connection: DuckDBConnection, glob: string): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM glob(?)', [glob]);
  return Number(reader.getRowObjectsJson()[0]?.n ?? 0) > 0;
}

const quote = (text: string): string => text.replace(/'/g, "''");
