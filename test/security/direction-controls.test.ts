/**
 * Direction overrides in article text and keys are shown, not obeyed: `\u202Egnp.exe` must not
 * read as `exe.png` in the CLI's tables or on the web page. Pure renderers, records of our own.
 */
import { describe, expect, it } from 'vitest';
import { formatRecord, formatSummaries } from '../../cli/format';
import { formatTable } from '../../cli/commands/find';
import { renderArticlePage } from '../../functions/web/article-page';
import { uiFor } from '../../functions/web/i18n';
import { renderListPage } from '../../functions/web/list-page';
import { showDirectionControls, showDirectionOverrides } from '../../shared/direction-controls';
import { summarize } from '../../shared/summary';
import { sampleRecord } from '../ingest/records';

const RLO = '\u202E';
const KEY = `uploads/${RLO}gnp.exe`;
const TITLE = `تقرير ${RLO}abc\u2067xyz\u2069 مرفق`;
const record = { ...sampleRecord({ key: KEY }), title: TITLE, quotes: [{ text: `قال ${RLO}txt`, speaker: 'سامر', speakerType: 'person' as const, verb: 'قال', paragraph: 0 }] };
/** Every embedding, override, isolate and mark. */
const CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

describe('the shared display functions', () => {
  it('show every override, embedding and isolate as <U+XXXX>', () => {
    const all = String.fromCodePoint(0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069);
    expect(showDirectionOverrides(all)).toBe('<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069>');
  });

  it('keep the marks Arabic prose uses, and show them in keys', () => {
    expect(showDirectionOverrides('سانا\u200F (SANA)')).toBe('سانا\u200F (SANA)');
    expect(showDirectionControls('a\u200Eb\u200Fc\u061Cd')).toBe('a<U+200E>b<U+200F>c<U+061C>d');
  });
});

describe('the CLI', () => {
  it('shows the override in a list table instead of obeying it', () => {
    const table = formatSummaries([summarize(record)]);
    expect(table).toContain('uploads/<U+202E>gnp.exe');
    expect(table).toContain('<U+2067>xyz<U+2069>');
    expect(table).not.toMatch(CONTROLS);
  });

  it('shows it in a record and in the detail tables', () => {
    const text = formatRecord(record) + formatTable(['SPEAKER', 'QUOTE'], record.quotes.map((q) => [q.speaker, q.text]));
    expect(text).toContain('Key:        uploads/<U+202E>gnp.exe');
    expect(text).toContain('قال <U+202E>txt');
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('the web page', () => {
  it('shows overrides in keys, titles and quotes, each text in an element of its own direction', () => {
    const shell = { ui: uiFor('en'), params: {} };
    const list = renderListPage(shell, { filters: {}, articles: [summarize(record)], cursor: null });
    const article = renderArticlePage(shell, record, [], { kind: 'unavailable' });
    for (const page of [list, article]) {
      expect(page).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(page).toContain('uploads/&lt;U+202E&gt;gnp.exe');
    }
    expect(article).toMatch(/<h1 id="title" dir="rtl"[^>]*>[^<]*&lt;U\+202E&gt;abc&lt;U\+2067&gt;xyz/);
    expect(article).toMatch(/<blockquote dir="rtl"[^>]*>[^<]*&lt;U\+202E&gt;txt/);
    expect(list).toMatch(/<div class="muted key" dir="ltr">uploads\/&lt;U\+202E&gt;gnp\.exe<\/div>/);
  });
});
