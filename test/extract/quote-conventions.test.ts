/**
 * Quotations in every convention of Arabic and English news, one case each (sentences we
 * wrote), and who said them: the subject of the nearest speech verb, a body or a role as the
 * text names it, never the agency that filed the story.
 */
import { describe, expect, it } from 'vitest';
import { findQuoteSpans } from '../../shared/extract/quotes-spans';
import { extract } from './helpers';

describe('quotation marks', () => {
  it.each([
    ['guillemets « »', 'وقال الوزير «سنفتح الطريق الجديد في الربيع المقبل» للصحفيين.', 'سنفتح الطريق الجديد في الربيع المقبل'],
    ['curly “ ”', 'وقال الوزير “سنفتح الطريق الجديد في الربيع المقبل” للصحفيين.', 'سنفتح الطريق الجديد في الربيع المقبل'],
    ['reversed ” “ (right-to-left typing)', 'وقال الوزير ”سنفتح الطريق الجديد في الربيع المقبل“ للصحفيين.', 'سنفتح الطريق الجديد في الربيع المقبل'],
    ['straight " "', 'وقال الوزير "سنفتح الطريق الجديد في الربيع المقبل" للصحفيين.', 'سنفتح الطريق الجديد في الربيع المقبل'],
    ['straight with a space after the opening mark', 'وقال في مؤتمر صحفي:" ان الوزارة ستشارك في تأمين المراكز كافة ".', 'ان الوزارة ستشارك في تأمين المراكز كافة'],
    ["single ' '", "He said 'we will build the road next year' on Monday.", 'we will build the road next year'],
    ["doubled apostrophes '' ''", "وقال الوزير ''إن الطريق سيفتح غدا'' للصحفيين.", 'إن الطريق سيفتح غدا'],
    ['low-high „ “', 'Er sagte „wir kommen morgen zurück“ und ging.', 'wir kommen morgen zurück'],
  ])('%s', (_convention, paragraph, text) => {
    expect(findQuoteSpans(paragraph).map((s) => s.text)).toEqual([text]);
  });

  it('does not take apostrophes inside words for quotation marks', () => {
    expect(findQuoteSpans("It's the company's plan, they don't say.")).toEqual([]);
  });
});

describe('speakers', () => {
  it('gives a role-only source the quote, as the text names it', () => {
    const record = extract('بغداد (د ب أ)\nكشف مصدر في وزارة الداخلية "أن القوات اعتقلت عشرين مطلوبا في عملية أمنية واسعة".\n');
    expect(record.quotes[0]).toMatchObject({ speaker: 'مصدر في وزارة الداخلية' });
  });

  it('never gives the reporting agency a quote', () => {
    const record = extract('الدوحة - قنا\nوقالت قنا "إن المعرض سيستقبل الزوار من الغد حتى نهاية الشهر المقبل".\n');
    expect(record.quotes).toHaveLength(1);
    expect(record.quotes[0]?.speaker).not.toBe('قنا');
  });

  it('keeps a second speaker’s quote from the first', () => {
    const record = extract(
      'قال وزير الخارجية أحمد سالم "إن المفاوضات مستمرة حتى التوصل إلى اتفاق". وأضاف النائب خالد يوسف "إن البرلمان لن يوافق على اتفاق لا يحمي المصالح الوطنية".\n',
    );
    expect(record.quotes.map((q) => q.speaker)).toEqual(['أحمد سالم', 'خالد يوسف']);
  });

  it('does not take a quoted name or title for a quotation', () => {
    const record = extract('وشارك في المعرض فريق «الأمل» وفيلم «ليل المدينة» إلى جانب فرق أخرى من المنطقة.\n');
    expect(record.quotes).toEqual([]);
  });
});
