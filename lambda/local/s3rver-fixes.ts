/**
 * Where s3rver (unmaintained) differs from S3 in ways real clients hit, mended in front of it for
 * `bantin local` (the middleware runs before s3rver's own, see server.ts):
 *
 * - DeleteObjects (`aws s3 rm --recursive`, the SDK's DeleteObjectsCommand) sends no event: the
 *   deleted keys are read from its answer and a removal event is emitted for each.
 * - A streamed upload with the SDK's default checksums arrives `aws-chunked` (chunk sizes,
 *   signatures and a checksum trailer around the data), which s3rver stores as it is: the framing
 *   is taken off before s3rver reads the body.
 * - ListObjectsV2 continuation tokens are DES-encrypted, which OpenSSL 3 (Node ≥ 17) no longer
 *   offers, so a listing past 1,000 keys fails: single DES is computed as three-key DES with one
 *   key three times (the same cipher), for that algorithm name only.
 */
import crypto from 'node:crypto';
import { Readable } from 'node:stream';

interface Ctx {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  req: NodeJS.ReadableStream & { headers: Record<string, string | string[] | undefined> };
  app: { emit(event: string, payload: unknown): boolean };
}
type Next = () => Promise<unknown>;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return XML_ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The keys a DeleteObjects answer reports as deleted. */
export function deletedKeys(xml: string): string[] {
  const keys: string[] = [];
  for (const m of xml.matchAll(/<Deleted>([\s\S]*?)<\/Deleted>/g)) {
    const key = /<Key>([\s\S]*?)<\/Key>/.exec(m[1]!);
    if (key) keys.push(decodeXml(key[1]!));
  }
  return keys;
}

export function multiDeleteEvents() {
  return async (ctx: Ctx, next: Next): Promise<void> => {
    await next();
    if (ctx.method !== 'POST' || !('delete' in ctx.query) || ctx.status !== 200 || typeof ctx.body !== 'string') return;
    const bucket = decodeURIComponent(ctx.path.split('/')[1] ?? '');
    const eventTime = new Date().toISOString();
    for (const key of deletedKeys(ctx.body)) {
      ctx.app.emit('event', {
        Records: [{ eventVersion: '2.0', eventSource: 'aws:s3', eventTime, eventName: 'ObjectRemoved:Delete', s3: { bucket: { name: bucket }, object: { key } } }],
      });
    }
  };
}

/**
 * The data of an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` repeated, a
 * zero-size chunk, then optional trailers. Returns null when the bytes are not such a body.
 */
export function decodeAwsChunked(body: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) return null;
    const m = /^([0-9a-fA-F]{1,16})(?:;[^\r\n]*)?$/.exec(body.subarray(at, eol).toString('latin1'));
    if (!m) return null;
    const size = parseInt(m[1]!, 16);
    const start = eol + 2;
    if (size === 0) return Buffer.concat(parts);
    if (start + size + 2 > body.length || body.subarray(start + size, start + size + 2).toString('latin1') !== '\r\n') return null;
    parts.push(body.subarray(start, start + size));
    at = start + size + 2;
  }
}

function header(ctx: Ctx, name: string): string {
  const v = ctx.headers[name];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

export function awsChunkedBodies() {
  return async (ctx: Ctx, next: Next): Promise<unknown> => {
    const chunked = /aws-chunked/i.test(header(ctx, 'content-encoding')) || /^STREAMING-/i.test(header(ctx, 'x-amz-content-sha256'));
    if (!chunked || (ctx.method !== 'PUT' && ctx.method !== 'POST')) return next();
    const raw: Buffer[] = [];
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) raw.push(chunk);
    const decoded = decodeAwsChunked(Buffer.concat(raw));
    if (decoded === null) {
      ctx.status = 400;
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>IncompleteBody</Code><Message>bantin local could not read the aws-chunked body of this upload</Message></Error>';
      return undefined;
    }
    const encoding = header(ctx, 'content-encoding').split(',').map((s) => s.trim()).filter((s) => s && !/^aws-chunked$/i.test(s));
    const headers = { ...ctx.req.headers, 'content-length': String(decoded.length) } as Record<string, string | string[] | undefined>;
    if (encoding.length) headers['content-encoding'] = encoding.join(',');
    else delete headers['content-encoding'];
    delete headers['x-amz-decoded-content-length'];
    delete headers['x-amz-trailer'];
    const body = Object.assign(Readable.from([decoded]), { headers });
    ctx.req = body as unknown as Ctx['req'];
    // Koa's ctx.headers reads ctx.req.headers: s3rver now sees a plain body of the decoded length.
    return next();
  };
}

let desPatched = false;
/** Single DES (`des`, DES-CBC) as `des-ede3-cbc` with the 8-byte key three times: the same cipher. */
export function patchSingleDes(): void {
  if (desPatched) return;
  desPatched = true;
  const wrap = <F extends (...args: never[]) => unknown>(original: F): F =>
    ((algorithm: string, key: crypto.CipherKey, iv: crypto.BinaryLike | null, options?: unknown) => {
      if (typeof algorithm === 'string' && algorithm.toLowerCase() === 'des' && Buffer.isBuffer(key) && key.length === 8) {
        return (original as unknown as (...a: unknown[]) => unknown)('des-ede3-cbc', Buffer.concat([key, key, key]), iv, options);
      }
      return (original as unknown as (...a: unknown[]) => unknown)(algorithm, key, iv, options);
    }) as unknown as F;
  crypto.createCipheriv = wrap(crypto.createCipheriv);
  crypto.createDecipheriv = wrap(crypto.createDecipheriv);
}
