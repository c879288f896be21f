/** How records and summaries read in a terminal (the human output; `--json` bypasses all of this). */
import { showDirectionControls, showDirectionOverrides } from '../shared/direction-controls';
import type { ArticleSummary } from '../shared/queries';
import type { ArticleRecord } from '../shared/record';
import { dateLabel, nameLabel, openingOf, UNDATED_LABEL } from '../shared/summary';

const NONE = '—';

export function formatRecord(record: ArticleRecord): string {
  const { dateline, language, stats, entities } = record;
  const rows: [string, string][] = [
    ['Key', showDirectionControls(record.source.key)],
    ['Status', record.status],
    ['Title', record.title ?? nameLabel({ headline: null, opening: openingOf(record.lead) })],
    ['Dateline', dateline ? `${dateline.raw}${describeDateline(dateline)}` : NONE],
    ['Language', `${language.code} (${language.script}, ${language.direction}, confidence ${language.confidence.toFixed(2)})`],
    ['Published', record.published ? `${record.published.value} (from ${record.published.source})` : `${UNDATED_LABEL} (no date of record found)`],
    [
      'Stats',
      `${stats.paragraphs} paragraphs, ${stats.sentences} sentences, ${stats.words} words, ` +
        `${stats.characters} characters, ${stats.readingMinutes} min read`,
    ],
    ['Lead', record.lead ?? NONE],
    [
      'Entities',
      `${plural(entities.person.length, 'person', 'people')}, ${plural(entities.organization.length, 'organization')}, ` +
        `${plural(entities.place.length, 'place')}`,
    ],
    ['Quotes', String(record.quotes.length)],
    ['Dates', String(record.dates.length)],
    ['Duplicates', record.duplicates.length ? record.duplicates.map((d) => `${showDirectionControls(d.key)} (distance ${d.distance})`).join(', ') : NONE],
    ['Source', `s3://${record.source.bucket}/${showDirectionControls(record.source.key)} (${record.source.size} bytes, ${record.source.contentType ?? 'no content type'})`],
    ['Extracted', `${record.extractor.extractedAt} by extractor ${record.extractor.version} in ${record.extractor.durationMs.toFixed(1)} ms`],
  ];
  const lines = rows.map(([label, value]) => `${`${label}:`.padEnd(12)}${value}`);
  if (record.subheadings.length) lines.push('Subheadings:', ...record.subheadings.map((s) => `  - ${s}`));
  lines.push(record.problems.length ? 'Problems:' : `${'Problems:'.padEnd(12)}none`);
  lines.push(...record.problems.map((p) => `  - ${p.code}: ${p.message}`));
  // Article text may carry direction overrides: shown, they cannot turn a line around.
  return `${showDirectionOverrides(lines.join('\n'))}\n`;
}

function describeDateline(dateline: NonNullable<ArticleRecord['dateline']>): string {
  const parts = [
    dateline.place && `place ${dateline.place}`,
    (dateline.agencyCode ?? dateline.agency) && `agency ${dateline.agencyCode ?? dateline.agency}`,
    dateline.date && `date ${dateline.date}`,
  ].filter(Boolean);
  return parts.length ? `  (${parts.join(', ')})` : '';
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const TITLE_WIDTH = 60;

/**
 * A plain table: date (`undated` without a date of record, never the upload day), language, agency,
 * status, words, key, title (`untitled — «first sentence»` without one).
 */
export function formatSummaries(summaries: readonly ArticleSummary[]): string {
  const header = ['DATE', 'LANG', 'AGENCY', 'STATUS', 'WORDS', 'KEY', 'TITLE'];
  const rows = summaries.map((s) => [
    dateLabel(s.published),
    s.language,
    s.agency ?? NONE,
    s.status,
    String(s.words),
    showDirectionControls(s.key),
    truncate(nameLabel(s), TITLE_WIDTH),
  ].map(showDirectionOverrides));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  // Undated articles come after the dated ones (shared/queries.ts): set them apart, so that the
  // order of the list is never mistaken for a date order.
  const lines = [header, ...rows].map(line);
  const firstUndated = summaries.findIndex((s) => s.published === null);
  if (firstUndated > 0) lines.splice(firstUndated + 1, 0, '-- undated: no date of record (in upload order) --');
  return `${lines.join('\n')}\n`;
}

function truncate(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}
