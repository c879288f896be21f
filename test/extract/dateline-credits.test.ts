/**
 * Agencies credited outside the head dateline (articles written for these tests): a credit in
 * the closing lines (any registry spelling, bracketed, after `المصدر:`, as a hashtag), the
 * story's own sentence-final attribution to a wire agency, and a credit line above the place line.
 */
import { describe, expect, it } from 'vitest';
import { extract } from './helpers';

const BODY_AR = 'افتتحت البلدية صباح اليوم حديقة عامة جديدة على مساحة عشرة دونمات في الحي الشرقي من المدينة.\nوتضم الحديقة ملاعب للأطفال ومسارات للمشي وأكثر من ثلاثمئة شجرة زرعها متطوعون خلال الشهر الماضي.';
const BODY_EN = 'The port authority opened a second container terminal on Monday, doubling the capacity of the harbour.\nThe terminal can handle ships of up to 300 metres and will employ about 400 people.';

describe('a wire agency credited in the closing lines', () => {
  it.each([
    ['after المصدر:, with the agency word and a tanween', 'المصدر: وكالة وفا', 'WAFA'],
    ['as a hashtag among topic tags', '#قنا #الدوحة #حدائق', 'QNA'],
    ['in brackets after a dash', '–(كونا)', 'KUNA'],
    ['dotted initials', 'أ.ف.ب', 'AFP'],
  ])('an outlet dateline takes the agency credited %s', (_what, trailer, code) => {
    const record = extract(`عمان - صوت المدينة\n${BODY_AR}\n${trailer}`);
    expect(record.dateline).toMatchObject({ place: 'عمان', agencyCode: code, outlet: 'صوت المدينة' });
  });

  it('looks past a site address on the last line', () => {
    const record = extract(`الدوحة _ نبض الخليج\n${BODY_AR}\n#بترا #الأردن\nnabd-example.com`);
    expect(record.dateline).toMatchObject({ place: 'الدوحة', agencyCode: 'Petra' });
  });

  it('fills a place-only dateline', () => {
    const record = extract(`بيروت -\n${BODY_AR}\n(رويترز)`);
    expect(record.dateline).toMatchObject({ place: 'بيروت', agencyCode: 'Reuters' });
  });

  it('leaves a head wire agency alone', () => {
    const record = extract(`دمشق - سانا\n${BODY_AR}\nالمصدر: وكالة معا`);
    expect(record.dateline).toMatchObject({ place: 'دمشق', agencyCode: 'SANA' });
  });

  it('does not credit a topic hashtag that is no agency', () => {
    const record = extract(`عمان - صوت المدينة\n${BODY_AR}\n#الأردن #حدائق`);
    expect(record.dateline?.agencyCode ?? null).toBeNull();
  });
});

describe('a sentence-final attribution to a wire agency', () => {
  it.each([
    ['وفق', 'وارتفع سعر الصرف بنسبة طفيفة في ختام التداول، وفق وكالة كونا للأنباء.', 'KUNA'],
    ['نقلا عن', 'وسجلت المحطة أعلى حرارة منذ عشر سنوات، نقلا عن وكالة الأنباء القطرية.', 'QNA'],
    ['بحسب', 'وبلغ عدد الزوار نحو عشرين ألفا، بحسب وام.', 'WAM'],
  ])('credits the agency of a place-only or outlet dateline (%s)', (_marker, sentence, code) => {
    const record = extract(`القاهرة: «نبض الخليج»\n${BODY_AR}\n${sentence}\nوتفتح الحديقة أبوابها يوميا من الثامنة صباحا.`);
    expect(record.dateline).toMatchObject({ place: 'القاهرة', agencyCode: code });
  });

  it('reads the English form: `…, the Oman News Agency, ONA, reported.`', () => {
    const record = extract(`MUSCAT —\n${BODY_EN}\nThe ministry said the terminal would open to traffic in spring, the Oman News Agency, ONA, reported.\nMore news later.`);
    expect(record.dateline).toMatchObject({ place: 'MUSCAT', agencyCode: 'ONA' });
  });

  it('reads `according to` at the end of a sentence', () => {
    const record = extract(`DOHA:\n${BODY_EN}\nThe work cost about 90 million dollars, according to Qatar News Agency.`);
    expect(record.dateline).toMatchObject({ place: 'DOHA', agencyCode: 'QNA' });
  });

  it('does not take an agency that a sentence opens with as its source', () => {
    const record = extract(`بيروت - صوت المدينة\n${BODY_AR}\nوذكرت وكالة الأنباء القطرية أن "الحديقة ستفتح للعموم".`);
    expect(record.dateline?.agencyCode ?? null).toBeNull();
  });

  it('does not credit a story without a dateline', () => {
    const record = extract(`${BODY_AR}\nوارتفع سعر الصرف بنسبة طفيفة في ختام التداول، وفق وكالة كونا للأنباء.`);
    expect(record.dateline).toBeNull();
  });
});

describe('a credit line above the place line', () => {
  it('takes the place from the next line and the agency from the credit', () => {
    const record = extract(`(MENAFN- Gulf Daily) KUNA\n\nKuwait: ${BODY_EN}`);
    expect(record.dateline).toMatchObject({ place: 'Kuwait', agencyCode: 'KUNA' });
    expect(record.lead).toMatch(/^The port authority/);
  });

  it('in Arabic', () => {
    const record = extract(`وكالة الأنباء الأردنية\nعمان - ${BODY_AR}`);
    expect(record.dateline).toMatchObject({ place: 'عمان', agencyCode: 'Petra' });
  });
});
