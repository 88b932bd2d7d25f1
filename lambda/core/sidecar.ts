/**
 * `<article file>.meta.json`: what `bantin build` knows of an article besides its bytes, with the
 * same hints as the S3 path's upload metadata (`x-amz-meta-source-url`, `x-amz-meta-published-at`,
 * see pipeline/ingest.ts): `{"source-url": "https://…", "published-at": "2023-06-07T09:30+07:00"}`.
 * Both are optional. A sidecar that is not such an object is reported and ignored, never fatal.
 * Pure: the caller reads the file.
 */
import { toLocalDateTime } from './metadata.ts';
import { webUrl } from './urls.ts';

export const SIDECAR_MAX_BYTES = 64 * 1024;
const KEYS = ['source-url', 'published-at'] as const;

export interface SidecarHints {
  sourceUrl: string | null;
  publishedAt: string | null;
}

export type SidecarResult = { ok: true; hints: SidecarHints } | { ok: false; problem: string };

export function parseSidecar(bytes: Uint8Array, timeZone?: string): SidecarResult {
  if (bytes.length > SIDECAR_MAX_BYTES) return { ok: false, problem: `larger than ${SIDECAR_MAX_BYTES} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problem: `not JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: 'not a JSON object like {"source-url": "https://…", "published-at": "2023-06-07T09:30+07:00"}' };
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) return { ok: false, problem: `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => JSON.stringify(k.slice(0, 40))).join(', ')} (expected "source-url", "published-at")` };
  const hints: SidecarHints = { sourceUrl: null, publishedAt: null };
  const url = record['source-url'];
  if (url !== undefined && url !== null) {
    if (typeof url !== 'string' || webUrl(url) === null) return { ok: false, problem: '"source-url" is not an http(s) address' };
    hints.sourceUrl = webUrl(url);
  }
  const at = record['published-at'];
  if (at !== undefined && at !== null) {
    if (typeof at !== 'string' || toLocalDateTime(at, timeZone) === null) {
      return { ok: false, problem: '"published-at" is not a date or time like 2023-06-07, 2023-06-07T09:30 or 2023-06-07T02:30:00Z' };
    }
    hints.publishedAt = at.trim();
  }
  return { ok: true, hints };
}
