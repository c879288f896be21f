/**
 * The records engine of the local stack and the local CLI: DuckDB (embedded, in this process) over
 * the mirror's objects as s3rver keeps them on disk. On AWS Athena reads the mirror in S3; DuckDB
 * cannot read s3rver over HTTP here (its httpfs extension is downloaded at run time, and there is
 * no network), so this stand-in reads s3rver's files instead: `<dir>/<key>._S3rver_object`, where
 * the `month=<yyyy-mm>` folders are Hive partitions as in S3. The two tables are views with the
 * Glue table's columns (shared/mirror.ts), so shared/records-sql.ts's text runs unchanged.
 *
 * Reading ten thousand small files takes seconds, so the running stack asks for a cached engine:
 * the rows are loaded into DuckDB tables once, and the stack reports each row it writes or deletes
 * (`changed`), which is read again before the next query. The CLI, a process per command, reads
 * the files each time.
 *
 * DuckDB is loaded lazily and only here and in the CLI: it never goes into a Lambda bundle.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { MIRROR_COLUMNS, MIRROR_PARTITION, MIRROR_PREFIX } from '../shared/mirror';
import type { EngineRow, RecordsEngine } from '../shared/ports';

/** s3rver's file name for an object's bytes (its FilesystemStore). */
const OBJECT_SUFFIX = '._S3rver_object';

export interface LocalRecordsEngine extends RecordsEngine {
  /** A row of the mirror was put or deleted (its key in the mirror bucket): a cached engine reads it again. */
  changed(mirrorKey: string): void;
  close(): void;
}

export interface LocalRecordsEngineOptions {
  /** Keep the rows in DuckDB tables, kept in step through `changed`. @default false */
  readonly cached?: boolean;
}

/** `mirrorDir`: the mirror bucket's folder in s3rver's store (`<data dir>/s3/<mirror bucket>`). */
export function createLocalRecordsEngine(mirrorDir: string, options: LocalRecordsEngineOptions = {}): LocalRecordsEngine {
  const dir = path.resolve(mirrorDir);
  let opened: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | null = null;
  const open = async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    // Every query orders its rows itself; without this a table load keeps file order at 4x the time.
    const instance = await DuckDBInstance.create(':memory:', { preserve_insertion_order: 'false' });
    return { instance, connection: await instance.connect() };
  };
  // One query at a time on the connection: the views (or the cache) are brought up to date before each.
  let queue: Promise<unknown> = Promise.resolve();
  let loaded = false;
  const pending = new Set<string>();

  async function* rows(query: { readonly sql: string; readonly params: readonly (string | number)[] }): AsyncIterable<EngineRow> {
    const { connection } = await (opened ??= open());
    let release: () => void = () => undefined;
    const turn = queue;
    queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await turn;
    try {
      if (!options.cached) await bindViews(connection, dir);
      else if (!loaded) {
        loaded = true;
        pending.clear();
        await loadCache(connection, dir);
      } else if (pending.size > 0) {
        const files = [...pending];
        pending.clear();
        await refreshCache(connection, files);
      }
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
    changed(mirrorKey) {
      // Before the first load there is nothing to bring up to date: the load reads every file.
      if (loaded) pending.add(path.join(dir, `${mirrorKey}${OBJECT_SUFFIX}`));
    },
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
const PARTITION = `hive_partitioning = true, hive_types = {'${MIRROR_PARTITION}': 'VARCHAR'}`;

const globs = (dir: string) => ({
  dated: path.join(dir, MIRROR_PREFIX.dated, `${MIRROR_PARTITION}=*`, `*${OBJECT_SUFFIX}`),
  undated: path.join(dir, MIRROR_PREFIX.undated, `*${OBJECT_SUFFIX}`),
});

/** DuckDB's JSON reader over files (a glob or a list), with the mirror's columns. */
function reader(files: string | readonly string[], dated: boolean, withFilename = false): string {
  const list = typeof files === 'string' ? `'${quote(files)}'` : `[${files.map((f) => `'${quote(f)}'`).join(', ')}]`;
  return `SELECT * FROM read_json(${list}, format = 'newline_delimited', columns = ${COLUMNS}${dated ? `, ${PARTITION}` : ''}${withFilename ? ', filename = true' : ''})`;
}

/**
 * `records` and `records_undated` over the files there are now (DuckDB's reader fails on a glob
 * that matches nothing, and an archive may have no dated or no undated record yet).
 */
async function bindViews(connection: DuckDBConnection, dir: string): Promise<void> {
  const { dated, undated } = globs(dir);
  const hasDated = await matches(connection, dated);
  const hasUndated = await matches(connection, undated);
  await connection.run(`CREATE OR REPLACE VIEW records AS ${hasDated ? reader(dated, true) : `${EMPTY}, CAST(NULL AS VARCHAR) AS ${MIRROR_PARTITION} WHERE false`}`);
  await connection.run(`CREATE OR REPLACE VIEW records_undated AS ${hasUndated ? reader(undated, false) : `${EMPTY} WHERE false`}`);
}

/** Tables with every row (and the file each came from), and the two views over them. */
async function loadCache(connection: DuckDBConnection, dir: string): Promise<void> {
  const { dated, undated } = globs(dir);
  const none = (extra: string) => `${EMPTY}${extra}, CAST(NULL AS VARCHAR) AS filename WHERE false`;
  await connection.run(`CREATE OR REPLACE TABLE cache_dated AS ${(await matches(connection, dated)) ? reader(dated, true, true) : none(`, CAST(NULL AS VARCHAR) AS ${MIRROR_PARTITION}`)}`);
  await connection.run(`CREATE OR REPLACE TABLE cache_undated AS ${(await matches(connection, undated)) ? reader(undated, false, true) : none('')}`);
  await connection.run('CREATE OR REPLACE VIEW records AS SELECT * EXCLUDE (filename) FROM cache_dated');
  await connection.run('CREATE OR REPLACE VIEW records_undated AS SELECT * EXCLUDE (filename) FROM cache_undated');
}

/** Rows of changed files: taken out, then read again where the file still exists. */
async function refreshCache(connection: DuckDBConnection, files: readonly string[]): Promise<void> {
  const marks = files.map(() => '?').join(', ');
  await connection.run(`DELETE FROM cache_dated WHERE filename IN (${marks})`, [...files]);
  await connection.run(`DELETE FROM cache_undated WHERE filename IN (${marks})`, [...files]);
  const present = files.filter((f) => existsSync(f));
  const dated = present.filter((f) => f.includes(`${path.sep}${MIRROR_PREFIX.dated}`));
  const undated = present.filter((f) => !dated.includes(f));
  if (dated.length) await connection.run(`INSERT INTO cache_dated BY NAME ${reader(dated, true, true)}`);
  if (undated.length) await connection.run(`INSERT INTO cache_undated BY NAME ${reader(undated, false, true)}`);
}

async function matches(connection: DuckDBConnection, glob: string): Promise<boolean> {
  const reader = await connection.runAndReadAll('SELECT count(*) AS n FROM glob(?)', [glob]);
  return Number(reader.getRowObjectsJson()[0]?.n ?? 0) > 0;
}

const quote = (text: string): string => text.replace(/'/g, "''");
