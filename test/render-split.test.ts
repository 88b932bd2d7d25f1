/**
 * One period per invocation (docs/pipeline.md): with a dispatcher, a render run rebuilds the dirty
 * months and sends one request a dirty period instead of rendering them; each render-period message
 * then renders its one period, writes the index and clears its own marker. Real s3rver, real SDK,
 * the render handler as the Lambda runs it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderHandler } from '../lambda/handlers/render.ts';
import { periodDispatcherFromEnv } from '../lambda/handlers/render-request.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { digestKeys, DIRTY_MONTHS, DIRTY_PERIODS, INDEX_KEY, monthSummaryKey } from '../lambda/pipeline/keys.ts';
import { silentLogger, type Logger } from '../lambda/pipeline/log.ts';
import type { PeriodRequest } from '../lambda/pipeline/render.ts';
import { startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

let p: TestPipeline;
const seedFiles = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();

const sqsEvent = (bodies: unknown[]) => ({
  Records: bodies.map((b, i) => ({ messageId: `m${i}`, receiptHandle: `r${i}`, body: JSON.stringify(b), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'local' })),
});

beforeAll(async () => {
  p = await startTestPipeline();
  for (const f of seedFiles.slice(0, 2)) {
    await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: `incoming/split/${f}`, Body: readFileSync(path.join(SEEDS_DIR, f)) }));
  }
  await p.idle();
});
afterAll(async () => {
  await p?.dispose();
});

describe('one period per invocation', () => {
  it('the run rebuilds months and dispatches one request a dirty period; each message renders its period alone', async () => {
    const sent: PeriodRequest[] = [];
    const errors: unknown[] = [];
    const log: Logger = { ...silentLogger, error: (msg: string, fields?: unknown) => void errors.push({ msg, fields }) };
    const handler = createRenderHandler({ store: p.store, config: DEFAULT_CONFIG, log, dispatch: async (r) => void sent.push(...r) });
    const markersBefore = (await p.store.list(DIRTY_PERIODS)).map((o) => o.key).sort();
    expect(markersBefore.length).toBeGreaterThan(0);

    const run = await handler(undefined);
    expect(run.months.length).toBeGreaterThan(0);
    expect(await p.store.list(DIRTY_MONTHS)).toEqual([]);
    expect(await p.store.get(monthSummaryKey(run.months[0]!))).not.toBeNull();
    // Nothing rendered yet: every marked period was sent, with the marker it is to clear.
    expect(run.rendered).toEqual([]);
    expect(await p.store.get(INDEX_KEY)).toBeNull();
    const marked = sent.filter((r) => r.marker !== null);
    expect(marked.map((r) => r.marker!.key).sort()).toEqual(markersBefore);
    // The periods comparing with a rebuilt month go too, without a marker (rendered only if they have a digest).
    const dependents = sent.filter((r) => r.marker === null);
    expect(dependents.length).toBeGreaterThan(0);
    expect(run.dispatched?.sort()).toEqual(sent.map((r) => r.periodId).sort());

    // Each message, as SQS delivers it (batch size 1): that period rendered, the index written, its marker cleared.
    for (const request of marked) {
      const one = await handler(sqsEvent([{ kind: 'render-period', ...request }]));
      expect(one.rendered.map((r) => r.periodId)).toEqual([request.periodId]);
      expect(one.months).toEqual([]);
      expect(await p.store.get(digestKeys(request.periodId).json)).not.toBeNull();
      expect(await p.store.head(request.marker!.key)).toBeNull();
      expect(Buffer.from((await p.store.get(INDEX_KEY))!).toString('utf8')).toContain(`${request.periodId}/generations/`);
    }
    expect(await p.store.list(DIRTY_PERIODS)).toEqual([]);
    for (const request of dependents) {
      const had = (await p.store.get(digestKeys(request.periodId).json)) !== null;
      const one = await handler(sqsEvent([{ kind: 'render-period', ...request }]));
      expect(one.rendered.map((r) => r.periodId)).toEqual(had ? [request.periodId] : []);
    }

    // A malformed request is dropped with a reason, not retried forever; a marker that is not the period's own is never deleted.
    const bad = await handler(sqsEvent([{ kind: 'render-period', periodId: '../../etc', marker: null }]));
    expect(bad.rendered).toEqual([]);
    expect(JSON.stringify(errors)).toContain('render-period message ignored');
    const alien = await handler(sqsEvent([{ kind: 'render-period', periodId: sent[0]!.periodId, marker: { key: INDEX_KEY, etag: null } }]));
    expect(alien.rendered).toEqual([]);
    expect(await p.store.get(INDEX_KEY)).not.toBeNull();
    expect(JSON.stringify(errors)).toContain("marker.key is not the period's dirty marker");
  });

  it('the AWS dispatcher sends FIFO batches of at most 10, one message group a period', async () => {
    const commands: SendMessageBatchCommand[] = [];
    const dispatch = periodDispatcherFromEnv({ BANTIN_RENDER_PERIOD_QUEUE_URL: 'https://sqs.local/q.fifo' }, { send: async (c: unknown) => (commands.push(c as SendMessageBatchCommand), { Failed: [] }) } as never)!;
    const requests: PeriodRequest[] = Array.from({ length: 12 }, (_, i) => ({ periodId: `2023-${String(i + 1).padStart(2, '0')}`, marker: { key: `state/dirty/periods/2023-${i}`, etag: `"e${i}"` } }));
    await dispatch(requests);
    const entries = commands.map((c) => c.input.Entries!);
    expect(entries.map((e) => e.length)).toEqual([10, 2]);
    const flat = entries.flat();
    expect(flat.map((e) => e.MessageGroupId)).toEqual(requests.map((r) => r.periodId));
    expect(JSON.parse(flat[0]!.MessageBody!)).toEqual({ kind: 'render-period', ...requests[0] });
    expect(new Set(flat.map((e) => e.MessageDeduplicationId)).size).toBe(12);
    expect(periodDispatcherFromEnv({})).toBeUndefined();
    // A partly failed batch fails the run's dispatch (the markers stay for the next run).
    const failing = periodDispatcherFromEnv({ BANTIN_RENDER_PERIOD_QUEUE_URL: 'q' }, { send: async () => ({ Failed: [{ Id: '0', Message: 'throttled' }] }) } as never)!;
    await expect(failing(requests.slice(0, 1))).rejects.toThrow(/2023-01: throttled/);
  });
});
