/**
 * The projection of an article item: every item the table holds beside it for readers, derived
 * from the article item alone. Ingest writes article items only; the projector
 * (functions/projector.ts) gets each change of one as its old and new image and applies
 * `projectChange(old, new)`: it puts the items the new image has (where they differ from the
 * old's) and deletes the items the old image had and the new has not. Keys are deterministic
 * (shared/table.ts), so applying a change twice leaves the same items; changes of one key come in
 * order (DynamoDB Streams, local/change-feed.ts), so nothing else is needed for correctness.
 *
 * What a live article item projects to:
 * - entity items (shared/entity-items.ts), each with the version's `sequencer`;
 * - near-duplicate band items (shared/items.ts `bandItems`);
 * - period markers of the GSI month partitions it is in (shared/month-markers.ts), never deleted
 *   (other articles share them). Entity partitions get none: a search by entity reads the years
 *   the date markers name (shared/queries.ts `planEntity`), so an article's dozen entity keys
 *   cost no marker writes.
 * A tombstone (or no item) projects to nothing. Pure: no SDK, no environment.
 */
import { entityIndexItems } from './entity-items';
import { bandItems, isTombstone, itemToRecord, type ArticleKey } from './items';
import { monthMarkersOf } from './month-markers';
import type { ArticleRecord } from './record';
import { PREFIX, TABLE } from './table';

export type ProjectedItem = ArticleKey & Record<string, unknown>;

export interface ProjectionChange {
  /** Items to put (whole items: a put replaces what is there). */
  readonly puts: readonly ProjectedItem[];
  /** Keys of items to delete. */
  readonly deletes: readonly ArticleKey[];
}

const PK = TABLE.partitionKey.name;
const idOf = (item: { readonly pk: string; readonly sk: string }): string => `${item.pk}\u0000${item.sk}`;

/** The record an article image holds, or null for a tombstone, no image, or an image that is not a record. */
export function recordOfImage(image: Record<string, unknown> | null | undefined): ArticleRecord | null {
  if (!image || isTombstone(image)) return null;
  return itemToRecord(image);
}

/** Every item projected from one article image (the markers last). */
export function projectionOf(image: Record<string, unknown> | null | undefined): ProjectedItem[] {
  const record = recordOfImage(image);
  if (!record || !image) return [];
  const sequencer = typeof image.sequencer === 'string' ? image.sequencer : null;
  const entities: ProjectedItem[] = entityIndexItems(record).map((item) => ({ ...item, sequencer }));
  const bands: ProjectedItem[] = bandItems(record).map((item) => ({ ...item }));
  const partitions = [image.agencyPk, image.languagePk, image.datePk].filter((pk): pk is string => typeof pk === 'string');
  const markers: ProjectedItem[] = monthMarkersOf(partitions).map((m) => ({ ...m }));
  return [...entities, ...bands, ...markers];
}

/** Whether an item is a period marker (put once, never deleted). */
export const isMarker = (item: { readonly pk: string }): boolean => item.pk.startsWith(PREFIX.marker);

/**
 * Index items that builds before the projector listed on the article item (`entityKeys` under its
 * `dateSk`, `bandKeys` under its key): taken away with the old image, whatever today's code would
 * compute from it (an entity key function that changed since, say).
 */
function legacyKeys(image: Record<string, unknown> | null | undefined): ArticleKey[] {
  if (!image || isTombstone(image)) return [];
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const key = String(image[PK]).slice(PREFIX.article.length);
  const entities = typeof image.dateSk === 'string' ? strings(image.entityKeys).map((pk) => ({ pk, sk: image.dateSk as string })) : [];
  return [...entities, ...strings(image.bandKeys).map((pk) => ({ pk, sk: key }))];
}

/** An image written by a build before the projector (it carries the lists that build kept). */
export const isLegacyImage = (image: Record<string, unknown> | null | undefined): boolean => !!image && ('entityKeys' in image || 'bandKeys' in image || 'rev' in image);

/**
 * What one change of an article item does to its projection: the new image's items that are new
 * or changed (all of them after a legacy image, whose items may have another shape), and the old
 * image's items that the new one has not (markers stay).
 */
export function projectChange(oldImage: Record<string, unknown> | null | undefined, newImage: Record<string, unknown> | null | undefined): ProjectionChange {
  const before = projectionOf(oldImage);
  const after = projectionOf(newImage);
  const previous = new Map(before.map((item) => [idOf(item), JSON.stringify(item)]));
  const rewriteAll = isLegacyImage(oldImage);
  const puts = after.filter((item) => rewriteAll || previous.get(idOf(item)) !== JSON.stringify(item));
  const kept = new Set(after.map(idOf));
  const gone = new Map<string, ArticleKey>();
  for (const item of [...before.filter((i) => !isMarker(i)), ...legacyKeys(oldImage)]) {
    const key = { pk: item.pk, sk: item.sk };
    if (!kept.has(idOf(key))) gone.set(idOf(key), key);
  }
  return { puts, deletes: [...gone.values()] };
}
