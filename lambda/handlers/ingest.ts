/**
 * Ingest Lambda: SQS batches of S3 notifications for `incoming/` and `corrections/` -> ingestUpload for each object.
 * Reports partial batch failures, so only the failed messages are retried (then dead-lettered).
 */
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseArticle } from '../core/parse.ts';
import { ingestUpload, type IngestDeps, type IngestOutcome } from '../pipeline/ingest.ts';
import { errorFields } from '../pipeline/log.ts';
import { parseS3Notification } from '../pipeline/s3-event.ts';
import { emfPublisher } from './emf.ts';
import { JsonLogger } from './logger.ts';
import { ingestMetricCounts, type MetricsPublisher } from './metrics.ts';
import { renderRequesterFromEnv } from './render-request.ts';
import { lazy, runtimeFromEnv } from './runtime.ts';

export interface IngestHandlerDeps extends IngestDeps {
  /** Notifications for any other bucket are ignored. */
  bucket: string;
  /**
   * Asks for a render a debounce from now (the render queue on AWS). Called once per batch that
   * marked periods dirty; unset in local mode, whose timer renders. A failure is logged, not
   * retried: the markers stay and the hourly sweep renders them.
   */
  requestRender?: (reason: Record<string, unknown>) => Promise<void>;
  /**
   * Receives the correlation fields (the request id; while a message is handled, its SQS message
   * id and the S3 object key) for every log line (the JSON logger); optional elsewhere.
   */
  setLogContext?: (fields: Record<string, unknown>) => void;
  /** Publishes the invocation's counts once at its end (EMF on Lambda); unset in local mode. */
  metrics?: MetricsPublisher;
}

export type IngestHandler = (
  event: SQSEvent,
  context?: Pick<Context, 'awsRequestId'> & Partial<Pick<Context, 'getRemainingTimeInMillis'>>,
) => Promise<SQSBatchResponse & { outcomes: IngestOutcome[] }>;

/**
 * Time kept in hand before each message: a message is started only while this much of the
 * invocation is left (a parse is bounded to about 2 s; reads and writes take the rest). What is
 * not started is handed back as failed items and retried on its own, so an invocation that runs
 * long never times out with its whole batch, good neighbours included, counted as failed.
 */
export const INGEST_TIME_RESERVE_MS = 15_000;

export function createIngestHandler(deps: IngestHandlerDeps): IngestHandler {
  return async (event, context) => {
    const requestId = context?.awsRequestId ?? null;
    deps.setLogContext?.({ requestId });
    const batchItemFailures: SQSBatchItemFailure[] = [];
    const outcomes: IngestOutcome[] = [];
    // One message at a time: a batch may hold a create and a delete of the same key.
    for (const [i, record] of event.Records.entries()) {
      const left = context?.getRemainingTimeInMillis?.();
      if (left !== undefined && left < INGEST_TIME_RESERVE_MS) {
        const rest = event.Records.slice(i);
        batchItemFailures.push(...rest.map((r) => ({ itemIdentifier: r.messageId })));
        deps.log.warn('invocation time running out; messages handed back for retry', { handedBack: rest.length, remainingMs: left });
        break;
      }
      deps.setLogContext?.({ requestId, messageId: record.messageId });
      try {
        for (const change of parseS3Notification(record.body)) {
          deps.setLogContext?.({ requestId, messageId: record.messageId, objectKey: change.key });
          if (change.bucket !== deps.bucket) {
            deps.log.warn('notification for another bucket ignored', { bucket: change.bucket, key: change.key });
            continue;
          }
          const outcome = await ingestUpload(deps, change.key);
          outcomes.push(outcome);
          deps.log.debug('object change handled', { eventName: change.eventName, key: change.key, status: outcome.status });
        }
      } catch (error) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
        deps.log.error('message failed', { messageId: record.messageId, receiveCount: record.attributes?.ApproximateReceiveCount, ...errorFields(error) });
      }
    }
    deps.setLogContext?.({ requestId });
    const dirty = new Set(outcomes.flatMap((o) => ('dirty' in o ? o.dirty : [])));
    if (dirty.size > 0 && deps.requestRender) {
      try {
        await deps.requestRender({ periods: [...dirty].sort().slice(0, 50) });
      } catch (error) {
        deps.log.error('render request failed; the hourly sweep renders the dirty periods', { periods: dirty.size, ...errorFields(error) });
      }
    }
    deps.log.info('batch done', {
      messages: event.Records.length,
      failed: batchItemFailures.length,
      ingested: outcomes.filter((o) => o.status === 'ingested').length,
      rejected: outcomes.filter((o) => o.status === 'rejected').length,
      removed: outcomes.filter((o) => o.status === 'removed').length,
      corrected: outcomes.filter((o) => o.status === 'corrected').length,
    });
    await deps.metrics?.publish(ingestMetricCounts(outcomes));
    return { batchItemFailures, outcomes };
  };
}

const logger = new JsonLogger('bantin-ingest');
const fromEnv = lazy(() => {
  const runtime = runtimeFromEnv();
  return createIngestHandler({
    ...runtime,
    log: logger,
    parse: parseArticle,
    requestRender: renderRequesterFromEnv(),
    setLogContext: (f) => logger.setContext(f),
    metrics: emfPublisher('bantin-ingest', logger),
  });
});

export const handler = (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => fromEnv()(event, context);
