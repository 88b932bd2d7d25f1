/**
 * The Lambda handlers' CloudWatch metrics (issue 13): counted from the handlers' outcomes and
 * summaries, published once per invocation as EMF lines (Powertools Metrics) by the Lambda wiring
 * only. Local mode wires no publisher, so `bantin local` prints no EMF. The bundled publisher is
 * exercised end to end in test/asset.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emfPublisher } from '../lambda/handlers/emf.ts';
import { ingestMetricCounts, renderMetricCounts, type MetricCount } from '../lambda/handlers/metrics.ts';
import { createRenderHandler } from '../lambda/handlers/render.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { ingestUpload, type IngestOutcome } from '../lambda/pipeline/ingest.ts';
import { silentLogger, type Logger } from '../lambda/pipeline/log.ts';
import type { ObjectStore } from '../lambda/storage/object-store.ts';
import { startTestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

/** Every line written to stdout while `run` runs. */
async function stdoutOf(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write);
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('metric counts', () => {
  it('ingest: ingested and applied corrections always (zero included), rejections per reason', () => {
    const outcomes: IngestOutcome[] = [
      { status: 'ingested', uploadKey: 'incoming/a.txt', articleKey: 'articles/a.txt.json', articleId: 'a', month: '2023-06', dirty: [] },
      { status: 'ingested', uploadKey: 'incoming/b.txt', articleKey: 'articles/b.txt.json', articleId: 'b', month: '2023-06', dirty: [] },
      { status: 'rejected', uploadKey: 'incoming/c.txt', rejectionKey: 'r/c', reason: 'empty', month: '2023-06', dirty: [] },
      { status: 'rejected', uploadKey: 'incoming/d.txt', rejectionKey: 'r/d', reason: 'binary', month: '2023-06', dirty: [] },
      { status: 'rejected', uploadKey: 'incoming/e.txt', rejectionKey: 'r/e', reason: 'binary', month: '2023-06', dirty: [] },
      { status: 'removed', uploadKey: 'incoming/f.txt', dirty: [] },
      { status: 'corrected', correctionKey: 'corrections/a.txt.json', uploadKey: 'incoming/a.txt', upload: 'ingested', applied: true, dirty: [] },
      { status: 'corrected', correctionKey: 'corrections/g.txt.json', uploadKey: 'incoming/g.txt', upload: 'removed', applied: false, dirty: [] },
      { status: 'ignored', uploadKey: 'x', why: 'not an upload key under incoming/' },
    ];
    expect(ingestMetricCounts(outcomes)).toEqual([
      { name: 'ArticlesIngested', value: 2 },
      { name: 'CorrectionsApplied', value: 1 },
      { name: 'ArticlesRejected', value: 2, dimensions: { reason: 'binary' } },
      { name: 'ArticlesRejected', value: 1, dimensions: { reason: 'empty' } },
    ]);
    expect(ingestMetricCounts([])).toEqual([
      { name: 'ArticlesIngested', value: 0 },
      { name: 'CorrectionsApplied', value: 0 },
    ]);
  });

  it('render: digests rendered and failed periods; a run that threw counts one failure', () => {
    const summary = { months: [], rendered: [{ periodId: '2023-06', generation: 1, final: false, articles: 3 }], removed: [], superseded: [], failed: ['2023'], indexWritten: true };
    expect(renderMetricCounts(summary)).toEqual([
      { name: 'DigestsRendered', value: 1 },
      { name: 'RenderFailures', value: 1 },
    ]);
    expect(renderMetricCounts(null)).toEqual([
      { name: 'DigestsRendered', value: 0 },
      { name: 'RenderFailures', value: 1 },
    ]);
  });
});

describe('EMF publisher (Powertools Metrics)', () => {
  it('prints one EMF line for the plain counts and one per rejection reason, namespace Bantin, dimension service', async () => {
    const publisher = emfPublisher('bantin-ingest', silentLogger);
    const counts: MetricCount[] = [
      { name: 'ArticlesIngested', value: 1 },
      { name: 'CorrectionsApplied', value: 0 },
      { name: 'ArticlesRejected', value: 2, dimensions: { reason: 'binary' } },
    ];
    const lines = await stdoutOf(() => publisher.publish(counts));
    const emf = lines.map((l) => JSON.parse(l));
    expect(emf).toHaveLength(2);
    for (const e of emf) expect(e._aws.CloudWatchMetrics[0].Namespace).toBe('Bantin');
    const rejected = emf.find((e) => 'ArticlesRejected' in e);
    expect(rejected).toMatchObject({ service: 'bantin-ingest', reason: 'binary', ArticlesRejected: 2 });
    expect(rejected._aws.CloudWatchMetrics[0].Dimensions[0].sort()).toEqual(['reason', 'service']);
    const plain = emf.find((e) => 'ArticlesIngested' in e);
    expect(plain).toMatchObject({ service: 'bantin-ingest', ArticlesIngested: 1, CorrectionsApplied: 0 });
    expect(plain._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    // A second invocation publishes only its own counts.
    const again = (await stdoutOf(() => publisher.publish([{ name: 'ArticlesIngested', value: 0 }]))).map((l) => JSON.parse(l));
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ ArticlesIngested: 0 });
    expect(again[0]).not.toHaveProperty('CorrectionsApplied');
  });

  it('a render run that fails still publishes its counts, then fails', async () => {
    const published: MetricCount[][] = [];
    const broken = { list: async () => Promise.reject(new Error('S3 down')) } as unknown as ObjectStore;
    const render = createRenderHandler({ store: broken, config: DEFAULT_CONFIG, log: silentLogger, metrics: { publish: async (c) => void published.push(c) } });
    await expect(render({ source: 'aws.events' })).rejects.toThrow('S3 down');
    expect(published).toEqual([renderMetricCounts(null)]);
  });

  it('a publishing failure is logged, never thrown', async () => {
    const warnings: string[] = [];
    const log: Logger = { ...silentLogger, warn: (m) => void warnings.push(m) };
    const publisher = emfPublisher('bantin-ingest', log);
    // An invalid metric name makes Powertools throw after a valid metric was stored.
    const lines = await stdoutOf(() => expect(publisher.publish([{ name: 'ArticlesIngested', value: 1 }, { name: '', value: 1 }])).resolves.toBeUndefined());
    expect(lines).toEqual([]);
    expect(warnings).toContain('metrics not published');
    // The stored half of the failed set does not leak into the next invocation.
    const next = (await stdoutOf(() => publisher.publish([{ name: 'CorrectionsApplied', value: 0 }]))).map((l) => JSON.parse(l));
    expect(next).toHaveLength(1);
    expect(next[0]).not.toHaveProperty('ArticlesIngested');
  });
});

describe('CorrectionsApplied counts corrections that apply, from the ingest outcomes', () => {
  it('a valid correction is applied, an invalid one or one without its upload is not', async () => {
    const p = await startTestPipeline();
    try {
      const body = readFileSync(path.join(SEEDS_DIR, '002_467a0e42bdf0f961.txt'));
      await p.store.put('incoming/bai.txt', body);
      await p.store.put('corrections/bai.txt.json', JSON.stringify({ primaryEvent: { date: '2023-02-17' } }));
      await p.store.put('corrections/khong-co.txt.json', JSON.stringify({ primaryEvent: { date: '2023-02-17' } }));
      await p.idle();
      const deps = { store: p.store, config: DEFAULT_CONFIG, log: silentLogger, parse: parseArticle };
      const outcomes = [await ingestUpload(deps, 'corrections/bai.txt.json'), await ingestUpload(deps, 'corrections/khong-co.txt.json')];
      await p.store.put('corrections/bai.txt.json', '{ not json');
      outcomes.push(await ingestUpload(deps, 'corrections/bai.txt.json'));
      expect(outcomes.map((o) => o.status === 'corrected' && o.applied)).toEqual([true, false, false]);
      expect(ingestMetricCounts(outcomes).find((c) => c.name === 'CorrectionsApplied')).toEqual({ name: 'CorrectionsApplied', value: 1 });
    } finally {
      await p.dispose();
    }
  });
});

describe('local mode', () => {
  it('publishes no metrics: bantin local prints no EMF line', async () => {
    const pipeline = await startTestPipeline();
    try {
      const lines = await stdoutOf(async () => {
        const body = readFileSync(path.join(SEEDS_DIR, '001_74d7446270d97ccb.txt'));
        await pipeline.client.send(new PutObjectCommand({ Bucket: pipeline.bucket, Key: 'incoming/a.txt', Body: body, ContentLength: body.byteLength }));
        await pipeline.idle();
        await pipeline.renderNow();
      });
      expect(lines.filter((l) => l.includes('"_aws"'))).toEqual([]);
    } finally {
      await pipeline.dispose();
    }
  });
});
