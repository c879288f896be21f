/**
 * The projector's mirror step (functions/mirror.ts) on in-memory ports: a put writes the row with
 * the words of the object version the record describes, a replay leaves the same objects, a new
 * date moves the row, a tombstone removes it, and an object already gone gives an empty body.
 */
import { describe, expect, it } from 'vitest';
import { projectToMirror } from '../../functions/mirror';
import { extractRecord } from '../../shared/extract/index';
import { mirrorKeyOf, type MirrorRow } from '../../shared/mirror';
import type { MirrorStore, ObjectReader } from '../../shared/ports';

const TEXT = 'بانياس – سانا\nأطلقت مديرية الثقافة مهرجاناً للكتاب.\nويضم المعرض أجنحة لدور النشر المحلية وورشات للأطفال.';
const bytes = new TextEncoder().encode(TEXT);
const source = { bucket: 'b', key: 'x/festival.txt', versionId: 'v1', etag: null, size: bytes.length, contentType: 'text/plain', sequencer: null, uploadedAt: '2026-01-02T00:00:00Z', metadata: { published: '2025-04-10' } };
const record = extractRecord({ bytes, source, now: '2026-01-02T00:00:00Z' });

function memoryMirror(): MirrorStore & { objects: Map<string, string> } {
  const objects = new Map<string, string>();
  return { objects, put: async (key, body) => void objects.set(key, body), delete: async (key) => void objects.delete(key) };
}
/** Serves version v1 of the article only: any other version is gone. */
const v1 = { bytes, size: bytes.length, contentType: 'text/plain', etag: null, versionId: 'v1', lastModified: null, metadata: {} };
const reader: ObjectReader = {
  read: async (ref) => (ref.versionId === 'v1' ? v1 : null),
  readCurrent: async (ref) => (ref.versionId === 'v1' ? v1 : null),
};

describe('the mirror step of the projector', () => {
  it('puts the row with the words of the text, and a replay leaves the same objects', async () => {
    const store = memoryMirror();
    const deps = { store, objects: reader, maxBytes: 1 << 20 };
    await projectToMirror(deps, null, record);
    const once = new Map(store.objects);
    await projectToMirror(deps, null, record);
    expect(store.objects).toEqual(once);
    const row = JSON.parse(store.objects.get(mirrorKeyOf(record))!) as MirrorRow;
    expect(row.body_terms).toContain(' نشر ');
    expect(row.body_terms).toContain(' اطفال ');
  });

  it('moves the row when the date moves, and removes it on a tombstone', async () => {
    const store = memoryMirror();
    const deps = { store, objects: reader, maxBytes: 1 << 20 };
    await projectToMirror(deps, null, record);
    const redated = { ...record, published: { value: '2024-12-31', source: 'metadata' as const } };
    await projectToMirror(deps, record, redated);
    expect([...store.objects.keys()]).toEqual([mirrorKeyOf(redated)]);
    await projectToMirror(deps, redated, null);
    expect(store.objects.size).toBe(0);
  });

  it('writes the row with no body words when that version of the object is gone', async () => {
    const store = memoryMirror();
    const replaced = { ...record, source: { ...record.source, versionId: 'v0' } };
    await projectToMirror({ store, objects: reader, maxBytes: 1 << 20 }, null, replaced);
    const row = JSON.parse(store.objects.get(mirrorKeyOf(replaced))!) as MirrorRow;
    expect(row.body_terms.trim()).toBe('');
    expect(row.head_terms).toContain(' ثقافه ');
  });
});
