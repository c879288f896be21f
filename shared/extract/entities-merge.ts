/**
 * From reconciled spans to entities: spans with the same name, the same gazetteer line, the same
 * family of known variants (entity-variants.ts) or an apposition link are one entity; then
 * aliases merge into fuller names —
 * - a one-word person mention equal to the last (or a non-given first) word of a longer person
 *   name in the article (بيسكوف -> ديمتري بيسكوف), when only one person has that word;
 * - an organisation whose name is the tail of a longer one (الخارجية الروسية -> وزارة الخارجية
 *   الروسية, النصرة -> جبهة النصرة).
 * entities-build.ts then searches the text for every name and alias and picks canonical names.
 */
import type { EntityType } from '../record';
import { familyOf } from './entity-identity';
import { WORDS, listedByKey } from './gazetteer';
import type { Seed, TextUnit } from './entities-types';
import { SOURCE_PRIORITY } from './entities-types';
import { formSurface } from './entities-tokens';
import { spanText } from './entities-units';

export interface Mention {
  readonly cluster: number;
  readonly unit: number;
  readonly first: number;
  readonly last: number;
  readonly form: number;
  readonly key: string;
  readonly seed: Seed | null;
}

export interface Cluster {
  readonly id: number;
  readonly type: EntityType;
  readonly seeds: readonly Seed[];
  /** Keys that came from apposition only (“البنتاغون”): never the canonical name if another exists. */
  readonly appositive: ReadonlySet<string>;
  readonly cueOnly: boolean;
}

export function seedKey(units: readonly TextUnit[], seed: Pick<Seed, 'unit' | 'first' | 'last' | 'form'>): string {
  const toks = units[seed.unit]!.toks;
  const keys: string[] = [toks[seed.first]!.forms[seed.form]?.key ?? toks[seed.first]!.key];
  for (let i = seed.first + 1; i <= seed.last; i++) {
    const tok = toks[i]!;
    if (tok.word) keys.push(tok.key);
  }
  return keys.join(' ');
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]!]!;
    return i;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** The type each name is given by its most trusted spans (a listed name's type always wins). */
function typeVotes(seeds: readonly Seed[], keys: readonly string[]): Map<string, EntityType> {
  const votes = new Map<string, Map<EntityType, number>>();
  seeds.forEach((seed, i) => {
    const key = keys[i]!;
    const listed = listedByKey(key);
    const tally = votes.get(key) ?? new Map<EntityType, number>();
    if (listed && !listed.cue) tally.set(listed.type, (tally.get(listed.type) ?? 0) + 100);
    if (seed.source === 'team') tally.set('organization', (tally.get('organization') ?? 0) + 200);
    tally.set(seed.type, (tally.get(seed.type) ?? 0) + SOURCE_PRIORITY[seed.source]);
    votes.set(key, tally);
  });
  const winners = new Map<string, EntityType>();
  for (const [key, tally] of votes) winners.set(key, [...tally].sort((a, b) => b[1] - a[1])[0]![0]);
  return winners;
}

const tokensOf = (key: string): string[] => key.split(' ');

/** Groups spans into entities: same name, same gazetteer line, apposition, then aliases. */
export function clusterSeeds(units: readonly TextUnit[], seeds: readonly Seed[]): { clusters: Cluster[]; clusterOf: number[]; keys: string[] } {
  const keys = seeds.map((seed) => seedKey(units, seed));
  const types = typeVotes(seeds, keys);
  const typed = seeds.map((seed, i) => {
    const listed = listedByKey(keys[i]!);
    const type = types.get(keys[i]!) ?? seed.type;
    return { ...seed, type, ...(listed && !seed.listedId && listed.type === type ? { listedId: listed.id } : {}) };
  });
  const sets = new UnionFind(typed.length);
  const byName = new Map<string, number>();
  typed.forEach((seed, i) => {
    // Spellings of one name (سوريا/سورية, الجيش السوري/الجيش العربي السوري) are one entity.
    const family = familyOf(keys[i]!, seed.type);
    const identity = family ? `family:${seed.type}:${family.key}` : null;
    for (const name of [`key:${seed.type}:${keys[i]}`, seed.listedId ? `listed:${seed.listedId}` : null, identity]) {
      if (!name) continue;
      const other = byName.get(name);
      if (other === undefined) byName.set(name, i);
      else sets.union(i, other);
    }
  });
  typed.forEach((seed, i) => {
    if (!seed.appositionOf) return;
    const host = typed.findIndex((s) => s.unit === seed.unit && s.last === seed.appositionOf?.last && s.type === seed.type && s !== seed);
    if (host >= 0) sets.union(i, host);
  });
  mergeAliases(typed, keys, sets);

  const roots = new Map<number, number>();
  const clusters: { type: EntityType; seeds: Seed[]; appositive: Set<string>; cueOnly: boolean }[] = [];
  const clusterOf = typed.map((seed, i) => {
    const root = sets.find(i);
    let id = roots.get(root);
    if (id === undefined) {
      id = clusters.length;
      roots.set(root, id);
      clusters.push({ type: seed.type, seeds: [], appositive: new Set(), cueOnly: true });
    }
    const cluster = clusters[id]!;
    cluster.seeds.push(seed);
    if (!seed.cueOnly) cluster.cueOnly = false;
    return id;
  });
  // A key is appositive when it only ever came from apposition.
  clusters.forEach((cluster) => {
    const direct = new Set<string>();
    const quoted = new Set<string>();
    cluster.seeds.forEach((seed) => (seed.appositionOf ? quoted : direct).add(seedKey(units, seed)));
    for (const key of quoted) if (!direct.has(key)) cluster.appositive.add(key);
  });
  return { clusters: clusters.map((c, id) => ({ id, ...c })), clusterOf, keys };
}

function mergeAliases(seeds: readonly Seed[], keys: readonly string[], sets: UnionFind): void {
  const groups = new Map<number, { type: EntityType; keys: Set<string>; cueOnly: boolean }>();
  seeds.forEach((seed, i) => {
    const root = sets.find(i);
    const group = groups.get(root) ?? { type: seed.type, keys: new Set<string>(), cueOnly: true };
    group.keys.add(keys[i]!);
    if (!seed.cueOnly) group.cueOnly = false;
    groups.set(root, group);
  });
  // Every shorter name a longer one could be called by (people: its first or last words;
  // organisations: its tails), pointing at the groups holding the longer name. Looking aliases
  // up here keeps merging linear in the number of names, even in a file with thousands.
  const hostsOf = new Map<string, Set<number>>();
  const offer = (alias: string, root: number) => hostsOf.set(alias, (hostsOf.get(alias) ?? new Set()).add(root));
  for (const [root, group] of groups) {
    if (group.cueOnly || group.type === 'place') continue;
    for (const key of group.keys) {
      const words = tokensOf(key);
      for (let n = 1; n < words.length; n++) {
        const tail = words.slice(-n);
        // After بن the rest of a name is the father's (حمدان بن | محمد بن راشد): another person.
        const fathers = group.type === 'person' && LINEAGE.has(words[words.length - n - 1]!);
        if ((group.type === 'organization' ? isOrgTail(tail) : true) && !fathers) offer(`${group.type}|${tail.join(' ')}`, root);
        const head = words.slice(0, n);
        if (group.type === 'person' && !(n === 1 && isGivenWord(head[0]!)) && !LINEAGE.has(head[n - 1]!)) offer(`${group.type}|${head.join(' ')}`, root);
      }
    }
  }
  for (const [root, group] of groups) {
    if (group.cueOnly || group.type === 'place') continue;
    const hosts = new Set<number>();
    for (const key of group.keys) for (const host of hostsOf.get(`${group.type}|${key}`) ?? []) if (host !== root) hosts.add(host);
    // An alias that fits two different entities (two people named كيم) belongs to neither.
    if (hosts.size === 1) sets.union(root, [...hosts][0]!);
  }
}

/** Words that link a name to a parent's: what follows them names someone else. */
const LINEAGE = new Set(['بن', 'ابن', 'بنت', 'ولد']);

const isGivenWord = (word: string): boolean => WORDS.givenArabic.has(word) || WORDS.givenLatin.has(word) || WORDS.givenAfterTitle.has(word);

/** A tail an organisation may be called by: two words or more, or one distinctive word (النصرة). */
function isOrgTail(words: readonly string[]): boolean {
  if (words.length >= 2) return true;
  const word = words[0]!;
  return !WORDS.generic.has(word) && !WORDS.nisba.has(word) && !WORDS.englishOrgSuffix.has(word) && !WORDS.stop.has(word);
}

/** Display text of a mention, clitics cut, invisible marks dropped. */
export function mentionText(units: readonly TextUnit[], m: Pick<Mention, 'unit' | 'first' | 'last' | 'form'>): string {
  return spanText(units[m.unit]!, m.first, m.last, m.form).replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, '');
}

/** Where a mention starts and ends in its unit's text (after cut clitics). */
export function mentionOffsets(units: readonly TextUnit[], m: Pick<Mention, 'unit' | 'first' | 'last' | 'form'>): { start: number; end: number } {
  const toks = units[m.unit]!.toks;
  const head = toks[m.first]!;
  return { start: formSurface(head, head.forms[m.form] ?? head.forms[0]!).start, end: toks[m.last]!.end };
}
