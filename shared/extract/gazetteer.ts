/**
 * Lookups over the data files (gazetteer-*.ts): multi-word names by token keys, closed word
 * classes by key. Built once at module load; everything is keyed with textKey, so spelling
 * variants that normalisation folds (hamza forms, ة/ه, ى/ي, أميركي/أمريكي) need no entries.
 */
import type { EntityType } from '../record';
import { textKey, tokenKeys, type Tok } from './entities-tokens';
import { ORG_CUE_WORDS, ORG_NAMES, LABEL_CUE_WORDS } from './gazetteer-orgs';
import { PLACE_NAMES } from './gazetteer-places';
import { GIVEN_NAMES_ARAB, GIVEN_NAMES_COMMON_WORDS, GIVEN_NAMES_FOREIGN, GIVEN_NAMES_LATIN } from './gazetteer-names';
import {
  ARABIC_SPEECH_NOUNS,
  ARABIC_SPEECH_PARTICIPLES,
  ARABIC_SPEECH_VERBS,
  ARABIC_STOPWORDS,
  ARABIC_TIME_WORDS,
  ENGLISH_ORG_PREFIXES,
  ENGLISH_ORG_SUFFIXES,
  ENGLISH_SPEECH_VERBS,
  ENGLISH_STOPWORDS,
  GENERIC_NOUNS,
  INSTITUTION_ADJECTIVES,
  MINISTRY_DOMAINS,
  NAME_CONNECTORS,
  NISBA_STEMS,
  ORG_CONSTRUCT_HEADS,
  ORDINALS,
  ORG_DEFINITE_HEADS,
  PLACE_CUE_WORDS,
  BRAND_HEADS,
  PLACE_DEFINITE_HEADS,
  PLACE_NAME_HEADS,
} from './gazetteer-words';

export interface ListedName {
  /** One id per gazetteer line: variants of one place or organisation share it. */
  readonly id: string;
  readonly type: Extract<EntityType, 'place' | 'organization'>;
  /** The remaining token keys after the first. */
  readonly rest: readonly string[];
  /** Latin acronyms (US, WHO) match only when written exactly so. */
  readonly exact: string | null;
  readonly cue: boolean;
}

const keySet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(textKey));

function indexNames(): Map<string, ListedName[]> {
  const index = new Map<string, ListedName[]>();
  const add = (name: string, id: string, type: ListedName['type'], cue: boolean) => {
    const keys = tokenKeys(name);
    const [first, ...rest] = keys;
    if (!first) return;
    const acronym = /^[A-Z.]{2,6}$/.test(name) ? name : null;
    const list = index.get(first) ?? [];
    list.push({ id, type, rest, exact: acronym, cue });
    index.set(first, list);
  };
  PLACE_NAMES.forEach((names, line) => names.forEach((name) => add(name, `place:${line}`, 'place', false)));
  ORG_NAMES.forEach((entry, line) => entry.names.forEach((name) => add(name, `org:${line}`, 'organization', entry.cue?.includes(name) ?? false)));
  for (const list of index.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  return index;
}

const NAME_INDEX = indexNames();

const BY_FULL_KEY = new Map<string, ListedName>();
for (const [first, list] of NAME_INDEX) for (const name of list) BY_FULL_KEY.set([first, ...name.rest].join(' '), name);

/** The listed place or organisation whose name has exactly these token keys (space-joined). */
export const listedByKey = (key: string): ListedName | undefined => BY_FULL_KEY.get(key);

export interface NameMatch {
  readonly name: ListedName;
  /** Index of the form of the first token that matched (its clitics). */
  readonly form: number;
  /** Index of the last token of the match. */
  readonly last: number;
}

/** Lowercase connectors allowed inside capitalised Latin names (Bank of England). */
const LATIN_CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'du', 'al', 'el', 'bin', 'von', 'van', 'la', 'le']);

function latinShapeOk(toks: readonly Tok[], first: number, last: number, exact: string | null): boolean {
  if (exact) return toks.slice(first, last + 1).map((t) => t.text).join('') === exact.replace(/\s+/g, '');
  for (let i = first; i <= last; i++) {
    const t = toks[i];
    if (!t || t.arabic || !t.word) continue;
    if (!t.capitalised && !(i > first && LATIN_CONNECTORS.has(t.key))) return false;
  }
  return true;
}

/**
 * The longest listed place or organisation starting at token `i` (any clitic form of it) that
 * `accept` allows: a cue-only name without its cue gives way to a shorter one (روسيا in
 * `أعلنت روسيا اليوم`).
 */
export function matchListedName(toks: readonly Tok[], i: number, accept?: (name: ListedName) => boolean): NameMatch | null {
  if (accept) return longestListedName(toks, i, accept);
  if (!toks[i]) return null;
  // Every rule asks about the tokens around it: the answer for a token is kept with its unit's tokens.
  let known = MATCHES.get(toks);
  if (!known) MATCHES.set(toks, (known = new Array<NameMatch | null | undefined>(toks.length)));
  let match = known[i];
  if (match === undefined) known[i] = match = longestListedName(toks, i, ACCEPT_ANY);
  return match;
}

const ACCEPT_ANY = (): boolean => true;
/** matchListedName's answers without a filter, per token array (gone with the array). */
const MATCHES = new WeakMap<readonly Tok[], (NameMatch | null | undefined)[]>();

function longestListedName(toks: readonly Tok[], i: number, accept: (name: ListedName) => boolean): NameMatch | null {
  const tok = toks[i];
  if (!tok?.word) return null;
  let best: NameMatch | null = null;
  tok.forms.forEach((form, f) => {
    for (const name of NAME_INDEX.get(form.key) ?? []) {
      if (!accept(name)) continue;
      const last = i + name.rest.length;
      if (best && last <= best.last) continue;
      if (!name.rest.every((key, k) => toks[i + 1 + k]?.key === key)) continue;
      if (!tok.arabic && !latinShapeOk(toks, i, last, name.exact)) continue;
      best = { name, form: f, last };
    }
  });
  return best;
}

const NISBA = new Set<string>(NISBA_STEMS.flatMap((stem) => {
  const key = textKey(stem);
  return ['ال' + key, 'ال' + key + 'ه'];
}));
const FEMININE_NISBA = new Set([...NISBA].filter((k) => k.endsWith('ه')));
/** Indefinite nisbas (رئيس أمريكي، وفد تركي): adjectives, never names. */
const INDEFINITE_NISBA = new Set<string>(NISBA_STEMS.flatMap((stem) => [textKey(stem), textKey(stem) + 'ه']));

export const WORDS = {
  nisba: NISBA as ReadonlySet<string>,
  feminineNisba: FEMININE_NISBA as ReadonlySet<string>,
  indefiniteNisba: INDEFINITE_NISBA as ReadonlySet<string>,
  institutionAdjective: keySet(INSTITUTION_ADJECTIVES),
  orgConstructHead: keySet(ORG_CONSTRUCT_HEADS),
  orgDefiniteHead: keySet(ORG_DEFINITE_HEADS),
  ministryDomain: keySet(MINISTRY_DOMAINS),
  orgCue: keySet(ORG_CUE_WORDS),
  labelCue: keySet(LABEL_CUE_WORDS),
  placeCue: keySet(PLACE_CUE_WORDS),
  placeHead: keySet(PLACE_NAME_HEADS),
  brandHead: keySet(BRAND_HEADS),
  placeDefiniteHead: keySet(PLACE_DEFINITE_HEADS),
  ordinal: keySet(ORDINALS),
  stop: keySet(ARABIC_STOPWORDS),
  time: keySet(ARABIC_TIME_WORDS),
  generic: keySet(GENERIC_NOUNS),
  speechVerb: keySet(ARABIC_SPEECH_VERBS),
  speechNoun: keySet(ARABIC_SPEECH_NOUNS),
  speechParticiple: keySet(ARABIC_SPEECH_PARTICIPLES),
  englishSpeechVerb: keySet(ENGLISH_SPEECH_VERBS),
  englishStop: keySet(ENGLISH_STOPWORDS),
  englishOrgSuffix: keySet(ENGLISH_ORG_SUFFIXES),
  englishOrgPrefix: keySet(ENGLISH_ORG_PREFIXES),
  nameConnector: keySet(NAME_CONNECTORS),
  /** Given names in Arabic script that open a name on their own (Arab and foreign). */
  givenArabic: keySet([...GIVEN_NAMES_ARAB, ...GIVEN_NAMES_FOREIGN]),
  /** Arab given names, after which an ال family name may follow. */
  givenArab: keySet(GIVEN_NAMES_ARAB),
  /** Given names that are ordinary words too: given names only right after a title. */
  givenAfterTitle: keySet(GIVEN_NAMES_COMMON_WORDS),
  givenLatin: keySet(GIVEN_NAMES_LATIN),
} as const;

/** True when any clitic form of the token is in the set. */
export const anyForm = (tok: Tok | undefined, set: ReadonlySet<string>): boolean => !!tok && tok.forms.some((f) => set.has(f.key));

/** True when the bare token or its form without و/ف is in the set (not after a preposition). */
export const bareForm = (tok: Tok | undefined, set: ReadonlySet<string>): boolean =>
  !!tok && tok.forms.some((f) => set.has(f.key) && (f.cut === 0 || (f.cut === 1 && 'وف'.includes(tok.key[0] ?? ''))));

/** A definite country or group adjective (الروسي، الأمريكية). */
export const isNisba = (tok: Tok | undefined): boolean => !!tok && WORDS.nisba.has(tok.key);
