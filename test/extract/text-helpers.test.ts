/** Arabic normalisation, dates and month names, word counts. */
import { describe, expect, it } from 'vitest';
import { matchKey, normalizeArabic, stripInvisible, toAsciiDigits } from '../../shared/extract/arabic';
import { gregorianMonth, hijriMonth, isoDate, parseLooseDate } from '../../shared/extract/calendar';
import { countWords } from '../../shared/extract/stats';
import { extract } from './helpers';

describe('normalizeArabic', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إبراهيم', 'ابراهيم'],
    ['آمال', 'امال'],
    ['ٱلله', 'الله'],
    ['سورية', 'سوريه'],
    ['مستشفى', 'مستشفي'],
    ['مُحَمَّدٌ', 'محمد'],
    ['أبهــا', 'ابها'],
    ['Moscow', 'Moscow'],
  ])('%s -> %s', (input, output) => {
    expect(normalizeArabic(input)).toBe(output);
  });

  it('keeps hamza on waw and ya, which SPEC §5 does not fold', () => {
    expect(normalizeArabic('مسؤول رئيس')).toBe('مسؤول رئيس');
  });
});

describe('small helpers', () => {
  it('strips direction marks and zero-width spaces only', () => {
    expect(stripInvisible('\u200Fأبها\u200B \u202Bنص\u202C')).toBe('أبها نص');
    expect(stripInvisible('می\u200Cشود')).toBe('می\u200Cشود');
  });

  it('turns Arabic-Indic digits into ASCII digits', () => {
    expect(toAsciiDigits('٢٠١٥ و ۱۴۳۶')).toBe('2015 و 1436');
  });

  it('makes one key for agency spellings', () => {
    expect(matchKey('أ.ف.ب')).toBe(matchKey(' ا ف ب '));
  });

  it('counts letter/number tokens', () => {
    expect(countWords('قال 3 أشخاص: "نعم" — and it\'s 4.5%')).toBe(9); // it, s, 4, 5 are four tokens
    expect(countWords('')).toBe(0);
  });
});

describe('calendar', () => {
  it.each([
    ['حزيران', 6],
    ['يونيو', 6],
    ['جوان', 6],
    ['جانفي', 1],
    ['كانون الثاني', 1],
    ['اغسطس', 8],
    ['أغسطس', 8],
    ['Sept.', 9],
    ['feb', 2],
    ['Narch', null],
  ])('gregorianMonth(%s) = %s', (name, month) => {
    expect(gregorianMonth(name)).toBe(month);
  });

  it('knows Hijri month names in their spellings', () => {
    expect(hijriMonth('شوال')).toBe(10);
    expect(hijriMonth('ذي الحجة')).toBe(12);
    expect(hijriMonth('جمادى الآخرة')).toBe(6);
  });

  it('refuses impossible dates', () => {
    expect(isoDate(2015, 2, 29)).toBeNull();
    expect(isoDate(2016, 2, 29)).toBe('2016-02-29');
    expect(isoDate(2015, 13, 1)).toBeNull();
  });

  it.each([
    ['2015-08-10', '2015-08-10'],
    ['2015-08', '2015-08'],
    ['2015', '2015'],
    ['2015/8/1', '2015-08-01'],
    ['2023-06-14T08:00:00Z', '2023-06-14T08:00:00Z'],
    ['2024-03-05 09:30:00+0300', '2024-03-05T09:30:00+03:00'],
    ['Sat, 02 Jun 2018 08:16:47 +0400', '2018-06-02T08:16:47+04:00'],
    ['February 26, 2015', '2015-02-26'],
    ['26 Feb 2015', '2015-02-26'],
    ['10 أغسطس 2015', '2015-08-10'],
    ['١٠ آب ٢٠١٥', '2015-08-10'],
    ['نيسان 2014', '2014-04'],
    ['Published July 21 2015', '2015-07-21'],
    ['2015-02-30', null],
    ['yesterday', null],
    ['Feb 26', null],
  ])('parseLooseDate(%s) = %s', (raw, value) => {
    expect(parseLooseDate(raw)).toBe(value);
  });
});

describe('stats in a record', () => {
  it('counts words outside the dateline and the title, and characters as code points', () => {
    const record = extract('Headline words here\n\nMOSCOW (Reuters) - One two three.\n\nFour 𝟓 six.\n');
    expect(record.title).toBe('Headline words here');
    expect(record.stats).toMatchObject({ paragraphs: 2, sentences: 2, words: 6, characters: 'One two three.'.length + [...'Four 𝟓 six.'].length });
  });
});
