// Averaged structured perceptron (Collins 2002) over BILOU label sequences, decoded with the
// same Viterbi as the tagger. Deterministic: the visiting order comes from a seeded generator.

import { emissionScores, transitionTable } from './tagger';
import { viterbi } from './viterbi';

export interface TrainingExample {
  /** feature names per token */
  features: string[][];
  /** gold BILOU label per token */
  labels: string[];
}

export interface PerceptronOptions {
  epochs: number;
  seed: number;
  /** features seen fewer times than this in the training data are dropped */
  minFeatureCount: number;
  onEpoch?: (epoch: number, sentenceErrors: number, sentences: number) => void;
}

export interface PerceptronWeights {
  features: Map<string, number>;
  weights: Float32Array;
  transitions: Float32Array;
}

/** mulberry32: a small seeded generator so that retraining gives the same model. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface EncodedExample {
  rows: number[][];
  gold: Int32Array;
}

function buildFeatureIndex(examples: readonly TrainingExample[], minCount: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { features } of examples) {
    for (const names of features) for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const index = new Map<string, number>();
  for (const [name, count] of counts) if (count >= minCount) index.set(name, index.size);
  return index;
}

export function trainPerceptron(
  examples: readonly TrainingExample[],
  labels: readonly string[],
  options: PerceptronOptions,
): PerceptronWeights {
  const L = labels.length;
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const features = buildFeatureIndex(examples, options.minFeatureCount);
  const encoded: EncodedExample[] = examples.map(({ features: names, labels: gold }) => ({
    rows: names.map((list) => list.flatMap((name) => features.get(name) ?? [])),
    gold: Int32Array.from(gold, (label) => {
      const y = labelIndex.get(label);
      if (y === undefined) throw new Error(`label ${label} is not in the label set`);
      return y;
    }),
  }));

  // w: current weights; u: sum of step * update, so that the average is w - u / step.
  const w = new Float64Array(features.size * L);
  const u = new Float64Array(features.size * L);
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  const table = transitionTable(labels, tw);
  const random = seededRandom(options.seed);
  const order = encoded.map((_, i) => i);
  let step = 1;

  const update = (rows: readonly number[], y: number, delta: number): void => {
    for (const row of rows) {
      w[row * L + y]! += delta;
      u[row * L + y]! += step * delta;
    }
  };
  const updateTransition = (previous: number, y: number, delta: number): void => {
    tw[previous * L + y]! += delta;
    tu[previous * L + y]! += step * delta;
  };

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const index of order) {
      const { rows, gold } = encoded[index]!;
      const n = gold.length;
      if (n === 0) continue;
      const predicted = viterbi(emissionScores(rows, w, L), n, table);
      let wrong = false;
      for (let t = 0; t < n; t++) {
        const g = gold[t]!;
        const p = predicted[t]!;
        const gPrev = t === 0 ? L : gold[t - 1]!;
        const pPrev = t === 0 ? L : predicted[t - 1]!;
        if (g !== p) {
          wrong = true;
          update(rows[t]!, g, 1);
          update(rows[t]!, p, -1);
        }
        if (g !== p || gPrev !== pPrev) {
          updateTransition(gPrev, g, 1);
          updateTransition(pPrev, p, -1);
        }
      }
      if (wrong) errors++;
      step++;
    }
    options.onEpoch?.(epoch, errors, order.length);
  }

  const weights = Float32Array.from(w, (value, i) => value - u[i]! / step);
  const transitions = Float32Array.from(tw, (value, i) => value - tu[i]! / step);
  return { features, weights, transitions };
}
