/**
 * Reconciliation: is every upload accounted for? Each object under `incoming/<k>` must end as
 * exactly one record, `articles/<k>.json` or `rejected/<k>.json`, and every record must have its
 * upload. Reads key listings only (no object bodies), so it is cheap on any bucket size.
 */
import type { ObjectStore } from '../storage/object-store.ts';
import { ARTICLES, INCOMING, isUploadKey, REJECTED, relativeUploadKey } from './keys.ts';
import { UNSAFE_KEYS, unsafeRejectionKeyOf, uploadKeyProblem, type KeyLimits } from './key-safety.ts';

export interface ReconcileReport {
  incoming: number;
  articles: number;
  rejected: number;
  /** True when every upload has exactly one record and every record its upload (compared as key sets). */
  balanced: boolean;
  /** Uploads with neither an article nor a rejection record (not processed, or lost). */
  unaccounted: string[];
  /** Uploads with both an article and a rejection record (counted twice). */
  doubled: string[];
  /** Article records whose upload is gone (should have been removed with it). */
  orphanArticles: string[];
  /** Rejection records whose upload is gone. */
  orphanRejections: string[];
  /** Uploads changed after their record was written (the record may be stale until reprocessed). */
  newerThanRecord: string[];
}

export const RECORD_SUFFIX = '.json';

/** `articles/a/b.txt.json` under `articles/` -> `incoming/a/b.txt`, or null for a key of another shape. */
export function uploadKeyOfRecord(recordKey: string, prefix: string): string | null {
  if (!recordKey.startsWith(prefix) || !recordKey.endsWith(RECORD_SUFFIX)) return null;
  const relative = recordKey.slice(prefix.length, -RECORD_SUFFIX.length);
  return relative ? `${INCOMING}${relative}` : null;
}

export async function reconcile(store: ObjectStore, limits: KeyLimits = {}): Promise<ReconcileReport> {
  const [incomingObjects, articleObjects, rejectedObjects] = await Promise.all([
    store.list(INCOMING),
    store.list(ARTICLES),
    store.list(REJECTED),
  ]);
  // `incoming/` itself or `incoming/dir/` placeholders (console "create folder") are not uploads.
  const uploads = new Map(incomingObjects.filter((o) => isUploadKey(o.key)).map((o) => [o.key, o]));
  // Unsafe upload keys are recorded under a hash of the key (key-safety.ts), not under the key itself.
  const unsafeUploads = new Map<string, string>();
  for (const key of uploads.keys()) {
    if (uploadKeyProblem(key, relativeUploadKey(key), limits)) unsafeUploads.set(unsafeRejectionKeyOf(key), key);
  }
  const records = (objects: typeof articleObjects, prefix: string) => {
    const byUpload = new Map<string, (typeof objects)[number]>();
    const strays: string[] = [];
    for (const o of objects) {
      const upload = o.key.startsWith(UNSAFE_KEYS) ? unsafeUploads.get(o.key) : uploadKeyOfRecord(o.key, prefix);
      if (upload) byUpload.set(upload, o);
      else strays.push(o.key);
    }
    return { byUpload, strays };
  };
  const articles = records(articleObjects, ARTICLES);
  const rejections = records(rejectedObjects, REJECTED);

  const unaccounted: string[] = [];
  const doubled: string[] = [];
  const newerThanRecord: string[] = [];
  for (const [key, upload] of uploads) {
    const article = articles.byUpload.get(key);
    const rejection = rejections.byUpload.get(key);
    if (!article && !rejection) unaccounted.push(key);
    else if (article && rejection) doubled.push(key);
    const record = article ?? rejection;
    if (record?.lastModified && upload.lastModified && upload.lastModified.getTime() > record.lastModified.getTime()) {
      newerThanRecord.push(key);
    }
  }
  const orphans = (r: typeof articles) => [...[...r.byUpload].filter(([upload]) => !uploads.has(upload)).map(([, o]) => o.key), ...r.strays].sort();
  const orphanArticles = orphans(articles);
  const orphanRejections = orphans(rejections);

  const report: ReconcileReport = {
    incoming: uploads.size,
    articles: articleObjects.length,
    rejected: rejectedObjects.length,
    balanced: false,
    unaccounted: unaccounted.sort(),
    doubled: doubled.sort(),
    orphanArticles,
    orphanRejections,
    newerThanRecord: newerThanRecord.sort(),
  };
  // Key sets, not counts, decide: every difference above is a named key.
  report.balanced =
    unaccounted.length === 0 &&
    doubled.length === 0 &&
    orphanArticles.length === 0 &&
    orphanRejections.length === 0;
  return report;
}

/** Human-readable report, one difference per line. */
export function formatReconcileReport(report: ReconcileReport, limit = 50): string {
  const lines = [
    `incoming ${report.incoming} = articles ${report.articles} + rejected ${report.rejected}` +
      (report.balanced ? '  ✓ balanced' : `  ✗ NOT balanced (difference ${report.incoming - report.articles - report.rejected})`),
  ];
  const section = (title: string, keys: string[]) => {
    if (keys.length === 0) return;
    lines.push(`${title} (${keys.length}):`);
    for (const k of keys.slice(0, limit)) lines.push(`  ${k}`);
    if (keys.length > limit) lines.push(`  … and ${keys.length - limit} more (use --json for all)`);
  };
  section('uploads with no record', report.unaccounted);
  section('uploads with both an article and a rejection', report.doubled);
  section('article records without an upload', report.orphanArticles);
  section('rejection records without an upload', report.orphanRejections);
  section('uploads changed after their record (pending reprocessing)', report.newerThanRecord);
  return lines.join('\n');
}
