/**
 * Which upload keys bantin can safely derive record keys from. S3 accepts any UTF-8 key up to
 * 1,024 bytes, `incoming/../x` included; a file-system store (s3rver in local mode) maps `..` onto
 * other folders and fails on names over 255 bytes. An unsafe upload is never parsed: it becomes a
 * rejection record under a key of fixed length (`rejected/_unsafe-keys/<sha256>.json`), so nothing
 * derived from it can escape its prefix or exceed a limit.
 */
import { REJECTED, uploadHash } from './keys.ts';

/** S3's limit on a key, in UTF-8 bytes. */
export const S3_MAX_KEY_BYTES = 1024;
/** What a derived record key adds to the relative upload key: `articles/` or `rejected/` and `.json`. */
const RECORD_OVERHEAD = Math.max('articles/'.length, REJECTED.length) + '.json'.length;
/** The longest suffix s3rver appends to a stored file name (`._S3rver_metadata.json`). */
export const S3RVER_NAME_SUFFIX_BYTES = '._S3rver_metadata.json'.length;
/** Longest name segment a local (file-system) store can hold for an upload: 255 bytes less s3rver's suffix. */
export const LOCAL_MAX_UPLOAD_SEGMENT_BYTES = 255 - S3RVER_NAME_SUFFIX_BYTES;
/** The same for the records derived from an upload (`<name>.json`). */
export const LOCAL_MAX_SEGMENT_BYTES = LOCAL_MAX_UPLOAD_SEGMENT_BYTES - '.json'.length;

export interface KeyLimits {
  /** Longest name segment the store can keep (local file systems: see LOCAL_MAX_SEGMENT_BYTES); null for S3. */
  maxKeySegmentBytes?: number | null;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Why the key after a prefix (`incoming/`) cannot be used as a path, or null when it can:
 * `.`/`..` segments, empty segments, control characters, a segment over the store's limit.
 */
export function pathProblem(relative: string, limits: KeyLimits = {}): string | null {
  if (relative === '') return 'empty key';
  if (CONTROL.test(relative)) return 'the key contains a control character';
  const segments = relative.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return `the key has a "." or ".." path segment`;
  // A trailing "/" is a folder placeholder, not an upload; empty segments elsewhere are unsafe.
  if (segments.slice(0, -1).some((s) => s === '')) return 'the key has an empty path segment ("//" or a leading "/")';
  const limit = limits.maxKeySegmentBytes;
  if (limit != null) {
    const longest = segments.reduce((a, s) => Math.max(a, bytes(s)), 0);
    if (longest > limit) return `a name in the key is ${longest} bytes; this store keeps names up to ${limit} bytes`;
  }
  return null;
}

/** Why an upload key cannot be ingested as is, or null when its record keys are safe. */
export function uploadKeyProblem(uploadKey: string, relative: string, limits: KeyLimits = {}): string | null {
  const problem = pathProblem(relative, limits);
  if (problem) return problem;
  if (bytes(relative) + RECORD_OVERHEAD > S3_MAX_KEY_BYTES) {
    return `the key is ${bytes(uploadKey)} bytes; its record key would pass S3's ${S3_MAX_KEY_BYTES}-byte limit`;
  }
  return null;
}

export const UNSAFE_KEYS = `${REJECTED}_unsafe-keys/`;
/** Where the rejection of an unsafe upload key is kept: a fixed-length name under rejected/. */
export const unsafeRejectionKeyOf = (uploadKey: string): string => `${UNSAFE_KEYS}${uploadHash(uploadKey)}.json`;
