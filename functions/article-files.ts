/**
 * The article's own file behind its record, for the API and the web page: its text (read with the
 * extraction's readers, shared/article-text.ts) and the original bytes as a download. Both read
 * the very version the record was extracted from (its versionId, else its ETag), so the text shown
 * is the text the entities and quotes were found in; a file replaced or deleted since answers
 * `gone` (its new record follows).
 */
import { readArticleText, type ArticleText } from '../shared/article-text';
import type { ObjectContent, ObjectLinks, ObjectReader } from '../shared/ports';
import type { ArticleRecord } from '../shared/record';
import { DEFAULT_MAX_OBJECT_BYTES } from './commons/config';

/** Ingest reads no further than this (its default limit), so the text shown stops there too. */
export const MAX_TEXT_BYTES = DEFAULT_MAX_OBJECT_BYTES;

/**
 * The largest download answered through the function: Lambda returns at most 6 MB, and the bytes
 * travel base64-encoded (4/3 larger). Larger files are a link to fetch from S3 itself (413 where
 * there are no links).
 */
export const MAX_DOWNLOAD_BYTES = 4 * 1024 * 1024;

/** How long a link to a large file stays valid: enough to start the download, S3 checks it once at the start. */
export const LINK_SECONDS = 5 * 60;

export type TextAnswer = { readonly kind: 'text'; readonly versionId: string | null; readonly text: ArticleText | null } | { readonly kind: 'gone' } | { readonly kind: 'unavailable' };

export type FileAnswer =
  | { readonly kind: 'file'; readonly content: ObjectContent; readonly fileName: string }
  | { readonly kind: 'link'; readonly url: string }
  | { readonly kind: 'too-large'; readonly size: number }
  | { readonly kind: 'gone' }
  | { readonly kind: 'unavailable' };

function versionOf(record: ArticleRecord) {
  const { bucket, key, versionId, etag } = record.source;
  return { bucket, key, versionId, etag };
}

/**
 * The record's text, or `gone` when its file changed; `text: null` when the file holds no readable
 * article. Read no further than `maxBytes`: the API and the web page show up to MAX_TEXT_BYTES, the
 * records mirror (functions/mirror.ts) passes ingest's configured limit.
 */
export async function readRecordText(objects: ObjectReader | undefined, record: ArticleRecord, maxBytes: number = MAX_TEXT_BYTES): Promise<TextAnswer> {
  if (!objects) return { kind: 'unavailable' };
  const content = await objects.read(versionOf(record), maxBytes);
  if (!content) return { kind: 'gone' };
  const bytes = content.bytes.length > maxBytes ? content.bytes.subarray(0, maxBytes) : content.bytes;
  return { kind: 'text', versionId: content.versionId, text: readArticleText(bytes, record.source) };
}

/** The file through the function when small enough; else a short-lived link to the record's version in S3 (`too-large` without `links`). */
export async function readRecordFile(objects: ObjectReader | undefined, record: ArticleRecord, links?: ObjectLinks): Promise<FileAnswer> {
  if (!objects) return { kind: 'unavailable' };
  const fileName = record.source.key.split('/').filter(Boolean).at(-1) ?? 'article';
  if (record.source.size > MAX_DOWNLOAD_BYTES) return linkToFile(objects, record, fileName, links);
  const content = await objects.read(versionOf(record), MAX_DOWNLOAD_BYTES);
  if (!content) return { kind: 'gone' };
  if (content.bytes.length > MAX_DOWNLOAD_BYTES) return linkToFile(objects, record, fileName, links);
  return { kind: 'file', content, fileName };
}

async function linkToFile(objects: ObjectReader, record: ArticleRecord, fileName: string, links: ObjectLinks | undefined): Promise<FileAnswer> {
  if (!links) return { kind: 'too-large', size: record.source.size };
  // One byte read, pinned as the small files are: a link to a file that changed since its record
  // would hand out other bytes (a bucket without versions cannot pin the link itself).
  const probe = await objects.read(versionOf(record), 0);
  if (!probe) return { kind: 'gone' };
  const { bucket, key, versionId } = record.source;
  const url = await links.download({ bucket, key, versionId }, { contentDisposition: attachmentHeader(fileName), expiresInSeconds: LINK_SECONDS });
  return { kind: 'link', url };
}

export interface DownloadResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly isBase64Encoded?: boolean;
}

/** Why a record's file is not answered (409) when it changed or was deleted since: the API's text and download answers both say it. */
export const GONE_MESSAGE = 'the file changed or was deleted since its record was made: its new record follows';

const jsonAnswer = (statusCode: number, message: string): DownloadResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify({ message }),
});

/**
 * The HTTP answer that downloads a record's file: the bytes as an attachment, a redirect to a
 * short-lived S3 link when they are too large to return, or why not. Served to programs under
 * `/articles/{key}/original` and to signed-in readers under `/article/{key}?as=original`.
 */
export async function downloadAnswer(objects: ObjectReader | undefined, record: ArticleRecord, links?: ObjectLinks): Promise<DownloadResult> {
  const answer = await readRecordFile(objects, record, links);
  if (answer.kind === 'unavailable') return jsonAnswer(503, 'this server reads no article files');
  if (answer.kind === 'gone') return jsonAnswer(409, GONE_MESSAGE);
  if (answer.kind === 'link') return { statusCode: 302, headers: { location: answer.url, 'cache-control': 'no-store' }, body: '' };
  if (answer.kind === 'too-large') {
    return jsonAnswer(413, `the file is ${answer.size} bytes, over the ${MAX_DOWNLOAD_BYTES} this API returns: fetch s3://${record.source.bucket}/${record.source.key} with an S3 client`);
  }
  return {
    statusCode: 200,
    headers: {
      'content-type': answer.content.contentType ?? 'application/octet-stream',
      'content-disposition': attachmentHeader(answer.fileName),
      // Never rendered on this origin, even by a client that ignores `attachment`.
      'content-security-policy': "sandbox; default-src 'none'",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
    body: Buffer.from(answer.content.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

/**
 * `attachment` with the name twice: plain ASCII for old clients, RFC 5987 UTF-8 for the rest
 * (Arabic names). The file is never shown inline, so a hostile HTML file cannot run on this origin.
 */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7E]|["\\%]/g, '_');
  // RFC 8187 allows none of ' ( ) * ! unencoded in the value, which encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
