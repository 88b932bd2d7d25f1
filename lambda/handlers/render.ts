/**
 * Render Lambda. On AWS it is woken by the render queue (messages the ingest sent with a delay of
 * the debounce): it then renders the periods whose markers have been quiet for the debounce, each
 * once however many messages arrived. The hourly sweep (an EventBridge schedule) and `bantin
 * local`'s timer render every marked period. Reserved concurrency 1 keeps it the single writer of digests.
 */
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { DigestPeriodIdSchema } from '../core/digest-model.ts';
import { dirtyPeriodKey } from '../pipeline/keys.ts';
import { renderDirty, renderRequests, type PeriodRequest, type RenderDeps, type RenderSummary } from '../pipeline/render.ts';
import { emfPublisher } from './emf.ts';
import { JsonLogger } from './logger.ts';
import { renderMetricCounts, type MetricsPublisher } from './metrics.ts';
import { debounceSecondsFromEnv, periodDispatcherFromEnv, RENDER_PERIOD_KIND } from './render-request.ts';
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

function sqsRecords(event: unknown): { body?: string; messageId?: string; eventSource?: string }[] | null {
  const records = (event as { Records?: { eventSource?: string }[] } | undefined)?.Records;
  return Array.isArray(records) && records.length > 0 && records.every((r) => r?.eventSource === 'aws:sqs') ? records : null;
}

const PeriodMessageSchema = z
  .object({
    kind: z.literal(RENDER_PERIOD_KIND),
    periodId: DigestPeriodIdSchema,
    marker: z.object({ key: z.string(), etag: z.string().nullable() }).nullable(),
  })
  // The marker a request clears is that period's own dirty marker, never any other key.
  .refine((m) => m.marker === null || m.marker.key === dirtyPeriodKey(m.periodId), { message: "marker.key is not the period's dirty marker", path: ['marker', 'key'] });

/** The period requests of a render-period queue event, or null for any other event (a wake-up, the sweep). */
function periodRequests(records: { body?: string }[] | null, log: RenderDeps['log']): PeriodRequest[] | null {
  if (!records) return null;
  const bodies = records.map((r) => {
    try {
      return JSON.parse(r.body ?? '') as unknown;
    } catch {
      return null;
    }
  });
  if (!bodies.some((b) => (b as { kind?: unknown } | null)?.kind === RENDER_PERIOD_KIND)) return null;
  const out: PeriodRequest[] = [];
  for (const body of bodies) {
    const parsed = PeriodMessageSchema.safeParse(body);
    // A malformed request cannot be rendered by retrying it: say why and drop it (its marker, if any, stays for the sweep).
    if (!parsed.success) log.error('render-period message ignored: not a period request', { body, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    else out.push({ periodId: parsed.data.periodId, marker: parsed.data.marker });
  }
  return out;
}

/**
 * A render-queue event (SQS records) renders the markers quiet for the debounce; anything else (the
 * hourly sweep's scheduled event, nothing in local mode) renders every marker.
 */
export type RenderHandler = (event?: unknown, context?: Pick<Context, 'awsRequestId'>) => Promise<RenderSummary>;

export function createRenderHandler(deps: RenderHandlerDeps): RenderHandler {
  return async (event, context) => {
    deps.setLogContext?.({ requestId: context?.awsRequestId ?? null });
    const records = sqsRecords(event);
    const requests = periodRequests(records, deps.log);
    const quietMs = records ? Math.max(0, (deps.queueQuietMs ?? 0) - QUIET_SLACK_MS) : 0;
    let summary: RenderSummary | null = null;
    try {
      // A render-period message: that one period (docs/pipeline.md, "One period per invocation"); anything else: a run.
      summary = requests ? await renderRequests(deps, requests) : await renderDirty({ ...deps, quietMs });
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
    dispatch: periodDispatcherFromEnv(),
    setLogContext: (f) => logger.setContext(f),
    metrics: emfPublisher('bantin-render', logger),
  }),
);

export const handler = (event: unknown, context: Context): Promise<RenderSummary> => fromEnv()(event, context);
