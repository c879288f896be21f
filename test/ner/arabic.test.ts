import { describe, expect, it } from 'vitest';
import { lookupForms, normalizeArabic, stripProclitics } from '../../shared/ner/arabic';

describe('normalizeArabic', () => {
  it('folds alef/hamza forms, ta marbuta, alef maqsura and drops diacritics and tatweel', () => {
    expect(normalizeArabic('أَعلنَ إبراهيم آمال مدرسة مصطفى الـــرئيس')).toBe('اعلن ابراهيم امال مدرسه مصطفي الرئيس');
  });

  it('turns Arabic-Indic digits into ASCII digits', () => {
    expect(normalizeArabic('٢٠١٥ ۱۲')).toBe('2015 12');
  });
});

describe('stripProclitics', () => {
  it('removes conjunction, preposition and article, keeping the article when asked', () => {
    expect(stripProclitics('وبالجزائر', true)).toEqual({ prefix: 'وب', stem: 'الجزائر' });
    expect(stripProclitics('وبالجزائر', false)).toEqual({ prefix: 'وبال', stem: 'جزائر' });
    expect(stripProclitics('للجيش', true)).toEqual({ prefix: 'ل', stem: 'الجيش' });
  });

  it('leaves short words alone', () => {
    expect(stripProclitics('ول', true)).toEqual({ prefix: '', stem: 'ول' });
  });

  it('offers a name both as written and without its leading clitic', () => {
    expect(lookupForms(normalizeArabic('وألمانيا'))).toEqual(['والمانيا', 'المانيا']);
    expect(lookupForms('دمشق')).toEqual(['دمشق']);
  });
});
