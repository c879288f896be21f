// Per-token label scores for tagging, straight from hashed features: the same features as
// ./features (which training uses, by name), but no feature string is ever built. Each name is
// hashed from its template's precomputed prefix state plus its parts (./hash), and its int16
// weights are summed, for both stages at once, into integer score vectors.
//
// Most features depend on one word only (the word itself, or the word as the left/right
// neighbour of another), so their summed weights are kept per distinct word and role, and a
// token costs a few vector additions plus its pair, gazetteer, document and stage-2 features.
// test/ner/emission.test.ts checks that the two implementations give the same features.

import { isArabicWord, normalizeArabic, stripProclitics, lookupForms } from './arabic';
import { arabicLexiconEntry, isAllCaps, isCapitalised, shortShape, wordShape } from './features';
import { MAX_NAME_TOKENS, type Gazetteer } from './gazetteer';
import { FeatureHasher, FeatureIndex, hashOf, type HashState } from './hash';
import type { NerLang } from './labels';
import { CLUSTER_PREFIXES, type LexiconEntry } from './lexicon';
import type { StageWeights } from './model';
import { namePrefixTest } from './packed-table';
import { rememberedByText } from '../remembered';

/** A stage ready for lookups: the hash index and where each feature's weights start. */
export interface CompiledStage {
  index: FeatureIndex;
  masks: Uint32Array;
  offsets: Uint32Array;
  values: Int16Array;
  scale: number;
}

export function compileStage(stage: StageWeights): CompiledStage {
  return { index: new FeatureIndex(stage.keysA, stage.keysB, stage.buckets), masks: stage.masks, offsets: stage.offsets, values: stage.values, scale: stage.scale };
}

// Roles a word plays for some token: itself, first of its sentence, in a shouted sentence, or
// the neighbour at -2, -1, +1, +2.
const SELF = 0;
const FIRST = 1;
const SHOUT = 2;
const LEFT2 = 3;
const LEFT1 = 4;
const RIGHT1 = 5;
const RIGHT2 = 6;
const ROLES = 7;

export interface WordInfo {
  token: string;
  /** English: lower case; Arabic: normalised */
  form: string;
  /** English: collapsed shape; Arabic: the stem without any proclitic */
  shape: string;
  /** gazetteer word class, "-" when unlisted */
  cls: string;
  /** last two characters of form (Arabic neighbour feature) */
  tail: string;
  /** keys to start a gazetteer name with, and the key to continue one with */
  lookupKeys: string[];
  plainKey: string;
  /** forms under which stage 1's labels are pooled across the document */
  mentionForms: string[];
  startsLower: boolean;
  capitalised: boolean;
  allCaps: boolean;
  /** Arabic with a lexicon: what unlabeled text says about the word */
  lex: LexiconEntry | undefined;
  /** 8-bit cluster prefix and person band as a neighbour feature sees them ('<s>' at the edges) */
  k8: string;
  person: string;
  /** per lookup key: the listed name of that one word, and whether a longer listed name starts with it */
  nameEntries: (string | undefined)[];
  namePrefixes: boolean[];
  /** summed weights per role (ROLES x width), each role built on first use */
  roles: Int32Array | null;
  /** bit r set when role r of `roles` is built */
  built: number;
}

function boundary(text: '<s>' | '</s>'): WordInfo {
  return {
    token: text, form: text, shape: text, cls: text, tail: text.slice(-2), lookupKeys: [], plainKey: text,
    mentionForms: [], startsLower: false, capitalised: false, allCaps: false, lex: undefined, k8: text, person: text,
    nameEntries: [], namePrefixes: [], roles: null, built: 0,
  };
}

const p = hashOf;
const T = {
  bias: p('b'), digit: p('digit'), hyphen: p('hyphen'), first: p('first'), shout: p('shout'),
  firstShape: p('first|ss='), shoutShape: p('shout|ss='),
  docLower: p('doc:lower'), docCapInside: p('doc:capinside'), docOnlyInitial: p('doc:onlyinitial'),
  w: p('w='), l: p('l='), sh: p('sh='), ss: p('ss='), wc: p('wc='), g: p('g='),
  prefix: [1, 2, 3, 4].map((n) => p(`p${n}=`)), suffix: [1, 2, 3, 4].map((n) => p(`s${n}=`)),
  stemPrefix: [1, 2, 3, 4].map((n) => p(`tp${n}=`)), stemSuffix: [1, 2, 3, 4].map((n) => p(`ts${n}=`)),
  lLeft2: p('l-2='), lLeft1: p('l-1='), lRight1: p('l1='), lRight2: p('l2='),
  ssLeft1: p('ss-1='), ssRight1: p('ss+1='), wcLeft1: p('wc-1='), wcRight1: p('wc+1='),
  lPairLeft: p('l-1|l='), lPairRight: p('l|l+1='), ss3: p('ss3='),
  n: p('n='), st: p('st='), sa: p('sa='), cp: p('cp='), c3: p('c3='), len: p('len='),
  nLeft2: p('n-2='), nLeft1: p('n-1='), nRight1: p('n1='), nRight2: p('n2='),
  stLeft1: p('st-1='), stRight1: p('st+1='), s2Left1: p('s2-1='), s2Right1: p('s2+1='),
  nPairLeft: p('n-1|n='), nPairRight: p('n|n+1='),
  s1: p('s1='), s1Left: p('s1-1='), s1Right: p('s1+1='), s1Pair: p('s1-1|s1+1='),
  cluster: CLUSTER_PREFIXES.map((n) => p(`k${n}=`)), fb: p('fb='), pb: p('pb='), lb: p('lb='), fbpb: p('fb|pb='),
  k8Left1: p('k8-1='), k8Right1: p('k8+1='), pbLeft1: p('pb-1='),
  docAny: [0, 1, 2, 3].map((k) => p(`d${k}a=`)), docBest: [0, 1, 2, 3].map((k) => p(`d${k}=`)),
};

/** Distinct words remembered per tagger generation (two generations bound the memory; shared/remembered.ts). */
export const WORD_CACHE_LIMIT = 20000;

export interface DocumentScores {
  /** per sentence: tokens x (stages x labels) integer scores */
  sums: Int32Array[];
  words: WordInfo[][];
}

/** Scores sentences under every stage of a model; reuses per-word work across documents. */
export class EmissionScorer {
  readonly width: number;
  private readonly hasher = new FeatureHasher();
  /** a word's features and gazetteer answers, remembered across documents (shared/remembered.ts) */
  private readonly info: (token: string) => WordInfo;
  /** whether a key is a listed name cut before one of its spaces: a longer match is only worth trying after these */
  private readonly isNamePrefix: (key: string) => boolean;
  private readonly start = boundary('<s>');
  private readonly end = boundary('</s>');
  private target: Int32Array = new Int32Array(0);
  /** emissions() writes here: grown as needed, reused across sentences */
  private emissionBuffer = new Float64Array(0);
  private base = 0;
  private fromStage = 0;

  constructor(
    private readonly lang: NerLang,
    private readonly gazetteer: Gazetteer,
    private readonly stages: readonly CompiledStage[],
    private readonly labelCount: number,
  ) {
    this.width = stages.length * labelCount;
    this.isNamePrefix = namePrefixTest(gazetteer.names);
    this.info = rememberedByText((token) => this.wordInfo(token), WORD_CACHE_LIMIT);
  }

  /** Integer scores of the sentence-level features of every token, for all stages. */
  scoreDocument(sentences: readonly (readonly string[])[]): DocumentScores {
    const words = sentences.map((tokens) => tokens.map((token) => this.info(token)));
    const doc = this.lang === 'en' ? documentContext(words) : null;
    let tokens = 0;
    for (const infos of words) tokens += infos.length;
    // One buffer for the document, a view of it per sentence.
    const buffer = new Int32Array(tokens * this.width);
    let at = 0;
    const sums = words.map((infos) => {
      const sums = buffer.subarray(at, (at += infos.length * this.width));
      this.fromStage = 0;
      this.target = sums;
      this.sentence(infos, doc);
      return sums;
    });
    return { sums, words };
  }

  /**
   * Label scores of one stage for one sentence, as the Viterbi decoder takes them: a view of a
   * buffer the next call overwrites (decode it before scoring the next).
   */
  emissions(sums: Int32Array, stage: number): Float64Array {
    const L = this.labelCount;
    const n = sums.length / this.width;
    const scale = this.stages[stage]!.scale;
    if (this.emissionBuffer.length < n * L) this.emissionBuffer = new Float64Array(Math.max(n * L, 2 * this.emissionBuffer.length));
    const out = this.emissionBuffer.subarray(0, n * L);
    for (let i = 0; i < n; i++) {
      const from = i * this.width + stage * L;
      for (let y = 0; y < L; y++) out[i * L + y] = sums[from + y]! * scale;
    }
    return out;
  }

  /**
   * Adds the stage-2 features of one sentence to its stage-2 scores: stage 1's labels around
   * each token, and what stage 1 said about the other mentions of the same word in the document.
   */
  addStacked(sums: Int32Array, words: readonly WordInfo[], labels: readonly string[], predictions: MentionPredictions): void {
    this.target = sums;
    this.fromStage = 1;
    const n = words.length;
    for (let i = 0; i < n; i++) {
      this.base = i * this.width;
      const own = labels[i] ?? 'O';
      const before = i > 0 ? (labels[i - 1] ?? 'O') : '<s>';
      const after = i + 1 < n ? (labels[i + 1] ?? 'O') : '</s>';
      this.feature(T.s1, own);
      this.feature(T.s1Left, before);
      this.feature(T.s1Right, after);
      this.pair(T.s1Pair, before, after);
      const ownType = own === 'O' ? 'O' : own.slice(2);
      const word = words[i]!;
      const cap = this.lang === 'en' ? (word.capitalised ? 'C' : 'c') : '';
      word.mentionForms.forEach((form, k) => {
        let best = 'none';
        let bestCount = 0;
        let total = 0;
        const any = T.docAny[k] ?? p(`d${k}a=`);
        for (const [type, count] of predictions.get(form) ?? []) {
          const others = count - (type === ownType ? 1 : 0);
          if (others <= 0) continue;
          total += others;
          if (type !== 'O') this.feature(any, type);
          if (others > bestCount || (others === bestCount && type < best)) [best, bestCount] = [type, others];
        }
        const docBest = T.docBest[k] ?? p(`d${k}=`);
        this.hasher.from(docBest).add(best).add(cap);
        this.addHashed();
        if (total > 0) this.pair(docBest, best, ownType);
      });
    }
  }

  private wordInfo(token: string): WordInfo {
    const info = this.lang === 'ar' ? arabicInfo(token, this.gazetteer) : englishInfo(token, this.gazetteer);
    info.nameEntries = info.lookupKeys.map((key) => this.gazetteer.names.get(key));
    info.namePrefixes = info.lookupKeys.map((key) => this.isNamePrefix(key));
    return info;
  }

  private sentence(words: readonly WordInfo[], doc: DocumentContext | null): void {
    const n = words.length;
    const english = this.lang === 'en';
    let shouting = false;
    if (english) {
      let caps = 0;
      for (const word of words) if (word.allCaps) caps++;
      shouting = caps > n / 2;
    }
    const at = (i: number): WordInfo => words[i] ?? (i < 0 ? this.start : this.end);
    for (let i = 0; i < n; i++) {
      const word = words[i]!;
      const before = at(i - 1);
      const after = at(i + 1);
      this.base = i * this.width;
      this.addRole(word, SELF);
      if (i === 0) this.addRole(word, FIRST);
      if (shouting) this.addRole(word, SHOUT);
      this.addRole(at(i - 2), LEFT2);
      this.addRole(before, LEFT1);
      this.addRole(after, RIGHT1);
      this.addRole(at(i + 2), RIGHT2);
      this.pair(english ? T.lPairLeft : T.nPairLeft, before.form, word.form);
      this.pair(english ? T.lPairRight : T.nPairRight, word.form, after.form);
      if (english) {
        this.hasher.from(T.ss3).add(before.shape).add('|').add(word.shape).add('|').add(after.shape);
        this.addHashed();
        if (doc && word.capitalised) {
          if (doc.seenLower.has(word.form)) this.constant(T.docLower);
          const inside = doc.seenCapitalisedInside.has(word.form);
          if (inside) this.constant(T.docCapInside);
          if ((i === 0 || shouting) && !inside) this.constant(T.docOnlyInitial);
        }
      }
    }
    this.gazetteerNames(words);
  }

  /** `g=TYPE:strength:position` for each listed name (up to MAX_NAME_TOKENS tokens) covering a token. */
  private gazetteerNames(words: readonly WordInfo[]): void {
    const names = this.gazetteer.names;
    for (let start = 0; start < words.length; start++) {
      const word = words[start]!;
      for (let k = 0; k < word.lookupKeys.length; k++) {
        let key = word.lookupKeys[k]!;
        for (let end = start; end < Math.min(words.length, start + MAX_NAME_TOKENS); end++) {
          if (end > start) key = `${key} ${words[end]!.plainKey}`;
          const entry = end === start ? word.nameEntries[k] : names.get(key);
          if (entry) {
            for (let i = start; i <= end; i++) {
              this.base = i * this.width;
              this.hasher.from(T.g).add(entry).add(start === end ? ':U' : i === start ? ':B' : i === end ? ':L' : ':I');
              this.addHashed();
            }
          }
          if (end === start ? !word.namePrefixes[k] : !this.isNamePrefix(key)) break;
        }
      }
    }
  }

  private addRole(word: WordInfo, role: number): void {
    const width = this.width;
    let roles = word.roles;
    if (roles === null) roles = word.roles = new Int32Array(ROLES * width);
    const from = role * width;
    if ((word.built & (1 << role)) === 0) {
      const target = this.target;
      const base = this.base;
      this.target = roles;
      this.base = from;
      if (this.lang === 'ar') this.arabicRole(word, role);
      else this.englishRole(word, role);
      this.target = target;
      this.base = base;
      word.built |= 1 << role;
    }
    const target = this.target;
    const base = this.base;
    for (let k = 0; k < width; k++) target[base + k]! += roles[from + k]!;
  }

  private englishRole(word: WordInfo, role: number): void {
    switch (role) {
      case SELF: {
        const { token, form } = word;
        this.constant(T.bias);
        this.feature(T.w, token);
        this.feature(T.l, form);
        this.feature(T.sh, wordShape(token).slice(0, 12));
        this.feature(T.ss, word.shape);
        this.affixes(T.prefix, T.suffix, form);
        if (/\p{Nd}/u.test(token)) this.constant(T.digit);
        if (token.includes('-')) this.constant(T.hyphen);
        this.feature(T.wc, word.cls);
        return;
      }
      case FIRST:
        this.constant(T.first);
        this.feature(T.firstShape, word.shape);
        return;
      case SHOUT:
        this.constant(T.shout);
        this.feature(T.shoutShape, word.shape);
        return;
      case LEFT2:
        this.feature(T.lLeft2, word.form);
        return;
      case LEFT1:
        this.feature(T.lLeft1, word.form);
        this.feature(T.ssLeft1, word.shape);
        this.feature(T.wcLeft1, word.cls);
        return;
      case RIGHT1:
        this.feature(T.lRight1, word.form);
        this.feature(T.ssRight1, word.shape);
        this.feature(T.wcRight1, word.cls);
        return;
      case RIGHT2:
        this.feature(T.lRight2, word.form);
        return;
    }
  }

  private arabicRole(word: WordInfo, role: number): void {
    switch (role) {
      case SELF: {
        const { token, form, shape: stem } = word;
        const withArticle = stripProclitics(form, true);
        this.constant(T.bias);
        this.feature(T.n, form);
        this.feature(T.st, stem);
        this.feature(T.sa, withArticle.stem);
        this.feature(T.cp, withArticle.prefix);
        this.affixes(T.prefix, T.suffix, form);
        this.affixes(T.stemPrefix, T.stemSuffix, stem);
        if (!isArabicWord(token)) this.feature(T.ss, shortShape(token));
        for (let k = 1; k + 3 < stem.length; k++) this.feature(T.c3, stem.slice(k, k + 3));
        this.feature(T.len, String(Math.min(form.length, 10)));
        this.feature(T.wc, word.cls);
        const lex = word.lex;
        if (lex) {
          CLUSTER_PREFIXES.forEach((n, k) => this.feature(T.cluster[k]!, lex.cluster.slice(0, n) || '-'));
          this.feature(T.fb, lex.freq);
          this.feature(T.pb, lex.person);
          this.feature(T.lb, lex.place);
          this.pair(T.fbpb, lex.freq, lex.person);
        }
        return;
      }
      case FIRST:
        this.constant(T.first);
        return;
      case SHOUT:
        return;
      case LEFT2:
        this.feature(T.nLeft2, word.form);
        return;
      case LEFT1:
        this.feature(T.nLeft1, word.form);
        this.feature(T.stLeft1, word.shape);
        this.feature(T.s2Left1, word.tail);
        this.feature(T.wcLeft1, word.cls);
        if (this.gazetteer.lexicon) {
          this.feature(T.k8Left1, word.k8);
          this.feature(T.pbLeft1, word.person);
        }
        return;
      case RIGHT1:
        if (this.gazetteer.lexicon) this.feature(T.k8Right1, word.k8);
        this.feature(T.nRight1, word.form);
        this.feature(T.stRight1, word.shape);
        this.feature(T.s2Right1, word.tail);
        this.feature(T.wcRight1, word.cls);
        return;
      case RIGHT2:
        this.feature(T.nRight2, word.form);
        return;
    }
  }

  private affixes(prefixes: readonly HashState[], suffixes: readonly HashState[], word: string): void {
    for (let n = 1; n <= 4 && n <= word.length; n++) {
      this.feature(prefixes[n - 1]!, word.slice(0, n));
      this.feature(suffixes[n - 1]!, word.slice(-n));
    }
  }

  private constant(state: HashState): void {
    this.hasher.from(state);
    this.addHashed();
  }

  private feature(prefix: HashState, part: string): void {
    this.hasher.from(prefix).add(part);
    this.addHashed();
  }

  private pair(prefix: HashState, left: string, right: string): void {
    this.hasher.from(prefix).add(left).add('|').add(right);
    this.addHashed();
  }

  /** Adds the weights of the feature in the hasher to the current target, stages from fromStage on. */
  private addHashed(): void {
    const { a, b } = this.hasher;
    const target = this.target;
    const L = this.labelCount;
    for (let s = this.fromStage; s < this.stages.length; s++) {
      const stage = this.stages[s]!;
      const row = stage.index.row(a, b);
      if (row < 0) continue;
      let mask = stage.masks[row]! | 0;
      let at = stage.offsets[row]!;
      const base = this.base + s * L;
      const values = stage.values;
      while (mask !== 0) {
        const low = mask & -mask;
        target[base + 31 - Math.clz32(low)]! += values[at++]!;
        mask ^= low;
      }
    }
  }
}

function wordClass(keys: readonly string[], gazetteer: Gazetteer): string {
  for (const key of keys) {
    const entry = gazetteer.words.get(key);
    if (entry) return entry;
  }
  return '-';
}

function englishInfo(token: string, gazetteer: Gazetteer): WordInfo {
  const form = token.toLowerCase();
  // tokenLookupKeys for English: ALL CAPS words are also looked up in title case.
  const upper = token.length > 1 && token === token.toUpperCase() && token !== form;
  const lookupKeys = upper ? [token, token[0] + token.slice(1).toLowerCase()] : [token];
  return {
    token, form, shape: shortShape(token), cls: wordClass(lookupKeys, gazetteer), tail: form.slice(-2),
    lookupKeys, plainKey: token, mentionForms: /\p{L}/u.test(token) ? [form] : [],
    startsLower: /^\p{Ll}/u.test(token), capitalised: isCapitalised(token), allCaps: isAllCaps(token),
    lex: undefined, k8: '-', person: '-', nameEntries: [], namePrefixes: [], roles: null, built: 0,
  };
}

function arabicInfo(token: string, gazetteer: Gazetteer): WordInfo {
  const form = normalizeArabic(token);
  const lookupKeys = lookupForms(form);
  const lex = gazetteer.lexicon ? arabicLexiconEntry(form, gazetteer) : undefined;
  return {
    token, form, shape: stripProclitics(form, false).stem, cls: wordClass(lookupKeys, gazetteer), tail: form.slice(-2),
    lookupKeys, plainKey: form, mentionForms: lookupKeys,
    startsLower: false, capitalised: false, allCaps: false,
    lex, k8: lex ? lex.cluster.slice(0, 8) || '-' : '-', person: lex?.person ?? '-', nameEntries: [], namePrefixes: [], roles: null, built: 0,
  };
}

interface DocumentContext {
  seenLower: Set<string>;
  seenCapitalisedInside: Set<string>;
}

/** Same as buildDocumentContext in ./features, from the cached word facts. */
function documentContext(sentences: readonly (readonly WordInfo[])[]): DocumentContext {
  const seenLower = new Set<string>();
  const seenCapitalisedInside = new Set<string>();
  for (const words of sentences) {
    let caps = 0;
    for (const word of words) if (word.allCaps) caps++;
    const shouting = caps > words.length / 2;
    words.forEach((word, i) => {
      if (word.startsLower) seenLower.add(word.token);
      else if (i > 0 && !shouting && word.capitalised && !word.allCaps) seenCapitalisedInside.add(word.form);
    });
  }
  return { seenLower, seenCapitalisedInside };
}

/** Stage-1 labels across a document: mention form -> entity type (or O) -> how many mentions. */
export type MentionPredictions = Map<string, Map<string, number>>;

export function mentionPredictions(words: readonly (readonly WordInfo[])[], labels: readonly (readonly string[])[]): MentionPredictions {
  const predictions: MentionPredictions = new Map();
  words.forEach((sentence, s) => {
    sentence.forEach((word, i) => {
      const label = labels[s]?.[i] ?? 'O';
      const type = label === 'O' ? 'O' : label.slice(2);
      for (const form of word.mentionForms) {
        let counts = predictions.get(form);
        if (!counts) predictions.set(form, (counts = new Map()));
        counts.set(type, (counts.get(type) ?? 0) + 1);
      }
    });
  });
  return predictions;
}
