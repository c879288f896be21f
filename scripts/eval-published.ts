/**
 * The `published` (date of record) figures of `npm run eval`, on ../shared/corpus/ar-wire (its
 * dev and held-out parts apart, scripts/lib/ar-wire-split.ts) and on the old corpus.
 *
 * Gold on ar-wire: the manifest's `published` where the page states one, else the dateline's own
 * full date (`dateline.date`). A date is right when it is the gold's day (or month, for a gold
 * `2019-05`); a gold time is not scored (pages and datelines keep different clocks). A dateline with
 * day and month only (`--08-02`) and no other gold is scored apart: its day and month must be the
 * record's, and the year, inferred from the text, cannot be checked. Files without any gold date are
 * not scored; how many of them the extractor dated anyway is reported. Misses are printed for the
 * dev part only, so the held-out part stays untouched.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extractRecord } from '../shared/extract/index';
import type { ArticleRecord } from '../shared/record';
import { isHeldOut } from './lib/ar-wire-split';
import { fileSource } from '../bench/lib/articles';

export interface PublishedRow {
  readonly measure: string;
  readonly result: string;
  readonly bar: string;
  readonly ok: boolean | null;
}

/** What the old corpus evaluation already extracted: a file, its manifest date and its record. */
export interface ScoredArticle {
  readonly file: string;
  readonly entry: { readonly published?: string | undefined };
  readonly record: ArticleRecord;
}

interface WireEntry {
  readonly file: string;
  readonly published: string | null;
  readonly dateline: { readonly date: string | null } | null;
}

interface Tally {
  gold: number;
  right: number;
  wrong: number;
  undated: number;
  monthDay: number;
  monthDayRight: number;
  monthDayDated: number;
  noGold: number;
  noGoldDated: number;
  sources: Map<string, number>;
}

const newTally = (): Tally => ({ gold: 0, right: 0, wrong: 0, undated: 0, monthDay: 0, monthDayRight: 0, monthDayDated: 0, noGold: 0, noGoldDated: 0, sources: new Map() });
const percent = (hits: number, total: number): string => `${hits}/${total} (${total ? ((100 * hits) / total).toFixed(1) : '-'}%)`;
const FULL = /^\d{4}(-\d{2}(-\d{2})?)?/;

/** Right when the value has the gold's date, to the gold's precision (day at most). */
export function sameDate(value: string | null | undefined, gold: string): boolean {
  const date = FULL.exec(gold)?.[0];
  return Boolean(date && value?.startsWith(date));
}

function score(tally: Tally, entry: WireEntry, record: ArticleRecord, report: (line: string) => void): void {
  const value = record.published?.value ?? null;
  if (record.published) tally.sources.set(record.published.source, (tally.sources.get(record.published.source) ?? 0) + 1);
  const datelineDate = entry.dateline?.date ?? null;
  const gold = entry.published ?? (datelineDate && FULL.test(datelineDate) ? datelineDate : null);
  if (gold) {
    tally.gold++;
    if (sameDate(value, gold)) tally.right++;
    else if (value === null) {
      tally.undated++;
      report(`published missing ${entry.file}: want ${gold}`);
    } else {
      tally.wrong++;
      report(`published wrong ${entry.file}: ${value} (${record.published?.source}), want ${gold}`);
    }
  } else if (datelineDate?.startsWith('--')) {
    tally.monthDay++;
    if (value !== null) tally.monthDayDated++;
    if (value?.slice(4, 10) === datelineDate.slice(1)) tally.monthDayRight++;
    else report(`published of a ${datelineDate} dateline ${entry.file}: ${value ?? 'undated'}`);
  } else {
    tally.noGold++;
    if (value !== null) tally.noGoldDated++;
  }
}

function rows(label: string, t: Tally): PublishedRow[] {
  const sources = [...t.sources].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${n}`).join(', ');
  return [
    { measure: `published ar-wire ${label}, gold date`, result: `${percent(t.right, t.gold)}; wrong ${t.wrong}, undated ${t.undated}`, bar: '', ok: null },
    { measure: `  day-month datelines, no other gold`, result: `${t.monthDayRight}/${t.monthDay} day and month kept, ${t.monthDayDated} dated (year inferred)`, bar: '', ok: null },
    { measure: `  no gold date`, result: `${t.noGoldDated} of ${t.noGold} dated anyway (not scored)`, bar: '', ok: null },
    { measure: `  by source`, result: sources || 'none', bar: '', ok: null },
  ];
}

function wireRows(sharedDir: string): PublishedRow[] {
  const root = path.join(sharedDir, 'corpus', 'ar-wire');
  if (!existsSync(path.join(root, 'ar', 'manifest.jsonl'))) return [{ measure: 'published ar-wire', result: 'corpus/ar-wire absent: not scored', bar: '', ok: null }];
  const dev = newTally();
  const heldOut = newTally();
  for (const lang of ['ar', 'en']) {
    const lines = readFileSync(path.join(root, lang, 'manifest.jsonl'), 'utf8').trim().split('\n');
    for (const entry of lines.map((line) => JSON.parse(line) as WireEntry)) {
      const bytes = readFileSync(path.join(root, lang, entry.file));
      const source = fileSource('eval', entry.file, bytes.length);
      const record = extractRecord({ bytes, source, now: '2024-01-01T00:00:00.000Z' });
      const held = isHeldOut(lang, entry.file);
      score(held ? heldOut : dev, { ...entry, file: `${lang}/${entry.file}` }, record, held ? () => undefined : (line) => console.log(`  ${line}`));
    }
  }
  return [...rows('dev', dev), ...rows('held-out', heldOut)];
}

function oldCorpusRow(articles: readonly ScoredArticle[]): PublishedRow {
  const gold = articles.filter((a) => a.entry.published);
  const right = gold.filter((a) => sameDate(a.record.published?.value, a.entry.published!)).length;
  const undated = gold.filter((a) => a.record.published === null).length;
  return { measure: 'published, old corpus (manifest date)', result: `${percent(right, gold.length)}; wrong ${gold.length - right - undated}, undated ${undated}`, bar: '', ok: null };
}

/** The `published` rows of the evaluation table (the old corpus' records as eval.ts extracted them). */
export function publishedRows(sharedDir: string, articles: readonly ScoredArticle[]): PublishedRow[] {
  return [oldCorpusRow(articles), ...wireRows(sharedDir)];
}
