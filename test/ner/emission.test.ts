// The tagger scores hashed features (shared/ner/emission) that it never writes out as names;
// training uses the names (shared/ner/features). These tests check that both give the same
// features: every token's integer score vector from the fast path equals the sum of the
// weights of its named features, looked up by the hash of each name.

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONLL_VALID_FILE, loadNerModel, NER_TRAIN_FILES, readCorpusFile } from '../../models/load';
import { compileStage, EmissionScorer, mentionPredictions, type CompiledStage } from '../../shared/ner/emission';
import { buildDocumentContext, buildDocumentPredictions, sentenceFeatures, stackedFeatures } from '../../shared/ner/features';
import { hashOf } from '../../shared/ner/hash';
import type { NerLang } from '../../shared/ner/labels';
import type { NerModel } from '../../shared/ner/model';
import { tokenize } from '../../shared/ner/tokenize';

const models = { ar: loadNerModel('ar'), en: loadNerModel('en') };

/** Scores of one token from feature names: the reference the fast path must match. */
function scoresOfNames(names: readonly string[], stages: readonly CompiledStage[], L: number, fromStage: number): Int32Array {
  const out = new Int32Array(stages.length * L);
  for (const name of names) {
    const { a, b } = hashOf(name);
    stages.forEach((stage, s) => {
      if (s < fromStage) return;
      const row = stage.index.row(a, b);
      if (row < 0) return;
      let at = stage.offsets[row]!;
      for (let y = 0; y < L; y++) if (stage.masks[row]! & (1 << y)) out[s * L + y]! += stage.values[at++]!;
    });
  }
  return out;
}

/** Labels to feed stage 2 with: a fixed pattern, so that the stacked features vary. */
function someLabels(sentences: readonly (readonly string[])[], labels: readonly string[]): string[][] {
  return sentences.map((tokens, s) => tokens.map((_, i) => labels[(i * 7 + s * 3) % labels.length] ?? 'O'));
}

function expectSameScores(model: NerModel, sentences: string[][]): number {
  const L = model.labels.length;
  const stages = model.stages.map(compileStage);
  const scorer = new EmissionScorer(model.lang, model.gazetteer, stages, L);
  const { sums, words } = scorer.scoreDocument(sentences);
  const doc = model.lang === 'en' ? buildDocumentContext(sentences) : null;
  const labels = someLabels(sentences, model.labels);
  const predictions = buildDocumentPredictions(sentences, labels, model.lang);
  let compared = 0;
  sentences.forEach((tokens, s) => {
    const base = sentenceFeatures(tokens, model.lang, model.gazetteer, doc);
    base.forEach((names, i) => {
      const expected = scoresOfNames(names, stages, L, 0);
      expect(Array.from(sums[s]!.subarray(i * scorer.width, (i + 1) * scorer.width)), `${tokens[i]} in "${tokens.join(' ')}"`).toEqual(Array.from(expected));
      compared++;
    });
    if (stages.length < 2) return;
    const stacked = stackedFeatures(tokens, labels[s]!, model.lang, predictions);
    const before = sums[s]!.slice();
    scorer.addStacked(sums[s]!, words[s]!, labels[s]!, mentionPredictions(words, labels));
    stacked.forEach((names, i) => {
      const added = scoresOfNames(names, stages, L, 1);
      const got = sums[s]!.subarray(i * scorer.width, (i + 1) * scorer.width).map((v, k) => v - before[i * scorer.width + k]!);
      expect(Array.from(got), `stage 2, ${tokens[i]}`).toEqual(Array.from(added));
    });
  });
  return compared;
}

const written: Record<NerLang, string[]> = {
  en: [
    'FOOTBALL - NORDIC RAIL CUP RESULTS .',
    'Lars Dahl , the chief executive of Nordic Rail Company , met Anna Berg in Oslo on Monday .',
    'Dahl said the co-operation with the Oslo city council would start in 2025 .',
    'the mayor of Bergen did not comment ; BERGEN police said nothing .',
  ],
  ar: [
    'وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن بلاده تدعم الحل السياسي .',
    'وأعلنت الأمم المتحدة أن مساعدات غذائية وصلت إلى اليمن أمس ، وقال لودريان إن فرنسا ستساهم .',
    'وزار الرئيس السوري دمشق في 12 آذار 2024 برفقة وفد من وزارة الخارجية والمغتربين .',
  ],
};

describe('hashed features in the tagger', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`give the same scores as the named features on written ${lang} text`, () => {
      const sentences = written[lang].map((text) => tokenize(text).map((t) => t.text));
      expect(expectSameScores(models[lang], sentences)).toBeGreaterThan(40);
    });
  }

  const files = { en: CONLL_VALID_FILE, ar: NER_TRAIN_FILES.ar };
  for (const lang of ['en', 'ar'] as const) {
    const available = existsSync(files[lang]);
    if (!available) console.warn(`skipping the ${lang} corpus comparison: ${files[lang]} not found`);
    it.skipIf(!available)(`give the same scores as the named features on ${lang} corpus documents`, () => {
      const documents = readCorpusFile(files[lang]).slice(0, 6);
      let compared = 0;
      for (const doc of documents) compared += expectSameScores(models[lang], doc.sentences.map((s) => s.tokens));
      expect(compared).toBeGreaterThan(300);
    });
  }
});
