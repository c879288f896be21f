/**
 * Quotation spans and the paragraph index quotes carry. Speakers are covered by the golden
 * fixtures (quote-*, scare-quotes-not-quotes) and the SANA checklist.
 */
import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../shared/extract/quotes-spans';
import { extract } from './helpers';

const texts = (paragraph: string) => findQuoteSpans(paragraph).map((s) => s.text);

describe('findQuoteSpans', () => {
  it('pairs curly quotes, guillemets and straight quotes', () => {
    expect(texts('قال “أولا” ثم «ثانيا» ثم "ثالثا".')).toEqual(['أولا', 'ثانيا', 'ثالثا']);
  });

  it('accepts the reversed pairs right-to-left typing produces', () => {
    expect(texts('وقال ”نحن مستعدون“ ثم »لن نتراجع«.')).toEqual(['نحن مستعدون', 'لن نتراجع']);
  });

  it('keeps a quote inside a quote as part of the outer one', () => {
    expect(texts('قال “إن ما يسمى «المنطقة الآمنة» لا وجود له”.')).toEqual(['إن ما يسمى «المنطقة الآمنة» لا وجود له']);
  });

  it('ignores a mark without a partner and still finds the quotes after it', () => {
    expect(texts('the end of a quote from before," he said. Then she said: "A new one."')).toEqual(['A new one.']);
    expect(texts('قال “بداية بلا نهاية ثم «كلمة» أخيرة')).toEqual(['كلمة']);
  });

  it('gives offsets of the marks', () => {
    const [span] = findQuoteSpans('a "b c" d');
    expect(span).toEqual({ open: 2, close: 6, text: 'b c' });
  });
});

describe('quotes in a record', () => {
  it('counts paragraphs as the record does: body paragraphs only, subheadings left out', () => {
    const text = [
      'دمشق – سانا',
      'افتتح وزير الصحة السوري حسن الغباش اليوم مستشفى جديدا في ريف دمشق.',
      'مستشفى جديد في الريف',
      'وقال الغباش إن “المستشفى سيخدم أكثر من مئتي ألف نسمة في المنطقة”.',
    ].join('\n');
    const record = extract(text);
    expect(record.subheadings).toEqual(['مستشفى جديد في الريف']);
    expect(record.quotes).toEqual([
      { text: 'المستشفى سيخدم أكثر من مئتي ألف نسمة في المنطقة', speaker: 'حسن الغباش', speakerType: 'person', verb: 'قال', paragraph: 1 },
    ]);
  });

  it('keeps at most 100 quotes and says how many there were', () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) => `وقال المتحدث في البيان رقم ${i + 1}: “سنواصل العمل على تنفيذ الخطة كما هو مقرر”.`);
    const record = extract(paragraphs.join('\n'));
    expect(record.quotes).toHaveLength(100);
    expect(record.truncated?.['quotes']).toBe(120);
  });
});
