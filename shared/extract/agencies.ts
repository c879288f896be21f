/**
 * News agencies and outlets as they appear in datelines, bylines and sign-offs, with the code
 * the archive files them under. `wire` agencies write `place – agency` or `agency – place`;
 * `outlet`s (newspapers, broadcasters, sites) write `author – outlet – place`, so the part
 * before an outlet is a byline, not a place.
 *
 * Names are compared with matchKey (normalised Arabic, dots as spaces, lower case), so
 * `أ.ف.ب`, `أ ف ب` and `ا ف ب` are one entry. Names that are also ordinary words or cities
 * (الرياض، اليوم، الوطن، المدينة) are left out on purpose: a dateline `الرياض – واس` must not
 * read the city as the newspaper.
 */
import { matchKey } from './arabic';

export type AgencyKind = 'wire' | 'outlet';

export interface AgencyEntry {
  readonly code: string;
  readonly kind: AgencyKind;
  readonly names: readonly string[];
}

export const AGENCIES: readonly AgencyEntry[] = [
  { code: 'SANA', kind: 'wire', names: ['سانا', 'SANA', 'سانا الإخبارية'] },
  { code: 'SPA', kind: 'wire', names: ['واس', 'SPA'] },
  { code: 'AFP', kind: 'wire', names: ['أ ف ب', 'أ.ف.ب', 'فرانس برس', 'وكالة فرانس برس', 'AFP', 'Agence France-Presse'] },
  { code: 'Reuters', kind: 'wire', names: ['رويترز', 'Reuters', 'Reuter'] },
  { code: 'DPA', kind: 'wire', names: ['د ب أ', 'د.ب.أ', 'DPA'] },
  { code: 'AP', kind: 'wire', names: ['أ ب', 'أ.ب', 'أسوشيتد برس', 'أسوشييتد برس', 'AP', 'Associated Press'] },
  { code: 'QNA', kind: 'wire', names: ['قنا', 'QNA'] },
  { code: 'WAM', kind: 'wire', names: ['وام', 'WAM'] },
  { code: 'KUNA', kind: 'wire', names: ['كونا', 'KUNA'] },
  { code: 'Petra', kind: 'wire', names: ['بترا', 'Petra'] },
  { code: 'MENA', kind: 'wire', names: ['مينا', 'أ ش أ', 'أ.ش.أ', 'MENA'] },
  { code: 'Anadolu', kind: 'wire', names: ['الأناضول', 'الاناضول', 'Anadolu', 'AA'] },
  { code: 'BNA', kind: 'wire', names: ['بنا', 'BNA'] },
  { code: 'ONA', kind: 'wire', names: ['العمانية', 'ONA'] },
  { code: 'INA', kind: 'wire', names: ['واع', 'INA'] },
  { code: 'NNA', kind: 'wire', names: ['الوكالة الوطنية للإعلام', 'NNA'] },
  { code: 'MAP', kind: 'wire', names: ['لاماب', 'و م ع', 'MAP'] },
  { code: 'TAP', kind: 'wire', names: ['وات', 'TAP'] },
  { code: 'APS', kind: 'wire', names: ['واج', 'APS'] },
  { code: 'SUNA', kind: 'wire', names: ['سونا', 'SUNA'] },
  { code: 'WAFA', kind: 'wire', names: ['وفا', 'WAFA'] },
  { code: 'IRNA', kind: 'wire', names: ['إرنا', 'ارنا', 'IRNA'] },
  { code: 'Xinhua', kind: 'wire', names: ['شينخوا', 'Xinhua'] },
  { code: 'TASS', kind: 'wire', names: ['تاس', 'TASS', 'ITAR-TASS'] },
  { code: 'RIA', kind: 'wire', names: ['نوفوستي', 'ريا نوفوستي', 'RIA Novosti', 'RIA'] },
  { code: 'Sputnik', kind: 'wire', names: ['سبوتنيك', 'Sputnik'] },
  { code: 'UPI', kind: 'wire', names: ['يو بي آي', 'UPI'] },
  { code: 'EFE', kind: 'wire', names: ['إفي', 'EFE'] },
  { code: 'Yonhap', kind: 'wire', names: ['يونهاب', 'Yonhap'] },
  { code: 'Kyodo', kind: 'wire', names: ['كيودو', 'Kyodo'] },
  { code: 'ANSA', kind: 'wire', names: ['أنسا', 'ANSA'] },
  { code: 'Bernama', kind: 'wire', names: ['برناما', 'Bernama'] },
  { code: 'PTI', kind: 'wire', names: ['PTI'] },
  { code: 'Interfax', kind: 'wire', names: ['إنترفاكس', 'انترفاكس', 'Interfax'] },
  { code: 'CNN', kind: 'wire', names: ['CNN', 'سي إن إن'] },
  { code: 'BBC', kind: 'outlet', names: ['BBC', 'بي بي سي'] },
  { code: 'Sabq', kind: 'outlet', names: ['سبق'] },
  { code: 'AinAlyoum', kind: 'outlet', names: ['عين اليوم'] },
  { code: 'Asharq Al-Awsat', kind: 'outlet', names: ['الشرق الأوسط', 'الشرق الأوسط أونلاين'] },
  { code: 'Sky News Arabia', kind: 'outlet', names: ['سكاي نيوز عربية', 'Sky News Arabia'] },
  { code: 'Al Arabiya', kind: 'outlet', names: ['العربية.نت', 'العربية نت', 'Al Arabiya'] },
  { code: 'Al Jazeera', kind: 'outlet', names: ['الجزيرة نت', 'الجزيرة.نت', 'Al Jazeera'] },
  { code: 'France 24', kind: 'outlet', names: ['فرانس 24', 'فرانس24', 'France 24'] },
];

const BY_KEY = new Map<string, AgencyEntry>(AGENCIES.flatMap((entry) => entry.names.map((name) => [matchKey(name), entry] as const)));

/** The agency or outlet a name stands for (`أ.ف.ب` -> AFP), or null for unknown names. */
export function lookupAgency(name: string): AgencyEntry | null {
  const key = matchKey(name.replace(/^[«"“(\[]+|[»"”)\]]+$/g, ''));
  return BY_KEY.get(key) ?? null;
}
