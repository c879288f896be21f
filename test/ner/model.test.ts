import { describe, expect, it } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeModel, encodeModel, NerModelFormatError } from '../../shared/ner/model';
import { createTagger } from '../../shared/ner/tagger';
import { trainNerModel } from '../../shared/ner/train';
import { TINY_ENGLISH } from '../fixtures/ner/tiny-en';

const model = trainNerModel(TINY_ENGLISH, 'en', { epochs: 6, seed: 1, minFeatureCount: 1, folds: 2, stacked: true });

const PROBES = [
  ['Anna', 'Berg', 'visited', 'Riga', 'on', 'Friday', '.'],
  ['The', 'Nordic', 'Rail', 'Company', 'met', 'Lars', 'Dahl', 'in', 'Oslo', '.'],
  ['Police', 'in', 'Bergen', 'said', 'nothing', '.'],
];

describe('NER model file', () => {
  it('learns the tiny training set', () => {
    const tagger = createTagger(model);
    expect(tagger.tag(['Mayor', 'Anna', 'Berg', 'visited', 'Oslo', 'on', 'Monday', '.'])).toEqual([
      'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'O', 'O', 'O',
    ]);
  });

  it('decodes to a model that tags exactly like the original', () => {
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.labels).toEqual(model.labels);
    expect(decoded.stages).toHaveLength(2);
    expect(decoded.gazetteer.names).toEqual(model.gazetteer.names);
    const original = createTagger(model);
    const roundTripped = createTagger(decoded);
    for (const tokens of PROBES) expect(roundTripped.tag(tokens)).toEqual(original.tag(tokens));
    expect(roundTripped.tagDocument(PROBES)).toEqual(original.tagDocument(PROBES));
  });

  it('is stable: encoding the decoded model gives the same bytes', () => {
    const once = encodeModel(decodeModel(encodeModel(model)));
    const twice = encodeModel(decodeModel(once));
    expect(Buffer.from(twice).equals(Buffer.from(once))).toBe(true);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => decodeModel(gzipSync(Buffer.from('hello world')))).toThrow(NerModelFormatError);
  });

  it('rejects a model file that is cut short or has bytes left over', () => {
    const raw = gunzipSync(encodeModel(model));
    expect(() => decodeModel(gzipSync(raw.subarray(0, raw.length - 4)))).toThrow(NerModelFormatError);
    expect(() => decodeModel(gzipSync(Buffer.concat([raw, Buffer.alloc(4)])))).toThrow(NerModelFormatError);
  });
});
