/**
 * `npx tsx bench/scale-model.ts`: the scale tables and cost model of docs/benchmarks.md ("Scale"),
 * from the measured invocations in bench/results/scale.json (`npm run bench -- scale`). Prints
 * markdown: every measured invocation (the month rebuild of the busiest month and the render of each
 * period kind, each in its own invocation) against the deployed render Lambda and Lambda's limits,
 * then S3 requests and bytes and Lambda GB-seconds and dollars per 1,000 articles, with the pipeline's
 * access pattern (lambda/pipeline/render.ts, ingest.ts). Measured figures are marked; the cost model
 * is an estimate and prints its assumptions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './corpus.ts';
import { DEPLOYED_MIB, DEPLOYED_S, LAMBDA_LIMIT_MIB, LAMBDA_LIMIT_S, PRICES, type ScaleRaw } from './scale.ts';

const result = JSON.parse(readFileSync(path.join(repoRoot, 'bench', 'results', 'scale.json'), 'utf8')) as { raw: ScaleRaw };
const { measured, months, recordBytes, cap } = result.raw;

const f = (x: number, d = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const out: string[] = [];
out.push(`Meeting cap ${f(cap)}: periods with more meetings are summary digests. Every row is one invocation, measured (CPU of one core, peak RSS of the whole child process).`);
out.push('');
out.push('| N a year | invocation | articles | meetings | digest | CPU | peak RSS | deployed Lambda (1,536 MB, 10 min) | Lambda max (10 GB, 15 min) |');
out.push('|---|---|---|---|---|---|---|---|---|');
for (const p of measured) {
  const fitsDeployed = p.maxRssMiB < DEPLOYED_MIB && p.totalCpuMs / 1000 < DEPLOYED_S;
  const fitsMax = p.maxRssMiB < LAMBDA_LIMIT_MIB && p.totalCpuMs / 1000 < LAMBDA_LIMIT_S;
  const what = p.rebuild ? `month rebuild ${p.rebuild.month}` : `render ${p.value!.periodId}`;
  const articles = p.rebuild ? p.rebuild.articles : p.value!.articles;
  const meetings = p.rebuild ? p.rebuild.meetings : p.value!.meetings;
  const digest = p.rebuild ? (p.rebuild.aboveCap ? 'summary + meetings file' : 'aggregate + summary') : p.value!.path === 'summary' ? `summary (${f(p.value!.pdfPages)} pp.)` : `full (${f(p.value!.pdfPages)} pp.)`;
  out.push(
    `| ${f(p.n)} | ${what} | ${f(articles)} | ${f(meetings)} | ${digest} | ${f(p.totalCpuMs / 1000, 1)} s | ${f(p.maxRssMiB)} MiB | ${fitsDeployed ? 'yes' : '**NO**'} | ${fitsMax ? 'yes' : '**NO**'} |`,
  );
}

// ---- per article: S3 and Lambda, with the pipeline's access pattern
const RUNS_PER_DAY = 10; // hourly sweeps while uploads keep coming (working hours)
const DAYS = 250; // working days with uploads
const RUNS = RUNS_PER_DAY * DAYS;
const S3_MS = 20; // one S3 round-trip, ms (estimate)
const READ_CONCURRENCY = 16; // render.ts READ_CONCURRENCY
const GB = DEPLOYED_MIB / 1024;
out.push('');
out.push('| N a year | S3 PUT+DELETE / article | S3 GET+HEAD+LIST / article | S3 bytes read / article | render GB-s / 1,000 articles | ingest GB-s / 1,000 | $ / 1,000 articles (Lambda + S3) |');
out.push('|---|---|---|---|---|---|---|');
for (const nKey of Object.keys(months).sort((a, b) => Number(a) - Number(b))) {
  const n = Number(nKey);
  const year = months[nKey]!.filter((m) => m.month.startsWith('2023'));
  const renders = measured.filter((p) => p.n === n && p.value);
  // Ingest (counted by the pipeline benchmark, 15 requests an upload): 5 reads (3 HEAD, GET upload, GET state), 10 writes.
  const ingestWrite = 10;
  const ingestRead = 5;
  const ingestSeconds = 0.00065 + (ingestRead + ingestWrite) * S3_MS / 1000;
  const ingestGbs = ingestSeconds * 1.0; // 1,024 MB
  // Month rebuilds: RUNS a year, each rebuilding the current month, which holds on average half its
  // articles at a run: 2 GETs a member (membership, record), 2 LISTs a 1,000 members, then PUT
  // aggregate + summary (+ meetings file or its DELETE). CPU per article as measured over the 12 months.
  const perMonthRuns = RUNS / 12;
  let rebuildGets = 0;
  let rebuildPuts = 0;
  let rebuildBytes = 0;
  let rebuildSeconds = 0;
  for (const m of year) {
    const members = m.articles / 2;
    const cpuS = (m.aggregate.cpuMs + m.json.cpuMs + m.summarize.cpuMs + m.meetingsFile.cpuMs) / 1000 / 2;
    rebuildGets += perMonthRuns * (2 * members + 2 * Math.ceil(members / 1000) + 1);
    rebuildPuts += perMonthRuns * 3;
    rebuildBytes += perMonthRuns * members * (recordBytes + 300);
    rebuildSeconds += perMonthRuns * (cpuS + ((2 * members) / READ_CONCURRENCY) * S3_MS / 1000);
  }
  // Period renders: RUNS × 4 invocations (month, quarter, half, year to date), each at most its year-end
  // cost as measured: reads = status + 2 LISTs + the month data it read + index (LIST + one GET a status,
  // ~20 periods a year kept) + prune (GET + LIST); writes = 4 generation files + status + 4 stable + DELETE meetings + index + ~4 pruned.
  let renderGets = 0;
  let renderPuts = 0;
  let renderBytes = 0;
  let renderSeconds = 0;
  for (const p of renders) {
    const v = p.value!;
    const gets = 3 + v.readObjects + 2 + 20 + 2;
    renderGets += RUNS * gets;
    renderPuts += RUNS * 15;
    renderBytes += RUNS * v.readBytes;
    renderSeconds += RUNS * (p.totalCpuMs / 1000 + (gets + 15) * S3_MS / 1000);
  }
  const put = ingestWrite + (rebuildPuts + renderPuts) / n;
  const read = ingestRead + (rebuildGets + renderGets) / n;
  const bytesRead = recordBytes + (rebuildBytes + renderBytes) / n;
  const renderGbs = (rebuildSeconds + renderSeconds) * GB;
  const invocations = n + RUNS * (1 + renders.length);
  const dollars =
    ((renderGbs + ingestGbs * n) * PRICES.gbSecond + (invocations / 1e6) * PRICES.invocationPerM + (put * n * PRICES.s3PutPer1k) / 1000 + (read * n * PRICES.s3GetPer1k) / 1000) / (n / 1000);
  out.push(`| ${f(n)} | ${put.toFixed(1)} | ${f(read, 1)} | ${f(bytesRead / 1024)} KiB | ${f((renderGbs / n) * 1000)} | ${f(ingestGbs * 1000)} | $${dollars.toFixed(3)} |`);
}
out.push('');
out.push(
  `Estimate, not a bill: ${RUNS_PER_DAY} render runs a day (the hourly sweep while uploads never go quiet for the 60 s debounce) on ${DAYS} working days; ` +
    'each run rebuilds the current month (half full on average) and renders the month, quarter, half and year to date in one invocation each, at the measured year-end cost (an upper bound); ' +
    `every invocation billed at the deployed ${f(DEPLOYED_MIB)} MB for its CPU + S3 waits (${S3_MS} ms a round-trip, ${READ_CONCURRENCY} GETs in flight for the members); ` +
    `ingest 1 GB, ${S3_MS} ms per sequential request; DELETEs counted with PUTs (S3 does not charge them). Prices: arm64 $${PRICES.gbSecond}/GB-s, $${PRICES.invocationPerM}/M invocations, S3 PUT $${PRICES.s3PutPer1k}/1,000, GET $${PRICES.s3GetPer1k}/1,000 (us-east-1 list prices).`,
);
console.log(out.join('\n'));
