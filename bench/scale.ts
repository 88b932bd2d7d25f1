/**
 * Scale benchmark (issue 14, item 4): a country's worth of articles, simulated. N article records a
 * year (real parsed corpus articles, replicated with distinct ids, organisers and dates spread over the
 * year with weekday, Tết and year-end seasonality; the meeting-kind mix is the corpus's), processed as
 * the pipeline does in its separate invocations (lambda/pipeline/render.ts):
 *
 * - the month rebuild (rebuildMonth): aggregateMonth, the stored aggregate's JSON, the month summary
 *   (lambda/core/summary.ts) and, for a month above the meeting cap, its meetings file; every month of
 *   2022 and 2023 (2022 for the comparisons), the busiest (2023-12) in a child of its own;
 * - one period render (renderPeriod, one invocation a period): the month summaries read back; at or
 *   under the cap the month aggregates read back and combineAggregates, above it summaryDigest; then
 *   JSON, HTML, PDF and DOCX.
 *
 * Each measurement runs in its own child, so its CPU time and peak RSS are its own.
 * Sizes: BANTIN_BENCH_SCALE_SIZES (default 10000,100000,500000). Notes: docs/benchmarks.md, "Scale".
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInChild, oneCoreNote } from './child.ts';
import { articlePool } from './digest-fixtures.ts';
import { round, startTiming, type Timing } from './stats.ts';
import type { Row } from './table.ts';
import type { Outcome } from './outcome.ts';
import type { Article } from '../lambda/core/model.ts';
import type { Digest, MonthAggregate, PeriodSummary } from '../lambda/core/digest-model.ts';

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

/* ---------------------------------------------------------------- the child tasks */

export interface MonthValue {
  month: string;
  articles: number;
  meetings: number;
  aboveCap: boolean;
  aggregate: Timing;
  /** JSON.stringify of the aggregate and of the summary (what putJson sends). */
  json: Timing;
  summarize: Timing;
  /** The meetings file of a month above the cap (meetingLines, joined). */
  meetingsFile: Timing;
  aggregateBytes: number;
  summaryBytes: number;
  meetingsFileBytes: number;
}

/** rebuildMonth for each month given, one after the other: its records dropped once aggregated. Writes each summary (and meetings file) to `dir`. */
async function months(args: { n: number; months: string[]; dir: string; cap: number }): Promise<{ months: MonthValue[]; recordBytes: number; poolNote: string; kinds: Record<string, number> }> {
  const { aggregateMonth } = await import('../lambda/core/aggregate.ts');
  const { summarize, meetingLines } = await import('../lambda/core/summary.ts');
  const pool = await articlePool();
  const out: MonthValue[] = [];
  const kinds: Record<string, number> = {};
  for (const month of args.months) {
    // Each record its own objects, as JSON.parse of one S3 GET gives them (replicas of one pool article
    // would otherwise share their nested people, documents and events, understating the rebuild's memory).
    let articles: Article[] | null = recordsOfMonth(pool.articles, args.n, month).map((a) => JSON.parse(JSON.stringify(a)) as Article);
    if (month === PERIODS.month)
      for (const a of articles) {
        const k = a.primaryEvent?.type ?? 'none';
        kinds[k] = (kinds[k] ?? 0) + 1;
      }
    let stop = startTiming();
    const aggregate = aggregateMonth(month, articles);
    const aggregateT = stop();
    articles = null;
    stop = startTiming();
    const aggregateJson = JSON.stringify(aggregate);
    const jsonA = stop();
    stop = startTiming();
    const summary = summarize([month], aggregate);
    const summarizeT = stop();
    stop = startTiming();
    const summaryJson = JSON.stringify(summary);
    const jsonS = stop();
    const aboveCap = aggregate.meetings.length > args.cap;
    let meetingsFileBytes = 0;
    stop = startTiming();
    if (aboveCap) {
      const file = [...meetingLines(aggregate)].join('');
      meetingsFileBytes = Buffer.byteLength(file);
      writeFileSync(path.join(args.dir, `${month}.ndjson`), file);
    }
    const meetingsFile = stop();
    writeFileSync(path.join(args.dir, `${month}.json`), summaryJson);
    // The full path of a period under the cap reads the month aggregates back.
    writeFileSync(path.join(args.dir, `${month}.aggregate.json`), aggregateJson);
    out.push({
      month,
      articles: aggregate.articles.length,
      meetings: aggregate.meetings.length,
      aboveCap,
      aggregate: aggregateT,
      json: { cpuMs: jsonA.cpuMs + jsonS.cpuMs, wallMs: jsonA.wallMs + jsonS.wallMs },
      summarize: summarizeT,
      meetingsFile,
      aggregateBytes: Buffer.byteLength(aggregateJson),
      summaryBytes: Buffer.byteLength(summaryJson),
      meetingsFileBytes,
    });
  }
  let recordBytes = 0;
  for (const a of pool.articles) recordBytes += Buffer.byteLength(JSON.stringify(a));
  return { months: out, recordBytes: recordBytes / pool.articles.length, poolNote: pool.note, kinds };
}

export interface ScaleValue {
  n: number;
  kind: Kind;
  periodId: string;
  path: 'full' | 'summary';
  /** GET + JSON.parse + schema validation of what the render reads (summaries; aggregates on the full path; the meetings file). */
  read: Timing;
  readBytes: number;
  /** GETs the render makes of month data (summaries, aggregates, meetings file). */
  readObjects: number;
  combine: Timing;
  json: Timing;
  html: Timing;
  pdf: Timing;
  docx: Timing;
  articles: number;
  meetings: number;
  documents: number;
  meetingsShown: number;
  jsonBytes: number;
  htmlBytes: number;
  pdfBytes: number;
  docxBytes: number;
  meetingsFileBytes: number;
  pdfPages: number;
  heapAfterCombineMiB: number;
}

function countPages(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** renderPeriod in its own invocation: month summaries first; under the cap the month aggregates and combineAggregates, above it summaryDigest. */
async function period(args: { n: number; kind: Kind; dir: string; cap: number }): Promise<ScaleValue> {
  const { combineAggregates } = await import('../lambda/core/aggregate.ts');
  const { MonthAggregateSchema, PeriodSummarySchema } = await import('../lambda/core/digest-model.ts');
  const { summaryDigest } = await import('../lambda/core/summary.ts');
  const { monthsOf, previousPeriod, yearEarlierPeriod } = await import('../lambda/core/periods.ts');
  const { renderDigestHtml } = await import('../lambda/core/render/html.ts');
  const { renderDigestPdf } = await import('../lambda/core/render/pdf.ts');
  const { renderDigestDocx } = await import('../lambda/core/render/docx.ts');
  const periodId = PERIODS[args.kind];
  const own = monthsOf(periodId);
  const compared = [...new Set([...monthsOf(previousPeriod(periodId)), ...monthsOf(yearEarlierPeriod(periodId))])].filter((m) => !own.includes(m));
  let readBytes = 0;
  let readObjects = 0;
  const readFile = (name: string): string => {
    const text = readFileSync(path.join(args.dir, name), 'utf8');
    readBytes += Buffer.byteLength(text);
    readObjects++;
    return text;
  };
  let stop = startTiming();
  const ownSummaries: PeriodSummary[] = own.map((m) => PeriodSummarySchema.parse(JSON.parse(readFile(`${m}.json`))));
  let read = stop();
  const meetings = ownSummaries.reduce((n, s) => n + s.counts.meetings, 0);
  let digest: Digest;
  let combine: Timing;
  let meetingsFileBytes = 0;
  if (meetings > args.cap) {
    stop = startTiming();
    const comparedSummaries = compared.map((m) => PeriodSummarySchema.parse(JSON.parse(readFile(`${m}.json`))));
    let meetingsFile: string | null = null;
    if (own.length === 1 && existsSync(path.join(args.dir, `${periodId}.ndjson`))) meetingsFile = readFile(`${periodId}.ndjson`);
    meetingsFileBytes = meetingsFile ? Buffer.byteLength(meetingsFile) : 0;
    const r2 = stop();
    read = { cpuMs: read.cpuMs + r2.cpuMs, wallMs: read.wallMs + r2.wallMs };
    stop = startTiming();
    digest = summaryDigest(periodId, [...ownSummaries, ...comparedSummaries], {
      generation: 1,
      generatedAt: `${YEAR + 1}-01-05T00:00:00.000Z`,
      meetingCap: args.cap,
      monthHref: (m) => (m === periodId ? null : `../../../${m}/digest.html`),
      summaryMonths: new Set(ownSummaries.filter((s) => s.counts.meetings > args.cap).flatMap((s) => s.months)),
      meetingsFile: meetingsFile ? 'meetings.ndjson' : null,
    });
    combine = stop();
  } else {
    stop = startTiming();
    const aggregates: MonthAggregate[] = [...own, ...compared].map((m) => MonthAggregateSchema.parse(JSON.parse(readFile(`${m}.aggregate.json`))));
    const r2 = stop();
    read = { cpuMs: read.cpuMs + r2.cpuMs, wallMs: read.wallMs + r2.wallMs };
    stop = startTiming();
    digest = combineAggregates(periodId, aggregates, { generation: 1, generatedAt: `${YEAR + 1}-01-05T00:00:00.000Z` });
    combine = stop();
  }
  const heapAfterCombineMiB = process.memoryUsage().heapUsed / 1024 / 1024;
  const report = { lang: 'vi' as const, issuer: null, place: null, timeZone: 'Asia/Ho_Chi_Minh' };
  stop = startTiming();
  const jsonText = JSON.stringify(digest, null, 2) + '\n';
  const json = stop();
  stop = startTiming();
  const page = renderDigestHtml(digest, report);
  const html = stop();
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
    path: digest.summary ? 'summary' : 'full',
    read,
    readBytes,
    readObjects,
    combine,
    json,
    html,
    pdf,
    docx,
    articles: digest.counts.articles,
    meetings: digest.counts.meetings,
    documents: digest.counts.documents,
    meetingsShown: digest.meetings.length,
    jsonBytes: Buffer.byteLength(jsonText),
    htmlBytes: Buffer.byteLength(page),
    pdfBytes: pdfDoc.byteLength,
    docxBytes: word.byteLength,
    meetingsFileBytes,
    pdfPages: countPages(pdfDoc),
    heapAfterCombineMiB,
  };
}

export const tasks = { months, period };

/* ---------------------------------------------------------------- the parent */

const ME = new URL(import.meta.url);

export function sizes(): number[] {
  const raw = process.env.BANTIN_BENCH_SCALE_SIZES;
  return raw ? raw.split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0) : [10_000, 100_000, 500_000];
}

/** Render Lambda (lib/bantin-stack.ts): arm64, 1,536 MB, 10 min timeout. Lambda's hard limits: 15 min, 10,240 MB. */
export const LAMBDA_LIMIT_S = 900;
export const LAMBDA_LIMIT_MIB = 10_240;
export const DEPLOYED_MIB = 1536;
export const DEPLOYED_S = 600;
/** AWS list prices, us-east-1, arm64 (2026): $ per GB-second, $ per million invocations; S3 Standard per 1,000 requests. */
export const PRICES = { gbSecond: 0.0000133334, invocationPerM: 0.2, s3PutPer1k: 0.005, s3GetPer1k: 0.0004 } as const;

/** One invocation measured: a month rebuild or a period render. */
export interface ScaleMeasure {
  n: number;
  /** `rebuild` for the month rebuild of 2023-12; a period kind for a render. */
  kind: Kind | 'rebuild';
  value: ScaleValue | null;
  rebuild: MonthValue | null;
  maxRssMiB: number;
  totalCpuMs: number;
  totalWallMs: number;
}

export interface ScaleRaw {
  cap: number;
  measured: ScaleMeasure[];
  /** Every month rebuilt, per N (CPU and sizes; peak RSS only for the busiest, measured alone). */
  months: Record<string, MonthValue[]>;
  recordBytes: number;
}

export function totals(v: ScaleValue): { cpu: number; wall: number } {
  const parts = [v.read, v.combine, v.json, v.html, v.pdf, v.docx];
  return { cpu: parts.reduce((a, t) => a + t.cpuMs, 0), wall: parts.reduce((a, t) => a + t.wallMs, 0) };
}

export function rebuildTotals(m: MonthValue): { cpu: number; wall: number } {
  const parts = [m.aggregate, m.json, m.summarize, m.meetingsFile];
  return { cpu: parts.reduce((a, t) => a + t.cpuMs, 0), wall: parts.reduce((a, t) => a + t.wallMs, 0) };
}

function verdictRows(label: string, cpuS: number, wallS: number, rssMiB: number): Row[] {
  const fits = rssMiB < DEPLOYED_MIB && cpuS < DEPLOYED_S;
  return [
    { metric: `${label}: total CPU`, value: cpuS, unit: 's', digits: 1, alt: `wall ${round(wallS, 1)} s`, target: `< ${LAMBDA_LIMIT_S} s (Lambda max)`, pass: cpuS < LAMBDA_LIMIT_S },
    { metric: `${label}: peak RSS`, value: rssMiB, unit: 'MiB', target: `< ${LAMBDA_LIMIT_MIB.toLocaleString('en-US')} MiB (Lambda max)`, pass: rssMiB < LAMBDA_LIMIT_MIB },
    {
      metric: `${label}: fits the deployed render Lambda (${DEPLOYED_MIB.toLocaleString('en-US')} MB, ${DEPLOYED_S / 60} min)`,
      value: fits ? 'yes' : 'no',
      target: 'yes',
      pass: fits,
    },
  ];
}

export async function run(): Promise<Outcome> {
  const { DEFAULT_SUMMARY_MEETINGS } = await import('../lambda/pipeline/config.ts');
  const cap = Number(process.env.BANTIN_SUMMARY_MEETINGS ?? DEFAULT_SUMMARY_MEETINGS);
  const rows: Row[] = [];
  const notes: string[] = [];
  const measured: ScaleMeasure[] = [];
  const allMonths: Record<string, MonthValue[]> = {};
  let recordBytes = 0;
  let poolNote = '';
  let kinds: Record<string, number> = {};
  const childOptions = { oneCore: true, timeoutMs: 3_600_000, execArgv: ['--max-old-space-size=14000'] };
  for (const n of sizes()) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bantin-scale-'));
    try {
      const monthIds = [...Array.from({ length: 12 }, (_, i) => `${YEAR - 1}-${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`)];
      console.error(`scale: N=${n} month rebuilds`);
      const others = await runInChild<Awaited<ReturnType<typeof months>>>(ME, 'months', { n, months: monthIds.filter((m) => m !== PERIODS.month), dir, cap }, childOptions);
      const busiest = await runInChild<Awaited<ReturnType<typeof months>>>(ME, 'months', { n, months: [PERIODS.month], dir, cap }, childOptions);
      recordBytes = busiest.value.recordBytes;
      poolNote = busiest.value.poolNote;
      if (Object.keys(kinds).length === 0) kinds = busiest.value.kinds;
      allMonths[String(n)] = [...others.value.months, ...busiest.value.months].sort((a, b) => (a.month < b.month ? -1 : 1));
      const m = busiest.value.months[0]!;
      const t = rebuildTotals(m);
      measured.push({ n, kind: 'rebuild', value: null, rebuild: m, maxRssMiB: busiest.maxRssMiB, totalCpuMs: t.cpu, totalWallMs: t.wall });
      const label = `N=${n.toLocaleString('en-US')}/yr, month rebuild ${m.month} (${m.articles.toLocaleString('en-US')} articles, ${m.meetings.toLocaleString('en-US')} meetings)`;
      rows.push({
        metric: `${label}: aggregate / JSON / summary / meetings file`,
        value: `${round(m.aggregate.cpuMs)} / ${round(m.json.cpuMs)} / ${round(m.summarize.cpuMs)} / ${round(m.meetingsFile.cpuMs)}`,
        unit: 'ms',
      });
      rows.push(...verdictRows(label, t.cpu / 1000, t.wall / 1000, busiest.maxRssMiB));
      notes.push(
        `${label}: aggregate ${round(m.aggregateBytes / 1024 / 1024, 1)} MiB, summary ${round(m.summaryBytes / 1024)} KiB, meetings file ${round(m.meetingsFileBytes / 1024 / 1024, 1)} MiB; ` +
          `records held as the pipeline holds them (each its own objects, body dropped; reading them, S3 GETs, not timed); the other 23 months in one child: CPU ms ${others.value.months.map((x) => round(rebuildTotals(x).cpu)).join('/')}, peak RSS of that child ${round(others.maxRssMiB)} MiB`,
      );

      for (const kind of Object.keys(PERIODS) as Kind[]) {
        console.error(`scale: N=${n} ${kind}`);
        const outcome = await runInChild<ScaleValue>(ME, 'period', { n, kind, dir, cap }, childOptions);
        const v = outcome.value;
        const tt = totals(v);
        measured.push({ n, kind, value: v, rebuild: null, maxRssMiB: outcome.maxRssMiB, totalCpuMs: tt.cpu, totalWallMs: tt.wall });
        const label = `N=${n.toLocaleString('en-US')}/yr, ${kind} ${v.periodId} (${v.articles.toLocaleString('en-US')} articles, ${v.meetings.toLocaleString('en-US')} meetings, ${v.path})`;
        rows.push({
          metric: `${label}: read / combine / HTML / PDF / DOCX`,
          value: `${round(v.read.cpuMs)} / ${round(v.combine.cpuMs)} / ${round(v.html.cpuMs)} / ${round(v.pdf.cpuMs)} / ${round(v.docx.cpuMs)}`,
          unit: 'ms',
        });
        rows.push(...verdictRows(label, tt.cpu / 1000, tt.wall / 1000, outcome.maxRssMiB));
        notes.push(
          `${label}: ${v.meetingsShown.toLocaleString('en-US')} meetings listed, ${v.documents.toLocaleString('en-US')} documents; ` +
            `PDF ${round(v.pdfBytes / 1024 / 1024, 1)} MiB ${v.pdfPages.toLocaleString('en-US')} pages, HTML ${round(v.htmlBytes / 1024 / 1024, 1)} MiB, ` +
            `DOCX ${round(v.docxBytes / 1024 / 1024, 1)} MiB, JSON ${round(v.jsonBytes / 1024 / 1024, 1)} MiB${v.meetingsFileBytes ? `, meetings file ${round(v.meetingsFileBytes / 1024 / 1024, 1)} MiB` : ''}; ` +
            `read ${v.readObjects} objects, ${round(v.readBytes / 1024 / 1024, 2)} MiB; heap after combine ${round(v.heapAfterCombineMiB)} MiB; CPU ms JSON ${round(v.json.cpuMs)}; wall total ${round(tt.wall)} ms`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  notes.push(`meeting cap ${cap.toLocaleString('en-US')} (BANTIN_SUMMARY_MEETINGS): a period with more meetings is rendered from the month summaries (summary digest)`);
  notes.push(`articles: ${poolNote}; replicated with distinct ids, organisers (${UNITS} units) and dates over ${YEAR} (weekday/Tết/review-season weights); ${YEAR - 1} generated the same way for the comparisons`);
  notes.push(`meeting-kind mix (N=${sizes()[0]!.toLocaleString('en-US')}, ${PERIODS.month}): ${Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${c}`).join(', ')}`);
  notes.push(`stored article record (with body) averages ${round(recordBytes).toLocaleString('en-US')} bytes`);
  notes.push(
    `one core: ${oneCoreNote()}; one run per measurement in a fresh child; CPU time of the measured steps (S3 round-trips not included: see the cost model); peak RSS of the whole child (Node + tsx + the parsed pool + data + outputs)`,
  );
  const raw: ScaleRaw = { cap, measured, months: allMonths, recordBytes };
  return { rows, notes, raw } as Outcome;
}
