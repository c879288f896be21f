/**
 * The dateline grammar, one case per shape of dateline that wire copy uses (lines we wrote;
 * the agencies, places and month names are facts, the stories invented), and the registry.
 */
import { describe, expect, it } from 'vitest';
import { AGENCIES, lookupAgency } from '../../shared/extract/agencies';
import { matchDateline } from '../../shared/extract/dateline';
import { parseDatelineHead } from '../../shared/extract/dateline-grammar';
import { extract } from './helpers';

describe('agency registry', () => {
  it('holds at least 40 news agencies, each with a code, an Arabic and an English name', () => {
    const wires = AGENCIES.filter((a) => a.kind === 'wire');
    expect(wires.length).toBeGreaterThanOrEqual(40);
    for (const a of AGENCIES) expect(a.code && a.ar && a.en).toBeTruthy();
    expect(new Set(AGENCIES.map((a) => a.code)).size).toBe(AGENCIES.length);
  });

  it.each([
    ['أ ف ب', 'AFP'],
    ['ا ف ب', 'AFP'],
    ['أ.ف.ب', 'AFP'],
    ['أ. ف. ب.', 'AFP'],
    ['فرانس برس', 'AFP'],
    ['د ب أ', 'DPA'],
    ['د.ب.أ', 'DPA'],
    ['أ ش أ', 'MENA'],
    ['قنا', 'QNA'],
    ['كونا', 'KUNA'],
    ['وفا', 'WAFA'],
    ['بترا', 'Petra'],
    ['واس', 'SPA'],
    ['وام', 'WAM'],
    ['سانا', 'SANA'],
    ['بنا', 'BNA'],
    ['العُمانية', 'ONA'],
    ['واع', 'INA'],
    ['سونا', 'SUNA'],
    ['سبأ', 'SABA'],
    ['وال', 'LANA'],
    ['ومع', 'MAP'],
    ['و.م.ع', 'MAP'],
    ['واج', 'APS'],
    ['وات', 'TAP'],
    ['الأناضول', 'Anadolu'],
    ['شينخوا', 'Xinhua'],
    ['سبوتنيك', 'Sputnik'],
    ['تاس', 'TASS'],
    ['إرنا', 'IRNA'],
    ['يو بي آي', 'UPI'],
    ['أسوشيتد برس', 'AP'],
    ['أ ب', 'AP'],
    ['Kuwait News Agency', 'KUNA'],
    ['Agence France-Presse', 'AFP'],
    ['AA', 'Anadolu'],
  ])('%s is %s', (name, code) => {
    expect(lookupAgency(name)?.code).toBe(code);
  });

  it('reads a name that is also a city or a word as an outlet only when quoted', () => {
    expect(lookupAgency('الخليج')).toBeNull();
    expect(lookupAgency('«الخليج»')?.code).toBe('Al Khaleej');
    expect(lookupAgency('الرياض')).toBeNull();
    expect(lookupAgency('دبا')).toBeNull();
    expect(matchDateline('Aa - the word is no agency here.')).toBeNull();
  });
});

type Expected = { place?: string | null; agency?: string | null; agencyCode?: string | null; outlet?: string; date?: string | null };

describe('dateline shapes', () => {
  it.each<[string, string, Expected, string]>([
    ['PLACE - AGENCY', 'عمان - بترا', { place: 'عمان', agencyCode: 'Petra', date: null }, ''],
    ['PLACE -AGENCY', 'عمان -بترا', { place: 'عمان', agencyCode: 'Petra' }, ''],
    ['PLACE ـ AGENCY (tatweel as a dash)', 'أنقرة ـ د.ب.أ', { place: 'أنقرة', agencyCode: 'DPA' }, ''],
    ['PLACE-AGENCY with a qualified place', 'القدس المحتلة-سانا', { place: 'القدس المحتلة', agencyCode: 'SANA' }, ''],
    ['PLACE - AGENCY- run-in', 'الدوحة - قنا- افتتح الوزير اليوم معرضا للكتاب في المدينة.', { place: 'الدوحة', agencyCode: 'QNA' }, 'افتتح الوزير اليوم معرضا للكتاب في المدينة.'],
    ['PLACE AGENCY- (no separator between)', 'بيروت معا- قالت وزارة الصحة إن المستشفى استقبل عشرة جرحى.', { place: 'بيروت', agencyCode: 'MAAN' }, 'قالت وزارة الصحة إن المستشفى استقبل عشرة جرحى.'],
    ['PLACE (AGENCY) running into the sentence', 'بيروت (أ ف ب) أعلن الجيش اللبناني الأحد فتح طريق جديد.', { place: 'بيروت', agencyCode: 'AFP' }, 'أعلن الجيش اللبناني الأحد فتح طريق جديد.'],
    ['PLACE (AGENCY) spelled without hamza', 'باريس (ا ف ب) - أغلقت الشرطة الشارع.', { place: 'باريس', agencyCode: 'AFP' }, 'أغلقت الشرطة الشارع.'],
    ['PLACE - (AGENCY):', 'القاهرة - (أ ش أ): أعلنت الوزارة خطة جديدة للنقل العام في العاصمة.', { place: 'القاهرة', agencyCode: 'MENA' }, 'أعلنت الوزارة خطة جديدة للنقل العام في العاصمة.'],
    ['PLACE في D MONTH /AGENCY/', 'رام الله في 12 مارس /أ ش أ/ أكد الوزير أن الطريق سيفتح غدا.', { place: 'رام الله', agencyCode: 'MENA', date: '--03-12' }, 'أكد الوزير أن الطريق سيفتح غدا.'],
    ['PLACE في D MONTH /AGENCY/ (Gulf)', 'بكين في 3 فبراير /قنا/ ارتفع الإنتاج الصناعي في الصين.', { place: 'بكين', agencyCode: 'QNA', date: '--02-03' }, 'ارتفع الإنتاج الصناعي في الصين.'],
    ['PLACE - D - M (AGENCY) --', 'الكويت - 3 - 11 (كونا) -- قال مسؤول إن البورصة أغلقت مرتفعة.', { place: 'الكويت', agencyCode: 'KUNA', date: '--11-03' }, 'قال مسؤول إن البورصة أغلقت مرتفعة.'],
    ['PLACE D-M-YYYY AGENCY-', 'رام الله 15-3-2021 وفا- استقبل الرئيس وفدا برلمانيا.', { place: 'رام الله', agencyCode: 'WAFA', date: '2021-03-15' }, 'استقبل الرئيس وفدا برلمانيا.'],
    ['PLACE D Levantine-MONTH YYYY (AGENCY)', 'بكين 12 كانون الثاني 2022 (شينخوا) أعلنت الحكومة خطة للطاقة.', { place: 'بكين', agencyCode: 'Xinhua', date: '2022-01-12' }, 'أعلنت الحكومة خطة للطاقة.'],
    ['PLACE D Maghrebi-MONTH YYYY (AGENCY) -', 'الجزائر 5 جانفي 2020 (واج) - انطلقت اليوم حملة التلقيح.', { place: 'الجزائر', agencyCode: 'APS', date: '2020-01-05' }, 'انطلقت اليوم حملة التلقيح.'],
    ['Arabic-Indic digits', 'تونس ١٢ مارس ٢٠٢١ (وات) - افتتح معرض الكتاب.', { place: 'تونس', agencyCode: 'TAP', date: '2021-03-12' }, 'افتتح معرض الكتاب.'],
    ['PLACE-D MONTH YYYYم (AGENCY)', 'رام الله-16 يناير 2023م (وام)', { place: 'رام الله', agencyCode: 'WAM', date: '2023-01-16' }, ''],
    ['Hijri with الموافق', 'الرياض 10 رجب 1440 هـ الموافق 17 مارس 2019 م واس', { place: 'الرياض', agencyCode: 'SPA', date: '2019-03-17' }, ''],
    ['PLACE / AGENCY /', 'رام الله / سما /', { place: 'رام الله', agencyCode: 'SAMA' }, ''],
    ['PLACE//AGENCY//', 'صنعاء//سبأ//', { place: 'صنعاء', agencyCode: 'SABA' }, ''],
    ['(AGENCY) –', '(كونا) – فاز النادي في المباراة النهائية للبطولة.', { place: null, agencyCode: 'KUNA' }, 'فاز النادي في المباراة النهائية للبطولة.'],
    ['AGENCY first, no place, no separator', 'أ ش أ أعلنت وزارة الصحة اليوم عن حملة جديدة للتطعيم.', { place: null, agencyCode: 'MENA' }, 'أعلنت وزارة الصحة اليوم عن حملة جديدة للتطعيم.'],
    ['AGENCY:body with no space', 'رويترز:قال مسؤول في الشركة إن الإنتاج سيرتفع.', { place: null, agencyCode: 'Reuters' }, 'قال مسؤول في الشركة إن الإنتاج سيرتفع.'],
    ['PLACE: «OUTLET»', 'دبي: «الخليج»', { place: 'دبي', agencyCode: 'Al Khaleej', outlet: 'الخليج' }, ''],
    ['OUTLET – AGENCY: (site and agency)', 'سبق – واس:', { place: null, agencyCode: 'SPA', outlet: 'سبق' }, ''],
    ['PLACE، "OUTLET" - AGENCY -', 'الكويت، "الحياة" - رويترز - ارتفعت الأسهم في السوق أمس.', { place: 'الكويت', agencyCode: 'Reuters', outlet: 'الحياة' }, 'ارتفعت الأسهم في السوق أمس.'],
    ['PLACE – unregistered OUTLET', 'الخرطوم – النيل نيوز', { place: 'الخرطوم', agency: 'النيل نيوز', agencyCode: null, outlet: 'النيل نيوز' }, ''],
    ['OUTLET| (unregistered site)', 'المدينة نيوز|', { place: null, agency: 'المدينة نيوز', outlet: 'المدينة نيوز' }, ''],
    ['PLACE, region (AGENCY)--', 'دبي، الإمارات العربية المتحدة (CNN)-- افتتح المعرض أبوابه.', { place: 'دبي', agencyCode: 'CNN' }, 'افتتح المعرض أبوابه.'],
    ['place that is also a newspaper, beside another credit', '"عكاظ" (الرياض)', { place: 'الرياض', agencyCode: 'Okaz' }, ''],
    ['PLACE (AGENCY) - English', 'BEIRUT (AP) — The army opened the road on Sunday.', { place: 'BEIRUT', agencyCode: 'AP' }, 'The army opened the road on Sunday.'],
    ['PLACE, MONTH D (AGENCY) -', 'DAMASCUS, March 3 (Reuters) - The ministry said prices would fall.', { place: 'DAMASCUS', agencyCode: 'Reuters', date: '--03-03' }, 'The ministry said prices would fall.'],
    ['PLACE (AA) -', 'ANKARA (AA) - The parliament met on Monday.', { place: 'ANKARA', agencyCode: 'Anadolu' }, 'The parliament met on Monday.'],
    ['Place, AGENCY-', 'Damascus, SANA- The governor opened a school.', { place: 'Damascus', agencyCode: 'SANA' }, 'The governor opened a school.'],
    ['PLACE, MONTH D - (no agency)', 'NEW YORK, Feb 26 - Shares rose in early trade.', { place: 'NEW YORK', agency: null, date: '--02-26' }, 'Shares rose in early trade.'],
    ['PLACE, D MONTH YYYY (AGENCY) –', 'ABU DHABI, 14 May 2022 (WAM) – The council met today.', { place: 'ABU DHABI', agencyCode: 'WAM', date: '2022-05-14' }, 'The council met today.'],
    ['PLACE:', 'KUWAIT: The cabinet approved the budget on Monday.', { place: 'KUWAIT', agency: null }, 'The cabinet approved the budget on Monday.'],
    ['credit prefix (SITE- AGENCY) PLACE, MONTH D (AGENCY) --', '(SITE- Kuwait News Agency (KUNA)) KUWAIT, Dec 2 (KUNA) -- The dinar held steady.', { place: 'KUWAIT', agencyCode: 'KUNA', date: '--12-02' }, 'The dinar held steady.'],
  ])('%s: %s', (_shape, line, expected, rest) => {
    const found = matchDateline(line);
    expect(found?.dateline).toMatchObject(expected);
    expect(found?.rest).toBe(rest);
    // Separators are never part of the place.
    expect(found?.dateline.place ?? '').not.toMatch(/[-–—ـ:/|،,]$/);
  });

  it('reads a reporter dateline: the place, and the reporter as a byline', () => {
    const parsed = parseDatelineHead('القاهرة - أحمد علي:');
    expect(parsed?.dateline).toMatchObject({ place: 'القاهرة', agency: null });
    expect(parsed?.reporters).toEqual(['أحمد علي']);
  });

  it.each([
    ['كتب: محمد حسن', ['محمد حسن']],
    ['بقلم: سامر خليل', ['سامر خليل']],
    ['By John Harris', ['John Harris']],
  ])('reads a byline line: %s', (line, names) => {
    const parsed = parseDatelineHead(line);
    expect(parsed?.dateline ?? null).toBeNull();
    expect(parsed?.reporters).toEqual(names);
  });

  it.each([
    'الخارجية الروسية: موسكو مستعدة للحوار مع واشنطن',
    'دمشق، 1 ديسمبر 2024.',
    'ونقلت صحيفة «الراي» عن مصدر قوله إن الاجتماع انتهى.',
    'أكدت وكالة الأنباء الكويتية أن الخبر غير صحيح.',
    'OPEC MAY HAVE TO MEET TO FIRM PRICES - ANALYSTS',
    'الدينار الكويتي (الإنترنت)',
  ])('is not a dateline: %s', (line) => {
    expect(matchDateline(line)).toBeNull();
  });
});

describe('a desk that signs the story after the outlet', () => {
  it.each([
    ['صدى المدينة - المحرر الاقتصادي', 'صدى المدينة', 'المحرر الاقتصادي'],
    ['نبض الخليج – محرر الشؤون المحلية', 'نبض الخليج', 'محرر الشؤون المحلية'],
  ])('%s', (line, outlet, desk) => {
    const parsed = parseDatelineHead(line);
    expect(parsed?.dateline).toMatchObject({ agency: outlet, place: null });
    expect(parsed?.reporters).toEqual([desk]);
  });

  it('gives the byline of the record', () => {
    const record = extract('صدى المدينة - المحرر الاقتصادي\nارتفعت أسعار الذهب في السوق المحلية اليوم بنسبة طفيفة مع زيادة الطلب من التجار في موسم الأعراس.');
    expect(record.byline?.names).toEqual(['المحرر الاقتصادي']);
  });
});
