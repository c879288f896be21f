/**
 * The projector function: the table's stream (NEW_AND_OLD_IMAGES) -> the index items beside the
 * article items. For each change of an article item it applies `projectChange(old, new)`
 * (shared/projection.ts): puts the entity, band and marker items of the new image, deletes the
 * old image's items the new one has not. Keys are deterministic, so a change applied twice leaves
 * the same items.
 *
 * Order matters per key (a change applied after the next one would bring back what that one took
 * away), so once a change fails, the later changes of the same key in the batch are not applied
 * either and are reported with it: on Lambda the stream restarts from the first failure (changes
 * applied after it are applied again, in order, harmlessly); the local change feed
 * (local/change-feed.ts) keeps each key's changes in order the same way.
 *
 * Changes of other items (the index items themselves, anything that is not an article item) are
 * ignored: the stream carries every write of the table.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { createDynamoClients, createS3Client } from '../adapters/clients';
import { createDynamoIndexWriter } from '../adapters/dynamo-store';
import { createS3MirrorStore } from '../adapters/s3-mirror';
import { createS3ObjectReader } from '../adapters/s3-objects';
import { ARTICLE_SORT_KEY } from '../shared/items';
import { isMarker, projectChange, recordOfImage } from '../shared/projection';
import type { IndexWriter } from '../shared/ports';
import { PREFIX, TABLE } from '../shared/table';
import { readIngestConfig } from './commons/config';
import type { IngestLogger, IngestMetrics } from './ingest';
import { projectToMirror, type MirrorDependencies } from './mirror';

export interface ProjectorDependencies {
  readonly index: IndexWriter;
  /** The records mirror (functions/mirror.ts); without it only the index items are kept. */
  readonly mirror?: MirrorDependencies;
  readonly logger: IngestLogger;
  readonly metrics: IngestMetrics;
}

export type ProjectorHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

type Image = Record<string, unknown>;

/** Markers remembered as written; past this many the memory starts over (a few puts again). */
const MAX_REMEMBERED_MARKERS = 50_000;

function imageOf(image: unknown): Image | null {
  return image ? (unmarshall(image as Parameters<typeof unmarshall>[0]) as Image) : null;
}

/** The article key a change is about, or null when it is not an article item's change. */
function articleKeyOf(record: DynamoDBRecord): string | null {
  const keys = imageOf(record.dynamodb?.Keys);
  const pk = keys?.[TABLE.partitionKey.name];
  if (typeof pk !== 'string' || keys?.[TABLE.sortKey.name] !== ARTICLE_SORT_KEY || !pk.startsWith(PREFIX.article)) return null;
  return pk.slice(PREFIX.article.length);
}

export function createProjectorHandler({ index, mirror, logger, metrics }: ProjectorDependencies): ProjectorHandler {
  // Markers never change and are never deleted: a container puts each about once.
  const markersWritten = new Set<string>();

  async function project(record: DynamoDBRecord): Promise<void> {
    const oldImage = imageOf(record.dynamodb?.OldImage);
    const newImage = imageOf(record.dynamodb?.NewImage);
    const change = projectChange(oldImage, newImage);
    const puts = change.puts.filter((item) => !(isMarker(item) && markersWritten.has(`${item.pk}\u0000${item.sk}`)));
    await index.apply({ puts, deletes: change.deletes });
    if (markersWritten.size > MAX_REMEMBERED_MARKERS) markersWritten.clear();
    for (const item of puts) if (isMarker(item)) markersWritten.add(`${item.pk}\u0000${item.sk}`);
    metrics.addMetric('IndexItemsPut', MetricUnit.Count, puts.length);
    metrics.addMetric('IndexItemsDeleted', MetricUnit.Count, change.deletes.length);
    if (mirror) await projectToMirror(mirror, recordOfImage(oldImage), recordOfImage(newImage));
  }

  return async (event) => {
    const failures: { itemIdentifier: string }[] = [];
    const blocked = new Set<string>();
    try {
      for (const record of event.Records) {
        const key = articleKeyOf(record);
        if (key === null) continue;
        const id = record.dynamodb?.SequenceNumber ?? record.eventID ?? key;
        if (blocked.has(key)) {
          failures.push({ itemIdentifier: id });
          continue;
        }
        try {
          await project(record);
        } catch (error) {
          blocked.add(key);
          failures.push({ itemIdentifier: id });
          logger.error('change not projected, left for a retry', { key, eventName: record.eventName, sequenceNumber: id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
          metrics.addMetric('ChangeFailed', MetricUnit.Count, 1);
        }
      }
      return { batchItemFailures: failures };
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Lambda entry point, wired on the first invocation (as functions/ingest.ts).

let wired: ProjectorHandler | undefined;

function wireFromEnvironment(): ProjectorHandler {
  const config = readIngestConfig(process.env);
  const logger = new Logger({ serviceName: config.serviceName, logLevel: config.logLevel });
  const metrics = new Metrics({ namespace: config.metricsNamespace, serviceName: config.serviceName });
  const s3 = config.mirrorBucket === null ? null : createS3Client();
  const mirror = s3 && config.mirrorBucket ? { store: createS3MirrorStore(s3, config.mirrorBucket), objects: createS3ObjectReader(s3), maxBytes: config.maxObjectBytes } : undefined;
  return createProjectorHandler({ index: createDynamoIndexWriter({ doc: createDynamoClients().doc, tableName: config.tableName }), ...(mirror ? { mirror } : {}), logger, metrics });
}

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => (wired ??= wireFromEnvironment())(event, context);
