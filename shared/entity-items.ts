/**
 * Entity index items: how "articles that mention X" is answered by a `Query`, never a `Scan`.
 *
 * For every entity of an ok record, one item per way of looking it up:
 *   pk `E#<type>#<entity key>#<yyyy>`   sk `<sortDate>#<object key>`
 * for the entity's name, each alias and spelling variant, and, for people named by more than one
 * word, the last word (so `بوتين` finds `فلاديمير بوتين` even where the article never writes the
 * surname alone). The entity key of a name (`entityKey`, the same for writing and searching) is
 * - a known variant's family key (`سوريا`, `سورية`, `Syria` are all `سوريه`: entity-identity.ts);
 * - else its cross-script key, `~` and the consonant skeleton (`Putin`, `بوتين`: `~btn`,
 *   transliteration.ts), so a search in either script finds articles in both; each item lists
 *   `via`, the names it was written for, and a reader keeps a hit in its own script only when
 *   the name searched for is one of them (`hitMatches`): the skeleton finds, the name decides;
 * - else (a skeleton under two letters) its matching form.
 * Keys are de-duplicated per article and capped at MAX_ENTITY_INDEX_ITEMS per article, most
 * mentioned entities first. Each item carries the article's summary, so a search reads nothing else.
 *
 * Partitions are per year: a very common entity (سورية) spreads over as many partitions as the
 * archive has years, and one year's writes are what one partition takes at a time, as for a month
 * (docs/keys.md). A year rather than a month as the GSIs have: most entities are named a few times
 * a month, so a page of 50 hits would read a dozen sparse month partitions; a year partition
 * usually fills it with one Query. A search reads, newest first, the years the date markers of
 * shared/month-markers.ts name (years that hold any article), not every year back to 1970; entity
 * partitions have no markers of their own (they would cost a write for most keys of most articles).
 */
import { matchKey } from './extract/arabic';
import { familyOf, identityKey, nameKey } from './extract/entity-identity';
import { transliterationKey } from './extract/transliteration';
import { indexSortKey, monthOf, periodOf, sortDateOf, UNDATED } from './items';
import { ENTITY_TYPES, type ArticleRecord, type EntityType } from './record';
import { summarize, type ArticleSummary } from './summary';
import { PREFIX } from './table';

export const ENTITY_PARTITION_PREFIX = PREFIX.entity;
/** At most this many entity index items per article (the most-mentioned entities' keys first). */
export const MAX_ENTITY_INDEX_ITEMS = 200;
/** Characters of an entity key kept in a partition key; a "name" longer than this is not one. */
export const MAX_ENTITY_KEY_CHARS = 200;

/** A cross-script key starts with this; a name's matching form never does. */
const TRANSLITERATION_PREFIX = '~';

/**
 * The key an entity name is looked up by, for writing and for searching alike: a family's key
 * only for a family of the entity's type (قنا the town keeps its own key beside قنا the agency).
 */
export function entityKey(name: string, type?: EntityType): string {
  const family = familyOf(name, type);
  if (family) return family.key.slice(0, MAX_ENTITY_KEY_CHARS).trim();
  const skeleton = transliterationKey(name);
  if (skeleton.replace(/ /g, '').length >= 2) return `${TRANSLITERATION_PREFIX}${skeleton}`.slice(0, MAX_ENTITY_KEY_CHARS).trim();
  return matchKey(name).slice(0, MAX_ENTITY_KEY_CHARS).trim();
}

/** Latin renderings of the Arabic article, as a word of their own (`al-Assad`). */
const LATIN_ARTICLE_WORDS = new Set(['al', 'el']);

/** How a name is compared with the names an index item was written for: its key without a Latin `al`. */
function viaKey(name: string, type?: EntityType): string {
  return identityKey(name, type)
    .split(' ')
    .filter((word) => !LATIN_ARTICLE_WORDS.has(word))
    .join(' ');
}

const isArabicKey = (key: string): boolean => /[\u0621-\u064A]/.test(key);

/**
 * Whether an index item found by `searched` names it: always for a family key or a hit in the
 * other script (the skeleton is the only tie there is); in the searcher's own script only when
 * the item was written for that very name (`Patton` shares `~btn` with `Putin`, and is not him).
 * Items written before `via` existed are kept.
 */
export function hitMatches(searched: string, via: readonly string[] | undefined, type?: EntityType): boolean {
  if (!via || !entityKey(searched, type).startsWith(TRANSLITERATION_PREFIX)) return true;
  const arabic = isArabicKey(nameKey(searched));
  const ownScript = via.filter((key) => isArabicKey(key) === arabic);
  return ownScript.length === 0 || ownScript.includes(viaKey(searched, type));
}

/** The partition of an entity's index items of one year (a search reads the years the `M#D#` date markers name). */
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
  /** The names (viaKey) this key was written for: what `hitMatches` checks a search against. */
  readonly via: readonly string[];
  /** The entity's name as written in the article. */
  readonly name: string;
  readonly mentions: number;
  readonly role: string | null;
}

/** The keys an article can be found by, most-mentioned entities first, at most `cap`. */
export function entityLookups(record: ArticleRecord, cap: number = MAX_ENTITY_INDEX_ITEMS): EntityLookup[] {
  if (record.status !== 'ok') return [];
  const lookups: { type: EntityType; key: string; via: string[]; name: string; mentions: number; role: string | null }[] = [];
  const seen = new Map<string, number>();
  const entities = ENTITY_TYPES.flatMap((type) => record.entities[type].map((entity) => ({ type, entity })));
  entities.sort((a, b) => b.entity.mentions - a.entity.mentions);
  for (const { type, entity } of entities) {
    const names = [entity.name, entity.normalized, ...entity.aliases, ...(entity.variants ?? [])];
    const words = nameKey(entity.name).split(' ');
    if (type === 'person' && words.length > 1) names.push(words.at(-1)!);
    for (const name of names) {
      const key = entityKey(name, type);
      if (key.length < 2) continue;
      const via = viaKey(name, type);
      const at = seen.get(`${type}#${key}`);
      if (at !== undefined) {
        // Two names under one key (a variant, or two people sharing a skeleton): the item says both.
        if (!lookups[at]!.via.includes(via)) lookups[at]!.via.push(via);
        continue;
      }
      if (lookups.length >= cap) return lookups;
      seen.set(`${type}#${key}`, lookups.length);
      lookups.push({ type, key, via: [via], name: entity.name, mentions: entity.mentions, role: entity.role ?? null });
    }
  }
  return lookups;
}

/** What an entity index item holds besides its keys. */
export interface EntityIndexItem {
  readonly pk: string;
  readonly sk: string;
  readonly entity: { readonly type: EntityType; readonly key: string; readonly via: readonly string[]; readonly name: string; readonly mentions: number; readonly role: string | null };
  readonly article: ArticleSummary;
}

export function entityIndexItems(record: ArticleRecord): EntityIndexItem[] {
  const period = periodOf(record);
  // An undated article's items go to the entity's undated partition, as its GSI items do.
  const year = period === UNDATED ? UNDATED : period.slice(0, 4);
  const sk = indexSortKey(sortDateOf(record), record.source.key);
  const article = summarize(record);
  return entityLookups(record).map(({ type, key, via, name, mentions, role }) => ({
    pk: entityPartition(type, key, year),
    sk,
    entity: { type, key, via, name, mentions, role },
    article,
  }));
}
