/**
 * The AWS UrlSigner (lambda/console/s3-signer.ts): presigned PUT uploads and presigned GET
 * downloads, used over HTTP with the local pipeline (real s3rver, real SDK, real ingest).
 *
 * What is real and what is not: s3rver does not check SigV4 signatures at all ("Signature
 * version 4 calculation is unimplemented" in its authentication middleware), nor POST policies.
 * So the limits a presigned PUT carries (exact size, type, key, metadata: all signed) are
 * checked here by a small proxy in front of s3rver that verifies each request's SigV4 query
 * signature as S3 does, with an implementation independent of the SDK's (node:crypto only). It
 * accepts the upload sent as instructed, which shows it computes what the SDK signed, and it
 * refuses the same URL with a longer body, another type, other metadata or another key: exactly
 * the requests real S3 refuses with 403 SignatureDoesNotMatch. The upload that passes reaches
 * s3rver, and the ingest reads its metadata.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadFile, UploadInstruction } from '../lambda/console/contract.ts';
import { contentDisposition, DOWNLOAD_URL_SECONDS, S3UrlSigner, UPLOAD_URL_SECONDS, UploadRefused, uploadMediaType } from '../lambda/console/s3-signer.ts';
import { LOCAL_CREDENTIALS } from '../lambda/local/server.ts';
import { articleKeyOf } from '../lambda/pipeline/keys.ts';
import { createS3Client } from '../lambda/storage/s3.ts';
import { SEEDS_DIR } from './helpers/data.ts';
import { startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';

const SEED = readFileSync(path.join(SEEDS_DIR, '001_74d7446270d97ccb.txt'));
const MAX = 5 * 1024 * 1024;

// --- SigV4 presigned-URL verification, as S3 does it (AWS Signature Version 4, query auth, UNSIGNED-PAYLOAD).
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Why S3 would refuse this presigned request, or null when the signature matches and has not expired. */
function sigV4Refusal(method: string, rawUrl: string, headers: http.IncomingHttpHeaders, secret: string, now = new Date()): string | null {
  const url = new URL(rawUrl, 'http://placeholder');
  const q = url.searchParams;
  const given = q.get('X-Amz-Signature');
  const signedHeaders = q.get('X-Amz-SignedHeaders')?.split(';') ?? [];
  const date = q.get('X-Amz-Date') ?? '';
  const scope = (q.get('X-Amz-Credential') ?? '').split('/').slice(1);
  if (!given || scope.length !== 4 || q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return 'not a SigV4 presigned request';
  const signedAt = Date.parse(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  if (now.getTime() > signedAt + Number(q.get('X-Amz-Expires')) * 1000) return 'expired';
  const query = [...q]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headerValue = (name: string) => {
    const v = headers[name];
    return v === undefined ? '' : [v].flat().join(',').trim().replace(/\s+/g, ' ');
  };
  const canonical = [method, url.pathname, query, signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join(''), signedHeaders.join(';'), 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', date, scope.join('/'), createHash('sha256').update(canonical, 'utf8').digest('hex')].join('\n');
  const key = scope.reduce<string | Buffer>((k, part) => hmac(k, part), `AWS4${secret}`);
  return hmac(key, toSign).toString('hex') === given ? null : 'SignatureDoesNotMatch';
}

/** A proxy on 127.0.0.1 that refuses (403) what S3 would refuse, and forwards the rest to s3rver. */
async function verifyingProxy(target: string, secret: string): Promise<{ endpoint: string; refusals: string[]; close(): Promise<void> }> {
  const refusals: string[] = [];
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const refusal = sigV4Refusal(req.method!, req.url!, req.headers, secret);
    if (refusal) {
      refusals.push(refusal);
      req.resume();
      res.writeHead(403, { 'content-type': 'application/xml' }).end(`<Error><Code>${refusal}</Code></Error>`);
      return;
    }
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refusals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let p: TestPipeline;
let proxy: Awaited<ReturnType<typeof verifyingProxy>>;
let signer: S3UrlSigner;

beforeAll(async () => {
  p = await startTestPipeline();
  proxy = await verifyingProxy(p.endpoint, LOCAL_CREDENTIALS.secretAccessKey);
  // As the console Lambda builds it: checksums only when required, so no CRC32 of an empty body is signed.
  const client = createS3Client({ BANTIN_S3_ENDPOINT: proxy.endpoint, AWS_REGION: 'us-east-1' }, { credentials: LOCAL_CREDENTIALS, requestChecksumCalculation: 'WHEN_REQUIRED' });
  signer = new S3UrlSigner(client, p.bucket);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await p?.dispose();
});

const put = (instruction: UploadInstruction, body: Buffer | string, headers: Record<string, string> = instruction.headers, url = instruction.url) =>
  fetch(url, { method: instruction.method, headers, body });

describe('presigned upload', () => {
  const key = 'incoming/bảng điều khiển/Hội nghị sơ kết + 6 tháng.txt';
  const file: UploadFile = {
    name: 'Hội nghị sơ kết + 6 tháng.txt',
    type: 'text/plain; charset=utf-8',
    size: SEED.length,
    sourceUrl: 'https://báo.example.vn/thời-sự/hội-nghị.html',
    publishedAt: '2023-06-07T09:30+07:00',
  };

  it('is a PUT whose signature covers host, size, type and metadata; the headers to send are given', async () => {
    const instruction = await signer.upload(key, file, MAX);
    expect(instruction.method).toBe('PUT');
    expect(instruction.fields).toBeUndefined();
    const url = new URL(instruction.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';').sort()).toEqual(['content-length', 'content-type', 'host', 'x-amz-meta-published-at', 'x-amz-meta-source-url']);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(UPLOAD_URL_SECONDS);
    // No checksum of an empty body, no metadata moved into the query string.
    expect([...url.searchParams.keys()].filter((k) => /checksum|x-amz-meta/i.test(k))).toEqual([]);
    expect(instruction.headers).toEqual({
      'content-type': 'text/plain; charset=utf-8',
      'x-amz-meta-source-url': 'https://b%C3%A1o.example.vn/th%E1%BB%9Di-s%E1%BB%B1/h%E1%BB%99i-ngh%E1%BB%8B.html',
      'x-amz-meta-published-at': '2023-06-07T09:30+07:00',
    });
  });

  it('is accepted as instructed, stored under incoming/ with its type, and the ingest reads its source URL', async () => {
    const instruction = await signer.upload(key, file, MAX);
    const before = proxy.refusals.length;
    const res = await put(instruction, SEED);
    expect(res.status, await res.text()).toBe(200);
    expect(proxy.refusals.length).toBe(before);
    const head = await p.store.head(key);
    expect(head?.size).toBe(SEED.length);
    await p.idle();
    const article = JSON.parse(Buffer.from((await p.store.get(articleKeyOf(key)))!).toString('utf8'));
    expect(article.source.key).toBe(key);
    expect(decodeURI(article.source.url)).toBe(file.sourceUrl);
  });

  it('is refused with a body of another size, another type, other metadata, or for another key', async () => {
    const instruction = await signer.upload('incoming/giới hạn.txt', { name: 'giới hạn.txt', type: 'text/plain', size: 100, sourceUrl: 'https://example.vn/a' }, MAX);
    const exact = Buffer.alloc(100, 'a');
    const before = proxy.refusals.length;
    expect((await put(instruction, Buffer.alloc(101, 'a'))).status).toBe(403);
    expect((await put(instruction, Buffer.alloc(99, 'a'))).status).toBe(403);
    expect((await put(instruction, exact, { 'content-type': 'application/octet-stream' })).status).toBe(403);
    expect((await put(instruction, exact, { ...instruction.headers, 'x-amz-meta-source-url': 'https://elsewhere.example/' })).status).toBe(403);
    const otherKey = instruction.url.replace(encodeURIComponent('giới hạn.txt'), 'other.txt');
    expect(otherKey).not.toBe(instruction.url);
    expect((await put(instruction, exact, instruction.headers, otherKey)).status).toBe(403);
    expect(proxy.refusals.slice(before)).toEqual(Array(5).fill('SignatureDoesNotMatch'));
    expect(await p.store.head('incoming/giới hạn.txt')).toBeNull();
    expect(await p.store.head('incoming/other.txt')).toBeNull();
    // The exact request still goes through.
    expect((await put(instruction, exact)).status).toBe(200);
  });

  it('expires: the verifier refuses the URL after its lifetime', async () => {
    const instruction = await signer.upload('incoming/later.txt', { name: 'later.txt', type: 'text/html', size: 10 }, MAX);
    const headers = { ...instruction.headers, 'content-length': '10', host: new URL(instruction.url).host };
    const path = instruction.url.slice(proxy.endpoint.length);
    expect(sigV4Refusal('PUT', path, headers, LOCAL_CREDENTIALS.secretAccessKey)).toBeNull();
    expect(sigV4Refusal('PUT', path, headers, LOCAL_CREDENTIALS.secretAccessKey, new Date(Date.now() + (UPLOAD_URL_SECONDS + 5) * 1000))).toBe('expired');
  });

  it('is not signed outside incoming/, above the limit, empty, or for a type the parser does not read', async () => {
    const ok: UploadFile = { name: 'a.txt', type: 'text/plain', size: 10 };
    await expect(signer.upload('corrections/a.txt.json', ok, MAX)).rejects.toThrow(UploadRefused);
    await expect(signer.upload('incoming/', ok, MAX)).rejects.toThrow(/not an upload key/);
    await expect(signer.upload('digests/index.html', ok, MAX)).rejects.toThrow(/incoming/);
    await expect(signer.upload('incoming/a.txt', { ...ok, size: MAX + 1 }, MAX)).rejects.toThrow(`a.txt is ${MAX + 1} bytes; the limit is ${MAX} bytes.`);
    await expect(signer.upload('incoming/a.txt', { ...ok, size: 0 }, MAX)).rejects.toThrow(/empty/);
    await expect(signer.upload('incoming/a.txt', { ...ok, size: 1.5 }, MAX)).rejects.toThrow(/empty or has no size/);
    for (const type of ['application/pdf', 'text/css', 'image/png', '', 'text/plain\r\nx-amz-acl: public-read', 'text/htmlx']) {
      await expect(signer.upload('incoming/a.txt', { ...ok, type }, MAX), JSON.stringify(type)).rejects.toThrow(/only text\/plain and text\/html/);
    }
    await expect(signer.upload('incoming/a.txt', { ...ok, size: MAX }, MAX)).resolves.toMatchObject({ method: 'PUT' });
    // Each refusal carries the status the router answers with.
    const statusOf = (promise: Promise<unknown>) => promise.then(() => null, (e: UploadRefused) => e.status);
    expect(await statusOf(signer.upload('state/x', ok, MAX))).toBe(400);
    expect(await statusOf(signer.upload('incoming/a.txt', { ...ok, size: MAX + 1 }, MAX))).toBe(413);
    expect(await statusOf(signer.upload('incoming/a.txt', { ...ok, type: 'image/png' }, MAX))).toBe(415);
  });

  it('accepts text/plain and text/html with parameters, in any case', () => {
    expect(uploadMediaType('text/plain')).toBe('text/plain');
    expect(uploadMediaType('Text/HTML; charset=windows-1258')).toBe('text/html');
    expect(uploadMediaType('text/plain;charset="utf-8"')).toBe('text/plain');
    expect(uploadMediaType('text/markdown')).toBeNull();
  });
});

describe('presigned download', () => {
  it('is a short-lived GET answered with the file and a Content-Disposition naming it (UTF-8 and an ASCII fallback)', async () => {
    const key = 'digests/2023-06/digest.pdf';
    await p.store.put(key, Buffer.from('%PDF-1.7 test'), { contentType: 'application/pdf' });
    const url = await signer.download(key, 'Bản tin tháng 6 năm 2023.pdf', 'application/pdf');
    expect(Number(new URL(url).searchParams.get('X-Amz-Expires'))).toBe(DOWNLOAD_URL_SECONDS);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Ban tin thang 6 nam 2023.pdf"; filename*=UTF-8''B%E1%BA%A3n%20tin%20th%C3%A1ng%206%20n%C4%83m%202023.pdf`);
    expect(await res.text()).toBe('%PDF-1.7 test');
    // Tampering with the disposition breaks the signature.
    const tampered = url.replace('attachment', 'inline');
    expect((await fetch(tampered)).status).toBe(403);
  });

  it('names files safely: no quotes, separators or control characters reach the header', () => {
    expect(contentDisposition('Đảng ủy "Khối" 50%; a/b\\c\r\n.docx')).toBe(
      `attachment; filename="Dang uy _Khoi_ 50__ a_b_c.docx"; filename*=UTF-8''%C4%90%E1%BA%A3ng%20%E1%BB%A7y%20%22Kh%E1%BB%91i%22%2050%25%3B%20a_b_c.docx`,
    );
    expect(contentDisposition('')).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});
