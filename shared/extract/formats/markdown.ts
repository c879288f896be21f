/**
 * Markdown with optional YAML-style front matter. Only what articles use is read: flat
 * `key: value` front matter, ATX and setext headings, paragraphs (lines joined), list items and
 * block quotes as blocks; inline markup is reduced to its text. Code blocks are not article text.
 */
import type { Problem } from '../../record';
import type { Block } from '../draft';
import { nextOf, nextWhere } from '../offsets';
import { charge } from '../work';
import { metadataFromFields, type ParsedDocument } from './document';

const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(---|\.\.\.)[ \t]*$/;
const FRONT_MATTER_FIELD = /^([A-Za-z_][\w.:-]*)[ \t]*:[ \t]*(.*)$/;
const FRONT_MATTER_LINE = /^([A-Za-z_][\w.:-]*[ \t]*:.*|[ \t]+.*|[ \t]*-.*|[ \t]*#.*|[ \t]*)$/;
const MAX_FRONT_MATTER_LINES = 200;

interface FrontMatter {
  readonly fields: Map<string, string>;
  readonly bodyStart: number;
  readonly problems: Problem[];
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return withoutComment(v);
}

/**
 * A value without its ` # comment`, as `v.replace(/\s+#.*$/, '')` gives it (that regex retries
 * every space of a long run of spaces and rescans the run each time).
 */
function withoutComment(v: string): string {
  const lastBreak = Math.max(v.lastIndexOf('\r'), v.lastIndexOf('\u2028'), v.lastIndexOf('\u2029'), v.lastIndexOf('\n'));
  for (let hash = v.indexOf('#', lastBreak + 1); hash !== -1; hash = v.indexOf('#', hash + 1)) {
    if (!/\s/.test(v.charAt(hash - 1)) || hash === 0) continue;
    let start = hash - 1;
    while (start > 0 && /\s/.test(v.charAt(start - 1))) start--;
    return v.slice(0, start);
  }
  return v;
}

function readFrontMatter(lines: readonly string[]): FrontMatter {
  if (!FRONT_MATTER_OPEN.test(lines[0] ?? '')) return { fields: new Map(), bodyStart: 0, problems: [] };
  // The block runs while lines look like YAML (fields, indented or list lines, comments, blanks).
  let end = 1;
  while (end < Math.min(lines.length, MAX_FRONT_MATTER_LINES) && !FRONT_MATTER_CLOSE.test(lines[end] ?? '') && FRONT_MATTER_LINE.test(lines[end] ?? '')) end++;
  const closed = FRONT_MATTER_CLOSE.test(lines[end] ?? '');
  const problems: Problem[] = [];
  if (!closed) {
    // Unclosed: the `key: value` lines right after `---` are still read; the body starts at the
    // first line that is not one.
    end = 1;
    while (end < lines.length && FRONT_MATTER_FIELD.test(lines[end] ?? '')) end++;
    problems.push({ code: 'malformed-front-matter', message: `The front matter opened with \`---\` is never closed; its first ${end - 1} field lines were read and the rest is body.` });
  }
  const fields = new Map<string, string>();
  for (const line of lines.slice(1, end)) {
    const field = FRONT_MATTER_FIELD.exec(line);
    // Nested maps and lists are not article metadata Dateline reads; they are skipped.
    if (field?.[1] && field[2] !== undefined && field[2].trim() !== '' && !/^[[{|>]/.test(field[2].trim())) {
      fields.set(field[1], unquote(field[2]));
    }
  }
  return { fields, bodyStart: closed ? end + 1 : end, problems };
}

const isVisible = (ch: string | undefined): boolean => ch !== undefined && ch !== '' && !/\s/.test(ch);

/**
 * `prefix` text `]` `tailOpen` target `tailClose` (a link, an image, a reference link) replaced
 * by its text (or nothing), as the global regex `\[([^\]\n]*)\]\(([^)\n]*)\)` would, in one pass.
 */
function replaceLinks(line: string, prefix: string, tailOpen: string, tailClose: string, keepText: boolean): string {
  const bodyEnd = nextOf(line, ']\n');
  const tailEnd = nextOf(line, `${tailClose}\n`);
  let out = '';
  let at = 0;
  for (let i = line.indexOf(prefix); i !== -1; ) {
    const j = bodyEnd(i + prefix.length);
    if (j === -1) break;
    if (line[j] === ']' && line[j + 1] === tailOpen) {
      const k = tailEnd(j + 2);
      if (k === -1) break;
      if (line[k] === tailClose) {
        out += line.slice(at, i) + (keepText ? line.slice(i + prefix.length, j) : '');
        at = k + 1;
        i = line.indexOf(prefix, at);
        continue;
      }
    }
    i = line.indexOf(prefix, i + 1);
  }
  return out + line.slice(at);
}

/** Inline HTML tags (`<b>`, `</span>`) removed, as `/<\/?[a-zA-Z][^>\n]*>/g` would, in one pass. */
function removeInlineTags(line: string): string {
  const tagEnd = nextOf(line, '>\n');
  let out = '';
  let at = 0;
  for (let i = line.indexOf('<'); i !== -1; i = line.indexOf('<', Math.max(i + 1, at))) {
    const name = line[i + 1] === '/' ? i + 2 : i + 1;
    if (!/[a-zA-Z]/.test(line.charAt(name))) continue;
    const end = tagEnd(name + 1);
    if (end === -1) break;
    if (line[end] !== '>') continue;
    out += line.slice(at, i);
    at = end + 1;
  }
  return out + line.slice(at);
}

/**
 * `**strong**` and `__strong__` unwrapped, as `/(\*\*|__)(?=\S)([^*\n]*?\S)\1/g` would, in one
 * pass. The inside has no `*` or newline except that its last (visible) character may be a `*`,
 * so a `**` closes at the first `*` after the opening or the one after it.
 */
function unwrapStrong(text: string): string {
  const barrier = nextOf(text, '*\n');
  const underscores = nextWhere(text, (k) => text[k] === '_' && text[k + 1] === '_' && isVisible(text[k - 1]));
  let out = '';
  let at = 0;
  for (let i = 0; i + 1 < text.length; ) {
    const mark = text[i] === '*' && text[i + 1] === '*' ? '*' : text[i] === '_' && text[i + 1] === '_' ? '_' : null;
    if (mark === null || !isVisible(text[i + 2])) {
      i++;
      continue;
    }
    const s = barrier(i + 2);
    let close = -1;
    if (mark === '*') {
      if (s !== -1) close = [s, s + 1].find((k) => k >= i + 3 && text[k] === '*' && text[k + 1] === '*' && isVisible(text[k - 1])) ?? -1;
    } else {
      const k = underscores(i + 3);
      if (k !== -1 && (s === -1 || k <= s + 1)) close = k;
    }
    if (close === -1) {
      i++;
      continue;
    }
    out += text.slice(at, i) + text.slice(i + 2, close);
    at = i = close + 2;
  }
  return out + text.slice(at);
}

/** `*emphasis*` unwrapped, as `/\*(?=\S)([^*\n]*?\S)\* /g` would, in one pass (see unwrapStrong). */
function unwrapEmphasis(text: string): string {
  const barrier = nextOf(text, '*\n');
  let out = '';
  let at = 0;
  for (let i = 0; i < text.length; ) {
    if (text[i] !== '*' || !isVisible(text[i + 1])) {
      i++;
      continue;
    }
    const s = barrier(i + 1);
    const close = s === -1 ? -1 : ([s, s + 1].find((k) => k >= i + 2 && text[k] === '*' && isVisible(text[k - 1])) ?? -1);
    if (close === -1) {
      i++;
      continue;
    }
    out += text.slice(at, i) + text.slice(i + 1, close);
    at = i = close + 1;
  }
  return out + text.slice(at);
}

/** Inline Markdown to plain text: images dropped, links to their text, emphasis and code unwrapped. */
export function inlineText(line: string): string {
  charge(line.length);
  let text = replaceLinks(line, '![', '(', ')', false);
  text = replaceLinks(text, '[', '(', ')', true);
  text = replaceLinks(text, '[', '[', ']', true);
  text = text.replace(/`([^`\n]*)`/g, '$1');
  return removeInlineTags(unwrapEmphasis(unwrapStrong(text)))
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The opening of an ATX heading; its closing `#`s are cut by atxHeading (a lazy `(.*?)#*$` rescans a run of `#`). */
const ATX_OPENING = /^(#{1,6})[ \t]+/;
const SETEXT_UNDERLINE = /^(=+|-+)[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/;
const RULE = /^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/;
const FENCE = /^[ \t]*(```|~~~)/;

/** `## Title ##` -> level and text, as `^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$` would read it. */
function atxHeading(line: string): { level: number; text: string } | null {
  charge(line.length);
  const opening = ATX_OPENING.exec(line);
  if (!opening?.[1] || /[\r\u2028\u2029]/.test(line)) return null;
  let end = line.length;
  const trailing = (chars: string) => {
    while (end > opening[0].length && chars.includes(line.charAt(end - 1))) end--;
  };
  trailing(' \t');
  trailing('#');
  trailing(' \t');
  return { level: opening[1].length, text: line.slice(opening[0].length, end) };
}

function bodyBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let separated = false;
  let inFence = false;
  const push = (text: string, heading: number | null) => {
    const clean = inlineText(text);
    if (clean) blocks.push({ text: clean, heading, separated: separated && blocks.length > 0 });
    separated = false;
  };
  const flush = () => {
    if (paragraph.length > 0) push(paragraph.join(' '), null);
    paragraph = [];
  };
  for (const line of lines) {
    if (FENCE.test(line)) {
      flush();
      inFence = !inFence;
      separated = true;
      continue;
    }
    if (inFence) continue;
    if (line.trim() === '') {
      flush();
      separated = true;
      continue;
    }
    const atx = atxHeading(line);
    if (atx) {
      flush();
      push(atx.text, atx.level);
      continue;
    }
    if (paragraph.length === 1 && SETEXT_UNDERLINE.test(line)) {
      const text = paragraph[0] ?? '';
      paragraph = [];
      push(text, line.trim().startsWith('=') ? 1 : 2);
      continue;
    }
    if (RULE.test(line)) {
      flush();
      separated = true;
      continue;
    }
    const quoteless = line.replace(/^[ \t]*(>[ \t]?)+/, '');
    if (LIST_ITEM.test(quoteless)) {
      flush();
      paragraph = [quoteless.replace(LIST_ITEM, '')];
      continue;
    }
    paragraph.push(quoteless.trim());
  }
  flush();
  return blocks;
}

export function parseMarkdown(text: string): ParsedDocument {
  const lines = text.split('\n');
  const front = readFrontMatter(lines);
  const blocks = bodyBlocks(lines.slice(front.bodyStart));
  const metadata = metadataFromFields(front.fields);
  // A leading `# Heading` is the title when the front matter gives none.
  const first = blocks[0];
  if (first?.heading === 1) {
    blocks.shift();
    return { metadata: { ...metadata, title: metadata.title ?? first.text }, blocks, problems: front.problems };
  }
  return { metadata, blocks, problems: front.problems };
}
