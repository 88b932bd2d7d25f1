/**
 * Load run (issue 5): a burst of the whole corpus through `bantin local`.
 *
 *   npm run load -- [--corpus DIR] [--clients 8] [--debounce 2] [--limit N] [--all] [--keep] [--rate N] [--json FILE] [--log FILE]
 *
 * 1. starts `bantin local` as a child process on a free port with a fresh --data folder;
 * 2. uploads (all at once, or --rate N per second) every article file under the corpus' `*\/general/` folders (7,929 files; `--all` adds
 *    `*\/party/`) to `incoming/<relative path>` with several concurrent S3 clients (real
 *    @aws-sdk/client-s3, Buffer bodies, path-style, checksums only when required);
 * 3. waits until the pipeline is idle: every upload event handled, no dirty marker left, and a
 *    render run finished after that;
 * 4. runs `bantin reconcile --json` against the server: incoming = articles + rejected, and every difference;
 * 5. compares every `digests/<period>/digest.json` with a from-scratch build of the same files
 *    (the core parse + buildDigests that `bantin build` runs, with each file's upload time as its
 *    time, as `bantin build` uses the file's mtime), ignoring generation, generatedAt, the `incoming/`
 *    key prefix and the rejection time;
 * 6. counts renders per period in the server's log and checks them against the debounce: a period is
 *    rendered at most once per render run, and render runs at most once per debounce window;
 * 7. prints a figures table. Exits 1 when an upload is lost, a digest differs, the bound is broken
 *    or the server logged an ERROR.
 *
 * The corpus folder can also be given as BANTIN_CORPUS.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify, parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { buildDigests } from '../lambda/core/aggregate.ts';
import type { Digest } from '../lambda/core/digest-model.ts';
import { ARTICLE_SCHEMA_VERSION, RejectionSchema, type Article, type ParseResult, type Rejection } from '../lambda/core/model.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { configFromCdkJson } from '../lambda/local/settings.ts';
import { DIGESTS, INCOMING, REJECTED, STATE } from '../lambda/pipeline/keys.ts';
import { formatReconcileReport, type ReconcileReport } from '../lambda/pipeline/reconcile.ts';
import { mapLimit } from '../lambda/pipeline/state.ts';
import { getJson } from '../lambda/storage/object-store.ts';
import { S3ObjectStore } from '../lambda/storage/s3.ts';
import { freePort, s3Client } from '../test/helpers/s3rver.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BANTIN = path.join(ROOT, 'bin', 'bantin.js');
const BUCKET = 'bantin';
const ARTICLE_FILE = /\.(txt|html?)$/i;

const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.BANTIN_CORPUS ?? '../shared/corpus' },
    clients: { type: 'string', default: '8' },
    debounce: { type: 'string', default: '2' },
    limit: { type: 'string', default: '0' },
    all: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    json: { type: 'string' },
    log: { type: 'string' },
    rate: { type: 'string', default: '0' },
    'timeout-min': { type: 'string', default: '90' },
  },
});
const clients = Number(args.clients);
const debounceSeconds = Number(args.debounce);
const limit = Number(args.limit);
const timeoutMs = Number(args['timeout-min']) * 60_000;
/** Uploads per second over all clients; 0 = as fast as they go (a burst). */
const rate = Number(args.rate);

const log = (message: string): void => void process.stdout.write(`[load ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/* ---------------------------------------------------------------- corpus */

interface CorpusFile {
  /** Path relative to the corpus root, `/`-separated: the upload key below `incoming/`. */
  rel: string;
  absolute: string;
}

function corpusFiles(root: string, all: boolean): CorpusFile[] {
  const found: CorpusFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const absolute = path.join(dir, name);
      if (statSync(absolute).isDirectory()) walk(absolute);
      else if (ARTICLE_FILE.test(name)) {
        const rel = path.relative(root, absolute).split(path.sep).join('/');
        if (all || rel.split('/').includes('general')) found.push({ rel, absolute });
      }
    }
  };
  walk(root);
  return found;
}

/* ---------------------------------------------------------------- child process */

interface LogLine {
  at: number;
  text: string;
}

function startLocal(port: number, dataDir: string): { child: ChildProcess; lines: LogLine[]; ready: Promise<void> } {
  const child = spawn(process.execPath, [BANTIN, 'local', '--port', String(port), '--data', dataDir, '--debounce', String(debounceSeconds), '--verbose'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let banner = '';
  let partial = '';
  child.stderr!.on('data', (d: Buffer) => {
    const at = Date.now();
    const parts = (partial + d.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) lines.push({ at, text });
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      banner += d.toString();
      if (banner.includes('Ctrl-C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bantin local exited early (code ${code}); log:\n${lines.map((l) => l.text).join('\n')}`)));
  });
  return { child, lines, ready };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/* ---------------------------------------------------------------- log figures */

const BATCH_DONE = /\bINFO\s+batch done\b.*\bmessages=(\d+)/;
const RENDERED = /\bdigest rendered\s+periodId=(\S+)/;
const RENDER_RUN = /\brender run finished\b/;
const DEAD_LETTER = /\bmessage dead-lettered\b/;
const ERROR_LINE = /^\S+ ERROR/;

function messagesHandled(lines: LogLine[]): number {
  let n = 0;
  for (const l of lines) {
    const m = BATCH_DONE.exec(l.text);
    if (m) n += Number(m[1]);
  }
  return n;
}

/* ---------------------------------------------------------------- digest comparison */

/** What must be equal: everything but generation, generatedAt, the `incoming/` prefix and rejection times. */
function comparable(digest: Digest): unknown {
  const stripKey = (k: string) => (k.startsWith(INCOMING) ? k.slice(INCOMING.length) : k);
  const { generation: _g, generatedAt: _t, ...rest } = digest;
  return {
    ...rest,
    articles: rest.articles.map((a) => ({ ...a, sources: a.sources.map((s) => ({ ...s, key: stripKey(s.key) })) })),
    rejections: rest.rejections
      .map((r) => ({ key: stripKey(r.key), reason: r.reason, message: r.message, bytes: r.bytes }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

/** First path where two JSON values differ, or null. */
function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${at}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at}.length: ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    const d = firstDifference(ao[k], bo[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

/* ---------------------------------------------------------------- main */

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<number> {
  const corpus = path.resolve(args.corpus!);
  let files = corpusFiles(corpus, args.all!);
  if (limit > 0) files = files.slice(0, limit);
  if (files.length === 0) throw new Error(`no article files under ${corpus}`);
  const config = configFromCdkJson(path.join(ROOT, 'cdk.json'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bantin-load-'));
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  log(`corpus ${corpus}: ${files.length} files; ${clients} clients; debounce ${debounceSeconds}s; data ${dataDir}`);

  const local = startLocal(port, dataDir);
  const failures: string[] = [];
  try {
    await local.ready;
    const startedAt = Date.now();
    log(`bantin local up at ${endpoint}`);

    /* ---- upload burst */
    // Each client as a user's program would have it: Buffers, path-style, checksums only when required.
    const s3 = Array.from({ length: clients }, () => s3Client(endpoint));
    const uploadErrors: string[] = [];
    let next = 0;
    let bytes = 0;
    const t0 = Date.now();
    await Promise.all(
      s3.map(async (client) => {
        while (next < files.length) {
          const i = next++;
          const f = files[i]!;
          if (rate > 0) await sleep(t0 + (i / rate) * 1000 - Date.now());
          const body = readFileSync(f.absolute);
          bytes += body.byteLength;
          try {
            await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${INCOMING}${f.rel}`, Body: body, ContentLength: body.byteLength }));
          } catch (error) {
            uploadErrors.push(`${f.rel}: ${(error as Error).message}`);
          }
        }
      }),
    );
    const uploadMs = Date.now() - t0;
    s3.forEach((c) => c.destroy());
    log(`uploaded ${files.length - uploadErrors.length}/${files.length} files (${(bytes / 1e6).toFixed(1)} MB) in ${(uploadMs / 1000).toFixed(1)} s`);
    if (uploadErrors.length) failures.push(`${uploadErrors.length} uploads failed: ${uploadErrors.slice(0, 5).join('; ')}`);

    /* ---- wait until idle */
    const store = new S3ObjectStore(s3Client(endpoint), BUCKET);
    const expectedMessages = files.length - uploadErrors.length;
    let lastReport = 0;
    let idleAt = 0;
    for (;;) {
      if (Date.now() - t0 > timeoutMs) {
        failures.push(`not idle after ${args['timeout-min']} min (${messagesHandled(local.lines)}/${expectedMessages} events handled)`);
        break;
      }
      if (local.child.exitCode !== null) {
        failures.push(`bantin local exited with ${local.child.exitCode}`);
        break;
      }
      const handled = messagesHandled(local.lines);
      if (Date.now() - lastReport > 30_000) {
        log(`waiting: ${handled}/${expectedMessages} upload events handled, ${local.lines.filter((l) => RENDERED.test(l.text)).length} renders so far`);
        lastReport = Date.now();
      }
      if (handled >= expectedMessages) {
        const dirty = await store.list(`${STATE}dirty/`);
        if (dirty.length === 0) {
          // Idle once a render run has finished after the last ingest batch and left nothing dirty.
          const lastBatch = Math.max(...local.lines.filter((l) => BATCH_DONE.test(l.text)).map((l) => l.at));
          const runAfter = local.lines.some((l) => RENDER_RUN.test(l.text) && l.at > lastBatch);
          if (runAfter && (await store.list(`${STATE}dirty/`)).length === 0) {
            idleAt = Date.now();
            break;
          }
        }
      }
      await sleep(1000);
    }
    const wallMs = (idleAt || Date.now()) - t0;
    log(`pipeline idle after ${(wallMs / 1000).toFixed(1)} s`);

    /* ---- reconciliation, through the CLI */
    const reconcileCommand = ['reconcile', '--endpoint', endpoint, '--bucket', BUCKET, '--json'];
    const { stdout } = await promisify(execFile)(process.execPath, [BANTIN, ...reconcileCommand], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '{}' }),
    );
    const report = JSON.parse(stdout) as ReconcileReport;
    log(`npx bantin ${reconcileCommand.join(' ')}\n${formatReconcileReport(report, 20)}`);
    if (!report.balanced) failures.push('reconciliation not balanced');
    if (report.incoming !== expectedMessages) failures.push(`incoming/ holds ${report.incoming} uploads, ${expectedMessages} were sent`);
    if (report.newerThanRecord.length) failures.push(`${report.newerThanRecord.length} records older than their upload`);

    /* ---- rejections by reason (from the bucket's records) */
    const rejectedObjects = await store.list(REJECTED);
    const rejections = (await mapLimit(rejectedObjects, 16, (o) => getJson(store, o.key, (v) => RejectionSchema.parse(v)))).filter((r): r is Rejection => r !== null);
    const byReason = new Map<string, number>();
    for (const r of rejections) byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + 1);

    /* ---- from-scratch build of the same files, with their upload times */
    const tBuild = Date.now();
    const uploadTimes = await mapLimit(files, 16, async (f) => (await store.head(`${INCOMING}${f.rel}`))?.lastModified?.toISOString() ?? null);
    const articles: Article[] = [];
    const refRejections: Rejection[] = [];
    for (const [i, f] of files.entries()) {
      const uploadedAt = uploadTimes[i] ?? null;
      const body = readFileSync(f.absolute);
      // As the ingest does: an upload over the limit is rejected without being parsed.
      const tooLarge: Rejection = { schemaVersion: ARTICLE_SCHEMA_VERSION, key: f.rel, reason: 'too-large', message: `upload is ${body.byteLength} bytes; the limit is ${config.maxUploadBytes} bytes`, bytes: body.byteLength, rejectedAt: uploadedAt };
      const result: ParseResult = body.byteLength > config.maxUploadBytes ? { ok: false, rejection: tooLarge } : parseArticle({ bytes: body, key: f.rel, uploadedAt });
      if (result.ok) articles.push({ ...result.article, uploadedAt });
      else refRejections.push({ ...result.rejection, rejectedAt: uploadedAt });
    }
    const reference = new Map(buildDigests(articles, { kinds: config.periodKinds, rejections: refRejections }).map((d) => [d.periodId, d]));
    log(`reference build: ${articles.length} articles, ${refRejections.length} rejections, ${reference.size} digests in ${((Date.now() - tBuild) / 1000).toFixed(1)} s`);

    // The stable keys users download, `digests/<period>/digest.json` (generation folders below them are history).
    const digestObjects = (await store.list(DIGESTS)).filter((o) => /^[^/]+\/digest\.json$/.test(o.key.slice(DIGESTS.length)));
    const mismatches: string[] = [];
    const bucketPeriods = new Set<string>();
    for (const o of digestObjects) {
      const periodId = o.key.slice(DIGESTS.length, -'/digest.json'.length);
      bucketPeriods.add(periodId);
      const digest = await getJson(store, o.key, (v) => v as Digest);
      const expected = reference.get(periodId);
      if (!expected) mismatches.push(`${periodId}: in the bucket, not in the from-scratch build`);
      else {
        const d = firstDifference(comparable(digest!), comparable(expected));
        if (d) mismatches.push(`${periodId}: ${d}`);
      }
    }
    for (const periodId of reference.keys()) if (!bucketPeriods.has(periodId)) mismatches.push(`${periodId}: in the from-scratch build, no digest in the bucket`);
    if (mismatches.length) failures.push(`${mismatches.length} digests differ from the from-scratch build:\n  ${mismatches.slice(0, 20).join('\n  ')}`);
    if (report.articles !== articles.length || report.rejected !== refRejections.length) {
      failures.push(`records: bucket ${report.articles} articles + ${report.rejected} rejected, from-scratch ${articles.length} + ${refRejections.length}`);
    }

    /* ---- renders per period vs the debounce */
    const lines = local.lines.filter((l) => l.at <= (idleAt || Date.now()));
    // Renders and busy runs over every line so far: the last busy run may log its end just after
    // idle was seen, while its renders came before (runs after idle render nothing).
    const renders = new Map<string, number>();
    for (const l of local.lines) {
      const m = RENDERED.exec(l.text);
      if (m) renders.set(m[1]!, (renders.get(m[1]!) ?? 0) + 1);
    }
    const renderRuns = lines.filter((l) => RENDER_RUN.test(l.text)).length;
    const busyRuns = local.lines.filter((l) => /\bINFO\s+render run finished\b/.test(l.text)).length;
    const activeSeconds = ((idleAt || Date.now()) - startedAt) / 1000;
    const windows = Math.ceil(activeSeconds / debounceSeconds);
    const counts = [...renders.values()];
    const maxRenders = Math.max(0, ...counts);
    const busiest = [...reference.values()].sort((a, b) => b.counts.articles + b.counts.rejected - (a.counts.articles + a.counts.rejected))[0];
    if (maxRenders > busyRuns) failures.push(`a period was rendered ${maxRenders} times in ${busyRuns} render runs`);
    if (renderRuns > windows) failures.push(`${renderRuns} render runs in ${windows} debounce windows`);
    const deadLettered = lines.filter((l) => DEAD_LETTER.test(l.text)).length;
    if (deadLettered) failures.push(`${deadLettered} messages dead-lettered`);
    // Any ERROR is a failure: on AWS it is a Lambda error (alarmed), even when a later run repairs it.
    const errorLines = lines.filter((l) => ERROR_LINE.test(l.text));
    if (errorLines.length) failures.push(`${errorLines.length} ERROR lines in the server log (first: ${errorLines[0]!.text.slice(0, 200)})`);

    /* ---- figures */
    const figures = {
      corpus,
      uploads: files.length,
      uploadErrors: uploadErrors.length,
      megabytes: Number((bytes / 1e6).toFixed(1)),
      clients,
      debounceSeconds,
      uploadSeconds: Number((uploadMs / 1000).toFixed(1)),
      uploadsPerSecond: Number((files.length / (uploadMs / 1000)).toFixed(1)),
      wallSeconds: Number((wallMs / 1000).toFixed(1)),
      incoming: report.incoming,
      articles: report.articles,
      rejected: report.rejected,
      balanced: report.balanced,
      rejectionsByReason: Object.fromEntries([...byReason].sort()),
      digests: digestObjects.length,
      referenceDigests: reference.size,
      mismatches: mismatches.length,
      renderRuns,
      busyRenderRuns: busyRuns,
      debounceWindows: windows,
      rendersPerPeriod: { max: maxRenders, median: median(counts), periods: renders.size, total: counts.reduce((a, b) => a + b, 0) },
      busiestPeriod: busiest ? { periodId: busiest.periodId, uploads: busiest.counts.articles + busiest.counts.rejected, renders: renders.get(busiest.periodId) ?? 0 } : null,
      deadLettered,
      errorLogLines: errorLines.length,
    };
    const row = (k: string, v: unknown) => `| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`;
    console.log(
      [
        '',
        '| figure | value |',
        '|---|---|',
        row('uploads (files, MB)', `${figures.uploads} files, ${figures.megabytes} MB, ${clients} clients, ${figures.uploadErrors} failed`),
        row('upload time', `${figures.uploadSeconds} s (${figures.uploadsPerSecond} uploads/s)`),
        row('wall time, first upload to idle', `${figures.wallSeconds} s`),
        row('incoming = articles + rejected', `${report.incoming} = ${report.articles} + ${report.rejected} (${report.balanced ? 'balanced' : 'NOT balanced'})`),
        row('rejections by reason', figures.rejectionsByReason),
        row('digests (bucket / from-scratch)', `${figures.digests} / ${figures.referenceDigests}`),
        row('digest mismatches', figures.mismatches),
        row('render runs (busy / all / debounce windows)', `${busyRuns} / ${renderRuns} / ${windows}`),
        row('renders per period (max / median / periods / total)', `${maxRenders} / ${figures.rendersPerPeriod.median} / ${renders.size} / ${figures.rendersPerPeriod.total}`),
        row('busiest period: uploads -> renders', busiest ? `${figures.busiestPeriod!.periodId}: ${figures.busiestPeriod!.uploads} -> ${figures.busiestPeriod!.renders}` : '-'),
        row('dead-lettered / ERROR log lines', `${deadLettered} / ${errorLines.length}`),
        '',
      ].join('\n'),
    );
    for (const l of errorLines.slice(0, 10)) log(`server error: ${l.text.slice(0, 300)}`);
    if (args.json) writeFileSync(args.json, `${JSON.stringify({ ...figures, failures, mismatchDetails: mismatches }, null, 2)}\n`);
  } finally {
    await stop(local.child);
    if (args.log) writeFileSync(args.log, local.lines.map((l) => `${new Date(l.at).toISOString()} ${l.text}\n`).join(''));
    if (args.keep) log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  for (const f of failures) log(`FAIL ${f}`);
  log(failures.length ? `${failures.length} failures` : 'all checks passed');
  return failures.length ? 1 : 0;
}

process.exit(await main());
