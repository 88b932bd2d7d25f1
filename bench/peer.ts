/**
 * Peer benchmark: the same half-year digest made into a PDF by PDFKit (our renderer) and by
 * headless Chromium printing our HTML digest. Both on one pinned core, medians of several runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInChild, pinned, oneCoreNote } from './child.ts';
import { halfYearDigest, renderers } from './render.ts';
import { median, envInt, round, startTiming, medianTiming, type Timing } from './stats.ts';
import type { Row } from './table.ts';
import { skipped, type Outcome } from './outcome.ts';

export const title = 'Peer (PDFKit vs Chromium)';

const TARGET_RATIO = 5;
const CHROMIUM = process.env.BANTIN_CHROMIUM ?? '/usr/bin/chromium';

interface PdfkitValue {
  n: number;
  htmlFile: string;
  pdf: Timing[];
  pdfBytes: number;
  articles: number;
}

/** Builds the digest, times PDFKit on it, and leaves the HTML digest on disk for Chromium. */
async function pdfkit(args: { n: number; runs: number; dir: string }): Promise<PdfkitValue> {
  const { html, pdf } = await renderers();
  const { digest } = await halfYearDigest(args.n);
  const htmlFile = path.join(args.dir, `digest-${args.n}.html`);
  writeFileSync(htmlFile, await html(digest, { lang: 'vi' }));
  const timings: Timing[] = [];
  let pdfBytes = 0;
  for (let run = 0; run < args.runs; run++) {
    const stop = startTiming();
    const document = await pdf(digest, { lang: 'vi' });
    timings.push(stop());
    pdfBytes = document.byteLength;
  }
  writeFileSync(path.join(args.dir, `digest-${args.n}.pdfkit.pdf`), (await pdf(digest, { lang: 'vi' })) as Uint8Array);
  return { n: args.n, htmlFile, pdf: timings, pdfBytes, articles: digest.counts.articles };
}

export const tasks = { pdfkit };

interface ChromiumRun {
  ms: number;
  /** User + system CPU of Chromium and every process it waited for, from GNU time. */
  cpuMs: number | null;
  pdfBytes: number;
  /** Peak RSS (MiB) of the largest Chromium process, from GNU time, when available. */
  maxRssMiB: number | null;
}

const hasGnuTime = () => spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

function printWithChromium(htmlFile: string, oneCore: boolean): Promise<ChromiumRun> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bantin-chromium-'));
  const out = path.join(profile, 'out.pdf');
  const timeFile = path.join(profile, 'time.txt');
  const chromiumArgs = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${out}`,
    pathToFileURL(htmlFile).href,
  ];
  const timed: [string, string[]] = hasGnuTime()
    ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, CHROMIUM, ...chromiumArgs]]
    : [CHROMIUM, chromiumArgs];
  const [command, args] = pinned(timed[0], timed[1], oneCore);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      try {
        if (code !== 0 || !existsSync(out)) throw new Error(`chromium exited ${code}: ${stderr.slice(-500)}`);
        const [kib, user, system] = existsSync(timeFile)
          ? (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number)
          : [];
        resolve({
          ms,
          cpuMs: user !== undefined && system !== undefined && Number.isFinite(user + system) ? (user + system) * 1000 : null,
          pdfBytes: statSync(out).size,
          maxRssMiB: kib !== undefined && Number.isFinite(kib) ? kib / 1024 : null,
        });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    });
  });
}

const ME = new URL(import.meta.url);

export function peerSizes(): number[] {
  const raw = process.env.BANTIN_BENCH_PEER_SIZES;
  return raw ? raw.split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0) : [100, 1000];
}

export async function run(): Promise<Outcome> {
  if (!existsSync(CHROMIUM)) return skipped(`chromium not found at ${CHROMIUM} (Debian package chromium; or set BANTIN_CHROMIUM)`);
  try {
    await renderers();
  } catch (error) {
    return skipped(`renderers not available yet (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const runs = envInt('BANTIN_BENCH_RUNS', 3);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bantin-peer-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  const version = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' }).stdout.trim();
  try {
    for (const n of peerSizes()) {
      const ours = (await runInChild<PdfkitValue>(ME, 'pdfkit', { n, runs, dir }, { oneCore: true, timeoutMs: 900_000 })).value;
      const pinnedRuns: ChromiumRun[] = [];
      for (let i = 0; i < runs; i++) pinnedRuns.push(await printWithChromium(ours.htmlFile, true));
      const freeRuns: ChromiumRun[] = [];
      for (let i = 0; i < runs; i++) freeRuns.push(await printWithChromium(ours.htmlFile, false));
      const pdfkit = medianTiming(ours.pdf);
      const chromiumMs = median(pinnedRuns.map((r) => r.ms));
      const chromiumCpu = pinnedRuns.every((r) => r.cpuMs !== null) ? median(pinnedRuns.map((r) => r.cpuMs!)) : null;
      const chromiumFreeMs = median(freeRuns.map((r) => r.ms));
      // Like for like: CPU time for both when GNU time gives Chromium's, else wall time for both.
      const ratio = chromiumCpu !== null ? chromiumCpu / pdfkit.cpuMs : chromiumMs / pdfkit.wallMs;
      const label = `${n.toLocaleString('en-US')} articles`;
      rows.push({ metric: `${label}: PDFKit`, value: pdfkit.cpuMs, unit: 'ms', alt: `wall ${round(pdfkit.wallMs).toLocaleString('en-US')} ms` });
      rows.push({
        metric: `${label}: Chromium --print-to-pdf (one core)`,
        value: chromiumCpu ?? chromiumMs,
        unit: 'ms',
        alt: `wall ${round(chromiumMs).toLocaleString('en-US')} ms`,
      });
      rows.push({
        metric: `${label}: Chromium / PDFKit time`,
        value: ratio,
        unit: '×',
        digits: 1,
        alt: `wall ${round(chromiumMs / pdfkit.wallMs, 1)}×`,
        ...(n === 1000 || peerSizes().length === 1 ? { target: `≥ ${TARGET_RATIO}×`, pass: ratio >= TARGET_RATIO } : {}),
      });
      const rss = pinnedRuns.map((r) => r.maxRssMiB).filter((v): v is number => v !== null);
      notes.push(
        `${label} (${ours.articles} in the digest): PDFKit runs ${ours.pdf.map((t) => round(t.cpuMs)).join(', ')} ms CPU, ` +
          `${round(ours.pdfBytes / 1024)} KiB; Chromium runs ${pinnedRuns.map((r) => `${round(r.cpuMs ?? Number.NaN)}/${round(r.ms)}`).join(', ')} ms CPU/wall on one core, ` +
          `${round(chromiumFreeMs)} ms wall median on all ${os.availableParallelism()} cores (${round(chromiumFreeMs / pdfkit.wallMs, 1)}× PDFKit's wall), ` +
          `${round((pinnedRuns[0]?.pdfBytes ?? 0) / 1024)} KiB` +
          (rss.length ? `, largest Chromium process peaks at ${round(median(rss))} MiB RSS` : ''),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  notes.push(
    `${version}; Chromium time is one fresh \`chromium --headless --print-to-pdf\` process (fresh profile) printing the file:// HTML digest, as a renderer Lambda would run it (CPU of all its processes from GNU time); PDFKit time is renderDigestPdf() in a warm process (CPU of the process)`,
    `one core: ${oneCoreNote()} for both`,
  );
  return { rows, notes };
}
