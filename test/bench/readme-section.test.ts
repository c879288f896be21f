import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { costModel } from '../../bench/cost';
import { describeMachine } from '../../bench/lib/machine';
import { updateReadme } from '../../bench/report/readme';
import type { BenchResults } from '../../bench/results';

/** A run that measured nothing: the section still renders, saying so. */
function emptyRun(): BenchResults {
  return {
    machine: describeMachine(),
    finishedAt: new Date().toISOString(),
    seconds: 1,
    quick: false,
    notices: [],
    extraction: null,
    coldStart: null,
    endToEnd: null,
    units: null,
    cost: costModel({ extraction: null, coldStart: null, units: null, meanArticleBytes: 2000 }),
    reads: [],
    meanArticleBytes: 2000,
    loadAverageEnd: 0,
  };
}

describe("the README's Benchmarks section", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dateline-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the section the first time and only the marked part after that, leaving the rest as it was', () => {
    const file = path.join(dir, 'README.md');
    const before = '# Dateline\n\nIntro.\n\n## Benchmarks\n\nNo figures yet.\n\n## Layout\n\nfolders\n';
    writeFileSync(file, before);

    updateReadme(file, emptyRun());
    const first = readFileSync(file, 'utf8');
    expect(first.startsWith('# Dateline\n\nIntro.\n\n## Benchmarks\n\n<!-- bench:begin')).toBe(true);
    expect(first).not.toContain('No figures yet.');
    expect(first.endsWith('<!-- bench:end -->\n\n## Layout\n\nfolders\n')).toBe(true);

    // Someone edits the README elsewhere; the next run keeps their edit.
    writeFileSync(file, first.replace('Intro.', 'Intro, edited.'));
    updateReadme(file, emptyRun());
    const second = readFileSync(file, 'utf8');
    expect(second).toContain('Intro, edited.');
    expect(second.match(/bench:begin/g)).toHaveLength(1);
    expect(second.endsWith('## Layout\n\nfolders\n')).toBe(true);
  });

  it('appends a section to a README that has none', () => {
    const file = path.join(dir, 'README-without-section.md');
    writeFileSync(file, '# Dateline\n');
    updateReadme(file, emptyRun());
    expect(readFileSync(file, 'utf8')).toMatch(/^# Dateline\n\n## Benchmarks\n\n<!-- bench:begin[^\n]*\n[\s\S]*<!-- bench:end -->\n$/);
  });
});
