/**
 * Golden fixtures, one per phenomenon: `<name>.<ext>` is an article we wrote, and
 * `<name>.expected.json` holds only the record fields that phenomenon is about.
 * Known failures would be listed in KNOWN_FAILURES with the reason; there are none today.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleRecord } from '../../shared/record';
import { extract, fixturesDir } from './helpers';

const KNOWN_FAILURES: Record<string, string> = {};

const files = readdirSync(fixturesDir);
const cases = files
  .filter((f) => f.endsWith('.expected.json'))
  .map((expectedFile) => {
    const name = expectedFile.replace(/\.expected\.json$/, '');
    const input = files.find((f) => f !== expectedFile && f.startsWith(`${name}.`) && !f.endsWith('.expected.json'));
    return { name, input, expectedFile };
  });

describe('golden fixtures', () => {
  it('has fixtures, each with an input file', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) expect(c.input, `${c.name} has no input file`).toBeDefined();
  });

  for (const { name, input, expectedFile } of cases) {
    const run = KNOWN_FAILURES[name] ? it.skip : it;
    run(name, () => {
      const bytes = readFileSync(path.join(fixturesDir, input ?? ''));
      const expected = JSON.parse(readFileSync(path.join(fixturesDir, expectedFile), 'utf8')) as Record<string, unknown>;
      const record = extract(bytes, input);
      expect(ArticleRecord.safeParse(record).success).toBe(true);
      expect(record).toMatchObject(expected);
    });
  }
});
