// The trained NER model and its file format.
//
// A model has one or two stages with the same label set. Stage 1 tags each sentence from its
// own features; stage 2, when present, sees stage 1's labels for the sentence and for the
// other mentions of the same words in the document (names stay consistent within a story).
//
// File = gzip of: "NER2", uint32 header length, UTF-8 JSON header (language, labels,
// gazetteer, per stage its transitions and weight scale), then per stage: uint32 length +
// UTF-8 feature names joined by "\n", and per feature a uint32 label mask and one int16
// weight per set bit. Weights are quantised to int16 with one scale per stage; features whose
// weights all round to zero are not stored.

import { gunzipSync, gzipSync } from 'node:zlib';
import type { Gazetteer } from './gazetteer';
import { NER_LANGS, type NerLang } from './labels';

export interface StageWeights {
  /** feature name -> row in `weights` */
  features: Map<string, number>;
  /** features.size x labels.length */
  weights: Float32Array;
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

const MAGIC = 'NER2';

interface Header {
  lang: NerLang;
  labels: string[];
  names: [string, string][];
  words: [string, string][];
  stages: { transitions: number[]; scale: number }[];
}

interface QuantisedStage {
  names: Uint8Array;
  rows: { mask: number; values: Int16Array }[];
  scale: number;
}

function quantise(stage: StageWeights, L: number): QuantisedStage {
  let maxAbs = 0;
  for (const w of stage.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const names: string[] = [];
  const rows: QuantisedStage['rows'] = [];
  for (const [name, row] of [...stage.features].sort((a, b) => a[1] - b[1])) {
    let mask = 0;
    const values: number[] = [];
    for (let y = 0; y < L; y++) {
      const q = Math.round((stage.weights[row * L + y] ?? 0) / scale);
      if (q === 0) continue;
      mask |= 1 << y;
      values.push(q);
    }
    if (mask === 0) continue;
    names.push(name);
    rows.push({ mask: mask >>> 0, values: Int16Array.from(values) });
  }
  return { names: new TextEncoder().encode(names.join('\n')), rows, scale };
}

export function encodeModel(model: NerModel): Uint8Array {
  const L = model.labels.length;
  if (L > 32) throw new NerModelFormatError(`at most 32 labels fit the label mask, got ${L}`);
  const stages = model.stages.map((stage) => quantise(stage, L));
  const header: Header = {
    lang: model.lang,
    labels: model.labels,
    names: [...model.gazetteer.names],
    words: [...model.gazetteer.words],
    stages: model.stages.map((stage, i) => ({ transitions: [...stage.transitions], scale: stages[i]!.scale })),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  let size = 8 + headerBytes.length;
  for (const stage of stages) {
    size += 4 + stage.names.length;
    for (const row of stage.rows) size += 4 + 2 * row.values.length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const stage of stages) {
    view.setUint32(at, stage.names.length, true);
    out.set(stage.names, at + 4);
    at += 4 + stage.names.length;
    for (const { mask, values } of stage.rows) {
      view.setUint32(at, mask, true);
      at += 4;
      for (const v of values) {
        view.setInt16(at, v, true);
        at += 2;
      }
    }
  }
  return gzipSync(out, { level: 9 });
}

export function decodeModel(bytes: Uint8Array): NerModel {
  const raw = gunzipSync(bytes);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const decoder = new TextDecoder();
  if (raw.byteLength < 8 || decoder.decode(raw.subarray(0, 4)) !== MAGIC) {
    throw new NerModelFormatError('not an NER model file (bad magic)');
  }
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(decoder.decode(raw.subarray(8, 8 + headerLength))) as Header;
  if (!NER_LANGS.includes(header.lang)) throw new NerModelFormatError(`unknown language ${String(header.lang)}`);
  const L = header.labels.length;
  let at = 8 + headerLength;
  const stages = header.stages.map(({ transitions, scale }): StageWeights => {
    const nameLength = view.getUint32(at, true);
    const text = decoder.decode(raw.subarray(at + 4, at + 4 + nameLength));
    at += 4 + nameLength;
    const names = text === '' ? [] : text.split('\n');
    const weights = new Float32Array(names.length * L);
    const features = new Map<string, number>();
    names.forEach((name, row) => {
      features.set(name, row);
      const mask = view.getUint32(at, true);
      at += 4;
      for (let y = 0; y < L; y++) {
        if (!(mask & (1 << y))) continue;
        weights[row * L + y] = view.getInt16(at, true) * scale;
        at += 2;
      }
    });
    return { features, weights, transitions: Float32Array.from(transitions) };
  });
  if (at !== raw.byteLength) throw new NerModelFormatError(`trailing or missing bytes (${at} of ${raw.byteLength})`);
  if (stages.length === 0) throw new NerModelFormatError('model has no stages');
  return {
    lang: header.lang,
    labels: header.labels,
    gazetteer: { names: new Map(header.names), words: new Map(header.words) },
    stages,
  };
}
