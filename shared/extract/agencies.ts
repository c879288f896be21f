/**
 * DATA FILE, written by the Dateline team: the registry of news agencies and outlets as they
 * appear in datelines, bylines and sign-offs, with the code the archive files them under.
 *
 * - `wire`: news agencies (state and international). In a dateline they are the agency.
 * - `outlet`: newspapers, broadcasters and sites. In a dateline they are the outlet that
 *   credits itself (`دبي: «الخليج»`); the part before an outlet is often a byline.
 *
 * Names are compared with agencyKey (normalised Arabic, dots as spaces), so `أ.ف.ب`, `أ ف ب`,
 * `ا ف ب` and `أ. ف. ب.` are one spelling. Names that are also ordinary words or cities (الرياض،
 * اليوم، الوطن، المدينة، الخليج) are listed only where a dateline cannot read them as a place:
 * `quotedOnly` names count only inside quotation marks or guillemets (`«الخليج»`).
 */
import { matchKey } from './arabic';

export type AgencyKind = 'wire' | 'outlet';

export interface AgencyEntry {
  readonly code: string;
  readonly kind: AgencyKind;
  /** The Arabic and English names the archive shows. */
  readonly ar: string;
  readonly en: string;
  /** Every common spelling, the two names above included. */
  readonly names: readonly string[];
  /** Spellings that are also common words or places: an agency only when quoted or bracketed. */
  readonly quotedOnly?: readonly string[];
}

const wire = (code: string, ar: string, en: string, names: readonly string[], quotedOnly?: readonly string[]): AgencyEntry => ({
  code,
  kind: 'wire',
  ar,
  en,
  names: [ar, en, ...names],
  ...(quotedOnly ? { quotedOnly } : {}),
});
const outlet = (code: string, ar: string, en: string, names: readonly string[], quotedOnly?: readonly string[]): AgencyEntry => ({
  code,
  kind: 'outlet',
  ar,
  en,
  names: [ar, en, ...names],
  ...(quotedOnly ? { quotedOnly } : {}),
});

export const AGENCIES: readonly AgencyEntry[] = [
  // Arab state and national agencies
  wire('SANA', 'سانا', 'SANA', ['سانا الإخبارية', 'الوكالة العربية السورية للأنباء', 'Syrian Arab News Agency']),
  wire('SPA', 'واس', 'SPA', ['وكالة الأنباء السعودية', 'Saudi Press Agency']),
  wire('QNA', 'قنا', 'QNA', ['وكالة الأنباء القطرية', 'Qatar News Agency']),
  wire('KUNA', 'كونا', 'KUNA', ['وكالة الأنباء الكويتية', 'Kuwait News Agency']),
  wire('Petra', 'بترا', 'Petra', ['وكالة الأنباء الأردنية', 'وكالة الأنباء الأردنية بترا', 'Jordan News Agency']),
  wire('WAM', 'وام', 'WAM', ['وكالة أنباء الإمارات', 'Emirates News Agency']),
  wire('MENA', 'أ ش أ', 'MENA', ['مينا', 'وكالة أنباء الشرق الأوسط', 'Middle East News Agency']),
  wire('BNA', 'بنا', 'BNA', ['وكالة أنباء البحرين', 'Bahrain News Agency']),
  wire('ONA', 'العمانية', 'ONA', ['وكالة الأنباء العمانية', 'Oman News Agency']),
  wire('INA', 'واع', 'INA', ['وكالة الأنباء العراقية', 'Iraqi News Agency']),
  wire('NINA', 'نينا', 'NINA', ['وكالة الأنباء العراقية المستقلة', 'National Iraqi News Agency']),
  wire('NNA', 'الوكالة الوطنية للإعلام', 'NNA', ['الوكالة الوطنية', 'National News Agency']),
  wire('MAP', 'و م ع', 'MAP', ['ومع', 'لاماب', 'وكالة المغرب العربي للأنباء', 'Maghreb Arabe Presse']),
  wire('TAP', 'وات', 'TAP', ['وكالة تونس أفريقيا للأنباء', 'Tunis Afrique Presse']),
  wire('APS', 'واج', 'APS', ['وكالة الأنباء الجزائرية', 'Algerie Presse Service', 'Algeria Press Service']),
  wire('SUNA', 'سونا', 'SUNA', ['وكالة السودان للأنباء', 'Sudan News Agency']),
  wire('SABA', 'سبأ', 'SABA', ['وكالة الأنباء اليمنية سبأ', 'وكالة الأنباء اليمنية', 'Saba News Agency']),
  wire('WAFA', 'وفا', 'WAFA', ['وكالة الأنباء والمعلومات الفلسطينية', 'وكالة الأنباء الفلسطينية', 'Palestine News Agency']),
  wire('LANA', 'وال', 'LANA', ['وكالة الأنباء الليبية', 'Libyan News Agency']),
  wire('MAAN', 'معا', 'Maan', ['وكالة معا', 'وكالة معا الإخبارية', 'Maan News Agency']),
  wire('SAMA', 'سما', 'Sama', ['وكالة سما', 'وكالة سما الإخبارية', 'Sama News Agency']),
  wire('SAFA', 'صفا', 'Safa', ['وكالة صفا', 'Safa News Agency']),
  wire('PNN', 'بي إن إن', 'PNN', ['شبكة فلسطين الإخبارية', 'Palestine News Network']),
  wire('Anadolu', 'الأناضول', 'Anadolu', ['وكالة الأناضول', 'Anadolu Agency', 'AA']),
  // International agencies
  wire('AFP', 'أ ف ب', 'AFP', ['فرانس برس', 'وكالة فرانس برس', 'Agence France-Presse', 'Agence France Presse']),
  wire('Reuters', 'رويترز', 'Reuters', ['Reuter', 'وكالة رويترز']),
  wire('AP', 'أسوشيتد برس', 'AP', ['أ ب', 'أسوشييتد برس', 'اسوشيتدبرس', 'Associated Press']),
  wire('DPA', 'د ب أ', 'DPA', ['الوكالة الألمانية', 'Deutsche Presse-Agentur']),
  wire('Xinhua', 'شينخوا', 'Xinhua', ['شينخوا الصينية', 'Xinhua News Agency']),
  wire('TASS', 'تاس', 'TASS', ['إيتار تاس', 'ITAR-TASS']),
  wire('RIA', 'ريا نوفوستي', 'RIA Novosti', ['نوفوستي', 'RIA']),
  wire('Sputnik', 'سبوتنيك', 'Sputnik', ['سبوتنيك عربي']),
  wire('IRNA', 'إرنا', 'IRNA', ['ارنا', 'Islamic Republic News Agency']),
  wire('UPI', 'يو بي آي', 'UPI', ['يونايتد برس', 'United Press International']),
  wire('EFE', 'إفي', 'EFE', ['ايفي']),
  wire('Yonhap', 'يونهاب', 'Yonhap', []),
  wire('Kyodo', 'كيودو', 'Kyodo', []),
  wire('ANSA', 'أنسا', 'ANSA', []),
  wire('Bernama', 'برناما', 'Bernama', []),
  wire('PTI', 'برس ترست أوف إنديا', 'PTI', ['Press Trust of India']),
  wire('Interfax', 'إنترفاكس', 'Interfax', ['انترفاكس']),
  wire('Bloomberg', 'بلومبرغ', 'Bloomberg', ['بلومبيرغ', 'بلومبرج']),
  wire('CNN', 'سي إن إن', 'CNN', []),
  // Arab outlets that credit themselves in datelines
  outlet('BBC', 'بي بي سي', 'BBC', ['بي بي سي عربي']),
  outlet('Sabq', 'سبق', 'Sabq', []),
  outlet('AinAlyoum', 'عين اليوم', 'Ain Alyoum', []),
  outlet('Asharq Al-Awsat', 'الشرق الأوسط', 'Asharq Al-Awsat', ['الشرق الأوسط أونلاين']),
  outlet('Sky News Arabia', 'سكاي نيوز عربية', 'Sky News Arabia', []),
  outlet('Al Arabiya', 'العربية.نت', 'Al Arabiya', ['العربية نت']),
  outlet('Al Jazeera', 'الجزيرة نت', 'Al Jazeera', ['الجزيرة.نت']),
  outlet('France 24', 'فرانس 24', 'France 24', ['فرانس24']),
  outlet('Al Khaleej', 'الخليج', 'Al Khaleej', [], ['الخليج']),
  outlet('Al Ittihad', 'الاتحاد', 'Al Ittihad', ['Etihad'], ['الاتحاد', 'Etihad']),
  outlet('Al Bayan', 'البيان', 'Al Bayan', [], ['البيان']),
  outlet('Al Hayat', 'الحياة', 'Al Hayat', [], ['الحياة']),
  outlet('Okaz', 'عكاظ', 'Okaz', []),
  outlet('Al Riyadh', 'الرياض', 'Al Riyadh', [], ['الرياض']),
  outlet('Al Watan', 'الوطن', 'Al Watan', [], ['الوطن']),
  outlet('Al Ahram', 'الأهرام', 'Al Ahram', ['بوابة الأهرام']),
  outlet('Youm7', 'اليوم السابع', 'Youm7', []),
  outlet('Al Masry Al Youm', 'المصري اليوم', 'Al Masry Al Youm', []),
  outlet('Al Quds Al Arabi', 'القدس العربي', 'Al Quds Al Arabi', []),
  outlet('Al Araby', 'العربي الجديد', 'The New Arab', []),
  outlet('Al Rai', 'الراي', 'Al Rai', [], ['الراي']),
  outlet('Al Qabas', 'القبس', 'Al Qabas', []),
  outlet('Al Jarida', 'الجريدة', 'Al Jarida', [], ['الجريدة']),
  outlet('Al Watan Voice', 'دنيا الوطن', 'Donia Al Watan', []),
  outlet('Shafaq', 'شفق نيوز', 'Shafaq News', []),
  outlet('Al Sumaria', 'السومرية نيوز', 'Alsumaria', ['السومرية']),
  outlet('Erem', 'إرم نيوز', 'Erem News', ['إرم']),
  outlet('Al Mayadeen', 'الميادين', 'Al Mayadeen', ['الميادين نت']),
  outlet('RT Arabic', 'روسيا اليوم', 'RT Arabic', ['آر تي', 'RT']),
  outlet('Al Alam', 'العالم', 'Al Alam', [], ['العالم']),
  outlet('Al Hurra', 'الحرة', 'Alhurra', [], ['الحرة']),
  outlet('Radio Sawa', 'راديو سوا', 'Radio Sawa', []),
  outlet('Al Akhbar', 'الأخبار', 'Al Akhbar', [], ['الأخبار']),
  outlet('An Nahar', 'النهار', 'An Nahar', [], ['النهار']),
  outlet('Al Joumhouria', 'الجمهورية', 'Al Joumhouria', [], ['الجمهورية']),
  outlet('Echorouk', 'الشروق', 'Echorouk', [], ['الشروق']),
  outlet('Hespress', 'هسبريس', 'Hespress', []),
  outlet('Khaleejion', 'خليجيون', 'Khaleejion', []),
  outlet('Ammon', 'عمون', 'Ammon', []),
  outlet('Roya', 'رؤيا', 'Roya News', ['رؤيا الإخباري'], ['رؤيا']),
  outlet('Jordan Times', 'جوردان تايمز', 'Jordan Times', []),
  outlet('Gulf News', 'جلف نيوز', 'Gulf News', []),
  outlet('Khaleej Times', 'خليج تايمز', 'Khaleej Times', []),
  outlet('Arab News', 'عرب نيوز', 'Arab News', []),
  outlet('The Peninsula', 'البننسولا', 'The Peninsula', []),
  outlet('Kuwait Times', 'كويت تايمز', 'Kuwait Times', []),
  outlet('MENAFN', 'مينافن', 'MENAFN', []),
];

/**
 * The comparison key of an agency name: matchKey (dots as spaces, so `أ.ف.ب` is `ا ف ب`),
 * hyphens as spaces. Initialisms written without any gap (`ومع`) are listed as such: folding
 * every `د ب أ` into `دبا` would make a town of the UAE an agency.
 */
export function agencyKey(name: string): string {
  return matchKey(name.replace(/^[«"“”'(\[/]+|[»"”“')\]/]+$/g, '')).replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
}

const BY_KEY = new Map<string, AgencyEntry>();
const QUOTED_ONLY = new Set<string>();
for (const entry of AGENCIES) {
  for (const name of entry.names) if (!entry.quotedOnly?.includes(name)) BY_KEY.set(agencyKey(name), entry);
  for (const name of entry.quotedOnly ?? []) {
    BY_KEY.set(agencyKey(name), entry);
    QUOTED_ONLY.add(agencyKey(name));
  }
}

/** The first word of every registered name's key. */
const FIRST_WORDS = new Set([...BY_KEY.keys()].map((key) => key.split(' ')[0]!));

/**
 * False when no registered name can start with this word, so a caller trying runs of words
 * that start here may skip them: the key of a run of words starts with the key of its first
 * word (keys are made character by character, and words hold no quotation marks). True when it
 * cannot tell (a word whose key is empty).
 */
export function mayStartAgencyName(word: string): boolean {
  const key = agencyKey(word);
  return key === '' || FIRST_WORDS.has(key.split(' ')[0]!);
}

/** Longest registered name, in words: lookups never try longer runs. */
export const LONGEST_AGENCY_NAME = Math.max(...[...BY_KEY.keys()].map((k) => k.split(' ').length));

/**
 * The agency or outlet a name stands for (`أ.ف.ب` -> AFP), or null for unknown names. A name
 * that is also a word or a place (`الخليج`) counts only when `quoted` (in «», "", () or //).
 */
export function lookupAgency(name: string, options: { quoted?: boolean } = {}): AgencyEntry | null {
  const bare = name.trim();
  const quoted = options.quoted ?? /^[«"“(\[/]/.test(bare);
  const key = agencyKey(bare);
  const latinKey = /^[a-z0-9 .&'-]+$/i.test(key) ? key.toLowerCase() : key;
  const entry = BY_KEY.get(latinKey) ?? null;
  if (!entry) return null;
  if (QUOTED_ONLY.has(latinKey) && !quoted) return null;
  return entry;
}
