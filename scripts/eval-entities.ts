/**
 * Entity precision, recall and F1 per type against the hand-checked ar-wire gold
 * (../shared/corpus/ar-wire/ar/gold.jsonl, read at run time, never copied):
 *   npx tsx scripts/eval-entities.ts [--show]    (also part of npm run eval and npm run eval:ner)
 *
 * Every gold file is extracted as ingest does (with the NER taggers). Names are compared after
 * Arabic normalisation, with titles and honorifics at their start removed; a gold entity is found
 * when an extracted entity of the same type carries its name or one of the gold aliases (as its
 * name or one of its aliases). An extracted entity that finds no gold entity is a false positive;
 * a second extracted entity that finds an already found gold entity is counted apart (one entity
 * written two ways is an identity question, not a wrong name). The dev and held-out parts of the
 * fixed split (scripts/lib/ar-wire-split.ts) are reported separately; `--show` lists the misses
 * and false positives of dev files only (held-out files are not for reading).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lazyNerTaggers } from '../adapters/ner-taggers';
import { extractRecord } from '../shared/extract/index';
import { normalizeArabic } from '../shared/ner/arabic';
import { ENTITY_TYPES, type ArticleRecord, type EntityType } from '../shared/record';
import { isHeldOut } from './lib/ar-wire-split';
import { fileSource } from '../bench/lib/articles';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WIRE_DIR = path.resolve(repoRoot, '../shared/corpus/ar-wire/ar');
const GOLD_FILE = path.join(WIRE_DIR, 'gold.jsonl');

/** The bar over all types (issue 10), checked on the dev and the held-out part. */
export const ENTITY_F1_BAR = 0.85;

interface GoldLine {
  file: string;
  person: string[];
  organization: string[];
  place: string[];
  aliases: Record<string, string[]>;
}

export interface EntityRow {
  readonly measure: string;
  readonly result: string;
  readonly bar: string;
  readonly ok: boolean | null;
}

// Titles a gold name never starts with (the gold lists names without them).
const TITLES = new Set(
  `الرئيس الشيخ الشيخة الأمير الأميرة الملك الدكتور د السيد السيدة اللواء العميد العقيد الفريق أول ركن المشير السفير
   المستشار سمو معالي جلالة فخامة سعادة المهندس الحاج العماد الجنرال`.split(/\s+/).filter(Boolean).map(normalizeArabic),
);

export function nameKey(name: string): string {
  const words = normalizeArabic(name)
    .replace(/[«»"“”'‘’()[\]،,.:؛]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && TITLES.has(words[0]!)) words.shift();
  return words.join(' ');
}

interface Tally {
  gold: number;
  found: number;
  predicted: number;
  correct: number;
  duplicates: number;
}
const emptyTally = (): Tally => ({ gold: 0, found: 0, predicted: 0, correct: 0, duplicates: 0 });

function readGold(): GoldLine[] {
  return readFileSync(GOLD_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldLine);
}

function extract(file: string): ArticleRecord {
  const bytes = readFileSync(path.join(WIRE_DIR, file));
  const source = fileSource('eval', `ar-wire/ar/${file}`, bytes.length);
  return extractRecord({ bytes, source, now: '2024-01-01T00:00:00.000Z' }, { ner: taggers });
}

const taggers = lazyNerTaggers();

/** Scores one file into the tallies; returns what went wrong (for --show). */
function scoreFile(gold: GoldLine, record: ArticleRecord, tallies: Record<EntityType, Tally>): string[] {
  const notes: string[] = [];
  for (const type of ENTITY_TYPES) {
    const tally = tallies[type];
    const goldEntities = gold[type].map((name) => new Set([name, ...(gold.aliases[name] ?? [])].map(nameKey)));
    const found = new Array<boolean>(goldEntities.length).fill(false);
    tally.gold += goldEntities.length;
    for (const entity of record.entities[type]) {
      const keys = [entity.name, ...entity.aliases].map(nameKey);
      const hit = goldEntities.findIndex((names) => keys.some((key) => names.has(key)));
      if (hit < 0) {
        tally.predicted++;
        notes.push(`  ${type} false: ${entity.name}`);
      } else if (found[hit]) {
        tally.duplicates++;
      } else {
        found[hit] = true;
        tally.predicted++;
        tally.correct++;
      }
    }
    found.forEach((hit, i) => {
      if (hit) tally.found++;
      else notes.push(`  ${type} missed: ${gold[type][i]}`);
    });
  }
  return notes;
}

function prf(t: Tally): { p: number; r: number; f: number } {
  const p = t.predicted ? t.correct / t.predicted : 0;
  const r = t.gold ? t.found / t.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

const sum = (tallies: readonly Tally[]): Tally =>
  tallies.reduce((a, t) => ({ gold: a.gold + t.gold, found: a.found + t.found, predicted: a.predicted + t.predicted, correct: a.correct + t.correct, duplicates: a.duplicates + t.duplicates }), emptyTally());

/** Rows for npm run eval: per part, P/R/F1 over all types and per type. */
export function entityRows(options: { show?: boolean } = {}): EntityRow[] {
  if (!existsSync(GOLD_FILE)) return [{ measure: 'entities (ar-wire gold)', result: `${GOLD_FILE} absent: not scored`, bar: '', ok: null }];
  const parts = { dev: { files: 0, tallies: { person: emptyTally(), organization: emptyTally(), place: emptyTally() } }, 'held-out': { files: 0, tallies: { person: emptyTally(), organization: emptyTally(), place: emptyTally() } } };
  for (const gold of readGold()) {
    const part = isHeldOut('ar', gold.file) ? parts['held-out'] : parts.dev;
    part.files++;
    const notes = scoreFile(gold, extract(gold.file), part.tallies);
    if (options.show && part === parts.dev && notes.length > 0) console.log(`${gold.file}\n${notes.join('\n')}`);
  }
  const rows: EntityRow[] = [];
  for (const [name, part] of Object.entries(parts)) {
    const all = sum(Object.values(part.tallies));
    const { p, r, f } = prf(all);
    rows.push({
      measure: `entities ar-wire ${name} (${part.files} files), all types`,
      result: `F1 ${f.toFixed(2)} (P ${p.toFixed(2)} R ${r.toFixed(2)}; ${all.duplicates} duplicate)`,
      bar: `>= ${ENTITY_F1_BAR}`,
      ok: f >= ENTITY_F1_BAR,
    });
    for (const type of ENTITY_TYPES) {
      const s = prf(part.tallies[type]);
      rows.push({ measure: `  ${type}`, result: `F1 ${s.f.toFixed(2)} (P ${s.p.toFixed(2)} R ${s.r.toFixed(2)})`, bar: '', ok: null });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { show: { type: 'boolean', default: false } } });
  for (const row of entityRows({ show: values.show })) console.log(`${row.measure.padEnd(48)} ${row.result.padEnd(40)} ${row.bar}`);
}
