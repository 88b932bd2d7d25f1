/**
 * Render Lambda, run by a schedule (the debounce): renders every period marked dirty since the
 * last run, once each. Reserved concurrency 1 keeps it the single writer of digests.
 */
import type { Context } from 'aws-lambda';
import { renderDirty, type RenderDeps, type RenderSummary } from '../pipeline/render.ts';
import { JsonLogger } from './logger.ts';
import { lazy, runtimeFromEnv, useBundledAssets } from './runtime.ts';

useBundledAssets(import.meta.url);

export interface RenderHandlerDeps extends RenderDeps {
  setLogContext?: (fields: Record<string, unknown>) => void;
}

/** The event is ignored (an EventBridge scheduled event on AWS, nothing in local mode). */
export type RenderHandler = (event?: unknown, context?: Pick<Context, 'awsRequestId'>) => Promise<RenderSummary>;

export function createRenderHandler(deps: RenderHandlerDeps): RenderHandler {
  return async (_event, context) => {
    deps.setLogContext?.({ requestId: context?.awsRequestId ?? null });
    const summary = await renderDirty(deps);
    // Failed periods keep their markers and are retried next run; surface them as a Lambda error
    // (alarmed) without losing the work done.
    if (summary.failed.length > 0) throw new Error(`render failed for ${summary.failed.join(', ')}`);
    return summary;
  };
}

const logger = new JsonLogger('bantin-render');
const fromEnv = lazy(() => createRenderHandler({ ...runtimeFromEnv(), log: logger, setLogContext: (f) => logger.setContext(f) }));

export const handler = (event: unknown, context: Context): Promise<RenderSummary> => fromEnv()(event, context);
