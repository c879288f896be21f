// Rewrites an NER model file of the previous format (NER3: gzipped, gazetteer in a JSON header,
// lexicon text in UTF-8, no feature index) in the current one (shared/ner/model.ts), with the
// same weights, so it tags exactly as before:
//   npx tsx scripts/convert-ner-model.ts models/ner-ar.bin.gz [--out models/ner-ar.bin]
// The output defaults to the input's name without `.gz` (models/ner-<lang>.bin, where
// models/load.ts reads it). Prints the sentences of a check set that tag differently (none).

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { NER_LANGS, type NerLang } from '../shared/ner/labels';
import { PackedLexicon } from '../shared/ner/lexicon';
import { decodeModel, encodeModel, layoutStage, NerModelFormatError, type NerModel, type UnorderedStage } from '../shared/ner/model';
import { createTagger } from '../shared/ner/tagger';

interface HeaderV3 {
  lang: NerLang;
  labels: string[];
  names: [string, string][];
  words: [string, string][];
  lexicon?: { count: number; bytes: number };
  stages: { transitions: number[]; scale: number; features: number; weights: number }[];
}

const align4 = (n: number): number => (n + 3) & ~3;

/** The NER3 reader as it was: gzip of "NER3", header length, JSON header, stages, lexicon. */
export function decodeModelV3(bytes: Uint8Array): NerModel {
  let raw: Uint8Array = gunzipSync(bytes);
  if (raw.byteOffset % 4 !== 0) raw = raw.slice();
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const decoder = new TextDecoder();
  if (raw.byteLength < 8 || decoder.decode(raw.subarray(0, 4)) !== 'NER3') throw new NerModelFormatError('not an NER3 model file');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(decoder.decode(raw.subarray(8, 8 + headerLength))) as HeaderV3;
  if (!NER_LANGS.includes(header.lang)) throw new NerModelFormatError(`unknown language ${String(header.lang)}`);
  let at = raw.byteOffset + 8 + headerLength;
  const end = raw.byteOffset + raw.byteLength;
  const take = <T>(Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T, bytesPer: number, count: number): T => {
    if (at + bytesPer * count > end) throw new NerModelFormatError('model file is cut short');
    const array = new Type(raw.buffer, at, count);
    at += align4(bytesPer * count);
    return array;
  };
  const stages = header.stages.map(({ transitions, scale, features, weights }): UnorderedStage => ({
    keysA: take(Int32Array, 4, features),
    keysB: take(Int32Array, 4, features),
    masks: take(Uint32Array, 4, features),
    values: take(Int16Array, 2, weights),
    scale,
    transitions: Float32Array.from(transitions),
  }));
  let lexicon: PackedLexicon | undefined;
  if (header.lexicon) {
    const codes = take(Uint32Array, 4, header.lexicon.count);
    lexicon = new PackedLexicon(decoder.decode(take(Uint8Array, 1, header.lexicon.bytes)), codes);
  }
  if (at !== end) throw new NerModelFormatError(`trailing or missing bytes (${at - raw.byteOffset} of ${raw.byteLength})`);
  return {
    lang: header.lang,
    labels: header.labels,
    gazetteer: { names: new Map(header.names), words: new Map(header.words), ...(lexicon ? { lexicon } : {}) },
    stages: stages.map(layoutStage),
  };
}

/** Sentences made of the model's own gazetteer names and words, in runs: every listed form is tagged once. */
function checkSentences(model: NerModel): string[][] {
  const tokens = [...model.gazetteer.names.keys()].flatMap((name) => [...name.split(' '), 'و']).concat([...model.gazetteer.words.keys()]);
  const sentences: string[][] = [];
  for (let at = 0; at < tokens.length; at += 25) sentences.push(tokens.slice(at, at + 25));
  return sentences;
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' } } });
  const input = positionals[0];
  if (!input) throw new Error('usage: npx tsx scripts/convert-ner-model.ts <models/ner-xx.bin.gz> [--out <file>]');
  const output = values.out ?? input.replace(/\.gz$/, '');
  if (output === input) throw new Error(`${input} does not end in .gz: give --out`);
  const old = decodeModelV3(readFileSync(input));
  const bytes = encodeModel(old);
  const converted = decodeModel(bytes);
  const sentences = checkSentences(old);
  const before = createTagger(old).tagDocument(sentences);
  const after = createTagger(converted).tagDocument(sentences);
  const differ = sentences.filter((_, s) => JSON.stringify(before[s]) !== JSON.stringify(after[s])).length;
  if (differ > 0) throw new Error(`${differ} of ${sentences.length} check sentences tag differently after conversion: not written`);
  writeFileSync(output, bytes);
  console.log(`${input} (${old.lang}, NER3) -> ${output} (NER4, ${(bytes.length / 1024 / 1024).toFixed(2)} MB); ${sentences.length} check sentences tag alike`);
}

main();
