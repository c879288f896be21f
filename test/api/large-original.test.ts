/**
 * Downloads too large for a Lambda response (`GET /articles/{key}/original` over 4 MB), against
 * s3rver and dynalite: the api answers with a redirect to a presigned GetObject URL, and that URL,
 * fetched as a browser would (no credentials, no extra headers), gives the file's exact bytes as an
 * attachment. Presigning is offline, so the same adapter serves s3rver here and S3 on AWS.
 */
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticleQueries } from '../../adapters/queries';
import { createS3ObjectLinks } from '../../adapters/s3-links';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createApiHandler } from '../../functions/api';
import { LINK_SECONDS, MAX_DOWNLOAD_BYTES } from '../../functions/article-files';
import { extractRecord } from '../../shared/extract';
import type { ArticleRecord } from '../../shared/record';
import { putProjected } from '../helpers/projection';
import { startServers, type TestServers } from '../helpers/servers';
import { apiEvent } from './events';

const KEY = 'scans/أرشيف 2026/large scan.pdf';
const BYTES = randomBytes(MAX_DOWNLOAD_BYTES + 123_457);

let servers: TestServers;
let withLinks: ReturnType<typeof createApiHandler>;
let withoutLinks: ReturnType<typeof createApiHandler>;
let record: ArticleRecord;

const originalPath = (key: string) => `/articles/${encodeURIComponent(key)}/original`;

async function putFile(key: string, body: Uint8Array): Promise<ArticleRecord> {
  const put = await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: key, Body: body, ContentType: 'application/pdf' }));
  const source = {
    bucket: servers.bucket,
    key,
    versionId: put.VersionId ?? null,
    etag: (put.ETag ?? '').replaceAll('"', ''),
    size: body.length,
    contentType: 'application/pdf',
    sequencer: `00${Date.now().toString(16).toUpperCase()}`,
    uploadedAt: new Date().toISOString(),
    metadata: {},
  };
  return extractRecord({ bytes: body, source, now: new Date().toISOString() });
}

beforeAll(async () => {
  servers = await startServers();
  record = await putFile(KEY, BYTES);
  await putProjected(servers.doc, servers.tableName, [record]);
  const queries = createArticleQueries({ doc: servers.doc, tableName: servers.tableName });
  const objects = createS3ObjectReader(servers.s3);
  withLinks = createApiHandler({ queries, objects, links: createS3ObjectLinks(servers.s3), logger: { error: () => undefined } });
  withoutLinks = createApiHandler({ queries, objects, logger: { error: () => undefined } });
}, 60_000);

afterAll(() => servers?.stop());

describe('a file over the response limit', () => {
  it('is a redirect to a short-lived S3 link that downloads the exact bytes as an attachment', async () => {
    const result = await withLinks(apiEvent(originalPath(KEY)));
    expect(result.statusCode).toBe(302);
    expect(result.headers['cache-control']).toBe('no-store');
    expect(result.body).toBe('');
    const location = new URL(result.headers.location ?? '');
    expect(location.origin).toBe(servers.s3Endpoint);
    expect(location.searchParams.get('X-Amz-Expires')).toBe(String(LINK_SECONDS));
    // Only the host is signed: a browser following the redirect sends nothing else that must match.
    expect(location.searchParams.get('X-Amz-SignedHeaders')).toBe('host');

    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="large scan.pdf"; filename*=UTF-8''large%20scan.pdf`);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(BYTES.length);
    expect(bytes.equals(BYTES)).toBe(true);
  });

  it('is a link that stops working after LINK_SECONDS', async () => {
    // s3rver does not check SigV4 signatures (S3 does), but it honours the link's date and expiry.
    const location = new URL((await withLinks(apiEvent(originalPath(KEY)))).headers.location ?? '');
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const issued = new Date(Date.now() - (LINK_SECONDS + 60) * 1000).toISOString().replace(/[-:]|\.\d+/g, '');
    location.searchParams.set('X-Amz-Date', issued);
    const late = await fetch(location);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });

  it("names the record's version in the signed link", async () => {
    const url = new URL(await createS3ObjectLinks(servers.s3).download({ bucket: servers.bucket, key: KEY, versionId: 'v-3' }, { contentDisposition: 'attachment', expiresInSeconds: 60 }));
    expect(url.searchParams.get('versionId')).toBe('v-3');
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment');
  });

  it('answers 413 where the api has no links, and 409, not a link, once the file changed since its record', async () => {
    expect((await withoutLinks(apiEvent(originalPath(KEY)))).statusCode).toBe(413);
    await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: KEY, Body: randomBytes(BYTES.length), ContentType: 'application/pdf' }));
    const result = await withLinks(apiEvent(originalPath(KEY)));
    expect(result.statusCode).toBe(409);
    expect(result.headers.location).toBeUndefined();
  });
});
