/**
 * S3 faults: errors, throttling and dropped connections injected by a proxy in front of a real
 * s3rver, seen by the real AWS SDK. They must be retried with backoff, and an ingest under
 * faults must still end with its record.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseArticle } from '../lambda/core/parse.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { ingestUpload } from '../lambda/pipeline/ingest.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
import { S3_MAX_ATTEMPTS } from '../lambda/storage/s3.ts';
import type { S3ObjectStore } from '../lambda/storage/s3.ts';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.ts';
import { startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';

const ARTICLE = 'Hội nghị sơ kết 6 tháng đầu năm 2023\n\nSáng 10/7/2023, Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết công tác 6 tháng đầu năm.\n';

let s3: LocalS3;
let proxy: FaultProxy;
let viaProxy: S3ObjectStore;
let direct: S3ObjectStore;

beforeAll(async () => {
  s3 = await startLocalS3();
  proxy = await startFaultProxy(s3.endpoint);
  viaProxy = s3.store(proxy.endpoint);
  direct = s3.store();
});
afterAll(async () => {
  await proxy?.close();
  await s3?.close();
});
beforeEach(() => {
  proxy.clear();
  proxy.requests.length = 0;
});

const attemptsOn = (pattern: RegExp) => proxy.requests.filter((r) => pattern.test(r.path));

describe('S3 errors and throttling are retried with backoff', () => {
  it('a GET throttled with 503 SlowDown on all but its last attempt succeeds, with growing waits between attempts', async () => {
    await direct.put('rel/slow.txt', 'payload');
    // More throttled answers in a row than the SDK's default 3 attempts survive.
    expect(S3_MAX_ATTEMPTS - 1).toBeGreaterThanOrEqual(3);
    proxy.inject({ method: 'GET', path: /rel\/slow\.txt/, fault: { kind: 'slow-down' }, times: S3_MAX_ATTEMPTS - 1 });
    const bytes = await viaProxy.get('rel/slow.txt');
    expect(Buffer.from(bytes!).toString()).toBe('payload');
    const attempts = attemptsOn(/rel\/slow\.txt/);
    expect(attempts.map((a) => a.fault)).toEqual([...Array(S3_MAX_ATTEMPTS - 1).fill('slow-down'), null]);
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    // Backoff, not a tight loop: every wait is real and the last is longer than the first.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]!);
  });

  it('a PUT answered 500 InternalError is retried and lands once, intact', async () => {
    proxy.inject({ method: 'PUT', path: /rel\/put-500\.txt/, fault: { kind: 'internal-error' }, times: 2 });
    await viaProxy.put('rel/put-500.txt', 'Nghị quyết 05-NQ/TU');
    expect(Buffer.from((await direct.get('rel/put-500.txt'))!).toString()).toBe('Nghị quyết 05-NQ/TU');
    expect(attemptsOn(/rel\/put-500\.txt/).length).toBe(3);
  });

  it('a dropped connection on HEAD and on LIST is retried', async () => {
    await direct.put('rel/drop/a.txt', 'a');
    proxy.inject({ method: 'HEAD', path: /rel\/drop\/a\.txt/, fault: { kind: 'drop' }, times: 2 });
    proxy.inject({ method: 'GET', path: /prefix=rel\/drop\//, fault: { kind: 'drop' }, times: 2 });
    expect((await viaProxy.head('rel/drop/a.txt'))?.size).toBe(1);
    expect((await viaProxy.list('rel/drop/')).map((o) => o.key)).toEqual(['rel/drop/a.txt']);
  });

  it('a fault that outlasts the retries surfaces as an error (the message is retried by SQS), never as "missing"', async () => {
    await direct.put('rel/down.txt', 'x');
    proxy.inject({ path: /rel\/down\.txt/, fault: { kind: 'internal-error' }, times: 100 });
    await expect(viaProxy.head('rel/down.txt')).rejects.toThrow();
    await expect(viaProxy.get('rel/down.txt')).rejects.toThrow();
  });

  it('an ingest whose every S3 call is throttled once still ends with its record', async () => {
    const key = 'incoming/rel/throttled.txt';
    await direct.put(key, ARTICLE);
    // Throttle the first request of every method on the keys involved.
    for (const method of ['HEAD', 'GET', 'PUT', 'DELETE']) proxy.inject({ method, fault: { kind: 'slow-down' }, times: 1 });
    const outcome = await ingestUpload({ store: viaProxy, config: DEFAULT_CONFIG, log: silentLogger, parse: parseArticle }, key);
    expect(outcome.status).toBe('ingested');
    expect(await direct.head('articles/rel/throttled.txt.json')).not.toBeNull();
    expect(proxy.requests.filter((r) => r.fault === 'slow-down').length).toBe(4);
  });
});
