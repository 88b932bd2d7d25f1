/**
 * Render benchmark: HTML, PDF and DOCX digests of 10, 100, 1,000 and 5,000 articles of one half-year
 * (synthetic, from real parsed articles: digest-fixtures.ts). Each size runs in its own child so its
 * peak memory is its own; cost per article must stay flat as the period grows.
 */
import { runInChild, oneCoreNote } from './child.ts';
import { articlePool, articlePoolFile, readArticlePool, replicate, HALF_YEAR } from './digest-fixtures.ts';
import { envInt, round, startTiming, medianTiming, type Timing } from './stats.ts';
import type { Row } from './table.ts';
import { importOptional, skipped, type Outcome } from './outcome.ts';
import type { Digest } from '../lambda/core/digest-model.ts';

export const title = 'Render';

const TARGET_MS = 2000;
const TARGET_MIB = 300;
const TARGET_N = 1000;
const FLAT_RATIO = 1.5;

export interface RenderValue {
  n: number;
  digestArticles: number;
  meetings: number;
  aggregate: Timing[];
  html: Timing[];
  pdf: Timing[];
  docx: Timing[];
  htmlBytes: number;
  pdfBytes: number;
  docxBytes: number;
  pdfPages: number;
  poolNote: string;
}

type HtmlRenderer = (digest: Digest, opts?: { lang?: 'vi' | 'en' }) => string | Promise<string>;
type PdfRenderer = (digest: Digest, opts?: { lang?: 'vi' | 'en' }) => Promise<Buffer | Uint8Array> | Buffer | Uint8Array;

export async function renderers(): Promise<{ html: HtmlRenderer; pdf: PdfRenderer }> {
  const htmlModule = await importOptional('../lambda/core/render/html.ts');
  const pdfModule = await importOptional('../lambda/core/render/pdf.ts');
  const html = htmlModule.renderDigestHtml as HtmlRenderer | undefined;
  const pdf = pdfModule.renderDigestPdf as PdfRenderer | undefined;
  if (typeof html !== 'function' || typeof pdf !== 'function') {
    throw new Error('renderDigestHtml / renderDigestPdf not exported');
  }
  return { html, pdf };
}

/** The half-year digest of n synthetic articles, and how it was made. */
export async function halfYearDigest(n: number): Promise<{ digest: Digest; poolNote: string }> {
  const { buildDigests } = await import('../lambda/core/aggregate.ts');
  const pool = await articlePool();
  const articles = replicate(pool.articles, n);
  const digest = buildDigests(articles, { kinds: ['half'] }).find((d) => d.periodId === HALF_YEAR);
  if (!digest) throw new Error(`no ${HALF_YEAR} digest built from ${n} articles`);
  return { digest, poolNote: pool.note };
}

function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

async function render(args: { n: number; runs: number; skip?: 'html' | 'pdf'; poolFile?: string }): Promise<RenderValue> {
  const { buildDigests } = await import('../lambda/core/aggregate.ts');
  const { html, pdf } = await renderers();
  const { renderDigestDocx } = await import('../lambda/core/render/docx.ts');
  // Article records, as the render Lambda reads them (parsed once by the parent), or parsed here.
  const pool = args.poolFile ? readArticlePool(args.poolFile) : await articlePool();
  const articles = replicate(pool.articles, args.n);
  const value: RenderValue = {
    n: args.n,
    digestArticles: 0,
    meetings: 0,
    aggregate: [],
    html: [],
    pdf: [],
    docx: [],
    htmlBytes: 0,
    pdfBytes: 0,
    docxBytes: 0,
    pdfPages: 0,
    poolNote: pool.note,
  };
  for (let run = 0; run < args.runs; run++) {
    let stop = startTiming();
    const digest = buildDigests(articles, { kinds: ['half'] }).find((d) => d.periodId === HALF_YEAR);
    value.aggregate.push(stop());
    if (!digest) throw new Error(`no ${HALF_YEAR} digest built from ${args.n} articles`);
    value.digestArticles = digest.counts.articles;
    value.meetings = digest.counts.meetings;
    if (args.skip !== 'html') {
      stop = startTiming();
      const page = await html(digest, { lang: 'vi' });
      value.html.push(stop());
      value.htmlBytes = Buffer.byteLength(page);
    }
    if (args.skip === 'pdf') continue;
    stop = startTiming();
    const document = await pdf(digest, { lang: 'vi' });
    value.pdf.push(stop());
    value.pdfBytes = document.byteLength;
    value.pdfPages = countPages(document);
    stop = startTiming();
    const word = await renderDigestDocx(digest, { lang: 'vi' });
    value.docx.push(stop());
    value.docxBytes = word.byteLength;
  }
  return value;
}

export const tasks = { render };

const ME = new URL(import.meta.url);

export function sizes(): number[] {
  const raw = process.env.BANTIN_BENCH_RENDER_SIZES;
  return raw ? raw.split(',').map((s) => Number.parseInt(s, 10)).filter((n) => n > 0) : [10, 100, 1000, 5000];
}

export async function run(): Promise<Outcome> {
  try {
    await renderers();
  } catch (error) {
    return skipped(`renderers not available yet (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const runs = envInt('BANTIN_BENCH_RUNS', 3);
  const rows: Row[] = [];
  const notes: string[] = [];
  const perArticle = new Map<number, number>();
  const poolFile = await articlePoolFile();
  for (const n of sizes()) {
    const outcome = await runInChild<RenderValue>(ME, 'render', { n, runs, poolFile }, { oneCore: true, timeoutMs: 900_000 });
    // Peak memory of one render in a fresh process (repeated runs leave garbage that inflates RSS).
    const once = await runInChild<RenderValue>(ME, 'render', { n, runs: 1, poolFile }, { oneCore: true, timeoutMs: 900_000 });
    const v = outcome.value;
    const agg = medianTiming(v.aggregate);
    const htmlT = medianTiming(v.html);
    const pdfT = medianTiming(v.pdf);
    const docxT = medianTiming(v.docx);
    const total = agg.cpuMs + htmlT.cpuMs + pdfT.cpuMs + docxT.cpuMs;
    const totalWall = agg.wallMs + htmlT.wallMs + pdfT.wallMs + docxT.wallMs;
    perArticle.set(n, total / n);
    const isTarget = n === TARGET_N;
    const label = `${n.toLocaleString('en-US')} articles`;
    rows.push({
      metric: `${label}: aggregate / HTML / PDF / DOCX`,
      value: `${round(agg.cpuMs)} / ${round(htmlT.cpuMs)} / ${round(pdfT.cpuMs)} / ${round(docxT.cpuMs)}`,
      unit: 'ms',
    });
    rows.push({
      metric: `${label}: aggregate + HTML + PDF + DOCX`,
      value: total,
      unit: 'ms',
      alt: `wall ${round(totalWall).toLocaleString('en-US')} ms`,
      ...(isTarget ? { target: `< ${TARGET_MS.toLocaleString('en-US')} ms`, pass: total < TARGET_MS } : {}),
    });
    rows.push({
      metric: `${label}: peak RSS`,
      value: once.maxRssMiB,
      unit: 'MiB',
      alt: `${round(outcome.maxRssMiB)} MiB after ${runs} runs`,
      ...(isTarget ? { target: `< ${TARGET_MIB} MB`, pass: once.maxRssMiB * 1.048576 < TARGET_MIB } : {}),
    });
    rows.push({ metric: `${label}: cost per article`, value: (total / n) * 1000, unit: 'µs' });
    const first = (list: Timing[]) => round(list[0]!.cpuMs);
    notes.push(
      `${label}: digest holds ${v.digestArticles} articles, ${v.meetings} meetings; HTML ${round(v.htmlBytes / 1024)} KiB, ` +
        `PDF ${round(v.pdfBytes / 1024)} KiB, ${v.pdfPages} pages, DOCX ${round(v.docxBytes / 1024)} KiB; first (cold) run aggregate/HTML/PDF/DOCX ` +
        `${first(v.aggregate)}/${first(v.html)}/${first(v.pdf)}/${first(v.docx)} ms CPU`,
    );
    if (n === sizes()[0]) notes.push(`articles: ${v.poolNote}, replicated with distinct ids and dates over ${HALF_YEAR}`);
  }
  const big = Math.max(...perArticle.keys());
  const reference = [...perArticle.entries()].filter(([n]) => n >= 100 && n < big).map(([, cost]) => cost);
  if (reference.length && perArticle.has(big)) {
    const ratio = perArticle.get(big)! / Math.min(...reference);
    rows.push({
      metric: `cost per article, ${big.toLocaleString('en-US')} vs cheapest of 100–${(big - 1).toLocaleString('en-US')}`,
      value: ratio,
      unit: '×',
      ratio: false, // a flatness check within bantin, not a ratio to a floor or a peer
      digits: 2,
      target: `flat (≤ ${FLAT_RATIO}×)`,
      pass: ratio <= FLAT_RATIO,
    });
  }
  notes.push(
    `one core: ${oneCoreNote()}; median of ${runs} runs in one process per size (the first run includes template/font loading); times are process CPU time (= wall time on an idle core), wall time alongside`,
    'peak RSS: a fresh child that reads the article pool as JSON records (parsed once by the parent, as the render Lambda reads records from storage), builds the N articles, aggregates and renders HTML, PDF and DOCX once — the whole process: Node, tsx and the renderers (about 100 MiB idle), the pool, N articles, the digest and the outputs',
  );
  return { rows, notes };
}
