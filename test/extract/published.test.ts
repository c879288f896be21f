/**
 * The date of record: the order of trust (S3 metadata, the file's fields, the dateline, the page's
 * stamp, the wire trailer), the year of a day-month dateline, and that the upload time never
 * stands in. Articles here are written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../../shared/extract/index';
import { newDraft, type Block, type Draft } from '../../shared/extract/draft';
import { decodeHeaderValue, encodeHeaderValue } from '../../shared/extract/object-metadata';
import { findPublished } from '../../shared/extract/published';
import { headStamp, trailerStamp } from '../../shared/extract/published-stamps';
import { inferYear } from '../../shared/extract/published-year';
import type { ArticleRecord } from '../../shared/record';
import { NOW, sourceFor } from './helpers';

const UPLOADED = '2026-12-07T10:00:00.000Z';

function extractWith(text: string, key: string, metadata: Record<string, string> = {}): ArticleRecord {
  const bytes = new TextEncoder().encode(text);
  return extractRecord({ bytes, source: { ...sourceFor(key, bytes.length), uploadedAt: UPLOADED, metadata }, now: NOW });
}

/** A wire story with a full date in its dateline (SPA's form, which the dateline reads today). */
const SPA_STYLE = [
  'الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس',
  'افتتح وزير النقل اليوم طريقا جديدا يربط المدينة بالميناء، في خطوة قال إنها ستختصر زمن الرحلة إلى النصف.',
  'وأوضح الوزير أن العمل في المرحلة الثانية سيبدأ مطلع العام المقبل.',
].join('\n');

const FRONT_MATTER = ['---', 'title: Harbour road opens', 'date: 2014-01-02', '---', '', SPA_STYLE].join('\n');

const STAMPED = [
  'وزير النقل يفتتح طريق الميناء',
  '',
  '09:15 م الثلاثاء 11 أغسطس 2015',
  '',
  'افتتح وزير النقل اليوم طريقا جديدا يربط المدينة بالميناء، في خطوة قال إنها ستختصر زمن الرحلة إلى النصف.',
  'وأوضح الوزير أن العمل في المرحلة الثانية سيبدأ مطلع العام المقبل.',
].join('\n');

const UNDATED = [
  'افتتح وزير النقل طريقا جديدا يربط المدينة بالميناء، في خطوة قال إنها ستختصر زمن الرحلة إلى النصف.',
  'وأوضح الوزير أن العمل في المرحلة الثانية سيبدأ مطلع العام المقبل.',
].join('\n');

describe('the order of trust', () => {
  it('takes x-amz-meta-published over the file, the dateline and the stamp', () => {
    const record = extractWith(FRONT_MATTER, 'road.md', { published: '2013-05-06T08:00:00Z' });
    expect(record.published).toEqual({ value: '2013-05-06T08:00:00Z', source: 'metadata' });
  });

  it('then the file’s own field, then the dateline’s date', () => {
    expect(extractWith(FRONT_MATTER, 'road.md').published).toEqual({ value: '2014-01-02', source: 'front-matter' });
    expect(extractWith(SPA_STYLE, 'road.txt').published).toEqual({ value: '2015-08-10', source: 'dateline' });
  });

  it('then the page’s stamp at the head, with its time (ص/م read as AM/PM)', () => {
    expect(extractWith(STAMPED, 'road.txt').published).toEqual({ value: '2015-08-11T21:15:00', source: 'text' });
  });

  it('then a wire trailer’s timestamp', () => {
    const trailer = `${UNDATED}\n(النهاية) ن ق / ش م ع\nKUNA 021234 GMT Aug 20`;
    expect(extractWith(trailer, 'road.txt').published).toEqual({ value: '2020-08-02T12:34:00Z', source: 'trailer' });
    const numeric = `${UNDATED}\n(انتهى) ر ح / ع ب 22/12/2013 09:32`;
    expect(extractWith(numeric, 'road.txt').published).toEqual({ value: '2013-12-22T09:32:00', source: 'trailer' });
  });

  it('leaves an article with none of them undated, whatever its upload time', () => {
    const record = extractWith(UNDATED, 'road.txt');
    expect(record.source.uploadedAt).toBe(UPLOADED);
    expect(record.published).toBeNull();
  });

  it('says so when the metadata date cannot be read, and goes on down the order', () => {
    const record = extractWith(SPA_STYLE, 'road.txt', { published: 'last Tuesday' });
    expect(record.published).toEqual({ value: '2015-08-10', source: 'dateline' });
    expect(record.problems.map((p) => p.code)).toContain('unreadable-date');
  });

  it('takes x-amz-meta-title as the title, decoding RFC 2047 words', () => {
    const title = 'طريق الميناء يفتح أبوابه';
    const record = extractWith(UNDATED, 'road.txt', { title: encodeHeaderValue(title) });
    expect(record.title).toBe(title);
    expect(decodeHeaderValue('=?utf-8?Q?caf=C3=A9_au_lait?=')).toBe('café au lait');
    expect(encodeHeaderValue('Harbour road')).toBe('Harbour road');
  });
});

describe('the year of a day-month dateline', () => {
  it('is the year that puts the day and month nearest to one of the article’s dates', () => {
    expect(inferYear('--08-02', ['2020-07-30'])).toBe('2020-08-02');
    // Across New Year, both ways.
    expect(inferYear('--01-03', ['2015-12-30'])).toBe('2016-01-03');
    expect(inferYear('--12-30', ['2016-01-02T10:00:00'])).toBe('2015-12-30');
    // The nearest of several wins.
    expect(inferYear('--06-14', ['2019-01-20', '2021-06-10'])).toBe('2021-06-14');
  });

  it('is not inferred from a date a season or more away, nor for a day the year lacks', () => {
    expect(inferYear('--08-02', ['2020-02-01'])).toBeNull();
    expect(inferYear('--08-02', [])).toBeNull();
    expect(inferYear('--02-29', ['2024-03-01'])).toBe('2024-02-29');
    expect(inferYear('--02-29', ['2022-03-01'])).toBeNull();
    expect(inferYear('not a date', ['2021-03-01'])).toBeNull();
  });

  /** A draft as the pipeline has it when findPublished runs: a dateline, blocks and paragraphs. */
  function draftWith(date: string, blocks: string[], paragraphs: string[]): Draft {
    const base = newDraft(new Uint8Array(), { ...sourceFor('a.txt', 0), uploadedAt: UPLOADED });
    const asBlocks: Block[] = blocks.map((text) => ({ text, heading: null, separated: false }));
    return { ...base, format: 'text', dateline: { raw: 'الكويت - 30 - 12 (كونا) --', place: 'الكويت', agency: 'كونا', agencyCode: 'KUNA', date }, blocks: asBlocks, paragraphs };
  }

  it('comes from the page’s stamp first, else from the dates in the text, else the article is undated', () => {
    const text = ['أعلنت الوزارة أن الاجتماع المقبل سيعقد في 2 يناير 2016 في العاصمة.'];
    expect(findPublished(draftWith('--12-30', text, text)).published).toEqual({ value: '2015-12-30', source: 'dateline' });
    const stamped = ['الأربعاء 30 ديسمبر 2009 - 10:00', ...text];
    expect(findPublished(draftWith('--12-30', stamped, text)).published).toEqual({ value: '2009-12-30', source: 'dateline' });
    const none = ['أعلنت الوزارة أن الاجتماع المقبل سيعقد في العاصمة.'];
    expect(findPublished(draftWith('--12-30', none, none)).published).toBeNull();
  });
});

describe('stamps', () => {
  it('reads a page’s publication line in its usual forms, and not a headline that holds a date', () => {
    expect(headStamp(['السبت 14/أبريل/2018 - 09:04 م'])).toBe('2018-04-14T21:04:00');
    expect(headStamp(['21/05/2019 | 16:20'])).toBe('2019-05-21T16:20:00');
    expect(headStamp(['Published: March 3, 2021'])).toBe('2021-03-03');
    expect(headStamp(['11:43 2023-04-18|- الوزراء يختلفون على جدول الأعمال'])).toBe('2023-04-18T11:43:00');
    expect(headStamp(['Elections will be held on 5 May 2022 across the country'])).toBeNull();
    expect(headStamp(['الانتخابات في 5 مايو 2022'])).toBeNull();
  });

  it('reads a trailer’s date-time group and leaves a story’s closing sentence alone', () => {
    expect(trailerStamp(['(end) aa.bb KUNA 151830 GMT Mar 21'])).toBe('2021-03-15T18:30:00Z');
    expect(trailerStamp(['وكان الاتفاق قد وقع في 12 مارس 2019 بحضور ممثلين عن الحكومتين والمنظمات الدولية.'])).toBeNull();
  });
});
