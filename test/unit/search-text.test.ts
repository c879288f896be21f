/**
 * The words search matches: every spelling a reader may type meets the terms the mirror stores
 * (shared/search-text.ts), vowel marks and clitics included.
 */
import { describe, expect, it } from 'vitest';
import { queryWords, termsOf } from '../../shared/search-text';

const matches = (text: string, query: string): boolean => {
  const terms = termsOf([text]);
  return queryWords(query).every((forms) => forms.some((form) => terms.has(form)));
};

describe('search terms', () => {
  it('keeps a word written with vowel marks whole, so the bare spelling finds it (and the reverse)', () => {
    expect(matches('قال مُحَمَّد إنّ الاجتماع انتهى', 'محمد')).toBe(true);
    expect(matches('قال محمد إن الاجتماع انتهى', 'مُحَمَّد')).toBe(true);
    expect([...termsOf(['مُحَمَّد'])]).toEqual(['محمد']);
  });

  it('finds a word under its clitics and other spellings of alef, hamza and ta marbuta', () => {
    expect(matches('افتتح وزير التربية وللمدرسة الجديدة مكتبة', 'مدرسه')).toBe(true);
    expect(matches('بدأ إنشاء الجسر', 'انشاء')).toBe(true);
  });

  it('reads decomposed Latin accents as one word', () => {
    expect(matches('The café reopened', 'cafe\u0301')).toBe(true);
  });

  it('drops a query word longer than any stored term instead of emptying the whole query', () => {
    expect(matches('The harbour ferry resumed', `ferry ${'x'.repeat(60)}`)).toBe(true);
  });
});
