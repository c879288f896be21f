// Trains an NER model from gold documents, in two stages.
//
// Folds: the training documents are cut into `folds` contiguous runs. Gazetteer features of a
// fold come from name lists built on the other folds only, so the model learns how far to
// trust a list entry for a name it has not seen (the situation at tagging time). Stage 2 is
// trained on stage-1 labels that were also predicted out-of-fold, for the same reason.

import { buildDocumentContext, buildDocumentPredictions, sentenceFeatures, stackedFeatures } from './features';
import { buildGazetteer, type Gazetteer } from './gazetteer';
import type { TaggedDocument } from './corpus';
import type { NerLang } from './labels';
import type { Lexicon } from './lexicon';
import { quantiseStage, type NerModel } from './model';
import { trainPerceptron, type TrainingExample } from './perceptron';
import { iobToBilou, iobToSpans } from './spans';
import { stageDecoder } from './tagger';

export interface NerTrainingOptions {
  epochs: number;
  seed: number;
  minFeatureCount: number;
  /** number of folds for the out-of-fold gazetteer features and stage-1 labels */
  folds: number;
  /** train stage 2 (document-level consistency) */
  stacked: boolean;
  /** distributional facts from unlabeled text; the model keeps them */
  lexicon?: Lexicon;
  onProgress?: (message: string) => void;
}

function labelSet(documents: readonly TaggedDocument[]): string[] {
  const types = new Set<string>();
  for (const doc of documents) {
    for (const { tags } of doc.sentences) for (const span of iobToSpans(tags)) types.add(span.type);
  }
  return ['O', ...[...types].sort().flatMap((type) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${type}`))];
}

function withLexicon(gazetteer: Gazetteer, lexicon: Lexicon | undefined): Gazetteer {
  return lexicon ? { ...gazetteer, lexicon } : gazetteer;
}

interface Unit {
  fold: number;
  tokens: string[][];
  examples: TrainingExample[];
}

export function trainNerModel(documents: readonly TaggedDocument[], lang: NerLang, options: NerTrainingOptions): NerModel {
  const log = options.onProgress ?? (() => {});
  const labels = labelSet(documents);
  const perceptron = (examples: TrainingExample[], what: string) =>
    trainPerceptron(examples, labels, {
      epochs: options.epochs,
      seed: options.seed,
      minFeatureCount: options.minFeatureCount,
      onEpoch: (epoch, errors, total) => log(`${what} epoch ${epoch}/${options.epochs}: ${errors}/${total} sentences wrong`),
    });

  const units: Unit[] = documents.map((doc, i) => ({
    fold: Math.floor((i * options.folds) / documents.length),
    tokens: doc.sentences.map((s) => s.tokens),
    examples: [],
  }));
  for (let fold = 0; fold < options.folds; fold++) {
    const gazetteer = withLexicon(buildGazetteer(documents.filter((_, i) => units[i]!.fold !== fold).flatMap((d) => d.sentences), lang), options.lexicon);
    documents.forEach((doc, i) => {
      const unit = units[i]!;
      if (unit.fold !== fold) return;
      const context = lang === 'en' ? buildDocumentContext(unit.tokens) : null;
      unit.examples = doc.sentences.map(({ tokens, tags }) => ({
        features: sentenceFeatures(tokens, lang, gazetteer, context),
        labels: iobToBilou(tags),
      }));
    });
  }
  log(`features of ${options.folds} folds done`);

  const stage1 = perceptron(units.flatMap((u) => u.examples), 'stage 1');
  const stages = [stage1];
  if (options.stacked) {
    const outOfFold = new Map<Unit, string[][]>();
    for (let fold = 0; fold < options.folds; fold++) {
      const weights = perceptron(units.filter((u) => u.fold !== fold).flatMap((u) => u.examples), `stage 1 without fold ${fold + 1}`);
      const decode = stageDecoder(labels, weights);
      for (const unit of units.filter((u) => u.fold === fold)) {
        outOfFold.set(unit, unit.examples.map((e) => (e.features.length ? decode(e.features) : [])));
      }
    }
    const stacked = units.flatMap((unit) => {
      const predicted = outOfFold.get(unit) ?? [];
      const predictions = buildDocumentPredictions(unit.tokens, predicted, lang);
      return unit.examples.map((example, s) => {
        const extra = stackedFeatures(unit.tokens[s] ?? [], predicted[s] ?? [], lang, predictions);
        return { labels: example.labels, features: example.features.map((names, i) => [...names, ...(extra[i] ?? [])]) };
      });
    });
    stages.push(perceptron(stacked, 'stage 2'));
  }
  const gazetteer = withLexicon(buildGazetteer(documents.flatMap((d) => d.sentences), lang), options.lexicon);
  const quantised = stages.map((stage) => quantiseStage(stage.features, stage.weights, stage.transitions, labels.length));
  return { lang, labels, gazetteer, stages: quantised };
}
