/**
 * The CLI keeps its own copy of the local stack's defaults, because importing local/stack.ts would
 * load s3rver and dynalite into every `dateline get`. This keeps the copy honest.
 */
import { describe, expect, it } from 'vitest';
import { LOCAL_DEFAULTS as LOCAL_STACK_DEFAULTS, LOCAL_HOST } from '../../local/stack';
import { LOCAL_DEFAULTS } from '../../cli/context';

describe('the CLI local target', () => {
  it('uses the host, data folder, ports, bucket and table the local stack starts with', () => {
    expect({
      host: LOCAL_DEFAULTS.host,
      dataDir: LOCAL_DEFAULTS.dataDir,
      s3Port: LOCAL_DEFAULTS.s3Port,
      dynamoPort: LOCAL_DEFAULTS.dynamodbPort,
      apiPort: LOCAL_DEFAULTS.apiPort,
      bucket: LOCAL_DEFAULTS.bucket,
      table: LOCAL_DEFAULTS.table,
    }).toEqual({
      host: LOCAL_HOST,
      dataDir: LOCAL_STACK_DEFAULTS.dataDir,
      s3Port: LOCAL_STACK_DEFAULTS.s3Port,
      dynamoPort: LOCAL_STACK_DEFAULTS.dynamoPort,
      apiPort: LOCAL_STACK_DEFAULTS.apiPort,
      bucket: LOCAL_STACK_DEFAULTS.bucket,
      table: LOCAL_STACK_DEFAULTS.table,
    });
  });
});
