/**
 * Entities through extractRecord: what rules and gazetteers find on their own, how a statistical
 * tagger's spans are used when one is passed (a small dictionary tagger stands in for the trained
 * model here, so that each behaviour is pinned down exactly), and the limits that keep a record
 * small. Phenomena with whole articles live in the golden fixtures (entity-*, clitic-*).
 */
import { describe, expect, it } from 'vitest';
import { extractRecord } from '../../shared/extract/index';
import type { SequenceTagger } from '../../shared/extract/entities-types';
import { PLACE_NAMES } from '../../shared/extract/gazetteer-places';
import { ArticleRecord } from '../../shared/record';
import { extract, NOW, sourceFor } from './helpers';

function extractWith(text: string, ner: { ar?: SequenceTagger; en?: SequenceTagger }) {
  const bytes = new TextEncoder().encode(text);
  return extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner });
}

/** Tags the listed words (as written, clitics included) with the given IOB2 tags; all else O. */
function dictionaryTagger(tags: Record<string, string>): SequenceTagger & { calls: number } {
  const tagger = {
    calls: 0,
    tagDocument(sentences: readonly (readonly string[])[]) {
      tagger.calls++;
      return sentences.map((tokens) => tokens.map((token) => tags[token] ?? 'O'));
    },
  };
  return tagger;
}

const names = (record: ArticleRecord, type: 'person' | 'organization' | 'place') => record.entities[type].map((e) => e.name);

const ARTICLE = [
  'دمشق – سانا',
  'استقبل وزير الخارجية السوري فيصل المقداد اليوم وفدا برلمانيا عراقيا برئاسة حاكم الزاملي.',
  'وبحث المقداد والزاملي سبل تعزيز التعاون بين البلدين في مجالات الطاقة والنقل.',
].join('\n');

describe('entities without a tagger', () => {
  it('finds people after a role, with the role, and merges the surname alias', () => {
    const record = extract(ARTICLE);
    const person = record.entities.person.find((e) => e.name === 'فيصل المقداد');
    expect(person).toMatchObject({ role: 'وزير الخارجية السوري', aliases: ['المقداد'], mentions: 2, normalized: 'فيصل المقداد' });
  });

  it('reports nothing it has no evidence for: an unknown name without a title stays unfound', () => {
    // حاكم الزاملي follows برئاسة (no role word, no listed given name): rules alone miss it.
    expect(names(extract(ARTICLE), 'person')).not.toContain('حاكم الزاملي');
  });

  it('never reports generic nouns or time words; the dateline agency is an organisation, no more', () => {
    const record = extract(ARTICLE);
    const all = [...names(record, 'person'), ...names(record, 'organization'), ...names(record, 'place')];
    for (const word of ['اليوم', 'البلدين', 'الطاقة']) expect(all).not.toContain(word);
    expect(all.filter((name) => name.includes('سانا'))).toEqual(['سانا']);
    expect(names(record, 'organization')).toContain('سانا');
  });

  it('reads no organisation in a generic credit (وكالات، متابعة)', () => {
    const record = extract('عمان – وكالات\nارتفعت أسعار الذهب في الأسواق المحلية اليوم بعد أسبوع من التراجع.');
    expect(names(record, 'organization')).toEqual([]);
  });

  it('reads an outlet credit as an organisation, and leaves the reporter of a byline to the byline (not a person of the story)', () => {
    const record = extract(['بيروت – الرصيف الإخباري – كتب سليم عواد', 'افتتحت البلدية أمس حديقة عامة جديدة في وسط المدينة.'].join('\n'));
    expect(record.byline?.names).toEqual(['سليم عواد']);
    expect(names(record, 'person')).toEqual([]);
    expect(names(record, 'organization')).toEqual(['الرصيف الإخباري']);
    expect(names(record, 'place')).toEqual(['بيروت']);
  });

  it('gives every record a schema-valid entity list, also for languages without rules', () => {
    const french = extract('Le président a rencontré à Paris le chef du gouvernement du Liban, puis il a quitté la France pour Bruxelles.');
    expect(ArticleRecord.safeParse(french).success).toBe(true);
    expect(names(french, 'place')).toEqual(expect.arrayContaining(['Paris', 'France']));
    expect(french.entities.person).toEqual([]);
  });
});

describe('entities with a tagger', () => {
  it('adds the tagger’s people and cuts the conjunction the tagger kept on the word', () => {
    const tagger = dictionaryTagger({ 'حاكم': 'B-PERS', 'الزاملي': 'I-PERS', 'والزاملي': 'B-PERS' });
    const record = extractWith(ARTICLE, { ar: tagger });
    expect(tagger.calls).toBe(1);
    const person = record.entities.person.find((e) => e.name === 'حاكم الزاملي');
    expect(person).toMatchObject({ aliases: ['الزاملي'], mentions: 2 });
  });

  it('prefers a rule over an overlapping tagger span (روسيا اليوم is a broadcaster)', () => {
    const text = 'موسكو – سانا\nونقلت قناة روسيا اليوم عن مصدر دبلوماسي أن الاجتماع سيعقد في موسكو.';
    const record = extractWith(text, { ar: dictionaryTagger({ 'روسيا': 'B-LOC' }) });
    expect(names(record, 'organization')).toContain('روسيا اليوم');
    expect(names(record, 'place')).not.toContain('روسيا');
  });

  it('drops generic nouns and time words the tagger calls names', () => {
    const text = 'دمشق – سانا\nوقال المتحدث اليوم إن الوزيرين بحثا مكافحة الإرهاب.';
    const record = extractWith(text, { ar: dictionaryTagger({ 'المتحدث': 'B-PERS', 'اليوم': 'B-ORG', 'الوزيرين': 'B-PERS', 'الإرهاب': 'B-ORG' }) });
    expect(record.entities).toEqual({ person: [], organization: [expect.objectContaining({ name: 'سانا' })], place: expect.any(Array) });
  });

  it('asks only for the tagger of the article’s language, so callers can load models lazily', () => {
    const asked: string[] = [];
    const lazy = {
      get ar() {
        asked.push('ar');
        return dictionaryTagger({});
      },
      get en() {
        asked.push('en');
        return dictionaryTagger({});
      },
    };
    extractWith('The minister met the ambassador in London on Monday to discuss trade and investment between the two countries.', lazy);
    expect(asked).toEqual(['en']);
  });

  it('keeps the record when the tagger fails, with a problem saying so', () => {
    const broken: SequenceTagger = {
      tagDocument: () => {
        throw new Error('model not loaded');
      },
    };
    const record = extractWith(ARTICLE, { ar: broken });
    expect(record.status).toBe('ok');
    expect(record.problems).toContainEqual({ code: 'ner-failed', message: 'model not loaded' });
    expect(names(record, 'person')).toContain('فيصل المقداد');
  });
});

describe('entity limits', () => {
  it('keeps at most 100 entities of a type and says how many there were', () => {
    const places = PLACE_NAMES.map((line) => line[0]!).filter((name) => /[\u0600-\u06FF]/.test(name));
    expect(places.length).toBeGreaterThan(120);
    const text = `زار الوفد ${places.join(' ثم ')} خلال الجولة.`;
    const record = extract(text);
    expect(ArticleRecord.safeParse(record).success).toBe(true);
    expect(record.entities.place).toHaveLength(100);
    expect(record.truncated?.['entities.place']).toBeGreaterThan(100);
  });
});
