/**
 * Keys that cannot escape (lambda/pipeline/key-safety.ts, lambda/local/key-guard.ts): `.`/`..`
 * and empty segments, control characters and names too long for the store become rejections
 * with a reason under a fixed-length key, locally and on S3, and reconcile accounts for them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RejectionSchema } from '../lambda/core/model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { ingestUpload } from '../lambda/pipeline/ingest.ts';
import {
  LOCAL_MAX_SEGMENT_BYTES,
  LOCAL_MAX_UPLOAD_SEGMENT_BYTES,
  pathProblem,
  unsafeRejectionKeyOf,
  uploadKeyProblem,
} from '../lambda/pipeline/key-safety.ts';
import { relativeUploadKey } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { reconcile } from '../lambda/pipeline/reconcile.ts';
import type { ObjectInfo, ObjectStore } from '../lambda/storage/object-store.ts';
import { startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';
import { startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';

const problem = (key: string, limit?: number) => uploadKeyProblem(key, relativeUploadKey(key), { maxKeySegmentBytes: limit ?? null });

describe('which upload keys are safe', () => {
  it.each([
    ['incoming/../x.txt', /"\." or "\.\."/],
    ['incoming/a/../../state/evil.txt', /"\." or "\.\."/],
    ['incoming/./x.txt', /"\." or "\.\."/],
    ['incoming/a//b.txt', /empty path segment/],
    ['incoming//b.txt', /empty path segment/],
    ['incoming/a\u0001b.txt', /control character/],
    ['incoming/a\nb.txt', /control character/],
  ])('%j is unsafe', (key, reason) => {
    expect(problem(key)).toMatch(reason);
  });

  it.each(['incoming/a/b.txt', 'incoming/Bài viết ngày 5+6 (bản 2).txt', 'incoming/..x/y..txt', 'incoming/.hidden.txt'])('%j is safe', (key) => {
    expect(problem(key)).toBeNull();
  });

  it('limits derived record keys to S3 1,024 bytes', () => {
    const fits = `incoming/${'a'.repeat(1024 - 'articles/'.length - '.json'.length)}`;
    const over = `${fits}b`;
    expect(problem(fits)).toBeNull();
    expect(problem(over)).toMatch(/1024-byte limit/);
  });

  it('limits name segments on a file-system store (bytes, not letters)', () => {
    const name = (bytes: number) => `incoming/d/${'ă'.repeat(Math.floor(bytes / 2))}${bytes % 2 ? 'a' : ''}`;
    expect(problem(name(LOCAL_MAX_SEGMENT_BYTES), LOCAL_MAX_SEGMENT_BYTES)).toBeNull();
    expect(problem(name(LOCAL_MAX_SEGMENT_BYTES + 1), LOCAL_MAX_SEGMENT_BYTES)).toMatch(/bytes; this store keeps names up to/);
    expect(problem(name(LOCAL_MAX_SEGMENT_BYTES + 1))).toBeNull(); // S3 has no such limit
    expect(pathProblem('x'.repeat(LOCAL_MAX_UPLOAD_SEGMENT_BYTES + 1), { maxKeySegmentBytes: LOCAL_MAX_UPLOAD_SEGMENT_BYTES })).not.toBeNull();
  });

  it('keeps unsafe rejections under a fixed-length key inside rejected/', () => {
    const key = unsafeRejectionKeyOf('incoming/../../digests/index.html');
    expect(key).toMatch(/^rejected\/_unsafe-keys\/[0-9a-f]{64}\.json$/);
  });
});

/**
 * A real S3 server (s3rver over HTTP) under a store that keeps every key literally, as S3 does:
 * each key is stored under its hash (so `..` means nothing to the file system below, and 1,000-byte
 * keys fit in a file name), and the store remembers which key each hash stands for.
 */
class LiteralKeyStore implements ObjectStore {
  private readonly keys = new Map<string, string>();
  constructor(private readonly inner: ObjectStore) {}
  private enc = (key: string) => `k/${createHash('sha256').update(key).digest('hex')}`;
  head(key: string) {
    return this.inner.head(this.enc(key)).then((o) => (o ? { ...o, key } : null));
  }
  get(key: string) {
    return this.inner.get(this.enc(key));
  }
  put(key: string, body: Uint8Array | string) {
    this.keys.set(this.enc(key), key);
    return this.inner.put(this.enc(key), body);
  }
  delete(key: string) {
    return this.inner.delete(this.enc(key));
  }
  async list(prefix: string): Promise<ObjectInfo[]> {
    const all = await this.inner.list('k/');
    return all
      .flatMap((o) => {
        const key = this.keys.get(o.key);
        return key !== undefined && key.startsWith(prefix) ? [{ ...o, key }] : [];
      })
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }
}

describe('on S3, where such keys are kept literally', () => {
  let s3: LocalS3;
  let store: LiteralKeyStore;
  beforeAll(async () => {
    s3 = await startLocalS3();
    store = new LiteralKeyStore(s3.store());
  });
  afterAll(async () => s3?.close());

  const deps = () => ({ store, config: DEFAULT_CONFIG, log: silentLogger, parse: parseArticle });
  const unsafe = ['incoming/../x.txt', 'incoming/a/../../state/evil.txt', 'incoming/../digests/index.html', `incoming/${'n'.repeat(1011)}`];

  it('rejects each unsafe upload with a reason, writes nothing derived from its key, and reconcile balances', async () => {
    await store.put('incoming/good.txt', 'Sáng 16/2/2023, Huyện ủy tổ chức hội nghị sơ kết công tác năm 2022 với nhiều nội dung quan trọng.');
    for (const key of unsafe) await store.put(key, 'Một bài viết bình thường về hội nghị.');
    for (const key of ['incoming/good.txt', ...unsafe]) await ingestUpload(deps(), key);

    for (const key of unsafe) {
      const bytes = await store.get(unsafeRejectionKeyOf(key));
      expect(bytes, key).not.toBeNull();
      const rejection = RejectionSchema.parse(JSON.parse(Buffer.from(bytes!).toString('utf8')));
      expect(rejection).toMatchObject({ key, reason: 'unsafe-key' });
    }
    const written = (await store.list('')).map((o) => o.key);
    expect(written.filter((k) => k.includes('..') && !k.startsWith('incoming/'))).toEqual([]);
    expect(written).not.toContain('digests/index.html');
    expect(written).toContain('articles/good.txt.json');

    const report = await reconcile(store);
    expect(report).toMatchObject({ incoming: 5, unaccounted: [], orphanRejections: [], balanced: true });
  });

  it('removes the rejection when the unsafe upload is deleted; reconcile names an upload left without one', async () => {
    await store.delete(unsafe[0]!);
    await ingestUpload(deps(), unsafe[0]!);
    expect(await store.get(unsafeRejectionKeyOf(unsafe[0]!))).toBeNull();
    await store.delete(unsafeRejectionKeyOf(unsafe[1]!));
    const report = await reconcile(store);
    expect(report.unaccounted).toEqual([unsafe[1]]);
    expect(report.balanced).toBe(false);
  });
});

describe('bantin local', () => {
  let p: TestPipeline;
  beforeAll(async () => {
    p = await startTestPipeline();
  });
  afterAll(async () => p?.dispose());

  const put = (Key: string, Body = 'Bài viết.') => p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key, Body }));

  it('refuses keys that would leave their folder, and writes nothing outside the data folder', async () => {
    await put('digests/index.html', '<p>the index</p>');
    const outside = path.join(p.dataDir, '..');
    const before = readdirSync(outside).sort();
    for (const key of ['incoming/../x.txt', 'incoming/a/../../state/evil.txt', 'incoming/../../../escape-outside.txt', 'incoming/../digests/index.html']) {
      await expect(put(key), key).rejects.toMatchObject({ name: 'InvalidArgument' });
    }
    expect(readdirSync(outside).sort()).toEqual(before);
    expect(existsSync(path.join(outside, 'escape-outside.txt'))).toBe(false);
    const index = await p.client.send(new GetObjectCommand({ Bucket: p.bucket, Key: 'digests/index.html' }));
    expect(await index.Body!.transformToString()).toBe('<p>the index</p>');
  });

  it('answers a name too long for its files with KeyTooLongError and keeps running', async () => {
    const name = `incoming/${'ệ'.repeat(81)}.txt`; // 247 bytes
    await expect(put(name)).rejects.toMatchObject({ name: 'KeyTooLongError' });
    await put('incoming/after.txt', 'Sáng 16/2/2023, Huyện ủy tổ chức hội nghị sơ kết công tác năm 2022 với nhiều nội dung.');
    await p.idle();
    expect(await p.store.head('articles/after.txt.json')).not.toBeNull();
  });

  it('rejects a name whose records would not fit, keeps listings working, and reconcile balances', async () => {
    const name = `incoming/${'a'.repeat(LOCAL_MAX_SEGMENT_BYTES + 1)}`; // stored, but `<name>.json` would not be
    await put(name, 'Một bài viết.');
    await p.idle();
    const record = await p.store.get(unsafeRejectionKeyOf(name));
    expect(record).not.toBeNull();
    expect(JSON.parse(Buffer.from(record!).toString('utf8'))).toMatchObject({ reason: 'unsafe-key', key: name });
    await expect(p.store.list('articles/')).resolves.toBeInstanceOf(Array);
    const report = await reconcile(p.store, { maxKeySegmentBytes: LOCAL_MAX_SEGMENT_BYTES });
    expect(report.unaccounted).toEqual([]);
    expect(report.balanced).toBe(true);
  });
});
