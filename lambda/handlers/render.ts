/**
 * Render Lambda. On AWS it is woken by the render queue (messages the ingest sent with a delay of
 * the debounce): it then renders the periods whose markers have been quiet for the debounce, each
 * once however many messages arrived. The hourly sweep (an EventBridge schedule) and `bantin
 * local`'s timer render every marked period. Reserved concurrency 1 keeps it the single writer of digests.
 */
import type { Context } from 'aws-lambda';
import { renderDirty, type RenderDeps, type RenderSummary } from '../pipeline/render.ts';
import { emfPublisher } from './emf.ts';
import { JsonLogger } from './logger.ts';
import { renderMetricCounts, type MetricsPublisher } from './metrics.ts';
import { debounceSecondsFromEnv } from './render-request.ts';
import { lazy, runtimeFromEnv, useBundledAssets } from './runtime.ts';

useBundledAssets(import.meta.url);

export interface RenderHandlerDeps extends RenderDeps {
  setLogContext?: (fields: Record<string, unknown>) => void;
  /** Publishes the run's counts once at its end (EMF on Lambda); unset in local mode. */
  metrics?: MetricsPublisher;
  /** The quiet window for runs woken by the render queue (the debounce, less a little clock slack). */
  queueQuietMs?: number;
}

/** Clock slack between the ingest's send, S3's LastModified and the render's clock. */
export const QUIET_SLACK_MS = 2_000;

function isSqsEvent(event: unknown): boolean {
  const records = (event as { Records?: { eventSource?: string }[] } | undefined)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => r?.eventSource === 'aws:sqs');
}

/**
 * A render-queue event (SQS records) renders the markers quiet for the debounce; anything else (the
 * hourly sweep's scheduled event, nothing in local mode) renders every marker.
 */
export type RenderHandler = (event?: unknown, context?: Pick<Context, 'awsRequestId'>) => Promise<RenderSummary>;

export function createRenderHandler(deps: RenderHandlerDeps): RenderHandler {
  return async (event, context) => {
    deps.setLogContext?.({ requestId: context?.awsRequestId ?? null });
    const quietMs = isSqsEvent(event) ? Math.max(0, (deps.queueQuietMs ?? 0) - QUIET_SLACK_MS) : 0;
    let summary: RenderSummary | null = null;
    try {
      summary = await renderDirty({ ...deps, quietMs });
    } finally {
      await deps.metrics?.publish(renderMetricCounts(summary));
    }
    // Failed periods keep their markers and are retried next run; surface them as a Lambda error
    // (alarmed) without losing the work done.
    if (summary.failed.length > 0) throw new Error(`render failed for ${summary.failed.join(', ')}`);
    return summary;
  };
}

const logger = new JsonLogger('bantin-render');
const fromEnv = lazy(() =>
  createRenderHandler({
    ...runtimeFromEnv(),
    log: logger,
    queueQuietMs: debounceSecondsFromEnv() * 1000,
    setLogContext: (f) => logger.setContext(f),
    metrics: emfPublisher('bantin-render', logger),
  }),
);

export const handler = (event: unknown, context: Context): Promise<RenderSummary> => fromEnv()(event, context);
