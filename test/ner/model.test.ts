import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { decodeModel, encodeModel, NerModelFormatError } from '../../shared/ner/model';
import { compileStage } from '../../shared/ner/emission';
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
    expect(new Map(decoded.gazetteer.names)).toEqual(model.gazetteer.names);
    expect(new Map(decoded.gazetteer.words)).toEqual(model.gazetteer.words);
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

  it('rejects bytes that are not a model, and names the converter for a gzipped file of the old format', () => {
    expect(() => decodeModel(Buffer.from('hello world'))).toThrow(/bad magic/);
    expect(() => decodeModel(gzipSync(encodeModel(model)))).toThrow(/convert-ner-model/);
  });

  it('rejects a model file that is cut short or has bytes left over', () => {
    const raw = Buffer.from(encodeModel(model));
    expect(() => decodeModel(raw.subarray(0, raw.length - 4))).toThrow(NerModelFormatError);
    expect(() => decodeModel(Buffer.concat([raw, Buffer.alloc(4)]))).toThrow(NerModelFormatError);
  });

  it('rejects a header whose length is not a multiple of 4, or that is not JSON, with its own error', () => {
    const raw = Buffer.from(encodeModel(model));
    const shifted = Buffer.from(raw);
    shifted.writeUInt32LE(raw.readUInt32LE(4) - 1, 4);
    expect(() => decodeModel(shifted)).toThrow(NerModelFormatError);
    const garbled = Buffer.from(raw);
    garbled.write('}', 8, 'latin1');
    expect(() => decodeModel(garbled)).toThrow(NerModelFormatError);
  });

  it('finds every feature of a stage through its index, and no other pair', () => {
    for (const stage of model.stages) {
      const { index } = compileStage(stage);
      stage.keysA.forEach((a, row) => expect(index.row(a, stage.keysB[row]!)).toBe(row));
      expect(index.row(stage.keysA[0]!, stage.keysB[0]! ^ 1)).toBe(-1);
    }
  });

  it('reads a file whose bytes start off a 4-byte boundary (a pooled buffer slice)', () => {
    const bytes = encodeModel(model);
    const shifted = Buffer.alloc(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(createTagger(decodeModel(shifted)).tagDocument(PROBES)).toEqual(createTagger(model).tagDocument(PROBES));
  });
});
