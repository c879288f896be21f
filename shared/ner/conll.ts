// CoNLL text for `dateline ner`: one token per line (further columns allowed), a blank line
// between sentences, -DOCSTART- lines between documents. Every input line comes back, the
// token lines with the predicted IOB2 tag appended as a last column; blank and -DOCSTART-
// lines are passed through unchanged.

import type { NerLang } from './labels';
import type { Tagger } from './tagger';

export interface ConllSentence {
  tokens: string[];
  /** all columns after the token, per line */
  columns: string[][];
}

export interface ConllDocument {
  sentences: ConllSentence[];
}

export class NerLanguageMismatchError extends Error {
  constructor(expected: NerLang, actual: NerLang) {
    super(`asked to tag ${expected} text with the ${actual} model`);
    this.name = 'NerLanguageMismatchError';
  }
}

/**
 * Sentences per pseudo-document when text has no -DOCSTART- marks (ANERcorp): about one
 * article, so that document-level features look at a story's worth of mentions. Training,
 * evaluation and `dateline ner` all cut such text the same way.
 */
export const DOCUMENT_WINDOW_SENTENCES = 20;

export function windowDocuments<D extends { sentences: unknown[] }>(documents: readonly D[], size: number): { sentences: D['sentences'] }[] {
  return documents.flatMap((doc) => {
    const windows: { sentences: D['sentences'] }[] = [];
    for (let i = 0; i < doc.sentences.length; i += size) windows.push({ sentences: doc.sentences.slice(i, i + size) });
    return windows;
  });
}

const isDocStart = (line: string): boolean => line.trimStart().startsWith('-DOCSTART-');
const isBlank = (line: string): boolean => line.trim() === '';
const columnsOf = (line: string): string[] => line.trim().split(/\s+/);

/** Line numbers of the token lines as documents of sentences (empty documents dropped). */
function groupLines(lines: readonly string[]): { sentences: number[][] }[] {
  const documents: { sentences: number[][] }[] = [{ sentences: [] }];
  let sentence: number[] | null = null;
  lines.forEach((line, index) => {
    if (isBlank(line) || isDocStart(line)) {
      sentence = null;
      if (isDocStart(line)) documents.push({ sentences: [] });
      return;
    }
    if (!sentence) documents.at(-1)!.sentences.push((sentence = []));
    sentence.push(index);
  });
  return documents.filter((doc) => doc.sentences.length > 0);
}

/** Groups token lines into sentences and documents (text without -DOCSTART- is one document). */
export function parseConll(text: string): ConllDocument[] {
  const lines = text.split('\n');
  return groupLines(lines).map((doc) => ({
    sentences: doc.sentences.map((indices) => {
      const rows = indices.map((i) => columnsOf(lines[i]!));
      return { tokens: rows.map((row) => row[0] ?? ''), columns: rows.map((row) => row.slice(1)) };
    }),
  }));
}

export function tagConll(text: string, tagger: Tagger, lang: NerLang): string {
  if (tagger.lang !== lang) throw new NerLanguageMismatchError(lang, tagger.lang);
  const lines = text.split('\n');
  const out = [...lines];
  const grouped = groupLines(lines);
  const documents = lines.some(isDocStart) ? grouped : windowDocuments(grouped, DOCUMENT_WINDOW_SENTENCES);
  for (const doc of documents) {
    const tags = tagger.tagDocument(doc.sentences.map((sentence) => sentence.map((i) => columnsOf(lines[i]!)[0] ?? '')));
    doc.sentences.forEach((sentence, s) => {
      sentence.forEach((index, t) => {
        const line = lines[index]!;
        const cr = line.endsWith('\r') ? '\r' : '';
        out[index] = `${line.replace(/[ \t\r]+$/, '')} ${tags[s]?.[t] ?? 'O'}${cr}`;
      });
    });
  }
  return out.join('\n');
}
