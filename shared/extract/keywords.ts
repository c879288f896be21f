/**
 * Keywords: the article's terms ranked by TF-IDF, `keywords: [{ term, score }]`, best first.
 *
 * - Terms come from keywords-terms.ts (normalised, clitic-stripped keys; stopwords and numbers
 *   left out) over the title, subheadings and paragraphs; `term` is the most frequent display form
 *   of a key (`سورية`, `الإرهاب`).
 * - TF counts each occurrence with the weight of where it stands: title 3, subheading 2, lead 1.5,
 *   other paragraphs 1; IDF is ln((N + 1) / (df + 1)) + 1 with df from the committed table of the
 *   article's language (df-ar.json, df-en.json; built by scripts/build-df.ts). A term missing from
 *   the table was seen in at most one document: df 1. Other languages rank by TF alone.
 * - Scores are divided by the best one (the top keyword scores 1) and rounded to 3 decimals.
 */
import type { Keyword } from '../record';
import dfArabicTable from './df-ar.json';
import dfEnglishTable from './df-en.json';
import type { Extractor } from './draft';
import { readWords, termOf, wordsOf, type Lexicon, type Term } from './keywords-terms';
import { lettersOf, tokensOf, type TokenStream } from './token-stream';

/** Keywords kept per article. */
export const MAX_KEYWORDS = 20;

/** A document-frequency table as scripts/build-df.ts writes it. */
export interface DocumentFrequencies {
  readonly documents: number;
  readonly df: ReadonlyMap<string, number>;
}

interface DocumentFrequencyFile {
  readonly documents: number;
  readonly terms: readonly (readonly (string | number)[])[];
}

function loadTable(file: DocumentFrequencyFile): DocumentFrequencies {
  const df = new Map<string, number>();
  for (const [term, count] of file.terms) if (typeof term === 'string' && typeof count === 'number') df.set(term, count);
  return { documents: file.documents, df };
}

const TABLES: Readonly<Record<string, DocumentFrequencies>> = {
  ar: loadTable(dfArabicTable),
  en: loadTable(dfEnglishTable),
};

export interface WeightedText {
  readonly text: string;
  readonly weight: number;
}

/** Ranks the terms of weighted texts; `table` null ranks by weighted TF alone. */
export function rankKeywords(parts: readonly WeightedText[], table: DocumentFrequencies | null, limit = MAX_KEYWORDS, stream?: TokenStream): Keyword[] {
  // The article's token stream when there is one: its letter runs are wordsOf's words.
  const words = parts.map((part) => (stream ? lettersOf(tokensOf(stream, part.text)).map((t) => t.text) : wordsOf(part.text)));
  const { keys, lexicon: own } = readWords(words);
  const lexicon: Lexicon = {
    known: (stem) => own.words.has(stem) || own.articleStems.has(stem) || (table?.df.has(stem) ?? false),
    takesArticle: (word) => own.articleStems.has(word) || (table?.df.has(word) ?? false),
  };
  const terms = new Map<string, Term | null>();
  for (const [word, key] of keys) terms.set(word, termOf(word, key, lexicon));

  // Per key: its weighted count, and how often each display form was seen (first seen first).
  const tallies = new Map<string, { weight: number; forms: Map<string, number> }>();
  parts.forEach((part, i) => {
    for (const word of words[i] ?? []) {
      const term = terms.get(word);
      if (!term) continue;
      let tally = tallies.get(term.key);
      if (!tally) {
        tally = { weight: 0, forms: new Map() };
        tallies.set(term.key, tally);
      }
      tally.weight += part.weight;
      tally.forms.set(term.display, (tally.forms.get(term.display) ?? 0) + 1);
    }
  });

  const idf = (key: string): number => (table ? Math.log((table.documents + 1) / ((table.df.get(key) ?? 1) + 1)) + 1 : 1);
  const scored = [...tallies].map(([key, tally]) => ({ key, score: tally.weight * idf(key) }));
  scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const best = scored[0]?.score ?? 0;
  return scored.slice(0, limit).map(({ key, score }) => ({
    term: mostFrequent(tallies.get(key)?.forms) ?? key,
    score: best > 0 ? Math.round((score / best) * 1000) / 1000 : 0,
  }));
}

/** The most frequent form; among equals the first one seen. */
function mostFrequent(forms: ReadonlyMap<string, number> | undefined): string | null {
  let best: string | null = null;
  let count = 0;
  for (const [form, n] of forms ?? []) {
    if (n > count) {
      best = form;
      count = n;
    }
  }
  return best;
}

/** A Latin headline written in capitals only. */
const isShouting = (text: string): boolean => /[A-Z]{2}/.test(text) && !/[a-z]/.test(text);

export const findKeywords: Extractor = (draft) => {
  const [lead, ...rest] = draft.paragraphs;
  const parts: WeightedText[] = [
    // An all-capitals headline (Reuters) would show its words in capitals: they count, lower-cased.
    ...(draft.title ? [{ text: isShouting(draft.title) ? draft.title.toLowerCase() : draft.title, weight: 3 }] : []),
    ...draft.subheadings.map((text) => ({ text, weight: 2 })),
    ...(lead ? [{ text: lead, weight: 1.5 }] : []),
    ...rest.map((text) => ({ text, weight: 1 })),
  ];
  return { ...draft, keywords: rankKeywords(parts, TABLES[draft.language.code] ?? null, MAX_KEYWORDS, draft.tokens) };
};
