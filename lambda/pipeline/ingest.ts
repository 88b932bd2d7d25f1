/**
 * Ingest one upload: bring `articles/`, `rejected/` and the month membership in line with what
 * is under `incoming/<key>` now, and mark the touched periods dirty.
 *
 * It reconciles against the bucket instead of trusting the event: a created event for an object
 * already deleted acts as a removal, a repeated event rewrites the same record. So duplicate and
 * out-of-order deliveries (SQS is at-least-once, unordered) converge on the bucket's state.
 *
 * A correction (`corrections/<path>.json`) is ingested as its upload `incoming/<path>` again: the
 * article counts in the month of its corrected date, and the months before and after the
 * correction are marked dirty, so the render re-renders every period it touches.
 */
import { monthOfArticle } from '../core/aggregate.ts';
import { UNDATED } from '../core/periods.ts';
import { periodsOfDate } from '../core/periods.ts';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema, type ParseInput, type ParseResult, type Rejection } from '../core/model.ts';
import type { CorrectionReport } from '../core/corrections.ts';
import type { ParseOptions } from '../core/parse.ts';
import { getJson, putJson, type ObjectStore } from '../storage/object-store.ts';
import type { PipelineConfig } from './config.ts';
import { localDate } from './config.ts';
import {
  articleKeyOf,
  CORRECTIONS,
  correctionKeyOf,
  correctionReportKeyOf,
  isCorrectionKey,
  isUploadKey,
  memberKeyOf,
  rejectionKeyOf,
  relativeUploadKey,
  uploadKeyOfCorrection,
} from './keys.ts';
import { pathProblem, S3_MAX_KEY_BYTES, unsafeRejectionKeyOf, uploadKeyProblem } from './key-safety.ts';
import { applyStored, effectiveArticle, readCorrection, reportCorrection } from './corrections.ts';
import type { Logger } from './log.ts';
import { markDirty, MembershipSchema, uploadStateKey, type Membership } from './state.ts';

export interface IngestDeps {
  store: ObjectStore;
  config: PipelineConfig;
  log: Logger;
  parse: (input: ParseInput, options?: ParseOptions) => ParseResult;
  now?: () => Date;
}

export type IngestOutcome =
  /** `correction`: what became of the upload's correction, when it has one. */
  | { status: 'ingested'; uploadKey: string; articleKey: string; articleId: string; month: string; dirty: string[]; correction?: CorrectionReport['status'] }
  | { status: 'rejected'; uploadKey: string; rejectionKey: string; reason: Rejection['reason']; month: string; dirty: string[] }
  | { status: 'removed'; uploadKey: string; dirty: string[] }
  /**
   * A correction was (re)read: its upload was ingested again (`upload`: that outcome's status;
   * `applied`: the correction now applies to the article, as applied or excluded).
   */
  | { status: 'corrected'; correctionKey: string; uploadKey: string; upload: 'ingested' | 'rejected' | 'removed' | 'ignored'; applied: boolean; dirty: string[] }
  | { status: 'ignored'; uploadKey: string; why: string };

/** Upload metadata the parser can use: `x-amz-meta-source-url`, `x-amz-meta-published-at`. */
const META_SOURCE_URL = 'source-url';
const META_PUBLISHED_AT = 'published-at';

/** Passes over one upload that keeps changing before the ingest gives up (the message is then retried). */
const MAX_PASSES = 5;

export async function ingestUpload(deps: IngestDeps, uploadKey: string): Promise<IngestOutcome> {
  if (isCorrectionKey(uploadKey)) return ingestCorrection(deps, uploadKey);
  if (!isUploadKey(uploadKey)) return ingestPass(deps, uploadKey);
  const correctable = !uploadKeyProblem(uploadKey, relativeUploadKey(uploadKey), deps.config);
  const correctionEtag = async (): Promise<string | null> => (correctable ? ((await deps.store.head(correctionKeyOf(uploadKey)))?.etag ?? null) : null);
  const versions = async () => ({ upload: (await deps.store.head(uploadKey))?.etag ?? null, correction: await correctionEtag() });
  // Two workers can handle one key at once (a change arrives while the previous version is being
  // parsed); the one that read the older version may write last. So a pass whose upload (or its
  // correction) changed while it ran is done again: the last writer always ends on the bucket's
  // current version.
  for (let pass = 1; ; pass++) {
    const before = await versions();
    // Only an upload with a correction reads it; one that appears meanwhile changes `after`, and the pass is done again.
    const outcome = await ingestPass(deps, uploadKey, before.correction !== null);
    const after = await versions();
    if (before.upload === after.upload && before.correction === after.correction) return outcome;
    if (pass >= MAX_PASSES) throw new Error(`upload ${uploadKey} kept changing during ingest (${pass} passes)`);
    deps.log.info('upload changed during ingest; ingesting again', { uploadKey, pass });
  }
}

async function ingestPass(deps: IngestDeps, uploadKey: string, hasCorrection = false): Promise<IngestOutcome> {
  const { store, config, log } = deps;
  const now = deps.now?.() ?? new Date();
  if (!isUploadKey(uploadKey)) return { status: 'ignored', uploadKey, why: 'not an upload key under incoming/' };

  const previous = await getJson(store, uploadStateKey(uploadKey), (v) => MembershipSchema.parse(v));
  const head = await store.head(uploadKey);
  if (!head) return removeUpload(deps, uploadKey, previous, now, hasCorrection);

  const uploadedAt = head.lastModified?.toISOString() ?? null;
  const keyProblem = uploadKeyProblem(uploadKey, relativeUploadKey(uploadKey), config);
  let result: ParseResult;
  if (keyProblem) {
    // Never read or parse it: nothing may be derived from this key but a fixed-length rejection.
    result = { ok: false, rejection: rejectionOf(uploadKey, 'unsafe-key', `unsafe upload key: ${keyProblem}`, head.size, now) };
  } else if (head.size > config.maxUploadBytes) {
    result = { ok: false, rejection: rejectionOf(uploadKey, 'too-large', `upload is ${head.size} bytes; the limit is ${config.maxUploadBytes} bytes`, head.size, now) };
  } else {
    const bytes = await store.get(uploadKey);
    if (!bytes) return removeUpload(deps, uploadKey, previous, now, hasCorrection);
    result = deps.parse({
      bytes,
      key: uploadKey,
      uploadedAt,
      sourceUrl: head.metadata[META_SOURCE_URL] ?? null,
      publishedAt: head.metadata[META_PUBLISHED_AT] ?? null,
    }, { timeZone: config.timeZone });
  }

  // An unsafe key has no correction: nothing may be derived from it.
  const correction = keyProblem || !hasCorrection ? null : await readCorrection(store, uploadKey);
  if (result.ok) {
    const article = ArticleSchema.parse({ ...result.article, uploadedAt: result.article.uploadedAt ?? uploadedAt });
    // The record stays as parsed; the month is the corrected one (an excluded article keeps its own).
    const corrected = correction ? applyStored(article, correction) : null;
    const report = correction ? await reportCorrection(deps, uploadKey, correction, corrected, '', now) : null;
    const month = monthOfArticle(effectiveArticle(article, corrected) ?? article, config.timeZone);
    const membership: Membership = { uploadKey, recordKey: articleKeyOf(uploadKey), kind: 'article', articleId: article.id, month };
    await putJson(store, membership.recordKey, article);
    await store.delete(rejectionKeyOf(uploadKey));
    const dirty = await commitMembership(deps, previous, membership, now);
    log.info('article ingested', { uploadKey, articleKey: membership.recordKey, articleId: article.id, month, bytes: head.size, encoding: article.encoding, format: article.format, warnings: article.warnings.length });
    return { status: 'ingested', uploadKey, articleKey: membership.recordKey, articleId: article.id, month, dirty, ...(report ? { correction: report.status } : {}) };
  }

  const rejection: Rejection = { ...result.rejection, key: uploadKey, rejectedAt: result.rejection.rejectedAt ?? now.toISOString() };
  if (correction) await reportCorrection(deps, uploadKey, correction, null, `the upload was rejected (${rejection.message})`, now);
  const month = monthOfInstant(rejection.rejectedAt, config.timeZone);
  const recordKey = keyProblem ? unsafeRejectionKeyOf(uploadKey) : rejectionKeyOf(uploadKey);
  const membership: Membership = { uploadKey, recordKey, kind: 'rejection', articleId: null, month };
  await putJson(store, membership.recordKey, rejection);
  if (!keyProblem) await store.delete(articleKeyOf(uploadKey));
  const dirty = await commitMembership(deps, previous, membership, now);
  log.warn('upload rejected', { uploadKey, rejectionKey: membership.recordKey, reason: rejection.reason, detail: rejection.message, bytes: rejection.bytes });
  return { status: 'rejected', uploadKey, rejectionKey: membership.recordKey, reason: rejection.reason, month, dirty };
}

function rejectionOf(uploadKey: string, reason: Rejection['reason'], message: string, bytes: number, now: Date): Rejection {
  return { schemaVersion: ARTICLE_SCHEMA_VERSION, key: uploadKey, reason, message, bytes, rejectedAt: now.toISOString() };
}

function monthOfInstant(instant: string | null, timeZone: string): string {
  if (!instant) return UNDATED;
  const t = new Date(instant);
  return Number.isNaN(t.getTime()) ? UNDATED : periodsOfDate(localDate(t, timeZone)).month;
}

/** Records the upload's new month, undoing its previous one, and marks both dirty. */
async function commitMembership(deps: IngestDeps, previous: Membership | null, next: Membership, now: Date): Promise<string[]> {
  const { store, config } = deps;
  await putJson(store, memberKeyOf(next.month, next.uploadKey), next);
  const dirty = new Set(await markDirty(store, next.month, config.periodKinds, now));
  if (previous && previous.month !== next.month) {
    await store.delete(memberKeyOf(previous.month, previous.uploadKey));
    for (const p of await markDirty(store, previous.month, config.periodKinds, now)) dirty.add(p);
  }
  await putJson(store, uploadStateKey(next.uploadKey), next);
  return [...dirty];
}

async function removeUpload(deps: IngestDeps, uploadKey: string, previous: Membership | null, now: Date, hasCorrection: boolean): Promise<IngestOutcome> {
  const { store, config, log } = deps;
  // An unsafe key's only record is its fixed-length rejection: never derive a path from the key itself.
  const unsafe = uploadKeyProblem(uploadKey, relativeUploadKey(uploadKey), config) !== null;
  const records = unsafe ? [unsafeRejectionKeyOf(uploadKey)] : [articleKeyOf(uploadKey), rejectionKeyOf(uploadKey)];
  await Promise.all(records.map((key) => store.delete(key)));
  const correction = unsafe || !hasCorrection ? null : await readCorrection(store, uploadKey);
  if (correction) await reportCorrection(deps, uploadKey, correction, null, `there is no upload ${uploadKey}`, now);
  let dirty: string[] = [];
  if (previous) {
    await store.delete(memberKeyOf(previous.month, uploadKey));
    dirty = await markDirty(store, previous.month, config.periodKinds, now);
    await store.delete(uploadStateKey(uploadKey));
  }
  log.info('upload removed', { uploadKey, month: previous?.month ?? null, dirty });
  return { status: 'removed', uploadKey, dirty };
}

/**
 * A correction changed (created, replaced or deleted): ingest its upload again, which applies the
 * correction as it is now, moves the article to its corrected month and marks the months before
 * and after dirty. A deleted correction's report goes with it. A correction key that names no
 * usable upload key is logged and left alone.
 */
async function ingestCorrection(deps: IngestDeps, correctionKey: string): Promise<IngestOutcome> {
  const uploadKey = uploadKeyOfCorrection(correctionKey);
  const relative = correctionKey.slice(CORRECTIONS.length);
  const why = !uploadKey
    ? 'a correction key must be corrections/<path of the upload under incoming/>.json'
    : (pathProblem(relative, deps.config) ??
      uploadKeyProblem(uploadKey, relativeUploadKey(uploadKey), deps.config) ??
      (Buffer.byteLength(correctionReportKeyOf(uploadKey)) > S3_MAX_KEY_BYTES ? `its report key would pass S3's ${S3_MAX_KEY_BYTES}-byte limit` : null));
  if (!uploadKey || why) {
    deps.log.warn('correction ignored', { correctionKey, reason: why });
    return { status: 'ignored', uploadKey: correctionKey, why: `correction ignored: ${why}` };
  }
  const outcome = await ingestUpload(deps, uploadKey);
  if (!(await deps.store.head(correctionKey))) {
    await deps.store.delete(correctionReportKeyOf(uploadKey));
    deps.log.info('correction removed', { correctionKey, uploadKey });
  }
  const dirty = 'dirty' in outcome ? outcome.dirty : [];
  const applied = outcome.status === 'ingested' && (outcome.correction === 'applied' || outcome.correction === 'excluded');
  return { status: 'corrected', correctionKey, uploadKey, upload: outcome.status as 'ingested' | 'rejected' | 'removed' | 'ignored', applied, dirty };
}
