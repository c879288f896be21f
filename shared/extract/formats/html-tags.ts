/**
 * Finding tags in a page in one forward pass. A tag regex like `<a\b[^>]*>` retried at each of
 * n `<a ` with no `>` after them scans the rest of the page n times (120 KB of `<a ` took
 * seconds, 1 MB minutes); here every tag ends at the first `>` after its name, found by a finder
 * that only moves forward, and once no `>` is left no tag is.
 */
import { nextOf } from '../offsets';
import { charge } from '../work';

export interface TagMatch {
  /** Offset of `<`. */
  readonly start: number;
  /** Offset after `>`. */
  readonly end: number;
  /** Offset after the name. */
  readonly nameEnd: number;
  readonly closing: boolean;
  /** Lower case. */
  readonly name: string;
}

const isWordChar = (ch: string): boolean => /[A-Za-z0-9_]/.test(ch);
const isNameChar = (ch: string): boolean => /[\w:-]/.test(ch);
const isLetter = (ch: string): boolean => /[A-Za-z]/.test(ch);

/** One scanner per pass: its `>` finder must be asked from offsets that never go back. */
export class TagScanner {
  private readonly closeAt: (from: number) => number;

  constructor(private readonly html: string) {
    this.closeAt = nextOf(html, '>');
  }

  /**
   * The next `<name\b[^>]*>` at or after `from` whose name (a run of word characters) is one of
   * `names`, and `</name\b[^>]*>` too when `closing`, as the case-insensitive regex finds it.
   */
  named(from: number, names: ReadonlySet<string>, closing: boolean): TagMatch | null {
    const html = this.html;
    for (let i = html.indexOf('<', from); i !== -1; i = html.indexOf('<', i + 1)) {
      charge(i - from + 1);
      from = i + 1;
      const slash = closing && html[i + 1] === '/';
      const nameStart = i + (slash ? 2 : 1);
      let nameEnd = nameStart;
      while (nameEnd < html.length && isWordChar(html.charAt(nameEnd))) nameEnd++;
      charge(nameEnd - nameStart);
      const name = html.slice(nameStart, nameEnd).toLowerCase();
      if (!names.has(name)) continue;
      const close = this.closeAt(nameEnd);
      if (close === -1) return null;
      return { start: i, end: close + 1, nameEnd, closing: slash, name };
    }
    return null;
  }

  /** The next tag at or after `from` as `/<(\/?)([a-zA-Z][\w:-]*)(?:\s[^>]*)?\/?>/g` finds it. */
  any(from: number): TagMatch | null {
    const html = this.html;
    for (let i = html.indexOf('<', from); i !== -1; i = html.indexOf('<', i + 1)) {
      charge(i - from + 1);
      from = i + 1;
      const slash = html[i + 1] === '/';
      const nameStart = i + (slash ? 2 : 1);
      if (!isLetter(html.charAt(nameStart))) continue;
      let nameEnd = nameStart + 1;
      while (nameEnd < html.length && isNameChar(html.charAt(nameEnd))) nameEnd++;
      charge(nameEnd - nameStart);
      const next = html.charAt(nameEnd);
      let end = -1;
      if (next === '>') end = nameEnd + 1;
      else if (next === '/' && html[nameEnd + 1] === '>') end = nameEnd + 2;
      else if (/\s/.test(next)) {
        const close = this.closeAt(nameEnd + 1);
        if (close === -1) return null;
        end = close + 1;
      }
      if (end !== -1) return { start: i, end, nameEnd, closing: slash, name: html.slice(nameStart, nameEnd).toLowerCase() };
    }
    return null;
  }
}

/** The page without its tags, as `html.replace(/<[^>]*>/g, '')` gives it. */
export function withoutTags(html: string): string {
  charge(html.length);
  const parts: string[] = [];
  let at = 0;
  for (let open = html.indexOf('<'); open !== -1; open = html.indexOf('<', at)) {
    const close = html.indexOf('>', open + 1);
    if (close === -1) break;
    parts.push(html.slice(at, open));
    at = close + 1;
  }
  parts.push(html.slice(at));
  return parts.join('');
}

/**
 * `name="value"`, `name='value'` and `name=value` pairs of one tag's text, as
 * `/([a-zA-Z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g` reads them. A try that
 * fails fails for every start inside the same name, so the scan goes on after the name.
 */
export function attributePairs(tag: string): [string, string][] {
  charge(tag.length);
  const pairs: [string, string][] = [];
  const double = nextOf(tag, '"');
  const single = nextOf(tag, "'");
  let i = 0;
  while (i < tag.length) {
    if (!/[a-zA-Z_:]/.test(tag.charAt(i))) {
      i++;
      continue;
    }
    let nameEnd = i + 1;
    while (nameEnd < tag.length && /[\w:.-]/.test(tag.charAt(nameEnd))) nameEnd++;
    let k = nameEnd;
    while (/\s/.test(tag.charAt(k)) && k < tag.length) k++;
    if (tag[k] !== '=') {
      i = nameEnd;
      continue;
    }
    k++;
    while (/\s/.test(tag.charAt(k)) && k < tag.length) k++;
    const quote = tag[k];
    let value: string | null = null;
    let end = k;
    if (quote === '"' || quote === "'") {
      const close = (quote === '"' ? double : single)(k + 1);
      if (close !== -1) {
        value = tag.slice(k + 1, close);
        end = close + 1;
      }
    } else {
      while (end < tag.length && !/[\s"'>]/.test(tag.charAt(end))) end++;
      if (end > k) value = tag.slice(k, end);
    }
    if (value === null) {
      i = nameEnd;
      continue;
    }
    pairs.push([tag.slice(i, nameEnd), value]);
    i = end;
  }
  return pairs;
}
