/**
 * The pipeline end to end over HTTP: a real s3rver, the real AWS SDK, the same handler code the
 * Lambdas run (delivered S3-shaped, SQS-batched events), real PDFs read back with pdftotext.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthOfArticle } from '../lambda/core/aggregate.ts';
import { DigestSchema } from '../lambda/core/digest-model.ts';
import { ArticleSchema, RejectionSchema } from '../lambda/core/model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { createIngestHandler } from '../lambda/handlers/ingest.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { articleKeyOf, digestKeys, INDEX_KEY, memberPrefix, periodStatusKey, rejectionKeyOf } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { encodeS3Key } from '../lambda/pipeline/s3-event.ts';
import { PeriodStatusSchema } from '../lambda/pipeline/state.ts';
import { pdfText, startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const SEEDS = SEEDS_DIR;
const seedFiles = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
/** Upload keys with spaces, Vietnamese letters and `+`, which S3 notifications encode. */
const uploadKeyOf = (file: string, i: number): string => `incoming/Bản tin tháng/${i} + ${path.basename(file, '.txt')} đối thoại.txt`;

let p: TestPipeline;

async function getText(key: string): Promise<string | null> {
  const bytes = await p.store.get(key);
  return bytes ? Buffer.from(bytes).toString('utf8') : null;
}
async function getJson<T>(key: string, parse: (v: unknown) => T): Promise<T> {
  const text = await getText(key);
  if (text === null) throw new Error(`missing ${key}`);
  return parse(JSON.parse(text));
}
async function upload(key: string, body: Buffer | string): Promise<void> {
  await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key: key, Body: typeof body === 'string' ? Buffer.from(body) : body }));
}
async function settle() {
  await p.idle();
  return p.renderNow();
}

beforeAll(async () => {
  p = await startTestPipeline();
  for (const [i, f] of seedFiles.entries()) await upload(uploadKeyOf(f, i), readFileSync(path.join(SEEDS, f)));
  await settle();
});
afterAll(async () => {
  await p?.dispose();
});

describe('uploads become records and digests where docs/pipeline.md says', () => {
  it('writes one article record per upload at articles/<key minus incoming/>.json, keyed back to its upload', async () => {
    expect(seedFiles.length).toBe(5);
    for (const [i, f] of seedFiles.entries()) {
      const uploadKey = uploadKeyOf(f, i);
      const article = await getJson(articleKeyOf(uploadKey), (v) => ArticleSchema.parse(v));
      expect(articleKeyOf(uploadKey)).toBe(`articles/Bản tin tháng/${i} + ${path.basename(f, '.txt')} đối thoại.txt.json`);
      expect(article.source.key).toBe(uploadKey);
      expect(article.uploadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    expect(p.deadLettered()).toBe(0);
  });

  it('renders HTML, PDF and JSON digests for the month, quarter, half and year of every article', async () => {
    const article = await getJson(articleKeyOf(uploadKeyOf(seedFiles[1]!, 1)), (v) => ArticleSchema.parse(v));
    const month = monthOfArticle(article);
    expect(month).toBe('2023-06'); // gold: the review meeting of 7 June 2023
    for (const period of ['2023-06', '2023-Q2', '2023-H1', '2023']) {
      const keys = digestKeys(period);
      const digest = await getJson(keys.json, (v) => DigestSchema.parse(v));
      expect(digest.periodId).toBe(period);
      expect(digest.articles.map((a) => a.id)).toContain(article.id);
      expect(digest.generation).toBeGreaterThanOrEqual(1);
      expect(await getText(keys.html)).toContain('<html');
    }
    const pdf = await p.store.get(digestKeys('2023-06').pdf);
    expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf!).normalize('NFC');
    expect(text).toContain('Chi bộ Sở Thông tin và Truyền thông');
    expect(text).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
  });

  it('writes digests/index.html linking every rendered period', async () => {
    const index = (await getText(INDEX_KEY))!;
    // Each links the committed generation's folder (docs: digest keys), whose three files belong together.
    for (const period of ['2019-08', '2021-09', '2023-Q1', '2023-H1', '2024']) expect(index).toMatch(new RegExp(`href="${period}/generations/\\d+-[0-9a-f]+/digest\\.html"`));
  });

  it('sets unusable uploads aside under rejected/ with a reason, leaving the upload untouched', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
    await upload('incoming/ảnh chụp+1.png', png);
    await upload('incoming/trống.txt', '');
    await settle();
    const binary = await getJson(rejectionKeyOf('incoming/ảnh chụp+1.png'), (v) => RejectionSchema.parse(v));
    expect(binary.reason).toBe('binary');
    expect(binary.key).toBe('incoming/ảnh chụp+1.png');
    expect((await getJson('rejected/trống.txt.json', (v) => RejectionSchema.parse(v))).reason).toBe('empty');
    expect(Buffer.from((await p.store.get('incoming/ảnh chụp+1.png'))!).equals(png)).toBe(true);
    expect(await p.store.head(articleKeyOf('incoming/ảnh chụp+1.png'))).toBeNull();
  });
});

describe('ingest semantics', () => {
  it('is idempotent: the same notification delivered twice leaves one record and one membership', async () => {
    const key = 'incoming/lặp lại/hai lần +.txt';
    await upload(key, readFileSync(path.join(SEEDS, seedFiles[0]!)));
    await settle();
    const ingest = createIngestHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, parse: parseArticle, bucket: p.bucket });
    const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: p.bucket }, object: { key: encodeS3Key(key) } } }] });
    const message = (id: string) => ({ messageId: id, receiptHandle: id, body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'local' }) as never;
    const response = await ingest({ Records: [message('a'), message('b')] });
    expect(response.batchItemFailures).toEqual([]);
    expect(response.outcomes.map((o) => o.status)).toEqual(['ingested', 'ingested']);
    const article = await getJson(articleKeyOf(key), (v) => ArticleSchema.parse(v));
    const members = await p.store.list(memberPrefix(monthOfArticle(article)));
    const mine = [];
    for (const m of members) if ((await getText(m.key))!.includes(JSON.stringify(key).slice(1, -1))) mine.push(m.key);
    expect(mine).toHaveLength(1);
    const records = (await p.store.list('articles/lặp lại/')).map((o) => o.key);
    expect(records).toEqual([articleKeyOf(key)]);
  });

  it('reports a malformed message as a batch item failure without failing the others', async () => {
    const ingest = createIngestHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, parse: parseArticle, bucket: p.bucket });
    const ok = JSON.stringify({ Event: 's3:TestEvent', Service: 'Amazon S3' });
    const make = (id: string, body: string) => ({ messageId: id, receiptHandle: id, body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'local' }) as never;
    const response = await ingest({ Records: [make('good', ok), make('bad', '{not json')] });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
  });

  it('starts no message once the invocation is nearly out of time: the rest go back for retry, the done ones stand', async () => {
    const slowParse = (input: Parameters<typeof parseArticle>[0]) => {
      clock -= 60_000; // each parse takes 60 s of a 120 s invocation
      return parseArticle(input);
    };
    let clock = 120_000;
    const ingest = createIngestHandler({ store: p.store, config: DEFAULT_CONFIG, log: silentLogger, parse: slowParse, bucket: p.bucket });
    const keys = ['incoming/thời gian/một.txt', 'incoming/thời gian/hai.txt', 'incoming/thời gian/ba.txt'];
    for (const key of keys) await upload(key, readFileSync(path.join(SEEDS, seedFiles[0]!)));
    await settle();
    const make = (key: string) => {
      const body = JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: p.bucket }, object: { key: encodeS3Key(key) } } }] });
      return { messageId: key, receiptHandle: key, body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'local' } as never;
    };
    const response = await ingest({ Records: keys.map(make) }, { awsRequestId: 'r', getRemainingTimeInMillis: () => clock });
    // 120 s left: the first starts; 60 s: the second starts; none left: the third goes back.
    expect(response.outcomes.map((o) => o.uploadKey)).toEqual(keys.slice(0, 2));
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: keys[2] }]);
  });

  it('removes a deleted upload from its records and digests', async () => {
    const keepKey = 'incoming/giữ lại.txt';
    const dropKey = 'incoming/xoá đi + sau.txt';
    const body = readFileSync(path.join(SEEDS, seedFiles[3]!), 'utf8');
    await upload(keepKey, body);
    // Different content (so a different article id) reporting the same meeting month.
    await upload(dropKey, body.replace('Thường trực Tỉnh ủy Nghệ An', 'Thường trực Tỉnh ủy Nghệ An (bản cập nhật)'));
    await settle();
    const dropped = await getJson(articleKeyOf(dropKey), (v) => ArticleSchema.parse(v));
    const kept = await getJson(articleKeyOf(keepKey), (v) => ArticleSchema.parse(v));
    const month = monthOfArticle(dropped);
    expect(monthOfArticle(kept)).toBe(month);
    const before = await getJson(digestKeys(month).json, (v) => DigestSchema.parse(v));
    expect(before.articles.map((a) => a.id)).toContain(dropped.id);

    await p.client.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: dropKey }));
    await settle();
    expect(await p.store.head(articleKeyOf(dropKey))).toBeNull();
    const after = await getJson(digestKeys(month).json, (v) => DigestSchema.parse(v));
    expect(after.articles.map((a) => a.id)).not.toContain(dropped.id);
    expect(after.articles.map((a) => a.id)).toContain(kept.id);
    expect(after.generation).toBe(before.generation + 1);
  });

  it('removes a period digest entirely when its last upload is deleted', async () => {
    const key = 'incoming/duy nhất.txt';
    await upload(key, readFileSync(path.join(SEEDS, seedFiles[4]!)));
    await settle();
    const month = monthOfArticle(await getJson(articleKeyOf(key), (v) => ArticleSchema.parse(v)));
    const others = (await p.store.list('articles/')).length;
    expect(others).toBeGreaterThan(1);
    // Seed 004 was uploaded once already in beforeAll: delete both, then the month is empty.
    await p.client.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: key }));
    await p.client.send(new DeleteObjectCommand({ Bucket: p.bucket, Key: uploadKeyOf(seedFiles[4]!, 4) }));
    await settle();
    expect(await p.store.head(digestKeys(month).pdf)).toBeNull();
    expect(await p.store.head(periodStatusKey(month))).toBeNull();
    expect(await getText(INDEX_KEY)).not.toContain(`href="${month}/`);
    expect(await p.store.list(`digests/${month}/`)).toEqual([]);
  });
});

describe('debounce', () => {
  it('renders each touched period once per run however many uploads arrived, and nothing when nothing changed', async () => {
    const statusOf = (period: string) => getJson(periodStatusKey(period), (v) => PeriodStatusSchema.parse(v));
    const before = await statusOf('2021-09');
    const body = readFileSync(path.join(SEEDS, seedFiles[0]!), 'utf8');
    for (let i = 0; i < 4; i++) await upload(`incoming/đợt/${i}.txt`, `${body}\n\nBổ sung ${i}.`);
    const summary = await settle();
    const renderedIds = summary.rendered.map((r) => r.periodId);
    expect(renderedIds.filter((id) => id === '2021-09')).toHaveLength(1);
    expect(new Set(renderedIds).size).toBe(renderedIds.length);
    expect((await statusOf('2021-09')).generation).toBe(before.generation + 1);
    expect((await statusOf('2021-09')).articles).toBe(before.articles + 4);

    const idle = await p.renderNow();
    expect(idle.rendered).toEqual([]);
    expect(idle.indexWritten).toBe(false);
  });

  it('never triggers itself: after renders, nothing outside incoming/ was delivered to ingest', async () => {
    // Every key the pipeline wrote is outside incoming/, and each upload produced exactly one record or rejection.
    const uploads = (await p.store.list('incoming/')).map((o) => o.key);
    const records = (await p.store.list('articles/')).length + (await p.store.list('rejected/')).length;
    expect(records).toBe(uploads.length);
    expect(p.deadLettered()).toBe(0);
  });
});

describe('listing past 1,000 keys', () => {
  it('lists 1,050 keys under one prefix (V1 Marker paging; V2 pages too since s3rver-fixes.ts)', async () => {
    const prefix = 'state/test-many/';
    const keys = Array.from({ length: 1050 }, (_, i) => `${prefix}${String(i).padStart(5, '0')} khoá.json`);
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((k) => p.store.put(k, '{}')));
    const listed = (await p.store.list(prefix)).map((o) => o.key);
    expect(listed).toHaveLength(1050);
    expect(listed).toEqual([...keys].sort());

    // s3rver's V2 continuation tokens need single DES, gone from OpenSSL 3: bantin local supplies it.
    const page = await p.client.send(new ListObjectsV2Command({ Bucket: p.bucket, Prefix: prefix }));
    expect(page.IsTruncated).toBe(true);
    const next = await p.client.send(new ListObjectsV2Command({ Bucket: p.bucket, Prefix: prefix, ContinuationToken: page.NextContinuationToken }));
    expect(next.Contents?.[0]?.Key).toBe(listed[1000]);
    const small = await p.client.send(new ListObjectsV2Command({ Bucket: p.bucket, Prefix: `${prefix}0000` }));
    expect(small.KeyCount).toBe(10);
  });
});

describe('upload metadata', () => {
  it('passes x-amz-meta-source-url to the parser and records the upload time', async () => {
    const key = 'incoming/có nguồn.txt';
    await p.client.send(
      new PutObjectCommand({
        Bucket: p.bucket,
        Key: key,
        Body: readFileSync(path.join(SEEDS, seedFiles[2]!)),
        Metadata: { 'source-url': 'https://example.vn/bai-viet.html' },
      }),
    );
    await p.idle();
    const article = await getJson(articleKeyOf(key), (v) => ArticleSchema.parse(v));
    expect(article.source.url).toBe('https://example.vn/bai-viet.html');
    const got = await p.client.send(new GetObjectCommand({ Bucket: p.bucket, Key: key }));
    expect(new Date(article.uploadedAt!).getTime()).toBe(got.LastModified!.getTime());
  });
});
