/**
 * The real AWS CLI (Debian's awscli) as a client of `npx bantin local`, started as a child
 * process on a free port with a temporary data folder: upload an article, download its PDF digest.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestKeys, INDEX_KEY } from '../lambda/pipeline/keys.ts';
import { freePort, pdfText } from './helpers/s3rver.ts';
import { SEEDS_DIR } from './helpers/data.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..');
const SEED = path.join(SEEDS_DIR, '000_4ebbb8be58c93479.txt');

let work: string;
let child: ChildProcess;
let endpoint: string;
let banner = '';

/** The environment `bantin local` tells its user to export; no ~/.aws files, no inherited AWS_* settings. */
const awsEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_REQUEST_CHECKSUM_CALCULATION: 'when_required',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'when_required',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
};
/** `aws` from PATH (Debian's awscli in CI); BANTIN_AWS_CLI picks another one, e.g. /usr/bin/aws. */
const AWS_CLI = process.env.BANTIN_AWS_CLI || 'aws';
const aws = (...args: string[]) => run(AWS_CLI, ['--endpoint-url', endpoint, ...args], { env: awsEnv, maxBuffer: 8 * 1024 * 1024 });

async function until<T>(what: string, attempt: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`timed out waiting for ${what}: ${String(last)}`);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'bantin-awscli-'));
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  child = spawn('npx', ['bantin', 'local', '--port', String(port), '--console-port', '0', '--data', path.join(work, 'data'), '--debounce', '1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (banner += d.toString()));
  child.stderr!.on('data', () => {});
  await until('bantin local to start', async () => {
    if (child.exitCode !== null) throw new Error(`bantin local exited with ${child.exitCode}`);
    if (!banner.includes('Ctrl-C')) throw new Error('not yet');
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('AWS CLI against bantin local', () => {
  it('prints the endpoint and the CLI commands to use', () => {
    expect(banner).toContain(`S3 endpoint ${endpoint}`);
    expect(banner).toContain('AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER');
    expect(banner).toContain(`aws --endpoint-url ${endpoint} s3 cp`);
  });

  it('uploads an article with `aws s3 cp` and downloads its PDF digest', async () => {
    const key = 'incoming/Đảng bộ Sở TTTT/đối thoại + 2021.txt';
    await aws('s3', 'cp', SEED, `s3://bantin/${key}`);
    // The render run writes each touched period's files, then digests/index.html last: wait (bounded)
    // until the index and the month's PDF are both listed, so the PDF is complete when we fetch it.
    const pdfKey = digestKeys('2021-09').pdf;
    await until(`${INDEX_KEY} and ${pdfKey}`, async () => {
      const { stdout } = await aws('s3', 'ls', '--recursive', 's3://bantin/digests/');
      const keys = new Set(stdout.split('\n').map((line) => line.trim().split(/\s+/).slice(3).join(' ')));
      if (!keys.has(INDEX_KEY) || !keys.has(pdfKey)) throw new Error(`listing so far:\n${stdout}`);
    }, 180_000);

    const index = path.join(work, 'index.html');
    await aws('s3', 'cp', `s3://bantin/${INDEX_KEY}`, index);
    expect(readFileSync(index, 'utf8')).toContain('href="2021-09/'); // the month's digest is linked

    const out = path.join(work, 'digest.pdf');
    await aws('s3', 'cp', `s3://bantin/${pdfKey}`, out);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const text = pdfText(pdf).normalize('NFC');
    expect(text).toContain('Tháng 9 năm 2021');
    expect(text).toContain('Đảng bộ Sở Thông tin và Truyền thông');
    // The upload itself is stored byte for byte under its Vietnamese key.
    const { stdout } = await aws('s3api', 'head-object', '--bucket', 'bantin', '--key', key);
    expect(JSON.parse(stdout).ContentLength).toBe(readFileSync(SEED).length);
  }, 240_000);
});
