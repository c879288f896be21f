/**
 * The SANA example against the reference checker with `--part all`, judged on its entity and
 * quote checks (people with aliases, organisations, places, the must-not list, quotes and their
 * speakers, scare quotes): once with rules and gazetteers only, once with the trained NER models
 * when they load. Dates and keywords have their own tests. Skipped with a notice when ../shared
 * (or, for the second run, a loadable model) is absent.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractRecord, type ExtractOptions } from '../../shared/extract/index';
import { createTagger } from '../../shared/ner/tagger';
import { loadNerModel } from '../../models/load';
import { NOW, sharedAvailable, sharedDir, sourceFor } from './helpers';

const present = sharedAvailable('examples/sana-moscow.expected.json', 'the SANA entity and quote checklist');

/** Check lines about other extractors' fields. */
const OTHER_FIELDS = /^FAIL (date missing|keywords)/;

function loadTaggers(): ExtractOptions['ner'] | null {
  try {
    return { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) };
  } catch (error) {
    console.warn(`[entities checklist] the NER models do not load (${String(error)}): skipping the run with taggers.`);
    return null;
  }
}

function check(options: ExtractOptions): { failures: string[]; total: number } {
  const bytes = readFileSync(path.join(sharedDir, 'examples/sana-moscow.txt'));
  const record = extractRecord({ bytes, source: sourceFor('sana-moscow.txt', bytes.length), now: NOW }, options);
  const checker = spawnSync(
    process.execPath,
    [path.join(sharedDir, 'tools/check-seed.mjs'), path.join(sharedDir, 'examples/sana-moscow.expected.json'), '--part', 'all'],
    { input: JSON.stringify(record), encoding: 'utf8', timeout: 30_000 },
  );
  const lines = `${checker.stdout}${checker.stderr}`.split('\n');
  const summary = lines.map((l) => /seed: (\d+)\/(\d+) checks pass/.exec(l)).find(Boolean);
  return { failures: lines.filter((l) => l.startsWith('FAIL') && !OTHER_FIELDS.test(l)), total: Number(summary?.[2] ?? 0) };
}

describe.skipIf(!present)('the SANA checklist: entities and quotes', () => {
  it('passes every entity and quote check with rules and gazetteers only', () => {
    const { failures, total } = check({});
    // 11 people, 13 organisations, 9 places, 7 must-nots, 7 quotes, 4 not-quotes and more.
    expect(total).toBeGreaterThan(70);
    expect(failures).toEqual([]);
  });

  const taggers = present ? loadTaggers() : null;
  it.skipIf(!taggers)('passes every entity and quote check with the NER models', () => {
    const { failures } = check({ ner: taggers ?? {} });
    expect(failures).toEqual([]);
  });
});
