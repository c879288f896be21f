/**
 * Files that are data, not articles (JSON Lines, CSV/TSV, CoNLL-style token columns), are rejected
 * with a problem that says what they are; articles that look a little like them are not. The data
 * below is written for these tests; the corpus files are read from ../shared when it is there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataShapeOf } from '../../shared/extract/data-files';
import { extract, fixturesDir, repoRoot, sharedAvailable, sharedDir } from './helpers';

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

const JSON_LINES = lines(
  '{"id": 1, "city": "حلب", "count": 12}',
  '{"id": 2, "city": "حمص", "count": 7}',
  '{"id": 3, "city": "Latakia", "count": 3}',
  '{"id": 4, "city": "دمشق", "count": 21}',
);

const CSV = lines('date,city,agency,words', '2015-09-01,دمشق,SANA,310', '2015-09-02,"Aleppo, north",SANA,122', '2015-09-02,الرياض,SPA,98', '2015-09-03,Amman,PETRA,240', '2015-09-04,Cairo,MENA,75');

const TSV = lines('token\tlemma\tcount', 'قال\tقول\t14', 'أضاف\tضيف\t9', 'said\tsay\t30');

const CONLL = lines(
  '-DOCSTART- O',
  '',
  'قال O',
  'الوزير O',
  'سمير B-PERS',
  'حداد I-PERS',
  '" O',
  'نعمل O',
  'معا O',
  '" O',
  '',
  'The O',
  'minister O',
  'visited O',
  'Aleppo B-LOC',
  '. O',
);

describe('not-an-article shapes', () => {
  it.each([
    ['rows.jsonl', JSON_LINES, /^JSON Lines data \(4 lines of objects\), not an article$/],
    ['table.csv', CSV, /^CSV data \(6 rows of 4 columns\), not an article$/],
    ['table.tsv', TSV, /^TSV data \(4 rows of 3 columns\), not an article$/],
    ['tags.conll', CONLL, /^CoNLL-style token columns \(14 lines, one token per line with 1 tag column\), not an article$/],
  ])('rejects %s and says what it is', (key, text, message) => {
    const record = extract(text, key);
    expect(record.status).toBe('rejected');
    expect(record.quotes).toEqual([]);
    const problem = record.problems.at(-1);
    expect(problem?.code).toBe('not-an-article');
    expect(problem?.message).toMatch(message);
  });

  it('reads the same shapes under any name, since the content decides', () => {
    expect(extract(CONLL, 'tags.txt').status).toBe('rejected');
    expect(extract(JSON_LINES, 'rows.json').status).toBe('rejected');
  });

  it('accepts a JSON article, pretty-printed or on one line', () => {
    const json = readFileSync(path.join(fixturesDir, 'json-article.json'), 'utf8');
    for (const text of [json, JSON.stringify(JSON.parse(json))]) {
      const record = extract(text, 'article.json');
      expect(record.status).toBe('ok');
      expect(record.title).toBe('Wheat prices climb on supply worries');
    }
  });

  it('accepts every article the tests were written with (plain text, Markdown, HTML, JSON)', () => {
    const dirs = ['test/fixtures/extract', 'test/fixtures/cli', 'test/fixtures/web', 'examples'].map((d) => path.join(repoRoot, d));
    const files = dirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.(txt|md|html|json)$/.test(f) && !f.endsWith('.expected.json')).map((f) => path.join(dir, f)));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect({ file, shape: dataShapeOf(readFileSync(file, 'utf8')) }).toEqual({ file, shape: null });
  });

  it('rejects the corpus manifest and a CoNLL training file (read from ../shared)', () => {
    if (!sharedAvailable('corpus/ar-wire/ar/manifest.jsonl', 'the corpus data files')) return;
    const manifest = readFileSync(path.join(sharedDir, 'corpus/ar-wire/ar/manifest.jsonl'), 'utf8');
    expect(extract(manifest, 'manifest.jsonl').problems.at(-1)?.message).toMatch(/^JSON Lines data \(\d+ lines of objects\), not an article$/);
    if (!sharedAvailable('corpus/ner/en/conll2003_valid.txt', 'the CoNLL file')) return;
    const conll = readFileSync(path.join(sharedDir, 'corpus/ner/en/conll2003_valid.txt'), 'utf8').slice(0, 200_000);
    const record = extract(conll, 'conll2003_valid.txt');
    expect(record.status).toBe('rejected');
    expect(record.problems.at(-1)?.message).toMatch(/^CoNLL-style token columns/);
  });
});
