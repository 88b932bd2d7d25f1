/**
 * The debounced render: rebuild the month aggregates and digests marked dirty since the last run,
 * each once however many uploads touched it, then the index. Runs on a schedule (EventBridge on
 * AWS, a timer in local mode), one run at a time (the render Lambda's reserved concurrency is 1):
 * it is the only writer of `state/months/`, `state/periods/` and `digests/`.
 */
import { aggregateMonth, combineAggregates } from '../core/aggregate.ts';
import { MonthAggregateSchema, type Digest, type MonthAggregate } from '../core/digest-model.ts';
import { ArticleSchema, RejectionSchema, type Article, type Rejection } from '../core/model.ts';
import { periodLabel } from '../core/periods.ts';
import { renderDigestHtml } from '../core/render/html.ts';
import { renderIndexHtml } from '../core/render/index.ts';
import { renderDigestPdf } from '../core/render/pdf.ts';
import { getJson, putJson, type ObjectStore } from '../storage/object-store.ts';
import type { PipelineConfig } from './config.ts';
import {
  digestKeys,
  DIRTY_MONTHS,
  DIRTY_PERIODS,
  INDEX_KEY,
  memberPrefix,
  monthAggregateKey,
  periodStatusKey,
} from './keys.ts';
import { errorFields, type Logger } from './log.ts';
import {
  clearDirty,
  isEnded,
  listDirty,
  listPeriodStatuses,
  mapLimit,
  MembershipSchema,
  monthsOfPeriod,
  PeriodStatusSchema,
  type PeriodStatus,
} from './state.ts';

export interface RenderDeps {
  store: ObjectStore;
  config: PipelineConfig;
  log: Logger;
  now?: () => Date;
}

export interface RenderSummary {
  months: string[];
  rendered: { periodId: string; generation: number; final: boolean; articles: number }[];
  removed: string[];
  failed: string[];
  indexWritten: boolean;
}

const READ_CONCURRENCY = 16;
const HTML = 'text/html; charset=utf-8';

export async function renderDirty(deps: RenderDeps): Promise<RenderSummary> {
  const { store, log } = deps;
  const summary: RenderSummary = { months: [], rendered: [], removed: [], failed: [], indexWritten: false };

  for (const marker of await listDirty(store, DIRTY_MONTHS)) {
    try {
      await rebuildMonth(deps, marker.id);
      summary.months.push(marker.id);
      await clearDirty(store, marker);
    } catch (error) {
      // Its periods would render stale data: leave every marker for the next run.
      summary.failed.push(marker.id);
      log.error('month aggregation failed', { month: marker.id, ...errorFields(error) });
    }
  }
  const failedMonths = new Set(summary.failed);

  for (const marker of await listDirty(store, DIRTY_PERIODS)) {
    if (monthsOfPeriod(marker.id).some((m) => failedMonths.has(m))) continue;
    try {
      const outcome = await renderPeriod(deps, marker.id);
      if (outcome) summary.rendered.push(outcome);
      else summary.removed.push(marker.id);
      await clearDirty(store, marker);
    } catch (error) {
      summary.failed.push(marker.id);
      log.error('period render failed', { periodId: marker.id, ...errorFields(error) });
    }
  }

  if (summary.rendered.length > 0 || summary.removed.length > 0) {
    await writeIndex(deps);
    summary.indexWritten = true;
  }
  const busy = summary.months.length + summary.rendered.length + summary.removed.length + summary.failed.length > 0;
  const fields = { ...summary, rendered: summary.rendered.map((r) => r.periodId) };
  if (busy) log.info('render run finished', fields);
  else log.debug('render run finished', fields);
  return summary;
}

/** Re-aggregates one month from its member records into `state/months/<month>.json`. */
export async function rebuildMonth(deps: RenderDeps, month: string): Promise<MonthAggregate | null> {
  const { store } = deps;
  const members = await store.list(memberPrefix(month));
  const articles: Article[] = [];
  const rejections: Rejection[] = [];
  // A member whose record is gone was removed mid-run: skip it (its removal re-marked the month).
  await mapLimit(members, READ_CONCURRENCY, async (m) => {
    const membership = await getJson(store, m.key, (v) => MembershipSchema.parse(v));
    if (membership?.kind === 'article') {
      const article = await getJson(store, membership.recordKey, (v) => ArticleSchema.parse(v));
      if (article) articles.push(article);
    } else if (membership?.kind === 'rejection') {
      const rejection = await getJson(store, membership.recordKey, (v) => RejectionSchema.parse(v));
      if (rejection) rejections.push(rejection);
    }
  });
  // Members list in hash order; sort so the aggregate does not depend on read timing.
  articles.sort((a, b) => (a.source.key < b.source.key ? -1 : a.source.key > b.source.key ? 1 : 0));
  rejections.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (articles.length === 0 && rejections.length === 0) {
    await store.delete(monthAggregateKey(month));
    deps.log.info('month emptied', { month });
    return null;
  }
  const aggregate = aggregateMonth(month, articles, rejections);
  await putJson(store, monthAggregateKey(month), aggregate);
  deps.log.info('month aggregated', { month, articles: articles.length, rejections: rejections.length });
  return aggregate;
}

/** Renders one period from its month aggregates; with none left, removes its digest. */
export async function renderPeriod(deps: RenderDeps, periodId: string): Promise<RenderSummary['rendered'][number] | null> {
  const { store, config, log } = deps;
  const aggregates = (
    await Promise.all(monthsOfPeriod(periodId).map((m) => getJson(store, monthAggregateKey(m), (v) => MonthAggregateSchema.parse(v))))
  ).filter((a): a is MonthAggregate => a !== null);
  const keys = digestKeys(periodId);

  if (aggregates.length === 0) {
    await Promise.all([store.delete(keys.html), store.delete(keys.pdf), store.delete(keys.json), store.delete(periodStatusKey(periodId))]);
    log.info('digest removed', { periodId });
    return null;
  }

  const previous = await getJson(store, periodStatusKey(periodId), (v) => PeriodStatusSchema.parse(v));
  const generation = (previous?.generation ?? 0) + 1;
  const digest: Digest = combineAggregates(periodId, aggregates, { generation });
  const lang = config.language;
  const html = renderDigestHtml(digest, { lang });
  const pdf = await renderDigestPdf(digest, { lang });
  await Promise.all([
    putJson(store, keys.json, digest),
    store.put(keys.html, html, { contentType: HTML }),
    store.put(keys.pdf, pdf, { contentType: 'application/pdf' }),
  ]);
  const now = deps.now?.() ?? new Date();
  const status: PeriodStatus = {
    periodId,
    label: periodLabel(periodId, lang),
    generation,
    final: isEnded(periodId, now, config.timeZone),
    renderedAt: now.toISOString(),
    articles: digest.counts.articles,
    meetings: digest.counts.meetings,
  };
  await putJson(store, periodStatusKey(periodId), status);
  log.info('digest rendered', { periodId, generation, final: status.final, articles: status.articles, meetings: status.meetings, pdfBytes: pdf.byteLength });
  return { periodId, generation, final: status.final, articles: status.articles };
}

/** `digests/index.html`, linking every rendered period (links relative to `digests/`). */
export async function writeIndex(deps: RenderDeps): Promise<void> {
  const statuses = await listPeriodStatuses(deps.store);
  const html = renderIndexHtml(
    statuses.map((s) => ({ periodId: s.periodId, label: s.label, meetings: s.meetings, articles: s.articles, href: `${s.periodId}/digest.html` })),
    { lang: deps.config.language },
  );
  await deps.store.put(INDEX_KEY, html, { contentType: HTML });
}
