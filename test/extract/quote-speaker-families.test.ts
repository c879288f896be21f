/**
 * Who said a quote, one family of news grammar per test (articles written for these tests,
 * names invented): the name set after the subject between commas; a role that must agree with
 * the role a person was named with; a role alone as the speaker; a name no tagger knows at the
 * end of a role; a quoted addressee before the subject; a statement speaking for its issuer;
 * plural statement nouns; a speech verb's noun after a preposition; a quoted subject; titles and
 * names in quotation marks; a second quote of the same sentence; a subjectless verb continuing
 * the subject of the paragraph before.
 */
import { describe, expect, it } from 'vitest';
import { extract } from './helpers';

const speakers = (text: string) => extract(text).quotes.map((q) => [q.text.split(' ').slice(0, 2).join(' '), q.speaker]);
const story = (...paragraphs: string[]) => ['عمان - بترا', ...paragraphs].join('\n');

describe('the subject and the name set after it', () => {
  it('a role, a comma, the name, a comma: the name speaks, not a person of another role', () => {
    const text = story(
      'وصل الرئيس الفرنسي إيمانويل ماكرون إلى العاصمة صباح اليوم في زيارة رسمية تستمر يومين.',
      'وقال رئيس الوزراء البلجيكي، شارل ميشيل، إن "المحادثات مع الجانب الفرنسي كانت مثمرة للغاية".',
    );
    expect(speakers(text)).toEqual([['المحادثات مع', 'شارل ميشيل']]);
  });

  it('the same role written again later names the person of the apposition, not another president', () => {
    const text = story(
      'وصل الرئيس الفرنسي إيمانويل ماكرون إلى العاصمة صباح اليوم في زيارة رسمية تستمر يومين.',
      'واستقبله رئيس الوزراء البلجيكي، شارل ميشيل، في المطار مع عدد من الوزراء.',
      'وأكد رئيس الوزراء البلجيكي أن "العلاقات بين البلدين في أفضل حالاتها منذ سنوات".',
    );
    expect(speakers(text)).toEqual([['العلاقات بين', 'شارل ميشيل']]);
  });
});

describe('between commas after a role: a name only when it looks like one', () => {
  it('a participle phrase, a prepositional phrase or a time adverb between commas is no name: the person of that role speaks', () => {
    const lead = 'قال وزير المالية محمد العلي إن الموازنة الجديدة تخفض العجز في السنة المقبلة.';
    const asides = ['متحدثا للصحفيين', 'مضيفا بوضوح', 'في مؤتمر صحافي', 'أمام النواب', 'اليوم'];
    for (const aside of asides) {
      const text = story(lead, `وقال الوزير، ${aside}، إن "الضرائب لن ترتفع على أصحاب الدخل المحدود هذا العام".`);
      expect(speakers(text), aside).toEqual([['الضرائب لن', 'محمد العلي']]);
    }
  });
});

describe('a role as the speaker', () => {
  it('a role nobody was named with speaks as written', () => {
    const text = story('وأعلن وزير الزراعة والثروة الحيوانية الموريتاني أن "موسم الحصاد سيبدأ في الأسبوع المقبل".');
    expect(speakers(text)).toEqual([['موسم الحصاد', 'وزير الزراعة والثروة الحيوانية الموريتاني']]);
  });

  it('a role ending in a name no tagger knows: the name', () => {
    const text = story('ويقول الباحث الإيطالي كارلوتو بيرانيلي إن "البيانات تظهر تغيرا واضحا في درجات حرارة البحر".');
    expect(speakers(text)).toEqual([['البيانات تظهر', 'كارلوتو بيرانيلي']]);
  });

  it('a definite role with only adjectives stands for the person named with that role', () => {
    const text = story(
      'اجتمع المدرب سمير الحداد مع لاعبي الفريق قبل المباراة النهائية في الملعب البلدي.',
      'وقال المدرب اللبناني إن "اللاعبين جاهزون تماما للمباراة النهائية يوم السبت".',
    );
    expect(speakers(text)).toEqual([['اللاعبين جاهزون', 'سمير الحداد']]);
  });
});

describe('what stands between the verb and its subject', () => {
  it('a quoted addressee: لـ"…" before the name', () => {
    const text = story('وقال لـ"الوطن" المهندس سعد القحطاني: "أعمال الصيانة ستنتهي قبل نهاية الشهر الجاري".');
    expect(speakers(text)).toEqual([['أعمال الصيانة', 'سعد القحطاني']]);
  });

  it('a statement speaks for the body it is of', () => {
    const text = story('وقال بيان لوزارة الصحة الأردنية إن "عدد المراجعين تضاعف خلال الأسبوع الماضي في كل المستشفيات".');
    expect(speakers(text)).toEqual([['عدد المراجعين', 'وزارة الصحة الأردنية']]);
  });

  it('plural statement nouns end the subject: في تغريدات، حسب بيانات', () => {
    const text = story(
      'قالت وزارة الداخلية الأردنية أمس إن الطريق الصحراوي مغلق أمام الشاحنات بسبب الضباب الكثيف.',
      'وأوضحت الوزارة في تغريدات نشرتها على حسابها الرسمي: "الإغلاق يستمر حتى صباح الغد على الأقل".',
    );
    expect(speakers(text)).toEqual([['الإغلاق يستمر', 'وزارة الداخلية الأردنية']]);
  });

  it('a speech verb after a preposition is its noun, not a cue', () => {
    const text = story('وامتنع الوزير خالد المومني عن ذكر اسم المرشح الجديد وقال: "سنعلن الاسم بعد انتهاء المفاوضات مباشرة".');
    expect(speakers(text)).toEqual([['سنعلن الاسم', 'خالد المومني']]);
  });
});

describe('the subject before the verb', () => {
  it('a name, a relative pronoun, the verb; a site spoken to is not the speaker', () => {
    const text = story('وكان بين المنتظرين المشجع العجوز فينتشو باريلا الذي قال لموقع "أخبار الملاعب" إن "الانتظار طويل لكنه يستحق".');
    expect(speakers(text)).toEqual([['الانتظار طويل', 'فينتشو باريلا']]);
  });
});

describe('nobody speaks', () => {
  it('words written on a banner: كتب عليها «…»', () => {
    const text = story('وتجمع المحتجون أمام مبنى البلدية بدعوة من النائب خالد المومني، ورفعوا لافتات كتب عليها «نريد الماء والكهرباء قبل الصيف».');
    expect(speakers(text)).toEqual([['نريد الماء', null]]);
  });
});

describe('names in quotation marks', () => {
  it('a quoted subject speaks and is no quote: قالت صحيفة «…» إن، وقال "…" المكلف …، "…"', () => {
    const text = story(
      'وقالت صحيفة «الأفق الجديد» إن «المفاوضات بين الطرفين توقفت منذ أسبوعين بلا أي تقدم».',
      'وقال "مرصد المياه" المكلف بمراقبة السدود في المملكة، "إن مخزون السدود انخفض إلى النصف هذا العام".',
    );
    expect(speakers(text)).toEqual([
      ['المفاوضات بين', 'الأفق الجديد'],
      ['إن مخزون', 'مرصد المياه'],
    ]);
  });

  it('a short quote followed later by في إشارة إلى أن is a quote, not a quoted subject', () => {
    const text = story(
      'وقال رئيس النقابة سامي الفارس إن العمال سيواصلون الإضراب حتى تلبية مطالبهم.',
      'وقال "لن نتراجع أبدا" في إشارة إلى أن المفاوضات مع الشركة وصلت إلى طريق مسدود.',
    );
    expect(speakers(text)).toEqual([['لن نتراجع', 'سامي الفارس']]);
  });

  it('a title or a body after its class word is no quote', () => {
    const text = story('وعرضت القاعة فيلم "رحلة إلى الجنوب البعيد" بحضور منظمة "أصدقاء البيئة والطبيعة" وعدد من الطلبة.');
    expect(speakers(text)).toEqual([]);
  });
});

describe('the speaker goes on', () => {
  it('a second quote of the same sentence keeps the first speaker: بأن "…" وأن "…"', () => {
    const text = story('وأضاف الوزير خالد المومني بأن الأمطار جاءت "أغزر من كل التوقعات هذا الموسم" وأن السدود القديمة في الجنوب "تحتاج إلى صيانة عاجلة قبل الشتاء".');
    expect(speakers(text)).toEqual([
      ['أغزر من', 'خالد المومني'],
      ['تحتاج إلى', 'خالد المومني'],
    ]);
  });

  it('a continuing verb whose subject names nobody describes the speaker: وتابع مهاجم الفريق', () => {
    const text = story(
      'وقال اللاعب سامر الحوراني للصحافيين بعد التدريب: "لست جاهزا تماما بعد الإصابة".',
      'وتابع مهاجم نادي الفيصلي الأردني: "أحتاج إلى أسبوعين آخرين قبل العودة إلى الملعب".',
    );
    expect(speakers(text)).toEqual([
      ['لست جاهزا', 'سامر الحوراني'],
      ['أحتاج إلى', 'سامر الحوراني'],
    ]);
  });

  it('a verb with no subject and nobody named in its paragraph: the subject of the paragraph before', () => {
    const text = story(
      'وقال رئيس البلدية نبيل عساف إن المشروع يبدأ بعد زيارة الوزير جورج خوري للمنطقة.',
      'وقال في مؤتمر صحافي عقده في مبنى البلدية "نتوقع أن ينتهي العمل في الشارع الرئيسي خلال ستة أشهر".',
    );
    expect(speakers(text)).toEqual([['نتوقع أن', 'نبيل عساف']]);
  });
});

describe('English', () => {
  it('said, then a company and a role, then the name: the name speaks', () => {
    const text = 'LONDON (Reuters) - Harbour Freight Ltd said on Monday it would close two depots.\n"We have to cut costs this year," said Harbour Freight chief executive Nadia Christou.';
    expect(speakers(text)).toEqual([['We have', 'Nadia Christou']]);
  });
});

describe('a quote over several paragraphs', () => {
  it('opened after a speech verb with no colon, closed in the next paragraph: both parts, one speaker', () => {
    const text = story(
      'ويقول أستاذ الموسيقى الدكتور رامي الخطيب "الفرق الموسيقية الصغيرة في المدن البعيدة تعيش على تبرعات الأهالي وحدها.',
      'ولا يصل إليها أي دعم من الوزارة منذ سنوات طويلة".',
      'وافتتح المهرجان مساء أمس بحضور عدد كبير من الزوار.',
    );
    expect(speakers(text)).toEqual([
      ['الفرق الموسيقية', 'رامي الخطيب'],
      ['ولا يصل', 'رامي الخطيب'],
    ]);
  });

  it('an unpaired mark that no speech introduces is no quote', () => {
    const text = story('وعرض المتحف "مجموعة من اللوحات القديمة التي رسمها فنانون من المنطقة في القرن الماضي.');
    expect(speakers(text)).toEqual([]);
  });
});
