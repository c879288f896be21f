/**
 * Dates: Hijri conversion against known pairs (and against every SPA dateline of the corpus, which
 * gives both calendars), the readers of dates.ts one phenomenon at a time, and a property: whatever
 * the text, mentions are pieces of it with well-formed values. Golden fixtures date-*.txt run in
 * fixtures.test.ts.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDatesIn } from '../../shared/extract/dates';
import { hijriMonthToGregorian, hijriToGregorian, hijriYearToGregorian } from '../../shared/extract/dates-hijri';
import { extract, sharedAvailable, sharedDir } from './helpers';

const values = (text: string, published?: string) => findDatesIn(text, { published }).map((d) => [d.text, d.value, d.precision]);

describe('Hijri to Gregorian (Umm al-Qura approximation)', () => {
  it.each([
    [1436, 10, 25, '2015-08-10'],
    [1436, 10, 26, '2015-08-11'],
    [1436, 9, 1, '2015-06-18'],
    [1436, 10, 1, '2015-07-17'],
    [1436, 1, 1, '2014-10-25'],
    [1437, 1, 1, '2015-10-14'],
    [1437, 9, 1, '2016-06-06'],
    [1440, 1, 1, '2018-09-11'],
    [1441, 9, 1, '2020-04-24'],
    [1444, 9, 1, '2023-03-23'],
    [1445, 1, 1, '2023-07-19'],
    [1445, 9, 1, '2024-03-11'],
  ])('%i-%i-%i is %s', (year, month, day, gregorian) => {
    expect(hijriToGregorian(year, month, day)).toBe(gregorian);
  });

  it('refuses what is not a Hijri date, and files months and years by their middle', () => {
    expect(hijriToGregorian(1436, 13, 1)).toBeNull();
    expect(hijriToGregorian(1436, 10, 31)).toBeNull();
    expect(hijriToGregorian(436, 10, 1)).toBeNull();
    expect(hijriMonthToGregorian(1436, 10)).toBe('2015-07');
    expect(hijriYearToGregorian(1436)).toBe('2015');
  });

  const corpus = sharedAvailable('corpus/ar/manifest.jsonl', 'the Hijri/Gregorian pairs of the SPA datelines');
  it.skipIf(!corpus)('agrees with both dates of every SPA dateline line in the corpus', () => {
    const dir = path.join(sharedDir, 'corpus/ar');
    const line = /(\d{1,2})\s*(\S+)\s*(\d{4})\s*ه\S*\s*الموافق\s*(\d{1,2})\s*(\S+)\s*(\d{4})/;
    const pairs = readdirSync(dir)
      .filter((f) => f.startsWith('snn_spa-'))
      .flatMap((f) => {
        const m = line.exec(readFileSync(path.join(dir, f), 'utf8').split('\n')[0] ?? '');
        return m ? [{ f, hijri: `${m[1]} ${m[2]} ${m[3]} هـ`, gregorian: `${m[4]} ${m[5]} ${m[6]}` }] : [];
      });
    expect(pairs.length).toBeGreaterThan(50);
    for (const { f, hijri, gregorian } of pairs) {
      const [h] = findDatesIn(hijri);
      const [g] = findDatesIn(gregorian);
      expect(h?.value, `${f}: ${hijri}`).toBe(g?.value);
    }
  });
});

describe('month names in every regional form', () => {
  it('reads Levantine, Egyptian/Gulf and Maghrebi names alike', () => {
    expect(values('في 30 حزيران 2012 و30 يونيو 2012 و30 جوان 2012 و30 يونية 2012')).toEqual([
      ['30 حزيران 2012', '2012-06-30', 'day'],
      ['30 يونيو 2012', '2012-06-30', 'day'],
      ['30 جوان 2012', '2012-06-30', 'day'],
      ['30 يونية 2012', '2012-06-30', 'day'],
    ]);
    expect(values('منذ جانفي 2011 وحتى كانون الثاني 2013 وفي أغسطس 2015 م')).toEqual([
      ['جانفي 2011', '2011-01', 'month'],
      ['كانون الثاني 2013', '2013-01', 'month'],
      ['أغسطس 2015 م', '2015-08', 'month'],
    ]);
  });

  it('matches names whatever their hamza or diacritics', () => {
    expect(values('في ١٠ اغسطس ٢٠١٥ و ٣ أَيّار ٢٠١٤')).toEqual([
      ['١٠ اغسطس ٢٠١٥', '2015-08-10', 'day'],
      ['٣ أَيّار ٢٠١٤', '2014-05-03', 'day'],
    ]);
  });
});

describe('day words and years', () => {
  it('reads ordinal day words, also after a conjunction, and a year run into عام', () => {
    expect(values('الصادر في الثلاثين من حزيران عام2012 والحادي والعشرين من شهر آذار من عام 2014')).toEqual([
      ['الثلاثين من حزيران عام2012', '2012-06-30', 'day'],
      ['الحادي والعشرين من شهر آذار من عام 2014', '2014-03-21', 'day'],
    ]);
  });

  it('takes a bare year only with a cue', () => {
    expect(values('منذ عام 2011 وفي 2015 وبلغ العدد 2016 شخصا عام 1436 هـ')).toEqual([
      ['عام 2011', '2011', 'year'],
      ['2015', '2015', 'year'],
      ['عام 1436 هـ', '2015', 'year'],
    ]);
  });

  it('does not read numbers that are not dates', () => {
    expect(findDatesIn('اتصل على 011-234-5678 وانتهت المباراة 2-1 عند الساعة 10:30 وبلغ عدد الزوار 2000 زائر')).toEqual([]);
  });
});

describe('Hijri dates', () => {
  it('converts day, month and numeric Hijri dates and marks the calendar', () => {
    const dates = findDatesIn('يبدأ في غرة ذي القعدة 1436هـ ويستمر حتى 15 / 12 / 1436 هـ خلال شوال 1436 هـ');
    expect(dates).toEqual([
      { text: 'غرة ذي القعدة 1436هـ', value: '2015-08-16', precision: 'day', calendar: 'hijri' },
      { text: '15 / 12 / 1436 هـ', value: '2015-09-28', precision: 'day', calendar: 'hijri' },
      { text: 'شوال 1436 هـ', value: '2015-07', precision: 'month', calendar: 'hijri' },
    ]);
  });
});

describe('English dates', () => {
  it('reads day-month-year, month-day-year, month-year and ordinal forms', () => {
    expect(values('On 26 February 2015, Feb. 26, 2015, February 26th 2015, in March 2014 and on the 3rd of March, 2014.')).toEqual([
      ['26 February 2015', '2015-02-26', 'day'],
      ['Feb. 26, 2015', '2015-02-26', 'day'],
      ['February 26th 2015', '2015-02-26', 'day'],
      ['March 2014', '2014-03', 'month'],
      ['3rd of March, 2014', '2014-03-03', 'day'],
    ]);
  });

  it('leaves out a numeric date that reads both ways in English text, and reads Arabic ones day first', () => {
    expect(values('Filed 26/02/2015 and 02/26/2015; amended 04/05/2015.')).toEqual([
      ['26/02/2015', '2015-02-26', 'day'],
      ['02/26/2015', '2015-02-26', 'day'],
    ]);
    expect(values('صدر القرار بتاريخ 04/05/2015')).toEqual([['04/05/2015', '2015-05-04', 'day']]);
  });
});

describe('relative dates', () => {
  const text = 'قال أمس إن الاجتماع الذي عقد قبل أيام سيستأنف اليوم، بحسب ما نقل موقع روسيا اليوم، في اليوم الوطني.';

  it('resolves أمس، اليوم، قبل أيام against the published date, flagged relative', () => {
    expect(findDatesIn(text, { published: '2015-08-10' })).toEqual([
      { text: 'أمس', value: '2015-08-09', precision: 'day', calendar: 'gregorian', relative: true },
      { text: 'قبل أيام', value: '2015-08', precision: 'month', calendar: 'gregorian', relative: true },
      { text: 'اليوم', value: '2015-08-10', precision: 'day', calendar: 'gregorian', relative: true },
    ]);
  });

  it('lists none of them without a published day: there is nothing to resolve against', () => {
    expect(findDatesIn(text, { published: null })).toEqual([]);
    expect(findDatesIn(text, { published: '2015-08' }).filter((d) => d.precision === 'day')).toEqual([]);
  });

  it('reads English relative dates and day-month dates without a year', () => {
    expect(values('Talks ended yesterday, three days ago the envoy left, last year they failed; a vote is due on March 5.', '2015-08-10')).toEqual([
      ['yesterday', '2015-08-09', 'day'],
      ['three days ago', '2015-08-07', 'day'],
      ['last year', '2014', 'year'],
      ['March 5', '2015-03-05', 'day'],
    ]);
  });
});

describe('the dates extractor', () => {
  it('gives the example article its two dates and no date for روسيا اليوم', () => {
    if (!sharedAvailable('examples/sana-moscow.txt', 'the SANA example dates')) return;
    const record = extract(readFileSync(path.join(sharedDir, 'examples/sana-moscow.txt')), 'sana-moscow.txt');
    expect(record.published).toBeNull();
    expect(record.dates).toEqual([
      { text: 'الثلاثين من حزيران عام2012', value: '2012-06-30', precision: 'day', calendar: 'gregorian' },
      { text: 'نيسان 2014', value: '2014-04', precision: 'month', calendar: 'gregorian' },
    ]);
  });

  it('sets published from a dateline that gives only a Hijri date', () => {
    const record = extract('مكة المكرمة ١ رمضان ١٤٣٦ هـ واس\nأعلنت الرئاسة العامة لشؤون المسجد الحرام اكتمال استعداداتها لاستقبال المعتمرين.\n');
    expect(record.dateline).toMatchObject({ place: 'مكة المكرمة', agencyCode: 'SPA', date: '2015-06-18' });
    expect(record.published).toEqual({ value: '2015-06-18', source: 'dateline' });
  });

  it('never throws, and every mention is a piece of the text with a value of its precision', () => {
    const pieces = ['30', '٢٠١٥', '2015', 'حزيران', 'شوال', 'هـ', 'عام', 'من', 'أمس', 'اليوم', 'الثلاثين', 'Feb.', '26,', '/', ' ', '\n', 'في', 'والحادي', 'والعشرين', 'last', 'year'];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 30 }), fc.boolean(), (parts, withPublished) => {
        const text = parts.join(' ');
        for (const d of findDatesIn(text, { published: withPublished ? '2015-08-10' : null })) {
          expect(text).toContain(d.text);
          const shape = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ }[d.precision];
          expect(d.value).toMatch(shape);
        }
      }),
      { numRuns: 300 },
    );
  });
});
