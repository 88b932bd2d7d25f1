/**
 * Parse benchmark: articles/s and MB/s on one core for the whole text corpus and for realistic
 * HTML pages, time per stage, and peak memory (each measurement in its own child process).
 */
import { runInChild, oneCoreNote, type ChildOutcome } from './child.ts';
import { loadCorpus, totalBytes, type CorpusFile } from './corpus.ts';
import { buildHtmlPages } from './html-pages.ts';
import { median, envInt, round } from './stats.ts';
import type { Row } from './table.ts';
import { isNotImplemented, skipped, type Outcome } from './outcome.ts';

export const title = 'Parse';

const TARGET_ARTICLES_PER_S = 1000;

interface ThroughputValue {
  articles: number;
  bytes: number;
  ok: number;
  rejected: number;
  rejectionReasons: Record<string, number>;
  withEvent: number;
  timesMs: number[];
}

interface StagesValue {
  articles: number;
  /** Median over runs of total ms per stage across all articles. */
  decodeMs: number;
  extractMs: number;
  totalMs: number;
  /** How the remainder (format detection, HTML to text, cleaning, metadata) was measured. */
  method: string;
}

async function parser() {
  return (await import('../lambda/core/parse.ts')).parseArticle;
}

function inputsOf(kind: 'text' | 'html', htmlPages: number): CorpusFile[] {
  return kind === 'text' ? loadCorpus(['general']) : buildHtmlPages(htmlPages);
}

async function throughput(args: { kind: 'text' | 'html'; runs: number; htmlPages: number }): Promise<ThroughputValue> {
  const parseArticle = await parser();
  const files = inputsOf(args.kind, args.htmlPages);
  const value: ThroughputValue = {
    articles: files.length,
    bytes: totalBytes(files),
    ok: 0,
    rejected: 0,
    rejectionReasons: {},
    withEvent: 0,
    timesMs: [],
  };
  for (let run = 0; run < args.runs; run++) {
    let ok = 0;
    let withEvent = 0;
    const reasons: Record<string, number> = {};
    const start = performance.now();
    for (const file of files) {
      const result = parseArticle({ bytes: file.bytes, key: file.key });
      if (result.ok) {
        ok++;
        if (result.article.primaryEvent) withEvent++;
      } else {
        reasons[result.rejection.reason] = (reasons[result.rejection.reason] ?? 0) + 1;
      }
    }
    value.timesMs.push(performance.now() - start);
    value.ok = ok;
    value.withEvent = withEvent;
    value.rejected = files.length - ok;
    value.rejectionReasons = reasons;
  }
  return value;
}

/**
 * Stage times: decode and extract are called directly on every article; the rest of the pipeline
 * (format detection, HTML to text, cleaning, metadata) is what remains of the full parse.
 */
async function stages(args: { kind: 'text' | 'html'; runs: number; htmlPages: number }): Promise<StagesValue> {
  const parseArticle = await parser();
  const { decodeBytes } = await import('../lambda/core/decode.ts');
  const { extractFacts } = await import('../lambda/core/extract/facts.ts');
  const files = inputsOf(args.kind, args.htmlPages);
  const parsed = files.map((file) => parseArticle({ bytes: file.bytes, key: file.key }));
  const factsInputs = parsed.flatMap((r) =>
    r.ok ? [{ title: r.article.title, body: r.article.body, publishedAt: r.article.publishedAt }] : [],
  );
  const decode: number[] = [];
  const extract: number[] = [];
  const total: number[] = [];
  for (let run = 0; run < args.runs; run++) {
    let start = performance.now();
    for (const file of files) decodeBytes(file.bytes);
    decode.push(performance.now() - start);
    start = performance.now();
    for (const input of factsInputs) extractFacts(input);
    extract.push(performance.now() - start);
    start = performance.now();
    for (const file of files) parseArticle({ bytes: file.bytes, key: file.key });
    total.push(performance.now() - start);
  }
  return {
    articles: files.length,
    decodeMs: median(decode),
    extractMs: median(extract),
    totalMs: median(total),
    method: 'decodeBytes and extractFacts timed directly; clean/metadata = full parse minus both',
  };
}

async function noop(): Promise<null> {
  await parser();
  return null;
}

export const tasks = { throughput, stages, noop };

const ME = new URL(import.meta.url);

export async function run(): Promise<Outcome> {
  const runs = envInt('BANTIN_BENCH_RUNS', 3);
  const htmlPages = envInt('BANTIN_BENCH_HTML_PAGES', 300);
  const rows: Row[] = [];
  const notes: string[] = [];

  let text: ChildOutcome<ThroughputValue>;
  try {
    text = await runInChild<ThroughputValue>(ME, 'throughput', { kind: 'text', runs, htmlPages }, { oneCore: true });
  } catch (error) {
    if (isNotImplemented(error)) return skipped('parseArticle is still a stub (not implemented yet)');
    throw error;
  }
  const baseline = await runInChild<null>(ME, 'noop', {}, { oneCore: true });
  const html = await runInChild<ThroughputValue>(ME, 'throughput', { kind: 'html', runs, htmlPages }, { oneCore: true });

  for (const [label, outcome] of [['text', text], ['HTML', html]] as const) {
    const t = outcome.value;
    const seconds = median(t.timesMs) / 1000;
    const perSecond = t.articles / seconds;
    rows.push({
      metric: `${label}: articles/s (${t.articles.toLocaleString('en-US')} files, ${round(t.bytes / 1e6, 1)} MB)`,
      value: perSecond,
      unit: '/s',
      ...(label === 'text' ? { target: `≥ ${TARGET_ARTICLES_PER_S.toLocaleString('en-US')} /s`, pass: perSecond >= TARGET_ARTICLES_PER_S } : {}),
    });
    rows.push({ metric: `${label}: MB/s`, value: t.bytes / 1e6 / seconds, unit: 'MB/s', digits: 2 });
    rows.push({ metric: `${label}: peak RSS of the parsing process`, value: outcome.maxRssMiB, unit: 'MiB' });
    notes.push(
      `${label}: ${t.ok} parsed, ${t.rejected} rejected ${JSON.stringify(t.rejectionReasons)}, ${t.withEvent} with a primary meeting; ` +
        `runs ${t.timesMs.map((ms) => `${round(ms)} ms`).join(', ')}; heap used at end ${round(outcome.heapUsedMiB)} MiB`,
    );
  }

  for (const kind of ['text', 'html'] as const) {
    try {
      const s = (await runInChild<StagesValue>(ME, 'stages', { kind, runs, htmlPages }, { oneCore: true })).value;
      const per = (ms: number) => (ms / s.articles) * 1000;
      const rest = Math.max(0, s.totalMs - s.decodeMs - s.extractMs);
      const label = kind === 'text' ? 'text' : 'HTML';
      rows.push({ metric: `${label} stage: decode`, value: per(s.decodeMs), unit: 'µs/article' });
      rows.push({ metric: `${label} stage: format + clean + metadata`, value: per(rest), unit: 'µs/article' });
      rows.push({ metric: `${label} stage: extract facts`, value: per(s.extractMs), unit: 'µs/article' });
      if (kind === 'text') notes.push(`stages: ${s.method}`);
    } catch (error) {
      notes.push(`stage timing (${kind}) failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }

  notes.push(
    `one core: ${oneCoreNote()}; median of ${runs} passes over all inputs held in memory (reading files not timed)`,
    `HTML: ${htmlPages} pages built from corpus articles (party articles first) in a news-site template (bench/html-pages.ts)`,
    `peak RSS includes Node + tsx + the inputs in memory; an idle child that only loaded the parser peaks at ${round(baseline.maxRssMiB)} MiB`,
  );
  return { rows, notes };
}
