/**
 * The adversarial section of BENCHMARKS.md (bench/report/adversarial-md.ts): written between its
 * markers so that the standalone run rewrites it alone and a full run keeps it.
 */
import { describe, expect, it } from 'vitest';
import { withinBar, type AdversarialResult } from '../../bench/adversarial';
import { HOSTILE_GENERATORS } from '../../bench/lib/hostile-inputs';
import { adversarialSection, markedAdversarial, spliceAdversarial } from '../../bench/report/adversarial-md';

const result: AdversarialResult = {
  sizes: [64 * 1024, 256 * 1024],
  ner: 'without NER taggers',
  notMeasured: 1,
  rows: [
    { name: 'quotes-closing', shape: '`a”` × n', cells: [{ bytes: 65_536, cpuMs: 120, wallMs: 130, status: 'ok', problems: [] }, null] },
    { name: 'md-atx-hashes', shape: '`#` × n', cells: [{ bytes: 65_536, cpuMs: 1_500, wallMs: 1_600, status: 'ok', problems: [] }, { bytes: 262_144, cpuMs: 900, wallMs: 950, status: 'ok', problems: [] }] },
  ],
};

describe('the adversarial section', () => {
  it('marks cells over 1 s per MB (at least 1 s) and counts them', () => {
    const section = adversarialSection(result);
    expect(section).toContain('| md-atx-hashes | `#` × n | 1.50 s ✗ | 0.90 s |');
    expect(section).toContain('3 cells measured, 1 over the bar, 1 not measured');
    expect(withinBar({ bytes: 10 * 1024 * 1024, cpuMs: 9_000, wallMs: 0, status: 'ok', problems: [] })).toBe(true);
  });

  it('replaces only its marked part of BENCHMARKS.md, and goes before Reads the first time', () => {
    const file = '# Benchmarks\n\n## 6. Scale\n\ntext\n\n## Reads (bench/read-*.ts)\n\nreads\n';
    const once = spliceAdversarial(file, adversarialSection(result));
    expect(once.indexOf('## 7. Adversarial input')).toBeLessThan(once.indexOf('## Reads'));
    const again = spliceAdversarial(once, adversarialSection({ ...result, rows: result.rows.slice(0, 1) }));
    expect(again).not.toContain('md-atx-hashes');
    expect(again).toContain('## Reads (bench/read-*.ts)\n\nreads');
    expect(markedAdversarial(again)).toBe(adversarialSection({ ...result, rows: result.rows.slice(0, 1) }));
  });

  it('every hostile generator makes a file of about the size asked for', () => {
    for (const generator of HOSTILE_GENERATORS) {
      const size = Buffer.byteLength(generator.make(64 * 1024).text, 'utf8');
      expect(size, generator.name).toBeGreaterThan(40 * 1024);
      expect(size, generator.name).toBeLessThan(80 * 1024);
    }
  });
});
