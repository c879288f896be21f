// Languages, entity types and tag names shared by the NER modules.

export type NerLang = 'ar' | 'en';

export const NER_LANGS: readonly NerLang[] = ['ar', 'en'];

/** Scored entity types in the project's own naming. */
export type EntityType = 'PERS' | 'ORG' | 'LOC';

/** The person type as each corpus writes it: ANERcorp uses PERS, CoNLL-2003 uses PER. */
export function personTag(lang: NerLang): string {
  return lang === 'ar' ? 'PERS' : 'PER';
}

/** Corpus type name -> project type, or null for types that are not reported (MISC). */
export function entityTypeOf(corpusType: string): EntityType | null {
  if (corpusType === 'PER' || corpusType === 'PERS') return 'PERS';
  if (corpusType === 'ORG' || corpusType === 'LOC') return corpusType;
  return null;
}
