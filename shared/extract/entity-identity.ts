/**
 * One entity, one identity: the keys that make spellings of one name the same entity, within an
 * article (entities-merge.ts) and across the archive (shared/entity-items.ts).
 *
 * - `nameKey`: the matching form of a name (SPEC §5 normalisation, أميركي as أمريكي, lower case,
 *   punctuation and dashes as spaces, single spaces);
 * - `identityKey`: the nameKey of the family's canonical name when the name is a known variant
 *   (entity-variants.ts: سوريا and سورية are `سوريه`), else the name's own nameKey. Given the
 *   entity's type, only a family of that type counts: قنا the agency's code is not قنا the town,
 *   and a person named مينا is not MENA;
 * - `entityId`: a stable id from the type and the identity key, the same in every article.
 */
import { createHash } from 'node:crypto';
import type { EntityType } from '../record';
import { textKey } from './entities-tokens';
import { VARIANT_FAMILIES, type VariantFamily } from './entity-variants';

/** The matching form of a name: normalised, lower case, words of letters and digits only. */
export function nameKey(name: string): string {
  return textKey(name.replace(/[.\u00B7]/g, '').replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')).trim();
}

export interface Family {
  readonly type: VariantFamily['type'];
  /** nameKey of the canonical name. */
  readonly key: string;
}

function indexFamilies(): Map<string, Family[]> {
  const index = new Map<string, Family[]>();
  for (const family of VARIANT_FAMILIES) {
    const canonical = nameKey(family.names[0]!);
    // Latin acronyms (US, UN) are families' names only as written: `us` is also a word.
    for (const name of family.names) {
      if (/^[A-Z.]{2,6}$/.test(name)) continue;
      const key = nameKey(name);
      if (!key) continue;
      const families = index.get(key) ?? [];
      // The first family of each type a name is in is its family of that type.
      if (!families.some((f) => f.type === family.type)) families.push({ type: family.type, key: canonical });
      index.set(key, families);
    }
  }
  return index;
}

const FAMILIES = indexFamilies();

/** The family of a name (any spelling of it) of the given type, or of any type when none is given; or undefined. */
export function familyOf(name: string, type?: EntityType): Family | undefined {
  const families = FAMILIES.get(nameKey(name));
  return type === undefined ? families?.[0] : families?.find((family) => family.type === type);
}

/** The key of what the name names: its family's canonical name (a family of `type`, if given), or the name itself. */
export function identityKey(name: string, type?: EntityType): string {
  return familyOf(name, type)?.key ?? nameKey(name);
}

/** A stable id of an entity: its type and identity key, hashed (`place-1c0f…`). */
export function entityId(type: EntityType, name: string): string {
  return `${type}-${createHash('sha256').update(`${type}\u0000${identityKey(name, type)}`).digest('hex').slice(0, 16)}`;
}
