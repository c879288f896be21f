/**
 * Entity spans from the statistical sequence tagger (shared/ner), read on the same tokens the
 * rules use. The tagger keeps Arabic clitics on the word (وبوتين is one token), so the first
 * token of a span is cut to the form the article or the name lists support (وكارتر -> كارتر
 * when كارتر occurs on its own; وليد stays وليد). Spans are trimmed of function words, titles
 * and punctuation, and generic nouns (المتحدث، الإرهاب) are dropped.
 */
import type { EntityType } from '../record';
import { iobToSpans } from '../ner/spans';
import type { Seed, SequenceTagger, TextUnit } from './entities-types';
import { anyForm, bareForm, matchListedName, WORDS } from './gazetteer';
import { isDefinite, isQuoteMark, type Tok } from './entities-tokens';
import { isEnglishHonorific, isEnglishTitle, isRoleWord } from './roles';
import { isCommonNonName, isNameLike, isPlaceLike, type LexiconEntry } from '../ner/lexicon';

const SENTENCE_END = /^[.!?؟…]+$/;
/** Longer runs without a full stop are cut: the tagger is linear, but its context is a sentence. */
const MAX_SENTENCE_TOKENS = 150;
const MAX_SPAN_TOKENS = 6;

const TYPES: Readonly<Record<string, EntityType>> = { PERS: 'person', PER: 'person', ORG: 'organization', LOC: 'place' };

interface Sentence {
  readonly unit: TextUnit;
  readonly offset: number;
  readonly toks: readonly Tok[];
}

function sentencesOf(units: readonly TextUnit[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const unit of units) {
    if (unit.kind === 'dateline' || unit.kind === 'credit') continue;
    let start = 0;
    unit.toks.forEach((tok, k) => {
      const full = k - start + 1 >= MAX_SENTENCE_TOKENS;
      if (SENTENCE_END.test(tok.text) || full || k === unit.toks.length - 1) {
        sentences.push({ unit, offset: start, toks: unit.toks.slice(start, k + 1) });
        start = k + 1;
      }
    });
  }
  return sentences;
}

/** Words that may not begin or end a name. */
function isEdgeNoise(tok: Tok): boolean {
  if (!tok.word || isQuoteMark(tok.text)) return true;
  if (tok.arabic) return anyForm(tok, WORDS.stop) || bareForm(tok, WORDS.time) || bareForm(tok, WORDS.speechVerb) || isRoleWord(tok);
  return WORDS.englishStop.has(tok.key) || isEnglishTitle(tok) || isEnglishHonorific(tok);
}

/** A definite nisba (التنفيذي، الأوغندي): it ends the title before a name, never starts the name. */
const isTitleAdjective = (tok: Tok): boolean => tok.arabic && isDefinite(tok.key) && /ي$/.test(tok.key);

/** Words that may not appear inside a name at all. */
function isInnerNoise(tok: Tok): boolean {
  if (/\p{N}/u.test(tok.text) || tok.key === 'الموافق') return true;
  return tok.arabic ? bareForm(tok, WORDS.speechVerb) || bareForm(tok, WORDS.time) : WORDS.englishSpeechVerb.has(tok.key);
}

/**
 * The clitic form a span's first token starts with: a stripped form before the article is
 * always right (والجيش -> الجيش); other stripped forms need support from the article (the bare
 * word occurs elsewhere) or the name lists.
 */
export function supportedForm(toks: readonly Tok[], i: number, exact: ReadonlyMap<string, number>): number {
  const tok = toks[i]!;
  if (!tok.arabic || tok.forms.length === 1) return 0;
  const listed = matchListedName(toks, i);
  if (listed) return listed.form;
  if (WORDS.givenArabic.has(tok.key)) return 0;
  // و or a preposition before the article is a clitic however often the article repeats the
  // token (والبحر الميت three times is still البحر الميت).
  for (let f = tok.forms.length - 1; f >= 1; f--) {
    const key = tok.forms[f]!.key;
    if (isDefinite(key) && key.length >= 5) return f;
  }
  if ((exact.get(tok.key) ?? 0) > 1) return 0;
  for (let f = tok.forms.length - 1; f >= 1; f--) {
    const key = tok.forms[f]!.key;
    if ((exact.get(key) ?? 0) > 0 || WORDS.givenArabic.has(key)) return f;
  }
  return 0;
}

function isGenericSingle(tok: Tok, form: number): boolean {
  const key = tok.forms[form]?.key ?? tok.key;
  if (!tok.arabic) return WORDS.englishStop.has(key);
  return WORDS.generic.has(key) || WORDS.nisba.has(key) || WORDS.time.has(key) || WORDS.stop.has(key) || key.length < 2;
}

/** What unlabeled Arabic news says of a token (the tagger's lexicon); nothing for other scripts or without a tagger. */
export function evidenceOf(tagger: SequenceTagger | undefined, tok: Tok | undefined): LexiconEntry | undefined {
  return tok?.arabic ? tagger?.wordEvidence?.(tok.text) : undefined;
}

export function nerSeeds(units: readonly TextUnit[], tagger: SequenceTagger, exact: ReadonlyMap<string, number>): Seed[] {
  const sentences = sentencesOf(units);
  if (sentences.length === 0) return [];
  const tagged = tagger.tagDocument(sentences.map((s) => s.toks.map((t) => t.text)));
  const seeds: Seed[] = [];
  sentences.forEach((sentence, s) => {
    const tags = tagged[s];
    if (!tags || tags.length !== sentence.toks.length) return;
    for (const span of iobToSpans(tags)) {
      let type = TYPES[span.type];
      if (!type) continue;
      let first = span.start;
      let last = span.end;
      // A name neither starts nor ends with a word that unlabeled news never uses as a name.
      const common = (tok: Tok): boolean => {
        const evidence = evidenceOf(tagger, tok);
        return !!evidence && isCommonNonName(evidence);
      };
      // سيزور: the future prefix on a word unlabeled news knows well without it (يزور) is a verb.
      const isFutureVerb = (tok: Tok): boolean => {
        if (!tok.arabic || !/^س[يتنا]/.test(tok.key) || tok.key.length < 5) return false;
        const rest = tagger.wordEvidence?.(tok.text.slice(1));
        return !!rest && Number(rest.freq.slice(1)) >= 2;
      };
      // Organisation names are made of common nouns (وزارة الصحة): only people's are trimmed,
      // and any one-word name dropped.
      const trim = (tok: Tok): boolean => isEdgeNoise(tok) || (type === 'person' && common(tok));
      while (first <= last && trim(sentence.toks[first]!)) first++;
      while (last >= first && (trim(sentence.toks[last]!) || (type === 'person' && isFutureVerb(sentence.toks[last]!)))) last--;
      // A person's name starts with no adjective of the title before it (الرئيس التنفيذي | …).
      while (type === 'person' && first < last && isTitleAdjective(sentence.toks[first]!)) first++;
      if (first === last && type !== 'organization' && common(sentence.toks[first]!)) continue;
      if (first === last && type === 'person') {
        const evidence = evidenceOf(tagger, sentence.toks[first]);
        if (evidence && isPlaceLike(evidence)) type = 'place';
      }
      if (type === 'person' && first <= last) {
        // Whole names: a given name, or a word unlabeled news puts where names stand, right
        // before the span starts it; a compound with الله (الحمد الله) ends after it.
        const before = sentence.toks[first - 1];
        const evidence = evidenceOf(tagger, before);
        const given = !!before && (WORDS.givenArabic.has(before.key) || (!!evidence && isNameLike(evidence))) && !isTitleAdjective(before);
        if (first === span.start && before?.arabic && given && !isEdgeNoise(before) && !isInnerNoise(before) && before.forms.length === 1) first--;
        if (sentence.toks[last + 1]?.key === 'الله' && last === span.end) last++;
      }
      if (first > last || last - first + 1 > MAX_SPAN_TOKENS) continue;
      const inner = sentence.toks.slice(first, last + 1);
      if (inner.some(isInnerNoise)) continue;
      const at = sentence.offset + first;
      const form = supportedForm(sentence.unit.toks, at, exact);
      if (first === last && isGenericSingle(inner[0]!, form)) continue;
      seeds.push({ type, unit: sentence.unit.index, first: at, last: sentence.offset + last, form, source: 'ner' });
    }
  });
  return seeds;
}
