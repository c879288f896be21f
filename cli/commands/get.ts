/**
 * `dateline get <key> [--text]`: one record, human-readable or as one JSON line; with `--text` also
 * the article's text read from its file (the version the record describes), paragraphs numbered by
 * shared/article-text.ts as the API and the web page number them (with `--json`, a second line:
 * the same object `GET /articles/{key}/text` answers).
 */
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { readRecordText, type TextAnswer } from '../../functions/article-files';
import type { ArticleText } from '../../shared/article-text';
import { showDirectionOverrides } from '../../shared/direction-controls';
import { InvalidQueryError, parseArticleKey } from '../../shared/queries';
import { withTarget, type GlobalOptions } from '../context';
import { CliError } from '../errors';
import { formatRecord } from '../format';
import { keyFromArgument } from '../keys';
import { ENTITY_TYPES, type ArticleRecord, type EntityType } from '../../shared/record';
import { formatTable } from './find';

/** `rawKey` is an object key or the `s3://bucket/key` URI the record's source line shows. */
export async function runGet(rawKey: string, options: GlobalOptions & { readonly text?: boolean }): Promise<number> {
  const { key, record, text } = await withTarget(options, async (target) => {
    const key = articleKey(keyFromArgument(rawKey, target.bucket));
    const record = await target.queries.getArticle(key);
    const text: TextAnswer | null = record && options.text ? await readRecordText(createS3ObjectReader(target.s3), record) : null;
    return { key, record, text };
  });
  if (!record) throw new CliError(`no record for key ${JSON.stringify(key)} (not dropped yet, still being processed, or deleted)`);
  if (text?.kind === 'gone') throw new CliError(`the file of ${JSON.stringify(key)} changed or was deleted since its record was made: its new record follows`);
  const articleText = text?.kind === 'text' ? { versionId: text.versionId, text: text.text ?? { dateline: null, blocks: [], paragraphs: 0 } } : null;
  if (options.json) {
    process.stdout.write(`${JSON.stringify(record)}\n${articleText ? `${JSON.stringify({ key, versionId: articleText.versionId, ...articleText.text })}\n` : ''}`);
  } else {
    process.stdout.write(formatRecord(record) + formatDetails(record) + (articleText ? formatText(articleText.text) : ''));
  }
  return 0;
}

/** The text with each paragraph's number in front (`[3]`), subheadings as `## …`. */
export function formatText(text: ArticleText): string {
  if (text.blocks.length === 0) return '\nText: none readable in the file.\n';
  // Shown, not obeyed: a direction override in the text must not turn the terminal's lines around.
  const lines = text.blocks.map((block) => showDirectionOverrides(block.kind === 'subheading' ? `## ${block.text}` : `[${block.number}] ${block.text}`));
  return `\nText:\n${text.dateline ? `${showDirectionOverrides(text.dateline)}\n` : ''}${lines.join('\n\n')}\n`;
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
