/** `dateline list`: articles newest first (the undated after them, or alone), by agency, by language or all, a page at a time. */
import { InvalidQueryError, parseListQuery, type ArticlePage, type ListQuery } from '../../shared/queries';
import { withTarget, type GlobalOptions } from '../context';
import { CliError } from '../errors';
import { formatSummaries } from '../format';

export async function runList(flags: Record<string, unknown>, options: GlobalOptions): Promise<number> {
  let query: ListQuery;
  let page: ArticlePage;
  try {
    query = parseListQuery(flags);
    page = await withTarget(options, (target) => target.queries.listArticles(query));
  } catch (error) {
    // A bad flag or cursor is a usage error: name the flag as the user typed it.
    if (error instanceof InvalidQueryError) throw new CliError(`list: ${error.message.replace(/^(\w+):/, '--$1:')}`, { exitCode: 2, cause: error });
    throw error;
  }

  const summaries = page.articles;
  if (options.json) {
    // One summary per line, then the cursor line, always last, so a script can tell them apart.
    const lines = [...summaries.map((s) => JSON.stringify(s)), JSON.stringify({ cursor: page.cursor })];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  process.stdout.write(summaries.length ? formatSummaries(summaries) : query.undated ? 'No undated articles.\n' : 'No articles.\n');
  if (page.cursor) {
    // A page can come back short when the months it searched were sparse; older ones may follow.
    const label = summaries.length < query.limit ? 'Older articles may follow' : 'More';
    process.stdout.write(`${label}: add --cursor ${page.cursor}\n`);
  }
  return 0;
}
