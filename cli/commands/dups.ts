/** `dateline dups <key>`: an article's near-duplicates in the archive, closest first. */
import { showDirectionControls } from '../../shared/direction-controls';
import { InvalidQueryError, parseArticleKey } from '../../shared/queries';
import { dateLabel, nameLabel } from '../../shared/summary';
import { withTarget, type GlobalOptions } from '../context';
import { CliError } from '../errors';
import { formatTable } from './find';

export async function runDups(rawKey: string, options: GlobalOptions): Promise<number> {
  let key: string;
  try {
    key = parseArticleKey(rawKey);
  } catch (error) {
    if (error instanceof InvalidQueryError) throw new CliError(`dups: ${error.message}`, { exitCode: 2, cause: error });
    throw error;
  }
  const answer = await withTarget(options, (target) => target.queries.findDuplicates(key));
  if (!answer) throw new CliError(`no record for key ${JSON.stringify(key)} (not dropped yet, still being processed, or deleted)`);

  if (options.json) {
    process.stdout.write(`${answer.duplicates.map((d) => JSON.stringify(d)).join('\n')}${answer.duplicates.length ? '\n' : ''}`);
    return 0;
  }
  if (answer.duplicates.length === 0) {
    process.stdout.write(`No near-duplicates of ${key} in the archive.\n`);
    return 0;
  }
  const rows = answer.duplicates.map((d) => [
    String(d.distance),
    d.article ? dateLabel(d.article.published) : '—',
    d.article?.agency ?? '—',
    showDirectionControls(d.key),
    d.article ? nameLabel(d.article) : '(record gone)',
  ]);
  process.stdout.write(formatTable(['DISTANCE', 'DATE', 'AGENCY', 'KEY', 'HEADLINE'], rows));
  return 0;
}
