// Retrains the NER models: npx tsx scripts/train-ner.ts [--lang ar|en|all]
// Trains on each training file minus its last 10% of sentences (the dev split, see
// scripts/eval-ner.ts), writes models/ner-<lang>.bin and prints the dev F1.
// For screening a change: --epochs N --folds N (fewer than the settings below) and --dry-run
// (print the dev F1 per type, write no model).

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readLexicon, readTrainingSplit, nerModelPath } from '../models/load';
import { NER_LANGS, type NerLang } from '../shared/ner/labels';
import { decodeModel, encodeModel } from '../shared/ner/model';
import { scoreSentences } from '../shared/ner/score';
import { createTagger } from '../shared/ner/tagger';
import { trainNerModel, type NerTrainingOptions } from '../shared/ner/train';

const SETTINGS: Record<NerLang, Omit<NerTrainingOptions, 'onProgress'>> = {
  ar: { epochs: 8, seed: 20240611, minFeatureCount: 1, folds: 10, stacked: true },
  en: { epochs: 12, seed: 20240611, minFeatureCount: 1, folds: 10, stacked: true },
};

function train(lang: NerLang, overrides: Partial<NerTrainingOptions>, write: boolean): void {
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const { train: trainDocs, dev } = readTrainingSplit(lang);
  const sentenceCount = trainDocs.reduce((n, d) => n + d.sentences.length, 0);
  console.log(`[${lang}] training on ${sentenceCount} sentences (dev split held out: ${dev.reduce((n, d) => n + d.sentences.length, 0)})`);
  const lexicon = readLexicon(lang);
  console.log(`[${lang}] lexicon: ${lexicon ? `${lexicon.size} forms (models/lexicon-${lang}.tsv.gz)` : 'none'}`);
  const model = trainNerModel(trainDocs, lang, { ...SETTINGS[lang], ...overrides, lexicon, onProgress: (m) => console.log(`[${lang}] ${elapsed()} ${m}`) });
  const bytes = encodeModel(model);
  if (write) writeFileSync(nerModelPath(lang), bytes);
  console.log(`[${lang}] ${write ? `wrote ${nerModelPath(lang)}` : 'model not written'} (${(bytes.length / 1024 / 1024).toFixed(2)} MB, ${model.stages.map((st) => st.keysA.length).join(' + ')} features kept)`);

  const tagger = createTagger(decodeModel(bytes));
  const scored = dev.flatMap((doc) => {
    const predicted = tagger.tagDocument(doc.sentences.map((s) => s.tokens));
    return doc.sentences.map((s, i) => ({ gold: s.tags, predicted: predicted[i] ?? [] }));
  });
  const score = scoreSentences(scored);
  const types = Object.entries(score.byType).map(([type, s]) => `${type} ${s.f1.toFixed(1)}`).join(', ');
  console.log(`[${lang}] ${elapsed()} dev F1 ${score.f1.toFixed(1)} (P ${score.p.toFixed(1)} R ${score.r.toFixed(1)}; ${types})`);
}

const { values } = parseArgs({
  options: {
    lang: { type: 'string', default: 'all' },
    epochs: { type: 'string' },
    folds: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const overrides: Partial<NerTrainingOptions> = {
  ...(values.epochs ? { epochs: Number(values.epochs) } : {}),
  ...(values.folds ? { folds: Number(values.folds) } : {}),
};
const langs = values.lang === 'all' ? NER_LANGS : NER_LANGS.filter((l) => l === values.lang);
if (langs.length === 0) {
  console.error(`--lang must be ar, en or all (got ${values.lang})`);
  process.exit(2);
}
for (const lang of langs) train(lang, overrides, !values['dry-run']);
