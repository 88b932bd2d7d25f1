/**
 * Finalise Lambda, run daily: marks periods that have ended since their last render dirty, so the
 * next render run renders them once more as final.
 */
import type { Context } from 'aws-lambda';
import { markEndedPeriods, type FinaliseDeps } from '../pipeline/finalise.ts';
import { JsonLogger } from './logger.ts';
import { lazy, runtimeFromEnv } from './runtime.ts';

export interface FinaliseHandlerDeps extends FinaliseDeps {
  setLogContext?: (fields: Record<string, unknown>) => void;
}

export type FinaliseHandler = (event?: unknown, context?: Pick<Context, 'awsRequestId'>) => Promise<{ due: string[] }>;

export function createFinaliseHandler(deps: FinaliseHandlerDeps): FinaliseHandler {
  return async (_event, context) => {
    deps.setLogContext?.({ requestId: context?.awsRequestId ?? null });
    return { due: await markEndedPeriods(deps) };
  };
}

const logger = new JsonLogger('bantin-finalise');
const fromEnv = lazy(() => createFinaliseHandler({ ...runtimeFromEnv(), log: logger, setLogContext: (f) => logger.setContext(f) }));

export const handler = (event: unknown, context: Context): Promise<{ due: string[] }> => fromEnv()(event, context);
