/**
 * The README's `## Benchmarks` section. The README is shared: the bench rewrites only what lies
 * between the two markers below, read right before writing; without the markers it replaces the
 * `## Benchmarks` section (up to the next `## ` heading), or appends one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { COLD_START_TARGET_RATIO } from '../cold-start';
import { END_TO_END_TARGET_RATIO } from '../end-to-end';
import { EXTRACTION_TARGET_RATIO } from '../extraction';
import type { BenchResults } from '../results';
import { num, ratio, us, usd } from './format';
import { AWS_LIMITS } from './scale-md';

const BEGIN = '<!-- bench:begin (written by npm run bench) -->';
const END = '<!-- bench:end -->';

/** One paragraph: the hottest key and what it caps. */
export function scaleSummary(r: BenchResults): string {
  const hottest = r.units?.hotKeys[0];
  if (!hottest) return 'No DynamoDB figures in this run: see docs/scale.md from an earlier one.';
  const cap = AWS_LIMITS.partitionWriteUnits / hottest.writeUnitsPerArticle;
  return `The first limit is a hot partition key: \`${hottest.key}\` (${hottest.where}) takes ${num(hottest.writeUnitsPerArticle, 2)} write units per article, so the pipeline throttles at about ${num(cap, 0)} articles/s until that key is sharded; ${num(r.cost.lambdaMsPerArticle, 1)} ms of Lambda per article means ${num((10_000 * r.cost.lambdaMsPerArticle) / 1000, 0)} concurrent executions at 10,000/s.`;
}

function yesNo(ok: boolean | undefined): string {
  return ok === undefined ? 'not measured' : ok ? 'met' : 'not met';
}

export function readmeSection(r: BenchResults): string {
  const e = r.extraction;
  const c = r.coldStart;
  const t = r.endToEnd;
  const ingest = c?.variants.find((v) => v.id === 'ingest');
  const lines = [
    `From the last full run (${r.machine.startedAt.slice(0, 10)}, ${r.machine.cores} × ${r.machine.cpuModel}, Node ${r.machine.node}); every figure and how it was measured is in [BENCHMARKS.md](BENCHMARKS.md). Run \`npm run bench\` (under 10 minutes) to measure again.`,
    '',
    `- **Extraction** (target ≤ ${EXTRACTION_TARGET_RATIO}× one tokenizing pass): ${e ? `${e.byLanguage.map((l) => `${l.lang} ${us(l.extractUs)} per article, ${ratio(l.ratio)}`).join('; ')}; the 7.6 KB example ${us(e.example.extractUs)}, ${ratio(e.example.ratio)} — ${yesNo(e.targetMet)}.` : 'not measured.'}`,
    `- **Cold start** (target ≤ ${COLD_START_TARGET_RATIO}× a bare S3 + DynamoDB handler): ${ingest && c ? `ingest ${num(ingest.totalMs, 0)} ms to import and handle one article, ${ratio(ingest.ratio)} the bare handler; bundle ${num(ingest.bundleBytes / 1024, 0)} KiB minified${ingest.extraFiles.length > 0 ? ` plus ${ingest.extraFiles.map((f) => `${f.name} ${num(f.bytes / 1024, 0)} KiB`).join(', ')} beside it` : ''} — ${yesNo(c.targetMet)}.` : 'not measured.'}`,
    `- **Local end to end** (target ≥ ${END_TO_END_TARGET_RATIO} of the upload-only rate): ${t ? `${num(t.consumer.rate, 0)} articles/s against ${num(t.baselineRate, 0)} uploads/s, ${ratio(t.ratio)} — ${yesNo(t.targetMet)}.` : 'not measured.'}`,
    `- **DynamoDB**: ${r.units ? `${num(r.units.writeUnits.mean, 1)} write units per article (p95 ${num(r.units.writeUnits.p95, 1)}), article item ${num(r.units.articleItemBytes.mean / 1024, 1)} KiB on average.` : 'not measured.'}`,
    `- **Cost**: about ${usd(r.cost.totalPerMillion)} per million articles on AWS (docs/cost.md).`,
    `- **Scale**: ${scaleSummary(r)} The plan: docs/scale.md.`,
  ];
  return lines.join('\n');
}

export function updateReadme(file: string, r: BenchResults): void {
  const section = `${BEGIN}\n${readmeSection(r)}\n${END}`;
  const current = readFileSync(file, 'utf8');
  let next: string;
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (begin !== -1 && end > begin) {
    next = current.slice(0, begin) + section + current.slice(end + END.length);
  } else {
    const heading = /^## Benchmarks[^\n]*\n/m.exec(current);
    if (heading) {
      const start = heading.index + heading[0].length;
      const following = current.slice(start).search(/^## /m);
      const stop = following === -1 ? current.length : start + following;
      next = `${current.slice(0, start)}\n${section}\n${following === -1 ? '' : '\n'}${current.slice(stop)}`;
    } else {
      next = `${current.trimEnd()}\n\n## Benchmarks\n\n${section}\n`;
    }
  }
  if (next !== current) writeFileSync(file, next);
}
