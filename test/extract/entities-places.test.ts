/**
 * Places named after a place word (entities-arabic.ts): one name, and the lists a plural or dual
 * place word opens, ended by في, a compass word, punctuation or a new place word. Invented sentences.
 */
import { describe, expect, it } from 'vitest';
import type { SequenceTagger } from '../../shared/extract/entities-types';
import { extractRecord } from '../../shared/extract/index';
import type { ArticleRecord } from '../../shared/record';
import { extract, NOW, sourceFor } from './helpers';

const places = (record: ArticleRecord) => record.entities.place.map((e) => e.name);
const people = (record: ArticleRecord) => record.entities.person.map((e) => e.name);

describe('places after a place word', () => {
  it('reads every member of a list, names of two and three words whole', () => {
    const record = extract('وزار الوفد قرى وبلدات كفر نعمة والطيبة وعين قينيا ودير أبو سلامة في الريف الغربي.');
    expect(places(record)).toEqual(expect.arrayContaining(['كفر نعمة', 'الطيبة', 'عين قينيا', 'دير أبو سلامة']));
    expect(people(record)).not.toContain('دير أبو سلامة');
  });

  it('takes a third word into a member only after a connector', () => {
    const record = extract('وقصفت الطائرات بلدات كفر رمان أدت إلى أضرار، وقرى عين زيتا وتل أبو سعيد.');
    expect(places(record).some((name) => name.includes('أدت'))).toBe(false);
    expect(places(record)).toContain('تل أبو سعيد');
  });

  it('reads a dual place word and stops at a compass word', () => {
    const record = extract('وتجول الفريق في مدينتي زرقون والمناصير، ثم انتقل إلى بلدة تلعفار شمال غرب البلاد.');
    expect(places(record)).toEqual(expect.arrayContaining(['زرقون', 'المناصير', 'تلعفار']));
    expect(places(record).some((name) => name.includes('شمال'))).toBe(false);
  });

  it('takes no verb phrase after a place for a member of the list', () => {
    const record = extract('وصلت القافلة إلى قرية زرقون وأعلنت اللجنة أن الطريق مفتوح.');
    expect(places(record)).toContain('زرقون');
    expect(places(record).some((name) => name.includes('أعلنت') || name.includes('اللجنة'))).toBe(false);
  });

  it('reads no adjective after a place word as a place', () => {
    const record = extract('وتضررت المنازل في المدينة القديمة ومنطقة الشرق بعد العاصفة.');
    expect(places(record)).not.toContain('القديمة');
    expect(places(record)).not.toContain('الشرق');
  });
});

describe('places whose head is part of the name', () => {
  it('keeps the head of a camp, a district, an airport or a state with the name', () => {
    const record = extract('وداهمت القوات مخيم الفارعة وحي الزيتون، ثم أغلقت مطار دمشق الدولي. وزار الوفد جمهورية كينيا أمس.');
    expect(places(record)).toEqual(expect.arrayContaining(['مخيم الفارعة', 'حي الزيتون', 'مطار دمشق الدولي']));
    expect(places(record)).not.toContain('الفارعة');
  });

  it('reads قطاع with a definite word as a sector, with a listed place as a place', () => {
    const record = extract('وتضرر قطاع الخدمات في قطاع غزة بعد انقطاع الكهرباء.');
    expect(places(record)).toContain('قطاع غزة');
    expect(places(record)).not.toContain('قطاع الخدمات');
  });

  it('reads a definite head only with an adjective, and no noun after a listed place', () => {
    const record = extract('وصل الوفد إلى المطار الدولي الجديد. وقالت جمهورية مصر الأسباب حول القرار معروفة.');
    expect(places(record).some((name) => name.includes('الأسباب'))).toBe(false);
  });
});

describe('places the tagger finds', () => {
  it('cuts و before the article however often the token repeats', () => {
    const tagger: SequenceTagger = {
      tagDocument: (sentences) => sentences.map((tokens) => tokens.map((t) => ({ 'والسهل': 'B-LOC', 'الغربي': 'I-LOC' })[t] ?? 'O')),
    };
    const text = 'أمطار على الجبال والسهل الغربي اليوم. وحرارة في الجبال والسهل الغربي غدا، ورياح في الجبال والسهل الغربي.';
    const bytes = new TextEncoder().encode(text);
    const record = extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: tagger } });
    expect(places(record)).toContain('السهل الغربي');
    expect(places(record)).not.toContain('والسهل الغربي');
  });
});
