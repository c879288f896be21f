/**
 * Keywords: the article's terms ranked by TF-IDF, `keywords: [{ term, score }]`, best first.
 *
 * - Terms come from keywords-terms.ts (normalised, clitic-stripped keys; stopwords and numbers
 *   left out) over the title, subheadings and paragraphs, read from the article's token stream.
 * - Keyphrases: an entity's name is one term, its words counted for it alone (`سيرغي لافروف`, and
 *   `لافروف` where the text says only that); other words are grouped by their light stem
 *   (`روسيا`, `الروسية`, `الروسي`: keywords-groups.ts) and shown in the group's commonest form.
 *   Page furniture (`اضغط`, `اشترك`, subscribe, cookies) and agency names or codes are no terms.
 * - TF counts each occurrence with the weight of where it stands: title 3, subheading 2, lead 1.5,
 *   other paragraphs 1; IDF is ln((N + 1) / (df + 1)) + 1 with df from the committed table of the
 *   article's language (df-ar.json, df-en.json; built by scripts/build-df.ts). A term missing from
 *   the table was seen in at most one document: df 1. A group's df is its commonest member's, a
 *   phrase's IDF the mean of its words'. Other languages rank by TF alone.
 * - Scores are divided by the best one (the top keyword scores 1) and rounded to 3 decimals.
 */
import type { Keyword } from '../record';
import dfArabicTable from './df-ar.json';
import dfEnglishTable from './df-en.json';
import { termCounts, type DocumentFrequencyFile } from './df-table';
import type { Extractor } from './draft';
import { addWord, readWords, termOf, wordsOf, type Lexicon, type ReadWords, type Term } from './keywords-terms';
import { groupKey, isBoilerplate } from './keywords-groups';
import { wordKey } from './dates-tokens';
import { lettersOf, tokensOf, type TokenStream } from './token-stream';

const LEADING_DIGIT = /^\p{Nd}/u;

/** Keywords kept per article. */
export const MAX_KEYWORDS = 20;

/** A document-frequency table as scripts/build-df.ts writes it. */
export interface DocumentFrequencies {
  readonly documents: number;
  readonly df: ReadonlyMap<string, number>;
}

const TABLE_FILES: Readonly<Record<string, DocumentFrequencyFile>> = { ar: dfArabicTable, en: dfEnglishTable };
const tables = new Map<string, DocumentFrequencies>();

/** The table of a language, read on its first article: a process that sees only Arabic never reads the English one. */
function tableOf(language: string): DocumentFrequencies | null {
  const file = TABLE_FILES[language];
  if (!file) return null;
  let table = tables.get(language);
  if (!table) tables.set(language, (table = { documents: file.documents, df: termCounts(file.terms) }));
  return table;
}

export interface WeightedText {
  readonly text: string;
  readonly weight: number;
}

/** A name to keep whole as one keyphrase (an entity's), with the other names it goes by. */
export interface Phrase {
  /** How the keyphrase is shown: the entity's canonical name. */
  readonly display: string;
  /** Its names (the display among them) as the text may write them. */
  readonly names: readonly string[];
}

export interface RankOptions {
  readonly limit?: number;
  /** The article's token stream: its letter runs are the words (else each text is cut here). */
  readonly stream?: TokenStream;
  /** Names of two words or more that count as one keyphrase each (the article's entities). */
  readonly phrases?: readonly Phrase[];
}

interface Tally {
  weight: number;
  /** Display forms and how often each was seen (first seen first). */
  readonly forms: Map<string, number>;
  /** Term keys counted here: a group's IDF is its commonest member's. */
  readonly keys: Set<string>;
  readonly phrase: boolean;
}

/**
 * Ranks the terms of weighted texts; `table` null ranks by weighted TF alone. Single words are
 * grouped by their light stem (keywords-groups.ts) and shown in their commonest form; a phrase
 * (an entity's name, or one of its other names) is matched first and its words count for it alone.
 */
export function rankKeywords(parts: readonly WeightedText[], table: DocumentFrequencies | null, options: RankOptions = {}): Keyword[] {
  const { limit = MAX_KEYWORDS, stream, phrases = [] } = options;
  const read: ReadWords = { keys: new Map(), lexicon: { words: new Set(), articleStems: new Set() } };
  // The stream's letter runs carry their key already (wordKey): no word is keyed twice.
  const words = parts.map((part) => {
    if (!stream) return wordsOf(part.text);
    const letters = lettersOf(tokensOf(stream, part.text));
    // (A run of digits of a script without a value (no number) is keyed by the digits: wordKey here.)
    for (const t of letters) if (!read.keys.has(t.text)) addWord(t.text, LEADING_DIGIT.test(t.text) ? wordKey(t.text) : t.key, read);
    return letters.map((t) => t.text);
  });
  const phraseWords = phrases.map((p) => p.names.map(wordsOf));
  const { keys, lexicon: own } = readWords([...words, ...phraseWords.flat()], read);
  const lexicon: Lexicon = {
    known: (stem) => own.words.has(stem) || own.articleStems.has(stem) || (table?.df.has(stem) ?? false),
    takesArticle: (word) => own.articleStems.has(word) || (table?.df.has(word) ?? false),
  };
  const terms = new Map<string, Term | null>();
  /** Per distinct word with a term: the group it counts for (not worked out again per occurrence). */
  const groups = new Map<string, string>();
  // Per distinct word: its term, none for page furniture and agency credits.
  for (const [word, key] of keys) {
    const term = termOf(word, key, lexicon);
    const kept = term && !isBoilerplate(term.key) ? term : null;
    terms.set(word, kept);
    if (kept) groups.set(word, `word:${groupKey(kept.key)}`);
  }
  // How a word is compared with a phrase's words: its term key, else (a stopword: بن، of) its key.
  const matchKeyOf = (word: string): string => terms.get(word)?.key ?? keys.get(word) ?? word;
  const index = phraseIndex(phraseWords, matchKeyOf);

  const tallies = new Map<string, Tally>();
  const count = (id: string, display: string, key: string, weight: number, phrase: boolean) => {
    let tally = tallies.get(id);
    if (!tally) {
      tally = { weight: 0, forms: new Map(), keys: new Set(), phrase };
      tallies.set(id, tally);
    }
    tally.weight += weight;
    tally.forms.set(display, (tally.forms.get(display) ?? 0) + 1);
    tally.keys.add(key);
  };
  parts.forEach((part, i) => {
    const list = words[i] ?? [];
    for (let j = 0; j < list.length; j++) {
      const word = list[j]!;
      const match = longestPhrase(index.get(matchKeyOf(word)), list, j, matchKeyOf);
      if (match) {
        const phrase = phrases[match.phrase]!;
        for (const k of match.keys) count(`phrase:${match.phrase}`, phrase.display, k, 0, true);
        tallies.get(`phrase:${match.phrase}`)!.weight += part.weight;
        j += match.keys.length - 1;
        continue;
      }
      const term = terms.get(word);
      if (!term) continue;
      count(groups.get(word)!, term.display, term.key, part.weight, false);
    }
  });

  const idf = (key: string): number => (table ? Math.log((table.documents + 1) / ((table.df.get(key) ?? 1) + 1)) + 1 : 1);
  const tallyIdf = (tally: Tally): number => {
    const values = [...tally.keys].map(idf);
    // A phrase is as rare as its words on average; a group as common as its commonest form.
    return tally.phrase ? values.reduce((a, b) => a + b, 0) / values.length : Math.min(...values);
  };
  const scored = [...tallies].map(([id, tally]) => ({ id, term: mostFrequent(tally.forms) ?? id, score: tally.weight * tallyIdf(tally) }));
  scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const best = scored[0]?.score ?? 0;
  const seen = new Set<string>();
  const out: Keyword[] = [];
  for (const { term, score } of scored) {
    if (out.length >= limit) break;
    // A phrase and a group may show the same text (a one-word alias): the better one stays.
    if (seen.has(term)) continue;
    seen.add(term);
    out.push({ term, score: best > 0 ? Math.round((score / best) * 1000) / 1000 : 0 });
  }
  return out;
}

interface PhraseEntry {
  readonly phrase: number;
  readonly keys: readonly string[];
}

/**
 * Names by the match key of their first word, longest first: every name of a phrase that has one
 * of two words or more (لافروف counts for سيرغي لافروف); one-word entities stay words, grouped.
 */
function phraseIndex(phraseWords: readonly (readonly (readonly string[])[])[], matchKeyOf: (word: string) => string): Map<string, PhraseEntry[]> {
  const index = new Map<string, PhraseEntry[]>();
  phraseWords.forEach((names, phrase) => {
    if (!names.some((name) => name.length >= 2)) return;
    for (const name of names) {
      if (name.length === 0) continue;
      const keys = name.map(matchKeyOf);
      const list = index.get(keys[0]!) ?? [];
      list.push({ phrase, keys });
      index.set(keys[0]!, list);
    }
  });
  for (const list of index.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  return index;
}

function longestPhrase(candidates: readonly PhraseEntry[] | undefined, words: readonly string[], at: number, matchKeyOf: (word: string) => string): PhraseEntry | null {
  for (const entry of candidates ?? []) {
    if (entry.keys.every((key, k) => k === 0 || (words[at + k] !== undefined && matchKeyOf(words[at + k]!) === key))) return entry;
  }
  return null;
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
  const entities = [...draft.entities.person, ...draft.entities.organization, ...draft.entities.place];
  const phrases = entities.map((e) => ({ display: e.name, names: [e.name, ...e.aliases, ...(e.variants ?? [])] }));
  return { ...draft, keywords: rankKeywords(parts, tableOf(draft.language.code), { stream: draft.tokens, phrases }) };
};
