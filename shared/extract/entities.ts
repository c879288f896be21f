/**
 * People, organisations and places (SPEC §5 `entities`), with aliases merged, mention counts and
 * the role written before a person's name. Steps, each in its own module:
 * 1. units: title, subheadings and paragraphs in document order, tokenized (entities-units);
 * 2. spans ("seeds") proposed by the statistical tagger when the caller passed one for the
 *    article's language (entities-ner), and by rules and gazetteers (entities-arabic,
 *    entities-english) — rules win where they overlap, being more specific;
 * 3. spans grouped into entities, aliases merged (entities-merge);
 * 4. every name and alias searched for across the text; names, aliases, counts and roles
 *    (entities-build).
 * The mentions are left on the draft for the quotes extractor.
 */
import type { Draft, Extractor } from './draft';
import { withProblem } from './draft';
import { arabicSeeds } from './entities-arabic';
import { buildEntities, findMentions } from './entities-build';
import { englishSeeds } from './entities-english';
import { clusterSeeds, seedKey } from './entities-merge';
import { lookupAgency } from './agencies';
import { evidenceOf, nerSeeds } from './entities-ner';
import { SOURCE_PRIORITY, type Seed, type SequenceTagger, type TextUnit } from './entities-types';
import { documentUnits, ENTITY_SCAN_CHARS, wordCounts } from './entities-units';
import { matchListedName } from './gazetteer';
import { wholeNames } from './entities-whole-names';
import type { Tok } from './entities-tokens';
import { isCommonNonName, isNameLike } from '../ner/lexicon';

/** Gazetteer matches only: for languages without rules of their own (French, Persian…). */
function listedSeeds(unit: TextUnit): Seed[] {
  const seeds: Seed[] = [];
  for (let i = 0; i < unit.toks.length; i++) {
    const match = matchListedName(unit.toks, i);
    if (!match || match.name.cue) continue;
    seeds.push({ type: match.name.type, unit: unit.index, first: i, last: match.last, form: match.form, source: 'listed', listedId: match.name.id });
    i = match.last;
  }
  return seeds;
}

/**
 * Keeps the most trusted (then longest) of overlapping spans. A span dropped for an identical
 * one of the same type hands over what it knew (a role, an apposition link).
 */
export function reconcile(seeds: readonly Seed[]): Seed[] {
  const ranked = [...seeds].sort((a, b) => SOURCE_PRIORITY[b.source] - SOURCE_PRIORITY[a.source] || b.last - b.first - (a.last - a.first) || a.unit - b.unit || a.first - b.first);
  const owner = new Map<string, number>();
  const kept: Seed[] = [];
  for (const seed of ranked) {
    let clash: number | undefined;
    for (let i = seed.first; i <= seed.last && clash === undefined; i++) clash = owner.get(`${seed.unit}:${i}`);
    if (clash !== undefined) {
      const other = kept[clash]!;
      if (other.first === seed.first && other.last === seed.last && other.type === seed.type) {
        kept[clash] = { ...seed, ...other, role: other.role ?? seed.role, honorific: other.honorific ?? seed.honorific, appositionOf: other.appositionOf ?? seed.appositionOf };
      }
      continue;
    }
    for (let i = seed.first; i <= seed.last; i++) owner.set(`${seed.unit}:${i}`, kept.length);
    kept.push(seed);
  }
  return kept.sort((a, b) => a.unit - b.unit || a.first - b.first);
}

/**
 * A side of a result verb is no team when rules or the tagger call it a person, or unlabeled news
 * puts its words where people's names stand (فاز بايدن على ترامب): teams' names do not (الأهلي).
 */
function withoutPeopleAsTeams(units: readonly TextUnit[], seeds: readonly Seed[], isNameWord: (tok: Tok) => boolean): Seed[] {
  const people = new Set<string>();
  for (const seed of seeds) if (seed.type === 'person') for (let k = seed.first; k <= seed.last; k++) people.add(`${seed.unit}:${k}`);
  return seeds.filter((seed) => {
    if (seed.source !== 'team') return true;
    for (let k = seed.first; k <= seed.last; k++) if (people.has(`${seed.unit}:${k}`) || isNameWord(units[seed.unit]!.toks[k]!)) return false;
    return true;
  });
}

/**
 * A news agency's name (كونا، KUNA) names an organisation, never a person, nor a place unless
 * the place lists hold it too (بترا is also Petra).
 */
function agencyAsOrganisation(units: readonly TextUnit[], seed: Seed): Seed {
  if (seed.type === 'organization' || !lookupAgency(seedKey(units, seed))) return seed;
  if (seed.type === 'place' && matchListedName(units[seed.unit]!.toks, seed.first)?.name.type === 'place') return seed;
  return { ...seed, type: 'organization' };
}

/**
 * The agency or outlet a dateline credits is an organisation. A byline's reporters are not people
 * of the story: they are the record's `byline`, never entities (issue #9: credits are not people).
 */
function creditedName(unit: TextUnit): Seed | null {
  if (unit.kind !== 'credit') return null;
  const words = unit.toks.flatMap((tok, k) => (tok.word ? [k] : []));
  if (words.length === 0) return null;
  return { type: 'organization', unit: unit.index, first: words[0]!, last: words[words.length - 1]!, form: 0, source: 'dateline' };
}

function taggerFor(draft: Draft): SequenceTagger | undefined {
  const code = draft.language.code;
  return code === 'ar' || code === 'en' ? draft.ner[code] : undefined;
}

export const findEntities: Extractor = (draft) => {
  const { units, partial } = documentUnits(draft);
  if (units.length === 0) return draft;
  const counts = wordCounts(units);
  const language = draft.language.code;
  let next = partial ? withProblem(draft, 'entities-partial', `Entities and quotes were searched for in the first ${ENTITY_SCAN_CHARS} characters only.`) : draft;

  const seeds: Seed[] = [];
  for (const unit of units) {
    const credited = creditedName(unit);
    if (credited) seeds.push(credited);
    else if (language === 'ar') seeds.push(...arabicSeeds(unit, counts.forms), ...englishSeeds(unit));
    else if (language === 'en') seeds.push(...englishSeeds(unit));
    else seeds.push(...listedSeeds(unit));
  }
  const tagger = taggerFor(draft);
  if (tagger) {
    try {
      seeds.push(...nerSeeds(units, tagger, counts.exact));
    } catch (error) {
      // A tagger fault costs the statistical spans, not the record: rules still run.
      next = withProblem(next, 'ner-failed', error instanceof Error ? error.message.slice(0, 300) : String(error));
    }
  }

  const isCommonWord = (tok: Tok): boolean => {
    const evidence = evidenceOf(tagger, tok);
    return !!evidence && isCommonNonName(evidence);
  };
  const isNameWord = (tok: Tok): boolean => {
    const evidence = evidenceOf(tagger, tok);
    return !!evidence && isNameLike(evidence);
  };
  const kept = reconcile(language === 'ar' ? wholeNames(units, withoutPeopleAsTeams(units, seeds, isNameWord), isCommonWord) : seeds).map((seed) => agencyAsOrganisation(units, seed));
  const { clusters, clusterOf } = clusterSeeds(units, kept);
  const mentions = findMentions(units, clusters, kept, clusterOf);
  const built = buildEntities(units, clusters, mentions);
  const truncated = { ...next.truncated };
  for (const [type, size] of Object.entries(built.cut)) truncated[`entities.${type}`] = size;
  return { ...next, entities: built.entities, mentions: built.mentions, truncated };
};
