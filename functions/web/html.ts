/**
 * HTML built from tagged templates: every interpolated value is escaped unless it is already
 * `SafeHtml` (the output of another `html` template). Article text can therefore only reach a page
 * escaped; there is no "raw" escape hatch for strings.
 *
 *   html`<a href="${url}">${title}</a>`   // url and title escaped (attribute-safe: quotes too)
 */

import { showDirectionOverrides } from '../../shared/direction-controls';

/** Markup made by `html` (or the few constants below): safe to put into a page as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What may go into a template: text (escaped), markup, lists of either, and nothing (`null`, `undefined`, `false`). */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escaped, and with direction overrides shown as `<U+202E>` instead of acting: every text on the
 * pages already sits in an element of its own direction (`dir`, which isolates it), and an
 * override inside would still turn the rest of that text around (shared/direction-controls.ts).
 */
export function escapeHtml(text: string): string {
  return showDirectionOverrides(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** The `dir` attribute value for text of a language: right-to-left scripts get `rtl`, others `auto`. */
export function directionOf(language: { code: string; direction?: 'rtl' | 'ltr' } | string): 'rtl' | 'ltr' | 'auto' {
  if (typeof language !== 'string') return language.direction ?? (RTL_LANGUAGES.has(language.code) ? 'rtl' : 'auto');
  return RTL_LANGUAGES.has(language) ? 'rtl' : 'auto';
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'ps', 'ku', 'sd', 'ug', 'yi']);

/** A `lang` attribute value, or nothing for an undetermined language. */
export function langOf(code: string): string | null {
  return /^[a-z]{2,3}$/.test(code) && code !== 'und' ? code : null;
}
