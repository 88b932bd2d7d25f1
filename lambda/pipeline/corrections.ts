/**
 * Corrections in the pipeline: `corrections/<path>.json` (one correction, lambda/core/corrections.ts)
 * corrects the article of `incoming/<path>`. The record under `articles/` stays as parsed; the
 * correction is applied where the record is used: by the ingest (the month the article counts in)
 * and by the render (the month aggregate). The ingest says what became of a correction in
 * `state/corrections/<path>.json` and in a log line.
 */
import { applyCorrection, correctedArticle, correctionProblems, reportOf, type CorrectedArticle, type CorrectionReport, type CorrectionResult } from '../core/corrections.ts';
import type { Article } from '../core/model.ts';
import { putJson, type ObjectStore } from '../storage/object-store.ts';
import { correctionKeyOf, correctionReportKeyOf } from './keys.ts';
import type { Logger } from './log.ts';

export interface StoredCorrection {
  /** `corrections/<path>.json`. */
  key: string;
  raw: unknown;
  /** Why the object is no correction at all (not JSON), or null. */
  problem: string | null;
}

/** The correction of an upload as it is in the bucket now, or null when there is none. */
export async function readCorrection(store: ObjectStore, uploadKey: string): Promise<StoredCorrection | null> {
  const key = correctionKeyOf(uploadKey);
  const bytes = await store.get(key);
  if (!bytes) return null;
  try {
    return { key, raw: JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, '')), problem: null };
  } catch (error) {
    return { key, raw: null, problem: `${key} is not valid JSON: ${(error as Error).message}` };
  }
}

/** Applies a stored correction; a correction that is not JSON is a problem like any other. */
export function applyStored(article: Article, stored: StoredCorrection): CorrectionResult {
  if (stored.problem) return { article, excluded: false, meeting: null, applied: [], changes: [], problems: [stored.problem] };
  return applyCorrection(article, stored.raw);
}

/** The article as aggregation takes it: corrected, as it was (a correction with problems), or null (excluded). */
export function effectiveArticle(article: Article, result: CorrectionResult | null): CorrectedArticle | null {
  if (!result || result.problems.length > 0) return article;
  return result.excluded ? null : correctedArticle(result);
}

/**
 * Records what became of a correction in `state/corrections/<path>.json` and logs it (a warning
 * when it is not applied). `result` null: there is no article to correct, for the reason `why`.
 */
export async function reportCorrection(
  deps: { store: ObjectStore; log: Logger },
  uploadKey: string,
  stored: StoredCorrection,
  result: CorrectionResult | null,
  why: string,
  now: Date,
): Promise<CorrectionReport> {
  let report = reportOf(uploadKey, stored.key, stored.raw, result, now.toISOString());
  if (!result) {
    const own = stored.problem ? [stored.problem] : correctionProblems(stored.raw);
    report = { ...report, problems: [`no article to correct: ${why}`, ...own] };
  }
  await putJson(deps.store, correctionReportKeyOf(uploadKey), report);
  const fields = { correctionKey: stored.key, uploadKey, status: report.status, reportKey: correctionReportKeyOf(uploadKey) };
  if (report.status === 'applied' || report.status === 'excluded') deps.log.info('correction applied', { ...fields, applied: report.applied });
  else deps.log.warn('correction not applied', { ...fields, problems: report.problems.join('; ') });
  return report;
}
