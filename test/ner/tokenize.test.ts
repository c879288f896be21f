import { describe, expect, it } from 'vitest';
import { tokenize } from '../../shared/ner/tokenize';

describe('tokenize', () => {
  it('gives offsets that slice back to each token', () => {
    const text = 'دمشق – أعلنت وزارة الصحة، اليوم، عن افتتاح مستشفى جديد في حلب.\nThe U.S. embassy in Amman said: "We\'re ready."';
    const tokens = tokenize(text);
    expect(tokens.length).toBeGreaterThan(20);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i]!.start).toBeGreaterThanOrEqual(tokens[i - 1]!.end);
  });

  it('splits Arabic punctuation off words and keeps clitics attached', () => {
    const words = tokenize('وقال الوزير، في بيروت: «نحن مستعدون»؟').map((t) => t.text);
    expect(words).toEqual(['وقال', 'الوزير', '،', 'في', 'بيروت', ':', '«', 'نحن', 'مستعدون', '»', '؟']);
  });

  it('separates digits written against Arabic words and keeps Arabic-Indic numbers whole', () => {
    expect(tokenize('عام2012 في ١٥/٠٦/٢٠١٥').map((t) => t.text)).toEqual(['عام', '2012', 'في', '١٥/٠٦/٢٠١٥']);
  });

  it('keeps diacritics and tatweel inside the word', () => {
    expect(tokenize('مُحَمَّد الـــرئيس').map((t) => t.text)).toEqual(['مُحَمَّد', 'الـــرئيس']);
  });

  it('tokenizes English the CoNLL way', () => {
    const words = tokenize("Germany's 1,250.5 tonnes, U.N. envoy O'Brien (1996-08-22)...").map((t) => t.text);
    expect(words).toEqual(['Germany', "'s", '1,250.5', 'tonnes', ',', 'U.N.', 'envoy', "O'Brien", '(', '1996-08-22', ')', '...']);
  });

  it('skips invisible marks and returns nothing for blank text', () => {
    expect(tokenize(' \u200f\u200b\n\t')).toEqual([]);
    expect(tokenize('\u200fعمان').map((t) => [t.text, t.start])).toEqual([['عمان', 1]]);
  });
});
