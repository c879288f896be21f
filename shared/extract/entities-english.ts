/**
 * Rule-based entity spans in English text: listed places and organisations, capitalised runs
 * after a title (`Foreign Minister Sergei Lavrov`) or an honorific (`Mr Blair`), runs starting
 * with a given name, runs ending in an organisation word (`Labour Party`, `Bank of England`),
 * and capitalised subjects of speech verbs (`Smith said`, `said John Smith`). A role may also
 * follow the name in apposition (`Dmitry Peskov, the Kremlin spokesman,`).
 */
import type { Seed, TextUnit } from './entities-types';
import { matchListedName, WORDS } from './gazetteer';
import type { Tok } from './entities-tokens';
import { englishRoleBefore, isEnglishHonorific, isEnglishTitle } from './roles';
import { spanText } from './entities-units';

const PARTICLE = /^(al|el|bin|ibn|de|da|du|van|von|le|la|del|der)$/;
const CONNECTOR = new Set(['of', 'the', 'and', 'for', '&']);

const isNameWord = (tok: Tok | undefined): boolean =>
  !!tok && !tok.arabic && tok.word && tok.capitalised && !/\p{N}/u.test(tok.text) && !WORDS.englishStop.has(tok.key) && !isEnglishTitle(tok) && !isEnglishHonorific(tok);

/** A capitalised run of up to `max` name words from token i (particles and initials allowed inside). */
function nameRun(toks: readonly Tok[], i: number, max: number): number | null {
  if (!isNameWord(toks[i])) return null;
  let last = i;
  let words = 1;
  while (words < max) {
    const next: Tok | undefined = toks[last + 1];
    const initial = next !== undefined && /^\p{Lu}$/u.test(next.text) && toks[last + 2]?.text === '.' && isNameWord(toks[last + 3]);
    if (initial) last += 2;
    else if (isNameWord(next)) last++;
    else if (next !== undefined && PARTICLE.test(next.key) && isNameWord(toks[last + 2])) last += 2;
    else break;
    words++;
  }
  return last;
}

function isShouting(toks: readonly Tok[]): boolean {
  const words = toks.filter((t) => t.word && !t.arabic && /\p{L}/u.test(t.text));
  return words.length >= 3 && words.filter((t) => t.text === t.text.toUpperCase()).length > words.length / 2;
}

/** `X, the Kremlin spokesman,`: a role in apposition after a name ending at `last`. */
function roleAfter(unit: TextUnit, last: number): string | undefined {
  const toks = unit.toks;
  if (toks[last + 1]?.text !== ',') return undefined;
  let end = last + 2;
  while (end < toks.length && end - last < 12 && toks[end]!.word) end++;
  const closing = toks[end]?.text;
  if (closing !== ',' && closing !== '.') return undefined;
  const inside = toks.slice(last + 2, end);
  if (!/^(the|a|an)$/.test(inside[0]?.key ?? '') || !inside.some(isEnglishTitle)) return undefined;
  return spanText(unit, last + 2, end - 1);
}

/**
 * An organisation: a capitalised run ending in an organisation word (Labour Party), or starting
 * with one and going on with `of` (Bank of England). In `Dillard Spriggs of Petroleum Analysis
 * Ltd` the organisation starts after `of`.
 */
function organisationRun(toks: readonly Tok[], i: number): { first: number; last: number } | null {
  const first = toks[i];
  if (!first || !first.capitalised || WORDS.englishStop.has(first.key)) return null;
  let start = i;
  let last = i;
  let best: { first: number; last: number } | null = null;
  while (last - i < 8) {
    const tok = toks[last]!;
    if (WORDS.englishOrgSuffix.has(tok.key) && tok.capitalised && last > start) best = { first: start, last };
    if (WORDS.englishOrgPrefix.has(toks[start]!.key) && tok.key === 'of' && toks[last + 1]?.capitalised) {
      const end = nameRun(toks, last + 1, 4);
      if (end !== null && (!best || end > best.last)) best = { first: start, last: end };
    }
    const next = toks[last + 1];
    if (next && next.capitalised && next.word) last++;
    else if (next && CONNECTOR.has(next.key) && toks[last + 2]?.capitalised) {
      if (next.key === 'of' && !WORDS.englishOrgPrefix.has(toks[start]!.key) && !best) start = last + 2;
      last += 2;
    } else break;
  }
  return best;
}

export function englishSeeds(unit: TextUnit): Seed[] {
  const toks = unit.toks;
  const seeds: Seed[] = [];
  // Latin names are capitalised: a unit without a capital (most Arabic text) has none.
  if (!toks.some((t) => t.capitalised)) return seeds;
  const shouting = isShouting(toks);
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!;
    if (tok.arabic || !tok.word) continue;
    const listed = matchListedName(toks, i);
    if (listed) {
      seeds.push({ type: listed.name.type, unit: unit.index, first: i, last: listed.last, form: 0, source: 'listed', listedId: listed.name.id });
      i = listed.last;
      continue;
    }
    if (shouting || !tok.capitalised) continue;
    const org = organisationRun(toks, i);
    if (org !== null) {
      // `Dillard Spriggs of Petroleum Analysis Ltd`: the words before `of` may name a person.
      const person = org.first > i ? personAt(unit, i) : null;
      if (person && person.last < org.first) seeds.push(person);
      seeds.push({ type: 'organization', unit: unit.index, first: org.first, last: org.last, form: 0, source: 'pattern' });
      i = org.last;
      continue;
    }
    const person = personAt(unit, i);
    if (person) {
      seeds.push(person);
      i = person.last;
    }
  }
  return seeds;
}

function personAt(unit: TextUnit, i: number): Seed | null {
  const toks = unit.toks;
  const role = englishRoleBefore(toks, i);
  let previous = i - 1;
  if (toks[previous]?.text === '.') previous--;
  const honorific = isEnglishHonorific(toks[previous]);
  const given = WORDS.givenLatin.has(toks[i]!.key) && isNameWord(toks[i + 1]);
  const before = toks[i - 1];
  const afterSaid = !!before && WORDS.englishSpeechVerb.has(before.key) && before.key !== 'according';
  const run = nameRun(toks, i, 3);
  if (run === null || matchListedName(toks, run)) return null;
  // `the Syrian Observatory for Human Rights said`: the run is the tail of a longer name.
  const tailOfName = !!before && (CONNECTOR.has(before.key) || before.capitalised);
  const verbAfter = toks[run + 1]?.key === 'of' ? toks.slice(run + 2, run + 14).find((t) => WORDS.englishSpeechVerb.has(t.key)) : toks[run + 1];
  const beforeSaid = WORDS.englishSpeechVerb.has(verbAfter?.key ?? '') && run > i && !tailOfName;
  if (!(role || honorific || given || beforeSaid || (afterSaid && run > i))) return null;
  const roleText = role && role.end > role.start ? spanText(unit, role.start, role.end - 1) : roleAfter(unit, run);
  return { type: 'person', unit: unit.index, first: i, last: run, form: 0, source: role || honorific ? 'role' : 'cue', ...(roleText ? { role: roleText } : {}) };
}
