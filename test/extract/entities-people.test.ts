/**
 * People in Arabic text (entities-arabic-people.ts, roles.ts, entities.ts): ranks with their
 * qualifiers go to the role, pronoun-suffixed nouns are nobody, full names stay whole when rules
 * and the tagger (a dictionary tagger stands in for the model) propose them in pieces
 * (entities-whole-names.ts). Invented sentences.
 */
import { describe, expect, it } from 'vitest';
import type { SequenceTagger } from '../../shared/extract/entities-types';
import { extractRecord } from '../../shared/extract/index';
import type { ArticleRecord } from '../../shared/record';
import { extract, NOW, sourceFor } from './helpers';

const people = (record: ArticleRecord) => record.entities.person.map((e) => e.name);

describe('people in Arabic text', () => {
  it('reads a qualified rank (الفريق أول، اللواء الركن) as the title, not the name', () => {
    const record = extract('وصل الفريق أول عبد الكريم الزيدي إلى العاصمة، واستقبله اللواء الركن نادر السعدي في المطار.');
    expect(people(record)).toEqual(expect.arrayContaining(['عبد الكريم الزيدي', 'نادر السعدي']));
    expect(people(record).some((name) => name.startsWith('أول') || name.startsWith('الركن'))).toBe(false);
  });

  it('takes no noun with a possessive pronoun for a name', () => {
    const record = extract('وقال سعادته إن الزيارة ناجحة. ونقل الوزير تحياته وتمنياته للشعب بالتقدم.');
    expect(people(record)).toEqual([]);
  });

  it('reads علي with a dotted ya as the name, not the preposition على', () => {
    const record = extract('ورفع المشاركون صورا للمرشد علي الحسيني، وقال المرشد علي الحسيني إن الحوار مستمر على كل حال.');
    expect(people(record)).toContain('علي الحسيني');
  });

  it('keeps a father and his son named by بن apart', () => {
    const record = extract('وحضر الشيخ سالم بن حمد آل فارس ونجله الشيخ راكان بن سالم بن حمد آل فارس حفل الافتتاح.');
    expect(people(record)).toEqual(expect.arrayContaining(['سالم بن حمد آل فارس', 'راكان بن سالم بن حمد آل فارس']));
    const son = record.entities.person.find((e) => e.name.startsWith('راكان'));
    expect(son?.aliases).not.toContain('سالم بن حمد آل فارس');
  });

  it('keeps a father’s and grandfather’s given names in the name', () => {
    const record = extract('وشارك في الاجتماع اللواء أحمد الكعبي خالد يوسف ممثلا عن الحكومة.');
    expect(people(record)).toContain('أحمد الكعبي خالد يوسف');
  });
});

/** Tags the listed words (as written) with the given IOB2 tags; all else O. */
function dictionaryTagger(tags: Record<string, string>): SequenceTagger {
  return { tagDocument: (sentences) => sentences.map((tokens) => tokens.map((token) => tags[token] ?? 'O')) };
}

function extractWith(text: string, tags: Record<string, string>): ArticleRecord {
  const bytes = new TextEncoder().encode(text);
  return extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: dictionaryTagger(tags) } });
}

describe('full names whole', () => {
  it('joins a rule’s name and the tagger’s name written side by side', () => {
    const record = extractWith('وودع الضيف في المطار محمد صالح آدم توكا وعدد من المسؤولين.', { 'آدم': 'B-PERS', 'توكا': 'I-PERS' });
    expect(people(record)).toEqual(['محمد صالح آدم توكا']);
  });

  it('joins no common word the tagger took for a name to the name before it', () => {
    const tagger: SequenceTagger = {
      tagDocument: (sentences) => sentences.map((tokens) => tokens.map((t) => ({ 'بشار': 'B-PERS', 'الأسد': 'I-PERS', 'أقلية': 'B-PERS' })[t] ?? 'O')),
      wordEvidence: (token) => (token === 'أقلية' ? { cluster: '1111', freq: 'f3', person: 'p0', place: 'l0' } : undefined),
    };
    const bytes = new TextEncoder().encode('وقال الكاتب إن حكم بشار الأسد أقلية لا تمثل البلاد.');
    const record = extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: tagger } });
    expect(people(record)).toContain('بشار الأسد');
    expect(people(record).some((name) => name.includes('أقلية'))).toBe(false);
  });

  it('ends a name before a particle the tagger kept on it', () => {
    const record = extractWith('وقال المدرب زوران كوسوفاري سوف نواصل التدريب غدا.', { 'زوران': 'B-PERS', 'كوسوفاري': 'I-PERS', 'سوف': 'I-PERS' });
    expect(people(record)).toEqual(['زوران كوسوفاري']);
  });

  it('trims a title’s adjective and a future verb the tagger kept on a name, and takes no role with a pronoun', () => {
    const tags: Record<string, string> = { 'التنفيذي': 'B-PERS', 'ساتيا': 'I-PERS', 'نادلي': 'I-PERS', 'سيزور': 'I-PERS', 'مراسلنا': 'B-PERS' };
    const tagger: SequenceTagger = {
      tagDocument: (sentences) => sentences.map((tokens) => tokens.map((t) => tags[t] ?? 'O')),
      // يزور is a frequent word of unlabeled news; nothing else is known.
      wordEvidence: (token) => (token === 'يزور' ? { cluster: '0010', freq: 'f3', person: 'p2', place: 'l0' } : undefined),
    };
    const bytes = new TextEncoder().encode('وأعلنت الشركة أن الرئيس التنفيذي ساتيا نادلي سيزور المدينة، وأفاد مراسلنا بأن الزيارة تستغرق يومين.');
    const record = extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: tagger } });
    expect(people(record)).toEqual(['ساتيا نادلي']);
  });

  it('takes no currency for a name, whatever the tagger says', () => {
    const record = extractWith('وارتفع سعر الصرف إلى سبعة يوان للدولار، وبلغ الدينار مستوى قياسيا.', { 'يوان': 'B-PERS', 'الدينار': 'B-ORG' });
    expect(record.entities.person).toEqual([]);
    expect(record.entities.organization).toEqual([]);
  });

  it('takes no common word between a title and the tagger’s span into the name', () => {
    const tagger: SequenceTagger = {
      tagDocument: (sentences) => sentences.map((tokens) => tokens.map((t) => (t === 'كارسون' ? 'B-PERS' : 'O'))),
      wordEvidence: (token) => (token === 'يلتقي' ? { cluster: '0010', freq: 'f3', person: 'p1', place: 'l0' } : undefined),
    };
    const bytes = new TextEncoder().encode('وقال المتحدث إن الرئيس يلتقي كارسون غدا في القصر.');
    const record = extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: tagger } });
    expect(people(record)).toEqual(['كارسون']);
  });

  it('takes the name word between a title and the tagger’s span', () => {
    const record = extractWith('وقال العميد مقبل زيري الموسوي في مؤتمر صحفي إن الطرق آمنة.', { 'زيري': 'B-PERS', 'الموسوي': 'I-PERS' });
    expect(people(record)).toEqual(['مقبل زيري الموسوي']);
  });

  it('lets the tagger carry a rule’s name on, but not into a title of a country', () => {
    const record = extractWith('واستقبل الوزير أحمد الكعبي تونغا في مكتبه. وبعث السلطان هيثم بن طارق سلطان عُمان برقية.', {
      'أحمد': 'B-PERS', 'الكعبي': 'I-PERS', 'تونغا': 'I-PERS', 'هيثم': 'B-PERS', 'بن': 'I-PERS', 'طارق': 'I-PERS', 'سلطان': 'I-PERS',
    });
    expect(people(record)).toEqual(expect.arrayContaining(['أحمد الكعبي تونغا', 'هيثم بن طارق']));
    expect(people(record).some((name) => name.endsWith('سلطان'))).toBe(false);
  });
});
