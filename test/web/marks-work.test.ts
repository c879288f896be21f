/**
 * Marking entities in an article's text takes work that grows linearly with the text, whatever the
 * number of entities: each word is looked up a bounded number of times (a few clitic splits, up to
 * MAX_SURFACE_WORDS word ends ahead), never scanned once per entity. Counted with extraction's work
 * meter (shared/extract/work.ts: characters compared), not timed.
 */
import { describe, expect, it } from 'vitest';
import { markEntities } from '../../functions/web/marks';
import { metered, Work } from '../../shared/extract/work';
import type { Entities, Entity } from '../../shared/record';

const entity = (name: string): Entity => ({ name, normalized: name, aliases: [], mentions: 1 });

/** `count` invented two-word names, each different (a letter pair per index). */
function manyPeople(count: number): Entity[] {
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  return Array.from({ length: count }, (_, i) => entity(`سامر ${letters[i % letters.length]}${letters[Math.floor(i / letters.length) % letters.length]}${letters[Math.floor(i / 784) % letters.length]}ي`));
}

function workOf(text: string, entities: Entities): { steps: number; marked: number } {
  const work = new Work();
  const segments = metered(work, () => markEntities(text, entities));
  expect(segments.map((s) => s.text).join('')).toBe(text);
  return { steps: work.steps, marked: segments.filter((s) => s.entity).length };
}

describe('marking entities', () => {
  it('counts work in proportion to the text, not to the text times the entities', () => {
    const paragraph = 'وقال سامر بتي إن وزارة الثقافة في دمشق ستفتح المكتبة، وأضاف وللأمم المتحدة دور في ذلك. ';
    const few: Entities = { person: [entity('سامر بتي')], organization: [entity('الأمم المتحدة')], place: [entity('دمشق')] };
    const many: Entities = { ...few, person: [...few.person, ...manyPeople(5_000)] };
    const short = workOf(paragraph.repeat(10), few);
    const long = workOf(paragraph.repeat(1_000), few);
    const longMany = workOf(paragraph.repeat(1_000), many);
    expect(short.marked).toBe(30);
    expect(long.marked).toBe(3_000);
    expect(longMany.marked).toBe(3_000);
    const perChar = (r: { steps: number }, text: string) => r.steps / text.length;
    // 100 times the text: about 100 times the work; 5,000 more entities: about the same work.
    expect(perChar(long, paragraph.repeat(1_000))).toBeLessThanOrEqual(perChar(short, paragraph.repeat(10)) * 1.1);
    expect(longMany.steps).toBeLessThanOrEqual(long.steps * 1.5);
    expect(longMany.steps).toBeLessThanOrEqual(40 * paragraph.length * 1_000);
  });
});
