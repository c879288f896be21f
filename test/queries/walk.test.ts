/**
 * The month walk of shared/queries.ts on its own, with an in-memory index standing in for
 * DynamoDB's Query (it is the walk's own logic under test: which months it asks, in what order,
 * and where its cursors resume), including the bound on empty months per page.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MONTHS_PER_PAGE, monthMarkerKey, parseEntityQuery, parseListQuery, planEntity, planList, previousMonth, walkMonths, withKnownMonths, type IndexQueryInput, type RunIndexQuery } from '../../shared/queries';

const NOW = new Date('2020-06-15T00:00:00Z');

/** Items per month partition of byDate, newest first as a Query with ScanIndexForward false returns them. */
function indexOf(items: Record<string, string[]>): { run: RunIndexQuery; asked: string[] } {
  const asked: string[] = [];
  const run: RunIndexQuery = async (input: IndexQueryInput) => {
    const pk = input.ExpressionAttributeValues[':pk']!;
    asked.push(pk);
    const sks = (items[pk] ?? []).slice().sort().reverse();
    const after = input.ExclusiveStartKey?.dateSk;
    const from = after === undefined ? 0 : sks.indexOf(after) + 1;
    const page = sks.slice(from, from + input.Limit);
    const more = from + input.Limit < sks.length;
    const item = (sk: string) => ({ pk: `A#${sk.slice(sk.indexOf('#') + 1)}`, sk: 'A', datePk: pk, dateSk: sk });
    return { items: page.map(item), lastEvaluatedKey: more ? item(page.at(-1)!) : null };
  };
  return { run, asked };
}

describe('walkMonths', () => {
  it('reads only the known months, newest first, and resumes inside a month from the cursor', async () => {
    const { run, asked } = indexOf({ 'D#2020-05': ['2020-05-02T00:00:00.000Z#a', '2020-05-01T00:00:00.000Z#b'], 'D#2001-01': ['2001-01-09T00:00:00.000Z#c'] });
    const plan = withKnownMonths(planList(parseListQuery({}), NOW), ['2001-01', '2020-05']);
    const first = await walkMonths(run, 't', plan, 1, undefined);
    expect(first.items.map((i) => i.dateSk)).toEqual(['2020-05-02T00:00:00.000Z#a']);
    const second = await walkMonths(run, 't', plan, 2, first.cursor!);
    expect(second.items.map((i) => i.dateSk)).toEqual(['2020-05-01T00:00:00.000Z#b', '2001-01-09T00:00:00.000Z#c']);
    // The page filled up in the oldest month: the undated partition is what comes next.
    const third = await walkMonths(run, 't', plan, 2, second.cursor!);
    expect(third).toEqual({ items: [], cursor: null });
    // (The second page read the undated partition beside 2001-01 already: months go side by side once one came back short.)
    expect(asked).toEqual(['D#2020-05', 'D#2020-05', 'D#2001-01', 'D#undated', 'D#undated']);
  });

  it('reads an entity\'s years from the date markers: the years that hold any article, each once, within since', async () => {
    const plan = planEntity(parseEntityQuery({ type: 'person', name: 'وفاء بركات', since: '2012' }), NOW);
    expect(monthMarkerKey(plan)).toEqual({ pk: 'M#D#' });
    expect(withKnownMonths(plan, ['2015-09', '2009-01', '2015-03', '2012-12', '2019-07']).months).toEqual(['2019', '2015', '2012']);
  });

  it('leaves out known months outside since/until', async () => {
    const plan = withKnownMonths(planList(parseListQuery({ since: '2010', until: '2015-06' }), NOW), ['2020-05', '2015-07', '2015-06', '2009-12', '2012-03']);
    expect(plan.months).toEqual(['2015-06', '2012-03']);
  });

  it('stops a page after MAX_MONTHS_PER_PAGE empty months and hands out a cursor that goes on', async () => {
    // Markers of months whose articles were all deleted: each costs one empty Query.
    const months: string[] = [];
    for (let m = '2020-06'; months.length < MAX_MONTHS_PER_PAGE + 30; m = previousMonth(m)) months.push(m);
    const { run, asked } = indexOf({ [`D#${months.at(-1)!}`]: [`${months.at(-1)!}-01#old`] });
    const plan = withKnownMonths(planList(parseListQuery({}), NOW), months);
    const first = await walkMonths(run, 't', plan, 10, undefined);
    expect(first.items).toEqual([]);
    expect(asked).toHaveLength(MAX_MONTHS_PER_PAGE);
    const second = await walkMonths(run, 't', plan, 10, first.cursor!);
    expect(second.items.map((i) => i.dateSk)).toEqual([`${months.at(-1)!}-01#old`]);
    expect(second.cursor).toBeNull();
    expect(asked).toHaveLength(months.length + 1);
    expect(asked.at(-1)).toBe('D#undated');
  });

  it('answers a date range at once when no month in it is known', async () => {
    const { run, asked } = indexOf({});
    const result = await walkMonths(run, 't', withKnownMonths(planList(parseListQuery({ until: '2019' }), NOW), []), 10, undefined);
    expect(result).toEqual({ items: [], cursor: null });
    expect(asked).toEqual([]);
  });

  it('reads the undated partition after every dated month, and only without since/until', async () => {
    const { run, asked } = indexOf({ 'D#2015-09': ['2015-09-01T00:00:00.000Z#dated'], 'D#undated': ['2026-12-07T10:00:00.000Z#undated'] });
    const all = await walkMonths(run, 't', withKnownMonths(planList(parseListQuery({}), NOW), ['2015-09']), 10, undefined);
    expect(all.items.map((i) => i.dateSk)).toEqual(['2015-09-01T00:00:00.000Z#dated', '2026-12-07T10:00:00.000Z#undated']);
    expect(all.cursor).toBeNull();
    // The upload time orders the undated partition; no bound on it ever reaches there.
    for (const bounds of [{ until: '2030' }, { since: '2000' }, { since: '2026-12-01', until: '2026-12-31' }]) {
      const ranged = await walkMonths(run, 't', withKnownMonths(planList(parseListQuery(bounds), NOW), ['2015-09']), 10, undefined);
      expect(ranged.items.map((i) => i.dateSk)).toEqual(bounds.until === '2030' || bounds.since === '2000' ? ['2015-09-01T00:00:00.000Z#dated'] : []);
    }
    expect(asked.filter((pk) => pk === 'D#undated')).toHaveLength(1);
  });

  it('lists the undated partition alone for undated: true, and refuses it with a date bound', async () => {
    const { run, asked } = indexOf({ 'D#2015-09': ['2015-09-01T00:00:00.000Z#dated'], 'D#undated': ['2026-12-07T10:00:00.000Z#b', '2026-12-06T10:00:00.000Z#a'] });
    const plan = withKnownMonths(planList(parseListQuery({ undated: 'true' }), NOW), ['2015-09']);
    const first = await walkMonths(run, 't', plan, 1, undefined);
    expect(first.items.map((i) => i.dateSk)).toEqual(['2026-12-07T10:00:00.000Z#b']);
    const second = await walkMonths(run, 't', plan, 1, first.cursor!);
    expect(second).toMatchObject({ items: [{ dateSk: '2026-12-06T10:00:00.000Z#a' }], cursor: null });
    expect(asked).toEqual(['D#undated', 'D#undated']);
    expect(() => parseListQuery({ undated: true, until: '2015' })).toThrow(/undated: undated cannot be combined with since or until/);
    expect(parseListQuery({ undated: 'false' }).undated).toBe(false);
    // A cursor of the whole list does not continue the undated one.
    const whole = withKnownMonths(planList(parseListQuery({ limit: 1 }), NOW), ['2015-09']);
    const page = await walkMonths(run, 't', whole, 1, undefined);
    await expect(walkMonths(run, 't', plan, 1, page.cursor!)).rejects.toThrow(/other filters/);
  });
});
