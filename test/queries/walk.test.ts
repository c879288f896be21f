/**
 * The month walk of shared/queries.ts on its own, with an in-memory index standing in for
 * DynamoDB's Query (it is the walk's own logic under test: which months it asks, in what order,
 * and where its cursors resume), including the bound on empty months per page.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MONTHS_PER_PAGE, parseListQuery, planList, previousMonth, walkMonths, withKnownMonths, type IndexQueryInput, type RunIndexQuery } from '../../shared/queries';

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
    expect(second.cursor).toBeNull();
    expect(asked).toEqual(['D#2020-05', 'D#2020-05', 'D#2001-01']);
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
    expect(asked).toHaveLength(months.length);
  });

  it('answers an empty page at once when no month is known', async () => {
    const { run, asked } = indexOf({});
    const result = await walkMonths(run, 't', withKnownMonths(planList(parseListQuery({}), NOW), []), 10, undefined);
    expect(result).toEqual({ items: [], cursor: null });
    expect(asked).toEqual([]);
  });
});
