/**
 * The reconciliation (`bantin reconcile`, lambda/pipeline/reconcile.ts) finds every kind of
 * difference between incoming/ and the records, on a real s3rver, and the command exits 1 on them.
 * The bucket is written directly (no pipeline), so each broken state is exact.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatReconcileReport, reconcile } from '../lambda/pipeline/reconcile.ts';
import type { S3ObjectStore } from '../lambda/storage/s3.ts';
import { emptyBucket, startLocalS3, type LocalS3 } from './helpers/reliability-s3.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
let s3: LocalS3;
let store: S3ObjectStore;

const wipe = () => emptyBucket(store);

/** `bantin reconcile` against the server, as a user runs it. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'bantin.js'), 'reconcile', '--endpoint', s3.endpoint, ...args], { cwd: ROOT });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '' };
  }
}

beforeAll(async () => {
  s3 = await startLocalS3();
  store = s3.store();
});
afterAll(async () => s3?.close());
beforeEach(wipe);

describe('reconciliation', () => {
  it('balances when every upload has exactly one record; folder placeholders are not uploads', async () => {
    await store.put('incoming/', '');
    await store.put('incoming/a/', '');
    await store.put('incoming/a/one.txt', 'x');
    await store.put('incoming/two.txt', 'y');
    await store.put('articles/a/one.txt.json', '{}');
    await store.put('rejected/two.txt.json', '{}');
    const report = await reconcile(store);
    expect(report).toMatchObject({ incoming: 2, articles: 1, rejected: 1, balanced: true, unaccounted: [], doubled: [], orphanArticles: [], orphanRejections: [] });
    const { code, stdout } = await cli();
    expect(code).toBe(0);
    expect(stdout).toContain('incoming 2 = articles 1 + rejected 1  ✓ balanced');
  });

  it('lists an upload with no record, one with two, and records without an upload; the command exits 1', async () => {
    await store.put('incoming/lost.txt', 'x');
    await store.put('incoming/both.txt', 'y');
    await store.put('articles/both.txt.json', '{}');
    await store.put('rejected/both.txt.json', '{}');
    await store.put('articles/gone.txt.json', '{}');
    await store.put('rejected/gone-too.txt.json', '{}');
    await store.put('articles/stray', '{}');
    const report = await reconcile(store);
    expect(report.balanced).toBe(false);
    expect(report.unaccounted).toEqual(['incoming/lost.txt']);
    expect(report.doubled).toEqual(['incoming/both.txt']);
    expect(report.orphanArticles).toEqual(['articles/gone.txt.json', 'articles/stray']);
    expect(report.orphanRejections).toEqual(['rejected/gone-too.txt.json']);

    const text = await cli();
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('incoming 2 = articles 3 + rejected 2  ✗ NOT balanced (difference -3)');
    for (const key of ['incoming/lost.txt', 'incoming/both.txt', 'articles/gone.txt.json', 'articles/stray', 'rejected/gone-too.txt.json']) expect(text.stdout).toContain(key);
    const json = await cli('--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('a balanced count that hides a lost upload behind a stray record is still not balanced', async () => {
    await store.put('incoming/lost.txt', 'x');
    await store.put('articles/other.txt.json', '{}');
    const report = await reconcile(store);
    expect(report.incoming).toBe(report.articles + report.rejected);
    expect(report.balanced).toBe(false);
    expect(report.unaccounted).toEqual(['incoming/lost.txt']);
  });

  it('flags an upload changed after its record was written', async () => {
    await store.put('articles/late.txt.json', '{}');
    await new Promise((r) => setTimeout(r, 1100)); // S3 times have one-second resolution
    await store.put('incoming/late.txt', 'changed');
    const report = await reconcile(store);
    expect(report.balanced).toBe(true);
    expect(report.newerThanRecord).toEqual(['incoming/late.txt']);
  });

  it('the text report lists at most --limit keys per difference', () => {
    const keys = Array.from({ length: 5 }, (_, i) => `incoming/${i}.txt`);
    const text = formatReconcileReport({ incoming: 5, articles: 0, rejected: 0, balanced: false, unaccounted: keys, doubled: [], orphanArticles: [], orphanRejections: [], newerThanRecord: [] }, 2);
    expect(text).toContain('uploads with no record (5):');
    expect(text).toContain('incoming/1.txt');
    expect(text).not.toContain('incoming/2.txt');
    expect(text).toContain('… and 3 more (use --json for all)');
  });
});
