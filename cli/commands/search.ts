/** `dateline search <words>`: records whose title, lead, text, entities or keywords hold the words, best first. */
import { searchRecords } from '../../shared/records-queries';
import { parseSearchQuery } from '../../shared/records-sql';
import { formatSummaries } from '../format';
import { withRecordsEngine, type RecordsOptions } from '../records';

export async function runSearch(words: string[], flags: Record<string, unknown>, options: RecordsOptions): Promise<number> {
  const page = await withRecordsEngine('search', options, (engine) => searchRecords(engine, parseSearchQuery({ ...flags, q: words.join(' ') })));
  const summaries = page.hits.map((h) => h.summary);
  if (options.json) {
    // One summary per line (with its key and score), then the cursor line, as `list --json`.
    const lines = [...page.hits.map((h) => JSON.stringify({ ...h.summary, score: h.score })), JSON.stringify({ cursor: page.cursor })];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  process.stdout.write(summaries.length ? formatSummaries(summaries) : 'No articles found.\n');
  if (page.cursor) process.stdout.write(`More: add --cursor ${page.cursor}\n`);
  return 0;
}
