// Span-level precision/recall/F1 for PERS/ORG/LOC with exact span and type, the same counting
// as ../shared/tools/score-ner.mjs (conlleval style; PER counts as PERS; MISC not scored).

import { entityTypeOf, type EntityType } from './labels';
import { iobToSpans } from './spans';

export interface TypeScore {
  p: number;
  r: number;
  f1: number;
  gold: number;
}

export interface NerScore {
  sentences: number;
  tokens: number;
  byType: Record<EntityType, TypeScore>;
  p: number;
  r: number;
  f1: number;
}

const TYPES: readonly EntityType[] = ['PERS', 'ORG', 'LOC'];

function prf(tp: number, predicted: number, gold: number): { p: number; r: number; f1: number } {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return { p: 100 * p, r: 100 * r, f1: p + r ? (200 * p * r) / (p + r) : 0 };
}

export function scoreSentences(sentences: readonly { gold: readonly string[]; predicted: readonly string[] }[]): NerScore {
  const gold: string[] = [];
  const predicted: string[] = [];
  let tokens = 0;
  sentences.forEach((sentence, s) => {
    tokens += sentence.gold.length;
    for (const [list, tags] of [[gold, sentence.gold], [predicted, sentence.predicted]] as const) {
      for (const span of iobToSpans(tags)) {
        const type = entityTypeOf(span.type);
        if (type) list.push(`${s}:${type}:${span.start}:${span.end}`);
      }
    }
  });
  const goldSet = new Set(gold);
  const typeOf = (key: string): string => key.split(':')[1] ?? '';
  const byType = {} as Record<EntityType, TypeScore>;
  for (const type of TYPES) {
    const g = gold.filter((k) => typeOf(k) === type);
    const p = predicted.filter((k) => typeOf(k) === type);
    byType[type] = { ...prf(p.filter((k) => goldSet.has(k)).length, p.length, g.length), gold: g.length };
  }
  const tp = predicted.filter((k) => goldSet.has(k)).length;
  return { sentences: sentences.length, tokens, byType, ...prf(tp, predicted.length, gold.length) };
}
