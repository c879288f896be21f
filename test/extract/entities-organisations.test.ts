/**
 * Organisation names in full (the grammar over heads, genitive chains, adjectives and
 * coordination in entities-arabic.ts), and the lexicon's say on what is never a name alone
 * (entities-ner.ts). Invented sentences.
 */
import { describe, expect, it } from 'vitest';
import type { SequenceTagger } from '../../shared/extract/entities-types';
import { extractRecord } from '../../shared/extract/index';
import type { LexiconEntry } from '../../shared/ner/lexicon';
import type { ArticleRecord } from '../../shared/record';
import { extract, NOW, sourceFor } from './helpers';

const organisations = (record: ArticleRecord) => record.entities.organization.map((e) => e.name);

describe('organisation names in full', () => {
  it('keeps a coordinated genitive chain after an adjective', () => {
    const record = extract('أعلنت وزارة التعليم العالي والبحث العلمي أمس عن منح جديدة للطلاب.');
    expect(organisations(record)).toContain('وزارة التعليم العالي والبحث العلمي');
  });

  it('reads a definite head with its adjectives and a genitive with لـ', () => {
    const record = extract('وتوقع الديوان الوطني للأرصاد الجوية أمطارا غزيرة، وقال المجلس العسكري الانتقالي إنه يتابع الوضع.');
    expect(organisations(record)).toEqual(expect.arrayContaining(['الديوان الوطني للأرصاد الجوية', 'المجلس العسكري الانتقالي']));
  });

  it('closes a genitive chain at its definite noun: a name after it is no part of the organisation', () => {
    const record = extract('وحضر اللقاء عضو مجلس السيادة نور الدين حامد وعدد من الوزراء.');
    expect(organisations(record)).toContain('مجلس السيادة');
    expect(organisations(record).some((name) => name.includes('نور'))).toBe(false);
  });

  it('reads news agencies named in the text after وكالة or set apart, not their short names bare', () => {
    const record = extract('وأفادت وكالة وفا بأن الطريق أغلق، ونقلت (سما) عن شهود أنهم خرجوا معا إلى الشارع. #سونا');
    expect(organisations(record)).toEqual(expect.arrayContaining(['وكالة وفا', 'سما', 'سونا']));
    expect(organisations(record)).not.toContain('معا');
  });

  it('keeps the outlet a dateline credits even when its name is an adjective', () => {
    const record = extract('باريس – المصري\nعاد الرئيس من جولة أوروبية قصيرة بعد لقاءات مع عدد من القادة.');
    expect(organisations(record)).toContain('المصري');
  });

  it('reads a foreign brand after a feminine company head, and no adjective there', () => {
    const record = extract('ووقعت شركة زيلاندو للتجارة الإلكترونية ومجموعة فورتكس عقدا مع شركة كبيرة وشركة أخرى ومؤسسة مقاولات.');
    expect(organisations(record)).toEqual(expect.arrayContaining(['شركة زيلاندو للتجارة الإلكترونية', 'مجموعة فورتكس']));
    expect(organisations(record).some((name) => /كبيرة|أخرى|مقاولات/.test(name))).toBe(false);
  });

  it('reads القوات as an institution with its own adjective only', () => {
    const record = extract('وقالت القوات المسلحة إن القوات الأمريكية انسحبت من القاعدة.');
    expect(organisations(record)).toContain('القوات المسلحة');
    expect(organisations(record)).not.toContain('القوات الأمريكية');
  });

  it('keeps a member coordinated to the genitive with لـ of an authority', () => {
    const record = extract('وأعلنت الهيئة العامة للأرصاد وحماية البيئة عن أمطار غزيرة، وقال المجلس الأعلى للثقافة والفنون إن المهرجان تأجل.');
    expect(organisations(record)).toEqual(expect.arrayContaining(['الهيئة العامة للأرصاد وحماية البيئة', 'المجلس الأعلى للثقافة والفنون']));
  });

  it('ends a name at a country adjective: a coordinated institution is another name', () => {
    const record = extract('وقالت وزارة الصحة الفلسطينية والهلال الأحمر إن المستشفى امتلأ.');
    expect(organisations(record)).toContain('وزارة الصحة الفلسطينية');
    expect(organisations(record).some((name) => name.includes('الصحة') && name.includes('الهلال'))).toBe(false);
  });

  it('keeps institution adjectives after a definite head: the Red Crescent of a country', () => {
    const record = extract('ونقلت طواقم الهلال الأحمر القطري الجرحى إلى المدينة.');
    expect(organisations(record)).toContain('الهلال الأحمر القطري');
  });
});

describe('people', () => {
  it('keeps a compound with الله whole and the title in the role', () => {
    const record = extract('وقال رئيس الوزراء سامر نصر الله إن الحكومة ستعلن خطتها غدا.');
    expect(record.entities.person).toEqual([expect.objectContaining({ name: 'سامر نصر الله', role: 'رئيس الوزراء' })]);
  });
});

describe('what unlabeled news says is never a name alone', () => {
  // A stand-in for the trained tagger: the listed words get the listed tags, and the lexicon
  // evidence is invented (a frequent word never in a name's place, a province-like word).
  const EVIDENCE: Record<string, LexiconEntry> = {
    مطلع: { cluster: '0101', freq: 'f4', person: 'p0', place: 'l0' },
    قمرين: { cluster: '1100', freq: 'f2', person: 'p0', place: 'l5' },
  };
  const tagger: SequenceTagger = {
    tagDocument: (sentences) =>
      sentences.map((tokens) => tokens.map((token) => ({ سامر: 'B-PERS', دلول: 'I-PERS', مطلع: 'I-PERS', قمرين: 'B-PERS' })[token] ?? 'O')),
    wordEvidence: (token) => EVIDENCE[token],
  };
  const run = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    return extractRecord({ bytes, source: sourceFor('article.txt', bytes.length), now: NOW }, { ner: { ar: tagger } });
  };

  it('cuts a common word off the end of a person’s name', () => {
    const record = run('وصل سامر دلول مطلع الأسبوع إلى المدينة وتحدث مع الناس.');
    expect(record.entities.person.map((e) => e.name)).toContain('سامر دلول');
    expect(record.entities.person.map((e) => e.name).some((name) => name.includes('مطلع'))).toBe(false);
  });

  it('makes a one-word "person" that stands where places stand a place', () => {
    const record = run('وصلت القافلة إلى قمرين صباح أمس بعد رحلة طويلة.');
    expect(record.entities.person.map((e) => e.name)).not.toContain('قمرين');
    expect(record.entities.place.map((e) => e.name)).toContain('قمرين');
  });
});
