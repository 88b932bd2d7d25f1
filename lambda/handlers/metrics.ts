/**
 * The handlers' CloudWatch metrics, counted from their outcomes and summaries (the pipeline and
 * core never count or publish anything). The Lambda wiring passes an EMF publisher (emf.ts); local
 * mode and tests pass none, so nothing is published there.
 */
import type { IngestOutcome } from '../pipeline/ingest.ts';
import type { RenderSummary } from '../pipeline/render.ts';

export const METRICS_NAMESPACE = 'Bantin';

export interface MetricCount {
  name: string;
  value: number;
  /** Extra dimensions beyond `service` (e.g. the rejection reason). */
  dimensions?: Record<string, string>;
}

/** Publishes one invocation's counts (one flush at its end). */
export interface MetricsPublisher {
  publish(counts: MetricCount[]): Promise<void>;
}

/**
 * ArticlesIngested, CorrectionsApplied (correction files that, once read, apply to their article:
 * applied or excluding it), both always, zero included; ArticlesRejected per reason.
 */
export function ingestMetricCounts(outcomes: readonly IngestOutcome[]): MetricCount[] {
  const rejected = new Map<string, number>();
  for (const o of outcomes) if (o.status === 'rejected') rejected.set(o.reason, (rejected.get(o.reason) ?? 0) + 1);
  return [
    { name: 'ArticlesIngested', value: outcomes.filter((o) => o.status === 'ingested').length },
    { name: 'CorrectionsApplied', value: outcomes.filter((o) => o.status === 'corrected' && o.applied).length },
    ...[...rejected].sort(([a], [b]) => a.localeCompare(b)).map(([reason, value]) => ({ name: 'ArticlesRejected', value, dimensions: { reason } })),
  ];
}

/** DigestsRendered and RenderFailures (failed periods; 1 when the run itself threw). */
export function renderMetricCounts(summary: RenderSummary | null): MetricCount[] {
  return [
    { name: 'DigestsRendered', value: summary?.rendered.length ?? 0 },
    { name: 'RenderFailures', value: summary ? summary.failed.length : 1 },
  ];
}
