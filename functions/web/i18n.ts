/**
 * The web page's interface text in Arabic and English, and how a request picks one: `?ui=ar|en`
 * (the switch in the page header, remembered in a cookie), else the cookie, else the archive's
 * own majority language (Arabic and right-to-left when most of the newest articles are Arabic).
 * Article text never goes through here: it keeps its own language and direction.
 */

export const UI_LANGUAGES = ['ar', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The cookie that remembers the reader's choice, and the query parameter that sets it. */
export const UI_COOKIE = 'dateline-ui';
export const UI_PARAM = 'ui';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

const EN = {
  languageName: 'English',
  siteName: 'Dateline',
  nav: { articles: 'Articles', stats: 'Stats', search: 'Search', searchLabel: 'Search the archive', switchTo: 'العربية', switchLang: 'ar' as UiLanguage, signOut: 'Sign out' },
  untitled: 'untitled',
  undated: 'undated',
  allArticles: 'All articles',
  list: {
    all: 'All articles',
    filtered: 'Articles matching the filters',
    undatedHeading: 'Undated articles',
    agency: 'Agency or outlet',
    language: 'Language',
    anyLanguage: 'any',
    since: 'Since',
    until: 'Until',
    undatedOnly: 'Undated only',
    filter: 'Filter',
    clear: 'Clear',
    columns: ['Date', 'Title', 'Agency', 'Place', 'Language', 'Words'],
    none: 'No articles.',
    noMore: 'No more articles in the months searched; older ones may follow.',
    undatedDivider: 'Undated: no date of record (in upload order)',
    older: 'Older articles →',
  },
  languages: { ar: 'Arabic', en: 'English', fa: 'Persian', ur: 'Urdu', fr: 'French', und: 'undetermined' } as Record<string, string>,
  article: {
    json: 'JSON',
    download: 'Download the original file',
    text: 'Article text',
    noText: 'No text was extracted.',
    textGone: 'The file changed or was deleted since this record was made; its new record follows.',
    textUnavailable: 'The article text is not available here.',
    paragraph: (n: number) => `paragraph ${n}`,
    place: 'Place',
    agency: 'Agency',
    published: 'Published',
    publishedFrom: (source: string) => `(from the ${source})`,
    sources: { dateline: 'dateline', text: 'text', metadata: 'object metadata', 'front-matter': 'front matter', html: 'HTML page', trailer: 'wire trailer' } as Record<string, string>,
    noDate: '(no date of record found)',
    languageLabel: 'Language',
    figures: (words: number, paragraphs: number, minutes: number) => `${words} words · ${paragraphs} paragraphs · ${minutes} min`,
    problems: 'Problems',
    legend: { person: 'person', organization: 'organisation', place: 'place' },
    entities: 'Entities',
    types: { person: 'People', organization: 'Organisations', place: 'Places' },
    noneFound: 'None found.',
    quotes: 'Quotes',
    speakerUnknown: 'speaker unknown',
    dates: 'Dates',
    dateColumns: ['As written', 'Date', 'Precision', 'Calendar'],
    relative: '(relative)',
    keywords: 'Keywords',
    duplicates: 'Near-duplicates',
    noDuplicates: 'No near-duplicate in the archive.',
    distance: (d: number) => `distance ${d}`,
    recordGone: 'record gone',
    source: 'Source file',
    sourceRows: {
      bucket: 'Bucket',
      key: 'Key',
      size: 'Size',
      contentType: 'Content type',
      uploaded: 'Uploaded',
      etag: 'ETag',
      version: 'Version',
      sequencer: 'Sequencer',
      format: 'Format',
      encoding: 'Encoding',
      sha256: 'SHA-256',
      extracted: 'Extracted',
      cut: 'Cut',
    },
    bytes: (n: number) => `${n} bytes`,
    extractedBy: (at: string, version: string, ms: string) => `${at} by extractor ${version} in ${ms} ms`,
    keptPartOf: (n: number) => `kept part of ${n}`,
  },
  entity: {
    types: { person: 'Person', organization: 'Organisation', place: 'Place' },
    explain:
      'Articles that mention it, newest first. Names are matched after normalisation (hamza and alef forms, ة/ه, ى/ي, diacritics), and a person is also found by the last word of the name.',
    columns: ['Date', 'Article', 'Named there as', 'Mentions', 'Agency'],
    none: 'No article mentions it.',
    noMore: 'No more articles.',
  },
  records: {
    searchTitle: 'Search',
    searchFor: (q: string) => `Search: ${q}`,
    words: 'Words',
    agency: 'Agency or outlet',
    language: 'Language',
    status: 'Status',
    any: 'any',
    since: 'Since',
    until: 'Until',
    search: 'Search',
    noHits: 'No articles hold these words.',
    more: 'More results →',
    statsTitle: 'The archive in numbers',
    count: 'Count',
    total: (n: number) => `${n} records`,
    byStatus: 'By status',
    byLanguage: 'By language',
    byAgency: 'By agency',
    byMonth: 'By month',
    topPeople: 'Top people',
    topOrganizations: 'Top organisations',
    topPlaces: 'Top places',
    noAgency: 'no agency',
    none: 'none',
    unavailableTitle: 'Not available',
    unavailable: 'Search and stats need the records engine, which this deployment lacks.',
  },
  errors: {
    notAKey: 'Not an article key',
    noSuchArticle: 'No such article',
    noRecord: (key: string) => `There is no record for the key “${key}”: not dropped yet, still being processed, or deleted.`,
    noSuchPage: 'No such page',
    entityPath: 'An entity page is /entity/{person|organization|place}/{name}.',
    cannotLookUp: 'Cannot look that up',
  },
};

export type Messages = typeof EN;

const AR: Messages = {
  languageName: 'العربية',
  siteName: 'ديتلاين',
  nav: { articles: 'المقالات', stats: 'إحصاءات', search: 'بحث', searchLabel: 'ابحث في الأرشيف', switchTo: 'English', switchLang: 'en', signOut: 'تسجيل الخروج' },
  untitled: 'بلا عنوان',
  undated: 'بلا تاريخ',
  allArticles: 'كل المقالات',
  list: {
    all: 'كل المقالات',
    filtered: 'المقالات المطابقة للمرشحات',
    undatedHeading: 'مقالات بلا تاريخ',
    agency: 'الوكالة أو الوسيلة',
    language: 'اللغة',
    anyLanguage: 'أي لغة',
    since: 'من',
    until: 'إلى',
    undatedOnly: 'بلا تاريخ فقط',
    filter: 'تصفية',
    clear: 'مسح',
    columns: ['التاريخ', 'العنوان', 'الوكالة', 'المكان', 'اللغة', 'الكلمات'],
    none: 'لا مقالات.',
    noMore: 'لا مزيد من المقالات في الأشهر التي بُحث فيها؛ قد تليها مقالات أقدم.',
    undatedDivider: 'بلا تاريخ: لا تاريخ نشر معروفًا (بترتيب الرفع)',
    older: 'مقالات أقدم ←',
  },
  languages: { ar: 'العربية', en: 'الإنجليزية', fa: 'الفارسية', ur: 'الأردية', fr: 'الفرنسية', und: 'غير محددة' },
  article: {
    json: 'JSON',
    download: 'تنزيل الملف الأصلي',
    text: 'نص المقال',
    noText: 'لم يُستخرج أي نص.',
    textGone: 'تغيّر الملف أو حُذف منذ إنشاء هذا السجل؛ سيتبعه سجله الجديد.',
    textUnavailable: 'نص المقال غير متاح هنا.',
    paragraph: (n) => `الفقرة ${n}`,
    place: 'المكان',
    agency: 'الوكالة',
    published: 'تاريخ النشر',
    publishedFrom: (source) => `(من ${source})`,
    sources: { dateline: 'سطر المكان والوكالة', text: 'النص', metadata: 'بيانات الكائن', 'front-matter': 'مقدمة الملف', html: 'صفحة HTML', trailer: 'تذييل الخبر' },
    noDate: '(لم يُعثر على تاريخ نشر)',
    languageLabel: 'اللغة',
    figures: (words, paragraphs, minutes) => `${words} كلمة · ${paragraphs} فقرة · ${minutes} دقيقة`,
    problems: 'مشكلات',
    legend: { person: 'شخص', organization: 'منظمة', place: 'مكان' },
    entities: 'الكيانات',
    types: { person: 'الأشخاص', organization: 'المنظمات', place: 'الأماكن' },
    noneFound: 'لم يُعثر على شيء.',
    quotes: 'الاقتباسات',
    speakerUnknown: 'المتحدث غير معروف',
    dates: 'التواريخ',
    dateColumns: ['كما كُتب', 'التاريخ', 'الدقة', 'التقويم'],
    relative: '(نسبي)',
    keywords: 'الكلمات المفتاحية',
    duplicates: 'نسخ شبه مطابقة',
    noDuplicates: 'لا نسخة شبه مطابقة في الأرشيف.',
    distance: (d) => `المسافة ${d}`,
    recordGone: 'السجل محذوف',
    source: 'الملف المصدر',
    sourceRows: {
      bucket: 'الحاوية',
      key: 'المفتاح',
      size: 'الحجم',
      contentType: 'نوع المحتوى',
      uploaded: 'تاريخ الرفع',
      etag: 'ETag',
      version: 'الإصدار',
      sequencer: 'المتسلسل',
      format: 'الصيغة',
      encoding: 'الترميز',
      sha256: 'SHA-256',
      extracted: 'الاستخراج',
      cut: 'مقتطع',
    },
    bytes: (n) => `${n} بايت`,
    extractedBy: (at, version, ms) => `${at} بالمستخرج ${version} في ${ms} ملّي ثانية`,
    keptPartOf: (n) => `حُفظ جزء من ${n}`,
  },
  entity: {
    types: { person: 'شخص', organization: 'منظمة', place: 'مكان' },
    explain: 'المقالات التي تذكره، الأحدث أولًا. تُطابق الأسماء بعد التوحيد (أشكال الهمزة والألف، ة/ه، ى/ي، الحركات)، ويُعثر على الشخص أيضًا بآخر كلمة من اسمه.',
    columns: ['التاريخ', 'المقال', 'ورد فيه باسم', 'مرات الذكر', 'الوكالة'],
    none: 'لا مقال يذكره.',
    noMore: 'لا مزيد من المقالات.',
  },
  records: {
    searchTitle: 'بحث',
    searchFor: (q: string) => `بحث: ${q}`,
    words: 'الكلمات',
    agency: 'الوكالة أو الوسيلة',
    language: 'اللغة',
    status: 'الحالة',
    any: 'أي',
    since: 'من',
    until: 'إلى',
    search: 'ابحث',
    noHits: 'لا مقالات فيها هذه الكلمات.',
    more: 'نتائج أخرى ←',
    statsTitle: 'الأرشيف بالأرقام',
    count: 'احسب',
    total: (n: number) => `${n} سجلًا`,
    byStatus: 'حسب الحالة',
    byLanguage: 'حسب اللغة',
    byAgency: 'حسب الوكالة',
    byMonth: 'حسب الشهر',
    topPeople: 'أكثر الأشخاص ذكرًا',
    topOrganizations: 'أكثر المنظمات ذكرًا',
    topPlaces: 'أكثر الأماكن ذكرًا',
    noAgency: 'بلا وكالة',
    none: 'لا شيء',
    unavailableTitle: 'غير متاح',
    unavailable: 'البحث والإحصاءات يحتاجان محرك السجلات، وهو غير موجود في هذا النشر.',
  },
  errors: {
    notAKey: 'ليس مفتاح مقال',
    noSuchArticle: 'لا مقال بهذا المفتاح',
    noRecord: (key) => `لا سجل للمفتاح «${key}»: لم يُرفع بعد، أو قيد المعالجة، أو حُذف.`,
    noSuchPage: 'لا صفحة بهذا العنوان',
    entityPath: 'صفحة الكيان هي /entity/{person|organization|place}/{name}.',
    cannotLookUp: 'تعذّر البحث عن ذلك',
  },
};

const MESSAGES: Readonly<Record<UiLanguage, Messages>> = { en: EN, ar: AR };

/** The interface language of one page view, with its text and direction. */
export interface Ui {
  readonly lang: UiLanguage;
  readonly dir: 'rtl' | 'ltr';
  readonly t: Messages;
}

export function uiFor(lang: UiLanguage): Ui {
  return { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', t: MESSAGES[lang] };
}

export interface UiChoice {
  readonly ui: Ui;
  /** Set-Cookie values to send: the reader's choice, when the request made one. */
  readonly cookies: readonly string[];
}

/**
 * The interface language for a request: the `ui` parameter (and remember it), else the cookie,
 * else `fallback()` (the archive's majority language), asked only when needed.
 */
export async function chooseUi(request: { params: Readonly<Record<string, string | undefined>>; cookies: readonly string[]; secure: boolean }, fallback: () => Promise<UiLanguage>): Promise<UiChoice> {
  const asked = request.params[UI_PARAM];
  if (isUiLanguage(asked)) {
    const cookie = `${UI_COOKIE}=${asked}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax${request.secure ? '; Secure' : ''}`;
    return { ui: uiFor(asked), cookies: [cookie] };
  }
  const remembered = cookieValue(request.cookies, UI_COOKIE);
  if (isUiLanguage(remembered)) return { ui: uiFor(remembered), cookies: [] };
  return { ui: uiFor(await fallback()), cookies: [] };
}

/** A cookie's value from `name=value` pairs (API Gateway's `event.cookies`), or null. */
export function cookieValue(cookies: readonly string[], name: string): string | null {
  for (const pair of cookies) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return null;
}

/** Arabic when more than half of `languages` (the newest articles' codes) are Arabic; English otherwise. */
export function majorityUi(languages: readonly string[]): UiLanguage {
  const arabic = languages.filter((code) => code === 'ar').length;
  return arabic * 2 > languages.length ? 'ar' : 'en';
}
