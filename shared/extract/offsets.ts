/**
 * Lookups by offset in lists sorted by position (a unit's tokens, its mentions, quote spans):
 * a binary search instead of a scan, so that a rule asking "the token before this quote" for
 * every quote of a paragraph stays linear in the paragraph, not quadratic.
 */
import { charge } from './work';

/**
 * The index of the first item for which `before` is false, in a list where `before` holds for
 * a prefix and fails for the rest (the list's length when it holds for all).
 */
export function partitionPoint<T>(list: readonly T[], before: (item: T) => boolean): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    charge(1);
    const mid = (low + high) >>> 1;
    if (before(list[mid]!)) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

/** How many tokens end at or before `offset` (tokens do not overlap: their ends ascend). */
export const countEndingBy = (toks: readonly Span[], offset: number): number => partitionPoint(toks, (t) => t.end <= offset);

/** The index of the first token starting after `offset`, or -1. */
export function firstStartingAfter(toks: readonly Span[], offset: number): number {
  const i = partitionPoint(toks, (t) => t.start <= offset);
  return i < toks.length ? i : -1;
}

/** The index of the token covering `offset` (start <= offset < end), or -1. */
export function tokenAt(toks: readonly Span[], offset: number): number {
  const i = countEndingBy(toks, offset);
  return i < toks.length && toks[i]!.start <= offset ? i : -1;
}

/**
 * A finder of the next offset where `is` holds that only moves forward: asked from offsets that
 * never decrease, it scans the text once in all (a regex like `\[[^\]]*\]` retried at each of n
 * `[` without a `]` after them scans the rest of the line n times). -1 when there is none.
 */
export function nextWhere(text: string, is: (at: number) => boolean): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    found = -1;
    let i = from;
    for (; i < text.length; i++) {
      if (is(i)) {
        found = i;
        break;
      }
    }
    charge(i - from + 1);
    return found;
  };
}

export const nextOf = (text: string, chars: string) => nextWhere(text, (at) => chars.includes(text.charAt(at)));
