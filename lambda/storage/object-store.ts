/**
 * The storage the pipeline needs, and nothing more: a flat key space of objects.
 * Implemented by the S3 adapter (AWS and s3rver alike); the pipeline never sees the SDK.
 */

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string | null;
  lastModified: Date | null;
  /** User metadata (`x-amz-meta-*`), names lower-cased. Only filled by `head`. */
  metadata: Record<string, string>;
}

export interface PutOptions {
  contentType?: string;
  cacheControl?: string;
}

export interface ObjectStore {
  /** Size, ETag, time and metadata of an object, or null when it does not exist. */
  head(key: string): Promise<ObjectInfo | null>;
  /** The whole object, or null when it does not exist. */
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, body: Uint8Array | string, options?: PutOptions): Promise<void>;
  /** Deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Every object under a prefix, in key order, however many there are. */
  list(prefix: string): Promise<ObjectInfo[]>;
}

export async function getJson<T>(store: ObjectStore, key: string, parse: (value: unknown) => T): Promise<T | null> {
  const bytes = await store.get(key);
  if (!bytes) return null;
  return parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
}

export function putJson(store: ObjectStore, key: string, value: unknown): Promise<void> {
  return store.put(key, JSON.stringify(value, null, 2) + '\n', { contentType: 'application/json; charset=utf-8' });
}
