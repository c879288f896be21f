/**
 * One entity, one identity: the table of known variants, stable ids, the cross-script key, and
 * the index keys and hit checks built on them (shared/entity-items.ts). Articles are invented.
 */
import { describe, expect, it } from 'vitest';
import { entityKey, entityLookups, hitMatches } from '../../shared/entity-items';
import { entityId, familyOf, identityKey } from '../../shared/extract/entity-identity';
import { transliterationKey } from '../../shared/extract/transliteration';
import { extract } from './helpers';

describe('the table of known variants', () => {
  it.each([
    ['سوريا', 'سورية'],
    ['الجمهورية العربية السورية', 'سورية'],
    ['Syria', 'سوريا'],
    ['أمريكا', 'الولايات المتحدة'],
    ['الولايات المتحدة الأمريكية', 'الولايات المتحدة'],
    ['تركية', 'تركيا'],
    ['الجيش السوري', 'الجيش العربي السوري'],
    ['جيش سوريا', 'الجيش العربي السوري'],
    ['وزارة خارجية روسيا', 'وزارة الخارجية الروسية'],
    ['الخارجية الروسية', 'وزارة الخارجية الروسية'],
    ['الحكومة المصرية', 'حكومة مصر'],
    ['البنتاغون', 'وزارة الدفاع الأمريكية'],
    // An agency's code and its full names, from the agency registry (agencies.ts).
    ['كونا', 'وكالة الأنباء الكويتية'],
    ['Kuwait News Agency', 'كونا'],
    ['واس', 'وكالة الأنباء السعودية'],
    ['وام', 'وكالة أنباء الإمارات'],
    ['سانا', 'الوكالة العربية السورية للأنباء'],
    ['أ ف ب', 'وكالة فرانس برس'],
    ['Reuters', 'رويترز'],
  ])('%s and %s are one family', (a, b) => {
    expect(familyOf(a)).toBeDefined();
    expect(identityKey(a)).toBe(identityKey(b));
  });

  it.each([
    ['روسيا', 'سوريا'],
    ['الجيش السوري', 'الجيش الروسي'],
    ['أمريكا اللاتينية', 'الولايات المتحدة'],
    ['وزارة الخارجية الروسية', 'وزارة الدفاع الروسية'],
  ])('%s and %s stay apart', (a, b) => {
    expect(identityKey(a)).not.toBe(identityKey(b));
  });

  it('takes the canonical name of the family: the official long name of the army', () => {
    expect(identityKey('الجيش السوري')).toBe(identityKey('الجيش العربي السوري'));
    expect(familyOf('الجيش السوري')?.type).toBe('organization');
    expect(familyOf('سوريا')?.type).toBe('place');
  });
});

describe('an agency is one organisation by its code and by its name', () => {
  it('a story crediting كونا and naming وكالة الأنباء الكويتية has one entity for both', () => {
    const record = extract('الكويت - 2 - 8 (كونا) -- افتتحت وزارة الصحة مستشفى جديدا في منطقة الجهراء اليوم.\nوذكرت وكالة الأنباء الكويتية أن المستشفى يضم ثلاثمئة سرير.\n');
    const agencies = record.entities.organization.filter((e) => identityKey(e.name) === identityKey('كونا'));
    expect(agencies).toHaveLength(1);
    expect(agencies[0]!.id).toBe(entityId('organization', 'كونا'));
  });

  it('find --org كونا reaches a story that writes only the full name', () => {
    const record = extract('افتتحت وزارة الصحة مستشفى جديدا في منطقة الجهراء اليوم، حسبما ذكرت وكالة الأنباء الكويتية.\n');
    const keys = entityLookups(record).filter((l) => l.type === 'organization').map((l) => l.key);
    expect(keys).toContain(entityKey('كونا', 'organization'));
    const lookup = entityLookups(record).find((l) => l.type === 'organization' && l.key === entityKey('كونا', 'organization'));
    expect(hitMatches('كونا', lookup?.via, 'organization')).toBe(true);
  });

  it('an agency code that is also a town or a given name joins the agency only as an organisation', () => {
    // قنا is QNA's code and a town on the Nile; مينا is MENA's and a given name; Petra the agency and the ancient city.
    expect(entityKey('قنا', 'organization')).toBe(entityKey('وكالة الأنباء القطرية', 'organization'));
    expect(entityKey('قنا', 'place')).not.toBe(entityKey('قنا', 'organization'));
    expect(entityKey('Qena', 'place')).toBe(entityKey('قنا', 'place'));
    expect(entityKey('مينا', 'person')).toBe(entityKey('Mina', 'person'));
    expect(entityKey('Petra', 'place')).toBe(entityKey('البترا', 'place'));
    expect(entityId('place', 'قنا')).not.toBe(entityId('place', 'وكالة الأنباء القطرية'));
  });
});

describe('entity ids', () => {
  it('are stable, the same for every spelling of one entity, and differ by type and entity', () => {
    expect(entityId('place', 'سوريا')).toBe(entityId('place', 'سورية'));
    expect(entityId('place', 'أوباما')).toBe(entityId('place', 'اوباما'));
    expect(entityId('place', 'سورية')).toMatch(/^place-[0-9a-f]{16}$/);
    expect(entityId('place', 'سورية')).not.toBe(entityId('organization', 'سورية'));
    expect(entityId('place', 'سورية')).not.toBe(entityId('place', 'روسيا'));
  });
});

describe('the cross-script key', () => {
  it.each([
    ['Putin', 'بوتين'],
    ['Vladimir Putin', 'فلاديمير بوتين'],
    ['Lavrov', 'لافروف'],
    ['Assad', 'الأسد'],
    ['Bashar al-Assad', 'بشار الأسد'],
    ['Obama', 'أوباما'],
    ['Erdogan', 'أردوغان'],
    ['Netanyahu', 'نتنياهو'],
    ['Zakharova', 'زاخاروفا'],
    ['Mohammed bin Salman', 'محمد بن سلمان'],
    ['Moscow', 'موسكو'],
  ])('%s meets %s', (latin, arabic) => {
    expect(transliterationKey(latin)).toBe(transliterationKey(arabic));
    expect(transliterationKey(latin).length).toBeGreaterThan(1);
  });

  it.each([
    ['Assad', 'سعد'],
    ['Putin', 'بوتفليقة'],
    ['Lavrov', 'ليبرمان'],
    ['Obama', 'أباظة'],
    ['Obama', 'بوما'],
    ['Kerry', 'كارتر'],
  ])('%s does not meet %s', (latin, arabic) => {
    expect(transliterationKey(latin)).not.toBe(transliterationKey(arabic));
  });
});

describe('entity index keys and hits', () => {
  it('looks names up by family key, else by the cross-script key', () => {
    expect(entityKey('سوريا')).toBe(entityKey('سورية'));
    expect(entityKey('Syria')).toBe(entityKey('سورية'));
    expect(entityKey('Putin')).toBe('~btn');
    expect(entityKey('بوتين')).toBe('~btn');
  });

  it('keeps a hit across scripts, and in the searcher\'s script only for a name the article wrote', () => {
    // An Arabic article about بوتين, found by Putin and by بوتين; not by بوتن (another name) nor Patton's own articles.
    expect(hitMatches('Putin', ['بوتين', 'فلاديمير بوتين'])).toBe(true);
    expect(hitMatches('بوتين', ['بوتين', 'فلاديمير بوتين'])).toBe(true);
    expect(hitMatches('Putin', ['patton'])).toBe(false);
    expect(hitMatches('Patton', ['بوتين'])).toBe(true);
    expect(hitMatches('al-Assad', ['assad', 'bashar al assad'])).toBe(true);
    expect(hitMatches('سوريا', ['سوريه'])).toBe(true);
    expect(hitMatches('Putin', undefined)).toBe(true);
  });

  it('writes an article about سورية, بوتين and the Syrian army under keys its other spellings find', () => {
    const record = extract(
      [
        'دمشق – سانا',
        'بحث الرئيس الروسي فلاديمير بوتين مع وفد من سوريا الوضع في سورية، وقال بوتين إن الجيش السوري يتقدم.',
        'وأكد الجيش العربي السوري أنه سيطر على بلدة جديدة في ريف سورية الشمالي.',
      ].join('\n'),
    );
    const syria = record.entities.place.filter((e) => identityKey(e.name) === identityKey('سوريا'));
    expect(syria).toHaveLength(1);
    expect(syria[0]!.variants).toEqual(expect.arrayContaining(['سوريا']));
    expect(syria[0]!.id).toBe(entityId('place', 'سوريا'));
    const armies = record.entities.organization.filter((e) => identityKey(e.name) === identityKey('الجيش السوري'));
    expect(armies.map((e) => e.name)).toEqual(['الجيش العربي السوري']);

    const lookups = entityLookups(record);
    const has = (type: string, name: string) => lookups.some((l) => l.type === type && l.key === entityKey(name) && hitMatches(name, l.via));
    expect(has('place', 'سوريا')).toBe(true);
    expect(has('place', 'Syria')).toBe(true);
    expect(has('person', 'Putin')).toBe(true);
    expect(has('person', 'Vladimir Putin')).toBe(true);
    expect(has('organization', 'Syrian army')).toBe(true);
  });
});
