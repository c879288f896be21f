/** `dateline get <key>`: one record, human-readable or as one JSON line. */
import { InvalidQueryError, parseArticleKey } from '../../shared/queries';
import { withTarget, type GlobalOptions } from '../context';
import { CliError } from '../errors';
import { formatRecord } from '../format';
import { keyFromArgument } from '../keys';
import { ENTITY_TYPES, type ArticleRecord, type EntityType } from '../../shared/record';
import { formatTable } from './find';

/** `rawKey` is an object key or the `s3://bucket/key` URI the record's source line shows. */
export async function runGet(rawKey: string, options: GlobalOptions): Promise<number> {
  const { key, record } = await withTarget(options, async (target) => {
    const key = articleKey(keyFromArgument(rawKey, target.bucket));
    return { key, record: await target.queries.getArticle(key) };
  });
  if (!record) throw new CliError(`no record for key ${JSON.stringify(key)} (not dropped yet, still being processed, or deleted)`);
  process.stdout.write(options.json ? `${JSON.stringify(record)}\n` : formatRecord(record) + formatDetails(record));
  return 0;
}

function articleKey(raw: string): string {
  try {
    return parseArticleKey(raw);
  } catch (error) {
    if (error instanceof InvalidQueryError) throw new CliError(`get: ${error.message}`, { exitCode: 2, cause: error });
    throw error;
  }
}

const TYPE_HEADINGS: Readonly<Record<EntityType, string>> = { person: 'People', organization: 'Organisations', place: 'Places' };

/** The entities, quotes, dates and keywords behind the counts formatRecord shows, as tables. */
function formatDetails(record: ArticleRecord): string {
  const parts: string[] = [];
  for (const type of ENTITY_TYPES) {
    const entities = record.entities[type];
    if (entities.length === 0) continue;
    const rows = entities.map((e) => [e.name, String(e.mentions), e.aliases.join('، ') || '—', e.role ?? '—']);
    parts.push(`\n${TYPE_HEADINGS[type]}:\n${formatTable(['NAME', 'MENTIONS', 'ALIASES', 'ROLE'], rows)}`);
  }
  if (record.quotes.length) {
    const rows = record.quotes.map((q) => [String(q.paragraph + 1), q.speaker ?? '—', q.text]);
    parts.push(`\nQuotes:\n${formatTable(['PARA', 'SPEAKER', 'QUOTE'], rows)}`);
  }
  if (record.dates.length) {
    const rows = record.dates.map((d) => [d.value, d.precision, d.calendar, d.text]);
    parts.push(`\nDates:\n${formatTable(['VALUE', 'PRECISION', 'CALENDAR', 'AS WRITTEN'], rows)}`);
  }
  if (record.keywords.length) {
    // Keyphrases hold spaces (سيرغي لافروف): one per line keeps each readable.
    const rows = record.keywords.map((k) => [k.score.toFixed(2), k.term]);
    parts.push(`\nKeywords:\n${formatTable(['SCORE', 'KEYWORD'], rows)}`);
  }
  return parts.join('');
}
