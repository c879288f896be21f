/** Datelines at the head of a line, and lines that only look like them. */
import { describe, expect, it } from 'vitest';
import { lookupAgency } from '../../shared/extract/agencies';
import { matchDateline } from '../../shared/extract/dateline';
import { extract } from './helpers';

describe('lookupAgency', () => {
  it.each([
    ['سانا', 'SANA'],
    ['واس', 'SPA'],
    ['أ ف ب', 'AFP'],
    ['أ.ف.ب', 'AFP'],
    ['ا ف ب', 'AFP'],
    ['فرانس برس', 'AFP'],
    ['رويترز', 'Reuters'],
    ['Reuter', 'Reuters'],
    ['د ب أ', 'DPA'],
    ['أ ب', 'AP'],
    ['قنا', 'QNA'],
    ['وام', 'WAM'],
    ['كونا', 'KUNA'],
    ['بترا', 'Petra'],
    ['أ ش أ', 'MENA'],
    ['الأناضول', 'Anadolu'],
    ['(CNN)', 'CNN'],
    ['«الشرق الأوسط»', 'Asharq Al-Awsat'],
    ['xinhua', 'Xinhua'],
  ])('%s -> %s', (name, code) => {
    expect(lookupAgency(name)?.code).toBe(code);
  });

  it('does not know cities and ordinary words', () => {
    for (const word of ['الرياض', 'اليوم', 'دبا', 'London', 'said']) expect(lookupAgency(word)).toBeNull();
  });
});

describe('matchDateline', () => {
  it.each([
    ['موسكو – سانا', { place: 'موسكو', agency: 'سانا', agencyCode: 'SANA', date: null }, ''],
    ['دمشق-سانا', { place: 'دمشق', agencyCode: 'SANA' }, ''],
    ['واس - الرياض', { place: 'الرياض', agencyCode: 'SPA' }, ''],
    ['هراري- د ب أ', { place: 'هراري', agencyCode: 'DPA' }, ''],
    ['لندن: «الشرق الأوسط»', { place: 'لندن', agencyCode: 'Asharq Al-Awsat' }, ''],
    ['عين اليوم – أبها', { place: 'أبها', agencyCode: 'AinAlyoum' }, ''],
    ['ليلى حسن – عين اليوم', { place: null, agencyCode: 'AinAlyoum' }, ''],
    ['الدمام25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس', { place: 'الدمام', agencyCode: 'SPA', date: '2015-08-10' }, ''],
    ['بروكسل 25 شوال 1436ه الموافق 10 أغسطس 2015م واس', { place: 'بروكسل', date: '2015-08-10' }, ''],
    ['\u200Fأبها 26 شوال 1436 هـ الموافق 11 اغسطس 2015 م واس', { place: 'أبها', date: '2015-08-11' }, ''],
    ['(CNN)-- اندلع حريق في المتحف.', { place: null, agencyCode: 'CNN' }, 'اندلع حريق في المتحف.'],
    ['واشنطن (CNN) -- قال مسؤول إن الاجتماع انتهى.', { place: 'واشنطن', agencyCode: 'CNN' }, 'قال مسؤول إن الاجتماع انتهى.'],
    ['باريس (أ ف ب) - أعلنت الشرطة توقيف رجلين.', { place: 'باريس', agencyCode: 'AFP' }, 'أعلنت الشرطة توقيف رجلين.'],
    ['PALO ALTO, Calif., Feb 26 - Varian said it would.', { place: 'PALO ALTO', agency: null, date: '--02-26' }, 'Varian said it would.'],
    ['LIVERPOOL, N.Y., March 4 - Shr profit.', { place: 'LIVERPOOL' }, 'Shr profit.'],
    ['NEW YORK, Narch 2 - Qtr ended Jan 31', { place: 'NEW YORK', date: null }, 'Qtr ended Jan 31'],
    ['LONDON, Feb 26 (Reuters) - Shares fell.', { place: 'LONDON', agencyCode: 'Reuters', date: '--02-26' }, 'Shares fell.'],
    ['CAIRO, Jan. 5, 2016 (AP) -- Officials said.', { place: 'CAIRO', agencyCode: 'AP', date: '2016-01-05' }, 'Officials said.'],
    ['WASHINGTON — The Senate voted on Tuesday.', { place: 'WASHINGTON', agency: null }, 'The Senate voted on Tuesday.'],
  ])('%s', (line, dateline, rest) => {
    const found = matchDateline(line);
    expect(found?.dateline).toMatchObject(dateline);
    expect(found?.rest).toBe(rest);
  });

  it.each([
    'OPEC MAY HAVE TO MEET TO FIRM PRICES - ANALYSTS',
    'UK sportswear firm Umbro has posted a 222% rise in annual profit - a record.',
    'Officials said (Reuters) - nothing.',
    'أفادت وكالة الأنباء السورية الرسمية (سانا) بأن الحريق أخمد.',
    'ونقلت وكالة سانا عن مصدر قوله - دون تفاصيل - إن الوضع هادئ.',
    'الخارجية الروسية: موسكو مستعدة للحوار مع واشنطن حول سورية',
    'وصل 3 آلاف حاج إلى المدينة المنورة اليوم',
    'NATO said it would meet - eventually.',
  ])('is not a dateline: %s', (line) => {
    expect(matchDateline(line)).toBeNull();
  });
});

describe('dateline in a record', () => {
  it('looks at the head only: an agency quoted later is not the dateline', () => {
    const record = extract('أعلن مسؤولون اليوم افتتاح معبر حدودي جديد.\nونقلت وكالة سانا عن المحافظ قوله إن المعبر سيعمل يومياً.\nدمشق – سانا\n');
    expect(record.dateline).toBeNull();
  });

  it('finds the dateline on the line after a headline', () => {
    const record = extract('PORT STRIKE ENDS\n\nROTTERDAM, March 3 - Dock workers returned to work on Tuesday.\n\nReuter\n');
    expect(record.title).toBe('PORT STRIKE ENDS');
    expect(record.dateline).toMatchObject({ place: 'ROTTERDAM', agencyCode: 'Reuters' });
    expect(record.stats.paragraphs).toBe(1);
  });

  it('takes the dateline from a metadata field when the body has none', () => {
    const record = extract(JSON.stringify({ title: 'x', dateline: 'بغداد - واس', body: 'نص الخبر هنا.' }), 'a.json');
    expect(record.dateline).toMatchObject({ raw: 'بغداد - واس', place: 'بغداد', agencyCode: 'SPA' });
  });

  it('does not make a dateline of an unknown site name', () => {
    const html = '<head><meta property="og:site_name" content="Example Daily"></head><body><p>Text of the story.</p></body>';
    expect(extract(html, 'a.html').dateline).toBeNull();
  });
});
