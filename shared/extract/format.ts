/**
 * Which format the file is in, and its body as blocks plus the metadata its markup carries.
 * The key's extension decides first, then a specific Content-Type, then the content itself.
 * A file that claims a format it does not hold (broken JSON) is read as text, with a problem.
 */
import { NO_METADATA, withProblem, type Extractor, type Format, type MetadataSource } from './draft';
import type { ParsedDocument } from './formats/document';
import { parseHtml } from './formats/html';
import { parseJson } from './formats/json';
import { parseMarkdown } from './formats/markdown';
import { parseText } from './formats/text';

const BY_EXTENSION: Record<string, Format> = {
  txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html', json: 'json',
};

const BY_CONTENT_TYPE: Record<string, Format> = {
  'text/plain': 'text', 'text/markdown': 'markdown', 'text/x-markdown': 'markdown', 'text/html': 'html',
  'application/xhtml+xml': 'html', 'application/json': 'json', 'text/json': 'json',
};

function sniff(text: string): Format {
  const head = text.slice(0, 2_000).trimStart();
  if (/^(\{\s*["}]|\[\s*[{"[\]])/.test(head)) return 'json';
  if (/^(<!doctype html|<html\b|<\?xml[^>]*>\s*<html\b)/i.test(head) || /<(article|body|p)\b[^>]*>/i.test(head)) return 'html';
  if (/^---[ \t]*\n/.test(head) || /^#{1,6}[ \t]+\S/.test(head)) return 'markdown';
  return 'text';
}

/** The format the file says it is (extension, then Content-Type), else what its content looks like. */
export function claimedFormat(key: string, contentType: string | null, text: string): Format {
  const extension = /\.([A-Za-z0-9]+)$/.exec(key)?.[1]?.toLowerCase();
  const byExtension = extension ? BY_EXTENSION[extension] : undefined;
  if (byExtension) return byExtension;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const byType = mediaType ? BY_CONTENT_TYPE[mediaType] : undefined;
  return byType ?? sniff(text);
}

const METADATA_SOURCE: Record<Format, MetadataSource | null> = { text: null, markdown: 'front-matter', html: 'html', json: 'metadata' };

export const detectFormat: Extractor = (draft) => {
  let format = claimedFormat(draft.source.key, draft.source.contentType, draft.text);
  let parsed: ParsedDocument;
  let next = draft;
  if (format === 'json') {
    const json = parseJson(draft.text);
    if (json) parsed = json;
    else {
      next = withProblem(next, 'malformed-json', 'The file looks like JSON but does not parse; it was read as plain text.');
      format = 'text';
      parsed = { metadata: NO_METADATA, blocks: parseText(draft.text), problems: [] };
    }
  } else if (format === 'html') parsed = parseHtml(draft.text);
  else if (format === 'markdown') parsed = parseMarkdown(draft.text);
  else parsed = { metadata: NO_METADATA, blocks: parseText(draft.text), problems: [] };

  return {
    ...next,
    format,
    metadata: parsed.metadata,
    metadataSource: METADATA_SOURCE[format],
    blocks: parsed.blocks,
    problems: [...next.problems, ...parsed.problems],
  };
};
