/**
 * The real example article through extractRecord, judged by the reference checker
 * (../shared/tools/check-seed.mjs --part record). Skipped with a notice when ../shared is absent.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArticleRecord } from '../../shared/record';
import { extract, sharedAvailable, sharedDir } from './helpers';

const present = sharedAvailable('examples/sana-moscow.txt', 'the SANA example and its reference checker');

describe.skipIf(!present)('the SANA example', () => {
  const example = () => extract(readFileSync(path.join(sharedDir, 'examples/sana-moscow.txt')), 'sana-moscow.txt');

  it('gives a valid record', () => {
    expect(ArticleRecord.safeParse(example()).success).toBe(true);
  });

  it('passes every record check of the reference checker', () => {
    const checker = spawnSync(
      process.execPath,
      [path.join(sharedDir, 'tools/check-seed.mjs'), path.join(sharedDir, 'examples/sana-moscow.expected.json'), '--part', 'record'],
      { input: JSON.stringify(example()), encoding: 'utf8', timeout: 30_000 },
    );
    const output = `${checker.stdout}${checker.stderr}`;
    expect(output).not.toMatch(/FAIL/);
    const summary = /seed: (\d+)\/(\d+) checks pass/.exec(output);
    expect(summary, output).not.toBeNull();
    expect(Number(summary?.[2])).toBeGreaterThan(0);
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(checker.status).toBe(0);
  });
});
