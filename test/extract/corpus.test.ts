/**
 * The real corpus (../shared/corpus/{ar,en}, read at run time, never copied): every file must
 * extract to status ok in the language the manifest gives; SPA wire stories with a dateline line
 * must get their published date from it; Reuters stories must get the dateline place the SGML
 * gives. Accuracy figures are printed. Skipped with a notice when the corpus is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../shared/extract/fingerprints';
import { ArticleRecord } from '../../shared/record';
import { extract, sharedAvailable, sharedDir } from './helpers';

interface ManifestEntry {
  file: string;
  lang: string;
  source_dateline?: string;
  near_duplicate_group?: string;
}

const present = sharedAvailable('corpus/ar/manifest.jsonl', 'the corpus tests');

function load(lang: 'ar' | 'en') {
  const dir = path.join(sharedDir, 'corpus', lang);
  const manifest = new Map<string, ManifestEntry>(
    readFileSync(path.join(dir, 'manifest.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ManifestEntry)
      .map((entry) => [entry.file, entry]),
  );
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      return { file, text, entry: manifest.get(file), record: extract(Buffer.from(text, 'utf8'), file) };
    });
}

const percent = (hits: number, total: number) => `${hits}/${total} (${((100 * hits) / Math.max(1, total)).toFixed(1)}%)`;

describe.skipIf(!present)('corpus', () => {
  const articles = present ? [...load('ar'), ...load('en')] : [];

  it('extracts every file to a valid record with status ok', () => {
    const bad = articles.filter((a) => a.record.status !== 'ok' || !ArticleRecord.safeParse(a.record).success).map((a) => a.file);
    console.log(`[corpus] status ok and schema-valid: ${percent(articles.length - bad.length, articles.length)}`);
    expect(articles.length).toBeGreaterThanOrEqual(400);
    expect(bad).toEqual([]);
  });

  it('detects the language the manifest gives', () => {
    const wrong = articles.filter((a) => a.record.language.code !== a.entry?.lang).map((a) => `${a.file}: ${a.record.language.code} (want ${a.entry?.lang})`);
    console.log(`[corpus] language: ${percent(articles.length - wrong.length, articles.length)}`);
    expect(wrong).toEqual([]);
  });

  it('dates SPA wire stories from their dateline line', () => {
    // The SPA dateline line ends with the agency name; continuation parts have none.
    const withDateline = articles.filter((a) => a.file.startsWith('snn_spa-') && /واس\s*$/.test(a.text.split('\n')[0] ?? ''));
    const dated = withDateline.filter((a) => a.record.published?.source === 'dateline' && /^\d{4}-\d{2}-\d{2}$/.test(a.record.published.value) && a.record.dateline?.agencyCode === 'SPA');
    console.log(`[corpus] SPA published date from the dateline: ${percent(dated.length, withDateline.length)}`);
    expect(withDateline.length).toBeGreaterThan(50);
    expect(dated.map((a) => a.file)).toEqual(withDateline.map((a) => a.file));
  });

  it('reads the Reuters dateline place', () => {
    const reuters = articles.filter((a) => a.file.startsWith('reuters21578-') && a.entry?.source_dateline);
    // `PALO ALTO, Calif., Feb 26 -`: the place is what comes before the first comma.
    const goldPlace = (dateline: string) => dateline.split(',')[0]?.trim();
    const right = reuters.filter((a) => a.record.dateline?.place === goldPlace(a.entry?.source_dateline ?? ''));
    console.log(`[corpus] Reuters dateline place: ${percent(right.length, reuters.length)}`);
    expect(reuters.length).toBeGreaterThan(20);
    expect(right.map((a) => a.file)).toEqual(reuters.map((a) => a.file));
  });

  it('reports how datelines and near-duplicates fare (figures, no assertion beyond sanity)', () => {
    const arabic = articles.filter((a) => a.entry?.lang === 'ar');
    const withDateline = arabic.filter((a) => a.record.dateline !== null);
    const codes = new Map<string, number>();
    for (const a of withDateline) codes.set(a.record.dateline?.agencyCode ?? 'null', (codes.get(a.record.dateline?.agencyCode ?? 'null') ?? 0) + 1);
    console.log(`[corpus] Arabic files with a dateline: ${percent(withDateline.length, arabic.length)}; by agency: ${JSON.stringify(Object.fromEntries(codes))}`);

    const groups = new Map<string, string[]>();
    for (const a of arabic) if (a.entry?.near_duplicate_group) groups.set(a.entry.near_duplicate_group, [...(groups.get(a.entry.near_duplicate_group) ?? []), a.record.fingerprints.simhash]);
    const distances = [...groups.entries()].map(([group, [a, b]]) => `${group}:${hammingDistance(a ?? '', b ?? '')}`);
    console.log(`[corpus] simhash distance of the real near-duplicate pairs: ${distances.join(' ')}`);
    expect(groups.size).toBeGreaterThan(0);
  });
});
