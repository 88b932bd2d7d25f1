/**
 * Finalisation: once a period has ended (in the configured time zone) its digest is rendered once
 * more and marked final. This only marks such periods dirty; the next render run does the work,
 * so the renderer stays the single writer of digests.
 */
import type { ObjectStore } from '../storage/object-store.ts';
import type { PipelineConfig } from './config.ts';
import { dirtyPeriodKey } from './keys.ts';
import type { Logger } from './log.ts';
import { isEnded, listPeriodStatuses } from './state.ts';

export interface FinaliseDeps {
  store: ObjectStore;
  config: PipelineConfig;
  log: Logger;
  now?: () => Date;
}

export async function markEndedPeriods(deps: FinaliseDeps): Promise<string[]> {
  const now = deps.now?.() ?? new Date();
  const due = (await listPeriodStatuses(deps.store)).filter((s) => !s.final && isEnded(s.periodId, now, deps.config.timeZone));
  await Promise.all(due.map((s) => deps.store.put(dirtyPeriodKey(s.periodId), JSON.stringify({ at: now.toISOString(), reason: 'finalise' }))));
  deps.log.info('periods due for finalisation', { periods: due.map((s) => s.periodId) });
  return due.map((s) => s.periodId);
}
