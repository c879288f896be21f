/**
 * Extraction's work grows linearly with its input, on input built to make it grow faster
 * (fast-check): runs of every punctuation, quote and markup character, unclosed constructs
 * (`<a `, `[`, `**`, `«`, front matter), deep nesting, thousands of quotes in one paragraph,
 * endless lines, mixed with Arabic and English words, read as text, Markdown, HTML and JSON.
 * The bound is on the work the extractor counts (shared/extract/work.ts: characters scanned,
 * tokens and mentions visited, binary-search steps), not on a wall time:
 *
 *     work <= STEPS_PER_BYTE * bytes + STEPS_BASE
 *
 * The corpus takes at most about 3 steps per byte; the hostile shapes of bench/adversarial.ts up
 * to 12 (a binary search per quote adds a logarithm). The quadratic quote rules this replaced
 * counted tokens of the paragraph per quote: hundreds of steps per byte at 20 KB.
 * A failure prints fast-check's seed and the shrunk input; `FC_SEED=<seed>` replays it,
 * `FC_RUNS=<n>` runs more inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractRecord, Work } from '../../shared/extract';
import type { Source } from '../../shared/record';

const NOW = '2024-03-04T09:31:00.000Z';
const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };

const STEPS_PER_BYTE = 24;
const STEPS_BASE = 5_000;

function sourceFor(key: string, size: number): Source {
  return { bucket: 'dateline-work', key, versionId: null, etag: null, size, contentType: null, sequencer: '0065E5A00000000001', uploadedAt: NOW, metadata: {} };
}

/** Extracts and checks the bound; returns the work for the message of a failure. */
function checkWork(key: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const work = new Work();
  const record = extractRecord({ bytes, source: sourceFor(key, bytes.length), now: NOW }, { work });
  expect(record.status).not.toBe('error');
  const bound = STEPS_PER_BYTE * bytes.length + STEPS_BASE;
  const stages = Object.entries(work.byStage).filter(([, steps]) => steps > 0).map(([stage, steps]) => `${stage} ${steps}`).join(', ');
  expect(work.steps, `${work.steps} steps for ${bytes.length} bytes of ${key} (${stages})`).toBeLessThanOrEqual(bound);
}

const MARKS = [...'"“”„«»\'‘’.,،;؛:!?؟-–—()[]{}<>/\\|&#*_`~=+@%$^\n\t '] as const;
const WORDS = ['قال', 'وقال', 'الرئيس', 'بشار', 'الأسد', 'سانا', 'دمشق', 'موسكو', 'وزارة', 'الخارجية', 'حزيران', '٢٠١٥', 'said', 'told', 'John', 'Smith', 'Reuters', 'MOSCOW', 'Monday', '2015', 'of', 'the'];
const UNCLOSED = ['<a ', '<meta content="', '<script ', '<time ', '<!--', '[', '![x](', '[x][', '**', '__', '*', '`', '«', '“', '"', '---\n', '# ', '#', '> ', '- ', '{"body":', '&#x', 'a”', '”', '(SANA) - '];
const UNITS = ['a”', '“a” ', '«ب» ', '"x" ', 'قال “نعم” ', '"Yes," said John Smith. ', 'وقال الرئيس “كلمة” ', '<p>x</p>', '<div>', '> ', '[', '<a ', '# ', 'John Smith ', 'دمشق - ', '1/2/2015 ', '15 حزيران 2015 '];

/** One piece of a hostile file: a run of one mark, a word, an unclosed construct, or a repeated unit. */
const piece = fc.oneof(
  fc.tuple(fc.constantFrom(...MARKS), fc.integer({ min: 1, max: 4_000 })).map(([mark, n]) => mark.repeat(n)),
  fc.constantFrom(...WORDS).map((w) => ` ${w} `),
  fc.constantFrom(...UNCLOSED),
  fc.tuple(fc.constantFrom(...UNITS), fc.integer({ min: 1, max: 2_000 })).map(([unit, n]) => unit.repeat(n)),
  fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 500 })).map(([words, n]) => `${words.join(' ')} `.repeat(n)),
);

const hostileFile = fc.tuple(
  fc.constantFrom('hostile.txt', 'hostile.md', 'hostile.html', 'hostile.json', 'hostile'),
  fc.constantFrom('', 'Damascus (SANA) - ', 'دمشق-سانا\n\n', '<html><body><article>', '---\ntitle: x\n---\n# ', '{"title": "x", "body": "'),
  fc.array(piece, { minLength: 1, maxLength: 24 }),
).map(([key, head, pieces]) => ({ key, text: head + pieces.join('') }));

/** The review's inputs, scaled to tens of kilobytes: the old code took seconds to minutes on them. */
const REVIEW_CASES = [
  { key: 'quotes.txt', text: `Damascus (SANA) - ${'a”'.repeat(8_000)}` },
  { key: 'atx.md', text: `# ${'#'.repeat(30_000)}x` },
  { key: 'brackets.md', text: Array.from({ length: 4 }, () => '['.repeat(8_000)).join('\n\n') },
  { key: 'tags.html', text: '<a '.repeat(10_000) },
];

describe('extraction work, on hostile input', () => {
  it.each(REVIEW_CASES)('the review case $key stays within the bound', ({ key, text }) => checkWork(key, text));

  it('stays within STEPS_PER_BYTE * bytes + STEPS_BASE on hostile files of every format', () => {
    fc.assert(
      fc.property(hostileFile, ({ key, text }) => checkWork(key, text)),
      { numRuns: RUNS, ...SEED },
    );
  });
});
