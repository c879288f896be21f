/**
 * JSON article objects: `title`/`headline`, a body (`body`, `text`, `content`, `articleBody`,
 * a string or a list of paragraphs, plain or HTML), `date`/`published`, `source`/`agency`-like
 * fields. A wrapper such as `{ "article": { ... } }` is unwrapped; of a list, the first item is read.
 */
import type { Problem } from '../../record';
import type { Block } from '../draft';
import { fieldKey, metadataFromFields, type ParsedDocument } from './document';
import { parseHtml } from './html';
import { parseText } from './text';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const BODY_FIELDS = ['body', 'articleBody', 'text', 'content', 'story', 'article', 'fulltext', 'paragraphs', 'summary', 'description'].map(fieldKey);
const DATE_FIELD = /date|time|publish|created/i;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function bodyField(object: JsonObject): Json | undefined {
  const byKey = new Map(Object.entries(object).map(([k, v]) => [fieldKey(k), v] as const));
  for (const key of BODY_FIELDS) {
    const value = byKey.get(key);
    if (typeof value === 'string' || Array.isArray(value)) return value;
  }
  return undefined;
}

/** Descends through single-object wrappers (`{ "data": { "article": {...} } }`) to the article. */
function unwrap(object: JsonObject): JsonObject {
  let current = object;
  for (let depth = 0; depth < 3 && bodyField(current) === undefined; depth++) {
    const inner = Object.values(current).filter(isObject);
    if (inner.length !== 1 || !inner[0]) break;
    current = inner[0];
  }
  return current;
}

/** An epoch number in a date-like field as ISO time; other numbers as written. */
function scalarText(key: string, value: number): string {
  const ms = value >= 1e12 && value < 1e13 ? value : value >= 1e9 && value < 1e10 ? value * 1000 : null;
  return ms !== null && DATE_FIELD.test(key) ? new Date(ms).toISOString() : String(value);
}

/** Flat `field -> text`: strings and numbers as they are, `{ name }` objects and string lists by their text. */
function fields(object: JsonObject): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string') flat.set(key, value);
    else if (typeof value === 'number') flat.set(key, scalarText(key, value));
    else if (isObject(value) && typeof value['name'] === 'string') flat.set(key, value['name']);
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) flat.set(key, value.join(', '));
  }
  return flat;
}

function textBlocks(text: string): Block[] {
  return /<(p|br|div|h[1-6])\b/i.test(text) ? parseHtml(text).blocks : parseText(text);
}

function bodyBlocks(body: Json | undefined): Block[] {
  if (typeof body === 'string') return textBlocks(body);
  if (!Array.isArray(body)) return [];
  return body.flatMap((item) => {
    if (typeof item === 'string') return textBlocks(item);
    if (isObject(item) && typeof item['text'] === 'string') return textBlocks(item['text']);
    return [];
  }).map((block, i) => ({ ...block, separated: i > 0 }));
}

/** Null when the text is not JSON at all: the caller reads it as text and says so. */
export function parseJson(text: string): ParsedDocument | null {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return null;
  }
  const problems: Problem[] = [];
  if (Array.isArray(value)) {
    problems.push({ code: 'json-list', message: `The JSON is a list of ${value.length} items; only the first article object was read.` });
    value = value.find(isObject) ?? null;
  }
  if (typeof value === 'string') return { metadata: metadataFromFields(new Map()), blocks: parseText(value), problems };
  if (!isObject(value)) return { metadata: metadataFromFields(new Map()), blocks: [], problems: [...problems, { code: 'json-not-article', message: 'The JSON holds no article object.' }] };
  const article = unwrap(value);
  return { metadata: metadataFromFields(fields(article)), blocks: bodyBlocks(bodyField(article)), problems };
}
