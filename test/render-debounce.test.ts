/**
 * The event-driven debounce (docs/pipeline.md): the ingest asks for one delayed render per batch
 * that marked periods dirty; a render woken by the render queue takes only markers quiet for the
 * debounce (each period once per quiet window, a marker rewritten meanwhile is left for the render
 * its own upload asked for); the hourly sweep (any other event) takes every marker.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import { createIngestHandler } from '../lambda/handlers/ingest.ts';
import { createRenderHandler } from '../lambda/handlers/render.ts';
import { renderRequesterFromEnv } from '../lambda/handlers/render-request.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { DIRTY_PERIODS } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { encodeS3Key } from '../lambda/pipeline/s3-event.ts';
import { startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

let p: TestPipeline;
const seed = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort()[0]!;

const sqsRecord = (id: string, body: string) =>
  ({ messageId: id, receiptHandle: id, body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'local' }) as never;
const wakeUp = { Records: [sqsRecord('w', '{"kind":"render"}')] };

beforeAll(async () => {
  p = await startTestPipeline();
});
afterAll(async () => {
  await p?.dispose();
});

describe('event-driven debounce', () => {
  it('the ingest asks for one render per batch that marked periods dirty, none for a batch that did not', async () => {
    const key = 'incoming/debounce/a.txt';
    await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: readFileSync(path.join(SEEDS_DIR, seed)) }));
    await p.idle();
    const requests: Record<string, unknown>[] = [];
    const ingest = createIngestHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, parse: parseArticle, bucket: p.bucket, requestRender: async (r) => void requests.push(r) });
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: p.bucket }, object: { key: encodeS3Key(key) } } }] });
    await ingest({ Records: [sqsRecord('a', body), sqsRecord('b', body)] });
    expect(requests).toHaveLength(1);
    expect((requests[0]!.periods as string[]).length).toBeGreaterThan(0);
    await ingest({ Records: [sqsRecord('t', JSON.stringify({ Event: 's3:TestEvent', Service: 'Amazon S3' }))] });
    expect(requests).toHaveLength(1);
  });

  it('a failed render request does not fail the batch (the markers stay for the sweep)', async () => {
    const ingest = createIngestHandler({
      store: p.store,
      config: DEFAULT_CONFIG,
      log: silentLogger,
      parse: parseArticle,
      bucket: p.bucket,
      requestRender: async () => {
        throw new Error('SQS unavailable');
      },
    });
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: p.bucket }, object: { key: encodeS3Key('incoming/debounce/a.txt') } } }] });
    const response = await ingest({ Records: [sqsRecord('c', body)] });
    expect(response.batchItemFailures).toEqual([]);
  });

  it('a queue-woken render leaves markers younger than the debounce, renders them once quiet; the sweep takes all', async () => {
    const markers = async () => (await p.store.list(DIRTY_PERIODS)).map((o) => o.key);
    expect((await markers()).length).toBeGreaterThan(0);
    const at = (offsetMs: number) => () => new Date(Date.now() + offsetMs);
    // Woken right after the upload: nothing is quiet yet for a 60 s debounce.
    const early = await createRenderHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, queueQuietMs: 60_000, now: at(0) })(wakeUp);
    expect(early.rendered).toEqual([]);
    expect(early.waiting).toBeGreaterThan(0);
    expect((await markers()).length).toBeGreaterThan(0);
    // Woken a debounce later: every marker is quiet, each period rendered once, markers cleared.
    const late = await createRenderHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, queueQuietMs: 60_000, now: at(61_000) })(wakeUp);
    expect(late.rendered.length).toBeGreaterThan(0);
    expect(new Set(late.rendered.map((r) => r.periodId)).size).toBe(late.rendered.length);
    expect(await markers()).toEqual([]);
    // A second wake-up for the same window finds nothing: no render.
    const again = await createRenderHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, queueQuietMs: 60_000, now: at(62_000) })(wakeUp);
    expect(again.rendered).toEqual([]);
  });

  it('the hourly sweep (a scheduled event) renders markers however young', async () => {
    await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: 'incoming/debounce/b.txt', Body: readFileSync(path.join(SEEDS_DIR, seed)) }));
    await p.idle();
    const sweep = await createRenderHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, queueQuietMs: 60_000 })({ source: 'aws.events', 'detail-type': 'Scheduled Event' });
    expect(sweep.rendered.length).toBeGreaterThan(0);
    expect(await p.store.list(DIRTY_PERIODS)).toEqual([]);
  });

  it('sends the request with a delivery delay of the debounce, capped at SQS’s 900 s; no queue, no sender', async () => {
    expect(renderRequesterFromEnv({})).toBeUndefined();
    const sent: { input: Record<string, unknown> }[] = [];
    const client = { send: async (c: { input: Record<string, unknown> }) => void sent.push(c) } as never;
    await renderRequesterFromEnv({ BANTIN_RENDER_QUEUE_URL: 'https://sqs/q', BANTIN_DEBOUNCE_SECONDS: '90' }, client)!({ periods: ['2026-03'] });
    await renderRequesterFromEnv({ BANTIN_RENDER_QUEUE_URL: 'https://sqs/q', BANTIN_DEBOUNCE_SECONDS: '3600' }, client)!({});
    expect(sent.map((c) => [c.input.QueueUrl, c.input.DelaySeconds])).toEqual([
      ['https://sqs/q', 90],
      ['https://sqs/q', 900],
    ]);
  });
});
