/**
 * Ingest hands its NER taggers to the extractor, loading only the model of the article's language:
 * an Arabic article through the real handler, s3rver and dynalite, with the committed models.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDynamoStore } from '../../adapters/dynamo-store';
import { lazyNerTaggers } from '../../adapters/ner-taggers';
import { createS3ObjectReader } from '../../adapters/s3-objects';
import { createIngestHandler } from '../../functions/ingest';
import type { NerLang } from '../../shared/ner/labels';
import { createTagger } from '../../shared/ner/tagger';
import { loadNerModel } from '../../models/load';
import { startServers, type TestServers } from '../helpers/servers';
import { nextSequencer, s3Notification, sqsEvent, sqsMessage } from './events';
import { recordingLogger, recordingMetrics } from './recorders';

const ARTICLE = readFileSync(path.join(import.meta.dirname, '../fixtures/ingest/homs-school-reopens.ar.txt'));

let servers: TestServers;
beforeAll(async () => {
  servers = await startServers();
});
afterAll(() => servers?.stop());

it('loads the Arabic model alone for an Arabic article, and its tags reach the record', async () => {
  const loads: NerLang[] = [];
  let tagged = 0;
  const ner = lazyNerTaggers((lang) => {
    loads.push(lang);
    const tagger = createTagger(loadNerModel(lang));
    return { ...tagger, tagDocument: (sentences) => ((tagged += sentences.length), tagger.tagDocument(sentences)) };
  });
  const store = createDynamoStore({ doc: servers.doc, tableName: servers.tableName });
  const handler = createIngestHandler({ store, objects: createS3ObjectReader(servers.s3), maxBytes: 1 << 20, logger: recordingLogger(), metrics: recordingMetrics(), ner });
  const { ETag } = await servers.s3.send(new PutObjectCommand({ Bucket: servers.bucket, Key: 'ner/homs.txt', Body: ARTICLE }));
  const event = sqsEvent(sqsMessage(s3Notification({ eventName: 'ObjectCreated:Put', bucket: servers.bucket, key: 'ner/homs.txt', etag: ETag!.replace(/"/g, ''), size: ARTICLE.length, sequencer: nextSequencer() })));

  expect(await handler(event)).toEqual({ batchItemFailures: [] });

  expect(loads).toEqual(['ar']);
  expect(tagged).toBeGreaterThan(0);
  const record = await store.get('ner/homs.txt');
  expect(record?.status).toBe('ok');
  expect(record?.problems.map((p) => p.code)).not.toContain('ner-failed');
  expect(record!.entities.place.length + record!.entities.person.length + record!.entities.organization.length).toBeGreaterThan(0);
});
