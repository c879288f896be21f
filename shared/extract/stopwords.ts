/**
 * Words that are never keywords: function words, pronouns, auxiliaries, reporting verbs, time
 * words and numerals, in Arabic and English. Written for Dateline (not taken from a list
 * elsewhere). Arabic entries are compared in their matching form (normalizeArabic: أ/إ/آ -> ا,
 * ة -> ه, ى -> ي) after clitics are stripped, so `وفي`, `بأن`, `وقال` meet `في`, `أن`, `قال`.
 */
import { normalizeArabic } from './arabic';

const ARABIC = `
في من إلى الى على عن مع ب ل ك و ف ثم أو أم بل لكن لكنه لكنها ولكن إلا الا غير سوى حتى إذ إذا اذا إذن لو لولا كي لكي
أن إن أنه أنها أنهم إنه إنها إنهم أنّ لأن كأن كأنه ليت لعل قد لقد سوف سـ لم لن لا ما ماذا متى أين كيف هل لماذا كم أي أيّ
هو هي هم هما هن أنا نحن أنت أنتم انتم أنتما أنتن إياه إياها إياهم نفسه نفسها أنفسهم ذاته ذاتها
هذا هذه هذان هاتان هؤلاء ذلك تلك ذلكم أولئك ذاك هنا هناك هنالك ها
الذي التي الذين اللذين اللتين اللذان اللتان اللاتي اللواتي اللائي من ما
له لها لهم لهما لهن لنا لي لك لكم منه منها منهم منهما منا فيه فيها فيهم فيهما به بها بهم بهما عنه عنها عنهم عليه عليها عليهم
إليه إليها إليهم معه معها معهم معهما لديه لديها لديهم عنده عندها عندهم بينه بينها بينهم بينهما
بين ضمن لدى عبر حول دون تحت فوق أمام خلف وراء جانب حيث بينما كما كذلك أيضا أيضاً فقط قط جدا جداً تماما نحو حوالي قرابة
وفق وفقا طبقا إطار خلال عند عندما حين حينما منذ أثناء قبل بعد بعدما قبيل عقب لدى إثر جراء بسبب نتيجة رغم برغم مقابل
كل كلا كلتا بعض جميع جميعا عدة عدد أكثر أقل أكبر أغلب معظم مثل مثلا أحد إحدى أخرى آخر آخرى اخرى أخر سائر
كان كانت كانوا كنا يكون تكون يكونون ليس ليست ليسوا أصبح أصبحت صار صارت ظل ظلت مازال مازالت لازال زال تزال يزال
تم يتم تمت سيتم بات باتت يمكن ينبغي يجب
قال قالت يقول تقول وقال أكد أكدت يؤكد وأكد أوضح أوضحت يوضح أشار أشارت يشير أضاف أضافت يضيف ذكر ذكرت يذكر أعلن أعلنت يعلن
بين بينت لفت لفتت تابع تابعت نوه نوهت شدد شددت أفاد أفادت صرح صرحت اعتبر اعتبرت رأى يرى أبدى أعرب أعربت جاء جاءت يأتي
يشار يذكر بدوره بدورها جهته جهتها جهتهم
اليوم أمس غدا الآن حاليا حالياً لاحقا سابقا يوم أيام يومين شهر أشهر شهور سنة سنوات عام أعوام العام الماضي المقبل القادم الجاري
صباح مساء ظهر ليلة ليل
السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة
واحد واحدة اثنان اثنين اثنتان ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثمان ثماني ثمانية تسع تسعة عشر عشرة عشرين
مئة مائة مئات ألف آلاف مليون ملايين مليار
الأول الأولى الثاني الثانية الثالث الثالثة الرابع الرابعة الخامس الخامسة السادس السابع الثامن التاسع العاشر الحادي العشرين الثلاثين
هـ م إلخ الخ د
بن بنت ابن حسب فيما بشكل شكل إضافة خاصة وقت مرة عاما أخيرا الأخيرة الموافق انتهى اعتبارا
يناير فبراير مارس أبريل ابريل مايو يونيو يونية يوليو يولية أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين جانفي فيفري أفريل ماي جوان جويلية أوت
محرم ربيع جمادى شعبان شوال القعدة الحجة ذو ذي غرة
`;

const ENGLISH = `
a about above after again against all almost along already also although always am among an and another any anyone anything
are around as at away be became because become been before being below between both but by can cannot could did do does
doing done down during each either else enough even ever every few for from further had has have having he her here hers
herself him himself his how however i if in into is it its itself just least less like made make many may me might more
most much must my myself neither never no nor not now of off often on once one only onto or other others our ours ourselves
out over own per perhaps rather really same see seen several shall she should since so some something still such than that
the their theirs them themselves then there therefore these they this those though through thus to together too toward
towards under until up upon us very via was we well were what whatever when whenever where whether which while who whoever
whom whose why will with within without would yet you your yours yourself yourselves
said say says saying told tell added according also asked called
mr mrs ms dr st
year years month months week weeks day days today yesterday tomorrow time times ago last next new first second third
two three four five six seven eight nine ten hundred thousand million billion percent cent
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
reuter reuters pct mln dlrs cts vs
`;

const wordsOf = (list: string): string[] => list.split(/\s+/).filter(Boolean);

export const ARABIC_STOPWORDS: ReadonlySet<string> = new Set(wordsOf(ARABIC).map((w) => normalizeArabic(w)));
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(wordsOf(ENGLISH));

/** True for a stopword key (Arabic matching form or lower-case Latin). */
export function isStopword(key: string): boolean {
  return ARABIC_STOPWORDS.has(key) || ENGLISH_STOPWORDS.has(key);
}
