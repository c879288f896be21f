// Feature names for each token of a sentence, as training sees them. A model keeps the names
// only as hashes (./hash), and the tagger computes those hashes without building the names
// (./emission): a feature added or changed here must be mirrored there, and retrained;
// test/ner/emission.test.ts fails until both agree. Prefixes keep the feature families apart.

import { isArabicWord, lookupForms, normalizeArabic, stripProclitics } from './arabic';
import { MAX_NAME_TOKENS, tokenKey, tokenLookupKeys, type Gazetteer } from './gazetteer';
import type { NerLang } from './labels';
import { CLUSTER_PREFIXES, lexiconEntry, type LexiconEntry } from './lexicon';

/** Facts about the whole document a sentence comes from (English casing evidence). */
export interface DocumentContext {
  /** lower-cased words seen written in lower case somewhere in the document */
  seenLower: Set<string>;
  /** lower-cased words seen capitalised somewhere other than the start of a sentence */
  seenCapitalisedInside: Set<string>;
}

const BOUNDARY = ['<s>', '</s>'] as const;

export function wordShape(token: string): string {
  return token
    .replace(/\p{Lu}/gu, 'X')
    .replace(/[\p{Ll}\p{Lo}\p{Lm}\p{Lt}]/gu, 'x')
    .replace(/\p{Nd}/gu, 'd')
    .replace(/\p{M}/gu, '');
}

/** Shape with runs collapsed: Xxxxx -> Xx, 1996-08-22 -> d-d-d. */
export function shortShape(token: string): string {
  return wordShape(token).replace(/(.)\1+/g, '$1');
}

export function isCapitalised(token: string): boolean {
  return /^\p{Lu}/u.test(token);
}

export function isAllCaps(token: string): boolean {
  return /\p{L}/u.test(token) && token === token.toUpperCase() && token !== token.toLowerCase();
}

export function buildDocumentContext(sentences: readonly (readonly string[])[]): DocumentContext {
  const seenLower = new Set<string>();
  const seenCapitalisedInside = new Set<string>();
  for (const tokens of sentences) {
    const shouting = tokens.filter(isAllCaps).length > tokens.length / 2;
    tokens.forEach((token, i) => {
      if (/^\p{Ll}/u.test(token)) seenLower.add(token);
      else if (i > 0 && !shouting && isCapitalised(token) && !isAllCaps(token)) {
        seenCapitalisedInside.add(token.toLowerCase());
      }
    });
  }
  return { seenLower, seenCapitalisedInside };
}

function affixes(out: string[], tag: string, word: string): void {
  for (let n = 1; n <= 4 && n <= word.length; n++) {
    out.push(`${tag}p${n}=${word.slice(0, n)}`);
    out.push(`${tag}s${n}=${word.slice(-n)}`);
  }
}

/** Gazetteer matches: for every token, "TYPE:strength:position" of each listed name covering it. */
function gazetteerMatches(tokens: readonly string[], lang: NerLang, gazetteer: Gazetteer): string[][] {
  const matches = tokens.map((): string[] => []);
  const plainKeys = tokens.map((token) => tokenKey(token, lang));
  for (let start = 0; start < tokens.length; start++) {
    for (const first of tokenLookupKeys(tokens[start] ?? '', lang)) {
      let key = first;
      for (let end = start; end < Math.min(tokens.length, start + MAX_NAME_TOKENS); end++) {
        if (end > start) key = `${key} ${plainKeys[end]}`;
        const entry = gazetteer.names.get(key);
        if (!entry) continue;
        for (let i = start; i <= end; i++) {
          const position = start === end ? 'U' : i === start ? 'B' : i === end ? 'L' : 'I';
          matches[i]?.push(`${entry}:${position}`);
        }
      }
    }
  }
  return matches;
}

function wordClass(token: string, lang: NerLang, gazetteer: Gazetteer): string | undefined {
  for (const key of tokenLookupKeys(token, lang)) {
    const entry = gazetteer.words.get(key);
    if (entry) return entry;
  }
  return undefined;
}

function englishFeatures(tokens: readonly string[], gazetteer: Gazetteer, doc: DocumentContext | null): string[][] {
  const lower = tokens.map((t) => t.toLowerCase());
  const shapes = tokens.map(shortShape);
  const classes = tokens.map((t) => wordClass(t, 'en', gazetteer) ?? '-');
  const gazetteerHits = gazetteerMatches(tokens, 'en', gazetteer);
  const shouting = tokens.filter(isAllCaps).length > tokens.length / 2;
  const at = (list: readonly string[], i: number): string => list[i] ?? (i < 0 ? BOUNDARY[0] : BOUNDARY[1]);

  return tokens.map((token, i) => {
    const word = at(lower, i);
    const f: string[] = ['b', `w=${token}`, `l=${word}`, `sh=${wordShape(token).slice(0, 12)}`, `ss=${shapes[i]}`];
    affixes(f, '', word);
    if (i === 0) f.push('first', `first|ss=${shapes[i]}`);
    if (shouting) f.push('shout', `shout|ss=${shapes[i]}`);
    if (/\p{Nd}/u.test(token)) f.push('digit');
    if (token.includes('-')) f.push('hyphen');
    for (const d of [-2, -1, 1, 2]) f.push(`l${d}=${at(lower, i + d)}`);
    f.push(`ss-1=${at(shapes, i - 1)}`, `ss+1=${at(shapes, i + 1)}`);
    f.push(`l-1|l=${at(lower, i - 1)}|${word}`, `l|l+1=${word}|${at(lower, i + 1)}`);
    f.push(`ss3=${at(shapes, i - 1)}|${shapes[i]}|${at(shapes, i + 1)}`);
    f.push(`wc=${classes[i]}`, `wc-1=${at(classes, i - 1)}`, `wc+1=${at(classes, i + 1)}`);
    for (const hit of gazetteerHits[i] ?? []) f.push(`g=${hit}`);
    if (doc && isCapitalised(token)) {
      if (doc.seenLower.has(word)) f.push('doc:lower');
      if (doc.seenCapitalisedInside.has(word)) f.push('doc:capinside');
      if ((i === 0 || shouting) && !doc.seenCapitalisedInside.has(word)) f.push('doc:onlyinitial');
    }
    return f;
  });
}

/** The lexicon entry of a normalised Arabic form, looked up as the gazetteers look names up. */
export function arabicLexiconEntry(form: string, gazetteer: Gazetteer): LexiconEntry {
  const forms = lookupForms(form);
  return lexiconEntry(gazetteer.lexicon, form, forms[1] ?? form);
}

function arabicFeatures(tokens: readonly string[], gazetteer: Gazetteer): string[][] {
  const norm = tokens.map(normalizeArabic);
  const lex = norm.map((form) => arabicLexiconEntry(form, gazetteer));
  const k8 = lex.map((e) => e.cluster.slice(0, 8) || '-');
  const stems = norm.map((n) => stripProclitics(n, false).stem);
  const classes = tokens.map((t) => wordClass(t, 'ar', gazetteer) ?? '-');
  const gazetteerHits = gazetteerMatches(tokens, 'ar', gazetteer);
  const at = (list: readonly string[], i: number): string => list[i] ?? (i < 0 ? BOUNDARY[0] : BOUNDARY[1]);

  return tokens.map((token, i) => {
    const word = at(norm, i);
    const withArticle = stripProclitics(word, true);
    const f: string[] = ['b', `n=${word}`, `st=${stems[i]}`, `sa=${withArticle.stem}`, `cp=${withArticle.prefix}`];
    affixes(f, '', word);
    affixes(f, 't', stems[i] ?? '');
    if (!isArabicWord(token)) f.push(`ss=${shortShape(token)}`);
    // Inner letter trigrams of the stem generalise over transliterated foreign names.
    const stem = stems[i] ?? '';
    for (let k = 1; k + 3 < stem.length; k++) f.push(`c3=${stem.slice(k, k + 3)}`);
    f.push(`len=${Math.min(word.length, 10)}`);
    if (i === 0) f.push('first');
    for (const d of [-2, -1, 1, 2]) f.push(`n${d}=${at(norm, i + d)}`);
    f.push(`st-1=${at(stems, i - 1)}`, `st+1=${at(stems, i + 1)}`);
    f.push(`n-1|n=${at(norm, i - 1)}|${word}`, `n|n+1=${word}|${at(norm, i + 1)}`);
    f.push(`s2+1=${at(norm, i + 1).slice(-2)}`, `s2-1=${at(norm, i - 1).slice(-2)}`);
    f.push(`wc=${classes[i]}`, `wc-1=${at(classes, i - 1)}`, `wc+1=${at(classes, i + 1)}`);
    for (const hit of gazetteerHits[i] ?? []) f.push(`g=${hit}`);
    if (gazetteer.lexicon) {
      const entry = lex[i]!;
      for (const n of CLUSTER_PREFIXES) f.push(`k${n}=${entry.cluster.slice(0, n) || '-'}`);
      f.push(`fb=${entry.freq}`, `pb=${entry.person}`, `lb=${entry.place}`, `fb|pb=${entry.freq}|${entry.person}`);
      f.push(`k8-1=${at(k8, i - 1)}`, `k8+1=${at(k8, i + 1)}`, `pb-1=${lex[i - 1]?.person ?? '<s>'}`);
    }
    return f;
  });
}

export function sentenceFeatures(
  tokens: readonly string[],
  lang: NerLang,
  gazetteer: Gazetteer,
  doc: DocumentContext | null,
): string[][] {
  return lang === 'ar' ? arabicFeatures(tokens, gazetteer) : englishFeatures(tokens, gazetteer, doc);
}

/** Stage-1 labels across a document: word form -> entity type (or O) -> how many mentions. */
export type DocumentPredictions = Map<string, Map<string, number>>;

function typeOfLabel(label: string): string {
  return label === 'O' ? 'O' : label.slice(2);
}

/** Forms under which mentions of the same word are pooled within a document. */
export function mentionForms(token: string, lang: NerLang): string[] {
  if (lang === 'ar') return tokenLookupKeys(token, 'ar');
  return /\p{L}/u.test(token) ? [token.toLowerCase()] : [];
}

export function buildDocumentPredictions(
  sentences: readonly (readonly string[])[],
  labels: readonly (readonly string[])[],
  lang: NerLang,
): DocumentPredictions {
  const predictions: DocumentPredictions = new Map();
  sentences.forEach((tokens, s) => {
    tokens.forEach((token, i) => {
      const type = typeOfLabel(labels[s]?.[i] ?? 'O');
      for (const form of mentionForms(token, lang)) {
        let counts = predictions.get(form);
        if (!counts) predictions.set(form, (counts = new Map()));
        counts.set(type, (counts.get(type) ?? 0) + 1);
      }
    });
  });
  return predictions;
}

/**
 * Stage-2 features: stage 1's own labels around the token, and what stage 1 said about the
 * other mentions of the same word in the document (its own mention left out).
 */
export function stackedFeatures(
  tokens: readonly string[],
  ownLabels: readonly string[],
  lang: NerLang,
  predictions: DocumentPredictions,
): string[][] {
  const at = (i: number): string => ownLabels[i] ?? (i < 0 ? BOUNDARY[0] : BOUNDARY[1]);
  return tokens.map((token, i) => {
    const own = at(i);
    const f = [`s1=${own}`, `s1-1=${at(i - 1)}`, `s1+1=${at(i + 1)}`, `s1-1|s1+1=${at(i - 1)}|${at(i + 1)}`];
    const ownType = typeOfLabel(own);
    const cap = lang === 'en' ? (/^\p{Lu}/u.test(token) ? 'C' : 'c') : '';
    mentionForms(token, lang).forEach((form, k) => {
      let best = 'none';
      let bestCount = 0;
      let total = 0;
      for (const [type, count] of predictions.get(form) ?? []) {
        const others = count - (type === ownType ? 1 : 0);
        if (others <= 0) continue;
        total += others;
        if (type !== 'O') f.push(`d${k}a=${type}`);
        if (others > bestCount || (others === bestCount && type < best)) [best, bestCount] = [type, others];
      }
      f.push(`d${k}=${best}${cap}`);
      if (total > 0) f.push(`d${k}=${best}|${ownType}`);
    });
    return f;
  });
}
