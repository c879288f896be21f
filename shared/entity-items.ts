/**
 * Entity index items: how "articles that mention X" is answered by a `Query`, never a `Scan`.
 *
 * For every entity of an ok record, one item per way of looking it up:
 *   pk `E#<type>#<entity key>#<yyyy>`   sk `<sortDate>#<object key>`
 * where the entity key is the matching form (`matchKey`: SPEC §5 normalisation, lower case) of
 * the entity's name, of each alias, and, for people named by more than one word, of the last word
 * (so `بوتين` finds `فلاديمير بوتين` even where the article never writes the surname alone).
 * Keys are de-duplicated per article and capped at MAX_ENTITY_INDEX_ITEMS per article, most
 * mentioned entities first. Each item carries the article's summary, so a search reads nothing else.
 *
 * Partitions are per year: a very common entity (سورية) spreads over as many partitions as the
 * archive has years, and one year's writes are what one partition takes at a time, as for a month
 * (docs/keys.md). A year rather than a month as the GSIs have: most entities are named a few times
 * a month, so a page of 50 hits would read a dozen sparse month partitions; a year partition
 * usually fills it with one Query. The markers of shared/month-markers.ts (one per year here) tell
 * a search which years to read, newest first, without walking empty years back to 1970.
 */
import { matchKey } from './extract/arabic';
import { indexSortKey, monthOf, sortDateOf } from './items';
import { ENTITY_TYPES, type ArticleRecord, type EntityType } from './record';
import { summarize, type ArticleSummary } from './summary';
import { PREFIX } from './table';

export const ENTITY_PARTITION_PREFIX = PREFIX.entity;
/** At most this many entity index items per article (the most-mentioned entities' keys first). */
export const MAX_ENTITY_INDEX_ITEMS = 200;
/** Characters of an entity key kept in a partition key; a "name" longer than this is not one. */
export const MAX_ENTITY_KEY_CHARS = 200;

/** The form an entity name is looked up by, for writing and for searching alike. */
export function entityKey(name: string): string {
  return matchKey(name).slice(0, MAX_ENTITY_KEY_CHARS).trim();
}

/** The partition of an entity's index items of one year (`year` empty: the family, for its markers). */
export function entityPartition(type: EntityType, key: string, year: string): string {
  return `${ENTITY_PARTITION_PREFIX}${type}#${key}#${year}`;
}

/** The year partition a sort date falls in (`2015-09-01T…` -> `2015`). */
export function yearOf(instant: string): string {
  return monthOf(instant).slice(0, 4);
}

/** One way of finding an article by an entity: the entity as the article has it, and the key. */
export interface EntityLookup {
  readonly type: EntityType;
  readonly key: string;
  /** The entity's name as written in the article. */
  readonly name: string;
  readonly mentions: number;
  readonly role: string | null;
}

/** The keys an article can be found by, most-mentioned entities first, at most `cap`. */
export function entityLookups(record: ArticleRecord, cap: number = MAX_ENTITY_INDEX_ITEMS): EntityLookup[] {
  if (record.status !== 'ok') return [];
  const lookups: EntityLookup[] = [];
  const seen = new Set<string>();
  const entities = ENTITY_TYPES.flatMap((type) => record.entities[type].map((entity) => ({ type, entity })));
  entities.sort((a, b) => b.entity.mentions - a.entity.mentions);
  for (const { type, entity } of entities) {
    const names = [entity.name, entity.normalized, ...entity.aliases];
    const words = matchKey(entity.name).split(' ');
    if (type === 'person' && words.length > 1) names.push(words.at(-1)!);
    for (const name of names) {
      const key = entityKey(name);
      if (key.length < 2 || seen.has(`${type}#${key}`)) continue;
      if (lookups.length >= cap) return lookups;
      seen.add(`${type}#${key}`);
      lookups.push({ type, key, name: entity.name, mentions: entity.mentions, role: entity.role ?? null });
    }
  }
  return lookups;
}

/** What an entity index item holds besides its keys. */
export interface EntityIndexItem {
  readonly pk: string;
  readonly sk: string;
  readonly entity: { readonly type: EntityType; readonly key: string; readonly name: string; readonly mentions: number; readonly role: string | null };
  readonly article: ArticleSummary;
}

export function entityIndexItems(record: ArticleRecord): EntityIndexItem[] {
  const sortDate = sortDateOf(record);
  const year = yearOf(sortDate);
  const sk = indexSortKey(sortDate, record.source.key);
  const article = summarize(record);
  return entityLookups(record).map(({ type, key, name, mentions, role }) => ({
    pk: entityPartition(type, key, year),
    sk,
    entity: { type, key, name, mentions, role },
    article,
  }));
}
