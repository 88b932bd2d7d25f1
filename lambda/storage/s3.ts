/**
 * ObjectStore on Amazon S3 (or any S3-compatible server such as s3rver).
 *
 * Listing uses ListObjects (V1) paged by Marker = the last key of the previous page. Real S3
 * serves V1 and V2 alike; s3rver answers any ListObjectsV2 page that is truncated (more than
 * 1,000 keys) with InternalError on Node >= 17, because it builds the continuation token with
 * the DES cipher OpenSSL 3 no longer has. V1 has no token, so paging works on both.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { ObjectInfo, ObjectStore, PutOptions } from './object-store.ts';

/** Attempts per S3 call (the SDK default is 3): throttling (503 SlowDown) often needs more. */
export const S3_MAX_ATTEMPTS = 6;

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries never
 * come back in a tight loop (the SDK's full jitter can wait ~0 ms) yet spread out under load.
 * Attempt 2 waits 50–100 ms, then 100–200, 200–400, 400–800, 800–1600 ms.
 */
export function s3RetryDelay(attempt: number): number {
  const step = Math.min(20_000, 100 * 2 ** Math.max(0, attempt - 2));
  return Math.round(step / 2 + (Math.random() * step) / 2);
}

export interface S3ClientEnv {
  /** Endpoint of an S3-compatible server (local mode, tests); unset on AWS. */
  BANTIN_S3_ENDPOINT?: string;
  AWS_REGION?: string;
}

/**
 * An S3 client for AWS, or for an S3-compatible server when BANTIN_S3_ENDPOINT is set:
 * path-style addressing, and checksums only where required (s3rver stores aws-chunked
 * framing as object data otherwise).
 */
export function createS3Client(env: S3ClientEnv = process.env, overrides: Partial<S3ClientConfig> = {}): S3Client {
  const config: S3ClientConfig = { retryStrategy: new ConfiguredRetryStrategy(S3_MAX_ATTEMPTS, s3RetryDelay) };
  if (env.BANTIN_S3_ENDPOINT) {
    config.endpoint = env.BANTIN_S3_ENDPOINT;
    config.forcePathStyle = true;
    config.region = env.AWS_REGION ?? 'us-east-1';
    config.requestChecksumCalculation = 'WHEN_REQUIRED';
    config.responseChecksumValidation = 'WHEN_REQUIRED';
  }
  return new S3Client({ ...config, ...overrides });
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

function isForbidden(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'AccessDenied' || e?.name === 'Forbidden' || e?.$metadata?.httpStatusCode === 403;
}

export class S3ObjectStore implements ObjectStore {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {}

  /**
   * S3 answers a read of a missing key with 403 instead of 404 unless the caller may list the
   * bucket, and whether it weighs an `s3:prefix` condition on that list permission for the
   * answer is not documented; the stack grants s3:ListBucket only with such a condition. So a 403
   * on a read is checked with a listing of exactly that key (allowed by the condition for every
   * prefix the function reads): absent, it is "missing"; present, or the listing also refused,
   * the original error stands. A real denial is never turned into "missing".
   */
  private async missingOrThrow(key: string, error: unknown): Promise<null> {
    if (isNotFound(error)) return null;
    if (!isForbidden(error)) throw error;
    let listed: string | undefined;
    try {
      const out = await this.client.send(new ListObjectsCommand({ Bucket: this.bucket, Prefix: key, MaxKeys: 1 }));
      listed = out.Contents?.[0]?.Key;
    } catch {
      throw error;
    }
    if (listed === key) throw error;
    return null;
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: out.ETag ?? null,
        lastModified: out.LastModified ?? null,
        metadata: Object.fromEntries(Object.entries(out.Metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      };
    } catch (error) {
      return this.missingOrThrow(key, error);
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      return this.missingOrThrow(key, error);
    }
  }

  async put(key: string, body: Uint8Array | string, options: PutOptions = {}): Promise<void> {
    // A Buffer, never a stream: streamed uploads go out aws-chunked, which s3rver stores verbatim.
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: options.contentType,
        CacheControl: options.cacheControl,
      }),
    );
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    const found: ObjectInfo[] = [];
    let marker: string | undefined;
    for (;;) {
      const out = await this.client.send(new ListObjectsCommand({ Bucket: this.bucket, Prefix: prefix, Marker: marker }));
      for (const o of out.Contents ?? []) {
        if (!o.Key) continue;
        found.push({ key: o.Key, size: o.Size ?? 0, etag: o.ETag ?? null, lastModified: o.LastModified ?? null, metadata: {} });
      }
      const last = out.Contents?.at(-1)?.Key;
      if (!out.IsTruncated || !last) return found;
      marker = last;
    }
  }
}
