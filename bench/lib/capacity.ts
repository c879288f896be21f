/**
 * DynamoDB's published capacity rules, written out independently of shared/items.ts so that the
 * bench checks the product's own size estimate instead of repeating it:
 * - item size: attribute names and string values in UTF-8 bytes, numbers about 1 byte per two
 *   significant digits + 1, binary by length, booleans and nulls 1 byte, lists and maps 3 bytes
 *   plus 1 byte per element plus their contents;
 * - a write: 1 write unit per started 1 KB of the item, for the table and again for every GSI the
 *   item appears in (the projected item's size); transactions count twice;
 * - a read: 1 read unit per started 4 KB (strongly consistent), half of it eventually consistent;
 *   a Query adds up the items it returns before rounding; a GetItem that finds nothing still
 *   costs one unit (half, eventually consistent);
 * - storage: the item's bytes plus 100 bytes of overhead, in the table and in every GSI.
 */
import type { Projection } from './bundles';

export const WRITE_UNIT_BYTES = 1024;
export const READ_UNIT_BYTES = 4096;
export const STORAGE_OVERHEAD_BYTES = 100;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Significant digits of a number, without leading or trailing zeros. */
function numberBytes(value: number | string): number {
  const digits = String(value).replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

export function valueBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(value.toString());
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Set) {
    let size = 0;
    for (const element of value) size += valueBytes(element);
    return size;
  }
  if (Array.isArray(value)) {
    let size = 3;
    for (const element of value) size += 1 + valueBytes(element);
    return size;
  }
  if (typeof value === 'object') {
    let size = 3;
    for (const [name, inner] of Object.entries(value)) if (inner !== undefined) size += 1 + utf8Bytes(name) + valueBytes(inner);
    return size;
  }
  return 0;
}

/** The size of an item (plain JavaScript values, as the DocumentClient takes them). */
export function itemBytes(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) if (value !== undefined) size += utf8Bytes(name) + valueBytes(value);
  return size;
}

/** An AttributeValue map (the low-level client's shape) as plain values. */
export function unmarshallItem(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, unmarshallValue(value as Record<string, unknown>)]));
}

function unmarshallValue(value: Record<string, unknown>): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('B' in value) return value.B;
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('L' in value) return (value.L as Record<string, unknown>[]).map(unmarshallValue);
  if ('M' in value) return unmarshallItem(value.M as Record<string, unknown>);
  if ('SS' in value) return new Set(value.SS as string[]);
  if ('NS' in value) return new Set((value.NS as string[]).map(Number));
  if ('BS' in value) return new Set(value.BS as Uint8Array[]);
  return null;
}

export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
}

export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
  return consistent ? units : units / 2;
}

export interface IndexShape {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly projection: Projection;
}

/** The item as a GSI stores it, or null when the item lacks the index's keys (sparse index). */
export function projectedItem(item: Record<string, unknown>, index: IndexShape, tableKeys: readonly string[]): Record<string, unknown> | null {
  if (typeof item[index.partitionKey] !== 'string' || typeof item[index.sortKey] !== 'string') return null;
  if (index.projection.type === 'ALL') return item;
  const kept = new Set([...tableKeys, index.partitionKey, index.sortKey, ...(index.projection.type === 'INCLUDE' ? index.projection.attributes : [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

export interface PutCost {
  readonly tableUnits: number;
  readonly indexUnits: number;
  /** GSIs the item appears in. */
  readonly indexes: readonly string[];
  readonly bytes: number;
  /** Table + GSI copies, each with the 100-byte overhead. */
  readonly storedBytes: number;
}

export function putCost(item: Record<string, unknown>, indexes: readonly IndexShape[], tableKeys: readonly string[]): PutCost {
  const bytes = itemBytes(item);
  let indexUnits = 0;
  let storedBytes = bytes + STORAGE_OVERHEAD_BYTES;
  const appearsIn: string[] = [];
  for (const index of indexes) {
    const projected = projectedItem(item, index, tableKeys);
    if (!projected) continue;
    const projectedBytes = projected === item ? bytes : itemBytes(projected);
    indexUnits += writeUnits(projectedBytes);
    storedBytes += projectedBytes + STORAGE_OVERHEAD_BYTES;
    appearsIn.push(index.indexName);
  }
  return { tableUnits: writeUnits(bytes), indexUnits, indexes: appearsIn, bytes, storedBytes };
}
