/**
 * The adversarial section of BENCHMARKS.md (bench/adversarial.ts). It sits between two markers,
 * so that `npx tsx bench/adversarial.ts` can rewrite it alone and a full `npm run bench` that did
 * not measure it keeps the last one.
 */
import { ADVERSARIAL_256K_SECONDS, ADVERSARIAL_SECONDS_PER_MB, withinBar, type AdversarialCell, type AdversarialResult } from '../adversarial';
import { bytes, table } from './format';

export const ADVERSARIAL_BEGIN = '<!-- adversarial:begin (written by bench/adversarial.ts) -->';
export const ADVERSARIAL_END = '<!-- adversarial:end -->';

const cellText = (cell: AdversarialCell | null): string => {
  if (!cell) return 'not measured';
  const seconds = cell.cpuMs / 1000;
  return `${seconds.toFixed(seconds >= 10 ? 1 : 2)} s${withinBar(cell) ? '' : ' ✗'}`;
};

export function adversarialSection(r: AdversarialResult): string {
  const cells = r.rows.flatMap((row) => row.cells.filter((c): c is AdversarialCell => c !== null));
  const over = cells.filter((c) => !withinBar(c));
  const quarter = r.sizes.indexOf(256 * 1024);
  const quarterCells = quarter < 0 ? [] : r.rows.map((row) => row.cells[quarter]).filter((c): c is AdversarialCell => c !== null);
  const slowestQuarter = quarterCells.reduce((max, c) => Math.max(max, c.cpuMs), 0) / 1000;
  const perMb = cells.filter((c) => c.bytes >= 1024 * 1024).reduce((max, c) => Math.max(max, c.cpuMs / 1000 / (c.bytes / 1024 / 1024)), 0);
  const lines = [
    `CPU time of one \`extractRecord\` ${r.ner}, per hostile file (bench/lib/hostile-inputs.ts) and size. Bar: under ${ADVERSARIAL_SECONDS_PER_MB} s per MB, and under ${ADVERSARIAL_SECONDS_PER_MB} s for files below 1 MB (✗ marks a cell over it).`,
    '',
    `- ${cells.length} cells measured, ${over.length} over the bar${r.notMeasured > 0 ? `, ${r.notMeasured} not measured (time budget)` : ''}.`,
    `- Slowest file of 256 KB: ${slowestQuarter.toFixed(2)} s (bar: ${ADVERSARIAL_256K_SECONDS} s) — ${slowestQuarter <= ADVERSARIAL_256K_SECONDS ? 'met' : 'not met'}.`,
    `- Worst rate at 1 MB and above: ${perMb.toFixed(2)} s per MB. Beyond 1 MB most stages read a capped prefix (draft.ts LIMITS, 200,000 characters for entities and quotes).`,
    '',
    table(
      ['input', 'shape', ...r.sizes.map((s) => bytes(s))],
      r.rows.map((row) => [row.name, row.shape, ...row.cells.map(cellText)]),
    ),
  ];
  return [ADVERSARIAL_BEGIN, '## 7. Adversarial input', '', ...lines, ADVERSARIAL_END].join('\n');
}

/** The marked section of a BENCHMARKS.md, or null. */
export function markedAdversarial(markdown: string): string | null {
  const begin = markdown.indexOf(ADVERSARIAL_BEGIN);
  const end = markdown.indexOf(ADVERSARIAL_END, begin);
  return begin < 0 || end < 0 ? null : markdown.slice(begin, end + ADVERSARIAL_END.length);
}

/** BENCHMARKS.md with `section` in place of the marked one, else before the Reads part, else at the end. */
export function spliceAdversarial(markdown: string, section: string): string {
  const old = markedAdversarial(markdown);
  if (old) return markdown.replace(old, () => section);
  const reads = markdown.indexOf('\n## Reads');
  if (reads >= 0) return `${markdown.slice(0, reads)}\n${section}\n${markdown.slice(reads)}`;
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
