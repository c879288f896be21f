/** Language, script and direction; Arabic, Persian and Urdu told apart; `und` when unsure. */
import { describe, expect, it } from 'vitest';
import { detectLanguageOf } from '../../shared/extract/language';

describe('detectLanguageOf', () => {
  it.each([
    ['ar', 'Arab', 'rtl', 'قال وزير الخارجية إن المحادثات مع الوفد الزائر كانت مثمرة وإن اللقاء المقبل سيعقد في الشهر القادم.'],
    ['ar', 'Arab', 'rtl', 'أعلنت وزارة الصحة التونسية اليوم عن حملة تلقيح في كل الولايات خلال شهر جانفي.'],
    ['fa', 'Arab', 'rtl', 'رئیس جمهور روز گذشته در جلسه هیئت دولت گفت که برنامه‌های اقتصادی باید سریع‌تر اجرا شود.'],
    ['fa', 'Arab', 'rtl', 'این گزارش نشان می‌دهد که قیمت نان در شهرهای بزرگ کشور افزایش یافته است.'],
    ['ur', 'Arab', 'rtl', 'حکومت نے اعلان کیا ہے کہ اگلے ماہ سے بجلی کی قیمتوں میں کمی کی جائے گی۔'],
    ['ur', 'Arab', 'rtl', 'پولیس کے مطابق شہر میں ہونے والے دھماکے میں تین افراد زخمی ہوئے ہیں۔'],
    ['en', 'Latn', 'ltr', 'The minister said the talks had been useful and that the next meeting would be held in the spring.'],
    ['fr', 'Latn', 'ltr', 'Le ministre a déclaré que les discussions avaient été utiles et que la prochaine réunion aurait lieu au printemps.'],
    ['de', 'Latn', 'ltr', 'Der Minister sagte, die Gespräche seien nützlich gewesen und das nächste Treffen werde im Frühjahr stattfinden.'],
    ['es', 'Latn', 'ltr', 'El ministro dijo que las conversaciones fueron útiles y que la próxima reunión se celebrará en la primavera.'],
    ['ru', 'Cyrl', 'ltr', 'Министр заявил, что переговоры были полезными и что следующая встреча состоится весной.'],
    ['he', 'Hebr', 'rtl', 'השר אמר כי השיחות היו מועילות וכי הפגישה הבאה תתקיים באביב.'],
    ['zh', 'Hani', 'ltr', '部长表示会谈很有成效，下次会议将于春季举行。'],
    ['ja', 'Jpan', 'ltr', '大臣は、協議は有益であり、次の会合は春に開かれると述べた。'],
  ])('%s (%s, %s): %s', (code, script, direction, text) => {
    const language = detectLanguageOf(text);
    expect(language).toMatchObject({ code, script, direction });
    expect(language.confidence).toBeGreaterThan(0);
    expect(language.confidence).toBeLessThanOrEqual(1);
  });

  it('is Arabic even with a Persian letter in a foreign name', () => {
    expect(detectLanguageOf('استقبل الرئيس اليوم المبعوث الخاص بيتر گرين في القصر الجمهوري وبحث معه تطورات الأوضاع في المنطقة.').code).toBe('ar');
  });

  it.each([
    ['empty text', ''],
    ['digits and punctuation only', '2015 - 10/08 ... 42 %'],
    ['too few letters', 'OK 12'],
    ['Latin without a language signal', 'Xq zvrt plomk wexd ytrr gnnp qwf lkjh zzpt'],
  ])('is und for %s', (_what, text) => {
    const language = detectLanguageOf(text);
    expect(language.code).toBe('und');
    expect(language.confidence).toBe(0);
  });

  it('keeps the script when the language is undecided', () => {
    expect(detectLanguageOf('Xq zvrt plomk wexd ytrr gnnp qwf lkjh zzpt')).toMatchObject({ code: 'und', script: 'Latn', direction: 'ltr' });
  });
});
