/**
 * Keywords: clitic stripping that does not eat a word's own letters, display forms, stopwords,
 * ranking, and the committed document-frequency tables (well-formed, and the same as a rebuild
 * from ../shared/corpus when it is there).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTable } from '../../scripts/build-df';
import { normalizeArabic } from '../../shared/extract/arabic';
import { formatTerms, termCounts } from '../../shared/extract/df-table';
import dfArabic from '../../shared/extract/df-ar.json';
import dfEnglish from '../../shared/extract/df-en.json';
import { rankKeywords } from '../../shared/extract/keywords';
import { groupKey } from '../../shared/extract/keywords-groups';
import { splitArabic, termOf, type Lexicon } from '../../shared/extract/keywords-terms';
import { wordKey } from '../../shared/extract/dates-tokens';
import { isStopword } from '../../shared/extract/stopwords';
import { extract, fixturesDir, sharedAvailable, sharedDir } from './helpers';

const lexicon = (known: string[], withArticle: string[] = []): Lexicon => ({
  known: (stem) => known.map(normalizeArabic).includes(stem),
  takesArticle: (word) => withArticle.map(normalizeArabic).includes(word),
});
const keyOf = (word: string, lex: Lexicon) => splitArabic(wordKey(word), lex).key;
const arabic = (text: string) => normalizeArabic(text);

describe('clitic stripping', () => {
  it('always takes the article and what stands before it', () => {
    const none = lexicon([]);
    for (const word of ['الإرهاب', 'والإرهاب', 'بالإرهاب', 'للإرهاب', 'فالإرهاب', 'وبالإرهاب']) expect(keyOf(word, none), word).toBe(arabic('إرهاب'));
  });

  it('takes a bare proclitic only when the stem is a known word', () => {
    const lex = lexicon(['سورية', 'موسكو', 'روسيا']);
    expect(keyOf('وسورية', lex)).toBe(arabic('سورية'));
    expect(keyOf('لروسيا', lex)).toBe(arabic('روسيا'));
    expect(keyOf('وبموسكو', lex)).toBe(arabic('موسكو'));
    for (const word of ['بغداد', 'لبنان', 'فرنسا', 'كندا']) expect(keyOf(word, lex), word).toBe(arabic(word));
  });

  it('keeps a word that is itself written with the article (الوزارة shows وزارة is one word)', () => {
    expect(keyOf('وزارة', lexicon(['زارة'], ['وزارة']))).toBe(arabic('وزارة'));
    expect(keyOf('وزارة', lexicon(['زارة']))).toBe(arabic('زارة'));
  });

  it('keeps short stems and words like الله whole', () => {
    expect(keyOf('بحث', lexicon(['حث']))).toBe(arabic('بحث'));
    expect(keyOf('الله', lexicon([]))).toBe('الله');
  });

  it('shows the most natural form: no conjunction or preposition, the article kept, no diacritics', () => {
    const lex = lexicon(['سورية']);
    expect(termOf('وللإرهابِ', wordKey('وللإرهابِ'), lex)).toEqual({ key: arabic('إرهاب'), display: 'الإرهاب' });
    expect(termOf('وسوريةَ', wordKey('وسوريةَ'), lex)).toEqual({ key: arabic('سورية'), display: 'سورية' });
  });

  it('drops stopwords with or without their clitics, numbers and one-letter words', () => {
    const lex = lexicon([]);
    for (const word of ['في', 'وفي', 'بأن', 'والتي', 'وقال', 'فيما', 'the', 'Said', 'و']) expect(termOf(word, wordKey(word), lex), word).toBeNull();
  });
});

describe('ranking', () => {
  it('ranks by weighted TF-IDF, best first, the best scoring 1', () => {
    const table = { documents: 100, df: new Map([[arabic('مياه'), 60]]) };
    const ranked = rankKeywords(
      [
        { text: 'محطة مياه جديدة', weight: 3 },
        { text: 'افتتحت المحطة في القرية وتضخ المياه للمنازل والمياه نظيفة', weight: 1 },
      ],
      table,
    );
    // Two forms once each: the first seen (the headline's) is shown.
    expect(ranked[0]).toEqual({ term: 'محطة', score: 1 });
    // مياه is as frequent as محطة but common in the table: it ranks below it.
    const water = ranked.find((k) => k.term === 'المياه');
    expect(water?.score).toBeLessThan(1);
    expect(ranked.map((k) => k.score)).toEqual([...ranked.map((k) => k.score)].sort((a, b) => b - a));
  });

  it('never gives a stopword in the fixture keyword-no-stopwords', () => {
    const record = extract(readFileSync(path.join(fixturesDir, 'keyword-no-stopwords.txt')), 'keyword-no-stopwords.txt');
    const terms = record.keywords.map((k) => k.term);
    expect(terms.length).toBeGreaterThanOrEqual(10);
    for (const term of terms) expect(isStopword(wordKey(term)) || isStopword(wordKey(term).replace(/^ال/, '')), term).toBe(false);
    expect(terms.slice(0, 5)).toEqual(expect.arrayContaining(['المياه', 'الناقل']));
    // The bank is an organisation: its name is one keyphrase.
    expect(terms).toContain('البنك الدولي');
    expect(terms).not.toContain('البنك');
  });

  it('meets the checklist on the example article', () => {
    if (!sharedAvailable('examples/sana-moscow.txt', 'the SANA example keywords')) return;
    const record = extract(readFileSync(path.join(sharedDir, 'examples/sana-moscow.txt')), 'sana-moscow.txt');
    const top = record.keywords.slice(0, 10).map((k) => arabic(k.term));
    expect(top).toContain(arabic('سورية'));
    const twoOf = ['الإرهاب', 'روسيا', 'موسكو', 'الحوار', 'الدفاع', 'داعش', 'الخارجية'].filter((t) => top.includes(arabic(t)));
    expect(twoOf.length).toBeGreaterThanOrEqual(2);
    for (const stop of ['في', 'من', 'أن', 'على', 'إلى', 'مع', 'عن']) expect(top).not.toContain(arabic(stop));
  });
});

describe('keyphrases', () => {
  it('merges inflected forms (روسيا، الروسية، الروسي) and shows the commonest one', () => {
    for (const [a, b] of [['روسيا', 'روسية'], ['روسيا', 'روسي'], ['فلسطين', 'فلسطينيين'], ['انتخابات', 'انتخاب'], ['talks', 'talk']] as const) {
      expect(groupKey(arabic(a)), `${a} ${b}`).toBe(groupKey(arabic(b)));
    }
    // Short words keep their letters: no stem under three letters.
    expect(groupKey(arabic('دول'))).toBe(arabic('دول'));
    expect(groupKey('crisis')).toBe('crisis');
    const ranked = rankKeywords(
      [
        { text: 'زيارة روسية إلى المنطقة', weight: 3 },
        { text: 'قال المسؤول الروسي إن روسيا تدعم الحوار، وإن الوفد الروسي سيزور العاصمة.', weight: 1 },
      ],
      null,
    );
    expect(ranked[0]).toEqual({ term: 'الروسي', score: 1 });
    expect(ranked.map((k) => k.term)).not.toEqual(expect.arrayContaining(['روسيا']));
  });

  it('keeps an entity name whole, counting its words and its short name for it', () => {
    const ranked = rankKeywords(
      [
        { text: 'وزير الخارجية سيرغي لافروف يزور المنطقة', weight: 3 },
        { text: 'وقال لافروف إن بنك التنمية الإسلامي سيمول المشروع.', weight: 1 },
      ],
      null,
      { phrases: [{ display: 'سيرغي لافروف', names: ['سيرغي لافروف', 'لافروف'] }, { display: 'بنك التنمية الإسلامي', names: ['بنك التنمية الإسلامي'] }] },
    );
    const terms = ranked.map((k) => k.term);
    expect(ranked[0]).toEqual({ term: 'سيرغي لافروف', score: 1 });
    expect(terms).toContain('بنك التنمية الإسلامي');
    for (const word of ['لافروف', 'سيرغي', 'بنك', 'التنمية']) expect(terms).not.toContain(word);
  });

  it('gives no boilerplate, agency credits or desk codes', () => {
    const ranked = rankKeywords(
      [
        { text: 'افتتاح محطة الطاقة الشمسية في الصحراء', weight: 3 },
        { text: 'افتتحت الحكومة محطة للطاقة الشمسية. اضغط هنا للمزيد. اشترك في نشرتنا. سانا رويترز', weight: 1 },
        { text: 'Click to subscribe to our newsletter and accept cookies. Share this story.', weight: 1 },
      ],
      null,
    );
    const terms = ranked.map((k) => k.term.toLowerCase());
    for (const word of ['اضغط', 'اشترك', 'المزيد', 'سانا', 'رويترز', 'click', 'subscribe', 'newsletter', 'cookies', 'share']) expect(terms).not.toContain(word);
    expect(terms).toContain('محطة');
  });
});

describe('document-frequency tables', () => {
  it.each([
    ['ar', dfArabic],
    ['en', dfEnglish],
  ] as const)('df-%s.json is marked generated, sorted, df >= 2, and holds no stopword', (_lang, table) => {
    expect(table.generated).toMatch(/GENERATED by `npx tsx scripts\/build-df.ts`/);
    const terms = [...termCounts(table.terms)];
    expect(formatTerms(terms)).toBe(table.terms);
    expect(terms.length).toBeGreaterThan(500);
    const keys = terms.map(([term]) => term);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(keys).size).toBe(keys.length);
    for (const [term, df] of terms) {
      expect(df).toBeGreaterThanOrEqual(2);
      expect(df).toBeLessThanOrEqual(table.documents);
      expect(isStopword(term), term).toBe(false);
    }
  });

  const corpus = sharedAvailable('corpus/ar/manifest.jsonl', 'the rebuild of the document-frequency tables');
  it.skipIf(!corpus)('are what scripts/build-df.ts builds from the corpus today (re-run it after changing terms)', () => {
    expect(buildTable('ar')).toEqual(dfArabic);
    expect(buildTable('en')).toEqual(dfEnglish);
  });
});
