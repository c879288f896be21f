/**
 * DATA FILE, written by the Dateline team: the closed-class words entity and quote rules rely
 * on. Arabic entries are written as in running text; lookups normalise them (hamza forms, ة/ه,
 * ى/ي) and strip clitics from the text side, so و/ف/ب/ل forms need no listing.
 */

/** Country and group adjectives (masculine; the feminine ـية form is derived): الروسي، الروسية. */
export const NISBA_STEMS: readonly string[] = [
  'سوري', 'روسي', 'أمريكي', 'عربي', 'تركي', 'إيراني', 'عراقي', 'لبناني', 'مصري', 'سعودي', 'فرنسي', 'بريطاني',
  'ألماني', 'صيني', 'أوكراني', 'إسرائيلي', 'فلسطيني', 'أردني', 'قطري', 'إماراتي', 'كويتي', 'بحريني', 'عماني',
  'يمني', 'ليبي', 'تونسي', 'جزائري', 'مغربي', 'سوداني', 'أفغاني', 'باكستاني', 'هندي', 'ياباني', 'كوري', 'إيطالي',
  'إسباني', 'كندي', 'أوروبي', 'أفريقي', 'إفريقي', 'خليجي', 'دولي', 'أممي', 'آسيوي', 'إسلامي', 'وطني', 'اتحادي',
  'كردي', 'أطلسي', 'شمالي', 'جنوبي', 'إثيوبي', 'يوناني', 'قبرصي', 'بلجيكي', 'هولندي', 'سويسري', 'نمساوي',
  'سويدي', 'بولندي', 'برازيلي', 'مكسيكي', 'فنزويلي', 'كوبي', 'أسترالي', 'إندونيسي', 'ماليزي', 'نيجيري',
  'صومالي', 'موريتاني', 'أرمني', 'أذربيجاني', 'جورجي', 'بيلاروسي', 'تشيكي', 'مجري', 'روماني', 'صربي',
];

/** Adjectives that sit inside an institution's name before its nisba (البنك المركزي المصري). */
export const INSTITUTION_ADJECTIVES: readonly string[] = [
  'المركزي', 'المركزية', 'الأعلى', 'العليا', 'العام', 'العامة', 'الوطني', 'الوطنية', 'الاتحادي', 'الاتحادية', 'الشعبي', 'الشعبية',
  'الملكي', 'الملكية', 'الأحمر', 'المتحدة', 'المستقل', 'المستقلة', 'الموحد', 'الموحدة', 'الحر', 'الحرة', 'المسلحة', 'العالي', 'الدائم', 'الدائمة',
];

/**
 * Heads of organisation names in the construct state: the name is the head and its complement
 * (وزارة الخارجية الروسية، حلف شمال الأطلسي، جبهة النصرة).
 */
export const ORG_CONSTRUCT_HEADS: readonly string[] = [
  'وزارة', 'جيش', 'حلف', 'جبهة', 'حزب', 'مجلس', 'منظمة', 'هيئة', 'جامعة', 'وكالة', 'مؤسسة', 'شركة',
  'بنك', 'مصرف', 'اتحاد', 'الاتحاد', 'محكمة', 'صحيفة', 'جريدة', 'جماعة', 'كتائب', 'لواء', 'ألوية',
  'فيلق', 'رابطة', 'نقابة', 'بورصة', 'مفوضية', 'أكاديمية', 'معهد', 'مديرية',
  'دائرة', 'جهاز', 'مركز', 'ديوان', 'جمعية', 'مجمع', 'إذاعة', 'مكتب', 'لجنة', 'صندوق', 'غرفة', 'مستشفى', 'نادي',
  'شبكة', 'بلدية', 'حركة', 'سلطة', 'مصلحة', 'مجموعة', 'تحالف', 'منتدى', 'اللجنة', 'الهيئة', 'المجلس',
];

/** Feminine construct heads a brand or a foreign name may follow (شركة سامسونغ، مجموعة فاغنر). */
export const BRAND_HEADS: readonly string[] = ['شركة', 'مجموعة', 'مؤسسة', 'صحيفة', 'جريدة', 'وكالة', 'شبكة', 'منصة', 'قناة', 'إذاعة'];

/** Definite heads that name an institution only with a nisba after them (الجيش الروسي، الحكومة السورية). */
export const ORG_DEFINITE_HEADS: readonly string[] = [
  'الجيش', 'الحكومة', 'الرئاسة', 'المجلس', 'الديوان', 'الهيئة', 'الهلال', 'الصليب', 'المكتب', 'المركز', 'الصندوق', 'اللجنة', 'السلطة',
  'الوكالة', 'الجمعية', 'المنظمة', 'الحزب', 'الجبهة', 'المعهد', 'الجامعة', 'المصرف', 'الإدارة', 'البرلمان', 'التلفزيون', 'الشرطة', 'المخابرات', 'الاستخبارات',
  'البحرية', 'الخارجية', 'الداخلية', 'البنك', 'البورصة', 'الكونغرس', 'الكنيست', 'الحرس', 'المحكمة', 'النيابة',
  'القوات',
];

/** Ministry short forms: الخارجية الروسية is وزارة الخارجية الروسية (feminine nisba only). */
export const MINISTRY_DOMAINS: readonly string[] = ['الخارجية', 'الداخلية', 'الدفاع', 'العدل', 'المالية', 'الصحة'];

/** Words that never start or make up an entity: function words, pronouns, particles. */
export const ARABIC_STOPWORDS: readonly string[] = [
  'في', 'من', 'إلى', 'الى', 'على', 'عن', 'مع', 'أن', 'إن', 'بأن', 'لأن', 'أنه', 'إنه', 'أنها', 'إنها', 'أنهم', 'ما', 'لا',
  'لم', 'لن', 'قد', 'لقد', 'كان', 'كانت', 'يكون', 'تكون', 'هذا', 'هذه', 'ذلك', 'تلك', 'هؤلاء', 'التي', 'الذي', 'الذين',
  'اللذين', 'اللتين', 'هو', 'هي', 'هم', 'هما', 'نحن', 'أنا', 'بين', 'حول', 'خلال', 'بعد', 'قبل', 'عند', 'منذ', 'حتى',
  'أو', 'ثم', 'كما', 'لكن', 'لكنه', 'لكنها', 'أي', 'كل', 'بعض', 'غير', 'دون', 'ضد', 'عبر', 'لدى', 'نحو', 'حيث', 'إذا',
  'لو', 'أما', 'إلا', 'أيضا', 'أيضاً', 'فقط', 'بشأن', 'بخصوص', 'تجاه', 'إزاء', 'وفق', 'وفقا', 'حسب', 'حسبما', 'عليه',
  'عليها', 'عليهم', 'منه', 'منها', 'فيه', 'فيها', 'له', 'لها', 'لهم', 'به', 'بها', 'إليه', 'إليها', 'عنه', 'عنها',
  'ذلك', 'هناك', 'هنا', 'الآن', 'جدا', 'كذلك', 'أمام', 'خلف', 'فوق', 'تحت', 'داخل', 'خارج', 'إثر', 'عقب', 'لدى',
  'و', 'ف', 'ب', 'ل', 'ك', 'لـ', 'يا', 'إذ', 'كي', 'لكي', 'مثل', 'سوى', 'ليس', 'ليست', 'يشار', 'يذكر', 'يجدر',
  'جميع', 'أحد', 'إحدى', 'نفس', 'ذاته', 'ذاتها', 'ومن', 'وفي', 'الا', 'أكثر', 'أقل', 'عدد', 'عدة', 'مما', 'بما', 'فيما',
  'بسبب', 'جراء', 'رغم', 'برغم', 'بفضل', 'لصالح', 'ضمن', 'وسط', 'قرب', 'بالقرب', 'القرب', 'لأجل', 'أجل', 'بهدف', 'بغية',
  'حيال', 'بحضور', 'بمشاركة', 'برئاسة', 'بدعم', 'بعد', 'لدى', 'مقابل', 'بدلا', 'بين', 'كونه', 'كونها',
  // Particles of tense, question and contrast: never the end of a name (… سوف نواصل).
  'سوف', 'هل', 'بل', 'ربما', 'لعل', 'إنما', 'عندما', 'بينما', 'لما', 'كأن', 'لكي',
];

/** Time words: never an entity, and never part of a name (روسيا اليوم is the exception, listed as a broadcaster). */
export const ARABIC_TIME_WORDS: readonly string[] = [
  'اليوم', 'أمس', 'غدا', 'غداً', 'الليلة', 'صباح', 'مساء', 'صباحا', 'مساءً', 'مساء', 'ظهر', 'الأحد', 'الاثنين', 'الإثنين',
  'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الماضي', 'الماضية', 'المقبل', 'المقبلة', 'الجاري', 'الحالي',
  'الحالية', 'حاليا', 'حالياً', 'مؤخرا', 'مؤخراً', 'لاحقا', 'سابقا', 'يوم', 'أيام', 'أسبوع', 'شهر', 'عام', 'سنة', 'العام',
  'الأسبوع', 'الشهر', 'السنة', 'ساعة', 'ساعات', 'دقيقة', 'عشية', 'غداة', 'قبيل', 'بعيد', 'أثناء', 'طيلة', 'طوال',
];

/**
 * Common nouns that taggers and rules must not report on their own: generic roles and duals
 * (المتحدث، الوزيرين، الطرفين), abstract nouns (الإرهاب), generic places (المنطقة).
 */
export const GENERIC_NOUNS: readonly string[] = [
  'الإرهاب', 'المتحدث', 'المتحدثة', 'الناطق', 'الوزير', 'الوزيرة', 'الوزيرين', 'الوزيران', 'الوزراء', 'الطرفين',
  'الطرفان', 'الجانبين', 'الجانبان', 'الجانب', 'البلدين', 'البلدان', 'الرئيس', 'الرئيسين', 'الحكومة', 'الوزارة',
  'الرئاسة', 'الجيش', 'المنطقة', 'الدولة', 'الدول', 'العالم', 'الشعب', 'المعارضة', 'النظام', 'السلطات', 'السلطة',
  'الأمن', 'القوات', 'الإدارة', 'المجلس', 'الحزب', 'الحركة', 'الجماعة', 'التنظيم', 'الشركة', 'المنظمة', 'اللجنة',
  'الصحفيين', 'الصحفي', 'المصدر', 'مصدر', 'مصادر', 'مسؤول', 'المسؤول', 'مسؤولون', 'المسؤولين', 'البيان', 'بيان',
  'باحثون', 'باحثين', 'علماء', 'محققون', 'أطباء', 'مسعفون', 'متظاهرون', 'معارضون', 'مقاتلون', 'جنود', 'عناصر',
  'طبيب', 'مسعف', 'جندي', 'ضابط', 'مقاتل', 'ناشط', 'صحفي', 'صحافي', 'مراسل', 'معلق', 'محامي', 'محام', 'موظف', 'موظفون',
  'أصحاب', 'شهود', 'شاهد', 'ناشطون', 'ناشطين', 'خبراء', 'محللون', 'سكان', 'مواطنون', 'مراقبون', 'دبلوماسي', 'دبلوماسيون',
  'مسؤولون', 'مسؤولين', 'متحدث', 'مصدرا', 'مصادر', 'أحد', 'بعضهم', 'آخرون', 'المكتب', 'البيت', 'المصدر', 'مركز',
  'التقرير', 'تقرير', 'الإرهابيين', 'الإرهابي', 'الإرهابية', 'الارهابيين', 'المسلحين', 'المواطنين', 'الأطراف',
  'الشرق', 'الغرب', 'الشمال', 'الجنوب', 'الخارجية', 'الداخلية', 'الدفاع', 'البرلمان', 'المحكمة', 'الشرطة',
  'الله', 'الحرب', 'الأزمة', 'السلام', 'الحوار', 'الاتفاق', 'المفاوضات', 'الوضع', 'القضية', 'الملف',
  // Currencies, a closed class: never a name (يوان، دينار), with or without the article.
  'دولار', 'الدولار', 'دولارا', 'يورو', 'اليورو', 'يوان', 'اليوان', 'ين', 'الين', 'روبل', 'الروبل', 'روبية', 'الروبية',
  'جنيه', 'الجنيه', 'جنيها', 'دينار', 'الدينار', 'دينارا', 'ريال', 'الريال', 'ريالا', 'درهم', 'الدرهم', 'درهما', 'ليرة',
  'الليرة', 'فرنك', 'الفرنك', 'شيكل', 'الشيكل', 'استرليني', 'الاسترليني', 'بيتكوين', 'البيتكوين',
];

/** Ordinals (عبدالله الثاني): part of a name, never a name of their own. */
export const ORDINALS: readonly string[] = ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'الأولى', 'الثانية', 'الثالثة', 'II', 'III', 'IV', 'Jr', 'Sr'];

/** Words before a place name (ولاية تطاوين، مدينة منبج): the word after them is a place. */
export const PLACE_CUE_WORDS: readonly string[] = [
  'مدينة', 'محافظة', 'ولاية', 'منطقة', 'بلدة', 'قرية', 'إقليم', 'مقاطعة', 'جزيرة', 'ناحية', 'قضاء',
  'عاصمة', 'جبل', 'نهر', 'بحيرة', 'وادي', 'سهل', 'صحراء', 'ضاحية', 'مدن', 'محافظات', 'ولايات', 'بلدات', 'قرى',
  'مخيمات', 'مدينتي', 'بلدتي', 'قريتي', 'محافظتي',
];

/**
 * Heads that are part of a place's name, unlike the class words above (مدينة نابلس is نابلس):
 * قطاع غزة، مخيم جنين، حي الشجاعية، مطار دمشق الدولي، معبر رفح، جمهورية تنزانيا المتحدة; in
 * the definite, with an adjective (المطار السلطاني، المملكة الأردنية الهاشمية).
 */
export const PLACE_NAME_HEADS: readonly string[] = [
  'قطاع', 'مخيم', 'حي', 'مطار', 'ميناء', 'معبر', 'حاجز', 'قصر', 'جسر', 'شارع', 'ساحة', 'جمهورية', 'مملكة', 'سلطنة', 'إمارة',
];
export const PLACE_DEFINITE_HEADS: readonly string[] = ['المطار', 'الميناء', 'القصر', 'المملكة', 'الجمهورية', 'السلطنة', 'الإمارة'];

/** Speech verbs that introduce quotes, as written (perfect and imperfect, masculine, feminine, dual, plural). */
export const ARABIC_SPEECH_VERBS: readonly string[] = [
  'قال', 'قالت', 'قالا', 'قالتا', 'قالوا', 'يقول', 'تقول', 'أكد', 'أكدت', 'أكدا', 'أكدوا', 'يؤكد', 'تؤكد', 'أوضح',
  'أوضحت', 'أوضحا', 'أوضحوا', 'يوضح', 'أشار', 'أشارت', 'أشارا', 'أشاروا', 'يشير', 'أضاف', 'أضافت', 'أضافوا', 'يضيف',
  'صرح', 'صرحت', 'أعلن', 'أعلنت', 'أعلنا', 'أعلنوا', 'يعلن', 'ذكر', 'ذكرت', 'تابع', 'تابعت', 'لفت', 'لفتت', 'شدد',
  'شددت', 'اعتبر', 'اعتبرت', 'رأى', 'رأت', 'أفاد', 'أفادت', 'نقل', 'نقلت', 'كشف', 'كشفت', 'أعرب', 'أعربت', 'أردف',
  'أردفت', 'استطرد', 'ختم', 'ختمت', 'حذر', 'حذرت', 'نفى', 'نفت', 'دعا', 'دعت', 'طالب', 'طالبت', 'قالته', 'كتب', 'كتبت',
  'غرد', 'غردت', 'أوضحته', 'يضيف', 'أجاب', 'أجابت', 'ردّ', 'رد', 'ردت', 'علق', 'علقت',
];

/**
 * Participles and phrases that continue someone's speech (قائلا، مضيفا، مشيرا إلى أن، بالقول):
 * their speaker is whoever the sentence is about, never a name after them.
 */
export const ARABIC_SPEECH_PARTICIPLES: readonly string[] = [
  'قائلا', 'قائلة', 'قائلين', 'مضيفا', 'مضيفة', 'مشيرا', 'مشيرة', 'موضحا', 'موضحة', 'مؤكدا', 'مؤكدة', 'معتبرا', 'معتبرة',
  'لافتا', 'لافتة', 'مشددا', 'مشددة', 'متسائلا', 'متسائلة', 'معربا', 'معربة', 'مردفا', 'مستطردا', 'بالقول', 'مختتما',
];

/** Speech nouns with the speaker as a pronoun suffix: نقل … عن زاخاروفا قولها “…”. */
export const ARABIC_SPEECH_NOUNS: readonly string[] = [
  'قوله', 'قولها', 'قولهم', 'تأكيده', 'تأكيدها', 'تصريحه', 'تصريحها', 'تصريحات', 'إشارته', 'إشارتها', 'حديثه', 'حديثها',
];

/** English speech verbs (lower case). */
export const ENGLISH_SPEECH_VERBS: readonly string[] = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'stated', 'states', 'declared', 'announced', 'explained',
  'noted', 'warned', 'insisted', 'argued', 'asked', 'replied', 'wrote', 'writes', 'commented', 'claimed', 'stressed',
  'emphasised', 'emphasized', 'continued', 'concluded', 'admitted', 'acknowledged', 'confirmed', 'suggested', 'believes',
  'predicted', 'urged', 'recalled', 'quipped', 'tweeted', 'according',
];

/** Connector tokens inside Arabic names: محمد بن سلمان، عبد الله، أبو مازن، آل ثاني. */
export const NAME_CONNECTORS: readonly string[] = ['بن', 'ابن', 'بنت', 'أبو', 'أبي', 'عبد', 'آل', 'ولد', 'دي', 'فان', 'فون', 'أم'];

/** English words that are capitalised at the start of a sentence but never begin a name. */
export const ENGLISH_STOPWORDS: readonly string[] = [
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'his', 'her', 'its', 'their', 'our', 'my', 'your',
  'this', 'that', 'these', 'those', 'there', 'here', 'but', 'and', 'or', 'if', 'in', 'on', 'at', 'for', 'of', 'to',
  'by', 'with', 'from', 'as', 'after', 'before', 'when', 'while', 'where', 'what', 'who', 'which', 'why', 'how',
  'however', 'meanwhile', 'also', 'last', 'next', 'this', 'some', 'many', 'most', 'all', 'both', 'each', 'other',
  'one', 'two', 'three', 'new', 'now', 'then', 'so', 'yet', 'still', 'even', 'only', 'not', 'no', 'yes', 'under',
  'over', 'about', 'during', 'since', 'until', 'although', 'though', 'because', 'despite', 'according', 'speaking',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'today', 'yesterday',
  'tomorrow', 'mr', 'mrs', 'ms', 'dr', 'sir', 'said', 'says', 'would', 'will', 'could', 'should', 'can', 'is', 'was',
  'are', 'were', 'has', 'have', 'had', 'do', 'does', 'did', 'be', 'been', 'being', 'than', 'such', 'more', 'less',
  'officials', 'analysts', 'police', 'government', 'company', 'minister', 'president', 'reuters', 'reuter',
];

/** Last words of English organisation names (Bank, Party, Ministry…), lower case. */
export const ENGLISH_ORG_SUFFIXES: readonly string[] = [
  'ministry', 'party', 'council', 'bank', 'corp', 'corporation', 'inc', 'ltd', 'plc', 'group', 'company', 'co',
  'association', 'union', 'agency', 'committee', 'commission', 'organisation', 'organization', 'army', 'front',
  'institute', 'university', 'court', 'parliament', 'congress', 'federation', 'league', 'club', 'fund', 'office',
  'department', 'authority', 'service', 'network', 'coalition', 'forces', 'guard', 'movement', 'brigade', 'brigades',
  'foundation', 'trust', 'board', 'bureau', 'airways', 'airlines', 'motors', 'industries', 'holdings', 'partners',
  'society', 'times', 'post', 'telegraph', 'journal', 'exchange', 'assembly', 'navy', 'police', 'studios', 'records',
  'systems', 'technologies', 'communications', 'securities', 'capital', 'investments', 'railways', 'energy', 'oil',
  'center', 'centre', 'administration', 'observatory', 'helmets', 'institution', 'commission', 'council', 'alliance',
];

/** First words of English organisation names written `X of Y` (Ministry of Defence, Bank of England). */
export const ENGLISH_ORG_PREFIXES: readonly string[] = ['ministry', 'department', 'bank', 'university', 'office', 'house', 'council', 'court', 'church', 'federation', 'union', 'board', 'institute', 'commission', 'chamber'];
