/**
 * Concurrency and crashes in the render, on a real s3rver: a digest's HTML, PDF and JSON always
 * come from one generation; a crash mid-render leaves the previous complete digest; renders that
 * race (one stalled at any write while another runs) never lose an article or leave older files
 * last; a poison message is dead-lettered while its batch succeeds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DigestSchema, type Digest } from '../lambda/core/digest-model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { createIngestHandler } from '../lambda/handlers/ingest.ts';
import { LocalEventDelivery } from '../lambda/local/delivery.ts';
import { DEFAULT_CONFIG, type PipelineConfig } from '../lambda/pipeline/config.ts';
import { ingestUpload, type IngestDeps } from '../lambda/pipeline/ingest.ts';
import { ARTICLES, DIGESTS, INDEX_KEY, REJECTED, STATE, articleKeyOf, digestKeys, generationOfFolder, generationsPrefix, memberPrefix, monthAggregateKey, periodStatusKey } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { reconcile } from '../lambda/pipeline/reconcile.ts';
import { renderDirty, type RenderDeps } from '../lambda/pipeline/render.ts';
import { encodeS3Key } from '../lambda/pipeline/s3-event.ts';
import { PeriodStatusSchema } from '../lambda/pipeline/state.ts';
import { getJson, type ObjectStore } from '../lambda/storage/object-store.ts';
import { crashingStore, gatedStore } from './helpers/gated-store.ts';
import { emptyBucket, startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';

const config: PipelineConfig = { ...DEFAULT_CONFIG, periodKinds: ['month'] };
const PERIOD = '2023-06';

function report(title: string, day: number): string {
  return `${title}\n\nSáng ${day}/6/2023, Ban Thường vụ Tỉnh ủy Quảng Nam tổ chức ${title.toLowerCase()}. Đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy chủ trì hội nghị.\n`;
}
const TITLES = ['Hội nghị sơ kết công tác dân vận', 'Hội nghị tổng kết công tác tuyên giáo', 'Hội nghị Ban Chấp hành Đảng bộ tỉnh', 'Hội nghị quán triệt Nghị quyết 05-NQ/TU'];

let s3: LocalS3;
let store: ObjectStore;
const ingestDeps = (s: ObjectStore = store): IngestDeps => ({ store: s, config, log: silentLogger, parse: parseArticle });
const renderDeps = (s: ObjectStore = store): RenderDeps => ({ store: s, config, log: silentLogger });

const wipe = () => emptyBucket(store);
async function upload(i: number): Promise<void> {
  const key = `incoming/c/${i}.txt`;
  await store.put(key, report(TITLES[i]!, 10 + i));
  expect((await ingestUpload(ingestDeps(), key)).status).toBe('ingested');
}
async function drain(): Promise<void> {
  for (let run = 0; run < 5; run++) {
    await renderDirty(renderDeps());
    if ((await store.list(`${STATE}dirty/`)).length === 0) return;
  }
  throw new Error('still dirty after 5 runs');
}
const text = async (key: string): Promise<string | null> => {
  const b = await store.get(key);
  return b ? Buffer.from(b).toString('utf8') : null;
};
const titles = (d: Digest | null): string[] => (d?.articles ?? []).map((a) => a.title ?? '').sort();

/** The generation each file says it is: JSON field, HTML meta tag, PDF keywords (read by pdfinfo). */
async function generationsAt(keys: { json: string; html: string; pdf: string }): Promise<{ json: number | null; html: number | null; pdf: number | null; digest: Digest | null }> {
  const json = await getJson(store, keys.json, (v) => DigestSchema.parse(v));
  const html = await text(keys.html);
  const pdfBytes = await store.get(keys.pdf);
  let pdf: number | null = null;
  if (pdfBytes) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-gen-'));
    try {
      writeFileSync(path.join(dir, 'd.pdf'), pdfBytes);
      const info = execFileSync('pdfinfo', [path.join(dir, 'd.pdf')], { encoding: 'utf8' });
      const m = /^Keywords:.*generation (\d+)/m.exec(info);
      pdf = m ? Number(m[1]) : null;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const m = html ? /<meta name="bantin-generation" content="(\d+)"/.exec(html) : null;
  return { json: json?.generation ?? null, html: m ? Number(m[1]) : null, pdf, digest: json };
}

async function status() {
  return getJson(store, periodStatusKey(PERIOD), (v) => PeriodStatusSchema.parse(v));
}

/** The digest a reader reaches from the index: its folder, and the three files there. */
async function indexedDigest() {
  const index = (await text(INDEX_KEY)) ?? '';
  const href = new RegExp(`href="(${PERIOD}/[^"]*digest\\.html)"`).exec(index)?.[1];
  if (!href) return null;
  const base = `${DIGESTS}${href.slice(0, -'.html'.length)}`;
  return generationsAt({ json: `${base}.json`, html: `${base}.html`, pdf: `${base}.pdf` });
}

beforeAll(async () => {
  s3 = await startLocalS3();
  store = s3.store();
});
afterAll(async () => s3?.close());
beforeEach(wipe);

describe('one generation per digest', () => {
  it('HTML, PDF and JSON of a digest carry the same generation, and it grows with each render', async () => {
    await upload(0);
    await drain();
    const first = await generationsAt(digestKeys(PERIOD));
    expect(first).toMatchObject({ json: 1, html: 1, pdf: 1 });
    expect((await status())?.generation).toBe(1);
    await upload(1);
    await drain();
    const second = await generationsAt(digestKeys(PERIOD));
    expect(second).toMatchObject({ json: 2, html: 2, pdf: 2 });
    expect(titles(second.digest)).toEqual([TITLES[0], TITLES[1]].sort());
    // The index links a complete set of the same generation.
    expect(await indexedDigest()).toMatchObject({ json: 2, html: 2, pdf: 2 });
    // Old generations are pruned: the committed one and the one before stay, nothing older.
    await upload(2);
    await drain();
    const folders = new Set((await store.list(generationsPrefix(PERIOD))).map((o) => generationOfFolder(o.key)));
    expect([...folders].sort()).toEqual([2, 3]);
    expect(await indexedDigest()).toMatchObject({ json: 3, html: 3, pdf: 3 });
  });
});

describe('a crash in the middle of a render', () => {
  // Every write a render makes for the period, in whatever order it makes them.
  const CRASH_POINTS: [string, (key: string) => boolean][] = [
    ['the first digest file', (k) => k.startsWith(`${DIGESTS}${PERIOD}/`)],
    ['the HTML', (k) => k.startsWith(`${DIGESTS}${PERIOD}/`) && k.endsWith('.html')],
    ['the PDF', (k) => k.startsWith(`${DIGESTS}${PERIOD}/`) && k.endsWith('.pdf')],
    ['the JSON', (k) => k.startsWith(`${DIGESTS}${PERIOD}/`) && k.endsWith('.json')],
    ['the period status', (k) => k === periodStatusKey(PERIOD)],
    ['a stable key, after the commit', (k) => Object.values(digestKeys(PERIOD)).includes(k)],
    ['the index', (k) => k === INDEX_KEY],
  ];

  it.each(CRASH_POINTS)('at %s leaves the previous complete digest in place, and the next run completes the new one', async (_name, at) => {
    await upload(0);
    await drain();
    const before = await generationsAt(digestKeys(PERIOD));
    expect(before).toMatchObject({ json: 1, html: 1, pdf: 1 });

    await upload(1);
    const summary = await renderDirty(renderDeps(crashingStore(store, (op, key) => op === 'put' && at(key))));
    expect(summary.failed.length + (summary.indexWritten ? 0 : 1)).toBeGreaterThan(0);

    // What readers see: the index and the stable keys each lead to one complete generation.
    const indexed = await indexedDigest();
    expect(indexed).not.toBeNull();
    expect(indexed!.html).toBe(indexed!.json);
    expect(indexed!.pdf).toBe(indexed!.json);
    const stable = await generationsAt(digestKeys(PERIOD));
    const s = await status();
    if (s?.generation === 1) {
      // The new generation was not committed: everything still shows generation 1, unchanged.
      expect(stable).toMatchObject({ json: 1, html: 1, pdf: 1 });
      expect(titles(stable.digest)).toEqual([TITLES[0]]);
      expect(indexed!.json).toBe(1);
    }

    await drain();
    const after = await generationsAt(digestKeys(PERIOD));
    expect(after.json).toBeGreaterThanOrEqual(2);
    expect(after.html).toBe(after.json);
    expect(after.pdf).toBe(after.json);
    expect(titles(after.digest)).toEqual([TITLES[0], TITLES[1]].sort());
    expect(await indexedDigest()).toMatchObject({ json: after.json, html: after.json, pdf: after.json });
  });
});

describe('racing renders', () => {
  it('a render that stalls while another renders newer data does not leave its stale digest behind', async () => {
    await upload(0);
    // Render A reads the month with one article, then stalls before writing the digest.
    const slow = gatedStore(store, (op, key) => op === 'put' && key.startsWith(`${DIGESTS}${PERIOD}/`));
    const renderA = renderDirty(renderDeps(slow.store));
    await slow.reached;
    // Meanwhile a second article arrives and render B runs to the end.
    await upload(1);
    await renderDirty(renderDeps());
    expect(titles((await generationsAt(digestKeys(PERIOD))).digest)).toEqual([TITLES[0], TITLES[1]].sort());
    // A wakes up and writes what it had.
    slow.open();
    await renderA;
    await drain();
    const final = await generationsAt(digestKeys(PERIOD));
    expect(titles(final.digest)).toEqual([TITLES[0], TITLES[1]].sort());
    expect(final.html).toBe(final.json);
    expect(final.pdf).toBe(final.json);
    expect(titles((await indexedDigest())?.digest ?? null)).toEqual([TITLES[0], TITLES[1]].sort());
  });

  it.each([
    ['the stable keys', (k: string) => Object.values(digestKeys(PERIOD)).includes(k)],
    ['the index', (k: string) => k === INDEX_KEY],
  ])('a render that stalls after its commit, at %s, ends on the newer generation', async (_name, at) => {
    await upload(0);
    const slow = gatedStore(store, (op, key) => op === 'put' && at(key));
    const renderA = renderDirty(renderDeps(slow.store));
    await slow.reached;
    await upload(1);
    await renderDirty(renderDeps());
    slow.open();
    await renderA; // no further run: A itself must not leave its older files last
    const stable = await generationsAt(digestKeys(PERIOD));
    expect(titles(stable.digest)).toEqual([TITLES[0], TITLES[1]].sort());
    expect(stable).toMatchObject({ json: 2, html: 2, pdf: 2 });
    expect(await indexedDigest()).toMatchObject({ json: 2, html: 2, pdf: 2 });
  });

  it('a render that stalls while aggregating a month does not leave a stale month behind', async () => {
    await upload(0);
    const slow = gatedStore(store, (op, key) => op === 'put' && key === monthAggregateKey(PERIOD));
    const renderA = renderDirty(renderDeps(slow.store));
    await slow.reached;
    await upload(1);
    await upload(2);
    await renderDirty(renderDeps());
    slow.open();
    await renderA;
    await drain();
    expect(titles((await generationsAt(digestKeys(PERIOD))).digest)).toEqual([TITLES[0], TITLES[1], TITLES[2]].sort());
    // A later article in the same month must join all earlier ones, not a stale month.
    await upload(3);
    await drain();
    expect(titles((await generationsAt(digestKeys(PERIOD))).digest)).toEqual([...TITLES].sort());
  });
});

describe('a month whose uploads never pause', () => {
  it('still renders with what it read, and stays marked so the next run takes the rest', async () => {
    await upload(0);
    // Every listing of the month's members sees a new upload ingested just before it.
    let arrivals = 0;
    const busy: ObjectStore = {
      head: (k) => store.head(k),
      get: (k) => store.get(k),
      put: (k, b, o) => store.put(k, b, o),
      delete: (k) => store.delete(k),
      list: async (prefix) => {
        if (prefix === memberPrefix(PERIOD) && arrivals < 20) {
          const key = `incoming/busy/${arrivals}.txt`;
          await store.put(key, report(`Hội nghị chi bộ lần thứ ${++arrivals}`, 20));
          expect((await ingestUpload(ingestDeps(), key)).status).toBe('ingested');
        }
        return store.list(prefix);
      },
    };
    const summary = await renderDirty(renderDeps(busy));
    expect(summary.failed).toEqual([]);
    expect(summary.rendered.map((r) => r.periodId)).toContain(PERIOD);
    const shown = titles((await generationsAt(digestKeys(PERIOD))).digest);
    expect(shown).toContain(TITLES[0]);
    expect(shown.length).toBeLessThan(1 + arrivals);
    expect((await store.list(`${STATE}dirty/`)).length).toBeGreaterThan(0);
    await drain();
    expect(titles((await generationsAt(digestKeys(PERIOD))).digest)).toHaveLength(1 + arrivals);
  });
});

describe('poison messages', () => {
  it('a message that always fails is dead-lettered after its retries while the rest of its batch succeeds', async () => {
    const keys = [0, 1, 2].map((i) => `incoming/p/${i}.txt`);
    for (const [i, key] of keys.entries()) await store.put(key, report(TITLES[i]!, 10 + i));
    // A key that merely looks URL-encoded is an ordinary key: `accept` gets s3rver's raw keys and
    // encodes them as S3 does (`%` -> `%25`), so it decodes back and is ingested like any other.
    const percentKey = 'incoming/p/%E0%A4%A.txt';
    await store.put(percentKey, report(TITLES[3]!, 20));
    // Every read of one upload fails (a corrupt object, a permissions slip): its message is poison.
    const poisoned = crashingStore(store, (op, key) => op === 'get' && key === keys[1]);
    const ingest = createIngestHandler({ ...ingestDeps(poisoned), bucket: s3.bucket });
    let invocations = 0;
    const delivery = new LocalEventDelivery({
      bucket: s3.bucket,
      ingest: async (event, ctx) => {
        invocations += 1;
        return ingest(event, ctx);
      },
      log: silentLogger,
      batchWindowMs: 5,
      maxReceiveCount: 3,
    });
    const created = (key: string) => ({ eventName: 'ObjectCreated:Put', s3: { bucket: { name: s3.bucket }, object: { key } } });
    delivery.accept({ Records: [...keys, percentKey].map(created) });
    // Not even an S3 notification the handler can read: its key is already "encoded" and `%A.`
    // does not decode (S3 itself never sends this; anything can be put on a queue).
    const unreadable = JSON.stringify({ Records: [created(percentKey)] });
    delivery.send(unreadable);
    await delivery.idle();
    expect(delivery.deadLettered.map((r) => r.body).sort()).toEqual(
      [unreadable, JSON.stringify({ Records: [created(encodeS3Key(keys[1]!))] })].sort(),
    );
    expect(invocations).toBe(3); // the batch once, then the two poison messages twice more
    expect(await store.head(articleKeyOf(keys[0]!))).not.toBeNull();
    expect(await store.head(articleKeyOf(keys[2]!))).not.toBeNull();
    expect(await store.head(articleKeyOf(percentKey))).not.toBeNull();
    expect(await store.head(articleKeyOf(keys[1]!))).toBeNull();
    // The upload itself is untouched and reconciliation points at it.
    expect(await store.head(keys[1]!)).not.toBeNull();
    expect((await reconcile(store)).unaccounted).toEqual([keys[1]]);
  });
});
