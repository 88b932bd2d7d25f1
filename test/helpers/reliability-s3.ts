/**
 * A real s3rver on 127.0.0.1 with a fresh bucket, and S3ObjectStores talking to it over HTTP
 * with the real AWS SDK (directly, or through a fault proxy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { ObjectStore } from '../../lambda/storage/object-store.ts';
import { S3ObjectStore, createS3Client } from '../../lambda/storage/s3.ts';

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;
// s3rver ships no type declarations.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  store(endpoint?: string): S3ObjectStore;
  close(): Promise<void>;
}

export async function startLocalS3(bucket = 'bantin'): Promise<LocalS3> {
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  const directory = mkdtempSync(path.join(tmpdir(), 'bantin-rel-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const clients: ReturnType<typeof createS3Client>[] = [];
  return {
    endpoint,
    bucket,
    store(at = endpoint) {
      const client = createS3Client({ BANTIN_S3_ENDPOINT: at, AWS_REGION: 'us-east-1' });
      clients.push(client);
      return new S3ObjectStore(client, bucket);
    },
    async close() {
      for (const c of clients) c.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Deletes every object in the bucket: each test starts from an empty one. */
export async function emptyBucket(store: ObjectStore): Promise<void> {
  for (const o of await store.list('')) await store.delete(o.key);
}
