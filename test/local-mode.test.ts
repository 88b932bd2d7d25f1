/**
 * Local mode's stand-ins for AWS: s3rver events become S3-shaped notifications (keys URL-encoded
 * as S3 does, incoming/ only) in SQS-shaped batches with retries and a dead-letter limit; data
 * survives restarts; the finaliser marks ended periods for a final render.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestHandler } from '../lambda/handlers/ingest.ts';
import { LocalEventDelivery } from '../lambda/local/delivery.ts';
import { startLocal } from '../lambda/local/server.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { markEndedPeriods } from '../lambda/pipeline/finalise.ts';
import { digestKeys, dirtyPeriodKey, periodStatusKey } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { renderDirty } from '../lambda/pipeline/render.ts';
import { decodeS3Key, parseS3Notification } from '../lambda/pipeline/s3-event.ts';
import { PeriodStatusSchema } from '../lambda/pipeline/state.ts';
import { s3Client, startTestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const SEED_2023_06 = readFileSync(path.join(SEEDS_DIR, '001_74d7446270d97ccb.txt'));

describe('S3 key encoding', () => {
  it('decodes keys the way S3 encodes them in notifications', () => {
    expect(decodeS3Key('incoming/B%E1%BA%A3n+tin/a%2Bb+c.txt')).toBe('incoming/Bản tin/a+b c.txt');
    expect(decodeS3Key('incoming/plain.txt')).toBe('incoming/plain.txt');
  });
});

describe('event delivery from s3rver', () => {
  let work: string;
  let server: S3rver;
  let endpoint: string;
  const received: SQSEvent[] = [];
  let failuresLeft = new Map<string, number>();
  let delivery: LocalEventDelivery;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'bantin-delivery-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: work, configureBuckets: [{ name: 'bantin' }, { name: 'other' }] });
    endpoint = `http://127.0.0.1:${(await server.run()).port}`;
    // A recording ingest handler that fails named keys a set number of times (the real one is tested elsewhere).
    const ingest: IngestHandler = async (event) => {
      received.push(structuredClone(event));
      const batchItemFailures = event.Records.filter((r) => {
        const key = parseS3Notification(r.body)[0]!.key;
        const left = failuresLeft.get(key) ?? 0;
        if (left > 0) failuresLeft.set(key, left - 1);
        return left > 0;
      }).map((r) => ({ itemIdentifier: r.messageId }));
      return { batchItemFailures, outcomes: [] };
    };
    delivery = new LocalEventDelivery({ bucket: 'bantin', ingest, log: silentLogger, batchWindowMs: 20 });
    server.on('event', (e) => delivery.accept(e));
  });
  afterAll(async () => {
    delivery?.stop();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('delivers created and removed events under incoming/ only, keys encoded like S3 (space as +)', async () => {
    received.length = 0;
    const client = s3Client(endpoint);
    const key = 'incoming/Bản tin/a+b c.txt';
    await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: key, Body: Buffer.from('x') }));
    await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: 'articles/x.json', Body: Buffer.from('{}') }));
    await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: 'digests/index.html', Body: Buffer.from('<html>') }));
    await client.send(new PutObjectCommand({ Bucket: 'other', Key: 'incoming/elsewhere.txt', Body: Buffer.from('x') }));
    await client.send(new DeleteObjectCommand({ Bucket: 'bantin', Key: key }));
    await delivery.idle();
    client.destroy();
    const bodies = received.flatMap((e) => e.Records.map((r) => JSON.parse(r.body)));
    expect(bodies.map((b) => b.Records[0].eventName)).toEqual(['ObjectCreated:Put', 'ObjectRemoved:Delete']);
    for (const b of bodies) {
      expect(b.Records[0].s3.bucket.name).toBe('bantin');
      expect(b.Records[0].s3.object.key).toBe('incoming/B%E1%BA%A3n+tin/a%2Bb+c.txt');
    }
    expect(received.every((e) => e.Records.every((r) => r.eventSource === 'aws:sqs'))).toBe(true);
  });

  it('batches events up to 10 per invocation', async () => {
    received.length = 0;
    const client = s3Client(endpoint);
    await Promise.all(Array.from({ length: 23 }, (_, i) => client.send(new PutObjectCommand({ Bucket: 'bantin', Key: `incoming/batch/${i}.txt`, Body: Buffer.from('x') }))));
    await delivery.idle();
    client.destroy();
    const sizes = received.map((e) => e.Records.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
  });

  it('retries failed messages and dead-letters a message after 5 receives, as the stack queue does', async () => {
    received.length = 0;
    failuresLeft = new Map([
      ['incoming/flaky.txt', 2],
      ['incoming/broken.txt', 99],
    ]);
    const client = s3Client(endpoint);
    await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: 'incoming/flaky.txt', Body: Buffer.from('x') }));
    await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: 'incoming/broken.txt', Body: Buffer.from('x') }));
    await delivery.idle();
    client.destroy();
    const receives = (key: string) =>
      received.flatMap((e) => e.Records).filter((r) => parseS3Notification(r.body)[0]!.key === key).map((r) => r.attributes.ApproximateReceiveCount);
    expect(receives('incoming/flaky.txt')).toEqual(['1', '2', '3']);
    expect(receives('incoming/broken.txt')).toEqual(['1', '2', '3', '4', '5']);
    expect(delivery.deadLettered.map((r) => parseS3Notification(r.body)[0]!.key)).toEqual(['incoming/broken.txt']);
  });
});

describe('bantin local keeps its data between runs', () => {
  it('serves the uploads and digests of an earlier run after a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'bantin-keep-'));
    try {
      const options = { port: 0, bucket: 'bantin', dataDir, config: DEFAULT_CONFIG, log: silentLogger, debounceSeconds: 0, batchWindowMs: 20 };
      const first = await startLocal(options);
      const client = s3Client(first.endpoint);
      await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: 'incoming/sơ kết.txt', Body: SEED_2023_06 }));
      await first.idle();
      await first.renderNow();
      client.destroy();
      await first.close();

      const second = await startLocal(options);
      try {
        expect(await second.store.head('incoming/sơ kết.txt')).not.toBeNull();
        const status = PeriodStatusSchema.parse(JSON.parse(Buffer.from((await second.store.get(periodStatusKey('2023-06')))!).toString()));
        expect(status.generation).toBe(1);
        expect(await second.store.head(digestKeys('2023-06').pdf)).not.toBeNull();
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('finalisation', () => {
  it('re-renders a period once it has ended and marks it final', async () => {
    const p = await startTestPipeline();
    try {
      await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: 'incoming/tháng sáu.txt', Body: SEED_2023_06 }));
      await p.idle();
      const deps = (iso: string) => ({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, now: () => new Date(iso) });
      const status = async (id: string) => PeriodStatusSchema.parse(JSON.parse(Buffer.from((await p.store.get(periodStatusKey(id)))!).toString()));

      // Rendered mid-June (Vietnam time): nothing has ended.
      await renderDirty(deps('2023-06-20T03:00:00Z'));
      expect((await status('2023-06')).final).toBe(false);
      expect(await markEndedPeriods(deps('2023-06-30T16:59:00Z'))).toEqual([]); // 23:59 on 30 June in Hà Nội

      // 1 July 00:30 in Hà Nội: June, Q2 and H1 have ended; the year has not.
      const due = await markEndedPeriods(deps('2023-06-30T17:30:00Z'));
      expect(due.sort()).toEqual(['2023-06', '2023-H1', '2023-Q2']);
      expect(await p.store.head(dirtyPeriodKey('2023'))).toBeNull();
      const summary = await renderDirty(deps('2023-06-30T17:31:00Z'));
      expect(summary.rendered.map((r) => r.periodId).sort()).toEqual(['2023-06', '2023-H1', '2023-Q2']);
      expect(await status('2023-06')).toMatchObject({ final: true, generation: 2 });
      expect(await status('2023')).toMatchObject({ final: false, generation: 1 });
      expect(await markEndedPeriods(deps('2023-07-02T00:00:00Z'))).toEqual([]);
    } finally {
      await p.dispose();
    }
  });
});
