/**
 * Parse benchmark: articles/s and MB/s on one core for the whole text corpus and for realistic
 * HTML pages, time per stage, and peak memory (each measurement in its own child process).
 */
import { runInChild, oneCoreNote, type ChildOutcome } from './child.ts';
import { loadCorpus, totalBytes, type CorpusFile } from './corpus.ts';
import { buildHtmlPages } from './html-pages.ts';
import { median, envInt, round, startTiming, medianTiming, cpuNowMs, type Timing } from './stats.ts';
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
  timings: Timing[];
  /** Text only, untimed: the corpus's party/ meeting reports (98) and how many have a primary meeting. */
  party?: { files: number; withEvent: number };
}

interface StagesValue {
  articles: number;
  /** Median over runs of total CPU ms per stage across all articles; `total` is parseArticle itself. */
  stageMs: Record<Stage, number>;
  totalMs: number;
}

/** Stages in parse.ts order; each is timed by calling the exported stage functions directly. */
const STAGES = ['decode', 'html', 'clean', 'metadata', 'extract'] as const;
type Stage = (typeof STAGES)[number];
const STAGE_LABELS: Record<Stage, string> = {
  decode: 'decode (bytes → normalised text)',
  html: 'format (text: entities; HTML: htmlparser2 tree + metadata + density)',
  clean: 'clean (page chrome, related news)',
  metadata: 'metadata (title, date, byline, body)',
  extract: 'extract facts',
};

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
    timings: [],
  };
  for (const file of files.slice(0, 500)) parseArticle({ bytes: file.bytes, key: file.key }); // warm-up (JIT), not timed
  for (let run = 0; run < args.runs; run++) {
    let ok = 0;
    let withEvent = 0;
    const reasons: Record<string, number> = {};
    const stop = startTiming();
    for (const file of files) {
      const result = parseArticle({ bytes: file.bytes, key: file.key });
      if (result.ok) {
        ok++;
        if (result.article.primaryEvent) withEvent++;
      } else {
        reasons[result.rejection.reason] = (reasons[result.rejection.reason] ?? 0) + 1;
      }
    }
    value.timings.push(stop());
    value.ok = ok;
    value.withEvent = withEvent;
    value.rejected = files.length - ok;
    value.rejectionReasons = reasons;
  }
  if (args.kind === 'text') {
    const party = loadCorpus(['party']);
    const withEvent = party.filter((file) => {
      const result = parseArticle({ bytes: file.bytes, key: file.key });
      return result.ok && result.article.primaryEvent !== null;
    }).length;
    value.party = { files: party.length, withEvent };
  }
  return value;
}

/**
 * Stage times: the stage functions parse.ts chains, called in the same order on every input and
 * timed one by one; what parseArticle spends besides them (id hash, schema validation) is the rest.
 */
async function stages(args: { kind: 'text' | 'html'; runs: number; htmlPages: number }): Promise<StagesValue> {
  const parseArticle = await parser();
  const { decodeBytes, normaliseText } = await import('../lambda/core/decode.ts');
  const { extractHtml, looksLikeHtml } = await import('../lambda/core/html.ts');
  const { cleanLines, finishBody } = await import('../lambda/core/clean.ts');
  const { extractTextMetadata } = await import('../lambda/core/metadata.ts');
  const { extractFacts } = await import('../lambda/core/extract/facts.ts');
  const files = inputsOf(args.kind, args.htmlPages);
  const perRun: Record<Stage, number[]> = { decode: [], html: [], clean: [], metadata: [], extract: [] };
  const total: number[] = [];
  for (const file of files.slice(0, 500)) parseArticle({ bytes: file.bytes, key: file.key }); // warm-up: JIT both paths alike
  for (let run = 0; run < args.runs; run++) {
    const acc: Record<Stage, number> = { decode: 0, html: 0, clean: 0, metadata: 0, extract: 0 };
    for (const file of files) {
      let t = cpuNowMs();
      const lap = (stage: Stage) => {
        const now = cpuNowMs();
        acc[stage] += now - t;
        t = now;
      };
      const decoded = decodeBytes(file.bytes);
      if (!decoded.ok) continue;
      const normalised = normaliseText(decoded.text, { plain: decoded.plain });
      lap('decode');
      let text: string;
      let pageTitle: string | null = null;
      if (looksLikeHtml(normalised)) {
        const extracted = extractHtml(normalised);
        text = normaliseText(extracted.text);
        pageTitle = extracted.meta.title;
      } else {
        // As parseArticle does: without any `&` the text is normalised already.
        text = decoded.text.includes('&') ? normaliseText(decoded.text, { entities: true }) : normalised;
      }
      lap('html');
      const lines = cleanLines(text);
      lap('clean');
      const meta = extractTextMetadata(lines, { title: pageTitle });
      const title = pageTitle ?? meta.title;
      const body = finishBody(meta.bodyLines, { title });
      lap('metadata');
      extractFacts({ title, body, publishedAt: meta.publishedAt, normalised: true });
      lap('extract');
    }
    for (const stage of STAGES) perRun[stage].push(acc[stage]);
    const start = cpuNowMs();
    for (const file of files) parseArticle({ bytes: file.bytes, key: file.key });
    total.push(cpuNowMs() - start);
  }
  const stageMs = Object.fromEntries(STAGES.map((stage) => [stage, median(perRun[stage])])) as Record<Stage, number>;
  return { articles: files.length, stageMs, totalMs: median(total) };
}

interface FloorValue {
  articles: number;
  bytes: number;
  /** Regex matches over all files in the last pass (a checksum that keeps the work from being optimised away). */
  matches: number;
  words: number;
  /** The floor of issue 14: decode + NFC + one search pass (a date anchor). */
  timings: Timing[];
  /** Informative: decode + NFC + one pass that visits every word. */
  wordTimings: Timing[];
}

/** The floor's one regex pass: a fact anchor (dates), as extraction looks for them. */
const FLOOR_SEARCH = /ngày \d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}/g;
/** The heavier variant: every word (Unicode letters and digits). */
const FLOOR_WORDS = /[\p{L}\p{N}]+/gu;

/**
 * The text floor of issue 14: what any parser of these files must at least do. Decodes each
 * file's bytes (UTF-8), NFC-normalises the text and runs one global regex pass over it (a date
 * anchor). Same inputs in memory, same warm-up and passes as the throughput task, so bantin CPU /
 * floor CPU is a like-for-like ratio. A second, informative variant visits every word instead.
 */
async function textFloor(args: { runs: number }): Promise<FloorValue> {
  const files = loadCorpus(['general']);
  const decoder = new TextDecoder('utf-8');
  const once = (bytes: Uint8Array, pattern: RegExp): number => {
    const text = decoder.decode(bytes).normalize('NFC');
    let n = 0;
    for (pattern.lastIndex = 0; pattern.exec(text) !== null; ) n++;
    return n;
  };
  for (const file of files.slice(0, 500)) once(file.bytes, FLOOR_SEARCH) + once(file.bytes, FLOOR_WORDS); // warm-up (JIT)
  const value: FloorValue = { articles: files.length, bytes: totalBytes(files), matches: 0, words: 0, timings: [], wordTimings: [] };
  for (let run = 0; run < args.runs; run++) {
    let matches = 0;
    let stop = startTiming();
    for (const file of files) matches += once(file.bytes, FLOOR_SEARCH);
    value.timings.push(stop());
    value.matches = matches;
    let words = 0;
    stop = startTiming();
    for (const file of files) words += once(file.bytes, FLOOR_WORDS);
    value.wordTimings.push(stop());
    value.words = words;
  }
  return value;
}

async function noop(): Promise<null> {
  await parser();
  return null;
}

export const tasks = { throughput, stages, noop, textFloor };

/** Target of issue 14: text parsing within 10× of the text floor's CPU. */
const TARGET_FLOOR_RATIO = 10;

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
  // The floor right after bantin's pass, same method (own pinned child, same passes), in the same run.
  const floor = await runInChild<FloorValue>(ME, 'textFloor', { runs }, { oneCore: true });
  const baseline = await runInChild<null>(ME, 'noop', {}, { oneCore: true });
  {
    const oursCpu = medianTiming(text.value.timings).cpuMs;
    const floorTiming = medianTiming(floor.value.timings);
    const wordTiming = medianTiming(floor.value.wordTimings);
    const ratio = oursCpu / floorTiming.cpuMs;
    rows.push({
      metric: 'text: bantin parseArticle CPU / text floor CPU (decode + NFC + one regex search pass, same files)',
      value: ratio,
      unit: '×',
      digits: 1,
      ratio: true,
      target: `≤ ${TARGET_FLOOR_RATIO}×`,
      pass: ratio <= TARGET_FLOOR_RATIO,
    });
    rows.push({
      metric: 'text: bantin parseArticle CPU / word-scan floor CPU (decode + NFC + one pass over every word)',
      value: oursCpu / wordTiming.cpuMs,
      unit: '×',
      digits: 1,
      ratio: true,
    });
    rows.push({
      metric: `text floor: articles/s (${floor.value.articles.toLocaleString('en-US')} files)`,
      value: floor.value.articles / (floorTiming.cpuMs / 1000),
      unit: '/s',
      alt: `${round(floorTiming.cpuMs)} ms CPU a pass, wall ${round(floorTiming.wallMs)} ms`,
    });
    rows.push({
      metric: 'word-scan floor: articles/s',
      value: floor.value.articles / (wordTiming.cpuMs / 1000),
      unit: '/s',
      alt: `${round(wordTiming.cpuMs)} ms CPU a pass, wall ${round(wordTiming.wallMs)} ms`,
    });
    notes.push(
      `text floor (bench/parse.ts textFloor): TextDecoder UTF-8 decode, normalize('NFC'), one pass of ${String(FLOOR_SEARCH)} (${floor.value.matches.toLocaleString('en-US')} matches); ` +
        `word-scan floor: the same with ${String(FLOOR_WORDS)} (${floor.value.words.toLocaleString('en-US')} words); same files in memory, warm-up on the first 500, ` +
        `runs (CPU/wall) ${floor.value.timings.map((x) => `${round(x.cpuMs)}/${round(x.wallMs)} ms`).join(', ')} and ${floor.value.wordTimings.map((x) => `${round(x.cpuMs)}/${round(x.wallMs)} ms`).join(', ')}; ` +
        `the ratios divide the median CPU of bantin's passes by the floor's, all measured in this run; the verdict is on the search floor (the cheaper, stricter reading of issue 14's "one regex pass")`,
    );
  }

  const html = await runInChild<ThroughputValue>(ME, 'throughput', { kind: 'html', runs, htmlPages }, { oneCore: true });

  for (const [label, outcome] of [['text', text], ['HTML', html]] as const) {
    const t = outcome.value;
    const timing = medianTiming(t.timings);
    const seconds = timing.cpuMs / 1000;
    const perSecond = t.articles / seconds;
    rows.push({
      metric: `${label === "HTML" ? "HTML (synthetic template pages)" : label}: articles/s (${t.articles.toLocaleString('en-US')} files, ${round(t.bytes / 1e6, 1)} MB)`,
      value: perSecond,
      unit: '/s',
      alt: `wall ${round(t.articles / (timing.wallMs / 1000)).toLocaleString('en-US')} /s; fastest run ${round(t.articles / (Math.min(...t.timings.map((x) => x.cpuMs)) / 1000)).toLocaleString('en-US')} /s`,
      ...(label === 'text' ? { target: `≥ ${TARGET_ARTICLES_PER_S.toLocaleString('en-US')} /s`, pass: perSecond >= TARGET_ARTICLES_PER_S } : {}),
    });
    rows.push({ metric: `${label}: MB/s`, value: t.bytes / 1e6 / seconds, unit: 'MB/s', digits: 2 });
    rows.push({ metric: `${label}: peak RSS of the parsing process`, value: outcome.maxRssMiB, unit: 'MiB' });
    notes.push(
      `${label}: ${t.ok} parsed, ${t.rejected} rejected ${JSON.stringify(t.rejectionReasons)}, ${t.withEvent} with a primary meeting; ` +
        `runs (CPU/wall) ${t.timings.map((x) => `${round(x.cpuMs)}/${round(x.wallMs)} ms`).join(', ')}; heap used at end ${round(outcome.heapUsedMiB)} MiB` +
        (t.party ? `; check: ${t.party.withEvent} of the ${t.party.files} party/ meeting reports have a primary meeting (parsed apart, not timed)` : ''),
    );
  }

  for (const kind of ['text', 'html'] as const) {
    try {
      const s = (await runInChild<StagesValue>(ME, 'stages', { kind, runs, htmlPages }, { oneCore: true })).value;
      const per = (ms: number) => (ms / s.articles) * 1000;
      const label = kind === 'text' ? 'text' : 'HTML';
      const stageSum = STAGES.reduce((sum, stage) => sum + s.stageMs[stage], 0);
      for (const stage of STAGES) {
        rows.push({ metric: `${label} stage: ${STAGE_LABELS[stage]}`, value: per(s.stageMs[stage]), unit: 'µs/article' });
      }
      rows.push({ metric: `${label} stage: rest of parseArticle (id hash, schema check)`, value: per(Math.max(0, s.totalMs - stageSum)), unit: 'µs/article' });
    } catch (error) {
      notes.push(`stage timing (${kind}) failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  notes.push('stages: the exported stage functions called in parse.ts order and timed (CPU) one by one; the rest is parseArticle time minus their sum');

  notes.push(
    `one core: ${oneCoreNote()}; median of ${runs} passes over all inputs held in memory after a warm-up on the first 500 (reading files not timed); rates from process CPU time (what the pinned core spent, i.e. the wall time of an idle core), wall-clock rate alongside`,
    `HTML: ${htmlPages} SYNTHETIC pages built from corpus articles (party articles first) in one news-site template (bench/html-pages.ts); real pages and the comparison with readability-lxml are in the html benchmark`,
    `peak RSS includes Node + tsx + the inputs in memory; an idle child that only loaded the parser peaks at ${round(baseline.maxRssMiB)} MiB`,
  );
  return { rows, notes };
}
