/**
 * HTML pages to blocks and metadata. The article is the largest `<article>` (else `<main>`,
 * else `<body>`); its block elements become blocks and `<h1>`–`<h6>` headings. Scripts,
 * styles, navigation, forms and asides are dropped unread: text from a page is data, never code.
 * Metadata comes from `<title>`, `<meta name|property|itemprop>` and `<time datetime>`.
 *
 * Every scan here moves forward through the string (no nested backtracking; tags are found by
 * html-tags.ts, not by regexes that rescan an unclosed tag), so a hostile page costs time
 * proportional to its size.
 */
import type { Block } from '../draft';
import { metadataFromFields, type ParsedDocument } from './document';
import { nextOf } from '../offsets';
import { attributePairs, TagScanner, withoutTags } from './html-tags';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', shy: '', zwnj: '\u200C', zwj: '\u200D',
  lrm: '\u200E', rlm: '\u200F', hellip: '…', mdash: '—', ndash: '–', laquo: '«', raquo: '»', ldquo: '“',
  rdquo: '”', lsquo: '‘', rsquo: '’', bdquo: '„', sbquo: '‚', copy: '©', reg: '®', trade: '™', deg: '°',
  middot: '·', bull: '•', times: '×', divide: '÷', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§',
  para: '¶', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë', agrave: 'à', acirc: 'â', auml: 'ä',
  ccedil: 'ç', icirc: 'î', iuml: 'ï', ocirc: 'ô', ouml: 'ö', ucirc: 'û', ugrave: 'ù', uuml: 'ü',
  ntilde: 'ñ', szlig: 'ß', Eacute: 'É', Agrave: 'À', Ccedil: 'Ç',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
      return valid ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Elements whose content is never article text. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'nav', 'aside', 'form', 'button', 'select', 'figcaption', 'footer']);
/** Of these, an unclosed one takes the rest of the page with it (its content is not markup). */
const RAW_TEXT = new Set(['script', 'style']);

function removeComments(html: string): string {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const open = html.indexOf('<!--', at);
    if (open === -1) break;
    parts.push(html.slice(at, open));
    const close = html.indexOf('-->', open + 4);
    at = close === -1 ? html.length : close + 3;
  }
  parts.push(html.slice(at));
  return parts.join(' ');
}

function removeDroppedElements(html: string): string {
  const tags = new TagScanner(html);
  const parts: string[] = [];
  // Searches only move forward: once no closing tag of a name is left, none will be found later.
  const unclosed = new Set<string>();
  let at = 0;
  for (let match = tags.named(0, DROPPED, false); match; match = tags.named(at, DROPPED, false)) {
    const { name } = match;
    parts.push(html.slice(at, match.start));
    if (html.slice(match.start, match.end).endsWith('/>')) {
      at = match.end;
      continue;
    }
    const close = new RegExp(`</${name}\\s*>`, 'gi');
    close.lastIndex = match.end;
    const end = unclosed.has(name) ? null : close.exec(html);
    if (!end) unclosed.add(name);
    at = end ? close.lastIndex : RAW_TEXT.has(name) ? html.length : match.end;
  }
  parts.push(html.slice(at));
  return parts.join(' ');
}

/** Contents of each outermost `<name>` element, in document order. */
function elementContents(html: string, name: string): string[] {
  const tags = new TagScanner(html);
  const names = new Set([name]);
  const found: string[] = [];
  let depth = 0;
  let start = 0;
  for (let match = tags.named(0, names, true); match; match = tags.named(match.end, names, true)) {
    if (!match.closing) {
      if (depth === 0) start = match.end;
      depth++;
    } else if (depth > 0) {
      depth--;
      if (depth === 0) found.push(html.slice(start, match.start));
    }
  }
  if (depth > 0) found.push(html.slice(start));
  return found;
}

const visibleLength = (html: string): number => withoutTags(html).replace(/\s+/g, '').length;

function articleRegion(html: string): string {
  const articles = elementContents(html, 'article');
  if (articles.length > 0) {
    const sized = articles.map((html) => ({ html, size: visibleLength(html) }));
    return sized.reduce((best, a) => (a.size > best.size ? a : best)).html;
  }
  return elementContents(html, 'main')[0] ?? elementContents(html, 'body')[0] ?? html;
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'blockquote', 'section', 'article', 'header', 'figure', 'table', 'tr', 'td', 'th',
  'pre', 'br', 'hr', 'dl', 'dt', 'dd', 'main', 'address', 'center', 'details', 'summary', 'caption', 'body',
]);

function toBlocks(region: string): Block[] {
  const blocks: Block[] = [];
  const tags = new TagScanner(region);
  let text: string[] = [];
  let heading: number | null = null;
  let headerDepth = 0;
  const flush = (asHeading: number | null) => {
    const clean = decodeEntities(text.join('')).replace(/\s+/g, ' ').trim();
    text = [];
    // Inside <header> only headings are article text; the rest is byline, date, share links.
    if (clean && (headerDepth === 0 || asHeading !== null)) blocks.push({ text: clean, heading: asHeading, separated: blocks.length > 0 });
  };
  let at = 0;
  for (let match = tags.any(0); match; match = tags.any(at)) {
    text.push(region.slice(at, match.start));
    at = match.end;
    const { closing, name } = match;
    const level = /^h[1-6]$/.test(name) ? Number(name[1]) : null;
    if (level !== null) {
      flush(closing ? heading : null);
      heading = closing ? null : level;
    } else if (BLOCK_TAGS.has(name)) {
      flush(heading);
      if (name === 'header') headerDepth = Math.max(0, headerDepth + (closing ? -1 : 1));
    }
  }
  text.push(region.slice(at));
  flush(heading);
  return blocks;
}

function readAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [name, value] of attributePairs(tag)) attributes.set(name.toLowerCase(), decodeEntities(value));
  return attributes;
}

const META = new Set(['meta']);

function metaFields(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  const tags = new TagScanner(html);
  for (let m = tags.named(0, META, false); m; m = tags.named(m.end, META, false)) {
    const attributes = readAttributes(html.slice(m.start, m.end));
    const name = attributes.get('property') ?? attributes.get('name') ?? attributes.get('itemprop');
    const content = attributes.get('content');
    if (name && content && !fields.has(name)) fields.set(name, content);
  }
  return fields;
}

const cleanText = (raw: string | undefined): string | null => (raw ? decodeEntities(raw).replace(/\s+/g, ' ').trim() || null : null);

const TITLE = new Set(['title']);

/** `<title>…</title>`: the text of the first title element closed before any other tag. */
function titleText(html: string): string | null {
  const tags = new TagScanner(html);
  for (let m = tags.named(0, TITLE, false); m; m = tags.named(m.end, TITLE, false)) {
    const next = html.indexOf('<', m.end);
    if (next === -1) return null;
    if (html.slice(next, next + 8).toLowerCase() === '</title>') return cleanText(html.slice(m.end, next));
  }
  return null;
}

/**
 * The `datetime` of the first `<time>` that has one, as
 * `/<time\b[^>]*\bdatetime\s*=\s*["']([^"']+)["']/i` finds it: of a tag's `datetime`s the last
 * that has a value, the value running to the next quote (past a `>` if need be).
 */
function timeDatetime(html: string): string | null {
  const tagEnd = nextOf(html, '>');
  const quote = nextOf(html, `"'`);
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    let nameEnd = i + 1;
    while (nameEnd < html.length && /\w/.test(html.charAt(nameEnd))) nameEnd++;
    if (html.slice(i + 1, nameEnd).toLowerCase() !== 'time') continue;
    const close = tagEnd(nameEnd);
    const end = close === -1 ? html.length : close;
    const attribute = /\bdatetime\s*=\s*["']/gi;
    const tag = html.slice(nameEnd, end);
    let value: string | null = null;
    for (let a = attribute.exec(tag); a; a = attribute.exec(tag)) {
      const from = nameEnd + attribute.lastIndex;
      const to = quote(from);
      if (to > from) value = html.slice(from, to);
    }
    if (value !== null) return cleanText(value);
    // Every later start inside this tag sees a part of the same text: none can match.
    if (close === -1) return null;
    i = close;
  }
  return null;
}

export function parseHtml(source: string): ParsedDocument {
  const html = removeComments(source);
  const fields = metaFields(html);
  const titleElement = titleText(html);
  const body = removeDroppedElements(html);
  const region = articleRegion(body);
  const blocks = toBlocks(region);

  // The visible headline wins over the share title, which wins over the window title.
  const h1 = blocks.findIndex((b) => b.heading === 1);
  const headline = h1 === -1 ? null : (blocks[h1]?.text ?? null);
  if (h1 !== -1) blocks.splice(h1, 1);
  const metadata = metadataFromFields(fields);
  const timeElement = timeDatetime(region);
  return {
    metadata: {
      ...metadata,
      title: headline ?? metadata.title ?? titleElement,
      published: metadata.published ?? timeElement,
    },
    blocks,
    problems: [],
  };
}
