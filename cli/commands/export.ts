/**
 * `dateline export`: every matching record, newest first, streamed from the records engine:
 * JSON Lines (the whole record, one per line), CSV (one row of the main fields per record) or
 * Parquet (the CSV's columns and the whole record as JSON text; written through DuckDB in this
 * process, to `--output` or to stdout).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportRecords } from '../../shared/records-queries';
import { parseExportQuery } from '../../shared/records-sql';
import type { ArticleRecord } from '../../shared/record';
import { agencyOf } from '../../shared/items';
import { withRecordsEngine, type RecordsOptions } from '../records';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CSV_COLUMNS = ['key', 'status', 'language', 'agency', 'place', 'published', 'title', 'words', 'people', 'organizations', 'places'] as const;

function csvRow(record: ArticleRecord): Record<(typeof CSV_COLUMNS)[number], string | number | null> {
  const names = (list: readonly { name: string }[]) => list.map((e) => e.name).join('; ');
  return {
    key: record.source.key,
    status: record.status,
    language: record.language.code,
    agency: agencyOf(record),
    place: record.dateline?.place ?? null,
    published: record.published?.value ?? null,
    title: record.title,
    words: record.stats.words,
    people: names(record.entities.person),
    organizations: names(record.entities.organization),
    places: names(record.entities.place),
  };
}

const csvField = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

export async function runExport(flags: Record<string, unknown> & { format: ExportFormat; output?: string }, options: RecordsOptions): Promise<number> {
  const { format, output, ...filters } = flags;
  const out: Writable = output && format !== 'parquet' ? createWriteStream(output) : process.stdout;
  const count = await withRecordsEngine('export', options, async (engine) => {
    const records = exportRecords(engine, parseExportQuery(filters));
    if (format === 'parquet') return writeParquet(records, output);
    let n = 0;
    if (format === 'csv') await write(out, `${CSV_COLUMNS.join(',')}\n`);
    for await (const json of records) {
      n++;
      if (format === 'jsonl') await write(out, `${json}\n`);
      else await write(out, `${CSV_COLUMNS.map((c) => csvField(csvRow(JSON.parse(json) as ArticleRecord)[c])).join(',')}\n`);
    }
    return n;
  });
  if (out !== process.stdout) await new Promise<void>((resolve, reject) => (out as ReturnType<typeof createWriteStream>).end((error?: Error | null) => (error ? reject(error) : resolve())));
  process.stderr.write(`${count} record(s) exported\n`);
  return 0;
}

/** Rows go to a JSON Lines file first (streamed), then DuckDB writes it as one Parquet file. */
async function writeParquet(records: AsyncIterable<string>, output: string | undefined): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dateline-export-'));
  try {
    const lines = path.join(dir, 'rows.jsonl');
    const file = createWriteStream(lines);
    let n = 0;
    for await (const json of records) {
      n++;
      const record = JSON.parse(json) as ArticleRecord;
      await write(file, `${JSON.stringify({ ...csvRow(record), record: json })}\n`);
    }
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const target = output ? path.resolve(output) : path.join(dir, 'export.parquet');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const columns = `{${[...CSV_COLUMNS, 'record'].map((c) => `'${c}': '${c === 'words' ? 'BIGINT' : 'VARCHAR'}'`).join(', ')}}`;
      const source = n === 0 ? `SELECT ${[...CSV_COLUMNS, 'record'].map((c) => `CAST(NULL AS ${c === 'words' ? 'BIGINT' : 'VARCHAR'}) AS ${c}`).join(', ')} WHERE false` : `SELECT * FROM read_json('${lines.replace(/'/g, "''")}', format = 'newline_delimited', columns = ${columns})`;
      await connection.run(`COPY (${source}) TO '${target.replace(/'/g, "''")}' (FORMAT parquet)`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    if (!output) await pipeline((await import('node:fs')).createReadStream(target), process.stdout, { end: false });
    return n;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
