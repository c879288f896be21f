/**
 * What the uploader says about an object in its S3 user metadata: `x-amz-meta-published` (the date
 * of record) and `x-amz-meta-title`. They come first in the order of trust (published.ts): whoever
 * uploaded the file knew the story. `source.metadata` holds them as S3 returns them, names without
 * the `x-amz-meta-` prefix and in lower case.
 *
 * HTTP headers carry ASCII only, so S3 (and `dateline drop`) put other text in RFC 2047 encoded
 * words (`=?UTF-8?B?...?=`); they are decoded here, for any S3 client's uploads alike.
 */
import { capText, LIMITS, type Extractor } from './draft';

export const PUBLISHED_METADATA = 'published';
export const TITLE_METADATA = 'title';

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string | null {
  if (!/^utf-?8$/i.test(charset) && !/^us-ascii$/i.test(charset)) return null;
  const bytes =
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** A header value with its RFC 2047 encoded words decoded (white space between two of them dropped, as the RFC says). */
export function decodeHeaderValue(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => decodeWord(charset, encoding, text) ?? word)
    .trim();
}

/** A value as an HTTP header may carry it: ASCII as it is, anything else as one UTF-8 encoded word. */
export function encodeHeaderValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** One user metadata entry by name (any case), decoded; null when absent or blank. */
export function objectMetadataValue(metadata: Readonly<Record<string, string>>, name: string): string | null {
  for (const [key, value] of Object.entries(metadata)) {
    if (key.toLowerCase() !== name) continue;
    const decoded = decodeHeaderValue(value).replace(/\s+/g, ' ').trim();
    return decoded || null;
  }
  return null;
}

/** `x-amz-meta-title` replaces whatever title the file itself gave (or did not give). */
export const applyObjectTitle: Extractor = (draft) => {
  const title = objectMetadataValue(draft.source.metadata, TITLE_METADATA);
  if (title === null) return draft;
  const capped = capText(title, LIMITS.titleChars);
  return { ...draft, title: capped.text, truncated: capped.cut ? { ...draft.truncated, title: title.length } : draft.truncated };
};
