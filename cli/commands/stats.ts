/** `dateline stats`: counts by status, language, agency and month; the most mentioned people, organisations and places. */
import { recordStats, type Count } from '../../shared/records-queries';
import { parseStatsQuery } from '../../shared/records-sql';
import { withRecordsEngine, type RecordsOptions } from '../records';

export async function runStats(flags: Record<string, unknown>, options: RecordsOptions): Promise<number> {
  const stats = await withRecordsEngine('stats', options, (engine) => recordStats(engine, parseStatsQuery(flags)));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(stats)}\n`);
    return 0;
  }
  const section = (title: string, counts: readonly Count[], empty = '(none)') =>
    [`${title}:`, ...(counts.length ? counts.map((c) => `  ${String(c.count).padStart(7)}  ${c.value || empty}`) : ['        -'])].join('\n');
  const out = [
    `${stats.total} records`,
    section('by status', stats.byStatus),
    section('by language', stats.byLanguage),
    section('by agency', stats.byAgency, '(no agency)'),
    section('by month', stats.byMonth),
    section('top people', stats.topPeople),
    section('top organisations', stats.topOrganizations),
    section('top places', stats.topPlaces),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
