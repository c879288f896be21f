/**
 * Full names whole: a person the rules and the tagger proposed in pieces is joined before spans
 * are reconciled, so that no piece is kept as a person of its own.
 * - a person span right after another continues it (صلاح الدين | آدم تور): Arabic writes two
 *   people apart (a comma, و, a title), never side by side; a one-word span the lexicon knows as
 *   a common word (`isCommonWord`) is the tagger's mistake, not a name's end;
 * - a tagger span that runs on past a rule's span lends the rule its end (محمد الغالي | علي
 *   يوسف) when the words it adds are indefinite name words and no country follows them
 *   (هيثم بن طارق | سلطان عُمان is a title);
 * - one name word between a title and a person span opens the name (العميد مقداد | ميري الموسوي),
 *   unless unlabeled news knows it as a common word (الرئيس يلتقي | …).
 */
import type { Seed, TextUnit } from './entities-types';
import type { Tok } from './entities-tokens';
import { SOURCE_PRIORITY } from './entities-types';
import { nameable } from './entities-arabic-people';
import { matchListedName } from './gazetteer';
import { isRankAt, isRoleHead } from './roles';

const stronger = (a: Seed, b: Seed): Seed => (SOURCE_PRIORITY[b.source] > SOURCE_PRIORITY[a.source] ? b : a);

function addsNameWords(unit: TextUnit, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (!nameable(unit.toks[k], false)) return false;
  return !matchListedName(unit.toks, to + 1);
}

/** a and b as one span, with the more trusted source and a's role. */
function joined(a: Seed, b: Seed): Seed {
  return { ...stronger(a, b), first: a.first, last: b.last, form: a.form, ...(a.role ? { role: a.role } : {}), ...(a.honorific ? { honorific: a.honorific } : {}) };
}

/** Joined spans for the Arabic person seeds of a document; other seeds are returned as they are. */
export function wholeNames(units: readonly TextUnit[], seeds: readonly Seed[], isCommonWord: (tok: Tok) => boolean = () => false): Seed[] {
  const people = seeds.filter((s) => s.type === 'person');
  const extra: Seed[] = [];
  const byUnit = new Map<number, Seed[]>();
  for (const seed of people) {
    const list = byUnit.get(seed.unit);
    if (list) list.push(seed);
    else byUnit.set(seed.unit, [seed]);
  }
  for (const [index, list] of byUnit) {
    const unit = units[index]!;
    const toks = unit.toks;
    list.sort((a, b) => a.first - b.first || b.last - a.last);
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      // A name word between a title and the span.
      const before = toks[a.first - 1];
      if (a.form === 0 && before?.arabic && !a.role && nameable(before, false) && !isCommonWord(before) && !isRankAt(toks, a.first - 1) && (isRankAt(toks, a.first - 2) || isRoleHead(toks[a.first - 2]))) {
        extra.push({ ...a, first: a.first - 1 });
      }
      for (let j = i + 1; j < list.length && list[j]!.first <= a.last + 1; j++) {
        const b = list[j]!;
        // Side by side, unless the second is a word unlabeled news never uses as a name (بشار الأسد | أقلية).
        if (b.first === a.last + 1 && b.form === 0 && !(b.first === b.last && isCommonWord(unit.toks[b.first]!))) {
          extra.push(joined(a, b));
          continue;
        }
        // One of the two is the tagger's and runs on past the rule's: the rule's span, longer.
        const [rule, tagged] = a.source === 'ner' ? [b, a] : [a, b];
        if (tagged.source === 'ner' && rule.source !== 'ner' && tagged.last > rule.last && tagged.first <= rule.last && addsNameWords(unit, rule.last + 1, tagged.last)) {
          extra.push({ ...rule, last: tagged.last });
        }
      }
    }
  }
  return [...seeds, ...extra];
}
