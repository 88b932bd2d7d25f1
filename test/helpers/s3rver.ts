/**
 * Test helpers: the local pipeline (real s3rver on 127.0.0.1, real AWS SDK over HTTP) in a
 * temporary data folder, a client signed the way any user's client would be, and pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_CONFIG, type PipelineConfig } from '../../lambda/pipeline/config.ts';
import { silentLogger, type Logger } from '../../lambda/pipeline/log.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocal, type LocalPipeline } from '../../lambda/local/server.ts';

export interface TestPipeline extends LocalPipeline {
  dataDir: string;
  /** A plain SDK client of the server, as a user's program would have. */
  client: S3Client;
  dispose(): Promise<void>;
}

export async function startTestPipeline(options: { config?: Partial<PipelineConfig>; log?: Logger; bucket?: string } = {}): Promise<TestPipeline> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bantin-s3-'));
  const local = await startLocal({
    port: 0,
    bucket: options.bucket ?? 'bantin',
    dataDir,
    config: { ...DEFAULT_CONFIG, ...options.config },
    log: options.log ?? silentLogger,
    debounceSeconds: 0,
    batchWindowMs: 20,
  });
  const client = s3Client(local.endpoint);
  return {
    ...local,
    dataDir,
    client,
    async dispose() {
      client.destroy();
      await local.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function s3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** A port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The text of a PDF, via poppler's pdftotext. */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bantin-pdf-'));
  try {
    const file = path.join(dir, 'digest.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
