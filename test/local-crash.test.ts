/**
 * `bantin local` loses nothing it acknowledged: the process is killed (SIGKILL) in the middle of
 * a burst of uploads from 10 concurrent clients, restarted on the same data folder, and every
 * acknowledged upload ends as a record or a rejection without being uploaded again. Also: Ctrl-C
 * exits promptly and the next start finishes the work, a second server on the same folder is
 * refused with a clear message, and an object whose metadata a crash left empty is set aside
 * instead of making every listing fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_MAX_SEGMENT_BYTES } from '../lambda/pipeline/key-safety.ts';
import { reconcile } from '../lambda/pipeline/reconcile.ts';
import { createS3Client, S3ObjectStore } from '../lambda/storage/s3.ts';
import { LOCAL_CREDENTIALS } from '../lambda/local/server.ts';
import { SEEDS_DIR } from './helpers/data.ts';
import { freePort, s3Client } from './helpers/s3rver.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'bantin.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'bantin-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Server {
  child: ChildProcess;
  endpoint: string;
  output: () => string;
}

async function startServer(port: number): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'local', '--port', String(port), '--console-port', '0', '--data', dataDir, '--debounce', '2'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bantin local did not start:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('S3 endpoint')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bantin local exited with ${code}:\n${out}`));
    });
  });
  child.removeAllListeners('exit');
  return { child, endpoint, output: () => out };
}

function storeAt(endpoint: string): S3ObjectStore {
  return new S3ObjectStore(createS3Client({ BANTIN_S3_ENDPOINT: endpoint, AWS_REGION: 'us-east-1' }, { credentials: LOCAL_CREDENTIALS }), 'bantin');
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

async function waitBalanced(store: S3ObjectStore, within = 90_000): Promise<Awaited<ReturnType<typeof reconcile>>> {
  const until = Date.now() + within;
  for (;;) {
    const report = await reconcile(store, { maxKeySegmentBytes: LOCAL_MAX_SEGMENT_BYTES });
    if (report.balanced || Date.now() > until) return report;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const seeds = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(SEEDS_DIR, f), 'utf8'));

describe('bantin local after a crash', () => {
  it('ingests every acknowledged upload once restarted after SIGKILL mid-burst', async () => {
    const port = await freePort();
    const first = await startServer(port);
    const clients = Array.from({ length: 10 }, () => s3Client(first.endpoint));
    const acknowledged: string[] = [];
    const keys = Array.from({ length: 150 }, (_, i) => `incoming/đợt/bài ${String(i).padStart(3, '0')}.txt`);
    let next = 0;
    await Promise.all(
      clients.map(async (client) => {
        while (next < keys.length) {
          const i = next++;
          await client.send(new PutObjectCommand({ Bucket: 'bantin', Key: keys[i], Body: `${seeds[i % seeds.length]}\n\nBản số ${i}.` }));
          acknowledged.push(keys[i]!);
        }
      }),
    );
    first.child.kill('SIGKILL');
    await exited(first.child);
    clients.forEach((c) => c.destroy());
    expect(acknowledged).toHaveLength(150);
    // The kill left work undone (records written so far, read from the data folder itself).
    const recordsDir = (prefix: string) => {
      try {
        return readdirSync(path.join(dataDir, 'bantin', prefix, 'đợt')).filter((f) => f.endsWith('._S3rver_object')).length;
      } catch {
        return 0;
      }
    };
    const doneBeforeRestart = recordsDir('articles') + recordsDir('rejected');
    console.log(`records written before the kill: ${doneBeforeRestart} of 150`);
    expect(doneBeforeRestart).toBeLessThan(150);

    // Restarted on the same folder: the records are read straight from the files before anything runs.
    const second = await startServer(port);
    const store = storeAt(second.endpoint);
    const report = await waitBalanced(store);
    expect(report.unaccounted).toEqual([]);
    expect(report.balanced).toBe(true);
    const records = new Set([...(await store.list('articles/')), ...(await store.list('rejected/'))].map((o) => o.key.replace(/^(articles|rejected)\//, 'incoming/').replace(/\.json$/, '')));
    expect(acknowledged.filter((k) => !records.has(k))).toEqual([]);

    // A second server on the same folder is refused with a sentence, not a stack trace.
    const other = spawn(process.execPath, [CLI, 'local', '--port', String(await freePort()), '--console-port', '0', '--data', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(other);
    let otherOut = '';
    other.stdout!.on('data', (d: Buffer) => (otherOut += d.toString()));
    other.stderr!.on('data', (d: Buffer) => (otherOut += d.toString()));
    expect(await exited(other)).not.toBe(0);
    expect(otherOut).toMatch(/another bantin local \(process \d+\) is using/);
    expect(otherOut).not.toMatch(/\n\s+at /);

    // Ctrl-C right after a burst: exits promptly; the next start finishes what was pending.
    const burst = keys.slice(0, 40).map((k) => k.replace('đợt', 'ctrl-c'));
    const client = s3Client(second.endpoint);
    await Promise.all(burst.map((Key, i) => client.send(new PutObjectCommand({ Bucket: 'bantin', Key, Body: `${seeds[i % seeds.length]}\n\nBản C${i}.` }))));
    client.destroy();
    const t0 = Date.now();
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
    const stopMs = Date.now() - t0;
    expect(stopMs, `exit took ${stopMs} ms`).toBeLessThan(15_000);

    const third = await startServer(port);
    const after = await waitBalanced(storeAt(third.endpoint));
    expect(after.balanced).toBe(true);
    expect(after.incoming).toBe(190);
    third.child.kill('SIGINT');
    await exited(third.child);
  });

  it('sets aside an object whose metadata a crash left empty, instead of failing every listing', async () => {
    const port = await freePort();
    // What a kill during an upload leaves: the object's files with empty metadata.
    const base = path.join(dataDir, 'bantin', 'incoming', 'đợt', 'cắt ngang.txt');
    writeFileSync(`${base}._S3rver_object`, 'nửa bài');
    writeFileSync(`${base}._S3rver_metadata.json`, '');
    const server = await startServer(port);
    const client = s3Client(server.endpoint);
    const listing = await client.send(new ListObjectsV2Command({ Bucket: 'bantin', Prefix: 'incoming/' }));
    client.destroy();
    expect(listing.Contents?.length).toBe(190);
    expect(server.output()).toMatch(/set aside/);
    expect(server.output()).toContain('cắt ngang.txt');
    server.child.kill('SIGINT');
    await exited(server.child);
  });
});
