/**
 * `bantin local`'s console server over HTTP (lambda/local/console-server.ts): the built app and
 * /config.json, the API with the local user, uploads through single-use links that reach the
 * pipeline with their metadata, downloads, and what keeps other sites and names out.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadOutcome, UploadTicket } from '../lambda/console/contract.ts';
import { startLocal, type LocalPipeline } from '../lambda/local/server.ts';
import { DEFAULT_CONFIG } from '../lambda/pipeline/config.ts';
import { articleKeyOf } from '../lambda/pipeline/keys.ts';
import { silentLogger } from '../lambda/pipeline/log.ts';
// @ts-expect-error: a plain ES module without types
import { buildConsole } from '../scripts/build-console.mjs';
import { SEEDS_DIR } from './helpers/data.ts';
import { freePort } from './helpers/s3rver.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = readFileSync(path.join(SEEDS_DIR, '001_74d7446270d97ccb.txt'));
let work: string;
let local: LocalPipeline;
let base: string;

beforeAll(async () => {
  await buildConsole();
  work = mkdtempSync(path.join(tmpdir(), 'bantin-console-server-'));
  local = await startLocal({ port: 0, consolePort: 0, bucket: 'bantin', dataDir: work, config: { ...DEFAULT_CONFIG, maxUploadBytes: 20_000 }, log: silentLogger, debounceSeconds: 0, batchWindowMs: 20 });
  base = local.consoleUrl!.replace(/\/$/, '');
});
afterAll(async () => {
  await local?.close();
  rmSync(work, { recursive: true, force: true });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const post = (route: string, body: unknown) => fetch(`${base}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** A raw request, to send headers fetch will not (Host). */
function raw(route: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const url = new URL(route, base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console server', () => {
  it('serves the built app with a strict content policy, and /config.json without sign-in', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="app.js">');
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${base}/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await json(await fetch(`${base}/config.json`))).toEqual({ auth: null, maxUploadBytes: 20_000 });
    expect(await json(await fetch(`${base}/api/session`))).toEqual({ user: { name: 'local', groups: ['editors', 'readers'] }, canEdit: true, local: true });
    expect((await fetch(`${base}/..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/.hidden`)).status).toBe(404);
  });

  it('refuses another Host (DNS rebinding), another Origin, and API writes that are not JSON', async () => {
    expect((await raw('/api/session', { Host: 'attacker.example:80' })).status).toBe(421);
    expect((await raw('/api/session', { Host: new URL(base).host })).status).toBe(200);
    expect((await raw('/api/session', { Host: new URL(base).host, Origin: 'http://attacker.example' })).status).toBe(403);
    const form = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"files":[]}' });
    expect(form.status).toBe(415);
  });

  it('takes an upload through its single-use link with its metadata, and the pipeline parses it', async () => {
    const tickets = await json<UploadTicket[]>(await post('/api/uploads', { files: [{ name: 'sơ kết.txt', type: 'text/plain', size: SEED.length, sourceUrl: 'https://example.org/bai', publishedAt: '2023-06-08T10:00' }] }));
    const { key, upload } = tickets[0]!;
    const put = await fetch(`${base}${upload.url}`, { method: upload.method, headers: upload.headers, body: SEED });
    expect(put.status).toBe(200);
    expect((await fetch(`${base}${upload.url}`, { method: 'PUT', headers: upload.headers, body: SEED })).status).toBe(403);
    await local.idle();
    const head = await local.store.head(key);
    expect(head?.metadata).toMatchObject({ 'source-url': 'https://example.org/bai', 'published-at': '2023-06-08T10:00' });
    const [outcome] = await json<UploadOutcome[]>(await fetch(`${base}/api/uploads?keys=${encodeURIComponent(key)}`));
    expect(outcome).toMatchObject({ state: 'parsed', date: '2023-06-07' });
    const article = JSON.parse(Buffer.from((await local.store.get(articleKeyOf(key)))!).toString());
    expect(article.source.url).toBe('https://example.org/bai');

    const link = await json<{ url: string }>(await fetch(`${base}/api/uploads/download?key=${encodeURIComponent(key)}`));
    const file = await fetch(`${base}${link.url}`);
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="so ket.txt"; filename*=UTF-8''s%C6%A1%20k%E1%BA%BFt.txt`);
    expect(Buffer.from(await file.arrayBuffer()).equals(SEED)).toBe(true);
    expect((await fetch(`${base}/local-download/not-a-token`)).status).toBe(403);
  });

  it('stops an upload larger than the limit with 413, even when the browser declared less', async () => {
    const tickets = await json<UploadTicket[]>(await post('/api/uploads', { files: [{ name: 'small.txt', type: 'text/plain', size: 10 }] }));
    const { key, upload } = tickets[0]!;
    const res = await fetch(`${base}${upload.url}`, { method: 'PUT', headers: upload.headers, body: Buffer.alloc(20_001, 0x61) });
    expect(res.status).toBe(413);
    expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(/20000 bytes/);
    expect(await local.store.head(key)).toBeNull();
  });

  it('`bantin local` prints the console address, and says so in one line when the console port is busy', async () => {
    const busy: Server = createServer();
    const consolePort = await new Promise<number>((resolve) => busy.listen(0, '127.0.0.1', () => resolve((busy.address() as { port: number }).port)));
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-console-cli-'));
    const run = (args: string[], until?: RegExp) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'bantin.js'), 'local', '--data', path.join(dir, 's3'), ...args], { cwd: ROOT, env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '' } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          if (until?.test(stdout)) child.kill('SIGINT');
        });
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    try {
      const r = await run(['--port', String(await freePort()), '--console-port', String(consolePort)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`bantin: port ${consolePort} (the web console) is in use; pass --console-port (0 turns the console off)\n`);
      busy.close();
      const free = await freePort();
      const ok = await run(['--port', String(await freePort()), '--console-port', String(free)], /Ctrl-C/);
      expect(ok.stdout).toContain(`Web console: http://127.0.0.1:${free}/`);
    } finally {
      busy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
