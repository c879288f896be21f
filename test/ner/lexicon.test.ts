// The lexicon of distributional facts (shared/ner/lexicon): packed entries survive the table
// text and the model file, and lookups find every form and nothing else.
import { describe, expect, it } from 'vitest';
import { isCommonNonName, isPlaceLike, LEXICON_HEADER, PackedLexicon, parseLexicon, type LexiconEntry } from '../../shared/ner/lexicon';
import { decodeModel, encodeModel } from '../../shared/ner/model';
import { trainNerModel } from '../../shared/ner/train';
import { TINY_ENGLISH } from '../fixtures/ner/tiny-en';

// Invented forms and figures.
const ENTRIES: [string, LexiconEntry][] = [
  ['كتاب', { cluster: '0110', freq: 'f5', person: 'p0', place: 'l1' }],
  ['سامر', { cluster: '1011001110001111', freq: 'f2', person: 'p5', place: 'l0' }],
  ['تلكلخ', { cluster: '', freq: 'f0', person: 'p0', place: 'l5' }],
  ['ab', { cluster: '1', freq: 'f9', person: 'p1', place: 'l0' }],
];

describe('lexicon', () => {
  it('finds every packed form with its entry, and no other form', () => {
    const lexicon = PackedLexicon.from(ENTRIES);
    expect(lexicon.size).toBe(ENTRIES.length);
    for (const [form, entry] of ENTRIES) expect(lexicon.get(form)).toEqual(entry);
    for (const form of ['', 'a', 'abc', 'كتب', 'سامره']) expect(lexicon.get(form)).toBeUndefined();
  });

  it('reads the table that build-clusters writes', () => {
    const text = `${LEXICON_HEADER}\tinvented\n${ENTRIES.map(([f, e]) => [f, e.cluster || '-', e.freq, e.person, e.place].join('\t')).join('\n')}\n`;
    const lexicon = parseLexicon(text);
    for (const [form, entry] of ENTRIES) expect(lexicon.get(form)).toEqual(entry);
  });

  it('travels inside a model file', () => {
    const lexicon = PackedLexicon.from(ENTRIES);
    const trained = trainNerModel(TINY_ENGLISH, 'en', { epochs: 2, seed: 1, minFeatureCount: 1, folds: 2, stacked: false });
    const decoded = decodeModel(encodeModel({ ...trained, gazetteer: { ...trained.gazetteer, lexicon } }));
    for (const [form, entry] of ENTRIES) expect(decoded.gazetteer.lexicon?.get(form)).toEqual(entry);
  });

  it('tells frequent non-names and place-like forms', () => {
    expect(isCommonNonName(ENTRIES[0]![1])).toBe(true);
    expect(isCommonNonName(ENTRIES[1]![1])).toBe(false);
    expect(isPlaceLike(ENTRIES[2]![1])).toBe(true);
    expect(isPlaceLike(ENTRIES[1]![1])).toBe(false);
  });
});
