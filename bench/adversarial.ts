/**
 * 7. Adversarial input: CPU time of one extraction (extractRecord with the NER taggers, as ingest
 * runs it) of each hostile file of bench/lib/hostile-inputs.ts at 64 KB, 256 KB, 1 MB and the
 * 10 MB size limit. The bar: every row under 1 s per MB (and under 1 s below 1 MB): time that
 * grows with the square of the input is what lets a few hundred kilobytes stall ingest.
 * CPU time (process.cpuUsage), not wall time: the machine is shared.
 *
 *   npx tsx bench/adversarial.ts            every generator and size, writes its section of BENCHMARKS.md
 *   npx tsx bench/adversarial.ts --quick    64 KB and 256 KB only, prints only (add --write to write)
 *   npx tsx bench/adversarial.ts --only md  generators whose name contains "md"
 *
 * `npm run bench` runs it too (part `adversarial`) within its time budget: sizes that do not fit
 * are reported as not measured.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { extractRecord, type ExtractOptions } from '../shared/extract';
import type { Source } from '../shared/record';
import { REPO_ROOT } from './lib/articles';
import { Budget } from './lib/budget';
import { HOSTILE_GENERATORS, type HostileGenerator } from './lib/hostile-inputs';
import { adversarialSection, spliceAdversarial } from './report/adversarial-md';

export const ADVERSARIAL_SIZES = [64 * 1024, 256 * 1024, 1024 * 1024, 10 * 1024 * 1024] as const;
/** The bar: CPU seconds per MB (and at most this many seconds for any file below 1 MB). */
export const ADVERSARIAL_SECONDS_PER_MB = 1;
/** The second bar: a hostile file of 200–260 KB extracts in at most this. */
export const ADVERSARIAL_256K_SECONDS = 2;

export interface AdversarialCell {
  readonly bytes: number;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly status: string;
  readonly problems: readonly string[];
}

export interface AdversarialRow {
  readonly name: string;
  readonly shape: string;
  /** By size asked for (ADVERSARIAL_SIZES); null: not measured (the budget ran out). */
  readonly cells: readonly (AdversarialCell | null)[];
}

export interface AdversarialResult {
  readonly sizes: readonly number[];
  readonly rows: readonly AdversarialRow[];
  readonly ner: string;
  readonly notMeasured: number;
}

/** The cell's bar: CPU under 1 s per MB, and under 1 s for files under 1 MB. */
export function withinBar(cell: AdversarialCell): boolean {
  return cell.cpuMs / 1000 <= ADVERSARIAL_SECONDS_PER_MB * Math.max(1, cell.bytes / (1024 * 1024));
}

async function loadOptions(): Promise<{ options: ExtractOptions; note: string }> {
  try {
    const { loadNerModel } = await import('../models/load');
    const { createTagger } = await import('../shared/ner/tagger');
    return { options: { ner: { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } }, note: 'with the NER taggers (ar, en)' };
  } catch (error) {
    return { options: {}, note: `without NER taggers: the models did not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

function sourceFor(key: string, size: number): Source {
  return { bucket: 'bench-adversarial', key, versionId: null, etag: null, size, contentType: null, sequencer: null, uploadedAt: null, metadata: {} };
}

function measure(generator: HostileGenerator, size: number, options: ExtractOptions): AdversarialCell {
  const { key, text } = generator.make(size);
  const bytes = Buffer.from(text, 'utf8');
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const record = extractRecord({ bytes, source: sourceFor(key, bytes.length), now: '2024-01-01T00:00:00.000Z' }, options);
  const wallMs = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  return { bytes: bytes.length, cpuMs: (used.user + used.system) / 1000, wallMs, status: record.status, problems: record.problems.map((p) => p.code) };
}

export async function benchAdversarial(budget: Budget, options: { sizes?: readonly number[]; only?: string; log?: (line: string) => void } = {}): Promise<AdversarialResult> {
  const sizes = options.sizes ?? ADVERSARIAL_SIZES;
  const generators = HOSTILE_GENERATORS.filter((g) => !options.only || g.name.includes(options.only));
  const { options: extractOptions, note } = await loadOptions();
  const cells = generators.map(() => sizes.map((): AdversarialCell | null => null));
  // Smaller sizes first for every generator, so that a short budget leaves out the 10 MB rows.
  sizes.forEach((size, s) => {
    generators.forEach((generator, g) => {
      if (budget.spent) return;
      const cell = measure(generator, size, extractOptions);
      cells[g]![s] = cell;
      options.log?.(`${generator.name.padEnd(28)} ${String(Math.round(cell.bytes / 1024)).padStart(6)} KB  ${cell.cpuMs.toFixed(0).padStart(6)} ms CPU${withinBar(cell) ? '' : '  OVER THE BAR'}`);
    });
  });
  const rows = generators.map((g, i) => ({ name: g.name, shape: g.shape, cells: cells[i]! }));
  return { sizes, rows, ner: note, notMeasured: cells.flat().filter((c) => c === null).length };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const write = argv.includes('--write') || (!quick && only === undefined && !argv.includes('--no-write'));
  const budget = new Budget(20 * 60_000);
  const result = await benchAdversarial(budget, { sizes: quick ? ADVERSARIAL_SIZES.slice(0, 2) : ADVERSARIAL_SIZES, ...(only ? { only } : {}), log: (line) => process.stdout.write(`${line}\n`) });
  const section = adversarialSection(result);
  process.stdout.write(`\n${section}\n`);
  if (write) {
    const file = path.join(REPO_ROOT, 'BENCHMARKS.md');
    writeFileSync(file, spliceAdversarial(readFileSync(file, 'utf8'), section));
    process.stdout.write('\nWrote the adversarial section of BENCHMARKS.md.\n');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
