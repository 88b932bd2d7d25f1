/**
 * Peer benchmark: the same half-year digest made into a PDF by PDFKit (our renderer) and by
 * headless Chromium printing our HTML digest. Both on one pinned core, medians of several runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInChild, pinned, oneCoreNote } from './child.ts';
import { runTree, treeCpuMethod } from './process-tree-cpu.ts';
import { halfYearDigest, renderers } from './render.ts';
import { median, envInt, round, startTiming, medianTiming, type Timing } from './stats.ts';
import type { Row } from './table.ts';
import { skipped, type Outcome } from './outcome.ts';

export const title = 'Peer (PDFKit vs Chromium)';

const TARGET_RATIO = 5;
const TARGET_N = 1000;
const CHROMIUM = process.env.BANTIN_CHROMIUM ?? '/usr/bin/chromium';

interface PdfkitValue {
  n: number;
  htmlFile: string;
  pdf: Timing[];
  pdfBytes: number;
  pdfFile: string;
  articles: number;
}

/** Builds the digest, times PDFKit on it, and leaves the HTML digest on disk for Chromium. */
async function pdfkit(args: { n: number; runs: number; dir: string }): Promise<PdfkitValue> {
  const { html, pdf } = await renderers();
  const { digest } = await halfYearDigest(args.n);
  const htmlFile = path.join(args.dir, `digest-${args.n}.html`);
  writeFileSync(htmlFile, await html(digest, { lang: 'vi' }));
  // Warm-up (fonts, templates, JIT), kept for comparison; then the timed runs.
  const first = (await pdf(digest, { lang: 'vi' })) as Uint8Array;
  const pdfFile = path.join(args.dir, `digest-${args.n}.pdfkit.pdf`);
  writeFileSync(pdfFile, first);
  const pdfBytes = first.byteLength;
  const timings: Timing[] = [];
  for (let run = 0; run < args.runs; run++) {
    const stop = startTiming();
    await pdf(digest, { lang: 'vi' });
    timings.push(stop());
  }
  return { n: args.n, htmlFile, pdf: timings, pdfBytes, pdfFile, articles: digest.counts.articles };
}

export const tasks = { pdfkit };

interface ChromiumRun {
  ms: number;
  /** User + system CPU of Chromium and every process it started (process-tree-cpu.ts). */
  cpuMs: number;
  pdfBytes: number;
  pdfPages: number | null;
  /** Peak RSS (MiB) of the largest Chromium process, from GNU time, when available. */
  maxRssMiB: number | null;
}

/** Page count from pdfinfo (poppler-utils), when installed. */
function pdfPages(file: string): number | null {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '')?.[1];
  return pages ? Number(pages) : null;
}

const hasGnuTime = () => spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status === 0;

/** One fresh headless Chromium (fresh profile) printing `htmlFile` to PDF, pinned to one core. */
async function printWithChromium(htmlFile: string): Promise<ChromiumRun> {
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
    '--no-pdf-header-footer',
    pathToFileURL(htmlFile).href,
  ];
  const timed: [string, string[]] = hasGnuTime() ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, CHROMIUM, ...chromiumArgs]] : [CHROMIUM, chromiumArgs];
  try {
    const run = await runTree(...pinned(timed[0], timed[1], true));
    if (run.code !== 0 || !existsSync(out)) throw new Error(`chromium exited ${run.code}: ${run.stderr.slice(-500)}`);
    const kib = existsSync(timeFile) ? Number((readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').trim()) : Number.NaN;
    return { ms: run.wallMs, cpuMs: run.cpuMs, pdfBytes: statSync(out).size, pdfPages: pdfPages(out), maxRssMiB: Number.isFinite(kib) ? kib / 1024 : null };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
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
  const sizes = peerSizes();
  const targetSize = sizes.includes(TARGET_N) ? TARGET_N : sizes[sizes.length - 1];
  try {
    // Chromium's own start-up and shutdown: the same command printing a one-line page.
    const blankFile = path.join(dir, 'blank.html');
    writeFileSync(blankFile, '<!doctype html><html lang="vi"><meta charset="utf-8"><body><p>Bản tin</p></body></html>');
    const blankRuns: ChromiumRun[] = [];
    for (let i = 0; i < runs; i++) blankRuns.push(await printWithChromium(blankFile));
    const startupCpu = median(blankRuns.map((r) => r.cpuMs));
    rows.push({
      metric: 'Chromium start-up + shutdown (one-line page)',
      value: startupCpu,
      unit: 'ms',
      alt: `wall ${round(median(blankRuns.map((r) => r.ms))).toLocaleString('en-US')} ms`,
    });

    for (const n of sizes) {
      const ours = (await runInChild<PdfkitValue>(ME, 'pdfkit', { n, runs, dir }, { oneCore: true, timeoutMs: 900_000 })).value;
      const chromiumRuns: ChromiumRun[] = [];
      for (let i = 0; i < runs; i++) chromiumRuns.push(await printWithChromium(ours.htmlFile));
      const pdfkit = medianTiming(ours.pdf);
      const chromiumCpu = median(chromiumRuns.map((r) => r.cpuMs));
      const chromiumWall = median(chromiumRuns.map((r) => r.ms));
      const printCpu = Math.max(0, chromiumCpu - startupCpu);
      const ratio = chromiumCpu / pdfkit.cpuMs;
      const printRatio = printCpu / pdfkit.cpuMs;
      const label = `${n.toLocaleString('en-US')} articles`;
      const target = n === targetSize;
      rows.push({ metric: `${label}: PDFKit renderDigestPdf (warm process)`, value: pdfkit.cpuMs, unit: 'ms', alt: `wall ${round(pdfkit.wallMs).toLocaleString('en-US')} ms` });
      rows.push({
        metric: `${label}: Chromium --print-to-pdf (fresh process, all its processes)`,
        value: chromiumCpu,
        unit: 'ms',
        alt: `wall ${round(chromiumWall).toLocaleString('en-US')} ms`,
      });
      rows.push({
        metric: `${label}: Chromium / PDFKit, fresh Chromium process`,
        value: ratio,
        unit: '×',
        ratio: true,
        digits: 1,
        ...(target ? { target: `≥ ${TARGET_RATIO}×`, pass: ratio >= TARGET_RATIO } : {}),
      });
      rows.push({
        metric: `${label}: Chromium / PDFKit, Chromium start-up subtracted`,
        value: printRatio,
        unit: '×',
        ratio: true,
        digits: 1,
        ...(target ? { target: `≥ ${TARGET_RATIO}× (warm Chromium)`, pass: printRatio >= TARGET_RATIO } : {}),
      });
      const rss = chromiumRuns.map((r) => r.maxRssMiB).filter((v): v is number => v !== null);
      notes.push(
        `${label} (${ours.articles} in the digest): PDFKit runs ${ours.pdf.map((t) => `${round(t.cpuMs)}/${round(t.wallMs)}`).join(', ')} ms CPU/wall, ` +
          `${round(ours.pdfBytes / 1024)} KiB PDF, ${pdfPages(ours.pdfFile) ?? '?'} pages; Chromium runs ${chromiumRuns.map((r) => `${round(r.cpuMs)}/${round(r.ms)}`).join(', ')} ms CPU/wall, ` +
          `${round((chromiumRuns[0]?.pdfBytes ?? 0) / 1024)} KiB PDF, ${chromiumRuns[0]?.pdfPages ?? '?'} pages (A4 from the stylesheet's @page)` +
          (rss.length ? `, largest Chromium process peaks at ${round(median(rss))} MiB RSS` : ''),
      );
    }
    notes.push(
      `Chromium start-up runs (one-line page) ${blankRuns.map((r) => `${round(r.cpuMs)}/${round(r.ms)}`).join(', ')} ms CPU/wall`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const method = treeCpuMethod();
  notes.push(
    `${version}; Chromium: one fresh \`chromium --headless --print-to-pdf --no-pdf-header-footer\` (fresh --user-data-dir) printing the file:// HTML digest that renderDigestHtml() made from the same digest; ` +
      `CPU is user + system of all its processes (browser, zygote, renderer, utility), counted with ${method.kind === 'proc polling' ? 'polling /proc (undercounts short-lived processes)' : `a ${method.kind} group`}; ` +
      `rusage (GNU time) would see only about a third, as Chromium does not reap its renderers itself`,
    `PDFKit: renderDigestPdf() in a warm child process (first run discarded), CPU of the process; the "start-up subtracted" ratio removes the median CPU of Chromium printing a one-line page, i.e. compares with a Chromium kept running`,
    `verdicts on CPU time (the machine is shared, wall times include waiting for the core); one core: ${oneCoreNote()} for both (Chromium's child processes inherit the affinity)`,
  );
  return { rows, notes };
}
