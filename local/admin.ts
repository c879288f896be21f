/**
 * Local-only admin routes on the local API server (127.0.0.1), in front of the api handler: how
 * `dateline dlq` reaches the dead-letter list of a running stack, whose data folder is locked.
 *
 *   GET  /_local/dead-letters           the dead letters, as the queue keeps them
 *   POST /_local/dead-letters/redrive   moves them (all, or `{"messageIds": [...]}`) back into the queue
 *   POST /_local/reindex                `{"bucket", "keys": [...], "force"?}`: one reindex message per key
 *                                       into the queue (`dateline reindex`)
 *
 * Each request must carry the header `x-dateline-admin: 1`: a web page cannot add a custom header
 * to a cross-origin request without a CORS preflight, which this server never grants, so a page
 * open in a browser cannot redrive anything. Nothing of this exists on AWS (there the CLI uses
 * SQS itself).
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { reindexMessageBody } from '../shared/s3-event';
import type { LocalQueue } from './queue';

export const ADMIN_PREFIX = '/_local/dead-letters';
export const ADMIN_HEADER = 'x-dateline-admin';
export const REINDEX_PATH = '/_local/reindex';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

const RedriveRequest = z.object({ messageIds: z.array(z.string().min(1)).optional() }).strict();
const ReindexRequest = z.object({ bucket: z.string().min(1), keys: z.array(z.string().min(1)), force: z.boolean().optional() }).strict();

/** Serves the admin routes from the queue `queue()` returns (null until the queue is open); everything else goes to `api`. */
export function withLocalAdmin(api: Handler, queue: () => LocalQueue | null): Handler {
  return async (event, context) => {
    if (event.rawPath !== ADMIN_PREFIX && event.rawPath !== REINDEX_PATH && !event.rawPath.startsWith(`${ADMIN_PREFIX}/`)) return api(event, context);
    if (event.headers[ADMIN_HEADER] !== '1') return json(403, { message: `local admin requests need the header ${ADMIN_HEADER}: 1` });
    const open = queue();
    if (!open) return json(503, { message: 'the queue is not open yet' });
    const method = event.requestContext.http.method.toUpperCase();
    if (event.rawPath === ADMIN_PREFIX && method === 'GET') return json(200, { deadLetters: open.deadLetters() });
    if (event.rawPath === `${ADMIN_PREFIX}/redrive` && method === 'POST') {
      const body = RedriveRequest.safeParse(parseJson(event.body ?? '{}'));
      if (!body.success) return json(400, { message: `expected {"messageIds": [...]} or {}: ${body.error.issues[0]?.message ?? 'invalid'}` });
      return json(200, { redriven: await open.redrive(body.data.messageIds) });
    }
    if (event.rawPath === REINDEX_PATH && method === 'POST') {
      const body = ReindexRequest.safeParse(parseJson(event.body ?? '{}'));
      if (!body.success) return json(400, { message: `expected {"bucket": ..., "keys": [...]}: ${body.error.issues[0]?.message ?? 'invalid'}` });
      const { bucket, keys, force = false } = body.data;
      for (const key of keys) open.send(reindexMessageBody(bucket, key, force));
      return json(200, { sent: keys.length });
    }
    return json(404, { message: `no such admin route: ${method} ${event.rawPath}` });
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text || '{}');
  } catch {
    return null;
  }
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}
