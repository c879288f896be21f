// Name lists learnt from the training portion only: whole names (up to MAX_NAME_TOKENS tokens)
// and single words, each with the entity type it most often has and how reliably
// (share of its occurrences in the training text that were inside that kind of entity).

import { lookupForms, normalizeArabic } from './arabic';
import { iobToSpans } from './spans';
import type { NerLang } from './labels';
import type { Lexicon } from './lexicon';

export const MAX_NAME_TOKENS = 6;

export interface Gazetteer {
  /**
   * name key (tokens joined by a space) -> "TYPE:h" (reliable) or "TYPE:l" (ambiguous); a Map when
   * trained, a PackedTable (./packed-table) when read from a model file
   */
  names: ReadonlyMap<string, string>;
  /** single token key -> "TYPE:h" / "TYPE:l", TYPE including "O" for words that are never names */
  words: ReadonlyMap<string, string>;
  /** distributional facts from unlabeled text (./lexicon), Arabic only; travels with the model */
  lexicon?: Lexicon;
}

export interface TaggedSentence {
  tokens: string[];
  tags: string[];
}

export function tokenKey(token: string, lang: NerLang): string {
  return lang === 'ar' ? normalizeArabic(token) : token;
}

/** Keys under which a token may be looked up: Arabic without its leading clitic, English ALL CAPS in title case. */
export function tokenLookupKeys(token: string, lang: NerLang): string[] {
  if (lang === 'ar') return lookupForms(normalizeArabic(token));
  if (token.length > 1 && token === token.toUpperCase() && token !== token.toLowerCase()) {
    return [token, token[0] + token.slice(1).toLowerCase()];
  }
  return [token];
}

function strength(share: number): 'h' | 'l' | null {
  if (share >= 0.6) return 'h';
  if (share >= 0.2) return 'l';
  return null;
}

function majority(counts: Map<string, number>): [string, number] {
  let best = '';
  let bestCount = 0;
  for (const [type, count] of counts) {
    if (count > bestCount || (count === bestCount && type < best)) [best, bestCount] = [type, count];
  }
  return [best, bestCount];
}

function bump(table: Map<string, Map<string, number>>, key: string, type: string): void {
  let counts = table.get(key);
  if (!counts) table.set(key, (counts = new Map()));
  counts.set(type, (counts.get(type) ?? 0) + 1);
}

export function buildGazetteer(sentences: readonly TaggedSentence[], lang: NerLang): Gazetteer {
  const nameTypes = new Map<string, Map<string, number>>();
  const wordTypes = new Map<string, Map<string, number>>();
  for (const { tokens, tags } of sentences) {
    const keys = tokens.map((token) => tokenKey(token, lang));
    const inside = new Array<string>(tokens.length).fill('O');
    for (const span of iobToSpans(tags)) {
      if (span.end - span.start + 1 > MAX_NAME_TOKENS) continue;
      bump(nameTypes, keys.slice(span.start, span.end + 1).join(' '), span.type);
      for (let i = span.start; i <= span.end; i++) inside[i] = span.type;
    }
    keys.forEach((key, i) => bump(wordTypes, key, inside[i] ?? 'O'));
  }

  // How often each candidate name occurs at all, inside an entity or not.
  const occurrences = new Map<string, number>();
  for (const { tokens } of sentences) {
    const keys = tokens.map((token) => tokenKey(token, lang));
    for (let start = 0; start < keys.length; start++) {
      let key = '';
      for (let end = start; end < Math.min(keys.length, start + MAX_NAME_TOKENS); end++) {
        key = end === start ? (keys[start] ?? '') : `${key} ${keys[end]}`;
        if (nameTypes.has(key)) occurrences.set(key, (occurrences.get(key) ?? 0) + 1);
      }
    }
  }

  const names = new Map<string, string>();
  for (const [key, counts] of nameTypes) {
    const [type, count] = majority(counts);
    const level = strength(count / Math.max(count, occurrences.get(key) ?? 0));
    if (level) names.set(key, `${type}:${level}`);
  }
  const words = new Map<string, string>();
  for (const [key, counts] of wordTypes) {
    let total = 0;
    for (const count of counts.values()) total += count;
    if (total < 2) continue;
    const [type, count] = majority(counts);
    const level = strength(count / total);
    if (level) words.set(key, `${type}:${level}`);
  }
  return { names, words };
}
