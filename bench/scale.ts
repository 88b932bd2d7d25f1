/**
 * Scale benchmark (issue 14, item 4): a country's worth of articles, simulated. N article records a
 * year (real parsed corpus articles, replicated with distinct ids, organisers and dates spread over the
 * year with weekday, Tết and year-end seasonality; the meeting-kind mix is the corpus's), aggregated
 * as the pipeline does (aggregateMonth per month, then combineAggregates for each period with its
 * comparison months, lambda/pipeline/render.ts renderPeriod) and rendered to HTML, PDF and DOCX.
 * Each (N, period kind) runs in its own child, so its CPU time and peak RSS are its own.
 * Sizes: BANTIN_BENCH_SCALE_SIZES (default 10000,100000). Notes: docs/benchmarks.md, "Scale".
 */
import { createHash } from 'node:crypto';
import { runInChild, oneCoreNote } from './child.ts';
import { articlePool } from './digest-fixtures.ts';
import { round, startTiming, type Timing } from './stats.ts';
import type { Row } from './table.ts';
import type { Outcome } from './outcome.ts';
import type { Article } from '../lambda/core/model.ts';
import type { MonthAggregate } from '../lambda/core/digest-model.ts';

export const title = 'Scale: a year of N articles';

const YEAR = 2023;
/** The four periods measured: the busiest month, its quarter, half and the year. */
const PERIODS = { month: `${YEAR}-12`, quarter: `${YEAR}-Q4`, half: `${YEAR}-H2`, year: `${YEAR}` } as const;
type Kind = keyof typeof PERIODS;

/** 63 provinces × 11 units: replicas of one corpus article get distinct organisers. */
const UNITS = 63 * 11;

/* ---------------------------------------------------------------- the generator */

function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Relative number of meetings reported on a day: weekdays, few at weekends, almost none at Tết, more at the half-year and year-end reviews. */
function dayWeight(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`);
  const dow = d.getUTCDay();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  let w = dow === 0 ? 0.1 : dow === 6 ? 0.25 : 1;
  if (month === 1 && day >= 19 && day <= 27) w *= 0.1; // Tết 2023 (22 January)
  if ((month === 6 && day >= 15) || (month === 7 && day <= 10)) w *= 1.6; // sơ kết 6 tháng
  if (month === 12 || (month === 1 && day <= 10)) w *= 1.8; // tổng kết năm, triển khai nhiệm vụ
  return w;
}

interface Calendar {
  days: string[];
  cumulative: number[];
}

const calendars = new Map<number, Calendar>();
function calendar(year: number): Calendar {
  let c = calendars.get(year);
  if (!c) {
    const days = daysOf(year);
    let sum = 0;
    const cumulative = days.map((d) => (sum += dayWeight(d)));
    c = { days, cumulative: cumulative.map((x) => x / sum) };
    calendars.set(year, c);
  }
  return c;
}

const PHI = 0.6180339887498949;

/** Day of record i of a year of n: a low-discrepancy draw from the day weights, so any n fills the calendar evenly. */
export function dayOfRecord(year: number, i: number): string {
  const { days, cumulative } = calendar(year);
  const u = (i * PHI + year * 0.1) % 1;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return days[lo]!;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Record i of year `year`: pool article (i·7919 mod pool) with its own id, upload key, organiser unit and date; body dropped as aggregateMembers does. */
export function recordOf(pool: readonly Article[], year: number, i: number, date = dayOfRecord(year, i)): Article {
  const base = pool[(i * 7919) % pool.length]!;
  const hour = String(7 + (i % 10)).padStart(2, '0');
  const unit = `đơn vị ${(i * 104_729) % UNITS}`;
  return {
    ...base,
    body: '',
    id: sha256(`${base.id}:${year}:${i}`),
    publishedAt: `${date}T${hour}:30`,
    uploadedAt: `${date}T${hour}:45:00.000Z`,
    source: { ...base.source, key: `incoming/${date}/${String(i).padStart(6, '0')}-${base.source.key.split('/').pop()}` },
    primaryEvent: base.primaryEvent
      ? { ...base.primaryEvent, date, dateInferred: false, planned: false, organizer: base.primaryEvent.organizer ? `${base.primaryEvent.organizer} ${unit}` : unit }
      : null,
  };
}

/** The records of one month (`YYYY-MM`) of a year of n records. */
export function recordsOfMonth(pool: readonly Article[], n: number, month: string): Article[] {
  const year = Number(month.slice(0, 4));
  const out: Article[] = [];
  for (let i = 0; i < n; i++) {
    const date = dayOfRecord(year, i);
    if (date.startsWith(month)) out.push(recordOf(pool, year, i, date));
  }
  return out;
}

/* ---------------------------------------------------------------- the child task */

export interface ScaleValue {
  n: number;
  kind: Kind;
  periodId: string;
  monthsAggregated: number;
  /** CPU of aggregateMonth for each month of the period (not the comparison months). */
  monthAggregateMs: number[];
  monthAggregateBytes: number;
  comparedAggregateBytes: number;
  combine: Timing;
  json: Timing;
  html: Timing;
  pdf: Timing;
  docx: Timing;
  articles: number;
  meetings: number;
  documents: number;
  jsonBytes: number;
  htmlBytes: number;
  pdfBytes: number;
  docxBytes: number;
  pdfPages: number;
  recordBytes: number;
  kinds: Record<string, number>;
  poolNote: string;
  heapAfterCombineMiB: number;
}

function countPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function period(args: { n: number; kind: Kind }): Promise<ScaleValue> {
  const { aggregateMonth, combineAggregates } = await import('../lambda/core/aggregate.ts');
  const { monthsOf, previousPeriod, yearEarlierPeriod } = await import('../lambda/core/periods.ts');
  const { renderDigestHtml } = await import('../lambda/core/render/html.ts');
  const { renderDigestPdf } = await import('../lambda/core/render/pdf.ts');
  const { renderDigestDocx } = await import('../lambda/core/render/docx.ts');
  const pool = await articlePool();
  const periodId = PERIODS[args.kind];
  const own = monthsOf(periodId);
  // As renderPeriod reads them: the period's months, then those of the previous period and of the same period a year earlier.
  const compared = [...new Set([...monthsOf(previousPeriod(periodId)), ...monthsOf(yearEarlierPeriod(periodId))])].filter((m) => !own.includes(m));
  const aggregates: MonthAggregate[] = [];
  const monthAggregateMs: number[] = [];
  let monthAggregateBytes = 0;
  let comparedAggregateBytes = 0;
  const kinds: Record<string, number> = {};
  let recordBytes = 0;
  let records = 0;
  for (const month of [...own, ...compared]) {
    // One month at a time, as rebuildMonth does: its records are dropped once aggregated.
    const articles = recordsOfMonth(pool.articles, args.n, month);
    if (own.includes(month))
      for (const a of articles) {
        const k = a.primaryEvent?.type ?? 'none';
        kinds[k] = (kinds[k] ?? 0) + 1;
      }
    const stop = startTiming();
    const aggregate = aggregateMonth(month, articles);
    const t = stop();
    // The size of the stored aggregate: what renderPeriod GETs from state/months/.
    const bytes = Buffer.byteLength(JSON.stringify(aggregate));
    if (own.includes(month)) {
      monthAggregateMs.push(t.cpuMs);
      monthAggregateBytes += bytes;
    } else comparedAggregateBytes += bytes;
    aggregates.push(aggregate);
  }
  // Stored record size (with body, as ingest writes it): from the pool.
  for (const a of pool.articles) {
    recordBytes += Buffer.byteLength(JSON.stringify(a));
    records++;
  }
  let stop = startTiming();
  const digest = combineAggregates(periodId, aggregates, { generation: 1, generatedAt: `${YEAR + 1}-01-05T00:00:00.000Z` });
  const combine = stop();
  const heapAfterCombineMiB = process.memoryUsage().heapUsed / 1024 / 1024;
  aggregates.length = 0;
  const report = { lang: 'vi' as const, issuer: null, place: null, timeZone: 'Asia/Ho_Chi_Minh' };
  stop = startTiming();
  const jsonText = JSON.stringify(digest, null, 2) + '\n';
  const json = stop();
  stop = startTiming();
  const page = renderDigestHtml(digest, report);
  const html = stop();
  const htmlBytes = Buffer.byteLength(page);
  stop = startTiming();
  const pdfDoc = await renderDigestPdf(digest, report);
  const pdf = stop();
  stop = startTiming();
  const word = await renderDigestDocx(digest, report);
  const docx = stop();
  return {
    n: args.n,
    kind: args.kind,
    periodId,
    monthsAggregated: own.length + compared.length,
    monthAggregateMs,
    monthAggregateBytes,
    comparedAggregateBytes,
    combine,
    json,
    html,
    pdf,
    docx,
    articles: digest.counts.articles,
    meetings: digest.counts.meetings,
    documents: digest.counts.documents,
    jsonBytes: Buffer.byteLength(jsonText),
    htmlBytes,
    pdfBytes: pdfDoc.byteLength,
    docxBytes: word.byteLength,
    pdfPages: countPages(pdfDoc),
    recordBytes: recordBytes / records,
    kinds,
    poolNote: pool.note,
    heapAfterCombineMiB,
  };
}

export const tasks = { period };

/* ---------------------------------------------------------------- the parent */

const ME = new URL(import.meta.url);

export function sizes(): number[] {
  const raw = process.env.BANTIN_BENCH_SCALE_SIZES;
  return raw ? raw.split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0) : [10_000, 100_000];
}

/** Render Lambda (lib/bantin-stack.ts): arm64, 1,536 MB, 10 min timeout. Lambda's hard limits: 15 min, 10,240 MB. */
const LAMBDA_LIMIT_S = 900;
const LAMBDA_LIMIT_MIB = 10_240;
const DEPLOYED_MIB = 1536;
const DEPLOYED_S = 600;
/** AWS list prices, us-east-1, arm64 (2026): $ per GB-second, $ per million invocations; S3 Standard per 1,000 requests. */
export const PRICES = { gbSecond: 0.0000133334, invocationPerM: 0.2, s3PutPer1k: 0.005, s3GetPer1k: 0.0004 } as const;

export interface ScaleMeasure {
  n: number;
  kind: Kind;
  value: ScaleValue;
  maxRssMiB: number;
  /** Aggregate of the period's months + combine + JSON + HTML + PDF + DOCX, CPU ms. */
  totalCpuMs: number;
  totalWallMs: number;
}

export function totals(v: ScaleValue): { cpu: number; wall: number } {
  const months = v.monthAggregateMs.reduce((a, b) => a + b, 0);
  const parts = [v.combine, v.json, v.html, v.pdf, v.docx];
  return { cpu: months + parts.reduce((a, t) => a + t.cpuMs, 0), wall: months + parts.reduce((a, t) => a + t.wallMs, 0) };
}

export async function run(): Promise<Outcome> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const measured: ScaleMeasure[] = [];
  for (const n of sizes()) {
    for (const kind of Object.keys(PERIODS) as Kind[]) {
      console.error(`scale: N=${n} ${kind}`);
      const outcome = await runInChild<ScaleValue>(ME, 'period', { n, kind }, { oneCore: true, timeoutMs: 3_600_000, execArgv: ['--max-old-space-size=14000'] });
      const v = outcome.value;
      const t = totals(v);
      measured.push({ n, kind, value: v, maxRssMiB: outcome.maxRssMiB, totalCpuMs: t.cpu, totalWallMs: t.wall });
      const label = `N=${n.toLocaleString('en-US')}/yr, ${kind} ${v.periodId} (${v.articles.toLocaleString('en-US')} articles)`;
      const monthsMs = v.monthAggregateMs.reduce((a, b) => a + b, 0);
      rows.push({
        metric: `${label}: aggregate months / combine / HTML / PDF / DOCX`,
        value: `${round(monthsMs)} / ${round(v.combine.cpuMs)} / ${round(v.html.cpuMs)} / ${round(v.pdf.cpuMs)} / ${round(v.docx.cpuMs)}`,
        unit: 'ms',
      });
      rows.push({
        metric: `${label}: total CPU`,
        value: t.cpu / 1000,
        unit: 's',
        digits: 1,
        alt: `wall ${round(t.wall / 1000, 1)} s`,
        target: `< ${LAMBDA_LIMIT_S} s (Lambda max)`,
        pass: t.cpu / 1000 < LAMBDA_LIMIT_S,
      });
      rows.push({
        metric: `${label}: peak RSS`,
        value: outcome.maxRssMiB,
        unit: 'MiB',
        target: `< ${LAMBDA_LIMIT_MIB.toLocaleString('en-US')} MiB (Lambda max)`,
        pass: outcome.maxRssMiB < LAMBDA_LIMIT_MIB,
      });
      rows.push({
        metric: `${label}: fits the deployed render Lambda (${DEPLOYED_MIB.toLocaleString('en-US')} MB, ${DEPLOYED_S / 60} min)`,
        value: outcome.maxRssMiB < DEPLOYED_MIB && t.cpu / 1000 < DEPLOYED_S ? 'yes' : 'no',
        target: 'yes',
        pass: outcome.maxRssMiB < DEPLOYED_MIB && t.cpu / 1000 < DEPLOYED_S,
      });
      notes.push(
        `${label}: ${v.meetings.toLocaleString('en-US')} meetings, ${v.documents.toLocaleString('en-US')} documents; ` +
          `PDF ${round(v.pdfBytes / 1024 / 1024, 1)} MiB ${v.pdfPages.toLocaleString('en-US')} pages, HTML ${round(v.htmlBytes / 1024 / 1024, 1)} MiB, ` +
          `DOCX ${round(v.docxBytes / 1024 / 1024, 1)} MiB, JSON ${round(v.jsonBytes / 1024 / 1024, 1)} MiB; month aggregates read ${round(v.monthAggregateBytes / 1024 / 1024, 1)} MiB ` +
          `+ ${round(v.comparedAggregateBytes / 1024 / 1024, 1)} MiB compared; heap after combine ${round(v.heapAfterCombineMiB)} MiB; ` +
          `CPU ms aggregate per month ${v.monthAggregateMs.map((x) => round(x)).join('/')}, combine ${round(v.combine.cpuMs)}, JSON ${round(v.json.cpuMs)}; wall total ${round(t.wall)} ms`,
      );
    }
  }
  const first = measured[0]?.value;
  if (first) {
    notes.push(`articles: ${first.poolNote}; replicated with distinct ids, organisers (${UNITS} units) and dates over ${YEAR} (weekday/Tết/review-season weights); 2022 generated the same way for the comparisons`);
    notes.push(`meeting-kind mix (N=${first.n.toLocaleString('en-US')}, ${first.periodId}): ${Object.entries(first.kinds).sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${c}`).join(', ')}`);
    notes.push(`stored article record (with body) averages ${round(first.recordBytes).toLocaleString('en-US')} bytes`);
  }
  notes.push(
    `one core: ${oneCoreNote()}; one run per (N, period) in a fresh child (single run: these take minutes); CPU time of the measured steps; peak RSS of the whole child (Node + tsx + the parsed pool + aggregates + digest + outputs)`,
  );
  return { rows, notes, raw: measured } as Outcome;
}
