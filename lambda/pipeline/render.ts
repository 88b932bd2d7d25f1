/**
 * The debounced render: rebuild the month aggregates and digests marked dirty since the last run,
 * each once however many uploads touched it, then the index. Runs on a schedule (EventBridge on
 * AWS, a timer in local mode), one run at a time (the render Lambda's reserved concurrency is 1):
 * it is the only writer of `state/months/`, `state/periods/` and `digests/`.
 *
 * Readers never see a half-written digest. A period's files go first to a folder of their own
 * (`digests/<period>/generations/<n>-<id>/`), which nothing points at yet; writing the period status
 * commits that generation; then the stable keys `digests/<period>/digest.*` are copied from it and
 * the index is rewritten to link it. A crash before the commit leaves the previous generation in
 * place; after it, the dirty marker is still there and the next run finishes the work.
 *
 * A render that stalls (or runs twice) must not bring back older data, and S3 has no conditional
 * writes to prevent it (s3rver ignores them too), so every step checks afterwards what it raced
 * with: a month is aggregated again when its members changed while it ran, a period render
 * whose status was committed by someone else in the meantime is dropped, and the stable keys and
 * the index are written again when the status they were copied from changed. The window left is
 * the single round-trip between such a check and the write it guards.
 */
import { randomUUID } from 'node:crypto';
import { aggregateMonth, combineAggregates } from '../core/aggregate.ts';
import { MonthAggregateSchema, PeriodSummarySchema, type Digest, type MonthAggregate, type PeriodSummary } from '../core/digest-model.ts';
import { meetingLines, summarize, summaryDigest } from '../core/summary.ts';
import type { CorrectedArticle } from '../core/corrections.ts';
import { ArticleSchema, RejectionSchema, type Article, type Rejection } from '../core/model.ts';
import { nextPeriod, periodLabel, previousPeriod, yearEarlierPeriod, yearLaterPeriod, UNDATED, type PeriodKind } from '../core/periods.ts';
import { renderDigestHtml } from '../core/render/html.ts';
import { renderIndexHtml } from '../core/render/index.ts';
import { renderDigestPdf } from '../core/render/pdf.ts';
import { renderDigestDocx } from '../core/render/docx.ts';
import { getJson, putJson, type ObjectInfo, type ObjectStore } from '../storage/object-store.ts';
import { summaryMeetingsOf, type PipelineConfig } from './config.ts';
import { applyStored, effectiveArticle, readCorrection } from './corrections.ts';
import {
  CORRECTIONS,
  correctionKeyOf,
  DIGESTS,
  digestKeys,
  digestKeysIn,
  DIRTY_MONTHS,
  DIRTY_PERIODS,
  dirtyPeriodKey,
  generationFolder,
  generationOfFolder,
  generationsPrefix,
  INDEX_KEY,
  MEETINGS_FILE,
  memberPrefix,
  MONTHS,
  SUMMARIES,
  monthAggregateKey,
  monthMeetingsKey,
  monthSummaryKey,
  periodStatusKey,
  type DigestKeys,
} from './keys.ts';
import { errorFields, type Logger } from './log.ts';
import {
  clearDirty,
  isEnded,
  listDirty,
  listStatusObjects,
  mapLimit,
  markDirty,
  MembershipSchema,
  monthsOfPeriod,
  periodsOfMonth,
  readPeriodStatus,
  readPeriodStatuses,
  sameListing,
  type DirtyMarker,
  type PeriodStatus,
} from './state.ts';

export interface RenderDeps {
  store: ObjectStore;
  config: PipelineConfig;
  log: Logger;
  now?: () => Date;
  /**
   * The quiet window: only markers last written at least this long ago are taken; younger ones
   * are left for the render their own upload scheduled (the event-driven debounce on AWS, see
   * docs/pipeline.md). 0 or unset takes every marker (the hourly sweep, `bantin local`'s timer).
   */
  quietMs?: number;
  /**
   * Renders each dirty period in an invocation of its own (AWS: the render-period queue). Unset, the
   * run renders them itself, through the same `renderRequests` (`bantin local`, tests).
   */
  dispatch?: PeriodDispatcher;
}

export interface RenderSummary {
  months: string[];
  rendered: { periodId: string; generation: number; final: boolean; articles: number }[];
  removed: string[];
  /** Periods another render committed while this one worked on them: its result stands. */
  superseded: string[];
  failed: string[];
  indexWritten: boolean;
  /** Markers left for a later run because they were not yet quiet for `quietMs`. */
  waiting?: number;
  /** Periods sent to render-period invocations of their own (only with a dispatcher). */
  dispatched?: string[];
}

const READ_CONCURRENCY = 16;
const HTML = 'text/html; charset=utf-8';
const NDJSON = 'application/x-ndjson; charset=utf-8';
/** Passes over inputs that keep changing under a step before it gives up (its marker stays for the next run). */
const MAX_PASSES = 5;

/**
 * Which markers a run takes: with a quiet window, those last written at least `quietMs` ago (a
 * marker without a time is taken). A period that keeps changing is never quiet; the hourly sweep
 * (quiet window 0) bounds its delay.
 */
function ripeFilter(deps: RenderDeps): (marker: DirtyMarker) => boolean {
  const quietMs = deps.quietMs ?? 0;
  if (quietMs <= 0) return () => true;
  const now = (deps.now?.() ?? new Date()).getTime();
  return (m) => !m.lastModified || now - m.lastModified.getTime() >= quietMs;
}

export async function renderDirty(deps: RenderDeps): Promise<RenderSummary> {
  const { store, log } = deps;
  const summary: RenderSummary = { months: [], rendered: [], removed: [], superseded: [], failed: [], indexWritten: false };
  // Both marker lists are taken before any month is read: an upload landing after this point
  // rewrites its markers, so they survive this run's clearDirty and the next run picks it up.
  const quiet = ripeFilter(deps);
  const allMonths = await listDirty(store, DIRTY_MONTHS);
  const allPeriods = await listDirty(store, DIRTY_PERIODS);
  const monthMarkers = allMonths.filter(quiet);
  // A period waits, too, while a month of it waits (its aggregate is not rebuilt in this run).
  const waitingMonths = new Set(allMonths.filter((m) => !quiet(m)).map((m) => m.id));
  const periodMarkers = allPeriods.filter((m) => quiet(m) && !monthsOfPeriod(m.id).some((month) => waitingMonths.has(month)));
  const waiting = allMonths.length - monthMarkers.length + allPeriods.length - periodMarkers.length;
  if (waiting > 0) {
    summary.waiting = waiting;
    log.info('markers not yet quiet left for a later render', { waiting, quietMs: deps.quietMs });
  }

  for (const marker of monthMarkers) {
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

  // A digest compares itself with the period before and the same period a year earlier: the
  // existing digests that compare with a month just aggregated are rendered again in this run too.
  const marked = new Set(periodMarkers.map((m) => m.id));
  const dependents = comparingPeriods(summary.months, deps.config.periodKinds).filter((id) => !marked.has(id));
  const requests: PeriodRequest[] = [
    ...periodMarkers
      .filter((marker) => !monthsOfPeriod(marker.id).some((m) => failedMonths.has(m)))
      .map((marker) => ({ periodId: marker.id, marker: { key: marker.key, etag: marker.etag } })),
    ...dependents.map((periodId) => ({ periodId, marker: null })),
  ];

  if (deps.dispatch && requests.length > 0) {
    // One invocation a period (docs/pipeline.md, "One period per invocation"): each renders, writes the
    // index and clears its own marker. A request lost on the way leaves its marker for the next run.
    try {
      await deps.dispatch(requests);
      summary.dispatched = requests.map((r) => r.periodId);
    } catch (error) {
      summary.failed.push(...requests.map((r) => r.periodId));
      log.error('period render requests not sent; their markers stay for the next run', errorFields(error));
    }
  } else if (requests.length > 0) {
    mergeSummary(summary, await renderRequests(deps, requests));
  }
  const busy = summary.months.length + summary.rendered.length + summary.removed.length + summary.superseded.length + summary.failed.length + (summary.dispatched?.length ?? 0) > 0;
  const fields = { ...summary, rendered: summary.rendered.map((r) => r.periodId) };
  if (busy) log.info('render run finished', fields);
  else log.debug('render run finished', fields);
  return summary;
}

/** One period to render: a marked one (its marker cleared once the index links it) or a dependent one (rendered only if it has a digest). */
export interface PeriodRequest {
  periodId: string;
  /** The dirty marker as the run listed it; null for a period rendered again because it compares with a month just rebuilt. */
  marker: { key: string; etag: string | null } | null;
}

/** Sends each request to an invocation of its own (the render-period queue on AWS). */
export type PeriodDispatcher = (requests: PeriodRequest[]) => Promise<void>;

function mergeSummary(into: RenderSummary, from: RenderSummary): void {
  into.rendered.push(...from.rendered);
  into.removed.push(...from.removed);
  into.superseded.push(...from.superseded);
  into.failed.push(...from.failed);
  into.indexWritten ||= from.indexWritten;
}

/**
 * Renders periods, then writes the index once and clears the markers of those rendered. The run
 * calls it with every request when no dispatcher is configured (`bantin local`, tests); on AWS a
 * render-period invocation calls it with its one request, so the time and memory limits apply to one digest.
 */
export async function renderRequests(deps: RenderDeps, requests: PeriodRequest[]): Promise<RenderSummary> {
  const { store, log } = deps;
  const summary: RenderSummary = { months: [], rendered: [], removed: [], superseded: [], failed: [], indexWritten: false };
  // Period markers are cleared only once the index links the new generations, so a crash before
  // then (at the stable keys, at the index) has the next run finish the job.
  const done: DirtyMarker[] = [];
  for (const request of requests) {
    const { periodId, marker } = request;
    try {
      if (!marker && !(await readPeriodStatus(store, periodId))) continue;
      const outcome = await renderPeriod(deps, periodId);
      if (outcome.kind === 'rendered') summary.rendered.push(outcome.rendered);
      else if (outcome.kind === 'removed') summary.removed.push(periodId);
      else summary.superseded.push(periodId);
      // A superseded render leaves its marker to whoever committed (or to the next run).
      if (marker && outcome.kind !== 'superseded') done.push({ ...marker, id: periodId });
    } catch (error) {
      summary.failed.push(periodId);
      log.error('period render failed', { periodId, ...errorFields(error) });
      // A dependent's comparison is stale until it is rendered again: mark it so the next run does.
      if (!marker) await store.put(dirtyPeriodKey(periodId), JSON.stringify({ at: (deps.now?.() ?? new Date()).toISOString(), nonce: randomUUID() })).catch(() => undefined);
    }
  }

  if (summary.rendered.length > 0 || summary.removed.length > 0) {
    try {
      await writeIndex(deps);
      summary.indexWritten = true;
    } catch (error) {
      log.error('index write failed; its periods stay dirty', errorFields(error));
    }
  }
  if (summary.indexWritten) {
    for (const marker of done) await clearDirty(store, marker);
    // Only now that the index links the new generations may the ones before go.
    for (const r of summary.rendered) {
      await pruneGenerations(deps, r.periodId).catch((error) => log.warn('old generations not pruned', { periodId: r.periodId, ...errorFields(error) }));
    }
  }
  return summary;
}

/**
 * Re-aggregates one month from its member records into `state/months/<month>.json`. When the
 * members changed while it ran (an ingest, or a render that stalled and wrote late), it is done
 * again, so the aggregate last written matches the members as they are. A month whose uploads
 * never pause (a busy month on a busy day) keeps its last pass (every member listed at that pass
 * start) and is marked dirty again: its digests follow now, and the next run catches up, rather
 * than the month failing every run for as long as uploads keep coming.
 */
export async function rebuildMonth(deps: RenderDeps, month: string): Promise<MonthAggregate | null> {
  for (let pass = 1; ; pass++) {
    const members = await deps.store.list(memberPrefix(month));
    const aggregate = await aggregateMembers(deps, month, members);
    if (sameListing(members, await deps.store.list(memberPrefix(month)))) return aggregate;
    if (pass >= MAX_PASSES) {
      await markDirty(deps.store, month, deps.config.periodKinds, deps.now?.() ?? new Date());
      deps.log.warn('month members still changing; using the last pass, the next run aggregates it again', { month, passes: pass });
      return aggregate;
    }
    deps.log.info('month members changed while aggregating; aggregating again', { month, pass });
  }
}

async function aggregateMembers(deps: RenderDeps, month: string, members: ObjectInfo[]): Promise<MonthAggregate | null> {
  const { store } = deps;
  const articles: CorrectedArticle[] = [];
  const rejections: Rejection[] = [];
  // Corrections are few and written by people: one listing tells which members have one.
  const corrections = new Set((await store.list(CORRECTIONS)).map((o) => o.key));
  // A member whose record is gone was removed mid-run: skip it (its removal re-marked the month).
  await mapLimit(members, READ_CONCURRENCY, async (m) => {
    const membership = await getJson(store, m.key, (v) => MembershipSchema.parse(v));
    if (membership?.kind === 'article') {
      // The aggregate never reads a body: drop it before validation, so memory stays flat as articles grow.
      const article = await getJson(store, membership.recordKey, (v) => ArticleSchema.parse(withoutBody(v)));
      if (!article) return;
      // Applied on top of the record, never written into it; one with problems (reported at ingest) is ignored.
      const correction = corrections.has(correctionKeyOf(membership.uploadKey)) ? await readCorrection(store, membership.uploadKey) : null;
      const effective = correction ? effectiveArticle(article, applyStored(article, correction)) : article;
      if (effective) articles.push(effective);
    } else if (membership?.kind === 'rejection') {
      const rejection = await getJson(store, membership.recordKey, (v) => RejectionSchema.parse(v));
      if (rejection) rejections.push(rejection);
    }
  });
  // Members list in hash order; sort so the aggregate does not depend on read timing.
  articles.sort((a, b) => (a.source.key < b.source.key ? -1 : a.source.key > b.source.key ? 1 : 0));
  rejections.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (articles.length === 0 && rejections.length === 0) {
    await Promise.all([store.delete(monthAggregateKey(month)), store.delete(monthSummaryKey(month)), store.delete(monthMeetingsKey(month))]);
    deps.log.info('month emptied', { month });
    return null;
  }
  const aggregate = aggregateMonth(month, articles, rejections, { timeZone: deps.config.timeZone });
  articles.length = 0;
  await putJson(store, monthAggregateKey(month), aggregate);
  // The month's summary, reduced into the digests of periods above the meeting cap (never re-reading this aggregate).
  await putJson(store, monthSummaryKey(month), summarize([month], aggregate));
  // A month above the cap has a summary digest too: its every meeting goes to a file of its own, linked from that digest.
  const aboveCap = aggregate.meetings.length > summaryMeetingsOf(deps.config);
  if (aboveCap) await store.put(monthMeetingsKey(month), [...meetingLines(aggregate)].join(''), { contentType: NDJSON });
  else await store.delete(monthMeetingsKey(month));
  deps.log.info('month aggregated', { month, articles: aggregate.articles.length, meetings: aggregate.meetings.length, rejections: rejections.length, ...(aboveCap ? { summary: true } : {}) });
  return aggregate;
}

/**
 * The summaries of these months. A month aggregated before summaries existed has none: its
 * aggregate is summarised in memory (not stored: only the month rebuild writes state/summaries/).
 */
async function readSummaries(deps: RenderDeps, months: string[]): Promise<PeriodSummary[]> {
  const { store } = deps;
  // Two listings say which months have a summary or an aggregate, so no month without data costs a GET.
  const [summaries, aggregates] = await Promise.all([store.list(SUMMARIES), store.list(MONTHS)]);
  const hasSummary = new Set(summaries.map((o) => o.key));
  const hasAggregate = new Set(aggregates.map((o) => o.key));
  const found = await mapLimit(months, READ_CONCURRENCY, async (m) => {
    if (hasSummary.has(monthSummaryKey(m))) {
      const summary = await getJson(store, monthSummaryKey(m), (v) => PeriodSummarySchema.parse(v));
      if (summary) return summary;
    }
    if (!hasAggregate.has(monthAggregateKey(m))) return null;
    const aggregate = await getJson(store, monthAggregateKey(m), (v) => MonthAggregateSchema.parse(v));
    return aggregate ? summarize([m], aggregate) : null;
  });
  return found.filter((s): s is PeriodSummary => s !== null);
}

function withoutBody(record: unknown): unknown {
  return record && typeof record === 'object' ? { ...record, body: '' } : record;
}

/** The four files of one digest, as written. */
interface DigestFiles {
  json: string | Uint8Array;
  html: string | Uint8Array;
  pdf: Uint8Array;
  docx: Uint8Array;
  /** Beside a month's summary digest only: every meeting of the month (MEETINGS_FILE). */
  meetings?: Uint8Array;
  /** A summary digest's HTML for the stable keys, whose links to the month digests are one folder up rather than three. */
  stableHtml?: string;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The periods (of the configured kinds) that compare themselves with these months: the next period and the same period a year later. */
function comparingPeriods(months: string[], kinds: readonly PeriodKind[]): string[] {
  const out = new Set<string>();
  for (const month of months) {
    if (month === UNDATED) continue;
    for (const period of periodsOfMonth(month, kinds)) {
      out.add(nextPeriod(period));
      out.add(yearLaterPeriod(period));
    }
  }
  return [...out].sort();
}

/** Months whose aggregates a period's comparisons read: those of the previous period and of the same period a year earlier. */
function comparisonMonths(periodId: string): string[] {
  if (periodId === UNDATED) return [];
  return [...new Set([...monthsOfPeriod(previousPeriod(periodId)), ...monthsOfPeriod(yearEarlierPeriod(periodId))])];
}

export type PeriodOutcome =
  | { kind: 'rendered'; rendered: RenderSummary['rendered'][number] }
  | { kind: 'removed' }
  | { kind: 'superseded' };

/**
 * Renders one period from its month aggregates into a new generation and commits it; with no
 * aggregate left, removes its digest.
 */
export async function renderPeriod(deps: RenderDeps, periodId: string): Promise<PeriodOutcome> {
  const { store, config, log } = deps;
  // The status is read before the data: whoever commits after this point read newer data than
  // ours may be, and the check before our commit sees them.
  const previous = await readPeriodStatus(store, periodId);
  const readMonths = async (months: string[]): Promise<MonthAggregate[]> =>
    (await Promise.all(months.map((m) => getJson(store, monthAggregateKey(m), (v) => MonthAggregateSchema.parse(v))))).filter((a): a is MonthAggregate => a !== null);
  // The months' summaries first (small): they tell whether the period is above the meeting cap.
  const own = await readSummaries(deps, monthsOfPeriod(periodId));

  if (own.length === 0) {
    await removeDigest(deps, periodId);
    return { kind: 'removed' };
  }

  const generation = (previous?.generation ?? 0) + 1;
  const folder = generationFolder(periodId, generation, randomUUID().slice(0, 8));
  const cap = summaryMeetingsOf(config);
  const meetings = own.reduce((n, s) => n + s.counts.meetings, 0);
  // "Ngày lập": when this generation was made.
  const generatedAt = (deps.now?.() ?? new Date()).toISOString();
  let digest: Digest;
  let meetingsFile: Uint8Array | undefined;
  if (meetings > cap) {
    // Above the cap: from the month summaries only, never the articles or the full month aggregates.
    const compared = await readSummaries(deps, comparisonMonths(periodId));
    const isMonth = monthsOfPeriod(periodId).length === 1;
    meetingsFile = isMonth ? ((await store.get(monthMeetingsKey(periodId))) ?? undefined) : undefined;
    digest = summaryDigest(periodId, [...own, ...compared], {
      generation,
      generatedAt,
      timeZone: config.timeZone,
      meetingCap: cap,
      // Links from the generation folder (the one the index links) to each month's current digest.
      monthHref: (m) => (m === periodId ? null : `../../../${m}/digest.html`),
      summaryMonths: new Set(own.filter((s) => s.counts.meetings > cap).flatMap((s) => s.months)),
      meetingsFile: meetingsFile ? MEETINGS_FILE : null,
    });
  } else {
    const aggregates = await readMonths(monthsOfPeriod(periodId));
    // The compared periods' months are read as they are now; a later change to them re-renders this period only
    // when this period is rendered again (see docs/pipeline.md, "Comparisons").
    const compared = await readMonths(comparisonMonths(periodId));
    digest = combineAggregates(periodId, [...aggregates, ...compared], { generation, timeZone: config.timeZone, generatedAt });
  }
  const lang = config.language;
  const report = { lang, issuer: config.issuer ?? null, place: config.place ?? null, timeZone: config.timeZone };
  const files: DigestFiles = {
    json: JSON.stringify(digest, null, 2) + '\n',
    html: renderDigestHtml(digest, report),
    pdf: await renderDigestPdf(digest, report),
    docx: await renderDigestDocx(digest, report),
    ...(meetingsFile ? { meetings: meetingsFile } : {}),
    ...(digest.summary ? { stableHtml: renderDigestHtml(withMonthLinksFrom(digest, '../'), report) } : {}),
  };
  // 1. The generation's own folder: nothing links it yet.
  await writeDigestFiles(store, digestKeysIn(folder), files);

  // 2. Commit, unless another render committed since we read the status.
  const current = await readPeriodStatus(store, periodId);
  if (!sameCommit(current, previous)) {
    await deleteDigestFiles(store, digestKeysIn(folder));
    log.warn('digest superseded by a concurrent render; dropped', { periodId, generation, committed: current?.generation ?? null });
    return { kind: 'superseded' };
  }
  const now = deps.now?.() ?? new Date();
  const status: PeriodStatus = {
    periodId,
    label: periodLabel(periodId, lang),
    generation,
    final: isEnded(periodId, now, config.timeZone),
    renderedAt: now.toISOString(),
    articles: digest.counts.articles,
    meetings: digest.counts.meetings,
    folder,
    ...(previous?.folder ? { previousFolder: previous.folder } : {}),
  };
  await putJson(store, periodStatusKey(periodId), status);

  // 3. The stable keys follow the committed generation.
  await syncStableKeys(deps, periodId, { folder, files });
  log.info('digest rendered', { periodId, generation, folder, final: status.final, articles: status.articles, meetings: status.meetings, pdfBytes: files.pdf.byteLength, ...(digest.summary ? { summary: true } : {}) });
  return { kind: 'rendered', rendered: { periodId, generation, final: status.final, articles: status.articles } };
}

/** The digest with its links to month digests made relative to `digests/<period>/` instead of the generation folder. */
function withMonthLinksFrom(digest: Digest, prefix: string): Digest {
  if (!digest.summary) return digest;
  const months = digest.summary.months.map((m) => ({ ...m, href: m.href ? `${prefix}${m.periodId}/digest.html` : null }));
  return { ...digest, summary: { ...digest.summary, months } };
}

function sameCommit(a: PeriodStatus | null, b: PeriodStatus | null): boolean {
  if (!a || !b) return a === b;
  return a.generation === b.generation && a.folder === b.folder && a.renderedAt === b.renderedAt;
}

/** `stable`: the keys rewritten in place, where a meetings file of an earlier generation must not outlive its digest. */
async function writeDigestFiles(store: ObjectStore, keys: DigestKeys, files: DigestFiles, stable = false): Promise<void> {
  await Promise.all([
    store.put(keys.json, files.json, { contentType: 'application/json; charset=utf-8' }),
    store.put(keys.html, (stable ? files.stableHtml : undefined) ?? files.html, { contentType: HTML }),
    store.put(keys.pdf, files.pdf, { contentType: 'application/pdf' }),
    store.put(keys.docx, files.docx, { contentType: DOCX }),
    files.meetings ? store.put(keys.meetings, files.meetings, { contentType: NDJSON }) : stable ? store.delete(keys.meetings) : undefined,
  ]);
}

async function readDigestFiles(store: ObjectStore, keys: DigestKeys): Promise<DigestFiles | null> {
  const [json, html, pdf, docx, meetings] = await Promise.all([store.get(keys.json), store.get(keys.html), store.get(keys.pdf), store.get(keys.docx), store.get(keys.meetings)]);
  return json && html && pdf && docx ? { json, html, pdf, docx, ...(meetings ? { meetings } : {}) } : null;
}

async function deleteDigestFiles(store: ObjectStore, keys: DigestKeys): Promise<void> {
  await Promise.all([store.delete(keys.json), store.delete(keys.html), store.delete(keys.pdf), store.delete(keys.docx), store.delete(keys.meetings)]);
}

/**
 * Copies the committed generation to `digests/<period>/digest.*`. The four keys change one by one
 * (S3 cannot swap four objects at once); each file names its generation. If the status moved on
 * while copying (a render that stalled here wakes after a newer one), the newer one is copied.
 */
async function syncStableKeys(deps: RenderDeps, periodId: string, mine: { folder: string; files: DigestFiles }): Promise<void> {
  const { store } = deps;
  let target = mine.folder;
  for (let pass = 1; ; pass++) {
    const files = target === mine.folder ? mine.files : await readDigestFiles(store, digestKeysIn(target));
    if (!files) return; // pruned: a newer generation was committed and copies itself
    await writeDigestFiles(store, digestKeys(periodId), files, true);
    const status = await readPeriodStatus(store, periodId);
    if (!status?.folder || status.folder === target) return;
    if (pass >= MAX_PASSES) throw new Error(`status of ${periodId} kept changing while its stable keys were written`);
    target = status.folder;
  }
}

/** An emptied period: its status goes first (the index stops linking it), then every file. */
async function removeDigest(deps: RenderDeps, periodId: string): Promise<void> {
  const { store } = deps;
  await store.delete(periodStatusKey(periodId));
  await deleteDigestFiles(store, digestKeys(periodId));
  await mapLimit(await store.list(generationsPrefix(periodId)), READ_CONCURRENCY, (o) => store.delete(o.key));
  deps.log.info('digest removed', { periodId });
}

/**
 * Deletes generation folders no reader can reach: all but the committed one and the one before
 * (an index a reader already holds may link it). Newer folders are a render in flight: left alone.
 */
async function pruneGenerations(deps: RenderDeps, periodId: string): Promise<void> {
  const { store } = deps;
  const status = await readPeriodStatus(store, periodId);
  if (!status?.folder) return;
  const keep = new Set([status.folder, status.previousFolder]);
  const stale = (await store.list(generationsPrefix(periodId))).filter((o) => {
    const folder = o.key.slice(DIGESTS.length, o.key.lastIndexOf('/'));
    const generation = generationOfFolder(folder);
    return generation !== null && generation <= status.generation && !keep.has(folder);
  });
  await mapLimit(stale, READ_CONCURRENCY, (o) => store.delete(o.key));
}

/**
 * `digests/index.html`, linking each period's committed generation (links relative to `digests/`).
 * Written again when a status changed while it was written, so a late write is never the last.
 */
export async function writeIndex(deps: RenderDeps): Promise<void> {
  for (let pass = 1; ; pass++) {
    const { statuses, listing } = await readPeriodStatuses(deps.store);
    const html = renderIndexHtml(
      statuses.map((s) => ({
        periodId: s.periodId,
        label: s.label,
        meetings: s.meetings,
        articles: s.articles,
        href: `${s.folder ?? s.periodId}/digest.html`,
      })),
      { lang: deps.config.language },
    );
    await deps.store.put(INDEX_KEY, html, { contentType: HTML });
    if (sameListing(listing, await listStatusObjects(deps.store))) return;
    if (pass >= MAX_PASSES) throw new Error('period statuses kept changing while the index was written');
    deps.log.info('a period status changed while the index was written; writing it again', { pass });
  }
}
