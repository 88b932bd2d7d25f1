/**
 * `bantin local`: an s3rver on 127.0.0.1 wired to the same handler code the Lambdas run —
 * uploads under incoming/ reach the ingest handler as SQS-shaped batches of S3 notifications,
 * a timer runs the render handler (the schedule's stand-in), another the finaliser.
 */
import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { parseArticle } from '../core/parse.ts';
import { createFinaliseHandler } from '../handlers/finalise.ts';
import { createIngestHandler } from '../handlers/ingest.ts';
import { createRenderHandler } from '../handlers/render.ts';
import type { PipelineConfig } from '../pipeline/config.ts';
import { errorFields, type Logger } from '../pipeline/log.ts';
import type { RenderSummary } from '../pipeline/render.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { createS3Client, S3ObjectStore } from '../storage/s3.ts';
import { LocalEventDelivery } from './delivery.ts';
import { keyGuard } from './key-guard.ts';
import { awsChunkedBodies, multiDeleteEvents, patchSingleDes } from './s3rver-fixes.ts';
import { lockDataFolder, setAsideBrokenObjects } from './data-folder.ts';
import { redrive, type RedriveResult } from '../pipeline/redrive.ts';
import { LOCAL_MAX_SEGMENT_BYTES } from '../pipeline/key-safety.ts';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startConsoleServer, type ConsoleServer } from './console-server.ts';

/** s3rver's built-in credentials; any client of the local server signs with these. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const LOCAL_REGION = 'us-east-1';

export interface LocalOptions {
  port: number;
  bucket: string;
  /** s3rver's data folder; kept between runs. */
  dataDir: string;
  config: PipelineConfig;
  log: Logger;
  /** Render schedule period; 0 disables the timer (tests call renderNow). */
  debounceSeconds: number;
  /** Finaliser period. */
  finaliseEveryMs?: number;
  batchWindowMs?: number;
  /** Port of the web console on 127.0.0.1 (0: any free port); null or unset: no console. */
  consolePort?: number | null;
}

export interface LocalPipeline {
  endpoint: string;
  port: number;
  bucket: string;
  store: ObjectStore;
  /** The web console's address (`http://127.0.0.1:<port>/`), or null when it is off. */
  consoleUrl: string | null;
  /** Waits until every upload event so far has been ingested. */
  idle(): Promise<void>;
  /** Runs the render handler now (after ingest is idle), as the schedule would. */
  renderNow(): Promise<RenderSummary>;
  finaliseNow(): Promise<string[]>;
  deadLettered(): number;
  /**
   * The start-up re-drive: every upload the records do not account for (a crash or Ctrl-C lost
   * its event) goes through the ingest again. Resolves when done.
   */
  recovered: Promise<RedriveResult | null>;
  close(): Promise<void>;
}

export async function startLocal(options: LocalOptions): Promise<LocalPipeline> {
  const { bucket, log } = options;
  // Records derived from an upload's name must fit the file system too (key-safety.ts).
  const config = { ...options.config, maxKeySegmentBytes: options.config.maxKeySegmentBytes ?? LOCAL_MAX_SEGMENT_BYTES };
  mkdirSync(options.dataDir, { recursive: true });
  const unlock = lockDataFolder(options.dataDir);
  const setAside = setAsideBrokenObjects(options.dataDir);
  if (setAside.length > 0) log.warn('objects with unreadable metadata (a crash during their upload) set aside', { keys: setAside });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.dataDir,
    silent: true,
    resetOnClose: false,
    configureBuckets: [{ name: bucket }],
  });
  // Before s3rver's own middleware (Koa composes the list when the server starts listening).
  // Keys are checked first, then s3rver's gaps are mended (s3rver-fixes.ts).
  (server as unknown as { middleware: unknown[] }).middleware.unshift(keyGuard(), awsChunkedBodies(), multiDeleteEvents());
  patchSingleDes();
  let address: { port: number };
  try {
    address = await server.run();
  } catch (error) {
    unlock();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = createS3Client({ BANTIN_S3_ENDPOINT: endpoint, AWS_REGION: LOCAL_REGION }, { credentials: LOCAL_CREDENTIALS });
  const store = new S3ObjectStore(client, bucket);

  const ingest = createIngestHandler({ store, config, log, parse: parseArticle, bucket });
  const render = createRenderHandler({ store, config, log });
  const finalise = createFinaliseHandler({ store, config, log });
  const delivery = new LocalEventDelivery({ bucket, ingest, log, batchWindowMs: options.batchWindowMs });
  server.on('event', (event) => delivery.accept(event));
  // Events live in memory only: whatever a crash or Ctrl-C left unprocessed is found in the
  // bucket itself and ingested again (idempotent with any event delivered meanwhile).
  const recovered = redrive({ store, config, log, parse: parseArticle }, config)
    .then((result) => {
      if (result.outcomes.length > 0 || result.failed.length > 0) {
        log.info('uploads left unprocessed by an earlier run ingested', { count: result.outcomes.length, failed: result.failed.length });
      }
      return result;
    })
    .catch((error) => {
      log.error('start-up re-drive failed; `bantin reconcile --repair` retries it', errorFields(error));
      return null;
    });

  // One render at a time, like the render Lambda's reserved concurrency of 1: runs queue behind
  // each other (the wait for ingest to go idle included), and a timer tick is skipped while one is queued.
  let renders: Promise<unknown> = Promise.resolve();
  let queued = 0;
  let active: Promise<RenderSummary> | null = null;
  const renderNow = async (): Promise<RenderSummary> => {
    queued++;
    const run = renders.then(async () => {
      await delivery.idle();
      active = render(undefined, { awsRequestId: `local-render-${Date.now()}` });
      return active.finally(() => (active = null));
    });
    renders = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      queued--;
    }
  };
  const tick = (): void => {
    if (queued > 0) return;
    renderNow().catch((error) => log.error('scheduled render failed', errorFields(error)));
  };
  const finaliseNow = async (): Promise<string[]> => (await finalise(undefined, { awsRequestId: `local-finalise-${Date.now()}` })).due;

  let consoleServer: ConsoleServer | null = null;
  if (options.consolePort != null) {
    // Browser uploads take the same path as any client's: a PutObject to s3rver, whose event drives the ingest.
    const putUpload = async (key: string, body: Buffer, contentType: string, metadata: Record<string, string>): Promise<void> => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: body.byteLength, ContentType: contentType, Metadata: metadata }));
    };
    try {
      consoleServer = await startConsoleServer({ port: options.consolePort, store, config, log, putUpload });
    } catch (error) {
      delivery.stop({ abandon: true });
      await recovered;
      await server.close();
      client.destroy();
      unlock();
      throw Object.assign(error as Error, { consolePort: options.consolePort });
    }
  }

  const timers: NodeJS.Timeout[] = [];
  if (options.debounceSeconds > 0) {
    timers.push(setInterval(tick, options.debounceSeconds * 1000));
    const finaliseTick = (): void => void finaliseNow().catch((error) => log.error('finalise failed', errorFields(error)));
    finaliseTick();
    timers.push(setInterval(finaliseTick, options.finaliseEveryMs ?? 60 * 60 * 1000));
  }

  return {
    endpoint,
    port: address.port,
    bucket,
    store,
    consoleUrl: consoleServer?.url ?? null,
    idle: () => delivery.idle(),
    renderNow,
    finaliseNow,
    deadLettered: () => delivery.deadLettered.length,
    recovered,
    async close() {
      timers.forEach(clearInterval);
      await consoleServer?.close();
      // Pending events are dropped, not worked off: the next start re-drives them from the bucket.
      delivery.stop({ abandon: true });
      await Promise.all([active?.catch(() => undefined), recovered, delivery.idle()]);
      (server as unknown as { httpServer?: { closeAllConnections?: () => void } }).httpServer?.closeAllConnections?.();
      await server.close();
      client.destroy();
      unlock();
    },
  };
}
