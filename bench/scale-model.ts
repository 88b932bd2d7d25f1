/**
 * `npx tsx bench/scale-model.ts`: the cost model of docs/benchmarks.md ("Scale"), from the measured
 * renders in bench/results/scale.json. Prints markdown: the fitted growth of one render (CPU and
 * peak RSS against the articles in the digest), the extrapolation to 500,000 articles a year, where
 * one render stops fitting a Lambda, and S3 requests, bytes and Lambda GB-seconds per article.
 * Everything past the measured points is an estimate; the assumptions are printed with it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './corpus.ts';
import { PRICES, type ScaleMeasure } from './scale.ts';

const result = JSON.parse(readFileSync(path.join(repoRoot, 'bench', 'results', 'scale.json'), 'utf8')) as { raw: ScaleMeasure[] };
const points = result.raw;

/** Least squares of y on the given basis functions of x. */
function fit(xs: number[], ys: number[], basis: ((x: number) => number)[]): number[] {
  const k = basis.length;
  const a = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  xs.forEach((x, i) => {
    const f = basis.map((b) => b(x));
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) a[r]![c]! += f[r]! * f[c]!;
      a[r]![k]! += f[r]! * ys[i]!;
    }
  });
  for (let p = 0; p < k; p++) {
    for (let r = p + 1; r < k; r++) {
      const m = a[r]![p]! / a[p]![p]!;
      for (let c = p; c <= k; c++) a[r]![c]! -= m * a[p]![c]!;
    }
  }
  const out = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) {
    let s = a[r]![k]!;
    for (let c = r + 1; c < k; c++) s -= a[r]![c]! * out[c]!;
    out[r] = s / a[r]![r]!;
  }
  return out;
}

const articles = points.map((p) => p.value.articles);
// Render CPU (s) and peak RSS (MiB) against the articles in the digest, all kinds pooled.
const [c0, c1, c2] = fit(articles, points.map((p) => p.totalCpuMs / 1000), [() => 1, (x) => x, (x) => x * x]) as [number, number, number];
const [m0, m1] = fit(articles, points.map((p) => p.maxRssMiB), [() => 1, (x) => x]) as [number, number];
const cpuS = (k: number): number => c0 + c1 * k + Math.max(0, c2) * k * k;
const rssMiB = (k: number): number => m0 + m1 * k;
const pdfPagesPerArticle = points.reduce((s, p) => s + p.value.pdfPages, 0) / points.reduce((s, p) => s + p.value.articles, 0);
const aggBytesPerArticle = points.filter((p) => p.kind === 'year').map((p) => p.value.monthAggregateBytes / p.value.articles)[0] ?? 3000;
const recordBytes = points[0]!.value.recordBytes;

const f = (x: number, d = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const out: string[] = [];
out.push(`Fitted on ${points.length} measured renders (${f(Math.min(...articles))}–${f(Math.max(...articles))} articles in one digest):`);
out.push(`- CPU of one period render (aggregate its months + combine + JSON + HTML + PDF + DOCX): ${c0.toFixed(2)} s + ${(c1 * 1000).toFixed(3)} ms × k + ${c2.toExponential(2)} s × k² (k = articles in the digest)`);
out.push(`- peak RSS: ${f(m0)} MiB + ${(m1 * 1024).toFixed(1)} KiB × k; PDF ${pdfPagesPerArticle.toFixed(2)} pages per article; month aggregates ${f(aggBytesPerArticle)} bytes per article; stored record ${f(recordBytes)} bytes per article`);
out.push('');
out.push('| N a year | period | articles | render CPU | peak RSS | PDF pages | fits 15 min / 10 GB? | |');
out.push('|---|---|---|---|---|---|---|---|');
const shares = { month: 0.105, quarter: 0.29, half: 0.54, year: 1 } as const; // December-heavy calendar, measured shares
for (const p of points) {
  const fits = p.totalCpuMs / 1000 < 900 && p.maxRssMiB < 10_240;
  out.push(`| ${f(p.n)} | ${p.value.periodId} | ${f(p.value.articles)} | ${f(p.totalCpuMs / 1000, 1)} s | ${f(p.maxRssMiB)} MiB | ${f(p.value.pdfPages)} | ${fits ? 'yes' : 'NO'} | measured |`);
}
const kindShare = (kind: keyof typeof shares, n: number): number => {
  const at = points.filter((p) => p.kind === kind).sort((a, b) => b.n - a.n)[0];
  return at ? at.value.articles / at.n : shares[kind];
};
for (const n of [500_000, 1_000_000]) {
  for (const kind of ['month', 'quarter', 'half', 'year'] as const) {
    const k = Math.round(kindShare(kind, n) * n);
    const fits = cpuS(k) < 900 && rssMiB(k) < 10_240;
    out.push(`| ${f(n)} | ${kind} | ${f(k)} | ${f(cpuS(k), 0)} s | ${f(rssMiB(k))} MiB | ${f(k * pdfPagesPerArticle)} | ${fits ? 'yes' : 'NO'} | **extrapolated** |`);
  }
}
// Lower bound without the k² term: the 100,000-article year's cost per article, flat.
const year100 = points.filter((p) => p.kind === 'year').sort((a, b) => b.n - a.n)[0];
if (year100) {
  const perArticle = year100.totalCpuMs / 1000 / year100.value.articles;
  out.push('');
  out.push(`Linear lower bound (the largest measured year's ${f(perArticle * 1000, 2)} ms CPU per article, flat): a 500,000-article year takes ${f(perArticle * 500_000)} s; memory grows linearly in every fit (${f(rssMiB(500_000))} MiB), so memory is the limit that binds first.`);
}
// Where one render stops fitting.
let limitCpu = 0;
while (cpuS(limitCpu) < 900 && limitCpu < 1e8) limitCpu += 1000;
let limitMem = 0;
while (rssMiB(limitMem) < 10_240 && limitMem < 1e8) limitMem += 1000;
let limitConfigured = 0;
while (cpuS(limitConfigured) < 600 && rssMiB(limitConfigured) < 1536 && limitConfigured < 1e8) limitConfigured += 1000;
out.push('');
out.push(
  `One render stops fitting a Lambda at about ${f(Math.min(limitCpu, limitMem))} articles in one digest (${f(limitCpu)} by time: 15 min; ${f(limitMem)} by memory: 10 GB) — extrapolated; ` +
    `the render Lambda as configured (1,536 MB, 10 min) stops at about ${f(limitConfigured)} articles. Assumes a Lambda core as fast as this machine's (one core; Node renders on one thread whatever the memory).`,
);

// ---- per article: S3 and Lambda, with the pipeline's access pattern
out.push('');
out.push('| N a year | S3 PUT / article | S3 GET+HEAD+LIST / article | S3 bytes read / article | render memory | render GB-s / 1,000 articles | ingest GB-s / 1,000 | $ / 1,000 articles (Lambda + S3) |');
out.push('|---|---|---|---|---|---|---|---|');
const RUNS_PER_DAY = 10; // hourly sweeps while uploads keep coming (working hours)
const DAYS = 250; // working days with uploads
const S3_MS = 20; // one S3 round-trip, ms (estimate)
for (const n of [10_000, 100_000, 500_000]) {
  // Ingest (lambda/pipeline/ingest.ts ingestPass, counted by the pipeline benchmark): GET state, 3 HEADs + GET
  // upload; PUT record, DELETE the opposite record, PUT member, 5 PUT markers (month + 4 periods, state.ts markDirty), PUT state.
  const ingestPut = 8;
  const ingestRead = 5;
  const ingestSeconds = 0.00065 + (ingestRead + ingestPut + 1) * S3_MS / 1000; // parse ~0.65 ms (parse benchmark) + sequential requests
  const ingestGbs = ingestSeconds * 1.0; // 1,024 MB
  // Render runs: RUNS_PER_DAY × DAYS, each rebuilding the current month (2 GETs per member: membership + record,
  // render.ts aggregateMembers) and rendering month, quarter, half, year to date; average sizes over the year:
  const runs = RUNS_PER_DAY * DAYS;
  // Billed memory: what the year digest needs at year end (+20 %), at least the configured 1.5 GB, at most Lambda's 10 GB.
  const RENDER_GB = Math.min(10, Math.max(1.5, (rssMiB(n) * 1.2) / 1024));
  const avg = { month: n / 24, quarter: n / 8, half: n / 4, year: n / 2 };
  const memberGets = runs * 2 * avg.month;
  const aggregateGets = runs * (1 + 3 + 6 + 12) * 3; // period months + comparison months (≈ 3× the period's), one GET each
  const aggregateBytes = runs * (avg.month * 3 + avg.quarter * 3 + avg.half * 3 + avg.year * 2) * aggBytesPerArticle;
  const renderPuts = runs * (1 + 4 * 10 + 1); // month aggregate, 4 periods × (4 generation + status + 4 stable + …), index
  const renderCpu = runs * (cpuS(avg.month) + cpuS(avg.quarter) + cpuS(avg.half) + cpuS(avg.year));
  const renderWait = (memberGets / 16 + aggregateGets) * S3_MS / 1000;
  const renderGbs = (renderCpu + renderWait) * RENDER_GB;
  const put = ingestPut + renderPuts / n;
  const read = ingestRead + (memberGets + aggregateGets) / n;
  const bytesRead = (memberGets / 2) * recordBytes / n + aggregateBytes / n;
  const dollars =
    ((renderGbs + ingestGbs * n) * PRICES.gbSecond + ((n + runs) / 1e6) * PRICES.invocationPerM + (put * n * PRICES.s3PutPer1k) / 1000 + (read * n * PRICES.s3GetPer1k) / 1000) /
    (n / 1000);
  out.push(
    `| ${f(n)} | ${put.toFixed(1)} | ${f(read, 1)} | ${f(bytesRead / 1024)} KiB | ${RENDER_GB.toFixed(1)} GB | ${f((renderGbs / n) * 1000)} | ${f(ingestGbs * 1000)} | $${dollars.toFixed(3)} |`,
  );
}
out.push('');
out.push(
  `Estimate, not a bill: ${RUNS_PER_DAY} render runs a day (the hourly sweep while uploads never go quiet for the 60 s debounce) on ${DAYS} working days; ` +
    `each run rebuilds the current month and renders the month, quarter, half and year to date (average sizes N/24, N/8, N/4, N/2); render Lambda billed at the memory the year digest needs (at least the configured 1.5 GB, at most 10 GB) for CPU + S3 waits (${S3_MS} ms a round-trip, 16 GETs in flight); ` +
    `ingest 1 GB, ${S3_MS} ms per sequential request. Prices: arm64 $${PRICES.gbSecond}/GB-s, $${PRICES.invocationPerM}/M invocations, S3 PUT $${PRICES.s3PutPer1k}/1,000, GET $${PRICES.s3GetPer1k}/1,000 (us-east-1 list prices); ` +
    'N = 500,000 uses the extrapolated render cost.',
);
console.log(out.join('\n'));
