/**
 * Ingest one upload: bring `articles/`, `rejected/` and the month membership in line with what
 * is under `incoming/<key>` now, and mark the touched periods dirty.
 *
 * It reconciles against the bucket instead of trusting the event: a created event for an object
 * already deleted acts as a removal, a repeated event rewrites the same record. So duplicate and
 * out-of-order deliveries (SQS is at-least-once, unordered) converge on the bucket's state.
 */
import { monthOfArticle } from '../core/aggregate.ts';
import { UNDATED } from '../core/periods.ts';
import { periodsOfDate } from '../core/periods.ts';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema, type ParseInput, type ParseResult, type Rejection } from '../core/model.ts';
import { getJson, putJson, type ObjectStore } from '../storage/object-store.ts';
import type { PipelineConfig } from './config.ts';
import { localDate } from './config.ts';
import { articleKeyOf, isUploadKey, memberKeyOf, rejectionKeyOf, relativeUploadKey } from './keys.ts';
import { unsafeRejectionKeyOf, uploadKeyProblem } from './key-safety.ts';
import type { Logger } from './log.ts';
import { markDirty, MembershipSchema, uploadStateKey, type Membership } from './state.ts';

export interface IngestDeps {
  store: ObjectStore;
  config: PipelineConfig;
  log: Logger;
  parse: (input: ParseInput) => ParseResult;
  now?: () => Date;
}

export type IngestOutcome =
  | { status: 'ingested'; uploadKey: string; articleKey: string; articleId: string; month: string; dirty: string[] }
  | { status: 'rejected'; uploadKey: string; rejectionKey: string; reason: Rejection['reason']; month: string; dirty: string[] }
  | { status: 'removed'; uploadKey: string; dirty: string[] }
  | { status: 'ignored'; uploadKey: string; why: string };

/** Upload metadata the parser can use: `x-amz-meta-source-url`, `x-amz-meta-published-at`. */
const META_SOURCE_URL = 'source-url';
const META_PUBLISHED_AT = 'published-at';

/** Passes over one upload that keeps changing before the ingest gives up (the message is then retried). */
const MAX_PASSES = 5;

export async function ingestUpload(deps: IngestDeps, uploadKey: string): Promise<IngestOutcome> {
  if (!isUploadKey(uploadKey)) return ingestPass(deps, uploadKey);
  // Two workers can handle one key at once (a change arrives while the previous version is being
  // parsed); the one that read the older version may write last. So a pass whose upload changed
  // while it ran is done again: the last writer always ends on the bucket's current version.
  for (let pass = 1; ; pass++) {
    const before = (await deps.store.head(uploadKey))?.etag ?? null;
    const outcome = await ingestPass(deps, uploadKey);
    const after = (await deps.store.head(uploadKey))?.etag ?? null;
    if (before === after) return outcome;
    if (pass >= MAX_PASSES) throw new Error(`upload ${uploadKey} kept changing during ingest (${pass} passes)`);
    deps.log.info('upload changed during ingest; ingesting again', { uploadKey, pass });
  }
}

async function ingestPass(deps: IngestDeps, uploadKey: string): Promise<IngestOutcome> {
  const { store, config, log } = deps;
  const now = deps.now?.() ?? new Date();
  if (!isUploadKey(uploadKey)) return { status: 'ignored', uploadKey, why: 'not an upload key under incoming/' };

  const previous = await getJson(store, uploadStateKey(uploadKey), (v) => MembershipSchema.parse(v));
  const head = await store.head(uploadKey);
  if (!head) return removeUpload(deps, uploadKey, previous, now);

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
    if (!bytes) return removeUpload(deps, uploadKey, previous, now);
    result = deps.parse({
      bytes,
      key: uploadKey,
      uploadedAt,
      sourceUrl: head.metadata[META_SOURCE_URL] ?? null,
      publishedAt: head.metadata[META_PUBLISHED_AT] ?? null,
    });
  }

  if (result.ok) {
    const article = ArticleSchema.parse({ ...result.article, uploadedAt: result.article.uploadedAt ?? uploadedAt });
    const month = monthOfArticle(article);
    const membership: Membership = { uploadKey, recordKey: articleKeyOf(uploadKey), kind: 'article', articleId: article.id, month };
    await putJson(store, membership.recordKey, article);
    await store.delete(rejectionKeyOf(uploadKey));
    const dirty = await commitMembership(deps, previous, membership, now);
    log.info('article ingested', { uploadKey, articleKey: membership.recordKey, articleId: article.id, month, bytes: head.size, encoding: article.encoding, format: article.format, warnings: article.warnings.length });
    return { status: 'ingested', uploadKey, articleKey: membership.recordKey, articleId: article.id, month, dirty };
  }

  const rejection: Rejection = { ...result.rejection, key: uploadKey, rejectedAt: result.rejection.rejectedAt ?? now.toISOString() };
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

async function removeUpload(deps: IngestDeps, uploadKey: string, previous: Membership | null, now: Date): Promise<IngestOutcome> {
  const { store, config, log } = deps;
  // An unsafe key's only record is its fixed-length rejection: never derive a path from the key itself.
  const records = uploadKeyProblem(uploadKey, relativeUploadKey(uploadKey), config)
    ? [unsafeRejectionKeyOf(uploadKey)]
    : [articleKeyOf(uploadKey), rejectionKeyOf(uploadKey)];
  await Promise.all(records.map((key) => store.delete(key)));
  let dirty: string[] = [];
  if (previous) {
    await store.delete(memberKeyOf(previous.month, uploadKey));
    dirty = await markDirty(store, previous.month, config.periodKinds, now);
    await store.delete(uploadStateKey(uploadKey));
  }
  log.info('upload removed', { uploadKey, month: previous?.month ?? null, dirty });
  return { status: 'removed', uploadKey, dirty };
}
