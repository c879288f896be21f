/**
 * Who said a quote. In order:
 * 1. after the quote: `“…”، قال X`, `"…," he said`, `"…," said X`, `"…," X said`;
 * 2. the nearest speech cue before it in the paragraph: a speech verb and its subject, written
 *    after it in Arabic (وقالت وزارة الخارجية الروسية في بيان لها “…”، صرح المتحدث باسمها بيتر
 *    كوك بأن “…”) and before it in English (`X said: "…"`); a speech noun right after its
 *    speaker (عن زاخاروفا قولها “…”); a role noun as subject (وقال المتحدث …) is the person last
 *    mentioned with that role and the words written with it, or the name set after the subject
 *    between commas (قال الرئيس التركي، رجب طيب أردوغان، إن); a role nobody was named with speaks
 *    as written (أعلن وزير النقل الأسترالي), or by the untagged name ending it; a quoted subject
 *    (قالت وكالة «سانا» إن) and a statement's issuer (قال بيان للمرصد) speak. A verb without a
 *    subject (وقال إن “…”) or a participle (قائلا، مضيفا) takes the subject of an earlier cue,
 *    else the person named last in this paragraph, else the subject of the paragraph before (a
 *    feminine verb prefers an organisation of the paragraph, a plural one has no single
 *    speaker); a continuing verb (وتابع) whose subject names nobody goes on with the speaker
 *    before. A written subject that is neither (وقال مصدر …) speaks as written;
 * 3. a quote opening its paragraph belongs to the last speech cue of the paragraph before
 *    (وقال بيسكوف … ..  / “…”).
 */
import type { EntityMention, TextUnit } from './entities-types';
import { anyForm, bareForm, WORDS } from './gazetteer';
import { ORG_CONSTRUCT_HEADS, ORG_DEFINITE_HEADS } from './gazetteer-words';
import { formSurface, isDefinite, isQuoteMark, textKey, type Tok } from './entities-tokens';
import { countEndingBy, firstStartingAfter, partitionPoint, tokenAt } from './offsets';
import { lookupAgency } from './agencies';
import { isHonorific, roleHeadForm } from './roles';
import { charge } from './work';

export interface Attribution {
  readonly speaker: string | null;
  readonly speakerType: 'person' | 'organization' | null;
  readonly verb: string | null;
}

/** Where the previous quote of the story stands and who said it: a verb with no subject continues it. */
export interface PreviousQuote {
  readonly attribution: Attribution;
  readonly unit: number;
  readonly close: number;
}

export const NO_SPEAKER: Attribution = { speaker: null, speakerType: null, verb: null };

/** Words after which the subject of a verb is over: أن، إن، بأن, that. */
const COMPLEMENTIZERS = new Set(['ان', 'بان', 'انه', 'انها', 'لان', 'that'].map(textKey));
const PERSON_PRONOUNS = new Set(['he', 'she']);
const SUBJECT_REACH = 20;

type Speaking = EntityMention & { readonly type: 'person' | 'organization' };
const isSpeaker = (m: EntityMention): m is Speaking => m.type === 'person' || m.type === 'organization';

export interface SpeakerContext {
  readonly units: readonly TextUnit[];
  /** Mentions of people and organisations by unit, in text order, none inside a quotation. */
  readonly byUnit: ReadonlyMap<number, readonly Speaking[]>;
  /** People mentioned with a role written before them, in document order. */
  readonly withRole: readonly Speaking[];
  /**
   * The same mentions indexed so that every question a quote asks costs a lookup, not a scan of
   * the paragraph (a paragraph of thousands of quotes asks thousands of times): by unit and
   * type, by unit and end offset, and people by the first word of their role (exact and bare).
   */
  readonly byType: ReadonlyMap<number, Readonly<Record<Speaking['type'], readonly Speaking[]>>>;
  readonly byEnd: ReadonlyMap<number, ReadonlyMap<number, readonly Speaking[]>>;
  readonly byRoleHead: ReadonlyMap<string, readonly Speaking[]>;
  readonly byBareRoleHead: ReadonlyMap<string, readonly Speaking[]>;
  /**
   * Tokens the document's look-backs (a role's person, a definite noun's first mention) may
   * still read: a fixed budget per document, so a file of thousands of `وأضاف المصدر “…”`
   * costs no more than a story does.
   */
  readonly lookBack: { left: number };
  /** The names of the people and organisations mentioned (a subject that is none of them only describes someone). */
  readonly speakerNames: ReadonlySet<string>;
  /** The speaker of each paragraph's last speech cue, once asked (a verb with no subject looks one paragraph back). */
  readonly lastCue: Map<number, Attribution | null>;
}

/** الناطق / ناطقه / الناطقة compare equal: without the article and the feminine ending. */
const bareHead = (k: string) => k.replace(/^ال/, '').replace(/ه$/, '');

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function speakerContext(units: readonly TextUnit[], mentions: readonly EntityMention[]): SpeakerContext {
  const byUnit = new Map<number, Speaking[]>();
  const withRole: Speaking[] = [];
  const byType = new Map<number, Record<Speaking['type'], Speaking[]>>();
  const byEnd = new Map<number, Map<number, Speaking[]>>();
  const byRoleHead = new Map<string, Speaking[]>();
  const byBareRoleHead = new Map<string, Speaking[]>();
  const ordered = [...mentions].sort((a, b) => a.unit - b.unit || a.start - b.start);
  for (const m of ordered) {
    if (!isSpeaker(m)) continue;
    push(byUnit, m.unit, m);
    let types = byType.get(m.unit);
    if (!types) byType.set(m.unit, (types = { person: [], organization: [] }));
    types[m.type].push(m);
    let ends = byEnd.get(m.unit);
    if (!ends) byEnd.set(m.unit, (ends = new Map()));
    push(ends, m.end, m);
    if (m.type === 'person' && m.role) {
      withRole.push(m);
      const head = textKey(m.role.split(/\s+/)[0] ?? '');
      push(byRoleHead, head, m);
      push(byBareRoleHead, bareHead(head), m);
    }
  }
  return { units, byUnit, withRole, byType, byEnd, byRoleHead, byBareRoleHead, lookBack: { left: LOOK_BACK_BUDGET }, lastCue: new Map(), speakerNames: new Set(ordered.filter(isSpeaker).map((m) => m.name)) };
}

const inUnit = (ctx: SpeakerContext, unit: number): readonly Speaking[] => ctx.byUnit.get(unit) ?? [];
/** Mentions of a unit that end at `end`, in text order. */
const endingAt = (ctx: SpeakerContext, unit: number, end: number | undefined): readonly Speaking[] => (end === undefined ? [] : ctx.byEnd.get(unit)?.get(end) ?? []);

/**
 * The last item of a list in document order that ends at or before `offset` of `unit` (or lies
 * in an earlier unit): a binary search on the start, then back over the few that straddle it.
 */
function lastBefore(list: readonly Speaking[], unit: number, offset: number): Speaking | null {
  for (let i = partitionPoint(list, (m) => m.unit < unit || (m.unit === unit && m.start < offset)) - 1; i >= 0; i--) {
    charge(1);
    const m = list[i]!;
    if (m.unit < unit || m.end <= offset) return m;
  }
  return null;
}

/** Speech verbs and participles news uses that the shared lexicon (gazetteer-words.ts) lacks. */
const MORE_SPEECH_VERBS = new Set(
  ['نوه', 'نوهت', 'استدرك', 'استدركت', 'بينت', 'حث', 'حثت', 'يرى', 'ترى', 'يعتبر', 'تعتبر', 'تشير', 'تضيف', 'يتابع', 'تتابع', 'يشدد', 'تشدد', 'توضح', 'يلفت', 'تلفت'].map(textKey),
);
const MORE_SPEECH_PARTICIPLES = new Set(
  ['مبينا', 'مبينة', 'منوها', 'منوهة', 'معلقا', 'معلقة', 'متابعا', 'متابعة', 'مستدركا', 'مستدركة', 'محذرا', 'محذرة', 'مختتمة', 'مردفة', 'مستطردة', 'مطالبا', 'مطالبة', 'داعيا', 'داعية'].map(textKey),
);
const isSpeechVerb = (tok: Tok | undefined): boolean => {
  if (!tok) return false;
  if (!tok.arabic) return WORDS.englishSpeechVerb.has(tok.key) && tok.key !== 'according';
  if (bareForm(tok, WORDS.speechVerb)) return true;
  return bareForm(tok, MORE_SPEECH_VERBS);
};
const isSpeechNoun = (tok: Tok | undefined): boolean => !!tok?.arabic && bareForm(tok, WORDS.speechNoun);
/** قائلا، مضيفا، بالقول: speech continued by whoever the sentence is about. */
const isSpeechParticiple = (tok: Tok | undefined): boolean => !!tok?.arabic && (bareForm(tok, WORDS.speechParticiple) || bareForm(tok, MORE_SPEECH_PARTICIPLES));
/** `نقل … عن X`، `بحسب X`، `وفق X`: the speaker is the source after the word, not a subject. */
const TRANSMITTING_VERBS = new Set(['نقل', 'نقلت', 'ينقل', 'تنقل'].map(textKey));
const ACCORDING_TO = new Set(['بحسب', 'حسب', 'وفق', 'وفقا'].map(textKey));
const isAccordingTo = (tok: Tok | undefined): boolean => !!tok?.arabic && bareForm(tok, ACCORDING_TO);
const WORD_QAWL = textKey('القول');
/** Words after which a speech verb's form is its verbal noun (عدم ذكر، عن ذكر، بعد إعلان). */
const NOUN_GOVERNORS = new Set(['عدم', 'عن', 'بعد', 'قبل', 'من', 'في', 'على', 'الى', 'حول', 'دون', 'بدون', 'خلال'].map(textKey));

/** قالت، أضافت، تقول: a feminine form of a speech verb. */
function isFeminine(tok: Tok): boolean {
  return tok.arabic && tok.forms.some((f) => (f.key.endsWith('ت') && WORDS.speechVerb.has(f.key.slice(0, -1))) || (f.key.startsWith('ت') && WORDS.speechVerb.has('ي' + f.key.slice(1))));
}

/** The verb as written, without a leading conjunction (وقال -> قال). */
function verbText(tok: Tok): string {
  const form = tok.forms.find((f) => f.cut <= 1 && (WORDS.speechVerb.has(f.key) || WORDS.speechNoun.has(f.key) || WORDS.speechParticiple.has(f.key)));
  return form ? formSurface(tok, form).text : tok.text;
}

const found = (m: Speaking, verb: Tok | null): Attribution => ({ speaker: m.name, speakerType: m.type, verb: verb ? verbText(verb) : null });

function mentionsIn(ctx: SpeakerContext, unit: number, from: number, to: number): Speaking[] {
  const list = inUnit(ctx, unit);
  const within: Speaking[] = [];
  for (let i = partitionPoint(list, (m) => m.start < from); i < list.length && list[i]!.start < to; i++) {
    charge(1);
    if (list[i]!.end <= to) within.push(list[i]!);
  }
  return within;
}

/** The last person (or organisation) mentioned before an offset, looking back up to three units. */
function lastMentionBefore(ctx: SpeakerContext, unit: number, offset: number, type: 'person' | 'organization'): Speaking | null {
  for (let u = unit; u >= 0 && unit - u <= 3; u--) {
    const list = ctx.byType.get(u)?.[type] ?? [];
    const m = u < unit ? list.at(-1) : lastBefore(list, unit, offset);
    if (m) return m;
  }
  return null;
}

/**
 * `وقال المتحدث`: the person last mentioned with that role (المتحدث الرسمي باسم …), whose role
 * holds the words written after the head (`رئيس الوزراء` is not `الرئيس الأمريكي`).
 */
function personByRole(ctx: SpeakerContext, unit: number, offset: number, head: string, modifiers: readonly string[] = []): Speaking | null {
  const m = lastBefore(ctx.byRoleHead.get(head) ?? [], unit, offset) ?? lastBefore(ctx.byBareRoleHead.get(bareHead(head)) ?? [], unit, offset);
  return m && roleAgrees(m.role, modifiers) ? m : null;
}

const SPOKESPERSON = new Set(['المتحدث', 'المتحدثه', 'متحدث', 'متحدثه', 'الناطق', 'الناطقه', 'ناطق', 'ناطقه']);

/**
 * True when nothing names the subject of the speech verb at token v (وقال إن…, وقال: “…”,
 * وصرح للصحافيين): the speaker is then whoever was speaking before. A verb followed by words
 * that are not a known name (قالت آيمي كلوبوشار …) has a subject, just not one we know.
 */
function hasNoSubject(unit: TextUnit, v: number): boolean {
  const toks = unit.toks;
  let k = v + 1;
  while (k - v <= SUBJECT_REACH && toks[k]?.arabic && bareForm(toks[k], WORDS.time)) k++;
  if (!toks[v]?.arabic) {
    // English names the subject first: `The spokeswoman said` has one, `…," he said` and `and said` lean on an earlier one.
    const previous = toks[v - 1];
    return !previous || (!previous.word && previous.text !== ',') || /^(and|but|also|then|he|she)$/.test(previous.key);
  }
  const next = toks[k];
  if (!next || !next.word || isQuoteMark(next.text)) return true;
  if (next.forms.some((f) => COMPLEMENTIZERS.has(f.key))) return true;
  return anyForm(next, WORDS.stop) || (next.key.startsWith('ل') && next.forms.length > 1) || bareForm(next, WORDS.speechParticiple);
}

/** Stop words that may sit between a verb and its subject inside a role (المتحدث باسم…، السفير لدى…). */
const SUBJECT_LINKS = new Set(['في', 'لدى', 'عن', 'باسم'].map(textKey));

/** True where the subject of a verb can no longer be: أن/إن, a colon, a quote, another verb, a function word. */
function endsSubject(tok: Tok): boolean {
  if (isQuoteMark(tok.text) || /^[:,،.؛;]$/.test(tok.text) || isSpeechVerb(tok)) return true;
  if (tok.forms.some((f) => COMPLEMENTIZERS.has(f.key))) return true;
  return tok.arabic && anyForm(tok, WORDS.stop) && !anyForm(tok, SUBJECT_LINKS);
}

/** The subject written after a speech verb at token v, before offset `limit`. */
function subjectAfter(ctx: SpeakerContext, unit: TextUnit, v: number, limit: number): Attribution | null {
  const toks = unit.toks;
  const verb = toks[v]!;
  // `ونقل موقع "السومرية نيوز" عن المصدر`: the source after عن speaks, not the medium.
  if (verb.arabic && bareForm(verb, TRANSMITTING_VERBS)) {
    const source = sourceAfterAn(ctx, unit, v, limit);
    if (source) return source;
  }
  const quoted = quotedSubject(ctx, unit, v, limit);
  if (quoted) return quoted;
  // `وقال لـ"الرياض" المهندس فلان`: whom it was said to, in quotation marks, comes before the subject.
  const s = verb.arabic ? addresseeEnd(unit, v, limit) : v;
  let end = s + 1;
  while (end < toks.length && end - s <= SUBJECT_REACH && toks[end]!.start < limit && !endsSubject(toks[end]!)) end++;
  charge(end - s);
  const to = Math.min(end < toks.length ? toks[end]!.start : unit.text.length, limit);
  // لفرانس برس، للصحفيين: who was spoken to, not who spoke.
  const addressed = (m: Speaking) => {
    const tok = toks[tokenAt(toks, m.start)];
    return !!tok && tok.arabic && unit.text.slice(tok.start, m.start).includes('ل');
  };
  const candidates = mentionsIn(ctx, unit.index, toks[s]!.end, to).filter((m) => !addressed(m) && !HONORIFIC_PRONOUNS.has(textKey(m.name)));
  // English `said AOL chief executive Jonathan Miller`: the name that ends the subject; Arabic puts it first.
  const person = verb.arabic ? candidates.find((m) => m.type === 'person') : candidates.findLast((m) => m.type === 'person');
  if (person) return found(person, verb);
  const written = (a: Attribution | null): Attribution | null => (a ? { ...a, verb: verbText(verb) } : null);
  if (verb.arabic) {
    // `وقال بيان للمرصد`، `أفاد بيان صادر عن الوزارة`: a statement speaks for whoever issued it.
    const statement = toks[s + 1];
    if (statement?.arabic && STATEMENT_NOUNS.has(statement.key)) {
      const issuer = mentionsIn(ctx, unit.index, statement.end, to)[0];
      if (issuer) return found(issuer, verb);
    }
    // `قالت مفوضة الأمم المتحدة لحقوق الإنسان، ميشيل باشليت، إن`: the person set after the subject.
    const apposed = apposition(ctx, unit, end, limit, false);
    if (apposed) return { ...apposed, verb: verbText(verb) };
  }
  // وقال المتحدث (باسم …) with no name: the person last named with that role, else the body.
  const next = toks[s + 1];
  const head = roleHeadForm(next);
  if (next && head >= 0) {
    // `قال وزير الخارجية الإماراتي، أنور قرقاش، إن`: the name set after the role between commas.
    const apposed = apposition(ctx, unit, end, limit, true);
    if (apposed) return { ...apposed, verb: verbText(verb) };
    const modifiers = roleModifiers(unit, s + 1, end);
    const byRole = personByRole(ctx, unit.index, next.start, next.forms[head]!.key, modifiers);
    if (byRole) return found(byRole, verb);
    const namedAfter = personNamedAfterRole(ctx, unit, s + 1, end);
    if (namedAfter) return { ...namedAfter, verb: verbText(verb) };
    // `وأضاف المدرب الألماني`: a definite role with nothing after it but adjectives stands for
    // someone already named: the person of that role, else the person named last.
    if (isDefinite(next.forms[head]!.key) && modifiers.every((k) => isDefinite(k))) {
      const referent = personByRole(ctx, unit.index, next.start, next.forms[head]!.key, []) ?? lastMentionBefore(ctx, unit.index, verb.start, 'person');
      if (referent) return found(referent, verb);
    }
    // An unnamed spokesman speaks for the body named after him; any other role speaks as written
    // (`أعلن وزير النقل الأسترالي`), or by the name that ends it (`الباحث باولو جاستي`).
    if (!SPOKESPERSON.has(next.forms[head]!.key)) return written(writtenSubject(unit, s, end));
  }
  // `كشف مصدر في وزارة الداخلية`: words before the body named are the subject; the body is theirs.
  const firstWord = toks[s + 1];
  if (candidates[0] && firstWord && candidates[0].start > firstWord.start && firstWord.arabic) {
    const subject = writtenSubject(unit, s, end);
    if (subject) return written(subject);
  }
  if (candidates[0]) return found(candidates[0], verb);
  // `وقال سعادته`, `he said`: the person spoken of last.
  if ((!verb.arabic && PERSON_PRONOUNS.has(next?.key ?? '')) || (next?.arabic && HONORIFIC_PRONOUNS.has(next.key))) {
    const last = lastMentionBefore(ctx, unit.index, verb.start, 'person');
    if (last) return found(last, verb);
  }
  return written(writtenSubject(unit, s, end));
}

/**
 * `وقال لـ"الاقتصادية" صالح العواجي`: the index of the closing mark of a quoted addressee right
 * after the verb at token v (the subject starts after it), else v.
 */
function addresseeEnd(unit: TextUnit, v: number, limit: number): number {
  const toks = unit.toks;
  const to = toks[v + 1];
  // `قال لي والد عهد`: a pronoun spoken to.
  if (to?.arabic && OBJECT_PRONOUNS.has(to.key)) return v + 1;
  if (!to || !/^ل(ـ)?$/.test(to.text) || !isQuoteMark(toks[v + 2]?.text ?? '')) return v;
  for (let k = v + 3; k < toks.length && k - v <= 8 && toks[k]!.start < limit; k++) {
    if (isQuoteMark(toks[k]!.text)) return k;
  }
  return v;
}

/** The content words of a role after its head (`رئيس الوزراء الإسرائيلي` -> الوزراء، الإسرائيلي), up to `end`. */
function roleModifiers(unit: TextUnit, headAt: number, end: number): string[] {
  const words: string[] = [];
  for (let k = headAt + 1; k < end && words.length < ROLE_WORDS; k++) {
    const t = unit.toks[k]!;
    if (!t.arabic || !t.word || anyForm(t, WORDS.stop) || bareForm(t, WORDS.time) || endsWrittenSubject(t, unit.toks[k + 1])) break;
    words.push(t.key);
  }
  return words;
}

/** Whether every modifier written with a role (without the article) is in the role a person was named with. */
function roleAgrees(role: string | null | undefined, modifiers: readonly string[]): boolean {
  if (modifiers.length === 0) return true;
  const words = new Set(textKey(role ?? '').split(/\s+/).map((w) => w.replace(/^ال/, '')));
  return modifiers.every((k) => words.has(k.replace(/^ال/, '')));
}

/** Names are at most this many words when nothing but the text's shape says they are names. */
const NAME_WORDS = 4;

/**
 * `الرئيس التركي، رجب طيب أردوغان، …`: after a role subject ending at token `end` with a comma,
 * the person named right after it, or two to four words that no article, function word or role
 * begins, closed by a comma or أن/إن: the name as written.
 */
function apposition(ctx: SpeakerContext, unit: TextUnit, end: number, limit: number, writtenName: boolean): Attribution | null {
  const toks = unit.toks;
  if (!/^[,،]$/.test(toks[end]?.text ?? '')) return null;
  const first = toks[end + 1];
  if (!first || first.start >= limit) return null;
  const named = mentionsIn(ctx, unit.index, first.start, limit).find((m) => m.start === first.start && m.type === 'person');
  if (named) return found(named, null);
  if (!writtenName) return null;
  const words = nameWords(toks, end + 1, limit);
  const after = toks[end + 1 + words];
  if (words < 2 || !after || !(/^[,،]$/.test(after.text) || after.forms.some((f) => COMPLEMENTIZERS.has(f.key)))) return null;
  return { speaker: unit.text.slice(first.start, toks[end + words]!.end), speakerType: 'person', verb: null };
}

/**
 * How many tokens from k on look like the words of a name nothing else names: no article, no
 * function word, no role, and none of what stands between commas beside a subject instead of a
 * name (`الوزير، متحدثا للصحفيين، إن`): a speech participle, an accusative adverbial, a
 * preposition or a word carrying one, a word of time.
 */
function nameWords(toks: readonly Tok[], k: number, limit: number): number {
  let n = 0;
  while (n <= NAME_WORDS && k + n < toks.length && toks[k + n]!.start < limit) {
    const t = toks[k + n]!;
    if (!t.arabic || !t.word || isDefinite(t.key) || anyForm(t, WORDS.stop) || bareForm(t, WORDS.time) || roleHeadForm(t) >= 0 || isSpeechVerb(t) || anyForm(t, WORDS.orgCue)) break;
    if (ORGANISATION_HEADS.has(t.key) || STATEMENT_NOUNS.has(t.key) || t.forms.some((f) => COMPLEMENTIZERS.has(f.key))) break;
    if (isSpeechParticiple(t) || isAccusativeAdverbial(t) || isPrepositional(t)) break;
    n++;
  }
  return n > NAME_WORDS ? 0 : n;
}

/**
 * متحدثا، مبتسما، ضاحكا، صباحاً: an indefinite accusative (a participle or adverb of manner or
 * time), never a name: ending in ـًا, or in ـا with a participle's shape (مُفعِل، فاعِل). A
 * known given name ending in ـا (ماريا، ناديا) stays a name.
 */
function isAccusativeAdverbial(t: Tok): boolean {
  if (!t.arabic || !t.key.endsWith('ا') || t.key.length < 4 || anyForm(t, WORDS.givenArabic)) return false;
  if (t.text.includes('\u064B')) return true;
  const stem = t.forms.find((f) => f.cut === 0 || (f.cut === 1 && 'وف'.includes(t.key[0] ?? '')))!.key;
  return stem.startsWith('م') || (stem.length === 5 && stem[1] === 'ا');
}

/** في، أمام، لـ، بـ as a word, or a preposition written onto a definite noun (للصحفيين، بالقول، كالعادة). */
function isPrepositional(t: Tok): boolean {
  if (!t.arabic) return false;
  if (/^[لبك]ـ?$/.test(t.text) || anyForm(t, WORDS.stop) || PREPOSITIONS.has(t.key)) return true;
  return t.forms.some((f) => f.cut > 0 && isDefinite(f.key) && !(f.cut === 1 && 'وف'.includes(t.key[0] ?? '')));
}

/**
 * `وقالت "كونا"`، `قالت وكالة «سانا» إن`، `وقال "مرصد المياه" في تقريره: "…"`: a subject written
 * in quotation marks right after the verb (or after a body's class word): a known name, an
 * agency, or any short quoted name that what the subject said follows (أن/إن، عن، a colon, a quote).
 */
function quotedSubject(ctx: SpeakerContext, unit: TextUnit, v: number, limit: number): Attribution | null {
  const toks = unit.toks;
  // The class word as written (وكالة، صحيفة), not one spoken to (قال لموقع "…").
  const cue = !!toks[v + 1]?.arabic && WORDS.orgCue.has(toks[v + 1]!.key);
  const name = quotedName(toks, cue ? v + 2 : v + 1, limit);
  if (!name) return null;
  const named = mentionsIn(ctx, unit.index, toks[name.open]!.end, toks[name.close]!.start)[0];
  if (named) return found(named, toks[v]!);
  const text = unit.text.slice(toks[name.open + 1]!.start, toks[name.close - 1]!.end);
  const subject = cue || lookupAgency(text, { quoted: true }) || (toks[v]!.arabic && saidFollows(toks, name.close));
  return subject ? { speaker: text, speakerType: 'organization', verb: verbText(toks[v]!) } : null;
}

/** Token indices of a quotation of at most five words opening at token o and closing before `limit`. */
function quotedName(toks: readonly Tok[], o: number, limit: number): { open: number; close: number } | null {
  const open = toks[o];
  if (!open || !isQuoteMark(open.text) || open.start >= limit) return null;
  let close = o + 1;
  while (close < toks.length && close - o <= 6 && !isQuoteMark(toks[close]!.text)) close++;
  const closing = toks[close];
  if (!closing || !isQuoteMark(closing.text) || close === o + 1 || closing.end > limit) return null;
  return { open: o, close };
}

/**
 * After a quoted subject comes what it said: أن/إن, عن, a colon or a quotation, straight away or
 * after words about the subject (`"مكتب مفوض المعلومات" المكلف بحماية البيانات، "إن …"`). A
 * comma or a participle straight after the marks (`قال "لا أعرف"، مضيفا أن`) ends a quotation
 * instead, and so does a preposition or adverb before any word describing the subject (`قال "لن
 * نستسلم" في إشارة إلى أن`): that أن opens a later clause about the quote, not the subject's words.
 */
function saidFollows(toks: readonly Tok[], close: number): boolean {
  const said = (t: Tok) => /^[:：]$/.test(t.text) || t.forms.some((f) => COMPLEMENTIZERS.has(f.key)) || t.key === WORD_AN;
  const first = toks[close + 1];
  if (!first || said(first)) return !!first;
  if (!first.word || isSpeechParticiple(first)) return false;
  // Only a definite word describing the subject (المكلف، الرسمي) may carry its own complements (بحماية …، في …).
  let described = false;
  for (let k = close + 1; k < toks.length && k - close <= 10; k++) {
    const t = toks[k]!;
    if (k > close + 1 && (said(t) || isQuoteMark(t.text))) return true;
    if (/^[.!?؟]$/.test(t.text) || isSpeechVerb(t) || isSpeechParticiple(t)) return false;
    if (!t.word) continue;
    if (isPrepositional(t) || bareForm(t, WORDS.time) || isAccusativeAdverbial(t)) {
      if (!described) return false;
    } else if (t.arabic && isDefinite(t.key)) described = true;
  }
  return false;
}

/**
 * True when the quotation whose opening mark is token o is the quoted subject of the speech verb
 * right before it (a name, not a quote).
 */
export function isQuotedSubject(unit: TextUnit, o: number): boolean {
  const toks = unit.toks;
  const verb = toks[o - 1];
  if (!verb?.arabic || !isSpeechVerb(verb)) return false;
  const name = quotedName(toks, o, unit.text.length);
  return !!name && saidFollows(toks, name.close);
}

/** `ونقل موقع … عن المصدر القول إن "…"`: who is quoted is the source after عن, not the one passing it on. */
function sourceAfterAn(ctx: SpeakerContext, unit: TextUnit, v: number, limit: number): Attribution | null {
  const toks = unit.toks;
  for (let a = v + 1; a < toks.length && a - v <= SUBJECT_REACH + 10 && toks[a]!.start < limit; a++) {
    charge(1);
    const t = toks[a]!;
    if (t.forms.some((f) => COMPLEMENTIZERS.has(f.key)) || /^[.:؛;]$/.test(t.text)) return null;
    if (t.key !== WORD_AN) continue;
    let end = a + 1;
    while (end < toks.length && end - a <= SUBJECT_REACH && toks[end]!.start < limit && !endsSubject(toks[end]!)) end++;
    const source = subjectAfter(ctx, unit, a, limit) ?? writtenSubject(unit, a, end);
    return source ? { ...source, verb: verbText(toks[v]!) } : null;
  }
  return null;
}

/**
 * `وأضاف الرئيس السوري`: the person the text named right after the same role words earlier
 * (`ظهر الرئيس السوري بشار الأسد …`), looking back a few paragraphs.
 */
function personNamedAfterRole(ctx: SpeakerContext, unit: TextUnit, from: number, end: number): Attribution | null {
  const role: string[] = [];
  for (let k = from; k < end && role.length < ROLE_WORDS; k++) {
    const t = unit.toks[k]!;
    if (!t.arabic || !t.word || (role.length > 0 && endsWrittenSubject(t, unit.toks[k + 1]))) break;
    role.push(role.length === 0 ? t.forms.find((f) => f.cut <= 1 && roleHeadForm(t) >= 0)?.key ?? t.key : t.key);
  }
  if (role.length === 0) return null;
  let budget = LOOK_BACK_TOKENS;
  for (let u = unit.index; u >= 0 && unit.index - u <= LOOK_BACK_UNITS && budget > 0; u--) {
    const toks = ctx.units[u]?.toks ?? [];
    const upTo = u === unit.index ? from : toks.length;
    for (let k = Math.min(upTo, toks.length) - role.length; k >= 0 && budget > 0 && spend(ctx); k--, budget--) {
      if (!role.every((key, j) => toks[k + j]!.forms.some((f) => f.key === key))) continue;
      const next = toks[k + role.length];
      const person = next ? mentionsIn(ctx, u, next.start, next.start + 80).find((m) => m.type === 'person' && m.start === next.start) : undefined;
      if (person) return found(person, null);
      // `رئيس الوزراء البلجيكي، شارل ميشيل،`: the name may stand after a comma.
      const apposed = ctx.units[u] ? apposition(ctx, ctx.units[u]!, k + role.length, ctx.units[u]!.text.length, true) : null;
      if (apposed) return apposed;
    }
  }
  return null;
}

const ROLE_WORDS = 4;
const LOOK_BACK_UNITS = 6;
const LOOK_BACK_TOKENS = 1_500;
const LOOK_BACK_BUDGET = 20_000;

/** Takes one token from the document's look-back budget; false when it is spent. */
function spend(ctx: SpeakerContext): boolean {
  if (ctx.lookBack.left <= 0) return false;
  ctx.lookBack.left--;
  charge(1);
  return true;
}

/**
 * `وأضاف المصدر` after `كشف مصدر في وزارة الداخلية …`: a definite noun alone as the speaker
 * stands for the indefinite subject it took up, as the text first wrote it.
 */
function antecedent(ctx: SpeakerContext, unit: TextUnit, offset: number, said: Attribution): Attribution {
  const key = said.speaker ? textKey(said.speaker) : '';
  if (!key.startsWith('ال') || /\s/.test(key) || key.length < 4) return said;
  const noun = key.slice(2);
  if (STATEMENT_NOUNS.has(noun)) return issuer(ctx, unit, offset, noun, said);
  let budget = LOOK_BACK_TOKENS;
  for (let u = unit.index; u >= 0 && unit.index - u <= LOOK_BACK_UNITS && budget > 0; u--) {
    const earlier = ctx.units[u];
    const toks = earlier?.toks ?? [];
    const upTo = u === unit.index ? partitionPoint(toks, (t) => t.start < offset) : toks.length;
    for (let k = upTo - 1; k >= 1 && budget > 0 && spend(ctx); k--, budget--) {
      if (toks[k]!.key !== noun || !(isSpeechVerb(toks[k - 1]) || toks[k - 1]!.key === WORD_AN)) continue;
      let end = k;
      while (end < toks.length && end - k <= SUBJECT_REACH && !endsSubject(toks[end]!)) end++;
      const first = earlier ? writtenSubject(earlier, k - 1, end) : null;
      if (first?.speaker && textKey(first.speaker).startsWith(noun)) return { ...first, verb: said.verb };
    }
  }
  return said;
}

/**
 * `وأكد البيان أن "…"` after `أصدرت وزارة الصحة بيانا` or `بيان صادر عن الوزارة`: a statement
 * speaks for whoever issued it, the body (or person) named with its first mention.
 */
function issuer(ctx: SpeakerContext, unit: TextUnit, offset: number, noun: string, said: Attribution): Attribution {
  let budget = LOOK_BACK_TOKENS;
  for (let u = unit.index; u >= 0 && unit.index - u <= LOOK_BACK_UNITS && budget > 0; u--) {
    const toks = ctx.units[u]?.toks ?? [];
    const upTo = u === unit.index ? partitionPoint(toks, (t) => t.start < offset) : toks.length;
    for (let k = upTo - 1; k >= 0 && budget > 0 && spend(ctx); k--, budget--) {
      const t = toks[k]!;
      // The indefinite mention (`بيانا`, `بيان`), not this one (`البيان`).
      if (t.key.startsWith('ال') || !t.forms.some((f) => f.key === noun || f.key === `${noun}ا`)) continue;
      const after = mentionsIn(ctx, u, t.end, toks[Math.min(toks.length - 1, k + 6)]!.end)[0];
      const before = lastBefore(inUnit(ctx, u), u, t.start);
      const m = after ?? (before && before.unit === u ? before : null);
      return m ? { speaker: m.name, speakerType: m.type, verb: said.verb } : said;
    }
  }
  return said;
}

/** Pronouns of address that stand for the dignitary just named: سعادته، سموه، معاليه. */
const HONORIFIC_PRONOUNS = new Set(['سعادته', 'سموه', 'معاليه', 'فخامته', 'جلالته', 'دولته', 'سيادته', 'حضرته', 'سماحته', 'نيافته'].map(textKey));
/** Heads of a subject that is a body, not a person: the heads organisation names are read by (gazetteer-words.ts). */
const ORGANISATION_HEADS = new Set(
  [
    ...ORG_CONSTRUCT_HEADS.flatMap((head) => [head, `ال${head}`]),
    ...ORG_DEFINITE_HEADS,
    // Bodies that speak in news but never head an entity name alone (حكومة, شرطة without a nisba).
    ...['حكومة', 'شرطة', 'مرصد', 'سفارة', 'رئاسة'].flatMap((head) => [head, `ال${head}`]),
  ].map(textKey),
);/**
 * Where a subject as written ends: the statement or medium it was said in (`العواد في بيان`,
 * `الشرطة في تغريدة`) and whom it was said to (`… لإذاعة`, `… لفرانس برس`) are not the speaker.
 */
const STATEMENT_NOUNS = new Set(
  [
    ...['بيان', 'تصريح', 'تغريدة', 'تدوينة', 'حديث', 'مقابلة', 'مؤتمر', 'كلمة', 'رسالة', 'منشور', 'تقرير', 'بلاغ', 'خطاب', 'اتصال', 'لقاء', 'حوار', 'تعليق', 'مداخلة', 'إيجاز'],
    // and their plurals: `في تغريدات نشرتها`, `حسب بيانات الجمارك`
    ...['بيانات', 'تصريحات', 'تغريدات', 'تدوينات', 'مقابلات', 'مؤتمرات', 'كلمات', 'رسائل', 'منشورات', 'تقارير', 'بلاغات', 'خطابات', 'اتصالات', 'لقاءات', 'تعليقات'],
  ]
    .flatMap((noun) => [noun, `ال${noun}`])
    .map(textKey),
);
/** Prepositions a subject as written may hold (`مصدر في وزارة الداخلية`) unless a statement noun follows. */
const PREPOSITIONS = new Set(['في', 'خلال', 'عبر'].map(textKey));
/** Pronoun objects that open no subject (`قال لي`, `قال له`). */
const OBJECT_PRONOUNS = new Set(['لي', 'له', 'لها', 'لنا', 'لهم', 'لهن', 'لكم', 'لك'].map(textKey));
const WORD_AN = textKey('عن');
const SUBJECT_WORDS = 7;
/** A subject this long still names its speaker when a rank and a name end it. */
const LONG_SUBJECT_WORDS = 14;

/**
 * A subject nothing names as an entity is still the speaker as the text names it: a role or a
 * source (`كشف مصدر في وزارة الداخلية`), a body (`أكدت وكالة الأنباء الكويتية (كونا)`). Arabic
 * only; the words between the verb and the end of its subject, if few.
 */
function writtenSubject(unit: TextUnit, v: number, end: number): Attribution | null {
  const verb = unit.toks[v]!;
  const words = subjectWords(unit, v, end);
  const first = words?.[0];
  if (!words || !first) return null;
  const ranked = rankedName(unit, words) ?? nameAfterRole(unit, words);
  if (ranked) return { speaker: ranked, speakerType: 'person', verb: verbText(verb) };
  if (words.length > SUBJECT_WORDS) return null;
  const speaker = unit.text.slice(first.start, words[words.length - 1]!.end);
  const organisation = first.forms.some((f) => ORGANISATION_HEADS.has(f.key));
  return { speaker, speakerType: organisation ? 'organization' : 'person', verb: verbText(verb) };
}

/** The words of the subject written after the speech verb at token v, or null when none can be one. */
function subjectWords(unit: TextUnit, v: number, end: number): Tok[] | null {
  const toks = unit.toks;
  if (!toks[v]!.arabic || end <= v + 1) return null;
  const words: Tok[] = [];
  for (let k = v + 1; k < end && words.length <= LONG_SUBJECT_WORDS; k++) {
    const t = toks[k]!;
    if (!t.word) break; // `(كونا)`, a comma: the subject's name is over
    if (t.arabic && bareForm(t, WORDS.time)) {
      if (words.length === 0) continue; // وقال اليوم المصدر …
      break;
    }
    if (words.length > 0 && endsWrittenSubject(t, toks[k + 1])) break;
    words.push(t);
  }
  const first = words[0];
  // `دعت لاتخاذ …`: a word with a preposition on it is no subject.
  const governed = first?.forms.some((f) => f.cut > 0 && /^[لب]/.test(first.key));
  // `أكد أمس ردا على …`: an indefinite accusative (ردا، تعليقا) is an adverb, never the subject.
  const adverbial = !!first && /ا$|اً$/.test(first.text) && !first.key.startsWith('ال');
  // `قال لي`, `وأوضح معاليه` with nobody named before: a pronoun names no one.
  const pronoun = !!first && (OBJECT_PRONOUNS.has(first.key) || HONORIFIC_PRONOUNS.has(first.key));
  if (!first || !first.arabic || anyForm(first, WORDS.stop) || governed || adverbial || pronoun || isSpeechVerb(first)) return null;
  return words;
}

/**
 * `رئيس دائرة العلاقات في الوزارة العميد مقداد ميري الموسوي`: a rank or honorific after the
 * role, then two to four words that end the subject: the person's name as written.
 */
function rankedName(unit: TextUnit, words: readonly Tok[]): string | null {
  const rank = words.findLastIndex((t, i) => i > 0 && isHonorific(t));
  const name = rank > 0 ? words.slice(rank + 1) : [];
  if (name.length < 2 || name.length > 4 || !name.every((t) => t.arabic && !anyForm(t, WORDS.stop) && !isHonorific(t))) return null;
  return unit.text.slice(name[0]!.start, name[name.length - 1]!.end);
}

/**
 * `وزير النقل الماليزي ليو تيونغ لاي`، `الباحث باولو جاستي`: a role that ends in a definite word,
 * then two to four words with no article that end the subject: the name no tagger knew.
 */
function nameAfterRole(unit: TextUnit, words: readonly Tok[]): string | null {
  if (roleHeadForm(words[0]) < 0) return null;
  let from = words.length;
  while (from > 1 && words.length - from < NAME_WORDS && nameWords(words, from - 1, Infinity) >= 1) from--;
  const count = words.length - from;
  if (count < 2 || !isDefinite(words[from - 1]!.key) || nameWords(words, from, Infinity) !== count) return null;
  return unit.text.slice(words[from]!.start, words[words.length - 1]!.end);
}

/** Whether token `t` (after a subject's first word) starts what is no longer the speaker. */
function endsWrittenSubject(t: Tok, next: Tok | undefined): boolean {
  if (!t.arabic) return false;
  // `عن المصدر القول`، `عن الوزير قوله`: what he said, not who.
  if (t.key === WORD_QAWL || isSpeechNoun(t)) return true;
  if (STATEMENT_NOUNS.has(t.key) || t.forms.some((f) => f.cut > 0 && STATEMENT_NOUNS.has(f.key))) return true;
  // `لإذاعة`، `لفرانس`، `لبي`: said to someone.
  if (t.key.startsWith('ل') && t.forms.some((f) => f.cut > 0 && /^ل/.test(t.key))) return true;
  // `أعرب الحاكم عن قلقه`: what follows عن is the verb's object, not the speaker's name.
  if (t.key === WORD_AN) return true;
  return PREPOSITIONS.has(t.key) && !!next && next.arabic && (STATEMENT_NOUNS.has(next.key) || next.forms.some((f) => STATEMENT_NOUNS.has(f.key)));
}

/**
 * The subject written before the verb: English `X said` (or he/she), Arabic `وكان الوزير
 * وليد المعلم أكد` (a person named right before the verb).
 */
function subjectBefore(ctx: SpeakerContext, unit: TextUnit, v: number): Attribution | null {
  const toks = unit.toks;
  const previous = toks[v - 1];
  if (!previous) return null;
  if (previous.arabic) {
    // `فلان الذي قال`: the name before the relative pronoun.
    const relative = RELATIVE_PRONOUNS.has(previous.key);
    const named = endingAt(ctx, unit.index, relative ? toks[v - 2]?.end : previous.end)[0];
    if (named) return found(named, toks[v]!);
    // … nobody tagged: two to four words of a name, with no article, right before it.
    let first = v - 1;
    while (relative && first > 0 && v - 1 - first < NAME_WORDS && nameWords(toks, first - 1, toks[v - 1]!.start) >= 1) first--;
    const words = v - 1 - first;
    return words >= 2 && words <= NAME_WORDS ? { speaker: unit.text.slice(toks[first]!.start, toks[v - 2]!.end), speakerType: 'person', verb: verbText(toks[v]!) } : null;
  }
  if (PERSON_PRONOUNS.has(previous.key)) {
    const last = lastMentionBefore(ctx, unit.index, previous.start, 'person');
    return last ? found(last, toks[v]!) : null;
  }
  // `Brad Adams, from Human Rights Watch, said`: the name before the apposition.
  let end = previous.end;
  if (previous.text === ',') {
    let open = v - 2;
    while (open >= Math.max(0, v - 14) && toks[open]!.text !== ',') open--;
    const before = open >= Math.max(0, v - 14) ? toks[open - 1] : undefined;
    if (!before) return null;
    end = before.end;
  }
  const m = endingAt(ctx, unit.index, end)[0];
  if (!m) return end === previous.end ? surnameBefore(ctx, unit, v) : null;
  // `Dillard Spriggs of Petroleum Analysis Ltd said`: the person, not the firm, speaks.
  let link = countEndingBy(toks, m.start - 6);
  while (link < toks.length && toks[link]!.end <= m.start && !/^(of|at|from)$/.test(toks[link]!.key)) link++;
  const linked = link < toks.length && toks[link]!.end <= m.start;
  const person = m.type === 'organization' && linked ? endingAt(ctx, unit.index, toks[link - 1]?.end).find((x) => x.type === 'person') : undefined;
  return found(person ?? m, toks[v]!);
}

/**
 * `"…," Kowalczyk said`: capitalised words right after the quote (or opening the sentence)
 * and before the verb, when no entity ends there: the person named in full earlier with that
 * last name, else the name as written.
 */
function surnameBefore(ctx: SpeakerContext, unit: TextUnit, v: number): Attribution | null {
  const toks = unit.toks;
  let k = v - 1;
  while (k >= 0 && v - k <= 3 && toks[k]!.capitalised && !WORDS.englishStop.has(toks[k]!.key)) k--;
  const opener = toks[k];
  if (k === v - 1 || (opener && !isQuoteMark(opener.text) && !/^[,.]$/.test(opener.text))) return null;
  const name = unit.text.slice(toks[k + 1]!.start, toks[v - 1]!.end);
  const last = textKey(toks[v - 1]!.text);
  for (let u = unit.index; u >= 0 && unit.index - u <= LOOK_BACK_UNITS; u--) {
    const people = ctx.byType.get(u)?.person ?? [];
    for (let i = people.length - 1; i >= 0 && spend(ctx); i--) {
      const person = people[i]!;
      if ((u < unit.index || person.end <= toks[k + 1]!.start) && textKey(person.name).split(' ').at(-1) === last) return found(person, toks[v]!);
    }
  }
  return { speaker: name, speakerType: 'person', verb: verbText(toks[v]!) };
}

/** `“…”، قال X` / `"…," he said` / `"…," said X`. */
export function attributionAfter(ctx: SpeakerContext, unit: TextUnit, close: number): Attribution | null {
  const toks = unit.toks;
  let k = firstStartingAfter(toks, close);
  if (k < 0) return null;
  while (k < toks.length && !toks[k]!.word && toks[k]!.text !== '.' && toks[k]!.end - close < 6) k++;
  // `"…". وأضاف X "…"`: a sentence ends after the quote, and the next speaker's verb is not its.
  if (/^[.!?؟]$/.test(toks[k]?.text ?? '')) return null;
  for (let v = k; v < Math.min(toks.length, k + 5); v++) {
    // `"…"، بحسب المتحدث`: the source after the word; `بحسب تصريحات نشرتها سانا` names only the medium.
    if (isAccordingTo(toks[v])) return isStatement(toks[v + 1]) ? null : subjectAfter(ctx, unit, v, unit.text.length);
    if (!isSpeechVerb(toks[v])) continue;
    return subjectOf(ctx, unit, v, unit.text.length);
  }
  return null;
}

/** The subject of the speech cue at token c: after a verb, or the speaker before a speech noun. */
function cueSubject(ctx: SpeakerContext, unit: TextUnit, c: number, from: number, limit: number): Attribution | null {
  const toks = unit.toks;
  if (isSpeechParticiple(toks[c])) return null;
  if (isSpeechNoun(toks[c])) {
    // عن زاخاروفا قولها: the speaker is named right before the noun (عن مصدر عسكري قوله names nobody).
    const previous = toks[c - 1];
    const speaker = endingAt(ctx, unit.index, previous?.end).find((m) => m.start >= from && m.end <= toks[c]!.start);
    return speaker ? found(speaker, toks[c]!) : null;
  }
  return subjectOf(ctx, unit, c, limit);
}

const RELATIVE_PRONOUNS = new Set(['الذي', 'التي', 'اللذان', 'اللتان', 'الذين', 'اللواتي'].map(textKey));

/** English `X told the BBC`: the subject comes first, and only `said X` puts it after the verb. */
const OBJECT_AFTER = new Set(['told', 'tells', 'asked', 'according']);

function subjectOf(ctx: SpeakerContext, unit: TextUnit, v: number, limit: number): Attribution | null {
  const verb = unit.toks[v]!;
  if (verb.arabic) return subjectAfter(ctx, unit, v, limit) ?? subjectBefore(ctx, unit, v);
  return subjectBefore(ctx, unit, v) ?? (OBJECT_AFTER.has(verb.key) ? null : subjectAfter(ctx, unit, v, limit));
}

/**
 * The nearest speech cue between offsets `from` and `limit` and who it names. A verb without a
 * subject of its own (وقال إن …) takes the subject of an earlier cue, else the last person named.
 */
function cueBefore(ctx: SpeakerContext, unit: TextUnit, from: number, limit: number, carried: PreviousQuote | null = null, lookPrevious = true): Attribution | null {
  const toks = unit.toks;
  const cues: number[] = [];
  for (let i = partitionPoint(toks, (t) => t.start < from); i < toks.length && toks[i]!.start < limit; i++) {
    charge(1);
    const t = toks[i]!;
    // `طلب عدم ذكر اسمه`، `تحفظ عن ذكر`: a verbal noun after عدم or a preposition is nobody speaking.
    if (toks[i - 1]?.arabic && NOUN_GOVERNORS.has(toks[i - 1]!.key)) continue;
    if (t.end <= limit && (isSpeechVerb(t) || isSpeechNoun(t) || isSpeechParticiple(t) || (isAccordingTo(t) && !isStatement(toks[i + 1])))) cues.push(i);
  }
  const nearest = cues[cues.length - 1];
  if (nearest === undefined) return null;
  // `لافتات كتب عليها «…»`: written on something, by nobody the text names.
  if (toks[nearest]!.arabic && bareForm(toks[nearest], WRITING_VERBS) && WRITTEN_ON.has(toks[nearest + 1]?.key ?? '')) return { ...NO_SPEAKER, verb: verbText(toks[nearest]!) };
  for (let c = cues.length - 1; c >= 0; c--) {
    charge(1);
    const regionEnd = c === cues.length - 1 ? limit : toks[cues[c + 1]!]!.start;
    const subject = cueSubject(ctx, unit, cues[c]!, from, regionEnd);
    if (subject) return { ...subject, verb: verbText(toks[nearest]!) };
    // A subject we cannot name is still a subject: do not hand the quote to someone earlier.
    if (!isSpeechParticiple(toks[cues[c]!]) && !isSpeechNoun(toks[cues[c]!]) && !hasNoSubject(unit, cues[c]!)) return { ...NO_SPEAKER, verb: verbText(toks[nearest]!) };
  }
  // Nobody named after any cue: the person named last in this paragraph said it (وكان الوزير
  // فلان أكد … وقال.. “…”), unless the verb is plural (أعلنوا: a group spoke).
  const verb = toks[nearest]!;
  const plural = verb.arabic ? verb.forms.some((f) => f.key.endsWith('وا')) : false;
  // A feminine verb (قالت، أضافت) is more often a ministry or a government than a person.
  const organisation = isFeminine(verb) ? lastMentionBefore(ctx, unit.index, verb.start, 'organization') : null;
  if (organisation && organisation.unit === unit.index && !namedBefore(carried, organisation)) return found(organisation, verb);
  const last = plural ? null : lastMentionBefore(ctx, unit.index, verb.start, 'person');
  // The speaker of the quote before goes on (وأضاف: “…”), unless someone was named since.
  if (carried && !plural && (!last || namedBefore(carried, last))) return { ...carried.attribution, verb: verbText(verb) };
  // Nobody named in this paragraph: the subject of the paragraph before goes on (وقال فلان إنه …
  // في وقت لاحق. / وقال في مؤتمر صحافي “…”), rather than whoever that paragraph named last.
  if (!plural && lookPrevious && (!last || last.unit < unit.index)) {
    const previous = previousCue(ctx, unit.index);
    if (previous?.speaker) return { ...previous, verb: verbText(verb) };
  }
  // The person may have been named in the paragraph before (… المقداد. / وأضاف “…”).
  const near = last && (last.unit === unit.index || (last.unit === unit.index - 1 && ctx.units[last.unit]?.kind === 'paragraph'));
  return last && near ? found(last, verb) : { ...NO_SPEAKER, verb: verbText(verb) };
}

/** Who the last speech cue of the paragraph before `unit` names (asked once per paragraph). */
function previousCue(ctx: SpeakerContext, unit: number): Attribution | null {
  const previous = ctx.units[unit - 1];
  if (previous?.kind !== 'paragraph') return null;
  if (!ctx.lastCue.has(previous.index)) ctx.lastCue.set(previous.index, cueBefore(ctx, previous, 0, previous.text.length, null, false));
  return ctx.lastCue.get(previous.index) ?? null;
}

const WRITING_VERBS = new Set(['كتب', 'كتبت'].map(textKey));
const WRITTEN_ON = new Set(['عليه', 'عليها', 'عليهما', 'عليهم', 'فيه', 'فيها'].map(textKey));

/** Verbs that go on with what was being said: أضاف، تابع، أردف، استطرد، استدرك، ختم. */
const CONTINUING_VERBS = new Set(
  ['أضاف', 'أضافت', 'يضيف', 'تضيف', 'تابع', 'تابعت', 'يتابع', 'تتابع', 'أردف', 'أردفت', 'استطرد', 'استطردت', 'استدرك', 'استدركت', 'ختم', 'ختمت', 'اختتم', 'اختتمت'].map(textKey),
);

/**
 * `وتابع مهاجم باريس سان جرمان …`، `وأضاف أغلى لاعب في العالم`: a verb that goes on with the
 * speech, whose subject names nobody the story names, describes the person who was speaking.
 */
function continued(ctx: SpeakerContext, carried: PreviousQuote | null, said: Attribution): Attribution {
  const speaker = carried?.attribution;
  if (!speaker?.speaker || speaker.speakerType !== 'person' || said.speakerType !== 'person' || !said.verb || said.speaker === speaker.speaker) return said;
  if (!CONTINUING_VERBS.has(textKey(said.verb)) || ctx.speakerNames.has(said.speaker!)) return said;
  return { ...speaker, verb: said.verb };
}

/** How many paragraphs back the previous quote's speaker still speaks (as lastMentionBefore looks back). */
const CARRY_UNITS = 3;

/** How far back a short quoted phrase looks for the speech it is part of: tokens. */
const REPORTED_REACH = 40;

/**
 * `قالت الوزارة إنها قدمت «احتجاجاً رسمياً»`, `مضيفا أن معركته هي معركة "إرادة وصمود"`: the
 * phrase stands in what a speech verb reports (after its أن/إن, in the same sentence), so it is
 * the speaker's words, not a name in quotation marks.
 */
export function inReportedSpeech(unit: TextUnit, offset: number): boolean {
  const k = countEndingBy(unit.toks, offset);
  const verb = reportingVerbs(unit)[k]!;
  return verb >= 0 && k - verb <= REPORTED_REACH;
}

/** Per unit, once: for each token index, the last speech verb before it in its sentence that a complementizer follows before it, or -1. */
const REPORTING_VERBS = new WeakMap<TextUnit, Int32Array>();

/**
 * One pass over a unit instead of a look back per quote (a paragraph of thousands of short
 * quotes asks for every one): `verbs[k]` is the latest speech verb or participle s before
 * token k, in k's sentence, with an أن/إن after s and before k.
 */
function reportingVerbs(unit: TextUnit): Int32Array {
  let verbs = REPORTING_VERBS.get(unit);
  if (verbs) return verbs;
  const toks = unit.toks;
  verbs = new Int32Array(toks.length + 1);
  charge(toks.length);
  let speech = -1;
  let reported = -1;
  for (let i = 0; i < toks.length; i++) {
    verbs[i] = reported;
    const t = toks[i]!;
    if (/^[.!؟?]$/.test(t.text)) speech = reported = -1;
    else if (t.forms.some((f) => COMPLEMENTIZERS.has(f.key))) reported = speech;
    else if (isSpeechVerb(t) || isSpeechParticiple(t)) speech = i;
  }
  verbs[toks.length] = reported;
  REPORTING_VERBS.set(unit, verbs);
  return verbs;
}

/** How many tokens back a speech verb still introduces a quotation mark (`يقول الباحث فلان "…`). */
const INTRODUCER_REACH = 10;

/**
 * True when speech introduces a quotation mark at `offset`: a speech verb, participle or noun
 * a few words before it in the same sentence, or the mark stands in reported speech.
 */
export function speechBefore(unit: TextUnit, offset: number): boolean {
  const toks = unit.toks;
  for (let k = countEndingBy(toks, offset) - 1, n = 0; k >= 0 && n < INTRODUCER_REACH; k--, n++) {
    charge(1);
    const t = toks[k]!;
    if (/^[.!؟?]$/.test(t.text) || isQuoteMark(t.text)) break;
    if (isSpeechVerb(t) || isSpeechParticiple(t) || isSpeechNoun(t)) return true;
  }
  return inReportedSpeech(unit, offset);
}

/** True when mention m stands before the quote carried over (it was named before that speaker spoke). */
function namedBefore(carried: PreviousQuote | null, m: Speaking): boolean {
  return !!carried && (m.unit < carried.unit || (m.unit === carried.unit && m.start < carried.close));
}

/** A statement or speech noun (`بحسب تصريحات …`, `وفق بيان`): what was said, not who said it. */
const isStatement = (tok: Tok | undefined): boolean => !!tok?.arabic && (isSpeechNoun(tok) || STATEMENT_NOUNS.has(tok.key) || tok.forms.some((f) => STATEMENT_NOUNS.has(f.key)));

/** Whether a sentence ends between two offsets of a text. */
function sentenceEnds(text: string, from: number, to: number): boolean {
  charge(Math.max(0, to - from));
  return /[.!?؟]/.test(text.slice(from, to));
}

/** Offset of a unit's first letter or digit (its length when it has none), found once per unit. */
const FIRST_WORD_CHAR = new WeakMap<TextUnit, number>();
function firstWordChar(unit: TextUnit): number {
  let at = FIRST_WORD_CHAR.get(unit);
  if (at === undefined) {
    at = unit.text.search(/[\p{L}\p{N}]/u);
    if (at < 0) at = unit.text.length;
    FIRST_WORD_CHAR.set(unit, at);
  }
  return at;
}

/**
 * Who said the quote between `open` and `close` of `unit`; `previous` is the story's quote
 * before it, whose speaker a verb with no subject of its own continues (وأضاف: “…”، مشيرا إلى أن “…”).
 */
export function attribute(ctx: SpeakerContext, unit: TextUnit, open: number, close: number, previousClose: number, previous: PreviousQuote | null = null): Attribution {
  const carried = previous?.attribution.speaker && previous.unit >= unit.index - CARRY_UNITS ? previous : null;
  const after = attributionAfter(ctx, unit, close);
  if (after?.speaker) return antecedent(ctx, unit, open, after);
  const before = cueBefore(ctx, unit, previousClose, open, carried);
  if (before?.speaker) return continued(ctx, carried, antecedent(ctx, unit, open, before));
  // A quote opening its paragraph: the last speech cue of the paragraph before.
  if (open <= firstWordChar(unit)) {
    const previous = ctx.units[unit.index - 1];
    if (previous?.kind === 'paragraph') {
      const fromCue = cueBefore(ctx, previous, 0, previous.text.length);
      if (fromCue?.speaker) return antecedent(ctx, previous, previous.text.length, fromCue);
    }
  }
  // `"…"، و"…"`, `"…". "…"`, `بأن "…" وأن "…"`: a second quote with no cue of its own, right after
  // the first or in the same sentence.
  if (!before && carried && carried.unit === unit.index && (open - carried.close < 40 || !sentenceEnds(unit.text, carried.close + 1, open))) return carried.attribution;
  return before ?? after ?? NO_SPEAKER;
}
