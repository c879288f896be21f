// The trained NER model and its file format.
//
// A model has one or two stages with the same label set. Stage 1 tags each sentence from its
// own features; stage 2, when present, sees stage 1's labels for the sentence and for the
// other mentions of the same words in the document (names stay consistent within a story).
//
// A stage keeps, per feature, the two 32-bit hashes of its name (./hash), a mask of the labels
// it has a weight for, where its weights start, and those weights as int16 (one scale per
// stage); features whose weights all round to zero are not kept. Features are grouped by the
// bucket of their first hash, with each bucket's first row, so the file is the lookup table.
//
// The file is read as it is, not compressed: a Lambda loads it at a cold start, when inflating
// (and the copies it makes) cost more than the bytes it saves, and the deployment zip compresses
// it anyway. Loading is a few typed-array views over the file's bytes and three strings read as
// UTF-16 (a copy, no decoding), with no per-feature or per-name work:
//
// "NER4", uint32 header length, ASCII JSON header (language, labels, per stage its transitions,
// weight scale, feature, weight and bucket counts; per gazetteer table its size, UTF-16 length and values;
// the lexicon's size and UTF-16 length) padded with spaces to a multiple of 4 bytes, then per stage: int32 hash
// A, int32 hash B, uint32 label mask and uint32 first weight per feature, uint32 first row per
// bucket and one past the last, int16 weights (label order within a feature) padded to 4 bytes;
// the gazetteer's names and words, each a packed table (./packed-table: its sorted keys as UTF-16
// text, uint32 first character per key and one past the last, uint8 value index per key, padded);
// then, with a lexicon, one uint32 packed entry per form (./lexicon) and the UTF-16 text of the
// sorted forms, each ended by a newline, padded to 4 bytes. Numbers and text are little-endian.
// scripts/convert-ner-model.ts rewrites a model file of the previous format (NER3, gzipped) in this one.

import type { Gazetteer } from './gazetteer';
import { bucketBitsFor, bucketOrder, hashOf } from './hash';
import { NER_LANGS, type NerLang } from './labels';
import { PackedLexicon, type Lexicon } from './lexicon';
import { PackedTable } from './packed-table';

export interface StageWeights {
  /** first hash of each feature's name */
  keysA: Int32Array;
  /** second hash of each feature's name */
  keysB: Int32Array;
  /** per feature, bit y set when it has a weight for label y */
  masks: Uint32Array;
  /** per feature, the index in `values` of its first weight */
  offsets: Uint32Array;
  /** the first feature of each bucket of the feature index, then the feature count (./hash bucketOrder) */
  buckets: Uint32Array;
  /** the weights of all features in order, each feature's in label order; weight = value * scale */
  values: Int16Array;
  scale: number;
  /** (labels.length + 1) x labels.length; the last row scores the sentence start */
  transitions: Float32Array;
}

/** A stage's features in any order, before they are laid out for lookups (layoutStage). */
export type UnorderedStage = Pick<StageWeights, 'keysA' | 'keysB' | 'masks' | 'values' | 'scale' | 'transitions'>;

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

const MAGIC = 'NER4';

interface TableHeader {
  count: number;
  chars: number;
  values: string[];
}

interface Header {
  lang: NerLang;
  labels: string[];
  /** the gazetteer's tables (./packed-table): keys, UTF-16 length of their text, distinct values */
  gazetteer: { names: TableHeader; words: TableHeader };
  /** the lexicon (./lexicon) the model was trained with, when it was: forms and the UTF-16 length of their text */
  lexicon?: { count: number; chars: number };
  stages: { transitions: number[]; scale: number; features: number; weights: number; buckets: number }[];
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** A stage's features grouped by bucket (./hash), with where each feature's weights start. */
export function layoutStage(stage: UnorderedStage): StageWeights {
  const n = stage.keysA.length;
  if (stage.keysB.length !== n || stage.masks.length !== n) throw new NerModelFormatError('a stage needs one hash pair and one mask per feature');
  const from = new Uint32Array(n);
  let count = 0;
  for (let row = 0; row < n; row++) {
    from[row] = count;
    count += popcount(stage.masks[row]!);
  }
  if (count !== stage.values.length) throw new NerModelFormatError(`stage has ${stage.values.length} weights, its masks ask for ${count}`);
  const { order, buckets } = bucketOrder(stage.keysA, bucketBitsFor(n));
  const keysA = new Int32Array(n);
  const keysB = new Int32Array(n);
  const masks = new Uint32Array(n);
  const offsets = new Uint32Array(n);
  const values = new Int16Array(count);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = order[i]!;
    keysA[i] = stage.keysA[row]!;
    keysB[i] = stage.keysB[row]!;
    masks[i] = stage.masks[row]!;
    offsets[i] = at;
    const weights = popcount(masks[i]!);
    values.set(stage.values.subarray(from[row]!, from[row]! + weights), at);
    at += weights;
  }
  return { keysA, keysB, masks, offsets, buckets, values, scale: stage.scale, transitions: stage.transitions };
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
  return layoutStage({
    keysA: Int32Array.from(keysA),
    keysB: Int32Array.from(keysB),
    masks: Uint32Array.from(masks),
    values: Int16Array.from(values),
    scale,
    transitions: Float32Array.from(transitions),
  });
}

const align4 = (n: number): number => (n + 3) & ~3;

function packed(lexicon: Lexicon | undefined): PackedLexicon | undefined {
  if (!lexicon || lexicon instanceof PackedLexicon) return lexicon;
  throw new NerModelFormatError('a model keeps its lexicon packed (PackedLexicon)');
}

function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) throw new NerModelFormatError('model files are read as little-endian typed arrays');
}

function packedTable(table: ReadonlyMap<string, string>): PackedTable {
  return table instanceof PackedTable ? table : PackedTable.from(table);
}

const tableHeader = (table: PackedTable): TableHeader => ({ count: table.size, chars: table.keyText.length, values: [...table.valueList] });

export function encodeModel(model: NerModel): Uint8Array {
  assertLittleEndian();
  const L = model.labels.length;
  if (L > 32) throw new NerModelFormatError(`at most 32 labels fit the label mask, got ${L}`);
  const lexicon = packed(model.gazetteer.lexicon);
  const names = packedTable(model.gazetteer.names);
  const words = packedTable(model.gazetteer.words);
  const header: Header = {
    lang: model.lang,
    labels: model.labels,
    gazetteer: { names: tableHeader(names), words: tableHeader(words) },
    ...(lexicon ? { lexicon: { count: lexicon.size, chars: lexicon.text.length } } : {}),
    stages: model.stages.map((stage) => ({
      transitions: [...stage.transitions],
      scale: stage.scale,
      features: stage.keysA.length,
      weights: stage.values.length,
      buckets: stage.buckets.length,
    })),
  };
  // Labels and the language are ASCII (checked), so the header's length in bytes is its length.
  let json = JSON.stringify(header);
  if (!/^[\x20-\x7e]*$/.test(json)) throw new NerModelFormatError('labels and language must be ASCII');
  json += ' '.repeat(align4(8 + json.length) - 8 - json.length);
  const text = (value: string): Uint8Array => Buffer.from(value, 'utf16le');
  const parts: Uint8Array[] = [];
  for (const stage of model.stages) {
    parts.push(...[stage.keysA, stage.keysB, stage.masks, stage.offsets, stage.buckets, stage.values].map((a) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
  }
  for (const table of [names, words]) parts.push(text(table.keyText), new Uint8Array(table.starts.buffer, table.starts.byteOffset, table.starts.byteLength), table.codes);
  if (lexicon) parts.push(new Uint8Array(lexicon.codes.buffer, lexicon.codes.byteOffset, lexicon.codes.byteLength), text(lexicon.text));
  const out = new Uint8Array(8 + json.length + parts.reduce((sum, part) => sum + align4(part.length), 0));
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(Buffer.from(json, 'latin1'), 8);
  let at = 8 + json.length;
  for (const part of parts) {
    out.set(part, at);
    at += align4(part.length);
  }
  return out;
}

export function decodeModel(bytes: Uint8Array): NerModel {
  assertLittleEndian();
  // Typed-array views need 4-byte alignment; a file read whole has it, a pooled slice may not
  // (copied with `new Uint8Array`: a Buffer's own slice() would be a view at the same offset).
  const raw = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const file = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const magic = file.toString('latin1', 0, 4);
  if (raw.byteLength < 8 || magic !== MAGIC) {
    const hint = magic === 'NER3' || (raw[0] === 0x1f && raw[1] === 0x8b) ? ': a model of the previous format, convert it with scripts/convert-ner-model.ts' : ' (bad magic)';
    throw new NerModelFormatError(`not an NER model file${hint}`);
  }
  const headerLength = file.readUInt32LE(4);
  if (8 + headerLength > raw.byteLength) throw new NerModelFormatError('model file is cut short');
  // The writer pads the header so that the tables after it start on a 4-byte boundary.
  if (headerLength % 4 !== 0) throw new NerModelFormatError(`header length ${headerLength} is not a multiple of 4`);
  const header = parseHeader(file.toString('latin1', 8, 8 + headerLength));
  if (!NER_LANGS.includes(header.lang)) throw new NerModelFormatError(`unknown language ${String(header.lang)}`);
  let at = raw.byteOffset + 8 + headerLength;
  const end = raw.byteOffset + raw.byteLength;
  const take = <T>(Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T, bytesPer: number, count: number): T => {
    if (at + bytesPer * count > end) throw new NerModelFormatError('model file is cut short');
    const array = new Type(raw.buffer, at, count);
    at += align4(bytesPer * count);
    return array;
  };
  const text = (chars: number): string => {
    const units = take(Uint16Array, 2, chars);
    return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
  };
  const stages = header.stages.map(({ transitions, scale, features, weights, buckets }): StageWeights => {
    const stage = {
      keysA: take(Int32Array, 4, features),
      keysB: take(Int32Array, 4, features),
      masks: take(Uint32Array, 4, features),
      offsets: take(Uint32Array, 4, features),
      buckets: take(Uint32Array, 4, buckets),
      values: take(Int16Array, 2, weights),
      scale,
      transitions: Float32Array.from(transitions),
    };
    // The index's own bounds, and the last feature's weights ending the weights: the rest is trusted.
    const last = features - 1;
    const weightsEnd = features === 0 ? 0 : stage.offsets[last]! + popcount(stage.masks[last]!);
    if (stage.buckets[buckets - 1] !== features || (features > 0 && stage.offsets[0] !== 0) || weightsEnd !== weights) {
      throw new NerModelFormatError('a stage\'s feature index or weight offsets do not match its counts');
    }
    return stage;
  });
  const table = ({ count, chars, values }: TableHeader): PackedTable => {
    const keys = text(chars);
    const starts = take(Uint32Array, 4, count + 1);
    const codes = take(Uint8Array, 1, count);
    if (starts[count] !== chars) throw new NerModelFormatError('a gazetteer table\'s key offsets do not match its text');
    return new PackedTable(keys, starts, codes, values);
  };
  const names = table(header.gazetteer.names);
  const words = table(header.gazetteer.words);
  let lexicon: PackedLexicon | undefined;
  if (header.lexicon) {
    const codes = take(Uint32Array, 4, header.lexicon.count);
    lexicon = new PackedLexicon(text(header.lexicon.chars), codes);
  }
  if (at !== end) throw new NerModelFormatError(`trailing or missing bytes (${at - raw.byteOffset} of ${raw.byteLength})`);
  if (stages.length === 0) throw new NerModelFormatError('model has no stages');
  return { lang: header.lang, labels: header.labels, gazetteer: { names, words, ...(lexicon ? { lexicon } : {}) }, stages };
}

function parseHeader(text: string): Header {
  try {
    return JSON.parse(text) as Header;
  } catch {
    throw new NerModelFormatError('model header is not JSON');
  }
}
