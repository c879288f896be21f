// Node-side file access for NER (the core in shared/ner reads no files): the committed model
// files next to this module, and the gold corpora in ../shared/corpus/ner for training/eval.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DOCUMENT_WINDOW_SENTENCES,
  readTaggedCorpus,
  splitLastSentences,
  windowDocuments,
  type TaggedDocument,
} from '../shared/ner/corpus';
import type { NerLang } from '../shared/ner/labels';
import { parseLexicon, type Lexicon } from '../shared/ner/lexicon';
import { decodeModel, type NerModel } from '../shared/ner/model';
import { gunzipSync } from 'node:zlib';

export const MODELS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(MODELS_DIR, '..');
export const NER_CORPUS_DIR = path.resolve(REPO_ROOT, '../shared/corpus/ner');

export function nerModelPath(lang: NerLang): string {
  return path.join(MODELS_DIR, `ner-${lang}.bin`);
}

export function loadNerModel(lang: NerLang): NerModel {
  return decodeModel(readFileSync(nerModelPath(lang)));
}

/**
 * The lexicon table scripts/build-clusters.ts made from unlabeled text, for training only: a
 * trained model carries its own copy, so tagging never reads this file.
 */
export function readLexicon(lang: NerLang): Lexicon | undefined {
  const file = path.join(MODELS_DIR, `lexicon-${lang}.tsv.gz`);
  return existsSync(file) ? parseLexicon(gunzipSync(readFileSync(file)).toString('utf8')) : undefined;
}

/** Training file per language, as named in ../shared/corpus/README.md. */
export const NER_TRAIN_FILES: Record<NerLang, string> = {
  ar: path.join(NER_CORPUS_DIR, 'ar/anercorp_camelrecipe_train.txt'),
  en: path.join(NER_CORPUS_DIR, 'en/conll2003_train.txt'),
};
export const CONLL_VALID_FILE = path.join(NER_CORPUS_DIR, 'en/conll2003_valid.txt');

export function nerCorpusAvailable(): boolean {
  return Object.values(NER_TRAIN_FILES).every((file) => existsSync(file)) && existsSync(CONLL_VALID_FILE);
}

/** Gold documents of a corpus file; a file without -DOCSTART- marks comes in windows of sentences. */
export function readCorpusFile(file: string): TaggedDocument[] {
  const documents = readTaggedCorpus(readFileSync(file, 'utf8'));
  return documents.length === 1 ? windowDocuments(documents, DOCUMENT_WINDOW_SENTENCES) : documents;
}

/** The training file split into the part models are trained on and the held-out last 10%. */
export function readTrainingSplit(lang: NerLang): { train: TaggedDocument[]; dev: TaggedDocument[] } {
  return splitLastSentences(readCorpusFile(NER_TRAIN_FILES[lang]));
}
