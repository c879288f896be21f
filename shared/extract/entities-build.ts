/**
 * Mentions and the record's entity lists from clustered spans: every name and alias of every
 * entity is searched for across the text, then each entity gets its canonical name, aliases,
 * mention count and role.
 */
import type { Entities, Entity, EntityType } from '../record';
import { normalizeArabic, stripInvisible } from './arabic';
import { entityId, identityKey } from './entity-identity';
import { WORDS } from './gazetteer';
import type { EntityMention, Seed, TextUnit } from './entities-types';
import { mentionOffsets, mentionText, seedKey, type Cluster, type Mention } from './entities-merge';
import { endsWithPronounLink, roleWrittenBefore } from './roles';

/** Entities kept per type; the record says how many there were when more are found. */
export const MAX_ENTITIES_PER_TYPE = 100;

interface IndexEntry {
  readonly rest: readonly string[];
  readonly cluster: number;
  readonly key: string;
}

function isWeakWord(key: string): boolean {
  return key.length < 3 || WORDS.generic.has(key) || WORDS.stop.has(key) || WORDS.time.has(key) || WORDS.nisba.has(key) || WORDS.englishStop.has(key) || WORDS.ordinal.has(key);
}

/** A given name (محمد، John) is no one's alias: too many people share it. */
const isGivenName = (key: string): boolean => WORDS.givenArabic.has(key) || WORDS.givenAfterTitle.has(key) || WORDS.givenLatin.has(key);

/** Keys to search for, per entity: its names, and for people their surname (and a non-given first name). */
function searchIndex(units: readonly TextUnit[], clusters: readonly Cluster[]): Map<string, IndexEntry[]> {
  const owners = new Map<string, Set<number>>();
  const own = (key: string, cluster: number) => owners.set(key, (owners.get(key) ?? new Set()).add(cluster));
  for (const cluster of clusters) {
    if (cluster.cueOnly) continue;
    for (const seed of cluster.seeds) {
      if (seed.cueOnly) continue;
      const key = seedKey(units, seed);
      own(key, cluster.id);
      const words = key.split(' ');
      if (cluster.type !== 'person' || words.length < 2) continue;
      const last = words[words.length - 1]!;
      const first = words[0]!;
      if (!isWeakWord(last) && !isGivenName(last)) own(last, cluster.id);
      if (!isWeakWord(first) && !isGivenName(first) && !WORDS.nameConnector.has(first)) own(first, cluster.id);
    }
  }
  const index = new Map<string, IndexEntry[]>();
  for (const [key, set] of owners) {
    if (set.size !== 1) continue;
    const [first, ...rest] = key.split(' ');
    const list = index.get(first!) ?? [];
    list.push({ rest, cluster: [...set][0]!, key });
    index.set(first!, list);
  }
  for (const list of index.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return index;
}

/** Every mention: the spans themselves, then every other occurrence of a known name or alias. */
export function findMentions(units: readonly TextUnit[], clusters: readonly Cluster[], seeds: readonly Seed[], clusterOf: readonly number[]): Mention[] {
  const covered = units.map((u) => new Uint8Array(u.toks.length));
  const mentions: Mention[] = seeds.map((seed, i) => {
    covered[seed.unit]!.fill(1, seed.first, seed.last + 1);
    return { cluster: clusterOf[i]!, unit: seed.unit, first: seed.first, last: seed.last, form: seed.form, key: seedKey(units, seed), seed };
  });
  const index = searchIndex(units, clusters);
  for (const unit of units) {
    const toks = unit.toks;
    const taken = covered[unit.index]!;
    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i]!;
      if (taken[i] || !tok.word) continue;
      let best: { entry: IndexEntry; form: number } | null = null;
      tok.forms.forEach((form, f) => {
        for (const entry of index.get(form.key) ?? []) {
          if (best && entry.rest.length <= best.entry.rest.length) continue;
          if (!entry.rest.every((key, k) => toks[i + 1 + k]?.key === key && !taken[i + 1 + k])) continue;
          const shaped = toks.slice(i, i + 1 + entry.rest.length).every((t) => t.arabic || t.capitalised || /^\p{N}/u.test(t.text));
          if (shaped) best = { entry, form: f };
        }
      });
      if (!best) continue;
      const { entry, form } = best as { entry: IndexEntry; form: number };
      const last = i + entry.rest.length;
      taken.fill(1, i, last + 1);
      mentions.push({ cluster: entry.cluster, unit: unit.index, first: i, last, form, key: entry.key, seed: null });
      i = last;
    }
  }
  return mentions.sort((a, b) => a.unit - b.unit || a.first - b.first);
}

/** Canonical name: the fullest form for people and organisations, the most used one for places. */
function canonicalKey(type: EntityType, counts: ReadonlyMap<string, number>, order: readonly string[], appositive: ReadonlySet<string>): string {
  const candidates = order.filter((k) => !appositive.has(k));
  const pool = candidates.length > 0 ? candidates : [...order];
  const words = (k: string) => k.split(' ').length;
  const ranked = [...pool].sort((a, b) => {
    const byCount = (counts.get(b) ?? 0) - (counts.get(a) ?? 0);
    const byLength = words(b) - words(a);
    return type === 'place' ? byCount || byLength : byLength || byCount;
  });
  return ranked[0]!;
}

/**
 * Other spellings of the canonical name the article wrote: the same name after normalisation
 * (أوباما/اوباما) or by the table of known variants (سوريا/سورية). Other names (بيسكوف for
 * ديمتري بيسكوف) are aliases only.
 */
function spellingVariants(type: EntityType, name: string, written: ReadonlySet<string>): string[] {
  const identity = identityKey(name, type);
  return [...written].filter((text) => text !== name && identityKey(text, type) === identity);
}

const normalizedName = (name: string): string => normalizeArabic(stripInvisible(name)).toLowerCase().replace(/\s+/g, ' ').trim();

function isJunkName(key: string): boolean {
  if (!/\p{L}/u.test(key) || key.includes('الموافق')) return true;
  return !key.includes(' ') && (isWeakWord(key) || key.length < 2);
}

export interface BuiltEntities {
  readonly entities: Entities;
  readonly mentions: readonly EntityMention[];
  /** Entities found per type when more than MAX_ENTITIES_PER_TYPE were. */
  readonly cut: Partial<Record<EntityType, number>>;
}

export function buildEntities(units: readonly TextUnit[], clusters: readonly Cluster[], mentions: readonly Mention[]): BuiltEntities {
  const byCluster = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = byCluster.get(m.cluster);
    if (list) list.push(m);
    else byCluster.set(m.cluster, [m]);
  }

  const names = new Map<number, string>();
  const built: { type: EntityType; entity: Entity; first: Mention }[] = [];
  for (const cluster of clusters) {
    const list = byCluster.get(cluster.id);
    if (!list?.length) continue;
    const counts = new Map<string, number>();
    const display = new Map<string, string>();
    const written = new Set<string>();
    for (const m of list) {
      counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
      const text = mentionText(units, m);
      written.add(text);
      if (!display.has(m.key)) display.set(m.key, text);
    }
    const key = canonicalKey(cluster.type, counts, [...display.keys()], cluster.appositive);
    // A credit the dateline names (باريس – المصري) is a name however common its word.
    const credited = list.some((m) => units[m.unit]?.kind === 'credit');
    if (isJunkName(key) && !credited) continue;
    const name = display.get(key)!;
    names.set(cluster.id, name);
    const seen = new Set([normalizedName(name)]);
    const aliases = [...display.values()].filter((alias) => !seen.has(normalizedName(alias)) && seen.add(normalizedName(alias)));
    const entity: Entity = { id: entityId(cluster.type, name), name, normalized: normalizedName(name), aliases, mentions: list.length };
    const variants = spellingVariants(cluster.type, name, written);
    if (variants.length > 0) entity.variants = variants;
    built.push({ type: cluster.type, entity, first: list[0]! });
  }

  const resolved = resolveMentions(units, mentions, names, clusters);
  const personMentions = new Map<string, typeof resolved>();
  for (const m of resolved) if (m.type === 'person' && m.role) personMentions.set(m.name, [...(personMentions.get(m.name) ?? []), m]);
  for (const b of built) {
    if (b.type !== 'person') continue;
    const roles = personMentions.get(b.entity.name) ?? [];
    const role = roles.find((m) => m.role && !m.honorificOnly)?.role ?? roles.find((m) => m.role)?.role;
    if (role) b.entity.role = role;
  }

  const entities: Entities = { person: [], organization: [], place: [] };
  const cut: Partial<Record<EntityType, number>> = {};
  for (const type of ['person', 'organization', 'place'] as const) {
    const ofType = built.filter((b) => b.type === type).sort((a, b) => b.entity.mentions - a.entity.mentions || a.first.unit - b.first.unit || a.first.first - b.first.first);
    if (ofType.length > MAX_ENTITIES_PER_TYPE) cut[type] = ofType.length;
    entities[type] = ofType.slice(0, MAX_ENTITIES_PER_TYPE).map((b) => b.entity);
  }
  const kept = new Set(Object.values(entities).flat().map((e) => e.name));
  return { entities, mentions: resolved.filter((m) => kept.has(m.name)).map(({ honorificOnly: _, ...m }) => m), cut };
}

/** Mentions with canonical names and the role written before each (باسمها resolved to the organisation). */
function resolveMentions(units: readonly TextUnit[], mentions: readonly Mention[], names: ReadonlyMap<number, string>, clusters: readonly Cluster[]): (EntityMention & { honorificOnly: boolean })[] {
  const out: (EntityMention & { honorificOnly: boolean })[] = [];
  for (const m of mentions) {
    const name = names.get(m.cluster);
    const cluster = clusters[m.cluster];
    if (!name || !cluster) continue;
    const unit = units[m.unit]!;
    const { start, end } = mentionOffsets(units, m);
    let role: string | null = null;
    let honorificOnly = false;
    if (cluster.type === 'person') {
      const written = m.seed?.role || m.seed?.honorific ? { role: m.seed.role, honorific: m.seed.honorific } : roleWrittenBefore(unit, m.first);
      role = written.role ?? written.honorific ?? null;
      honorificOnly = !written.role && !!written.honorific;
      if (role && endsWithPronounLink(role)) {
        const owner = [...out].reverse().find((o) => o.unit === m.unit && o.type === 'organization' && o.end <= start);
        if (owner) role = role.replace(/\S+$/u, `باسم ${owner.name}`);
      }
    }
    out.push({ type: cluster.type, name, unit: m.unit, paragraph: unit.paragraph, start, end, role, honorificOnly });
  }
  return out;
}
