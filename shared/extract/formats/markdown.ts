/**
 * Markdown with optional YAML-style front matter. Only what articles use is read: flat
 * `key: value` front matter, ATX and setext headings, paragraphs (lines joined), list items and
 * block quotes as blocks; inline markup is reduced to its text. Code blocks are not article text.
 */
import type { Problem } from '../../record';
import type { Block } from '../draft';
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
  return v.replace(/\s+#.*$/, '');
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

/** Inline Markdown to plain text: images dropped, links to their text, emphasis and code unwrapped. */
export function inlineText(line: string): string {
  // Monster lines skip the emphasis patterns, whose backtracking grows with the line.
  if (line.length > 20_000) return line.replace(/\s+/g, ' ').trim();
  return line
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, '')
    .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/\[([^\]\n]*)\]\[[^\]\n]*\]/g, '$1')
    .replace(/`([^`\n]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*\n]*?\S)\1/g, '$2')
    .replace(/\*(?=\S)([^*\n]*?\S)\*/g, '$1')
    .replace(/<\/?[a-zA-Z][^>\n]*>/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

const ATX_HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const SETEXT_UNDERLINE = /^(=+|-+)[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+/;
const RULE = /^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/;
const FENCE = /^[ \t]*(```|~~~)/;

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
    const atx = ATX_HEADING.exec(line);
    if (atx?.[1] && atx[2] !== undefined) {
      flush();
      push(atx[2], atx[1].length);
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
