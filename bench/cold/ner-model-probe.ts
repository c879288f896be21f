/**
 * Loads the NER model of one language as a Lambda would at its first use: read the committed
 * `ner-<lang>.bin`, decode it, build the tagger. Bundled like the functions (through
 * DatelineFunction), so that the cold-start bench can add this cost to ingest's when the ingest
 * bundle does not load the model itself. The folder is passed in (`NER_MODELS_DIR`): a bundle's
 * own location says nothing about where models/ is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeModel } from '../../shared/ner/model';
import { createTagger } from '../../shared/ner/tagger';

export const handler = async (event: { lang: 'ar' | 'en' }): Promise<{ bytes: number; labels: number }> => {
  const file = path.join(process.env.NER_MODELS_DIR ?? '.', `ner-${event.lang}.bin`);
  const bytes = readFileSync(file);
  const model = decodeModel(bytes);
  const tagger = createTagger(model);
  // Tag one short sentence so that lazily built tables are built now, as a first article would.
  tagger.tagDocument([['.']]);
  return { bytes: bytes.length, labels: model.labels.length };
};
