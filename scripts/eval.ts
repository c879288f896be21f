/**
 * `npm run eval [-- --check]`: scores extraction against ../shared (read at run time, never
 * copied) and prints one table. With --check it exits 1 when a figure is below its bar (CI).
 * Without ../shared it prints a notice and exits 0.
 *
 * Figures:
 * - checklist: the reference checker (../shared/tools/check-seed.mjs --part all) on sana-moscow.txt;
 * - language: detected code = the manifest's `lang`, over ar/ and en/;
 * - dateline place + agency where the text carries a gold dateline: SPA dateline lines (place
 *   before the date, agency واس), CNN Arabic inline datelines (city before the comma, CNN), the
 *   manifests' `byline` when the text opens with it (most bylines are not in the text: those are
 *   counted apart, as nothing in the file can tell them), Reuters `source_dateline` (+ Reuters);
 * - title where the manifest says `title_in_text`; `published` of the SPA files (manifest date);
 * - NER span F1 (exact span and type, PERS/ORG/LOC) with the NER helper's tagger and scorer on the
 *   held-out last 10% of the Arabic training file and on conll2003_valid.txt;
 * - near-duplicates: shared/duplicates.ts over the Arabic corpus in publication order with the
 *   band index in memory (same keys and limits as the table): gold pairs linked, false links,
 *   Queries per article;
 * - speed: CPU µs of extractRecord per article over the corpus (after a warm-up);
 * - ar-wire (scripts/lib/ar-wire-eval.ts): datelines, dateline dates, bylines and quotes on
 *   ../shared/corpus/ar-wire, dev and held-out parts apart.
 *
 * More measures are modules under scripts/lib returning Row[], each added to `rows` by one line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONLL_VALID_FILE, loadNerModel, nerCorpusAvailable, readCorpusFile, readTrainingSplit } from '../models/load';
import { createMemoryBandIndex, QUERY_ANCHORS } from '../shared/duplicates';
import { extractRecord, lookupAgency, matchKey } from '../shared/extract/index';
import type { TaggedDocument } from '../shared/ner/corpus';
import { scoreSentences } from '../shared/ner/score';
import { createTagger } from '../shared/ner/tagger';
import type { ArticleRecord } from '../shared/record';
import { publishedRows } from './eval-published';
import { arWireRows } from './lib/ar-wire-eval';
import { percent, share, type Row } from './lib/eval-row';
import { entityRows } from './eval-entities';
import { fileSource } from '../bench/lib/articles';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(repoRoot, '../shared');

interface ManifestEntry {
  file: string;
  lang: string;
  title?: string;
  published?: string;
  byline?: string;
  source_dateline?: string;
  title_in_text?: boolean;
  near_duplicate_group?: string;
}

interface Article {
  readonly file: string;
  readonly text: string;
  readonly entry: ManifestEntry;
  readonly record: ArticleRecord;
}

const extract = (bytes: Uint8Array, key: string): ArticleRecord => extractRecord({ bytes, source: fileSource('eval', key, bytes.length), now: '2024-01-01T00:00:00.000Z' });

// ---------------------------------------------------------------------------------------------
// Loading and timing

function loadCorpus(): { articles: Article[]; microsPerArticle: number } {
  const files: { file: string; text: string; bytes: Buffer; entry: ManifestEntry }[] = [];
  for (const lang of ['ar', 'en']) {
    const dir = path.join(sharedDir, 'corpus', lang);
    const manifest = new Map(
      readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as ManifestEntry)
        .map((entry) => [entry.file, entry] as const),
    );
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const bytes = readFileSync(path.join(dir, file));
      files.push({ file, text: bytes.toString('utf8'), bytes, entry: manifest.get(file) ?? { file, lang: '?' } });
    }
  }
  for (const f of files.slice(0, 50)) extract(f.bytes, f.file); // warm-up: compile the hot paths first
  // CPU time, not wall time: on a machine shared with other jobs it still measures our own work.
  const started = process.cpuUsage();
  const articles = files.map((f) => ({ file: f.file, text: f.text, entry: f.entry, record: extract(f.bytes, f.file) }));
  const used = process.cpuUsage(started);
  const microsPerArticle = (used.user + used.system) / Math.max(1, files.length);
  return { articles, microsPerArticle };
}

// ---------------------------------------------------------------------------------------------
// Checklist

function checklist(): Row {
  const example = path.join(sharedDir, 'examples/sana-moscow.txt');
  const record = extract(readFileSync(example), 'sana-moscow.txt');
  const run = spawnSync(process.execPath, [path.join(sharedDir, 'tools/check-seed.mjs'), path.join(sharedDir, 'examples/sana-moscow.expected.json'), '--part', 'all'], {
    input: JSON.stringify(record),
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const summary = /seed: (\d+)\/(\d+) checks pass/.exec(output);
  const failures = output.split('\n').filter((line) => line.startsWith('FAIL'));
  for (const line of failures) console.log(`  checklist ${line}`);
  const [pass, total] = summary ? [Number(summary[1]), Number(summary[2])] : [0, 0];
  return { measure: 'checklist sana-moscow.txt (--part all)', result: summary ? `${pass}/${total}` : 'checker gave no summary', bar: 'all', ok: summary !== null && pass === total };
}

// ---------------------------------------------------------------------------------------------
// Datelines

interface DatelineGold {
  readonly place: string | null;
  readonly agencyCode: string;
}

/** `الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس`: the place is what comes before the first digit. */
function spaGold(a: Article): DatelineGold | null {
  const first = a.text.split('\n')[0] ?? '';
  if (!a.file.startsWith('snn_spa-') || !/واس\s*$/.test(first)) return null;
  const place = /^([^\d\u0660-\u0669]+)[\d\u0660-\u0669]/.exec(first)?.[1]?.trim();
  return place ? { place, agencyCode: 'SPA' } : null;
}

/** `دبي، الإمارات العربية المتحدة (CNN)--`: the city before the comma. */
function cnnGold(a: Article): DatelineGold | null {
  const m = /^([^()\n]{2,80}?)\s*\(CNN\)/.exec(a.text);
  if (!a.file.startsWith('ant_cnnarabic-') || !m?.[1]) return null;
  return { place: m[1].split(/[،,]/)[0]?.trim() ?? null, agencyCode: 'CNN' };
}

/** `NEW YORK, Feb 26 -`: the place before the first comma; the agency is Reuters. */
function reutersGold(a: Article): DatelineGold | null {
  if (!a.entry.source_dateline) return null;
  return { place: a.entry.source_dateline.split(',')[0]?.trim() ?? null, agencyCode: 'Reuters' };
}

/**
 * A byline the text itself opens with (`خالد خليل- سبق:`, `ياسر العتيبي، محمد الزهراني سبق- الباحة:`):
 * the agency is the part (or the last words of the part) that names a known agency or outlet; the
 * place, the part after it, if any. Null when the text does not carry the byline.
 */
function bylineGold(a: Article): DatelineGold | null | 'not-in-text' {
  const byline = a.entry.byline?.trim();
  if (!byline) return null;
  const parts = byline.replace(/[«»()]/g, ' ').split(/\s*[-–—ـ:]\s*/).map((p) => p.trim()).filter(Boolean);
  let agencyAt = -1;
  let agencyCode: string | null = null;
  parts.forEach((part, i) => {
    const words = part.split(/\s+/);
    for (let n = Math.min(3, words.length); n >= 1 && agencyAt < 0; n--) {
      const name = words.slice(-n).join(' ');
      const entry = lookupAgency(name);
      if (entry) [agencyAt, agencyCode] = [i, entry.code];
    }
  });
  if (agencyAt < 0 || !agencyCode) return null;
  // The text carries the byline when it opens with it (sabq); a mention further on is no dateline.
  if (!matchKey(a.text.slice(0, 200)).startsWith(matchKey(parts[0] ?? byline))) return 'not-in-text';
  const after = parts[agencyAt + 1];
  const place = after && !/^(متابعة|خاص|وكالات)$/.test(after) ? after : null;
  return { place, agencyCode };
}

function datelines(articles: readonly Article[]): Row[] {
  const sources: [string, (a: Article) => DatelineGold | null | 'not-in-text'][] = [
    ['SPA dateline lines', spaGold],
    ['CNN Arabic inline', cnnGold],
    ['bylines in the text', bylineGold],
    ['Reuters source_dateline', reutersGold],
  ];
  let hits = 0;
  let total = 0;
  let notInText = 0;
  const parts: string[] = [];
  for (const [name, gold] of sources) {
    let h = 0;
    let t = 0;
    for (const a of articles) {
      const g = gold(a);
      if (g === 'not-in-text') notInText++;
      if (g === null || g === 'not-in-text') continue;
      t++;
      const d = a.record.dateline;
      const placeOk = g.place === null ? true : !!d?.place && matchKey(d.place) === matchKey(g.place);
      if (placeOk && d?.agencyCode === g.agencyCode) h++;
      else console.log(`  dateline miss (${name}) ${a.file}: got ${JSON.stringify(d && { place: d.place, agencyCode: d.agencyCode })}, want ${JSON.stringify(g)}`);
    }
    hits += h;
    total += t;
    parts.push(`${name} ${h}/${t}`);
  }
  return [
    { measure: 'dateline place+agency (gold in text)', result: percent(hits, total), bar: '>= 95%', ok: share(hits, total) >= 95 },
    { measure: '  by source', result: parts.join('; '), bar: '', ok: null },
    { measure: '  bylines only in the manifest', result: `${notInText} (not scored: not in the file)`, bar: '', ok: null },
  ];
}

// ---------------------------------------------------------------------------------------------
// Language, title, published

function language(articles: readonly Article[]): Row {
  const right = articles.filter((a) => a.record.language.code === a.entry.lang);
  for (const a of articles) if (a.record.language.code !== a.entry.lang) console.log(`  language miss ${a.file}: ${a.record.language.code} (want ${a.entry.lang})`);
  return { measure: 'language', result: percent(right.length, articles.length), bar: '100%', ok: right.length === articles.length };
}

const titleKey = (text: string): string => matchKey(text).replace(/[\s.!?؟:،,;"'“”«»]+/g, ' ').trim();

function titles(articles: readonly Article[]): Row {
  const gold = articles.filter((a) => a.entry.title_in_text && a.entry.title);
  const right = gold.filter((a) => a.record.title !== null && titleKey(a.record.title) === titleKey(a.entry.title ?? ''));
  return { measure: 'title (title_in_text)', result: percent(right.length, gold.length), bar: '', ok: null };
}

function published(articles: readonly Article[]): Row {
  const spa = articles.filter((a) => a.file.startsWith('snn_spa-') && a.entry.published);
  const right = spa.filter((a) => a.record.published?.value.slice(0, 10) === a.entry.published?.slice(0, 10));
  const withDateline = spa.filter((a) => spaGold(a) !== null);
  const rightWithDateline = withDateline.filter((a) => right.includes(a));
  return {
    measure: 'published (SPA files)',
    result: `${percent(right.length, spa.length)}; with a dateline line ${percent(rightWithDateline.length, withDateline.length)}`,
    bar: '',
    ok: null,
  };
}

// ---------------------------------------------------------------------------------------------
// NER (the NER helper's model, tagger and scorer)

function nerRows(): Row[] {
  if (!nerCorpusAvailable()) return [{ measure: 'NER', result: 'corpus/ner absent: not scored', bar: '', ok: null }];
  const score = (lang: 'ar' | 'en', documents: readonly TaggedDocument[]): number => {
    const tagger = createTagger(loadNerModel(lang));
    const scored: { gold: string[]; predicted: string[] }[] = [];
    for (const doc of documents) {
      const predicted = tagger.tagDocument(doc.sentences.map((s) => s.tokens));
      doc.sentences.forEach((sentence, i) => scored.push({ gold: sentence.tags, predicted: predicted[i] ?? [] }));
    }
    return scoreSentences(scored).f1;
  };
  const arabic = score('ar', readTrainingSplit('ar').dev);
  const conll = score('en', readCorpusFile(CONLL_VALID_FILE));
  return [
    { measure: 'NER F1 Arabic dev (last 10%, held out)', result: arabic.toFixed(1), bar: '>= 70', ok: arabic >= 70 },
    { measure: 'NER F1 conll2003_valid', result: conll.toFixed(1), bar: '>= 90', ok: conll >= 90 },
  ];
}

// ---------------------------------------------------------------------------------------------
// Near-duplicates

/** Publication order (the manifest's date where it reads, then the file name). */
function byPublication(a: Article, b: Article): number {
  const t = (x: Article) => {
    const parsed = Date.parse(x.entry.published ?? '');
    return Number.isNaN(parsed) ? Number.MAX_SAFE_INTEGER : parsed;
  };
  return t(a) - t(b) || (a.file < b.file ? -1 : 1);
}

function nearDuplicates(articles: readonly Article[]): Row[] {
  const arabic = articles.filter((a) => a.entry.lang === 'ar').sort(byPublication);
  const index = createMemoryBandIndex();
  const links = new Set<string>();
  let maxQueries = 0;
  for (const a of arabic) {
    const before = index.queries;
    for (const d of index.find(a.record)) links.add([a.file, d.key].sort().join(' '));
    maxQueries = Math.max(maxQueries, index.queries - before);
    index.add(a.record);
  }
  const groups = new Map<string, string[]>();
  for (const a of arabic) if (a.entry.near_duplicate_group) groups.set(a.entry.near_duplicate_group, [...(groups.get(a.entry.near_duplicate_group) ?? []), a.file]);
  const gold = new Set([...groups.values()].map((files) => [...files].sort().join(' ')));
  const found = [...gold].filter((pair) => links.has(pair));
  const falseLinks = [...links].filter((pair) => !gold.has(pair));
  for (const pair of gold) if (!links.has(pair)) console.log(`  near-duplicate pair missed: ${pair}`);
  for (const pair of falseLinks) console.log(`  false near-duplicate link: ${pair}`);
  return [
    { measure: 'near-duplicate pairs linked', result: `${found.length}/${gold.size}`, bar: 'all', ok: found.length === gold.size && gold.size > 0 },
    { measure: 'near-duplicate false links', result: String(falseLinks.length), bar: '0', ok: falseLinks.length === 0 },
    { measure: '  Queries per article (max)', result: `${maxQueries} (index items: ${index.items})`, bar: `<= ${QUERY_ANCHORS}`, ok: maxQueries <= QUERY_ANCHORS },
  ];
}

// ---------------------------------------------------------------------------------------------

function printTable(rows: readonly Row[]): void {
  const width = (pick: (r: Row) => string, title: string) => Math.max(title.length, ...rows.map((r) => pick(r).length));
  const [m, r, b] = [width((x) => x.measure, 'measure'), width((x) => x.result, 'result'), width((x) => x.bar, 'bar')];
  const line = (cells: string[]) => console.log(cells.map((c, i) => c.padEnd([m, r, b, 4][i] ?? 0)).join('  ').trimEnd());
  line(['measure', 'result', 'bar', 'ok']);
  line(['-'.repeat(m), '-'.repeat(r), '-'.repeat(b), '----']);
  for (const row of rows) line([row.measure, row.result, row.bar, row.ok === null ? '' : row.ok ? 'yes' : 'NO']);
}

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
if (!existsSync(path.join(sharedDir, 'corpus/ar/manifest.jsonl')) || !existsSync(path.join(sharedDir, 'examples/sana-moscow.txt'))) {
  console.log(`eval: ${sharedDir} (corpus and examples) is absent; nothing to score.`);
  process.exit(0);
}

const { articles, microsPerArticle } = loadCorpus();
const rows: Row[] = [
  checklist(),
  language(articles),
  ...datelines(articles),
  titles(articles),
  published(articles),
  ...publishedRows(sharedDir, articles),
  ...nerRows(),
  ...entityRows(),
  ...nearDuplicates(articles),
  { measure: 'extraction speed', result: `${microsPerArticle.toFixed(0)} µs CPU per article (${articles.length} articles)`, bar: '', ok: null },
  ...arWireRows(sharedDir, extract),
];
console.log('');
printTable(rows);
const failed = rows.filter((row) => row.ok === false);
if (failed.length > 0) console.log(`\n${failed.length} figure(s) below the bar: ${failed.map((f) => f.measure.trim()).join('; ')}`);
if (values.check && failed.length > 0) process.exit(1);
