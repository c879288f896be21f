/**
 * The Markdown of each part of a run, printed to the console and written to BENCHMARKS.md alike.
 * Figures only; docs/cost.md and docs/scale.md explain what they mean.
 */
import { COLD_START_TARGET_RATIO, MODEL_LOAD_TARGET_MS, type ColdStartResult } from '../cold-start';
import type { CostModel } from '../cost';
import type { UnitsResult } from '../dynamo-units';
import { END_TO_END_TARGET_RATIO, type EndToEndResult } from '../end-to-end';
import { EXTRACTION_TARGET_RATIO, type ExtractionResult } from '../extraction';
import { machineLine } from '../lib/machine';
import { mean } from '../lib/stats';
import { PRICES_AS_OF, PRICES_REGION } from '../prices';
import type { BenchResults } from '../results';
import type { ComponentTime } from '../lib/profile';
import { bytes, met, ms, num, percent, ratio, table, us, usd } from './format';

export function headerSection(r: BenchResults): string {
  const lines = [
    `Measured by \`npm run bench\`${r.quick ? ' --quick' : ''} on ${r.machine.startedAt.slice(0, 10)} in ${Math.round(r.seconds)} s.`,
    '',
    `Machine: ${machineLine(r.machine)}; load ${r.loadAverageEnd.toFixed(2)} at the end.`,
    '',
    'The machine is shared and noisy: every target is a ratio of two things measured in the same run, in the same',
    'process or in processes started alike, interleaved so that a burst of load hits both. Absolute times only',
    'compare within a run.',
  ];
  if (r.notices.length > 0) lines.push('', ...r.notices.map((notice) => `- ${notice}`));
  return lines.join('\n');
}

export function extractionWhere(e: ExtractionResult): string {
  const top = [...e.extractors].sort((a, b) => b.meanUs - a.meanUs).slice(0, 3);
  return top.map((x) => `${x.name} ${percent(x.share)}`).join(', ');
}

function coldWhere(c: ColdStartResult): string {
  const bare = c.variants.find((v) => v.id === 'bare-ingest');
  const ingest = c.variants.find((v) => v.id === 'ingest');
  if (!bare || !ingest) return '';
  const ner = c.variants.find((v) => v.id === 'ingest+ner');
  const parts = [
    `import ${ms(ingest.importMs)} (bare ${ms(bare.importMs)}; bundle ${bytes(ingest.bundleBytes)} vs ${bytes(bare.bundleBytes)})`,
    `first article ${ms(ingest.handleMs)} (bare ${ms(bare.handleMs)})`,
  ];
  if (ingest.cpuRatio) parts.push(`CPU time ${ms(ingest.cpuMs ?? NaN)} vs ${ms(bare.cpuMs ?? NaN)}, ${ratio(ingest.cpuRatio)}`);
  if (ner && Number.isFinite(ner.preloadMs)) parts.push(`NER model load ${ms(ner.preloadMs)}`);
  const loads = (c.modelLoads ?? []).filter((l) => l.runs > 0);
  if (loads.length > 0) parts.push(`NER model load alone ${loads.map((l) => `${l.lang} ${ms(l.loadMs)}${cpuOf(l)}`).join(', ')}`);
  const top = c.coldProfile.slice(0, 3).map((p) => `${p.component} ${percent(p.share)}`).join(', ');
  if (top) parts.push(`cold CPU: ${top}`);
  return parts.join('; ');
}

function endToEndWhere(e: EndToEndResult, cpu: readonly ComponentTime[]): string {
  const baseCpu = mean(e.baseline.map((b) => b.cpuMsPerFile));
  const top = cpu.slice(0, 4).map((c) => `${c.component} ${percent(c.share)}`).join(', ');
  return [
    `the stack (ingest and dynalite on threads of their own) is CPU-bound on 2 cores: a file costs ${ms(e.consumer.cpuMsPerFile, 1)} of CPU with ingest running against ${ms(baseCpu, 1)} uploaded alone (their quotient ${ratio(baseCpu / e.consumer.cpuMsPerFile)} is about the ratio)`,
    ...(top ? [`that CPU (part 4): ${top}`] : []),
    `extraction ${ms((e.consumer.extractionSeconds * 1000) / Math.max(1, e.consumer.recordsFound), 1)} per file (${percent(e.consumer.extractionSeconds / e.consumer.seconds)} of the wall time)`,
    `${e.consumer.depthAtUploadsDone} events still queued when the uploads ended`,
  ].join('; ');
}

export function targetsSection(r: BenchResults): string {
  const rows: string[][] = [];
  const e = r.extraction;
  if (e) {
    const worst = [...e.byLanguage].sort((a, b) => b.ratio - a.ratio)[0];
    rows.push([
      `1. Extraction ≤ ${EXTRACTION_TARGET_RATIO}× a tokenizing pass`,
      `${e.byLanguage.map((l) => `${l.lang} ${ratio(l.ratio)}`).join(', ')}; example ${ratio(e.example.ratio)} (${us(e.example.extractUs)})`,
      met(e.targetMet),
      e.targetMet
        ? ''
        : `worst ${worst?.lang}: ${us(worst?.extractUs ?? NaN)} vs ${us(worst?.tokenizeUs ?? NaN)}; ${extractionWhere(e)}${e.all.withoutNer ? `; without the NER taggers ${ratio(e.all.withoutNer.ratio)}` : ''}`,
    ]);
  }
  const c = r.coldStart;
  if (c) {
    const compared = c.variants.filter((v) => v.ratio !== null || v.failures.length > 0).filter((v) => v.baseline !== null);
    rows.push([
      `2. Cold start ≤ ${COLD_START_TARGET_RATIO}× a bare handler`,
      compared.map((v) => `${v.id} ${v.runs > 0 ? ratio(v.ratio) : 'failed'}`).join(', '),
      met(c.targetMet),
      c.targetMet ? '' : coldWhere(c),
    ]);
  }
  const t = r.endToEnd;
  if (t) {
    rows.push([
      `3. Local end to end ≥ ${END_TO_END_TARGET_RATIO} of upload-only`,
      `${ratio(t.ratio)} (${num(t.consumer.rate)} vs ${num(t.baselineRate)} files/s)`,
      met(t.targetMet),
      t.targetMet ? '' : endToEndWhere(t, r.units?.cpuPerArticle ?? []),
    ]);
  }
  return table(['target', 'measured', '', 'where the time goes'], rows);
}

/** Issue #10 (item 7) asks for the figures before its speed work too: the last full run before it. */
const BEFORE_SPEED_WORK = 'ar 6717 µs per article, 197× the tokenizing pass; en 6102 µs, 338× (full run of 2026-12-07 at commit 2e9f111)';

/**
 * Extraction's CPU time (not wall time) before and after the second round of issue #10's speed
 * work, measured by bench/extraction-cpu.ts --before (hand-copied here, as BEFORE_SPEED_WORK).
 */
const SPEED_WORK_CPU =
  'CPU time (process.cpuUsage, not the wall clock the table above uses) before and after the second round of that work, measured by `npx tsx bench/extraction-cpu.ts --before <checkout of 32162c7>` ' +
  '(the two trees alternating article by article in one process, median over articles of each one\'s median of 3 passes, against the same tokenizing pass; 2026-12-08, load average 9-11 on 2 cores): ' +
  'with the NER taggers ar 5874 -> 5695 µs per article, 189× -> 184×; en 4851 -> 5017 µs, 270× -> 264×; without them ar 123× -> 123×, en 159× -> 159×. ' +
  'A second run: ar 186× -> 171×, en 284× -> 285×. findKeywords 903 -> 738 µs (ar), 555 -> 514 µs (en); the other extractors within the noise. ' +
  'The target of issue #10 (≤ 100× for each language) is not met'

export function extractionSection(e: ExtractionResult): string {
  const rows = [...e.byLanguage, e.all].map((l) => [
    l.lang,
    String(l.articles),
    bytes(l.medianBytes),
    us(l.extractUs),
    us(l.extractP95Us),
    us(l.tokenizeUs),
    ratio(l.ratio),
    ratio(l.medianArticleRatio),
    l.withoutNer ? `${us(l.withoutNer.extractUs)}, ${ratio(l.withoutNer.ratio)}` : '',
  ]);
  const x = e.example;
  rows.push([`example: ${x.name}`, '1', bytes(x.bytes), us(x.extractUs), '', us(x.tokenizeUs), ratio(x.ratio), '', x.withoutNer ? `${us(x.withoutNer.extractUs)}, ${ratio(x.withoutNer.ratio)}` : '']);
  const extractors = e.extractors.map((x) => [x.name, us(x.meanUs), us(x.medianUs), percent(x.share)]);
  return [
    `Over ${e.from}, ${e.ner}; median of ${e.repetitions} repetitions per article (the example: ${e.example.repetitions}), after a warm-up pass.`,
    `Statuses: ${Object.entries(e.statusCounts).map(([status, n]) => `${n} ${status}`).join(', ')}.`,
    '',
    table(['articles', 'n', 'median size', 'extraction (median)', 'p95', 'tokenizing pass', 'ratio', 'median per-article ratio', 'without NER taggers'], rows),
    '',
    `Before the speed work of issue #10 (NER tagger, dateline grammar, Arabic normalisation): ${BEFORE_SPEED_WORK}.`,
    '',
    `${SPEED_WORK_CPU}.`,
    '',
    `Per extractor (${e.breakdownNote}):`,
    '',
    table(['extractor', 'mean per article', 'median', 'share'], extractors),
    '',
    `Besides extractRecord, ingest validates the record and fits it to an item: ${us(e.ingestOverheadUs)} per article (median).`,
  ].join('\n');
}

/**
 * Issue #11 asks for the cold start before its work too: the last full run before the model file
 * was read in place (NER4, packed gazetteer tables).
 */
const BEFORE_COLD_WORK = 'ingest 3.40× the bare handler (634 ms against 186 ms), NER model load alone ar 144 ms, en 93 ms, models gzipped beside the bundle (full run of 2026-12-07 at commit b17622f)';

const cpuOf = (l: { readonly cpuMs?: number }): string => (l.cpuMs !== undefined ? ` (CPU ${ms(l.cpuMs)})` : '');

/** Each language's model load on its own, against the issue's bar (results of older runs have none). */
function modelLoadLines(c: ColdStartResult): string[] {
  const loads = c.modelLoads ?? [];
  if (loads.length === 0) return [];
  const each = loads.map((l) => (l.runs > 0 ? `${l.lang} ${ms(l.loadMs)}${cpuOf(l)}` : `${l.lang} failed (${l.failures.join('; ')})`));
  const met = loads.every((l) => l.runs > 0 && l.loadMs <= MODEL_LOAD_TARGET_MS);
  return [
    `Each language's NER model loaded alone in a fresh process (file read, decoded, tagger built, one sentence tagged; median of ${Math.max(...loads.map((l) => l.runs))} runs, alternating): ${each.join(', ')} (target ≤ ${MODEL_LOAD_TARGET_MS} ms each: ${met ? 'met' : '**not met**'}).`,
    `Before the cold-start work of issue #11: ${BEFORE_COLD_WORK}.`,
  ];
}

export function coldStartSection(c: ColdStartResult): string {
  const rows = c.variants.map((v) => [
    v.label,
    bytes(v.bundleBytes),
    bytes(v.gzipBytes),
    v.runs > 0 ? ms(v.importMs) : 'n/a',
    v.preloadMs > 0 ? ms(v.preloadMs) : '',
    v.runs > 0 ? ms(v.handleMs) : 'n/a',
    v.runs > 0 ? ms(v.totalMs) : 'failed',
    v.runs > 0 ? ms(v.wallMs) : '',
    ratio(v.ratio),
    v.runs > 0 && v.cpuMs !== undefined ? ms(v.cpuMs) : '',
    v.cpuRatio ? ratio(v.cpuRatio) : '',
  ]);
  const failures = c.variants.filter((v) => v.failures.length > 0).map((v) => `- ${v.id} failed: ${v.failures.join('; ')}`);
  const warm = c.warm.map((w) => [w.id, String(w.articles), ms(w.msPerBatch, 1), ms(w.msPerArticle, 2), ms(w.cpuMsPerArticle, 2), bytes(w.logBytesPerArticle), String(w.failures)]);
  const models = c.models.length > 0 ? c.models.map((m) => `${m.name} ${bytes(m.bytes)}`).join(', ') : 'none';
  // The yardsticks are built as the ingest function, so they get its files too: only the real handlers' count.
  const extras = [...new Set(c.variants.filter((v) => !v.id.startsWith('bare') && v.id !== 'ingest+ner').flatMap((v) => v.extraFiles.map((f) => `${v.id}: ${f.name} ${bytes(f.bytes)}`)))];
  return [
    `Bundles built by synthesizing the CDK stack (NodejsFunction, esbuild, the options of infra/constructs/dateline-function.ts) in ${(c.synthMs / 1000).toFixed(1)} s.`,
    `Each run is a fresh \`node\` process that imports the bundle and handles one event against s3rver and dynalite; the article is ${c.exampleName} (${bytes(c.exampleBytes)}).`,
    `Runs alternate between the variants; medians of ${Math.max(...c.variants.map((v) => v.runs))} runs. "total" = import + model load + first event; "process" adds Node's own start and exit; "CPU" is the CPU time (process.cpuUsage) of import and first event, which a loaded machine inflates far less than the wall times.`,
    '',
    table(['handler', 'bundle (minified)', 'gzipped', 'import', 'model load', 'first event', 'total', 'process', 'vs bare', 'CPU', 'CPU vs bare'], rows),
    '',
    `NER models in models/: ${models}. ${c.nerNote}.`,
    ...modelLoadLines(c),
    ...(extras.length > 0 ? [`Files shipped beside the bundles: ${extras.join(', ')}.`] : []),
    ...(failures.length > 0 ? ['', ...failures] : []),
    '',
    `Warm: after its cold start, one process per handler took batches of ${c.facts.batchSize} corpus articles (what the cost model uses):`,
    '',
    table(['handler', 'articles', 'per batch (median)', 'per article', 'CPU per article', 'log output per article', 'failures'], warm),
    ...(c.coldProfile.length > 0
      ? ['', 'Where ingest spends its CPU on a cold start, import and first event (a separate run under the sampling profiler, which slows it; mapped to source files through the bundle\'s source map):', '', componentTable(c.coldProfile, 'CPU')]
      : []),
    ...(c.warmProfile.length > 0 ? ['', 'And warm, per article (same profiled run):', '', componentTable(c.warmProfile, 'CPU per article')] : []),
  ].join('\n');
}

function componentTable(components: readonly ComponentTime[], column: string): string {
  return table(['component', column, 'share'], components.filter((p) => p.share >= 0.005).map((p) => [p.component, ms(p.ms, 2), percent(p.share)]));
}

export function endToEndSection(t: EndToEndResult): string {
  const rows = [
    ...t.baseline.map((b, i) => [`uploads only, queue paused (${i === 0 ? 'before' : 'after'})`, `${b.seconds.toFixed(1)} s`, num(b.rate), ms(b.cpuMsPerFile, 1), '']),
    [
      'uploads, ingest running, until every record exists',
      `${t.consumer.seconds.toFixed(1)} s`,
      num(t.consumer.rate),
      ms(t.consumer.cpuMsPerFile, 1),
      `${t.consumer.recordsFound}/${t.files} records${t.consumer.timedOut ? ', timed out' : ''}${t.consumer.deadLetters > 0 ? `, ${t.consumer.deadLetters} dead letters` : ''}`,
    ],
  ];
  return [
    `${t.files} files from ${t.from} (the set repeated under different key prefixes), ${t.concurrency} uploads at a time, each run on a fresh local stack (temp folder, no seed).`,
    '',
    table(['run', 'time', 'files/s', 'CPU per file (this process)', ''], rows),
    '',
    `Ratio ${ratio(t.ratio)}. With ingest running the uploads took ${t.consumer.uploadsDoneSeconds.toFixed(1)} s and left ${t.consumer.depthAtUploadsDone} events queued; extraction took ${t.consumer.extractionSeconds.toFixed(1)} s of the ${t.consumer.seconds.toFixed(1)} s (sum of the records' durationMs). Stack start: ${t.startupMs} ms.`,
  ].join('\n');
}

export function unitsSection(u: UnitsResult): string {
  const perArticle = [
    ['write units (table + GSIs)', num(u.writeUnits.mean, 2), num(u.writeUnits.p95, 2)],
    ['items written', num(u.itemsWritten.mean, 1), num(u.itemsWritten.p95, 1)],
    ['article item bytes', bytes(u.articleItemBytes.mean), bytes(u.articleItemBytes.p95)],
    ['bytes of all items written', bytes(u.allItemBytes.mean), bytes(u.allItemBytes.p95)],
    ['read units spent by ingest', num(u.ingestReadUnits.mean, 2), num(u.ingestReadUnits.p95, 2)],
  ];
  const families = u.families.map((f) => [f.family, num(f.itemsPerArticle, 2), bytes(f.meanItemBytes), num(f.writeUnitsPerArticle, 2)]);
  const queries = u.queries.map((q) => [q.type, String(q.calls), num(q.requestsPerCall, 1), num(q.itemsPerCall, 1), num(q.readUnitsPerCall, 2), num(q.maxReadUnits, 1), q.error ?? '']);
  const projections = Object.entries(u.projections).map(([name, p]) => `${name} ${p.type}`).join(', ') || 'ALL (assumed)';
  return [
    `${u.articles} articles of ${u.from} through the real ingest handler in the local stack, one at a time; every DynamoDB call recorded and priced by DynamoDB's rules (1 WRU per started KB per item and per GSI it appears in; 1 RRU per started 4 KB, half when eventually consistent). GSI projections from the template: ${projections}.${u.failures > 0 ? ` ${u.failures} articles got no record in time and are left out.` : ''}`,
    '',
    table(['per article', 'mean', 'p95'], perArticle),
    '',
    `Write units: ${num(u.tableWriteUnits, 2)} table + ${num(u.indexWriteUnits, 2)} GSI per article. Stored: ${bytes(u.storedBytesPerArticle)} per article (items, GSI copies, 100 B overhead each). Calls per article: ${Object.entries(u.callsPerArticle).map(([op, n]) => `${op} ${num(n, 2)}`).join(', ')}. shared/items.ts's size estimate is within ${percent(u.estimateDifference)} of these rules on the article items.`,
    '',
    table(['items by partition key prefix', 'per article', 'mean size', 'write units per article'], families),
    '',
    'CPU per article of the whole local stack in this run (upload, s3rver, queue, ingest, dynalite; sampling profiler):',
    '',
    componentTable(u.cpuPerArticle, 'CPU per article'),
    '',
    'Read units per query type (on this archive of the corpus: its dates are sparse, years apart):',
    '',
    table(['query', 'calls', 'requests per call', 'items per call', 'read units per call', 'max', 'error'], queries),
  ].join('\n');
}

export function costSection(c: CostModel): string {
  const rows = c.lines.map((l) => [l.service, l.item, usd(l.perMillion), l.basis]);
  rows.push(['', '**total**', `**${usd(c.totalPerMillion)}**`, '']);
  const storage = c.storagePerMonth.map((l) => [l.service, l.item, usd(l.perMillion), l.basis]);
  return [
    `Per million articles, ${PRICES_REGION} list prices as of ${PRICES_AS_OF} (bench/prices.ts; not checked online from here). Lambda: ${num(c.lambdaMsPerArticle, 1)} ms per article at ${c.memoryMb} MB = ${c.lambdaBasis}.`,
    '',
    table(['service', 'what', 'per million articles', 'from'], rows),
    '',
    'Keeping them, per month:',
    '',
    table(['service', 'what', 'per month for a million articles', 'from'], storage),
    '',
    ...(c.readCosts.length > 0
      ? ['Reading, DynamoDB read units only (the API\'s own Lambda and API Gateway aside):', '', table(['query', 'read units', 'per million queries'], c.readCosts.map((q) => [q.type, num(q.readUnits, 2), usd(q.perMillionQueries)]))]
      : []),
  ].join('\n');
}

/** Output that is not Markdown (a plain-text table) is kept as printed, in a code block. */
function asMarkdown(text: string): string {
  if (text === '') return '(printed nothing)';
  return /^(\||#|- )/m.test(text) ? text : ['```text', text, '```'].join('\n');
}

export function readsSection(r: BenchResults): string {
  return r.reads
    .map((read) => [`### ${read.file}`, '', read.ok ? asMarkdown(read.markdown) : `Did not finish: ${read.error}`, ...(read.ok ? [] : ['', asMarkdown(read.markdown)])].join('\n'))
    .join('\n\n');
}
