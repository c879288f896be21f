/**
 * Unicode direction controls made visible, for text shown to people (the CLI's tables, the web
 * page). An embedding or override (U+202A–U+202E) or an isolate (U+2066–U+2069) reorders all the
 * text after it, so `\u202Egnp.exe` reads as `exe.png`; the marks (LRM U+200E, RLM U+200F, ALM
 * U+061C) reorder the neutral characters around them. Shown as `<U+202E>`, a control no longer acts
 * and the reader sees it is there. Pure; the records keep the text as it was.
 */

/** Controls that reorder the rest of the text: never wanted in what Dateline shows. */
const OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/g;
/** The same and the marks: nothing in a key (an identifier) needs a mark, so a key shows them all. */
const OVERRIDES_AND_MARKS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g;

const visible = (control: string): string => `<U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;

/** Prose (titles, quotes, names): embeddings, overrides and isolates shown; marks, which Arabic text uses, kept. */
export function showDirectionOverrides(text: string): string {
  return text.replace(OVERRIDES, visible);
}

/** Object keys: every direction control shown. */
export function showDirectionControls(key: string): string {
  return key.replace(OVERRIDES_AND_MARKS, visible);
}
