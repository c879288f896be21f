import { describe, expect, it } from 'vitest';
import { loadNerModel } from '../../models/load';
import { iobToSpans } from '../../shared/ner/spans';
import { createTagger } from '../../shared/ner/tagger';
import { tokenize } from '../../shared/ner/tokenize';

const taggers = { ar: createTagger(loadNerModel('ar')), en: createTagger(loadNerModel('en')) };

// Sentences written for this test; the entities in them are the obvious ones.
function entities(lang: 'ar' | 'en', text: string): string[] {
  const tokens = tokenize(text).map((t) => t.text);
  const tags = taggers[lang].tag(tokens);
  return iobToSpans(tags).map((s) => `${s.type}:${tokens.slice(s.start, s.end + 1).join(' ')}`);
}

describe('committed NER models', () => {
  it('find a minister and a city in Arabic', () => {
    const found = entities('ar', 'وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن بلاده تدعم الحل السياسي .');
    expect(found).toContain('PERS:جان إيف لودريان');
    expect(found).toContain('LOC:باريس');
  });

  it('find a country and an organisation in Arabic', () => {
    const found = entities('ar', 'أعلنت الأمم المتحدة أن مساعدات غذائية وصلت إلى اليمن أمس .');
    expect(found).toContain('ORG:الأمم المتحدة');
    expect(found).toContain('LOC:اليمن');
  });

  it('find people, places and organisations in English', () => {
    const found = entities('en', 'German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday , the European Commission said .');
    expect(found).toEqual(expect.arrayContaining(['PER:Olaf Scholz', 'PER:Emmanuel Macron', 'LOC:Paris', 'ORG:European Commission']));
    expect(found.some((e) => e.includes('Tuesday'))).toBe(false);
  });
});
