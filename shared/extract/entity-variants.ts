/**
 * DATA FILE and its rules, written by the Dateline team: names that are one entity although
 * normalisation (SPEC §5) does not fold them. Families, each with its canonical name first:
 *
 * - places: every line of the gazetteer (gazetteer-places.ts: `سورية`, `سوريا`, `الجمهورية العربية
 *   السورية`, `Syria`), and a country written with `ـيا` also with `ـية` (`سوريا`/`سورية`,
 *   `تركيا`/`تركية`), as state media write it;
 * - organisations: every line of gazetteer-orgs.ts with the wire agencies of agencies.ts joined to
 *   it (a code and the full names: كونا، وكالة الأنباء الكويتية), and per state its army, government and the
 *   ministries news name by the state's adjective (`الجيش السوري`, `جيش سوريا`, `الجيش العربي السوري`;
 *   `وزارة الخارجية الروسية`, `الخارجية الروسية`, `وزارة خارجية روسيا`), with the official long
 *   names that differ (STATE_EXTRAS);
 * - `أمريكا` is the United States (the gazetteer's line); `أمريكا اللاتينية` is a longer name and
 *   not in the family.
 * Keys are `nameKey`s (entity-identity.ts); a name in two families belongs to the first.
 */
import { AGENCIES } from './agencies';
import { matchKey } from './arabic';
import { ORG_NAMES } from './gazetteer-orgs';
import { PLACE_NAMES } from './gazetteer-places';
import { MINISTRY_DOMAINS } from './gazetteer-words';

export interface VariantFamily {
  readonly type: 'place' | 'organization';
  /** The canonical name first, then its other spellings and official forms. */
  readonly names: readonly string[];
}

/** A state as its institutions are named: its name (as the gazetteer's line starts) and its adjective. */
interface State {
  readonly name: string;
  /** Masculine adjective without the article (سوري); the feminine adds ة. */
  readonly adjective: string;
}

const STATES: readonly State[] = [
  { name: 'سورية', adjective: 'سوري' },
  { name: 'روسيا', adjective: 'روسي' },
  { name: 'الولايات المتحدة', adjective: 'أمريكي' },
  { name: 'العراق', adjective: 'عراقي' },
  { name: 'لبنان', adjective: 'لبناني' },
  { name: 'الأردن', adjective: 'أردني' },
  { name: 'مصر', adjective: 'مصري' },
  { name: 'السعودية', adjective: 'سعودي' },
  { name: 'إيران', adjective: 'إيراني' },
  { name: 'تركيا', adjective: 'تركي' },
  { name: 'فرنسا', adjective: 'فرنسي' },
  { name: 'بريطانيا', adjective: 'بريطاني' },
  { name: 'ألمانيا', adjective: 'ألماني' },
  { name: 'الصين', adjective: 'صيني' },
  { name: 'إسرائيل', adjective: 'إسرائيلي' },
  { name: 'قطر', adjective: 'قطري' },
  { name: 'الكويت', adjective: 'كويتي' },
  { name: 'الإمارات', adjective: 'إماراتي' },
  { name: 'البحرين', adjective: 'بحريني' },
  { name: 'اليمن', adjective: 'يمني' },
  { name: 'ليبيا', adjective: 'ليبي' },
  { name: 'تونس', adjective: 'تونسي' },
  { name: 'الجزائر', adjective: 'جزائري' },
  { name: 'المغرب', adjective: 'مغربي' },
  { name: 'السودان', adjective: 'سوداني' },
  { name: 'أوكرانيا', adjective: 'أوكراني' },
  { name: 'باكستان', adjective: 'باكستاني' },
  { name: 'أفغانستان', adjective: 'أفغاني' },
  { name: 'الهند', adjective: 'هندي' },
  { name: 'اليابان', adjective: 'ياباني' },
  { name: 'إيطاليا', adjective: 'إيطالي' },
  { name: 'إسبانيا', adjective: 'إسباني' },
  { name: 'كندا', adjective: 'كندي' },
];

/** Institutions of a state named otherwise than by the rule, canonical (official) name first. */
const STATE_EXTRAS: Readonly<Record<string, { army?: readonly string[]; ministries?: Readonly<Record<string, readonly string[]>> }>> = {
  سورية: {
    army: ['الجيش العربي السوري', 'Syrian Arab Army', 'Syrian army'],
    ministries: { الخارجية: ['وزارة الخارجية والمغتربين'] },
  },
  'الولايات المتحدة': { army: ['الجيش الأمريكي', 'US Army', 'U.S. Army'], ministries: { الدفاع: ['وزارة الدفاع الأمريكية', 'البنتاغون', 'Pentagon', 'the Pentagon'] } },
  روسيا: { army: ['الجيش الروسي', 'Russian army'] },
};

/** A country written `ـيا` is also written `ـية` (سوريا/سورية): the other spelling of a one-word name. */
function yaTaSpelling(name: string): string | null {
  if (name.includes(' ')) return null;
  if (name.endsWith('يا')) return `${name.slice(0, -1)}ة`;
  if (name.endsWith('ية')) return `${name.slice(0, -1)}ا`;
  return null;
}

function stateFamilies(state: State): VariantFamily[] {
  const extras = STATE_EXTRAS[state.name] ?? {};
  const bare = (definite: string) => definite.replace(/^ال/, '');
  const masculine = `ال${state.adjective}`;
  const feminine = `ال${state.adjective}ة`;
  const spellings = [state.name, yaTaSpelling(state.name)].filter((n): n is string => n !== null);
  const families: VariantFamily[] = [
    { type: 'organization', names: [...(extras.army ?? []), `الجيش ${masculine}`, ...spellings.map((n) => `جيش ${n}`)] },
    { type: 'organization', names: [`الحكومة ${feminine}`, ...spellings.map((n) => `حكومة ${n}`)] },
  ];
  for (const domain of MINISTRY_DOMAINS) {
    const official = extras.ministries?.[domain] ?? [];
    families.push({
      type: 'organization',
      names: [...official, `وزارة ${domain} ${feminine}`, `${domain} ${feminine}`, ...spellings.map((n) => `وزارة ${bare(domain)} ${n}`)],
    });
  }
  return families;
}

function placeFamilies(): VariantFamily[] {
  return PLACE_NAMES.map((line) => {
    const names = [...line];
    for (const name of line) {
      const other = yaTaSpelling(name);
      if (other && /[\u0600-\u06FF]/.test(name) && !names.includes(other)) names.push(other);
    }
    return { type: 'place' as const, names };
  });
}

/**
 * The organisations of the gazetteer, each wire agency of the registry (agencies.ts) joined to
 * its line: a code and the agency's full names are one organisation (كونا، وكالة الأنباء
 * الكويتية، Kuwait News Agency). An agency without a line gets one of its own, its code first.
 * Spellings that are also common words (`quotedOnly`) stay out: the family says what a name is
 * wherever it is written.
 */
function organisationFamilies(): VariantFamily[] {
  const families = ORG_NAMES.map((entry) => ({ type: 'organization' as const, names: [...entry.names] }));
  const familyOfName = new Map<string, (typeof families)[number]>();
  for (const family of families) for (const name of family.names) familyOfName.set(matchKey(name), family);
  for (const agency of AGENCIES) {
    if (agency.kind !== 'wire') continue;
    const names = agency.names.filter((name) => !agency.quotedOnly?.includes(name));
    const family = names.map((name) => familyOfName.get(matchKey(name))).find((f) => f !== undefined);
    const target = family ?? { type: 'organization' as const, names: [] };
    if (!family) families.push(target);
    for (const name of names) {
      if (familyOfName.has(matchKey(name))) continue;
      target.names.push(name);
      familyOfName.set(matchKey(name), target);
    }
  }
  return families;
}

export const VARIANT_FAMILIES: readonly VariantFamily[] = [
  ...placeFamilies(),
  ...STATES.flatMap(stateFamilies),
  ...organisationFamilies(),
];
