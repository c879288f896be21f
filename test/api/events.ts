import { gatewayPath } from '../../local/http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * A payload-2.0 event as an API Gateway HTTP API sends it for `<method> <path>?<query>`, `path` as
 * the client sends it (percent-encoded): the event's `rawPath` is decoded, as the service does.
 */
export function apiEvent(path: string, query: Record<string, string> = {}, method = 'GET'): APIGatewayProxyEventV2 {
  const rawPath = gatewayPath(path);
  const rawQueryString = new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', 'user-agent': 'vitest' },
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '15/Mar/2016:12:00:00 +0000',
      timeEpoch: Date.UTC(2016, 2, 15, 12),
    },
    isBase64Encoded: false,
  };
}
