/**
 * Month markers: which months (or years) a time-partitioned family of keys has items in.
 *
 * Lists read GSI partitions named `<family>#<yyyy-mm>` (`D#2015-09`, `AG#SANA#2015-09`) newest
 * first. Without knowing which months hold anything, a list over a sparse archive would query
 * every month back to 1970. So for every such partition an item is written, one per (family, month):
 *   pk `M#<family>#`   sk `<yyyy-mm>`
 * and a reader first queries the family's markers (one small Query), then reads only those months.
 * Searches by entity (year partitions `E#person#بوتين#2015`) read the years of the `D#` markers:
 * any year that holds one of the entity's articles holds an article. (Builds before this one also
 * wrote `M#E#…#` markers per entity and year; nothing reads them now.)
 *
 * Markers are idempotent puts and never removed (other articles of the month share them): a
 * marker whose articles are all gone costs one empty Query. Writers may skip markers they have
 * written before (they never change), which keeps a busy month's marker from becoming hot.
 */

import { PREFIX } from './table';

export const MONTH_MARKER_PREFIX = PREFIX.marker;

export interface MonthMarker {
  readonly pk: string;
  readonly sk: string;
}

const PERIOD_SUFFIX = /#(\d{4}-\d{2})$/;

/** The partition holding a family's markers; `family` is the partition name without its month (`AG#SANA#`). */
export function monthMarkerPartition(family: string): string {
  return `${MONTH_MARKER_PREFIX}${family}`;
}

/** The marker of a month partition (`AG#SANA#2015-09` -> `M#AG#SANA#` / `2015-09`); null when it names none. */
export function monthMarkerOf(partition: string): MonthMarker | null {
  const match = PERIOD_SUFFIX.exec(partition);
  if (!match) return null;
  return { pk: monthMarkerPartition(partition.slice(0, -match[1]!.length)), sk: match[1]! };
}

/** The markers of several partitions, each once. */
export function monthMarkersOf(partitions: Iterable<string>): MonthMarker[] {
  const markers = new Map<string, MonthMarker>();
  for (const partition of partitions) {
    const marker = monthMarkerOf(partition);
    if (marker) markers.set(`${marker.pk}\u0000${marker.sk}`, marker);
  }
  return [...markers.values()];
}
