/**
 * Pipeline benchmark: 1,000 corpus articles uploaded to `bantin local` (s3rver + the Lambda
 * handlers on this machine) by several concurrent clients; wall time until the last digest is
 * written and stable, S3 requests per article (counted inside the server process by a preloaded
 * counter, the benchmark's own requests apart), and renders per article / per period per
 * debounce window (from the log lines `bantin local` prints: its console logger, or JSON).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { HeadBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadCorpus, repoRoot, type CorpusFile } from './corpus.ts';
import { envInt, round } from './stats.ts';
import type { Row } from './table.ts';
import { skipped, type Outcome } from './outcome.ts';

export const title = 'Pipeline (bantin local)';

const COUNTER = fileURLToPath(new URL('./s3-request-counter.mjs', import.meta.url));
const BUCKET = process.env.BANTIN_BENCH_BUCKET ?? 'bantin';
const UPLOADS = () => envInt('BANTIN_BENCH_UPLOADS', 1000);
const CLIENTS = 4;
const IN_FLIGHT_PER_CLIENT = 8;

interface LogLine {
  level?: string;
  message?: string;
  timestamp?: string;
  /** When the benchmark read the line (Date.now()); the console logger prints whole seconds only. */
  receivedAt?: number;
  periodId?: string;
  [field: string]: unknown;
}

interface RequestCounts {
  pipeline: Record<string, number>;
  bench: Record<string, number>;
  total: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function benchClient(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    customUserAgent: 'bantin-bench',
  });
}

/** Every key under a prefix, paging with StartAfter (s3rver's continuation tokens break past 1,000 keys). */
async function listAll(client: S3Client, prefix: string): Promise<{ key: string; etag: string }[]> {
  const keys: { key: string; etag: string }[] = [];
  let startAfter: string | undefined;
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, StartAfter: startAfter, MaxKeys: 1000 }));
    const contents = page.Contents ?? [];
    for (const o of contents) keys.push({ key: o.Key!, etag: o.ETag ?? '' });
    if (contents.length < 1000) return keys;
    startAfter = contents[contents.length - 1]!.Key;
  }
}

/** The uploads: every party article, then general articles spread over the three sources. */
export function uploadSet(count: number): CorpusFile[] {
  const party = loadCorpus(['party']);
  const general = loadCorpus(['general']);
  const stride = Math.max(1, Math.floor(general.length / Math.max(1, count - party.length)));
  return [...party, ...general.filter((_, i) => i % stride === 0)].slice(0, count);
}

async function upload(clients: S3Client[], files: CorpusFile[]): Promise<void> {
  let next = 0;
  const worker = async (client: S3Client) => {
    while (next < files.length) {
      const file = files[next++]!;
      await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `incoming/bench/${file.key}`, Body: Buffer.from(file.bytes), ContentType: 'text/plain; charset=utf-8' }),
      );
    }
  };
  await Promise.all(clients.flatMap((client) => Array.from({ length: IN_FLIGHT_PER_CLIENT }, () => worker(client))));
}

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

/** `HH:MM:SS LEVEL message  k=v k=v` (lambda/local/console-logger.ts), or a JSON log line. */
function parseLogLine(line: string): LogLine | null {
  const plain = /^(\d{2}:\d{2}:\d{2}) (DEBUG|INFO|WARN|ERROR)\s+(.*?)(?:  (.*))?$/.exec(line);
  if (plain) {
    const fields = plain[4] ?? '';
    const periodId = /(?:^|\s)periodId=(\S+)/.exec(fields)?.[1];
    return { level: plain[2], message: plain[3]!.trim(), fields, ...(periodId ? { periodId } : {}) };
  }
  const start = line.indexOf('{');
  if (start < 0) return null;
  try {
    return JSON.parse(line.slice(start)) as LogLine;
  } catch {
    return null;
  }
}

function startLocal(port: number, dataDir: string, countsFile: string, extraArgs: string[], logs: LogLine[], output: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      COUNTER,
      // BANTIN_BENCH_PROFILE_DIR: a V8 CPU profile of the local process, written when it stops.
      ...(process.env.BANTIN_BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BANTIN_BENCH_PROFILE_DIR}`] : []),
      path.join(repoRoot, 'bin', 'bantin.js'),
      'local',
      ...['--port', String(port), '--bucket', BUCKET, '--data', dataDir, ...extraArgs],
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, BANTIN_BENCH_REQUEST_COUNTS: countsFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const onLine = (line: string) => {
    output.push(line);
    if (output.length > 400) output.shift();
    const parsed = parseLogLine(line);
    // Arrival time: the console logger prints whole seconds only.
    if (parsed) logs.push({ ...parsed, receivedAt: Date.now() });
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  return child;
}

async function waitReady(client: S3Client, child: ChildProcess, stderr: string[], timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bantin local exited (${child.exitCode}): ${stderr.slice(-5).join(' | ')}`);
    try {
      await client.send(new HeadBucketCommand({ Bucket: BUCKET }));
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`bantin local not ready after ${timeoutMs} ms: ${stderr.slice(-5).join(' | ')}`);
}

const isRender = (l: LogLine) => l.message === 'digest rendered' && typeof l.periodId === 'string';
const isRunEnd = (l: LogLine) => l.message === 'render run finished';
const isIngestEnd = (l: LogLine) => l.message === 'article ingested' || l.message === 'upload rejected';

/** Most renders of one period inside one render run (a debounce window), and inside any sliding window. */
function rendersPerWindow(logs: LogLine[], windowMs: number): { perRun: number; sliding: number; runs: number } {
  let perRun = 0;
  let runs = 0;
  let current = new Map<string, number>();
  const timeOf = (l: LogLine) => (typeof l.receivedAt === 'number' ? l.receivedAt : Date.parse(l.timestamp ?? ''));
  for (const line of logs) {
    if (isRender(line)) {
      const n = (current.get(line.periodId!) ?? 0) + 1;
      current.set(line.periodId!, n);
      perRun = Math.max(perRun, n);
    } else if (isRunEnd(line)) {
      runs++;
      current = new Map();
    }
  }
  const times = new Map<string, number[]>();
  for (const line of logs.filter(isRender)) {
    const t = timeOf(line);
    if (Number.isNaN(t)) continue;
    times.set(line.periodId!, [...(times.get(line.periodId!) ?? []), t]);
  }
  let sliding = 0;
  for (const list of times.values()) {
    for (let i = 0, j = 0; j < list.length; j++) {
      while (list[j]! - list[i]! >= windowMs) i++;
      sliding = Math.max(sliding, j - i + 1);
    }
  }
  return { perRun, sliding, runs };
}

/** utime + stime of a live process from /proc (Linux), ms; null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ 100
  } catch {
    return null;
  }
}

/** Flags `bantin local --help` offers, so the benchmark follows the command as it is. */
async function localHelp(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'bantin.js'), 'local', '--help'], { cwd: repoRoot });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString()));
    child.stderr.on('data', (c: Buffer) => (text += c.toString()));
    child.on('exit', () => resolve(text));
    child.on('error', () => resolve(text));
  });
}

function debounceSecondsFromCdkJson(): number {
  try {
    const context = (JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context;
    const value = Number(context?.['bantin:debounceSeconds']);
    return Number.isFinite(value) && value > 0 ? value : 60;
  } catch {
    return 60;
  }
}

export async function run(): Promise<Outcome> {
  const help = await localHelp();
  if (/not implemented/i.test(help) || !/--port/.test(help)) return skipped('`bantin local` not implemented yet');
  // The local command's own schedule unless BANTIN_BENCH_DEBOUNCE says otherwise (AWS: cdk.json's bantin:debounceSeconds).
  // (commander wraps the description, so the default may be on a following line, before the next option).
  const defaultDebounce = Number(/--debounce <[^>]*>(?:(?!\n\s*-)[\s\S])*?\(default: "?(\d+(?:\.\d+)?)"?\)/.exec(help)?.[1] ?? debounceSecondsFromCdkJson());
  const debounceSeconds = envInt('BANTIN_BENCH_DEBOUNCE', defaultDebounce);
  const extraArgs: string[] = [];
  if (/--debounce/.test(help)) extraArgs.push('--debounce', String(debounceSeconds));

  const count = UPLOADS();
  const files = uploadSet(count);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bantin-bench-local-'));
  const countsFile = path.join(dataDir, '..', `${path.basename(dataDir)}-requests.json`);
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  const child = startLocal(port, dataDir, countsFile, extraArgs, logs, stderr);
  const endpoint = `http://127.0.0.1:${port}`;
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const probe = benchClient(endpoint);
    await waitReady(probe, child, stderr);
    const clients = Array.from({ length: CLIENTS }, () => benchClient(endpoint));
    const t0 = Date.now();
    await upload(clients, files);
    const uploadedMs = Date.now() - t0;

    // Done when every upload has a record, no dirty marker is left, and no render for a while.
    const quietMs = Math.max(5_000, Math.min(debounceSeconds * 1000 * 1.5, 120_000));
    const deadline = t0 + envInt('BANTIN_BENCH_PIPELINE_TIMEOUT_S', 1800) * 1000;
    let processed = 0;
    let lastChange = Date.now();
    let lastRenders = -1;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`bantin local exited (${child.exitCode}): ${stderr.slice(-5).join(' | ')}`);
      if (Date.now() > deadline) throw new Error(`timed out: ${processed}/${count} processed, ${logs.filter(isRender).length} renders`);
      processed = (await listAll(probe, 'articles/')).length + (await listAll(probe, 'rejected/')).length;
      const dirty = (await listAll(probe, 'state/dirty/')).length;
      const renders = logs.filter(isRender).length;
      if (renders !== lastRenders) {
        lastRenders = renders;
        lastChange = Date.now();
      }
      if (processed >= count && dirty === 0 && renders > 0 && Date.now() - lastChange > quietMs) break;
      await sleep(1000);
    }
    const renderLines = logs.filter(isRender);
    const lastRender = Math.max(...renderLines.map((l) => Number(l.receivedAt)).filter((t) => Number.isFinite(t)));
    const wallMs = lastRender - t0;
    await sleep(700); // let the counter flush
    const cpuMs = processCpuMs(child.pid);
    const counts = JSON.parse(readFileSync(countsFile, 'utf8')) as RequestCounts;
    const pipelineRequests = sum(counts.pipeline);
    const periods = new Set(renderLines.map((l) => l.periodId!));
    const windows = rendersPerWindow(logs, debounceSeconds * 1000);
    // The stable keys, one a period (each render also keeps its own generation folder).
    const digests = (await listAll(probe, 'digests/')).filter((o) => /^digests\/[^/]+\/digest\.pdf$/.test(o.key)).length;
    const ingestTimes = logs.filter(isIngestEnd).map((l) => Number(l.receivedAt));
    const lastIngestMs = ingestTimes.length ? Math.max(...ingestTimes) - t0 : Number.NaN;
    const firstRenderMs = Math.min(...renderLines.map((l) => Number(l.receivedAt))) - t0;

    rows.push({ metric: `wall time, first upload → last digest (${count.toLocaleString('en-US')} uploads)`, value: wallMs / 1000, unit: 's', digits: 1 });
    rows.push({ metric: 'throughput', value: count / (wallMs / 1000), unit: 'articles/s', digits: 1 });
    rows.push({ metric: 'first upload → last article or rejection record (ingest)', value: lastIngestMs / 1000, unit: 's', digits: 1 });
    if (cpuMs !== null) {
      rows.push({ metric: 'CPU of the bantin local process per article (s3rver + handlers)', value: cpuMs / count, unit: 'ms', alt: `${round(cpuMs / 1000, 1)} s in all` });
    }
    rows.push({ metric: 'S3 requests per article (pipeline, all handlers)', value: pipelineRequests / count, digits: 1 });
    rows.push({ metric: 'renders per article', value: renderLines.length / count, digits: 3 });
    rows.push({ metric: `renders per period (${periods.size} periods)`, value: renderLines.length / Math.max(1, periods.size), digits: 2 });
    rows.push({
      metric: 'renders of one period in one render run (debounce window), max',
      value: windows.perRun,
      target: '≤ 1',
      pass: windows.perRun <= 1,
    });
    const top = Object.entries(counts.pipeline)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([k, v]) => `${k} ${round(v / count, 2)}`)
      .join(', ');
    notes.push(
      `${count} uploads (${files.filter((f) => f.key.includes('/party/')).length} party articles, the rest general) by ${CLIENTS} S3 clients × ${IN_FLIGHT_PER_CLIENT} in flight, all uploaded after ${round(uploadedMs / 1000, 1)} s; ${processed} records written`,
      `S3 requests per article by kind: ${top}; ${pipelineRequests} in all (the benchmark's own ${sum(counts.bench)} uploads and polls not counted)`,
      `${renderLines.length} renders of ${periods.size} periods in ${windows.runs} render runs (first render ${round(firstRenderMs / 1000, 1)} s after the first upload: a run waits until ingest is idle); ${digests} periods with a PDF digest; debounce ${debounceSeconds} s` +
        ` (AWS schedule: ${debounceSecondsFromCdkJson()} s in cdk.json)` +
        `; most renders of one period within any ${debounceSeconds} s: ${windows.sliding}`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => {
      if (child.exitCode !== null) return r(null);
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        r(null);
      }, 5000);
      child.once('exit', () => {
        clearTimeout(t);
        r(null);
      });
    });
    rmSync(dataDir, { recursive: true, force: true });
    if (existsSync(countsFile)) rmSync(countsFile, { force: true });
  }
  return { rows, notes };
}
