/**
 * Re-drive: bring every upload the records do not account for back through the ingest, the same
 * code the queue feeds. Used by `bantin reconcile --repair` (locally or against the AWS bucket) and
 * at every start of `bantin local` (its event queue lives in memory: a crash or a Ctrl-C loses
 * what was pending, and this heals it from the bucket itself).
 *
 * It works from the reconciliation's key sets: uploads with no record, with two, or changed after
 * their record are ingested again; records whose upload is gone are removed through the same
 * path (ingest of a missing upload removes its records and memberships). Corrections with no
 * report, or changed after it, and reports whose correction is gone go through the ingest too.
 */
import type { ObjectStore } from '../storage/object-store.ts';
import { ingestUpload, type IngestDeps, type IngestOutcome } from './ingest.ts';
import { pathProblem, UNSAFE_KEYS, type KeyLimits } from './key-safety.ts';
import { ARTICLES, CORRECTION_REPORTS, CORRECTIONS, correctionKeyOf, correctionReportKeyOf, INCOMING, REJECTED, uploadKeyOfCorrection } from './keys.ts';
import { RECORD_SUFFIX, reconcile, uploadKeyOfRecord, type ReconcileReport } from './reconcile.ts';
import { mapLimit } from './state.ts';

export interface RedriveResult {
  before: ReconcileReport;
  /** Upload keys handed to the ingest, with what became of each. */
  outcomes: IngestOutcome[];
  /** Keys whose ingest failed (they stay unaccounted; the next run tries again). */
  failed: { key: string; error: string }[];
}

/** The upload a record belongs to: from its key, or for an unsafe key's record from the record itself. */
async function uploadOfRecord(store: ObjectStore, recordKey: string): Promise<string | null> {
  if (recordKey.startsWith(UNSAFE_KEYS)) {
    try {
      const bytes = await store.get(recordKey);
      const key = bytes ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as { key?: unknown }).key : null;
      return typeof key === 'string' && key.startsWith(INCOMING) ? key : null;
    } catch {
      return null;
    }
  }
  return uploadKeyOfRecord(recordKey, ARTICLES) ?? uploadKeyOfRecord(recordKey, REJECTED);
}

/** Correction keys whose report is missing, older than the correction, or left without its correction. */
async function correctionsToRedo(store: ObjectStore, limits: KeyLimits): Promise<string[]> {
  const [corrections, reports] = await Promise.all([store.list(CORRECTIONS), store.list(CORRECTION_REPORTS)]);
  const reportByKey = new Map(reports.map((r) => [r.key, r]));
  const redo = new Set<string>();
  for (const c of corrections) {
    const upload = uploadKeyOfCorrection(c.key);
    if (!upload || pathProblem(c.key.slice(CORRECTIONS.length), limits)) continue; // logged when it arrived; nothing to derive
    const report = reportByKey.get(correctionReportKeyOf(upload));
    if (!report || (report.lastModified && c.lastModified && report.lastModified.getTime() < c.lastModified.getTime())) redo.add(c.key);
  }
  const present = new Set(corrections.map((c) => c.key));
  for (const r of reports) {
    if (!r.key.endsWith('.json')) continue;
    const correction = correctionKeyOf(`${INCOMING}${r.key.slice(CORRECTION_REPORTS.length, -RECORD_SUFFIX.length)}`);
    if (!present.has(correction)) redo.add(correction);
  }
  return [...redo];
}

export async function redrive(deps: IngestDeps, limits: KeyLimits = {}, concurrency = 4): Promise<RedriveResult> {
  const before = await reconcile(deps.store, limits);
  const keys = new Set([...before.unaccounted, ...before.doubled, ...before.newerThanRecord]);
  const strays: string[] = [];
  for (const record of [...before.orphanArticles, ...before.orphanRejections]) {
    const upload = await uploadOfRecord(deps.store, record);
    if (upload) keys.add(upload);
    else strays.push(record);
  }
  // A record that names no upload at all belongs to nothing: remove it.
  for (const record of strays) await deps.store.delete(record);
  for (const key of await correctionsToRedo(deps.store, limits)) keys.add(key);
  const outcomes: IngestOutcome[] = [];
  const failed: RedriveResult['failed'] = [];
  await mapLimit([...keys].sort(), concurrency, async (key) => {
    try {
      outcomes.push(await ingestUpload(deps, key));
    } catch (error) {
      failed.push({ key, error: error instanceof Error ? error.message : String(error) });
    }
  });
  return { before, outcomes, failed };
}
