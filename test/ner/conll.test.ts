import { describe, expect, it } from 'vitest';
import { NerLanguageMismatchError, parseConll, tagConll } from '../../shared/ner/conll';
import { createTagger } from '../../shared/ner/tagger';
import { trainNerModel } from '../../shared/ner/train';
import { TINY_ENGLISH } from '../fixtures/ner/tiny-en';

const tagger = createTagger(trainNerModel(TINY_ENGLISH, 'en', { epochs: 6, seed: 1, minFeatureCount: 1, folds: 2, stacked: false }));

const INPUT = [
  '-DOCSTART- -X- O O',
  '',
  'Anna NNP B-PER ',
  'Berg NNP I-PER',
  'visited VBD O',
  'Oslo',
  '. . O',
  '',
  '-DOCSTART- -X- O O',
  '',
  'Dahl\tNNP',
  'left',
  '',
  '',
].join('\n');

describe('tagConll', () => {
  it('keeps every line and appends one tag to each token line', () => {
    const output = tagConll(INPUT, tagger, 'en').split('\n');
    const input = INPUT.split('\n');
    expect(output).toHaveLength(input.length);
    input.forEach((line, i) => {
      const out = output[i]!;
      if (line.trim() === '' || line.startsWith('-DOCSTART-')) {
        expect(out).toBe(line);
        return;
      }
      expect(out.startsWith(line.trimEnd() + ' ')).toBe(true);
      expect(out.slice(line.trimEnd().length + 1)).toMatch(/^(O|[BI]-(PER|ORG|LOC))$/);
    });
  });

  it('tags the tokens it was trained on', () => {
    const output = tagConll(INPUT, tagger, 'en').split('\n');
    expect(output[2]).toBe('Anna NNP B-PER B-PER');
    expect(output[5]).toBe('Oslo B-LOC');
  });

  it('keeps CRLF line endings', () => {
    const lf = tagConll('Anna Berg visited Oslo .'.split(' ').join('\n') + '\n', tagger, 'en');
    const crlf = tagConll('Anna Berg visited Oslo .'.split(' ').join('\r\n') + '\r\n', tagger, 'en');
    expect(crlf).toBe(lf.replace(/\n/g, '\r\n'));
    expect(crlf.split('\r\n')[3]).toBe('Oslo B-LOC');
  });

  it('refuses a tagger of the other language', () => {
    expect(() => tagConll(INPUT, tagger, 'ar')).toThrow(NerLanguageMismatchError);
  });

  it('parses documents and sentences', () => {
    const docs = parseConll(INPUT);
    expect(docs.map((d) => d.sentences.map((s) => s.tokens))).toEqual([[['Anna', 'Berg', 'visited', 'Oslo', '.']], [['Dahl', 'left']]]);
    expect(docs[0]!.sentences[0]!.columns[0]).toEqual(['NNP', 'B-PER']);
  });
});
