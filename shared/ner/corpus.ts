// Gold NER corpora as documents of tagged sentences, and the held-out development split
// (the last 10% of sentences of a training file, never trained on).

import { parseConll } from './conll';

export { DOCUMENT_WINDOW_SENTENCES, windowDocuments } from './conll';
import type { TaggedSentence } from './gazetteer';

export interface TaggedDocument {
  sentences: TaggedSentence[];
}

/** Reads gold CoNLL text: the token is the first column, the gold tag the last. */
export function readTaggedCorpus(text: string): TaggedDocument[] {
  return parseConll(text).map((doc) => ({
    sentences: doc.sentences.map(({ tokens, columns }) => ({
      tokens,
      tags: columns.map((cols) => cols.at(-1) ?? 'O'),
    })),
  }));
}

export interface CorpusSplit {
  train: TaggedDocument[];
  dev: TaggedDocument[];
}

/**
 * Puts the last `devShare` of the sentences (counted over the whole file, -DOCSTART- lines not
 * counted) into the development split; a document straddling the cut is cut in two.
 */
export function splitLastSentences(documents: readonly TaggedDocument[], devShare = 0.1): CorpusSplit {
  const total = documents.reduce((sum, doc) => sum + doc.sentences.length, 0);
  let remaining = Math.round(total * (1 - devShare));
  const train: TaggedDocument[] = [];
  const dev: TaggedDocument[] = [];
  for (const doc of documents) {
    const head = doc.sentences.slice(0, Math.max(0, remaining));
    const tail = doc.sentences.slice(head.length);
    remaining -= head.length;
    if (head.length > 0) train.push({ sentences: head });
    if (tail.length > 0) dev.push({ sentences: tail });
  }
  return { train, dev };
}

