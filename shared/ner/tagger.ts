// Tags tokenised sentences with a trained model: hashed features (./emission) -> per-label
// scores -> Viterbi ->
// IOB2 tags in the corpus's naming (B-PERS... for Arabic, B-PER... for English). MISC and any
// other unreported type come out as O.

import { compileStage, EmissionScorer, mentionPredictions, WORD_CACHE_LIMIT } from './emission';
import { entityTypeOf, type NerLang } from './labels';
import type { NerModel } from './model';
import { lookupForms, normalizeArabic } from './arabic';
import type { LexiconEntry } from './lexicon';
import type { PerceptronWeights } from './perceptron';
import { bilouAllowed, bilouToSpans, spansToIob } from './spans';
import { viterbi, type TransitionTable } from './viterbi';
import { rememberedByText } from '../remembered';

export { decodeModel, encodeModel, type NerModel } from './model';

export interface Tagger {
  lang: NerLang;
  /** IOB2 tags for one sentence taken on its own. */
  tag(tokens: readonly string[]): string[];
  /** IOB2 tags for the sentences of one document (names are kept consistent across it). */
  tagDocument(sentences: readonly (readonly string[])[]): string[][];
  /** What unlabeled text says about a token (Arabic models trained with a lexicon), if anything. */
  wordEvidence?(token: string): LexiconEntry | undefined;
}

export function transitionTable(labels: readonly string[], scores: Float32Array | Float64Array): TransitionTable {
  const L = labels.length;
  const allowed = new Uint8Array((L + 1) * L);
  for (let p = 0; p <= L; p++) {
    for (let y = 0; y < L; y++) allowed[p * L + y] = bilouAllowed(labels[p] ?? '', labels[y] ?? '') ? 1 : 0;
  }
  const allowedEnd = Uint8Array.from(labels, (label) => (bilouAllowed(label, '') ? 1 : 0));
  return { labelCount: L, scores, allowed, allowedEnd };
}

/** Label scores for each token (tokens x labels), summing the weights of the known features. */
export function emissionScores(
  featureRows: readonly (readonly number[])[],
  weights: Float32Array | Float64Array,
  labelCount: number,
): Float64Array {
  const scores = new Float64Array(featureRows.length * labelCount);
  featureRows.forEach((rows, i) => {
    const base = i * labelCount;
    for (const row of rows) {
      const offset = row * labelCount;
      for (let y = 0; y < labelCount; y++) scores[base + y]! += weights[offset + y] ?? 0;
    }
  });
  return scores;
}

/**
 * Training-time decoding by feature name with float weights (out-of-fold stage-1 labels);
 * tagging with a finished model goes through ./emission instead.
 */
export function stageDecoder(labels: readonly string[], stage: PerceptronWeights): (features: readonly (readonly string[])[]) => string[] {
  const table = transitionTable(labels, stage.transitions);
  return (features) => {
    const rows = features.map((names) => {
      const known: number[] = [];
      for (const name of names) {
        const row = stage.features.get(name);
        if (row !== undefined) known.push(row);
      }
      return known;
    });
    const path = viterbi(emissionScores(rows, stage.weights, labels.length), features.length, table);
    return Array.from(path, (y) => labels[y] ?? 'O');
  };
}

function reportedIob(bilou: readonly string[]): string[] {
  const reported = bilouToSpans(bilou).filter((span) => entityTypeOf(span.type) !== null);
  return spansToIob(reported, bilou.length);
}

export function createTagger(model: NerModel): Tagger {
  if (model.stages.length === 0) throw new Error('NER model has no stages');
  const L = model.labels.length;
  const scorer = new EmissionScorer(model.lang, model.gazetteer, model.stages.map(compileStage), L);
  const tables = model.stages.map((stage) => transitionTable(model.labels, stage.transitions));
  const decode = (sums: Int32Array, stage: number): string[] =>
    Array.from(viterbi(scorer.emissions(sums, stage), sums.length / scorer.width, tables[stage]!), (y) => model.labels[y] ?? 'O');

  const tagDocument = (sentences: readonly (readonly string[])[]): string[][] => {
    const { sums, words } = scorer.scoreDocument(sentences);
    let labels = sums.map((scores) => (scores.length ? decode(scores, 0) : []));
    if (tables.length > 1) {
      const predictions = mentionPredictions(words, labels);
      labels = sums.map((scores, s) => {
        if (scores.length === 0) return [];
        scorer.addStacked(scores, words[s]!, labels[s]!, predictions);
        return decode(scores, 1);
      });
    }
    return labels.map(reportedIob);
  };

  const lexicon = model.gazetteer.lexicon;
  return {
    lang: model.lang,
    tag: (tokens) => tagDocument([tokens])[0] ?? [],
    tagDocument,
    ...(lexicon
      ? {
          // Remembered as the scorer's word features are: extraction asks what unlabeled text says of
          // the same word many times (each rule that trims or checks a name asks again).
          wordEvidence: rememberedByText((token: string) => {
            const form = normalizeArabic(token);
            return lexicon.get(form) ?? lexicon.get(lookupForms(form)[1] ?? form);
          }, WORD_CACHE_LIMIT),
        }
      : {}),
  };
}
