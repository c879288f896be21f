/** `dateline get <key>`: one record, human-readable or as one JSON line. */
import { withTarget, type GlobalOptions } from '../context';
import { CliError } from '../errors';
import { formatRecord } from '../format';

export async function runGet(key: string, options: GlobalOptions): Promise<number> {
  const record = await withTarget(options, (target) => target.queries.getArticle(key));
  if (!record) throw new CliError(`no record for key ${JSON.stringify(key)} (not dropped yet, still being processed, or deleted)`);
  process.stdout.write(options.json ? `${JSON.stringify(record)}\n` : formatRecord(record));
  return 0;
}
