/**
 * The bucket's key layout (documented in docs/pipeline.md). Every prefix is separate so IAM
 * policies can be scoped per prefix, and only `incoming/` notifies anything.
 */
import { createHash } from 'node:crypto';

export const INCOMING = 'incoming/';
export const ARTICLES = 'articles/';
export const REJECTED = 'rejected/';
export const DIGESTS = 'digests/';
export const STATE = 'state/';

export const MEMBERS = `${STATE}members/`;
export const MONTHS = `${STATE}months/`;
export const DIRTY_MONTHS = `${STATE}dirty/months/`;
export const DIRTY_PERIODS = `${STATE}dirty/periods/`;
export const PERIODS = `${STATE}periods/`;

export const INDEX_KEY = `${DIGESTS}index.html`;

export function isUploadKey(key: string): boolean {
  return key.startsWith(INCOMING) && key.length > INCOMING.length && !key.endsWith('/');
}

/** `incoming/a/b.txt` -> `a/b.txt`. */
export function relativeUploadKey(uploadKey: string): string {
  if (!uploadKey.startsWith(INCOMING)) throw new Error(`not an upload key: ${uploadKey}`);
  return uploadKey.slice(INCOMING.length);
}

export const articleKeyOf = (uploadKey: string): string => `${ARTICLES}${relativeUploadKey(uploadKey)}.json`;
export const rejectionKeyOf = (uploadKey: string): string => `${REJECTED}${relativeUploadKey(uploadKey)}.json`;

/** Fixed-length name for an upload inside index prefixes (upload keys may be up to 1,024 bytes). */
export const uploadHash = (uploadKey: string): string => createHash('sha256').update(uploadKey).digest('hex');

export const memberPrefix = (month: string): string => `${MEMBERS}${month}/`;
export const memberKeyOf = (month: string, uploadKey: string): string => `${memberPrefix(month)}${uploadHash(uploadKey)}.json`;
export const monthAggregateKey = (month: string): string => `${MONTHS}${month}.json`;
export const dirtyMonthKey = (month: string): string => `${DIRTY_MONTHS}${month}`;
export const dirtyPeriodKey = (period: string): string => `${DIRTY_PERIODS}${period}`;
export const periodStatusKey = (period: string): string => `${PERIODS}${period}.json`;

export function digestKeys(period: string): { html: string; pdf: string; json: string } {
  const base = `${DIGESTS}${period}/digest`;
  return { html: `${base}.html`, pdf: `${base}.pdf`, json: `${base}.json` };
}

/** The last path segment of a key, e.g. the id in `state/dirty/periods/2023-Q2`. */
export const lastSegment = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
