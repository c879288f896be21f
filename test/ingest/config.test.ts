import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_OBJECT_BYTES, readIngestConfig } from '../../functions/commons/config';
import { handler } from '../../functions/ingest';

describe('readIngestConfig', () => {
  it('takes TABLE_NAME and defaults the rest', () => {
    expect(readIngestConfig({ TABLE_NAME: 'dateline-articles' })).toEqual({
      tableName: 'dateline-articles',
      maxObjectBytes: 10 * 1024 * 1024,
      mirrorBucket: null,
      serviceName: 'ingest',
      metricsNamespace: 'Dateline',
      logLevel: 'INFO',
    });
    expect(DEFAULT_MAX_OBJECT_BYTES).toBe(10 * 1024 * 1024);
  });

  it('reads the records mirror bucket the projector writes to', () => {
    expect(readIngestConfig({ TABLE_NAME: 'dateline-articles', MIRROR_BUCKET: 'dateline-mirror' }).mirrorBucket).toBe('dateline-mirror');
  });

  it('reads the limit and the Powertools settings', () => {
    const config = readIngestConfig({
      TABLE_NAME: 'articles',
      MAX_OBJECT_BYTES: '2048',
      POWERTOOLS_SERVICE_NAME: 'dateline-ingest',
      POWERTOOLS_METRICS_NAMESPACE: 'DatelineTest',
      POWERTOOLS_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({ maxObjectBytes: 2048, serviceName: 'dateline-ingest', metricsNamespace: 'DatelineTest', logLevel: 'DEBUG' });
  });

  it.each([
    ['TABLE_NAME missing', {}, /TABLE_NAME is required/],
    ['TABLE_NAME too short', { TABLE_NAME: 'ab' }, /TABLE_NAME/],
    ['MAX_OBJECT_BYTES not a number', { TABLE_NAME: 'articles', MAX_OBJECT_BYTES: '10MB' }, /MAX_OBJECT_BYTES/],
    ['MAX_OBJECT_BYTES zero', { TABLE_NAME: 'articles', MAX_OBJECT_BYTES: '0' }, /MAX_OBJECT_BYTES/],
    ['an unknown log level', { TABLE_NAME: 'articles', POWERTOOLS_LOG_LEVEL: 'LOUD' }, /POWERTOOLS_LOG_LEVEL/],
  ])('fails with a ConfigError naming the variable: %s', (_label, env, message) => {
    expect(() => readIngestConfig(env)).toThrow(ConfigError);
    expect(() => readIngestConfig(env)).toThrow(message);
  });
});

describe('the Lambda entry point', () => {
  const saved = process.env.TABLE_NAME;
  afterEach(() => {
    if (saved === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = saved;
  });

  it('can be imported without an environment, and fails its first call with a clear ConfigError', async () => {
    delete process.env.TABLE_NAME;
    await expect(handler({ Records: [] }, {} as Context)).rejects.toThrow(ConfigError);
    await expect(handler({ Records: [] }, {} as Context)).rejects.toThrow(/TABLE_NAME is required/);
  });
});
