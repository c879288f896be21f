// The trained NER model and its file format.
//
// A model has one or two stages with the same label set. Stage 1 tags each sentence from its
// own features; stage 2, when present, sees stage 1's labels for the sentence and for the
// other mentions of the same words in the document (names stay consistent within a story).
//
// A stage keeps, per feature, the two 32-bit hashes of its name (./hash), a mask of the labels
// it has a weight for and those weights as int16 (one scale per stage); features whose weights
// all round to zero are not kept. The file is laid out so that loading is a gunzip and a few
// typed-array views, with no per-feature work:
//
// gzip of: "NER3", uint32 header length, UTF-8 JSON header (language, labels, gazetteer, the
// lexicon's size if any, per stage its transitions, weight scale, feature count and
// weight count) padded with spaces to a multiple of 4 bytes, then per stage: int32 hash A per
// feature, int32 hash B per feature, uint32 label mask per feature, int16 weights (label order
// within a feature) padded to 4 bytes; then, with a lexicon, one uint32 packed entry per form
// (./lexicon) and the UTF-8 text of the sorted forms, each ended by a newline, padded to 4 bytes.
// Numbers are little-endian.

import { gunzipSync, gzipSync } from 'node:zlib';
import type { Gazetteer } from './gazetteer';
import { hashOf } from './hash';
import { NER_LANGS, type NerLang } from './labels';
import { PackedLexicon, type Lexicon } from './lexicon';

export interface StageWeights {
  /** first hash of each feature's name */
  keysA: Int32Array;
  /** second hash of each feature's name */
  keysB: Int32Array;
  /** per feature, bit y set when it has a weight for label y */
  masks: Uint32Array;
  /** the weights of all features in order, each feature's in label order; weight = value * scale */
  values: Int16Array;
  scale: number;
  /** (labels.length + 1) x labels.length; the last row scores the sentence start */
  transitions: Float32Array;
}

export interface NerModel {
  lang: NerLang;
  /** internal BILOU labels, e.g. O, B-PERS, I-PERS, L-PERS, U-PERS, ... */
  labels: string[];
  gazetteer: Gazetteer;
  /** stage 1, then optionally stage 2 */
  stages: StageWeights[];
}

export class NerModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NerModelFormatError';
  }
}

const MAGIC = 'NER3';

interface Header {
  lang: NerLang;
  labels: string[];
  names: [string, string][];
  words: [string, string][];
  /** the lexicon (./lexicon) the model was trained with, when it was: forms and UTF-8 bytes of its text */
  lexicon?: { count: number; bytes: number };
  stages: { transitions: number[]; scale: number; features: number; weights: number }[];
}

/**
 * Quantises trained float weights (features x labels, rows named by `features`) to a stage:
 * int16 with one scale, features without a non-zero weight left out, names kept as hashes.
 */
export function quantiseStage(features: ReadonlyMap<string, number>, weights: Float32Array, transitions: Float32Array, labelCount: number): StageWeights {
  const L = labelCount;
  if (L > 32) throw new NerModelFormatError(`at most 32 labels fit the label mask, got ${L}`);
  let maxAbs = 0;
  for (const w of weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const keysA: number[] = [];
  const keysB: number[] = [];
  const masks: number[] = [];
  const values: number[] = [];
  const seen = new Map<number, string>();
  for (const [name, row] of [...features].sort((x, y) => x[1] - y[1])) {
    let mask = 0;
    for (let y = 0; y < L; y++) {
      const q = Math.round((weights[row * L + y] ?? 0) / scale);
      if (q === 0) continue;
      mask |= 1 << y;
      values.push(q);
    }
    if (mask === 0) continue;
    const { a, b } = hashOf(name);
    const pair = a * 4294967296 + (b >>> 0);
    const other = seen.get(pair);
    if (other !== undefined) throw new NerModelFormatError(`features "${other}" and "${name}" hash alike; change a template prefix`);
    seen.set(pair, name);
    keysA.push(a);
    keysB.push(b);
    masks.push(mask >>> 0);
  }
  return {
    keysA: Int32Array.from(keysA),
    keysB: Int32Array.from(keysB),
    masks: Uint32Array.from(masks),
    values: Int16Array.from(values),
    scale,
    transitions: Float32Array.from(transitions),
  };
}

const align4 = (n: number): number => (n + 3) & ~3;

function packed(lexicon: Lexicon | undefined): PackedLexicon | undefined {
  if (!lexicon || lexicon instanceof PackedLexicon) return lexicon;
  throw new NerModelFormatError('a model keeps its lexicon packed (PackedLexicon)');
}

function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new NerModelFormatError('model files are read as little-endian typed arrays');
}

export function encodeModel(model: NerModel): Uint8Array {
  assertLittleEndian();
  const L = model.labels.length;
  if (L > 32) throw new NerModelFormatError(`at most 32 labels fit the label mask, got ${L}`);
  const lexicon = packed(model.gazetteer.lexicon);
  const lexiconText = lexicon ? new TextEncoder().encode(lexicon.text) : undefined;
  const header: Header = {
    lang: model.lang,
    labels: model.labels,
    names: [...model.gazetteer.names],
    words: [...model.gazetteer.words],
    ...(lexicon ? { lexicon: { count: lexicon.size, bytes: lexiconText!.length } } : {}),
    stages: model.stages.map((stage) => ({
      transitions: [...stage.transitions],
      scale: stage.scale,
      features: stage.keysA.length,
      weights: stage.values.length,
    })),
  };
  let json = JSON.stringify(header);
  const headerBytes = new TextEncoder().encode(json);
  json += ' '.repeat(align4(8 + headerBytes.length) - 8 - headerBytes.length);
  const paddedHeader = new TextEncoder().encode(json);
  let size = 8 + paddedHeader.length;
  for (const stage of model.stages) size += 12 * stage.keysA.length + align4(2 * stage.values.length);
  if (lexicon) size += 4 * lexicon.size + align4(lexiconText!.length);
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, paddedHeader.length, true);
  out.set(paddedHeader, 8);
  let at = 8 + paddedHeader.length;
  const put = (array: Int32Array | Uint32Array | Int16Array | Uint8Array): void => {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += align4(array.byteLength);
  };
  for (const stage of model.stages) {
    put(stage.keysA);
    put(stage.keysB);
    put(stage.masks);
    put(stage.values);
  }
  if (lexicon) {
    put(lexicon.codes);
    put(lexiconText!);
  }
  return gzipSync(out, { level: 9 });
}

export function decodeModel(bytes: Uint8Array): NerModel {
  assertLittleEndian();
  let raw: Uint8Array = gunzipSync(bytes);
  // Typed-array views need 4-byte alignment; a fresh gunzip buffer has it, a pooled slice may not.
  if (raw.byteOffset % 4 !== 0) raw = raw.slice();
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const decoder = new TextDecoder();
  if (raw.byteLength < 8 || decoder.decode(raw.subarray(0, 4)) !== MAGIC) {
    throw new NerModelFormatError('not an NER model file (bad magic)');
  }
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(decoder.decode(raw.subarray(8, 8 + headerLength))) as Header;
  if (!NER_LANGS.includes(header.lang)) throw new NerModelFormatError(`unknown language ${String(header.lang)}`);
  let at = raw.byteOffset + 8 + headerLength;
  const end = raw.byteOffset + raw.byteLength;
  const take = <T>(Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T, bytesPer: number, count: number): T => {
    if (at + bytesPer * count > end) throw new NerModelFormatError('model file is cut short');
    const array = new Type(raw.buffer, at, count);
    at += align4(bytesPer * count);
    return array;
  };
  const stages = header.stages.map(({ transitions, scale, features, weights }): StageWeights => ({
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
  if (stages.length === 0) throw new NerModelFormatError('model has no stages');
  return {
    lang: header.lang,
    labels: header.labels,
    gazetteer: {
      names: new Map(header.names),
      words: new Map(header.words),
      ...(lexicon ? { lexicon } : {}),
    },
    stages,
  };
}
