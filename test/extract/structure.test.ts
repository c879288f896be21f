/** Title, subheadings, paragraphs, sentences and lead. */
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../shared/extract/sentences';
import { isLayoutLine } from '../../shared/extract/structure';
import { extract } from './helpers';

describe('splitSentences', () => {
  it.each([
    ['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
    ['Mr. Smith met Dr. Jones in the U.S. on Monday. They talked.', ['Mr. Smith met Dr. Jones in the U.S. on Monday.', 'They talked.']],
    ['J. R. Hartley wrote it. He did.', ['J. R. Hartley wrote it.', 'He did.']],
    ['Revenue rose 4.5 pct. Profit fell.', ['Revenue rose 4.5 pct.', 'Profit fell.']],
    ['"We will win," he said. "Soon."', ['"We will win," he said.', '"Soon."']],
    ['قال الوزير إن الخطة جاهزة. وأضاف أن التنفيذ يبدأ غداً؟ نعم', ['قال الوزير إن الخطة جاهزة.', 'وأضاف أن التنفيذ يبدأ غداً؟', 'نعم']],
    ['التقى د. أحمد بالوفد. ثم غادر.', ['التقى د. أحمد بالوفد.', 'ثم غادر.']],
    ['وقال.. “حتى الآن لا شيء”.', ['وقال..', '“حتى الآن لا شيء”.']],
    ['...', []],
  ])('%s', (paragraph, sentences) => {
    expect(splitSentences(paragraph)).toEqual(sentences);
  });
});

describe('isLayoutLine', () => {
  it.each(['-----', '* * *', '// انتهى //', '// يتبع //', '19:52 ت م', '١٩:٥٢ ت م', '\u200F'])('%s is layout', (line) => {
    expect(isLayoutLine(line)).toBe(true);
  });
  it.each(['انتهى الاجتماع بعد ساعتين.', '10:30 موعد الاجتماع المقبل في الوزارة', 'Reuter'])('%s is text', (line) => {
    expect(isLayoutLine(line)).toBe(false);
  });
});

describe('structure in a record', () => {
  const para = (n: number) => `هذه فقرة رقم ${n} من نص الخبر وهي أطول من العنوان الفرعي وتنتهي بنقطة.`;

  it('takes a short unpunctuated line between paragraphs as a subheading, not a paragraph', () => {
    const record = extract([para(1), para(2), 'عنوان فرعي قصير بلا نقطة', para(3)].join('\n'));
    expect(record.subheadings).toEqual(['عنوان فرعي قصير بلا نقطة']);
    expect(record.stats.paragraphs).toBe(3);
  });

  it('keeps a short line that ends a story as a paragraph', () => {
    const record = extract([para(1), para(2), 'سطر أخير قصير'].join('\n'));
    expect(record.subheadings).toEqual([]);
    expect(record.stats.paragraphs).toBe(3);
  });

  it('has no title in plain text without a blank line after the first line', () => {
    expect(extract(['عنوان محتمل', para(1), para(2)].join('\n')).title).toBeNull();
  });

  it('takes a short first line followed by a blank line as the title', () => {
    const record = extract(['Mayor opens new library', '', 'The mayor opened the new library on Saturday morning.', '', 'It has ten thousand books.'].join('\n'));
    expect(record.title).toBe('Mayor opens new library');
    expect(record.lead).toBe('The mayor opened the new library on Saturday morning.');
    expect(record.stats).toMatchObject({ paragraphs: 2, sentences: 2 });
  });

  it('does not take a sentence for a title', () => {
    expect(extract('The mayor opened the library.\n\nIt has books.').title).toBeNull();
  });

  it('strips bullets and direction marks from subheadings', () => {
    const record = extract([para(1), '\u202B* تمثيل \u202C', para(2)].join('\n'));
    expect(record.subheadings).toEqual(['تمثيل']);
  });

  it('caps a monstrous lead and records the original length', () => {
    const long = 'كلمة '.repeat(2_000) + 'نهاية.';
    const record = extract(`${long}\n${para(1)}`);
    expect(record.lead?.length).toBeLessThanOrEqual(2_001);
    expect(record.truncated).toMatchObject({ lead: long.length });
  });

  it('caps the number of subheadings and says how many there were', () => {
    const lines = Array.from({ length: 150 }, (_, i) => [para(i), `عنوان فرعي ${i}`]).flat();
    const record = extract([...lines, para(999)].join('\n'));
    expect(record.subheadings).toHaveLength(100);
    expect(record.truncated).toMatchObject({ subheadings: 150 });
  });
});

describe('articles without a body', () => {
  it('keeps a title-only JSON article and says it has no body', () => {
    const record = extract(JSON.stringify({ title: 'Only a headline' }), 'a.json');
    expect(record).toMatchObject({ status: 'ok', title: 'Only a headline', lead: null, stats: { paragraphs: 0 } });
    expect(record.problems.map((p) => p.code)).toEqual(['no-body']);
  });
});
