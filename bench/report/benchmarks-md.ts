/** BENCHMARKS.md, written from a run. */
import { AWS_WAIT_MS_PER_BATCH } from '../cost';
import type { BenchResults } from '../results';
import { scaleSummary } from './readme';
import { coldStartSection, costSection, endToEndSection, extractionSection, headerSection, readsSection, targetsSection, unitsSection } from './sections';

export function benchmarksMarkdown(r: BenchResults): string {
  const part = (title: string, body: string | null, absent: string) => `## ${title}\n\n${body ?? absent}`;
  const notRun = 'Not measured in this run (see the notices above).';
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. `npm run bench -- --quick` takes fewer samples,',
    '`--only extraction,cold,e2e,units,reads` runs some parts; neither writes this file unless given `--write`.',
    '',
    headerSection(r),
    '',
    '## Targets',
    '',
    targetsSection(r),
    '',
    part('1. Extraction', r.extraction && extractionSection(r.extraction), notRun),
    '',
    part('2. Cold start', r.coldStart && coldStartSection(r.coldStart), notRun),
    '',
    part('3. Local end to end', r.endToEnd && endToEndSection(r.endToEnd), notRun),
    '',
    part('4. DynamoDB', r.units && unitsSection(r.units), notRun),
    '',
    part('5. Cost', `${costSection(r.cost)}\n\nHow each line is made and what the model leaves out: [docs/cost.md](docs/cost.md). The S3/DynamoDB wait of ${AWS_WAIT_MS_PER_BATCH} ms per batch is an assumption, not a measurement.`, notRun),
    '',
    part('6. Scale', `${scaleSummary(r)}\n\nThe plan for 10, 1,000 and 10,000 articles per second, with these figures: [docs/scale.md](docs/scale.md).`, notRun),
    ...(r.reads.length > 0 ? ['', part('Reads (bench/read-*.ts)', readsSection(r), notRun)] : []),
    '',
  ].join('\n');
}
