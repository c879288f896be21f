/**
 * The records of a fixed set of articles, to check that a change to how extraction runs leaves
 * its output as it was: `npx tsx scripts/records-snapshot.ts <file.jsonl>` writes them,
 * `... --compare <file.jsonl>` writes nothing and prints how many records differ from the file,
 * with the first differing fields. The set: every article of ../shared/corpus (ar, en, ar-wire),
 * examples/, and every 40th article of the unlabeled Arabic news; each extracted with the NER
 * taggers and without them. `durationMs`, the one measured field, is left out. The snapshot holds
 * corpus text (records quote it): keep it outside the project (e.g. under /tmp).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractRecord, type ExtractOptions } from '../shared/extract';
import type { ArticleRecord } from '../shared/record';
import { CORPUS_DIR, EXAMPLES_DIR, fileSource } from '../bench/lib/articles';

const UNLABELED_EVERY = 40;

interface Article {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function folder(dir: string, prefix: string): Article[] {
  try {
    return readdirSync(dir)
      .filter((file) => /\.(txt|md|html|json)$/.test(file))
      .sort()
      .map((file) => ({ name: `${prefix}/${file}`, bytes: readFileSync(path.join(dir, file)) }));
  } catch {
    console.log(`(no ${dir}: skipped)`);
    return [];
  }
}

function unlabeled(): Article[] {
  try {
    const lines = gunzipSync(readFileSync(path.join(CORPUS_DIR, 'unlabeled/ar-news.jsonl.gz'))).toString('utf8').split('\n');
    const articles: Article[] = [];
    for (let i = 0; i < lines.length; i += UNLABELED_EVERY) {
      if (!lines[i]) continue;
      const { text } = JSON.parse(lines[i]!) as { text: string };
      articles.push({ name: `unlabeled/${i}.txt`, bytes: new TextEncoder().encode(text) });
    }
    return articles;
  } catch {
    console.log('(no unlabeled corpus: skipped)');
    return [];
  }
}

function stable(record: ArticleRecord): string {
  return JSON.stringify({ ...record, extractor: { ...record.extractor, durationMs: 0 } });
}

async function main(): Promise<void> {
  const compare = process.argv[2] === '--compare';
  const file = process.argv[compare ? 3 : 2];
  if (!file) throw new Error('usage: npx tsx scripts/records-snapshot.ts [--compare] <file.jsonl>');
  const { loadNerModel } = await import('../models/load');
  const { createTagger } = await import('../shared/ner/tagger');
  const withNer: ExtractOptions = { ner: { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) } };
  const articles = [
    ...folder(path.join(CORPUS_DIR, 'ar'), 'ar'),
    ...folder(path.join(CORPUS_DIR, 'en'), 'en'),
    ...folder(path.join(CORPUS_DIR, 'ar-wire/ar'), 'ar-wire/ar'),
    ...folder(path.join(CORPUS_DIR, 'ar-wire/en'), 'ar-wire/en'),
    ...folder(EXAMPLES_DIR, 'examples'),
    ...unlabeled(),
  ];
  const lines: string[] = [];
  for (const article of articles) {
    const input = { bytes: article.bytes, source: fileSource('snapshot', article.name, article.bytes.length), now: '2024-01-01T00:00:00.000Z' };
    lines.push(`${article.name} ner ${stable(extractRecord(input, withNer))}`);
    lines.push(`${article.name} rules ${stable(extractRecord(input, {}))}`);
  }
  if (!compare) {
    writeFileSync(file, lines.join('\n') + '\n');
    console.log(`${lines.length} records of ${articles.length} articles written to ${file}`);
    return;
  }
  const before = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  let differ = 0;
  for (let i = 0; i < Math.max(before.length, lines.length); i++) {
    if (before[i] === lines[i]) continue;
    differ++;
    if (differ <= 5) {
      const [a, b] = [before[i] ?? '', lines[i] ?? ''];
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      console.log(`differs: ${b.split(' ').slice(0, 2).join(' ')}\n  before …${a.slice(Math.max(0, at - 80), at + 120)}\n  after  …${b.slice(Math.max(0, at - 80), at + 120)}`);
    }
  }
  console.log(`${differ} record differences over ${articles.length} articles (${lines.length} records, with and without the NER taggers)`);
}

await main();
