/**
 * DATA FILE, written by the Dateline team: well-known organisations (international bodies,
 * armed groups, institutions, broadcasters and agencies, a few companies) as news copy names
 * them, in Arabic and English. One line per organisation; its names are variants and short
 * forms that count as one entity.
 *
 * `cue` lists the names that are also ordinary words or phrases (القاعدة "the base", العربية
 * "Arabic", روسيا اليوم "Russia today"): they count only right after a word that announces an
 * organisation (تنظيم، قناة، موقع…, see ORG_CUE_WORDS) or inside quotes after one.
 */
export interface OrgEntry {
  readonly names: readonly string[];
  /** Names among `names` that count only after a cue word. */
  readonly cue?: readonly string[];
}

export const ORG_NAMES: readonly OrgEntry[] = [
  { names: ['الأمم المتحدة', 'منظمة الأمم المتحدة', 'United Nations', 'UN', 'U.N.'] },
  { names: ['مجلس الأمن الدولي', 'مجلس الأمن', 'Security Council', 'UN Security Council'] },
  { names: ['حلف شمال الأطلسي', 'حلف الناتو', 'الناتو', 'حلف الأطلسي', 'NATO', 'North Atlantic Treaty Organization'] },
  { names: ['الاتحاد الأوروبي', 'European Union', 'EU'] },
  { names: ['الاتحاد الأفريقي', 'الاتحاد الإفريقي', 'African Union'] },
  { names: ['جامعة الدول العربية', 'الجامعة العربية', 'Arab League'] },
  { names: ['مجلس التعاون الخليجي', 'مجلس التعاون لدول الخليج العربية', 'Gulf Cooperation Council', 'GCC'] },
  { names: ['منظمة التعاون الإسلامي', 'Organisation of Islamic Cooperation', 'OIC'] },
  { names: ['صندوق النقد الدولي', 'International Monetary Fund', 'IMF'] },
  { names: ['البنك الدولي', 'World Bank'] },
  { names: ['منظمة الصحة العالمية', 'World Health Organization', 'World Health Organisation', 'WHO'] },
  { names: ['منظمة التجارة العالمية', 'World Trade Organization', 'WTO'] },
  { names: ['اللجنة الدولية للصليب الأحمر', 'الصليب الأحمر', 'International Committee of the Red Cross', 'Red Cross', 'ICRC'] },
  { names: ['الهلال الأحمر', 'الهلال الأحمر العربي السوري', 'Red Crescent'] },
  { names: ['اليونيسف', 'UNICEF'] },
  { names: ['اليونسكو', 'UNESCO'] },
  { names: ['مفوضية الأمم المتحدة لشؤون اللاجئين', 'UNHCR'] },
  { names: ['أوبك', 'منظمة أوبك', 'OPEC'] },
  { names: ['منظمة العفو الدولية', 'Amnesty International'] },
  { names: ['هيومن رايتس ووتش', 'Human Rights Watch'] },
  { names: ['منظمة حظر الأسلحة الكيميائية', 'OPCW'] },
  // Armed groups
  { names: ['داعش', 'تنظيم الدولة', 'Daesh', 'ISIS', 'ISIL', 'Islamic State'] },
  { names: ['جبهة النصرة', 'النصرة', 'Nusra Front', 'al-Nusra Front', 'Jabhat al-Nusra'] },
  { names: ['القاعدة', 'al-Qaeda', 'al-Qaida', 'Al Qaeda', 'Al-Qaeda'], cue: ['القاعدة'] },
  { names: ['حزب الله', 'Hezbollah', 'Hizbollah'] },
  { names: ['حركة حماس', 'حماس', 'Hamas'] },
  { names: ['حركة فتح', 'Fatah'] },
  { names: ['حركة النهضة', 'Ennahda'] },
  { names: ['حركة أمل', 'Amal Movement'] },
  { names: ['حركة الجهاد الإسلامي', 'الجهاد الإسلامي', 'Islamic Jihad'] },
  { names: ['طالبان', 'حركة طالبان', 'Taliban'] },
  { names: ['الإخوان المسلمين', 'الإخوان المسلمون', 'جماعة الإخوان', 'Muslim Brotherhood'] },
  { names: ['الحرس الثوري', 'الحرس الثوري الإيراني', 'Revolutionary Guards', 'Revolutionary Guard'] },
  { names: ['حزب العمال الكردستاني', 'PKK'] },
  { names: ['قوات سوريا الديمقراطية', 'قسد', 'Syrian Democratic Forces', 'SDF'] },
  { names: ['وحدات حماية الشعب', 'YPG'] },
  { names: ['الجيش السوري الحر', 'الجيش الحر', 'Free Syrian Army', 'FSA'] },
  { names: ['هيئة تحرير الشام', 'Hayat Tahrir al-Sham'] },
  { names: ['جيش الإسلام', 'Jaish al-Islam'] },
  { names: ['أنصار الله', 'الحوثيين', 'الحوثيون', 'Houthis'] },
  // Institutions known by a building or a short name
  { names: ['الكرملين', 'Kremlin'] },
  { names: ['البيت الأبيض', 'White House'] },
  { names: ['البنتاغون', 'Pentagon'] },
  { names: ['الإليزيه', 'Elysee'] },
  { names: ['الكونغرس', 'الكونغرس الأمريكي', 'Congress', 'US Congress'] },
  { names: ['مجلس الشيوخ', 'Senate'] },
  { names: ['مجلس الشعب', 'مجلس الشعب السوري'] },
  { names: ['البرلمان الأوروبي', 'European Parliament'] },
  { names: ['مجلس الوزراء', 'Cabinet Office'] },
  { names: ['House of Commons'] },
  { names: ['House of Lords'] },
  { names: ['Downing Street'] },
  { names: ['Federal Reserve', 'Fed'] },
  { names: ['Bank of England'] },
  { names: ['European Central Bank', 'ECB'] },
  // Broadcasters, newspapers and agencies
  { names: ['روسيا اليوم', 'آر تي', 'Russia Today', 'RT'], cue: ['روسيا اليوم', 'آر تي'] },
  { names: ['التلفزيون السوري', 'التلفزيون العربي السوري'] },
  { names: ['الإخبارية السورية', 'قناة الإخبارية السورية'] },
  { names: ['الجزيرة', 'Al Jazeera', 'Al-Jazeera'], cue: ['الجزيرة'] },
  { names: ['العربية', 'Al Arabiya'], cue: ['العربية'] },
  { names: ['بي بي سي', 'BBC'] },
  { names: ['سكاي نيوز عربية', 'سكاي نيوز', 'Sky News Arabia', 'Sky News'] },
  { names: ['سي إن إن', 'CNN'] },
  { names: ['فرانس 24', 'France 24'] },
  { names: ['رويترز', 'Reuters'] },
  { names: ['وكالة فرانس برس', 'فرانس برس', 'Agence France-Presse', 'AFP'] },
  { names: ['أسوشيتد برس', 'أسوشييتد برس', 'Associated Press'] },
  { names: ['وكالة الأنباء العربية السورية', 'وكالة الأنباء السورية', 'سانا', 'SANA'] },
  { names: ['وكالة الأنباء السعودية', 'واس'], cue: ['واس'] },
  { names: ['تاس', 'إيتار تاس', 'TASS', 'ITAR-TASS'], cue: ['تاس'] },
  { names: ['نوفوستي', 'ريا نوفوستي', 'RIA Novosti'] },
  { names: ['سبوتنيك', 'Sputnik'] },
  { names: ['إنترفاكس', 'انترفاكس', 'Interfax'] },
  { names: ['وكالة الأناضول', 'الأناضول', 'Anadolu'], cue: ['الأناضول'] },
  { names: ['شينخوا', 'Xinhua'] },
  { names: ['نيويورك تايمز', 'New York Times'] },
  { names: ['واشنطن بوست', 'Washington Post'] },
  { names: ['وول ستريت جورنال', 'Wall Street Journal'] },
  { names: ['الغارديان', 'Guardian'], cue: ['الغارديان'] },
  { names: ['Financial Times'] },
  // Companies
  { names: ['أرامكو', 'أرامكو السعودية', 'Saudi Aramco', 'Aramco'] },
  { names: ['سابك', 'SABIC'] },
  { names: ['غوغل', 'جوجل', 'Google'] },
  { names: ['فيسبوك', 'فيس بوك', 'Facebook'] },
  { names: ['تويتر', 'Twitter'] },
  { names: ['مايكروسوفت', 'Microsoft'] },
  { names: ['أبل', 'Apple'], cue: ['أبل'] },
  { names: ['بوينغ', 'Boeing'] },
  { names: ['إيرباص', 'Airbus'] },
];

/**
 * Words that announce an organisation's name right after them. Cue-only names (above) need one;
 * a quoted name after one (تنظيم “داعش”) is an organisation even when unlisted.
 */
export const ORG_CUE_WORDS: readonly string[] = [
  'تنظيم', 'تنظيمي', 'جماعة', 'حركة', 'ميليشيا', 'ميليشيات', 'مليشيا', 'عناصر', 'مسلحي', 'مسلحو', 'إرهابيي', 'فصيل',
  'قناة', 'موقع', 'شبكة', 'تلفزيون', 'وكالة', 'وكالتي', 'صحيفة', 'جريدة', 'مجلة', 'إذاعة', 'محطة', 'شركة', 'مجموعة',
];

/** Quoted text after one of these is a label (تطلق عليهم اسم “…”), never an organisation. */
export const LABEL_CUE_WORDS: readonly string[] = ['اسم', 'مسمى', 'عنوان', 'شعار', 'وصف', 'لقب', 'مصطلح', 'عبارة', 'كلمة', 'عملية'];
