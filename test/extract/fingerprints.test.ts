/** sha256 of the bytes, and a simhash that keeps re-published stories close. */
import { describe, expect, it } from 'vitest';
import { hammingDistance, sha256Hex, simhash, simhashTokens } from '../../shared/extract/fingerprints';
import { extract } from './helpers';

const WIRE = `الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس
افتتح أمير المنطقة اليوم مشروع توسعة المستشفى العام الذي يضم ثلاثمئة سرير جديد وأقساماً متخصصة لأمراض القلب والكلى والأورام.
وأوضح مدير الشؤون الصحية في المنطقة أن المشروع استغرق ثلاث سنوات وبلغت كلفته أكثر من مئتي مليون ريال، مشيراً إلى أنه سيخدم سكان المحافظات المجاورة.
وأضاف أن المستشفى سيبدأ استقبال المرضى في الأقسام الجديدة مطلع الشهر المقبل بعد اكتمال تجهيز غرف العمليات والعناية المركزة.
وأشار إلى أن الوزارة تعمل على توظيف مئات الأطباء والممرضين لتشغيل المبنى الجديد بكامل طاقته قبل نهاية العام.
`;

/** The same story as a newspaper re-publishes it: own dateline, diacritics, a changed sentence. */
const REPUBLISHED = `الرياض - صحيفة المدينة
افتتح أمير المنطقة اليومَ مشروعَ توسعة المستشفى العام الذي يضم ثلاثمئة سرير جديد وأقساماً متخصصة لأمراض القلب والكلى والأورام.
وأوضح مدير الشؤون الصحية في المنطقة أن المشروع استغرق ثلاث سنوات وبلغت كلفته أكثر من مئتي مليون ريال، مشيراً إلى أنه سيخدم سكان المحافظات المجاورة.
وأضاف أن المستشفى سيبدأ استقبال المرضى في الأقسام الجديدة خلال الأسابيع المقبلة بعد اكتمال تجهيز غرف العمليات والعناية المركزة.
وأشار إلى أن الوزارة تعمل على توظيف مئات الأطباء والممرضين لتشغيل المبنى الجديد بكامل طاقته قبل نهاية العام.
`;

const UNRELATED = `جدة 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس
وصلت إلى ميناء جدة الإسلامي اليوم أولى سفن الحاويات العملاقة ضمن خط ملاحي جديد يربط الميناء بموانئ شرق آسيا وأوروبا.
وقال رئيس المؤسسة العامة للموانئ إن الخط الجديد سيختصر زمن الشحن ويخفض كلفة النقل على المستوردين والمصدرين في المملكة.
وبين أن الميناء يستقبل سنوياً أكثر من خمسة آلاف سفينة ويعد من أكبر موانئ البحر الأحمر من حيث الطاقة الاستيعابية.
`;

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('simhash', () => {
  it('is 16 hex digits, and empty for no words', () => {
    expect(simhash(simhashTokens('كلمة واحدة فقط هنا').tokens)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash([])).toBe('');
  });

  it('ignores diacritics, tatweel, hamza forms and case', () => {
    const plain = simhash(simhashTokens('احمد ذهب الى المدرسه في الصباح مع اخيه').tokens);
    const marked = simhash(simhashTokens('أحمدُ ذهبَ إلى المدرســة في الصباحِ مع أخيه').tokens);
    expect(marked).toBe(plain);
    expect(simhash(simhashTokens('The Quick Brown Fox').tokens)).toBe(simhash(simhashTokens('the quick brown fox').tokens));
  });

  it('keeps word order: a shuffled text is a different text', () => {
    const words = 'one two three four five six seven eight nine ten eleven twelve'.split(' ');
    expect(simhash(words)).not.toBe(simhash([...words].reverse()));
  });

  it('puts a re-published story near its original and an unrelated one far away', () => {
    const original = extract(WIRE).fingerprints.simhash;
    const copy = extract(REPUBLISHED).fingerprints.simhash;
    const other = extract(UNRELATED).fingerprints.simhash;
    expect(hammingDistance(original, copy)).toBeLessThanOrEqual(12);
    expect(hammingDistance(original, other)).toBeGreaterThan(20);
  });

  it('measures Hamming distance', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('', '0000000000000000')).toBe(64);
  });
});
