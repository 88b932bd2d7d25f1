/**
 * Duplicates and order, on a real s3rver: SQS delivers at least once and in any order, users
 * upload the same text twice, change and delete files. The records and digests must follow the
 * bucket, not the history of the events.
 */
import fc from 'fast-check';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DigestSchema, type Digest } from '../lambda/core/digest-model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { createIngestHandler } from '../lambda/handlers/ingest.ts';
import { DEFAULT_CONFIG, type PipelineConfig } from '../lambda/pipeline/config.ts';
import { ingestUpload, type IngestDeps } from '../lambda/pipeline/ingest.ts';
import { ARTICLES, DIGESTS, INDEX_KEY, REJECTED, STATE, articleKeyOf, digestKeys, memberPrefix } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { reconcile } from '../lambda/pipeline/reconcile.ts';
import { renderDirty, type RenderDeps } from '../lambda/pipeline/render.ts';
import { encodeS3Key } from '../lambda/pipeline/s3-event.ts';
import { getJson, type ObjectStore } from '../lambda/storage/object-store.ts';
import { gatedStore } from './helpers/gated-store.ts';
import { emptyBucket, startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';

const config: PipelineConfig = { ...DEFAULT_CONFIG, periodKinds: ['month', 'quarter'] };

/** A short meeting report dated `day`/6/2023 (so it lands in 2023-06 and 2023-Q2). */
export function report(title: string, day: number, extra = ''): string {
  return `${title}\n\nSáng ${day}/6/2023, Ban Thường vụ Tỉnh ủy Quảng Nam tổ chức ${title.toLowerCase()}. Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy chủ trì hội nghị. ${extra}\n`;
}

let s3: LocalS3;
let store: ObjectStore;
const ingestDeps = (s: ObjectStore = store): IngestDeps => ({ store: s, config, log: silentLogger, parse: parseArticle });
const renderDeps = (s: ObjectStore = store): RenderDeps => ({ store: s, config, log: silentLogger });

const wipe = () => emptyBucket(store);

/** Render runs until nothing is left dirty (the schedule would keep running them). */
async function drain(deps: RenderDeps = renderDeps()): Promise<number> {
  for (let run = 1; run <= 5; run++) {
    await renderDirty(deps);
    if ((await store.list(`${STATE}dirty/`)).length === 0) return run;
  }
  throw new Error('dirty markers still left after 5 render runs');
}

const digestOf = (period: string): Promise<Digest | null> => getJson(store, digestKeys(period).json, (v) => DigestSchema.parse(v));
const titlesOf = (d: Digest | null): string[] => (d?.articles ?? []).map((a) => a.title ?? '').sort();

function createdEvent(keys: string[], bucket: string): SQSEvent {
  return {
    Records: keys.map((key, i) => ({
      messageId: `m${i}`,
      body: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodeS3Key(key) } } }] }),
      attributes: { ApproximateReceiveCount: '1' },
    })),
  } as unknown as SQSEvent;
}

beforeAll(async () => {
  s3 = await startLocalS3();
  store = s3.store();
});
afterAll(async () => s3?.close());
beforeEach(wipe);

describe('duplicates', () => {
  it('the same event delivered twice (in one batch and again later) gives one record and one digest entry', async () => {
    const key = 'incoming/dup/once.txt';
    await store.put(key, report('Hội nghị sơ kết công tác dân vận', 12));
    const handler = createIngestHandler({ ...ingestDeps(), bucket: s3.bucket });
    const first = await handler(createdEvent([key, key], s3.bucket));
    const again = await handler(createdEvent([key], s3.bucket));
    expect([...first.batchItemFailures, ...again.batchItemFailures]).toEqual([]);
    expect((await store.list(ARTICLES)).map((o) => o.key)).toEqual([articleKeyOf(key)]);
    expect(await store.list(memberPrefix('2023-06'))).toHaveLength(1);
    await drain();
    expect(titlesOf(await digestOf('2023-06'))).toEqual(['Hội nghị sơ kết công tác dân vận']);
    expect(titlesOf(await digestOf('2023-Q2'))).toEqual(['Hội nghị sơ kết công tác dân vận']);
  });

  it('the same content under two keys is one article with both sources', async () => {
    const text = report('Hội nghị quán triệt Nghị quyết 05-NQ/TU', 14);
    await store.put('incoming/dup/a.txt', text);
    await store.put('incoming/dup/copy of a.txt', text);
    await ingestUpload(ingestDeps(), 'incoming/dup/a.txt');
    await ingestUpload(ingestDeps(), 'incoming/dup/copy of a.txt');
    await drain();
    for (const period of ['2023-06', '2023-Q2']) {
      const digest = await digestOf(period);
      expect(digest?.articles).toHaveLength(1);
      expect(digest!.articles[0]!.sources.map((s) => s.key).sort()).toEqual(['incoming/dup/a.txt', 'incoming/dup/copy of a.txt']);
    }
    // Both uploads are still accounted for, each with its record.
    expect((await reconcile(store)).balanced).toBe(true);
  });

  it('a changed file under the same key replaces its record, and the digests follow', async () => {
    const key = 'incoming/dup/changing.txt';
    await store.put(key, report('Hội nghị sơ kết công tác dân vận', 12));
    await ingestUpload(ingestDeps(), key);
    await drain();
    expect(titlesOf(await digestOf('2023-06'))).toEqual(['Hội nghị sơ kết công tác dân vận']);

    await store.put(key, report('Hội nghị tổng kết công tác tuyên giáo', 20));
    await ingestUpload(ingestDeps(), key);
    await drain();
    expect((await store.list(ARTICLES)).map((o) => o.key)).toEqual([articleKeyOf(key)]);
    expect(titlesOf(await digestOf('2023-06'))).toEqual(['Hội nghị tổng kết công tác tuyên giáo']);
    expect(titlesOf(await digestOf('2023-Q2'))).toEqual(['Hội nghị tổng kết công tác tuyên giáo']);

    // Changed into something unusable: the article leaves the digest, a rejection takes its place.
    await store.put(key, Buffer.from('%PDF-1.7\n' + '\u0000'.repeat(50)));
    await ingestUpload(ingestDeps(), key);
    await drain();
    expect(await store.list(ARTICLES)).toEqual([]);
    expect(await store.list(REJECTED)).toHaveLength(1);
    expect(titlesOf(await digestOf('2023-06'))).toEqual([]);
  });

  it('a deleted upload leaves the digests (and an emptied period loses its digest and index entry)', async () => {
    await store.put('incoming/del/keep.txt', report('Hội nghị sơ kết công tác dân vận', 12));
    await store.put('incoming/del/gone.txt', report('Hội nghị Ban Chấp hành Đảng bộ tỉnh', 16));
    await store.put('incoming/del/july.txt', report('Hội nghị gặp mặt đại biểu', 3).replace('/6/2023', '/7/2023'));
    for (const k of ['incoming/del/keep.txt', 'incoming/del/gone.txt', 'incoming/del/july.txt']) await ingestUpload(ingestDeps(), k);
    await drain();
    expect(titlesOf(await digestOf('2023-06'))).toHaveLength(2);
    expect(await store.head(digestKeys('2023-07').json)).not.toBeNull();

    await store.delete('incoming/del/gone.txt');
    await store.delete('incoming/del/july.txt');
    expect((await ingestUpload(ingestDeps(), 'incoming/del/gone.txt')).status).toBe('removed');
    expect((await ingestUpload(ingestDeps(), 'incoming/del/july.txt')).status).toBe('removed');
    await drain();
    expect(titlesOf(await digestOf('2023-06'))).toEqual(['Hội nghị sơ kết công tác dân vận']);
    expect(titlesOf(await digestOf('2023-Q2'))).toEqual(['Hội nghị sơ kết công tác dân vận']);
    for (const k of Object.values(digestKeys('2023-07'))) expect(await store.head(k)).toBeNull();
    const index = Buffer.from((await store.get(INDEX_KEY))!).toString();
    expect(index).toContain('2023-06/');
    expect(index).not.toContain('2023-07/');
    expect((await reconcile(store)).balanced).toBe(true);
  });
});

/** Fields that record when something ran (re-uploading the same steps moves them), not what. */
const WALL_CLOCK = new Set(['rejectedAt', 'uploadedAt', 'generatedAt', 'generation']);

/** What the bucket says once everything settled: records (minus wall-clock fields) and digests. */
async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const prefix of [ARTICLES, REJECTED, DIGESTS]) {
    for (const o of await store.list(prefix)) {
      // Generation folders are render history (named per render); the stable keys hold the digest.
      if (o.key.includes('/generations/')) continue;
      if (!o.key.endsWith('.json')) {
        out[o.key] = 'present';
        continue;
      }
      const value = JSON.parse(Buffer.from((await store.get(o.key))!).toString('utf8')) as Record<string, unknown>;
      out[o.key] = JSON.parse(JSON.stringify(value, (k, v: unknown) => (WALL_CLOCK.has(k) ? undefined : v)));
    }
  }
  return out;
}

describe('order', () => {
  /** Each step changes the bucket and yields the event S3 would send for it. */
  type Step = { key: string; body: string | Buffer | null };
  const A = 'incoming/ord/a.txt';
  const B = 'incoming/ord/b.txt';
  const C = 'incoming/ord/c.txt';
  const STEPS: Step[] = [
    { key: A, body: report('Hội nghị sơ kết công tác dân vận', 12) },
    { key: B, body: report('Hội nghị sơ kết công tác dân vận', 12) }, // same content as A
    { key: C, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }, // binary: rejected
    { key: A, body: report('Hội nghị tổng kết công tác tuyên giáo', 25) }, // A changed
    { key: B, body: null }, // B deleted
    { key: C, body: report('Hội nghị Ban Chấp hành Đảng bộ tỉnh', 3).replace('/6/2023', '/5/2023') }, // C fixed
  ];

  async function apply(steps: Step[]): Promise<void> {
    for (const s of steps) {
      if (s.body === null) await store.delete(s.key);
      else await store.put(s.key, s.body);
    }
  }

  it('events arriving out of order (and repeated) end in the same state as in order', async () => {
    await apply(STEPS);
    for (const s of STEPS) await ingestUpload(ingestDeps(), s.key);
    await drain();
    const inOrder = await snapshot();
    expect(Object.keys(inOrder)).toContain(articleKeyOf(A));
    expect(Object.keys(inOrder)).toContain(articleKeyOf(C));
    expect(Object.keys(inOrder)).not.toContain(articleKeyOf(B));

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(STEPS.map((s) => s.key).concat(STEPS.map((s) => s.key)), { minLength: STEPS.length * 2 }),
        fc.integer({ min: 0, max: STEPS.length }),
        async (events, renderAfter) => {
          await wipe();
          await apply(STEPS);
          for (const [i, key] of events.entries()) {
            await ingestUpload(ingestDeps(), key);
            if (i === renderAfter) await renderDirty(renderDeps()); // a render may run mid-way
          }
          await drain();
          expect(await snapshot()).toEqual(inOrder);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('events processed while the uploads are still changing converge once the last event is handled', async () => {
    // Each event is handled right after its own step, so some see an object already replaced or gone.
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(STEPS.map((_, i) => i), { minLength: STEPS.length }), async (order) => {
        await wipe();
        const pending: string[] = [];
        for (const s of STEPS) {
          await apply([s]);
          pending.push(s.key);
          // Deliver some of the pending events now, in shuffled order.
          if (order[pending.length - 1]! % 2 === 0) for (const key of pending.splice(0).reverse()) await ingestUpload(ingestDeps(), key);
        }
        for (const key of pending) await ingestUpload(ingestDeps(), key);
        await drain();
        const settled = await snapshot();
        // A fresh ingest of the final bucket gives the same records and digests.
        for (const o of [...(await store.list(ARTICLES)), ...(await store.list(REJECTED)), ...(await store.list(STATE)), ...(await store.list(DIGESTS))]) await store.delete(o.key);
        for (const key of new Set(STEPS.map((s) => s.key))) await ingestUpload(ingestDeps(), key);
        await drain();
        expect(settled).toEqual(await snapshot());
      }),
      { numRuns: 5 },
    );
  });

  it('two ingests of one key racing across a change end with the record of the newest upload', async () => {
    const key = 'incoming/race/a.txt';
    await store.put(key, report('Hội nghị sơ kết công tác dân vận', 12));
    // Worker 1 reads version 1 and stalls before writing its record.
    const slow = gatedStore(store, (op, k) => op === 'put' && k === articleKeyOf(key));
    const worker1 = ingestUpload(ingestDeps(slow.store), key);
    await slow.reached;
    // Meanwhile the user replaces the file and worker 2 handles its event completely.
    await store.put(key, report('Hội nghị tổng kết công tác tuyên giáo', 20));
    expect((await ingestUpload(ingestDeps(), key)).status).toBe('ingested');
    slow.open();
    await worker1;
    const record = JSON.parse(Buffer.from((await store.get(articleKeyOf(key)))!).toString('utf8')) as { title: string };
    expect(record.title).toBe('Hội nghị tổng kết công tác tuyên giáo');
    await drain();
    expect(titlesOf(await digestOf('2023-06'))).toEqual(['Hội nghị tổng kết công tác tuyên giáo']);
  });
});
