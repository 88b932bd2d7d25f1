/**
 * The bucket's key layout (documented in docs/pipeline.md). Every prefix is separate so IAM
 * policies can be scoped per prefix, and only `incoming/` and `corrections/` notify anything.
 */
import { createHash } from 'node:crypto';

export const INCOMING = 'incoming/';
export const ARTICLES = 'articles/';
export const REJECTED = 'rejected/';
export const DIGESTS = 'digests/';
export const STATE = 'state/';
/** Corrections people write: `corrections/<path>.json` corrects the article of `incoming/<path>`. */
export const CORRECTIONS = 'corrections/';
/** The prefixes whose changes notify the ingest (the stack's bucket notification, `bantin local`'s delivery). */
export const NOTIFYING_PREFIXES = [INCOMING, CORRECTIONS] as const;

export const MEMBERS = `${STATE}members/`;
export const MONTHS = `${STATE}months/`;
/** Month summaries (lambda/core/summary.ts), reduced into the digests of periods above the meeting cap. */
export const SUMMARIES = `${STATE}summaries/`;
/** Every meeting of a month above the meeting cap, one JSON object a line (its digest is a summary). */
export const MONTH_MEETINGS = `${STATE}meetings/`;
export const DIRTY_MONTHS = `${STATE}dirty/months/`;
export const DIRTY_PERIODS = `${STATE}dirty/periods/`;
export const PERIODS = `${STATE}periods/`;
/** What became of each correction: `state/corrections/<path>.json`. */
export const CORRECTION_REPORTS = `${STATE}corrections/`;

export const INDEX_KEY = `${DIGESTS}index.html`;

export function isUploadKey(key: string): boolean {
  return key.startsWith(INCOMING) && key.length > INCOMING.length && !key.endsWith('/');
}

/** `incoming/a/b.txt` -> `a/b.txt`. */
export function relativeUploadKey(uploadKey: string): string {
  if (!uploadKey.startsWith(INCOMING)) throw new Error(`not an upload key: ${uploadKey}`);
  return uploadKey.slice(INCOMING.length);
}

const JSON_SUFFIX = '.json';

export function isCorrectionKey(key: string): boolean {
  return key.startsWith(CORRECTIONS) && key.length > CORRECTIONS.length && !key.endsWith('/');
}

/** `incoming/a/b.txt` -> `corrections/a/b.txt.json`. */
export const correctionKeyOf = (uploadKey: string): string => `${CORRECTIONS}${relativeUploadKey(uploadKey)}${JSON_SUFFIX}`;

/** `corrections/a/b.txt.json` -> `incoming/a/b.txt`, or null for a key not ending in `.json`. */
export function uploadKeyOfCorrection(correctionKey: string): string | null {
  if (!isCorrectionKey(correctionKey) || !correctionKey.endsWith(JSON_SUFFIX)) return null;
  const relative = correctionKey.slice(CORRECTIONS.length, -JSON_SUFFIX.length);
  return relative ? `${INCOMING}${relative}` : null;
}

/** `incoming/a/b.txt` -> `state/corrections/a/b.txt.json`. */
export const correctionReportKeyOf = (uploadKey: string): string => `${CORRECTION_REPORTS}${relativeUploadKey(uploadKey)}${JSON_SUFFIX}`;

export const articleKeyOf = (uploadKey: string): string => `${ARTICLES}${relativeUploadKey(uploadKey)}.json`;
export const rejectionKeyOf = (uploadKey: string): string => `${REJECTED}${relativeUploadKey(uploadKey)}.json`;

/** Fixed-length name for an upload inside index prefixes (upload keys may be up to 1,024 bytes). */
export const uploadHash = (uploadKey: string): string => createHash('sha256').update(uploadKey).digest('hex');

export const memberPrefix = (month: string): string => `${MEMBERS}${month}/`;
export const memberKeyOf = (month: string, uploadKey: string): string => `${memberPrefix(month)}${uploadHash(uploadKey)}.json`;
export const monthAggregateKey = (month: string): string => `${MONTHS}${month}.json`;
export const monthSummaryKey = (month: string): string => `${SUMMARIES}${month}.json`;
export const monthMeetingsKey = (month: string): string => `${MONTH_MEETINGS}${month}.ndjson`;
export const dirtyMonthKey = (month: string): string => `${DIRTY_MONTHS}${month}`;
export const dirtyPeriodKey = (period: string): string => `${DIRTY_PERIODS}${period}`;
export const periodStatusKey = (period: string): string => `${PERIODS}${period}.json`;

export interface DigestKeys {
  html: string;
  pdf: string;
  docx: string;
  json: string;
  /** Only beside a summary digest of a month: every meeting of the month, one JSON object a line. */
  meetings: string;
}

/** The file name of `DigestKeys.meetings`, which a month's summary digest links (relative to its folder). */
export const MEETINGS_FILE = 'meetings.ndjson';

/** The four files of a digest in a folder under `digests/` (a period id or a generation folder). */
export function digestKeysIn(folder: string): DigestKeys {
  const base = `${DIGESTS}${folder}/digest`;
  return { html: `${base}.html`, pdf: `${base}.pdf`, docx: `${base}.docx`, json: `${base}.json`, meetings: `${DIGESTS}${folder}/${MEETINGS_FILE}` };
}

/** The stable keys users download: `digests/<period>/digest.{html,pdf,docx,json}`, always the latest generation. */
export const digestKeys = (period: string): DigestKeys => digestKeysIn(period);

/**
 * Each render first writes its files to a folder of its own, never rewritten:
 * `digests/<period>/generations/<generation>-<render id>/`. The period status then commits it,
 * the stable keys are copied from it and the index links it, so a reader following the index
 * always gets HTML, PDF and JSON of one generation. The render id keeps two renders that race
 * for the same generation number from writing into one folder.
 */
export const generationsPrefix = (period: string): string => `${DIGESTS}${period}/generations/`;
export const generationFolder = (period: string, generation: number, renderId: string): string =>
  `${period}/generations/${generation}-${renderId}`;

/** The generation number of a folder (or any key inside it), or null for another shape. */
export function generationOfFolder(folderOrKey: string): number | null {
  const m = /\/generations\/(\d+)-[^/]+/.exec(folderOrKey);
  return m ? Number(m[1]) : null;
}

/** The last path segment of a key, e.g. the id in `state/dirty/periods/2023-Q2`. */
export const lastSegment = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
