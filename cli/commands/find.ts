/** `dateline find --person|--org|--place NAME`: articles that mention an entity, newest first. */
import { showDirectionControls, showDirectionOverrides } from '../../shared/direction-controls';
import { InvalidQueryError, parseEntityQuery, type EntityPage, type EntityQuery } from '../../shared/queries';
import type { EntityType } from '../../shared/record';
import { dateLabel, nameLabel } from '../../shared/summary';
import { withTarget, type GlobalOptions } from '../context';
import { CliError } from '../errors';

export interface FindFlags {
  readonly person?: string;
  readonly org?: string;
  readonly place?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

const FLAG_TYPES: readonly [keyof FindFlags, EntityType][] = [
  ['person', 'person'],
  ['org', 'organization'],
  ['place', 'place'],
];

export async function runFind(flags: FindFlags, options: GlobalOptions): Promise<number> {
  const given = FLAG_TYPES.filter(([flag]) => flags[flag] !== undefined);
  if (given.length !== 1) throw new CliError('find: give exactly one of --person, --org or --place with a name', { exitCode: 2 });
  const [[flag, type]] = given as [[keyof FindFlags, EntityType]];

  let query: EntityQuery;
  let page: EntityPage;
  try {
    query = parseEntityQuery({ type, name: flags[flag], since: flags.since, until: flags.until, limit: flags.limit, cursor: flags.cursor });
    page = await withTarget(options, (target) => target.queries.findByEntity(query));
  } catch (error) {
    if (error instanceof InvalidQueryError) {
      // Name the flag as the user typed it.
      const message = error.message.replace(/^name:/, `--${flag}:`).replace(/^(since|until|limit|cursor):/, '--$1:');
      throw new CliError(`find: ${message}`, { exitCode: 2, cause: error });
    }
    throw error;
  }

  if (options.json) {
    // One article per line, then the cursor line, always last, as `list --json` does.
    const lines = [...page.hits.map((hit) => JSON.stringify({ ...hit.article, entity: hit.entity })), JSON.stringify({ cursor: page.cursor })];
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  if (page.hits.length === 0) {
    process.stdout.write(page.cursor ? `No articles in the months searched mention ${query.name}.\n` : `No articles mention ${query.name}.\n`);
  } else {
    const rows = page.hits.map(({ article: a, entity: e }) => [
      dateLabel(a.published),
      a.agency ?? '—',
      e.name,
      String(e.mentions),
      showDirectionControls(a.key),
      nameLabel(a),
    ]);
    process.stdout.write(formatTable(['DATE', 'AGENCY', 'NAMED AS', 'MENTIONS', 'KEY', 'HEADLINE'], rows));
  }
  if (page.cursor) {
    const label = page.hits.length < query.limit ? 'Older articles may follow' : 'More';
    process.stdout.write(`${label}: add --cursor ${page.cursor}\n`);
  }
  return 0;
}

const LAST_COLUMN_WIDTH = 60;

/** A plain table; the last column is cut to fit a terminal line. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? truncate(cell, LAST_COLUMN_WIDTH) : flat(cell))));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[header, ...cells].map(line).join('\n')}\n`;
}

/** On one line, and with direction overrides shown instead of turning the rest of the line around. */
function flat(text: string): string {
  return showDirectionOverrides(text).replace(/\s+/g, ' ');
}

function truncate(text: string, width: number): string {
  const one = flat(text);
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}
