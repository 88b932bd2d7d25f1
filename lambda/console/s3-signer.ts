/**
 * The console's UrlSigner on AWS: short-lived presigned S3 URLs, signed with the API function's
 * own role, so a URL can never do more than that role may (the editor function may only put and
 * delete under `incoming/` and `corrections/`, the reader function only read).
 *
 * Uploads are presigned PUTs, not presigned POSTs. The PUT's signature covers the key, the
 * Content-Type, the Content-Length and the metadata headers, so S3 refuses (403
 * SignatureDoesNotMatch) a body of any other size, any other type, key or metadata: an exact size
 * is stricter than a POST policy's content-length-range, and the size was checked against the
 * limit before signing. It also needs only @aws-sdk/s3-request-presigner (which the downloads need
 * anyway, and which shares client-s3's version line) and a plain `fetch(url, {method: 'PUT'})` in
 * the browser, and an S3-compatible server that checks signatures (s3rver) enforces all of it.
 * Downloads are presigned GETs that answer with a Content-Disposition naming the file.
 */
import { ApiError } from './errors.ts';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { isUploadKey } from '../pipeline/keys.ts';
import type { UploadFile, UploadInstruction, UrlSigner } from './contract.ts';

/** An upload URL is valid this long: enough to start sending a 5 MB file on a slow line. */
export const UPLOAD_URL_SECONDS = 10 * 60;
/** A download URL is valid this long: the browser follows it at once. */
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** The media types an upload may declare (what the parser reads), with or without parameters such as charset. */
const UPLOAD_TYPES = ['text/plain', 'text/html'];

/**
 * Thrown for an upload the signer refuses to sign (the router should have refused it first); the
 * message is a plain sentence for the user, `status` the HTTP status it maps to.
 */
export class UploadRefused extends ApiError {
  override readonly name = 'UploadRefused';
  constructor(status: 400 | 413 | 415, message: string) {
    super(status, status === 413 ? 'too-large' : status === 415 ? 'unsupported-type' : 'bad-request', message);
  }
}

/** `text/html; charset=UTF-8` → `text/html`; null for a value that is not a media type of the allowed kinds. */
export function uploadMediaType(type: string): string | null {
  const essence = type.split(';', 1)[0]!.trim().toLowerCase();
  if (!UPLOAD_TYPES.includes(essence)) return null;
  // Parameters: token=token or token="quoted", nothing that could smuggle another header.
  return /^[\x20-\x7e]*$/.test(type) ? essence : null;
}

/** S3 metadata travels in HTTP headers: ASCII only. Non-ASCII characters (a Vietnamese path in a URL) are percent-encoded. */
function asciiHeaderValue(value: string): string {
  return value.replace(/[^\x20-\x7e]+/gu, (s) => encodeURIComponent(s));
}

/** The upload's metadata headers, as the browser must send them (the ingest reads `source-url` and `published-at`). */
function metadataOf(file: UploadFile): Record<string, string> {
  const meta: Record<string, string> = {};
  if (file.sourceUrl) meta['source-url'] = asciiHeaderValue(file.sourceUrl);
  if (file.publishedAt) meta['published-at'] = asciiHeaderValue(file.publishedAt);
  return meta;
}

/**
 * A Content-Disposition for a download: `attachment`, an ASCII fallback name (Vietnamese letters
 * without their marks, đ as d) and the exact UTF-8 name (RFC 6266 / RFC 8187).
 */
export function contentDisposition(fileName: string): string {
  const name = fileName.replace(/[\\/]/g, '_').replace(/[\x00-\x1f\x7f]/g, '') || 'download';
  const fallback = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export class S3UrlSigner implements UrlSigner {
  /**
   * @param client an S3 client that computes checksums only when required (createS3Client(env,
   *   { requestChecksumCalculation: 'WHEN_REQUIRED' })): otherwise the SDK signs a CRC32 of the
   *   empty body into every upload URL and S3 refuses the real file.
   */
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async upload(key: string, file: UploadFile, maxBytes: number): Promise<UploadInstruction> {
    if (!isUploadKey(key)) throw new UploadRefused(400, `Uploads go under incoming/; "${key}" is not an upload key.`);
    if (!Number.isSafeInteger(file.size) || file.size <= 0) throw new UploadRefused(400, `${file.name} is empty or has no size.`);
    if (file.size > maxBytes) throw new UploadRefused(413, `${file.name} is ${file.size} bytes; the limit is ${maxBytes} bytes.`);
    if (!uploadMediaType(file.type)) throw new UploadRefused(415, `${file.name} is of type "${file.type}"; only text/plain and text/html files can be uploaded.`);
    const metadata = metadataOf(file);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: file.type,
      ContentLength: file.size,
      Metadata: metadata,
    });
    const metaHeaders = Object.keys(metadata).map((k) => `x-amz-meta-${k}`);
    const url = await getSignedUrl(this.client, command, {
      expiresIn: UPLOAD_URL_SECONDS,
      // Signed, so S3 compares them with what arrives: the exact size and the declared type.
      signableHeaders: new Set(['content-type', 'content-length']),
      // Sent as headers (signed), not moved into the query string: S3 stores metadata from headers.
      unhoistableHeaders: new Set(metaHeaders),
    });
    const headers: Record<string, string> = { 'content-type': file.type };
    for (const [k, v] of Object.entries(metadata)) headers[`x-amz-meta-${k}`] = v;
    return { method: 'PUT', url, headers };
  }

  async download(key: string, fileName: string, contentType: string): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(fileName),
      ResponseContentType: contentType,
      ResponseCacheControl: 'private, no-store',
    });
    return getSignedUrl(this.client, command, { expiresIn: DOWNLOAD_URL_SECONDS });
  }
}
