/**
 * A guard in front of s3rver (local mode only): s3rver keeps objects as files named after their
 * keys, so `incoming/../x` lands outside `incoming/` (or outside the data folder) and a name over
 * the file system's 255 bytes crashes it. Such requests are answered with an S3 error before
 * s3rver sees them; real S3 keeps such keys literally and the ingest rejects them (key-safety.ts).
 */
import { LOCAL_MAX_UPLOAD_SEGMENT_BYTES, pathProblem } from '../pipeline/key-safety.ts';

interface KoaLikeContext {
  method: string;
  path: string;
  status: number;
  type: string;
  body: unknown;
}
type Next = () => Promise<unknown>;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The object key of a path-style request (`/bucket/a/b.txt` -> `a/b.txt`), or null without one. */
export function objectKeyOfPath(path: string): string | null {
  const slash = path.indexOf('/', 1);
  if (slash < 0) return null;
  const raw = path.slice(slash + 1);
  if (raw === '') return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function keyGuard() {
  return async (ctx: KoaLikeContext, next: Next): Promise<unknown> => {
    const key = objectKeyOfPath(ctx.path);
    const problem = key === null ? null : pathProblem(key, { maxKeySegmentBytes: LOCAL_MAX_UPLOAD_SEGMENT_BYTES });
    if (key !== null && problem) {
      const tooLong = problem.startsWith('a name in the key');
      ctx.status = 400;
      ctx.type = 'application/xml';
      ctx.body =
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${tooLong ? 'KeyTooLongError' : 'InvalidArgument'}</Code>` +
        `<Message>bantin local cannot store this key: ${escapeXml(problem)}</Message><Key>${escapeXml(key)}</Key></Error>`;
      return undefined;
    }
    return next();
  };
}
