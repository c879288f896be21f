/**
 * Entity marks in article text (functions/web/marks.ts) and the escaping templates
 * (functions/web/html.ts): what the page puts around names, and that text never becomes markup.
 */
import { describe, expect, it } from 'vitest';
import { html, escapeHtml } from '../../functions/web/html';
import { markEntities } from '../../functions/web/marks';
import type { Entities, Entity } from '../../shared/record';

const entity = (name: string, aliases: string[] = []): Entity => ({ name, normalized: name, aliases, mentions: 1 });

const ENTITIES: Entities = {
  person: [entity('ديمتري بيسكوف', ['بيسكوف']), entity('Nadia Haddad', ['Haddad'])],
  organization: [entity('وزارة الخارجية الروسية', ['الخارجية الروسية']), entity('الأمم المتحدة')],
  place: [entity('موسكو'), entity('روسيا'), entity('سورية')],
};

/** The marked parts as `type:text`, in order. */
const marked = (text: string) => markEntities(text, ENTITIES).flatMap((s) => (s.entity ? [`${s.entity.type}:${s.text}`] : []));

describe('markEntities', () => {
  it('gives back the text exactly when its segments are joined', () => {
    const text = 'وقال بيسكوف في موسكو أمس إن «الخارجية الروسية» ستبحث ذلك.';
    expect(markEntities(text, ENTITIES).map((s) => s.text).join('')).toBe(text);
  });

  it('marks names after clitics (و، ب، ل، لل) but leaves the clitic outside the mark, and not nisba adjectives (السورية)', () => {
    // للأمم is ل + الأمم with the article's alef gone: the mark starts after it.
    expect(marked('وبيسكوف ولموسكو وللأمم المتحدة والسورية')).toEqual(['person:بيسكوف', 'place:موسكو', 'organization:أمم المتحدة']);
    const segments = markEntities('وبيسكوف', ENTITIES);
    expect(segments).toEqual([{ text: 'و' }, { text: 'بيسكوف', entity: { type: 'person', name: 'ديمتري بيسكوف' } }]);
  });

  it('matches across hamza, ta marbuta and diacritic variants, keeping the spelling of the text', () => {
    expect(marked('وصل ديمِتري بِيسكوف إلى سوريه')).toEqual(['person:ديمِتري بِيسكوف', 'place:سوريه']);
    expect(marked('اجتماع في الامم المتحدة')).toEqual(['organization:الامم المتحدة']);
  });

  it('prefers the longest name and never marks inside a longer word', () => {
    expect(marked('أعلنت وزارة الخارجية الروسية')).toEqual(['organization:وزارة الخارجية الروسية']);
    expect(marked('الروسيات والروسي')).toEqual([]);
    expect(marked('Haddadi said; Nadia Haddad said; HADDAD agreed')).toEqual(['person:Nadia Haddad', 'person:HADDAD']);
  });

  it('keeps a diacritic on the last letter inside the mark', () => {
    expect(marked('إلى موسكوَ اليوم')).toEqual(['place:موسكوَ']);
  });
});

describe('html templates', () => {
  it('escape every interpolated string, in text and in attributes', () => {
    const title = `<img src=x onerror="alert('x')">`;
    expect(html`<a title="${title}">${title}</a>`.value).toBe(
      '<a title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;</a>',
    );
  });

  it('nest markup made by html without escaping it twice, and join lists', () => {
    const items = ['<b>', 'a & b'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;b&gt;</li><li>a &amp; b</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });
});
