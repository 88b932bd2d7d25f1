/**
 * s3rver's gaps that real clients hit, mended in `bantin local` (lambda/local/s3rver-fixes.ts),
 * each through the real AWS SDK over HTTP: DeleteObjects removes the articles from records and
 * digests, a streamed upload with default checksums stores the article's bytes (not the
 * aws-chunked framing), and ListObjectsV2 pages past 1,000 keys.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArticleSchema } from '../lambda/core/model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../lambda/local/server.ts';
import { decodeAwsChunked, deletedKeys } from '../lambda/local/s3rver-fixes.ts';
import { SEEDS_DIR } from './helpers/data.ts';
import { startTestPipeline, type TestPipeline } from './helpers/s3rver.ts';

let p: TestPipeline;
beforeAll(async () => {
  p = await startTestPipeline();
});
afterAll(async () => p?.dispose());

const seed = (name: string) => readFileSync(path.join(SEEDS_DIR, name));

describe('the pieces', () => {
  it('reads the deleted keys of a DeleteObjects answer, entities decoded', () => {
    const xml = '<DeleteResult><Deleted><Key>incoming/a &amp; b.txt</Key></Deleted><Deleted><Key>incoming/c.txt</Key></Deleted><Error><Key>x</Key></Error></DeleteResult>';
    expect(deletedKeys(xml)).toEqual(['incoming/a & b.txt', 'incoming/c.txt']);
  });

  it('takes the framing off an aws-chunked body and refuses what is not one', () => {
    const body = Buffer.from('5;chunk-signature=abc\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n');
    expect(decodeAwsChunked(body)?.toString()).toBe('hello world');
    expect(decodeAwsChunked(Buffer.from('just text'))).toBeNull();
    expect(decodeAwsChunked(Buffer.from('5\r\nhel'))).toBeNull();
  });
});

describe('bantin local with real clients', () => {
  it('removes the articles of a multi-object delete from records and digests', async () => {
    const keys = ['incoming/xoá nhiều/a.txt', 'incoming/xoá nhiều/b.txt', 'incoming/xoá nhiều/c.txt'];
    const names = ['000_4ebbb8be58c93479.txt', '001_74d7446270d97ccb.txt', '002_467a0e42bdf0f961.txt'];
    for (const [i, Key] of keys.entries()) await p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key, Body: seed(names[i]!) }));
    await p.idle();
    for (const key of keys) expect(await p.store.head(key.replace('incoming/', 'articles/') + '.json'), key).not.toBeNull();

    const answer = await p.client.send(new DeleteObjectsCommand({ Bucket: p.bucket, Delete: { Objects: keys.slice(0, 2).map((Key) => ({ Key })) } }));
    expect(answer.Deleted?.map((d) => d.Key).sort()).toEqual(keys.slice(0, 2));
    await p.idle();
    expect(await p.store.head('articles/xoá nhiều/a.txt.json')).toBeNull();
    expect(await p.store.head('articles/xoá nhiều/b.txt.json')).toBeNull();
    expect(await p.store.head('articles/xoá nhiều/c.txt.json')).not.toBeNull();
  });

  it('stores a streamed upload with the default checksums as the article itself', async () => {
    // A client as users have it: default checksum settings (WHEN_SUPPORTED), a stream body.
    const client = new S3Client({ endpoint: p.endpoint, region: LOCAL_REGION, forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
    const bytes = seed('003_7b32a01fed08cab9.txt');
    const half = Math.floor(bytes.length / 2);
    await client.send(
      new PutObjectCommand({ Bucket: p.bucket, Key: 'incoming/luồng.txt', Body: Readable.from([bytes.subarray(0, half), bytes.subarray(half)]), ContentLength: bytes.length }),
    );
    await p.idle();
    const stored = await client.send(new GetObjectCommand({ Bucket: p.bucket, Key: 'incoming/luồng.txt' }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    client.destroy();
    const record = ArticleSchema.parse(JSON.parse(Buffer.from((await p.store.get('articles/luồng.txt.json'))!).toString('utf8')));
    const direct = parseArticle({ bytes, key: 'x' });
    expect(direct.ok && record.id).toBe(direct.ok ? direct.article.id : null);
    expect(record.body).not.toMatch(/x-amz-checksum|chunk-signature/);
  });

  it('pages a ListObjectsV2 listing past 1,000 keys', async () => {
    const keys = Array.from({ length: 1_050 }, (_, i) => `khac/trang/${String(i).padStart(4, '0')}.txt`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((Key) => p.client.send(new PutObjectCommand({ Bucket: p.bucket, Key, Body: 'x' }))));
    }
    const listed: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: p.client }, { Bucket: p.bucket, Prefix: 'khac/' })) {
      pages++;
      for (const o of page.Contents ?? []) listed.push(o.Key!);
    }
    expect(pages).toBeGreaterThan(1);
    expect(listed).toEqual(keys);
  });
});
