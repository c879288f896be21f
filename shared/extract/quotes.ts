/**
 * Quotations (SPEC §5 `quotes`): “…”, «…», "…" in body paragraphs, each with its speaker
 * (quotes-speaker.ts). `paragraph` is the 0-based index into the body paragraphs (the record's
 * `stats.paragraphs` count them: subheadings and the title excluded).
 *
 * Scare quotes are not quotations: a quoted name (تنظيم “داعش”، “البنتاغون”، مدينة "…", a
 * registered agency), a label (اسم “المعارضة المعتدلة”), or any short phrase (three words or
 * fewer) that no speech verb or colon introduces and that no speech verb reports (قالت إنها
 * قدمت «احتجاجاً رسمياً» quotes the ministry's words).
 */
import type { Dateline, Quote } from '../record';
import { lookupAgency } from './agencies';
import type { Extractor } from './draft';
import { anyForm, bareForm, WORDS } from './gazetteer';
import { textKey } from './entities-tokens';
import type { EntityMention, TextUnit } from './entities-types';
import { documentUnits } from './entities-units';
import { countEndingBy, partitionPoint } from './offsets';
import { charge } from './work';
import { findQuoteSpans, type QuoteSpan } from './quotes-spans';
import { attribute, attributionAfter, inReportedSpeech, isQuotedSubject, speakerContext, speechBefore, type PreviousQuote, type SpeakerContext } from './quotes-speaker';
import { wordPattern } from './shape';

export const MAX_QUOTES = 100;
export const MAX_QUOTE_CHARS = 2_000;
/** Phrases this short are scare quotes unless something introduces them as speech. */
const SHORT_WORDS = 3;

/** Words in a text, counted no further than `upTo` (scare quotes are told by being short). */
function wordsUpTo(text: string, upTo: number): number {
  const pattern = wordPattern();
  let n = 0;
  while (n < upTo && pattern.exec(text) !== null) n++;
  charge(pattern.lastIndex || text.length);
  return n;
}

/**
 * Class words a quoted name or title follows, beyond the organisations and places the entity
 * lexicon knows: a film, a book, a campaign, a body (فيلم "…"، منظمة "…"، مستوطنة "…").
 */
const NAME_CUES = new Set(
  ['فيلم', 'أفلام', 'كتاب', 'رواية', 'مسلسل', 'برنامج', 'أغنية', 'مسرحية', 'ديوان', 'حملة', 'مبادرة', 'منظمة', 'مؤسسة', 'هيئة', 'مركز', 'مرصد', 'جمعية', 'نادي', 'دورية', 'طراز', 'مستوطنة', 'سفينة', 'مطعم', 'فندق', 'تطبيق', 'منصة', 'مهرجان', 'معرض', 'مسابقة', 'جائزة', 'تحالف', 'ائتلاف', 'حزب']
    .flatMap((w) => [w, `ال${w}`])
    .map(textKey),
);
/** Words right before a quote that make it a name or a title (تصريح لـ«عكاظ»، في «…»، بـ"…"). */
const NAMING_PARTICLES = new Set(['ل', 'لـ', 'ب', 'بـ', 'في', 'عن', 'من', 'الي', 'مع', 'of', 'in', 'by', 'the', 'from', 'to', 'at'].map(textKey));

function introducedAsSpeech(unit: TextUnit, span: QuoteSpan, ctx: SpeakerContext): boolean {
  if (/[:：]\s*$/.test(unit.text.slice(Math.max(0, span.open - 3), span.open))) return true;
  const n = countEndingBy(unit.toks, span.open);
  const before = unit.toks.slice(Math.max(0, n - 6), n);
  if (NAMING_PARTICLES.has(before.at(-1)?.key ?? '')) return false;
  if (before.some((t) => (t.arabic ? bareForm(t, WORDS.speechVerb) || bareForm(t, WORDS.speechNoun) : WORDS.englishSpeechVerb.has(t.key)))) return true;
  return inReportedSpeech(unit, span.open) || attributionAfter(ctx, unit, span.close)?.speaker != null;
}

function isScareQuote(unit: TextUnit, span: QuoteSpan, names: ReadonlySet<string>, ctx: SpeakerContext): boolean {
  charge(1 + span.text.length);
  if (names.has(textKey(span.text)) || lookupAgency(span.text, { quoted: true })) return true;
  const mark = countEndingBy(unit.toks, span.open);
  const before = unit.toks[mark - 1];
  if (anyForm(before, WORDS.labelCue) || anyForm(before, WORDS.orgCue) || anyForm(before, WORDS.placeCue) || anyForm(before, NAME_CUES)) return true;
  // `وقال "مكتب مفوض المعلومات" المكلف …، "…"`: the quoted subject of the verb is who speaks.
  if (isQuotedSubject(unit, mark)) return true;
  return wordsUpTo(span.text, SHORT_WORDS + 1) <= SHORT_WORDS && !introducedAsSpeech(unit, span, ctx);
}

function entityNames(mentions: readonly EntityMention[], unitsText: readonly TextUnit[]): Set<string> {
  const names = new Set<string>();
  for (const m of mentions) {
    names.add(textKey(m.name));
    names.add(textKey(unitsText[m.unit]?.text.slice(m.start, m.end) ?? ''));
  }
  return names;
}

/** True for a speaker that is the agency or outlet in the story's dateline. */
function reportingAgency(dateline: Dateline | null): (speaker: string | null) => boolean {
  if (!dateline?.agency && !dateline?.outlet) return () => false;
  const credited = [dateline.agency, dateline.outlet].filter((n): n is string => !!n).map(textKey);
  return (speaker) => {
    if (!speaker) return false;
    const code = lookupAgency(speaker, { quoted: true })?.code;
    return credited.includes(textKey(speaker)) || (!!code && code === dateline.agencyCode);
  };
}

export const findQuotes: Extractor = (draft) => {
  const { units } = documentUnits(draft);
  const names = entityNames(draft.mentions, units);
  const all = speakerContext(units, draft.mentions);
  const found: { unit: TextUnit; spans: QuoteSpan[] }[] = [];
  let runningOn: number | null = null;
  for (const unit of units) {
    if (unit.kind !== 'paragraph' || unit.paragraph === null) continue;
    // A quote left open at the end of the paragraph before goes on in this one, up to its closing mark.
    const continuesQuote = runningOn === unit.index - 1;
    const spans = findQuoteSpans(unit.text, { introducesSpeech: (offset) => speechBefore(unit, offset), continuesQuote });
    runningOn = spans.at(-1)?.runsOn ? unit.index : null;
    found.push({ unit, spans: spans.filter((span) => !isScareQuote(unit, span, names, all)) });
  }
  // Names inside quotations are not who speaks (`"Ruth Kelly wants…," he said` is not Kelly).
  const spansOf = new Map(found.map(({ unit, spans }) => [unit.index, spans] as const));
  // Spans do not overlap and come in text order: only the last one opening before m can hold it.
  const inside = (m: EntityMention) => {
    const spans = spansOf.get(m.unit) ?? [];
    const s = spans[partitionPoint(spans, (x) => x.open < m.start) - 1];
    return !!s && m.end <= s.close;
  };
  const ctx = speakerContext(units, draft.mentions.filter((m) => !inside(m)));
  const quotes: Quote[] = [];
  const reporting = reportingAgency(draft.dateline);
  let previous: PreviousQuote | null = null;
  for (const { unit, spans } of found) {
    let previousClose = 0;
    for (const span of spans) {
      const attributed = attribute(ctx, unit, span.open, span.close, previousClose, previous);
      // The agency that filed the story reports the quote; it never said it.
      const who = reporting(attributed.speaker) ? { ...attributed, speaker: null, speakerType: null } : attributed;
      previous = { attribution: who, unit: unit.index, close: span.close };
      const text = span.text.length > MAX_QUOTE_CHARS ? `${span.text.slice(0, MAX_QUOTE_CHARS)}…` : span.text;
      quotes.push({ text, speaker: who.speaker, speakerType: who.speakerType, verb: who.verb, paragraph: unit.paragraph! });
      previousClose = span.close + 1;
    }
  }
  if (quotes.length <= MAX_QUOTES) return { ...draft, quotes };
  return { ...draft, quotes: quotes.slice(0, MAX_QUOTES), truncated: { ...draft.truncated, quotes: quotes.length } };
};
