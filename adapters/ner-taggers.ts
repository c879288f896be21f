/**
 * The NER taggers the extractor uses, loaded from the committed model files on first use and kept
 * for the life of the process. A getter per language: an English article never pays for loading
 * the Arabic model (about 1.5 MB gzipped), and a process that sees no article loads neither.
 */
import { loadNerModel } from '../models/load';
import type { NerTaggers } from '../shared/extract';
import type { NerLang } from '../shared/ner/labels';
import { createTagger, type Tagger } from '../shared/ner/tagger';

export function lazyNerTaggers(load: (lang: NerLang) => Tagger = (lang) => createTagger(loadNerModel(lang))): NerTaggers {
  const loaded: Partial<Record<NerLang, Tagger>> = {};
  return {
    get ar() {
      return (loaded.ar ??= load('ar'));
    },
    get en() {
      return (loaded.en ??= load('en'));
    },
  };
}
