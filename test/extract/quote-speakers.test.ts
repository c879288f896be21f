/**
 * Who said a quote, per family (articles written for these tests): a verb or participle with no
 * subject of its own continues the previous quote's speaker; a definite noun (`المصدر`) takes
 * up the indefinite subject it refers to; a role names the person written after the same role
 * earlier; `نقل … عن X` and `بحسب X` quote X; a subject in quotation marks speaks; a speaker
 * after the quote.
 */
import { describe, expect, it } from 'vitest';
import { extract } from './helpers';

const speakers = (text: string) => extract(text).quotes.map((q) => [q.text.split(' ').slice(0, 2).join(' '), q.speaker]);

describe('a verb with no subject continues the previous speaker', () => {
  it('وأضاف and a participle after a named speaker, across paragraphs', () => {
    const text = [
      'عمان - بترا',
      'قال وزير الزراعة خالد المومني إن "موسم الزيتون هذا العام أفضل من العام الماضي بكثير".',
      'ثم زار الوزير مزرعة نموذجية في محافظة جرش برفقة عدد من المزارعين والخبراء.',
      'وأضاف: "سنوزع الأشجار الجديدة على المزارعين مجانا"، مبينا أن "التوزيع يبدأ الأسبوع المقبل في كل المحافظات".',
    ].join('\n');
    expect(speakers(text)).toEqual([
      ['موسم الزيتون', 'خالد المومني'],
      ['سنوزع الأشجار', 'خالد المومني'],
      ['التوزيع يبدأ', 'خالد المومني'],
    ]);
  });

  it('a person named after the previous quote speaks instead', () => {
    const text = [
      'الدوحة - قنا',
      'قال الوزير خالد المومني إن "الموسم جيد جدا هذا العام في كل المناطق".',
      'وبعد ذلك تحدثت الدكتورة فاطمة محمد الزهراني عن المياه، وقالت: "المياه الجوفية في تراجع مستمر منذ سنوات".',
    ].join('\n');
    expect(speakers(text)[1]).toEqual(['المياه الجوفية', 'فاطمة محمد الزهراني']);
  });
});

describe('a definite noun takes up the subject it refers to', () => {
  it('المصدر is the source first written in full', () => {
    const text = [
      'بغداد (د ب أ)',
      'كشف مصدر في وزارة النقل العراقية عن افتتاح ثلاثة جسور جديدة في العاصمة.',
      'ونقل موقع "نبض المدينة" صباح اليوم عن المصدر القول إن "الجسور ستخفف الزحام في وسط المدينة".',
      'وأضاف المصدر، الذي طلب عدم ذكر اسمه، أن "العمل في الجسر الرابع سيبدأ في الربيع المقبل".',
    ].join('\n');
    expect(speakers(text)).toEqual([
      ['الجسور ستخفف', 'مصدر في وزارة النقل العراقية'],
      ['العمل في', 'مصدر في وزارة النقل العراقية'],
    ]);
  });
});

describe('a role names the person written after it earlier', () => {
  it('وأضاف الرئيس التونسي', () => {
    const text = [
      'تونس - وات',
      'استقبل الرئيس التونسي محمد العربي وفدا من رجال الأعمال في القصر الرئاسي صباح اليوم.',
      'وناقش الجانبان سبل التعاون في مجالات الطاقة والتعليم والنقل البحري.',
      'وأضاف الرئيس التونسي أن "أبواب بلادنا مفتوحة للمستثمرين من كل مكان".',
    ].join('\n');
    expect(speakers(text)).toEqual([['أبواب بلادنا', 'محمد العربي']]);
  });
});

describe('sources named by a preposition', () => {
  it('بحسب after the quote names the speaker; بحسب تصريحات names only the medium', () => {
    const text = [
      'القاهرة - أ ش أ',
      'أعلنت الهيئة العامة للأرصاد الجوية عن موجة حارة، وقالت إن "الحرارة ستتجاوز أربعين درجة في الجنوب"، بحسب الهيئة العامة للأرصاد الجوية.',
    ].join('\n');
    expect(speakers(text)[0]?.[1]).toBe('الهيئة العامة للأرصاد الجوية');
  });
});

describe('a subject in quotation marks', () => {
  it('وقالت "كونا" then وأضافت and ونوهت carry it on', () => {
    const text = [
      'الكويت',
      'نفت وكالة الأنباء الكويتية صحة خبر نشر باسمها على مواقع التواصل مساء أمس.',
      'وقالت "كونا" في بيان: "لم ننشر أي خبر عن هذا الموضوع على الإطلاق".',
      'وأضافت: "سنلاحق من يقف وراء الخبر أمام القضاء المختص".',
      'ونوهت إلى أنها "تعمل مع الجهات المختصة لمعرفة مصدر الخبر".',
    ].join('\n');
    const got = speakers(text).map(([, speaker]) => speaker);
    expect(got).toHaveLength(3);
    for (const speaker of got) expect(['كونا', 'وكالة الأنباء الكويتية']).toContain(speaker);
  });
});

describe('a rank then a name ends a long subject', () => {
  it('رئيس القسم … العقيد فلان', () => {
    const text = [
      'بغداد - نينا',
      'وقال مدير قسم الإعلام والعلاقات العامة في المديرية العقيد سامر نوري الجبوري في مؤتمر صحفي: "الطرق الرئيسية كلها مفتوحة أمام المسافرين منذ الصباح".',
    ].join('\n');
    // The name as written after the rank (the entity tagger may read a shorter one).
    const [quote] = extract(text).quotes;
    expect(quote?.speaker).toMatch(/^سامر نوري/);
  });
});

describe('short phrases', () => {
  it('a short phrase inside what a speech verb reports is a quote of the speaker', () => {
    const text = [
      'بكين - شينخوا',
      'قالت وزارة الخارجية الصينية، اليوم الخميس، إنها وجهت «تحذيراً شديداً» إلى الجهات المعنية بعد الحادث.',
    ].join('\n');
    expect(speakers(text)).toEqual([['تحذيراً شديداً', 'وزارة الخارجية الصينية']]);
  });

  it('a participle carries the speaker to a second phrase', () => {
    const text = ['دمشق - سانا', 'وأكد الوزير خالد المومني أن المزارعين لن يكونوا "وحدهم"، مضيفا أن الموسم سيكون موسم "خير وبركة" للجميع.'].join('\n');
    expect(speakers(text)).toEqual([
      ['وحدهم', 'خالد المومني'],
      ['خير وبركة', 'خالد المومني'],
    ]);
  });

  it('a quoted place or name inside reported speech stays a name', () => {
    const text = ['دمشق - سانا', 'وأكد الوزير خالد المومني أن الفرق وصلت إلى مدينة "حماة" صباح اليوم لإصلاح الشبكة في الأحياء الشرقية.'].join('\n');
    expect(extract(text).quotes).toEqual([]);
  });
});

describe('a quote opened after a colon and never closed', () => {
  it('runs to the end of its paragraph', () => {
    const text = ['عمان - بترا', 'وقال الوزير خالد المومني في مؤتمر صحفي:" إن الموسم سيكون جيدا في كل المحافظات، وإن الأسعار ستبقى مستقرة', 'وتابع الوزير جولته في المحافظة.'].join('\n');
    const quotes = extract(text).quotes;
    expect(quotes).toHaveLength(1);
    expect(quotes[0]).toMatchObject({ text: 'إن الموسم سيكون جيدا في كل المحافظات، وإن الأسعار ستبقى مستقرة', speaker: 'خالد المومني' });
  });

  it('a stray mark with no colon before it is still ignored', () => {
    expect(extract('عمان - بترا\nوقال الوزير خالد المومني " إن الموسم سيكون جيدا في كل المحافظات هذا العام').quotes).toEqual([]);
  });
});

describe('a speaker after the quote', () => {
  it('`"…," Surname said` is the person named in full earlier', () => {
    const text = 'LONDON (Reuters) -\nCouncil leader Anna Kowalczyk met residents on Monday to discuss the flood damage.\n"We will rebuild the bridge within a year," Kowalczyk said.';
    expect(extract(text).quotes[0]?.speaker).toBe('Anna Kowalczyk');
  });

  it('`"…," Surname told reporters` with nobody named before is the name as written', () => {
    const text = 'LONDON (Reuters) -\nThe council met on Monday to discuss the flood damage.\n"We will rebuild the bridge within a year," Kowalczyk told reporters.';
    expect(extract(text).quotes[0]?.speaker).toBe('Kowalczyk');
  });

  it('`"…"، قال X` with a subject no entity names', () => {
    const text = 'عمان - بترا\nتضررت المحاصيل في الأغوار بسبب موجة الصقيع الأخيرة.\n"خسرنا نصف المحصول هذا العام" قال مصدر في وزارة الزراعة.';
    expect(extract(text).quotes[0]?.speaker).toBe('مصدر في وزارة الزراعة');
  });
});

describe('a statement speaks for whoever issued it', () => {
  it.each([
    ['أصدرت وزارة الصحة المصرية بيانا اليوم حول انتشار الحمى الموسمية في المحافظات.', 'وأكد البيان'],
    ['وجاء في بيان صادر عن وزارة الصحة المصرية اليوم أن الحمى تنتشر في المحافظات.', 'وأضاف البيان'],
  ])('%s / %s', (first, cue) => {
    const text = `القاهرة - أ ش أ\n${first}\n${cue} أن "الوضع تحت السيطرة ولا داعي للقلق بين المواطنين".`;
    expect(extract(text).quotes[0]?.speaker).toBe('وزارة الصحة المصرية');
  });
});
