/**
 * What every handler takes from its environment: the bucket, the S3 client, the pipeline settings,
 * and (for renderers) where the bundled templates and fonts are.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv, type PipelineConfig } from '../pipeline/config.ts';
import { createS3Client, S3ObjectStore } from '../storage/s3.ts';
import type { ObjectStore } from '../storage/object-store.ts';

export interface RuntimeDeps {
  store: ObjectStore;
  bucket: string;
  config: PipelineConfig;
}

export function runtimeFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeDeps {
  const bucket = env.BANTIN_BUCKET;
  if (!bucket) throw new Error('BANTIN_BUCKET is not set');
  return { store: new S3ObjectStore(createS3Client(env), bucket), bucket, config: configFromEnv(env) };
}

/**
 * A Lambda bundle carries templates/ and fonts/ next to its handler file. When BANTIN_ASSETS_DIR
 * is unset and they are there, point it at them (so a copied bundle finds its own assets).
 */
export function useBundledAssets(moduleUrl: string): void {
  if (process.env.BANTIN_ASSETS_DIR) return;
  const dir = path.dirname(fileURLToPath(moduleUrl));
  if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'fonts'))) process.env.BANTIN_ASSETS_DIR = dir;
}

/** Builds a value on first use, so importing a handler module (e.g. in tests) touches no environment. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
