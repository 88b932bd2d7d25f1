/**
 * HTML benchmark: bantin's whole parse (parseArticle: decode, HTML tree, metadata, main text,
 * clean, facts) on REAL saved pages (test/eval/dev/html, plus test/eval/portals/html when present)
 * against readability-lxml (Debian python3-readability: Document(html).summary() + title()) on the
 * same pages, CPU time of each, one pinned core; and worst-case pages at the upload limit (deep
 * nesting, many tags, entities, a huge attribute), each in its own process for its peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInChild, pinned, oneCoreNote } from './child.ts';
import { repoRoot } from './corpus.ts';
import { envInt, median, round, startTiming, type Timing } from './stats.ts';
import type { Row } from './table.ts';
import type { Outcome } from './outcome.ts';

export const title = 'HTML parse vs readability-lxml';

const TARGET_RATIO = 5;
const WORST_MS = 2000;
const WORST_MIB = 300;
/** The upload limit (lambda/pipeline/config.ts DEFAULT_CONFIG.maxUploadBytes). */
const UPLOAD_LIMIT = 5 * 1024 * 1024;

function realPages(): string[] {
  const dirs = ['test/eval/dev/html', 'test/eval/portals/html'].map((d) => path.join(repoRoot, d)).filter(existsSync);
  return dirs.flatMap((d) => readdirSync(d).filter((f) => /\.html?$/i.test(f)).sort().map((f) => path.join(d, f)));
}

interface OursValue {
  pages: number;
  bytes: number;
  ok: number;
  timings: Timing[];
}

async function ours(args: { files: string[]; runs: number }): Promise<OursValue> {
  const { parseArticle } = await import('../lambda/core/parse.ts');
  const inputs = args.files.map((f) => ({ bytes: new Uint8Array(readFileSync(f)), key: path.basename(f) }));
  for (let i = 0; i < 3; i++) for (const input of inputs) parseArticle(input); // warm-up (JIT)
  const timings: Timing[] = [];
  let ok = 0;
  for (let run = 0; run < args.runs; run++) {
    ok = 0;
    const stop = startTiming();
    for (const input of inputs) if (parseArticle(input).ok) ok++;
    timings.push(stop());
  }
  return { pages: inputs.length, bytes: inputs.reduce((n, i) => n + i.bytes.length, 0), ok, timings };
}

interface FloorValue {
  pages: number;
  /** Tags opened in the last pass, a checksum that keeps the work from being optimised away. */
  tags: number;
  timings: Timing[];
}

/**
 * The HTML tokeniser floor: decode each page (UTF-8) and run htmlparser2's Parser over it with
 * callbacks that only count opening tags: tokenising, entity decoding and tag-nesting rules, but
 * no tree, no text extraction. Same pages in memory, same warm-up and passes as `ours`.
 */
async function floor(args: { files: string[]; runs: number }): Promise<FloorValue> {
  const { Parser } = await import('htmlparser2');
  const pages = args.files.map((f) => new Uint8Array(readFileSync(f)));
  const decoder = new TextDecoder('utf-8');
  const once = (bytes: Uint8Array): number => {
    let tags = 0;
    const parser = new Parser({ onopentagname: () => void tags++, ontext: () => {} }, { decodeEntities: true });
    parser.end(decoder.decode(bytes));
    return tags;
  };
  for (let i = 0; i < 3; i++) for (const page of pages) once(page); // warm-up (JIT), as in ours
  const timings: Timing[] = [];
  let tags = 0;
  for (let run = 0; run < args.runs; run++) {
    tags = 0;
    const stop = startTiming();
    for (const page of pages) tags += once(page);
    timings.push(stop());
  }
  return { pages: pages.length, tags, timings };
}

/** Worst-case pages of the upload limit's size. */
export function worstPages(): Record<string, string> {
  // ASCII only, so characters are bytes and every page is just under the limit (not rejected as too large)
  const n = UPLOAD_LIMIT - 64;
  const head = '<!doctype html><html><head><title>Trang thu nghiem</title></head><body><p>Noi dung</p>';
  const fill = (unit: string) => head + unit.repeat(Math.floor((n - head.length) / unit.length));
  return {
    'deep nesting (<div> × 1M)': fill('<div>'),
    'unclosed inline + stray end tags': head + '<b>'.repeat(Math.floor(n / 7)) + '</i>'.repeat(Math.floor(n / 9)),
    'many tags (<p> × 1.3M)': fill('<p>x'),
    'link list (<li><a> × 150k)': fill('<li><a href="/a">Tin khac</a></li>'),
    'entities (&amp; × 1M)': fill('&amp;'),
    'one huge attribute': head + '<div title="' + 'x'.repeat(n - head.length - 30) + '">chữ</div>',
    'nested tables': fill('<table><tr><td>'),
  };
}

interface WorstValue {
  name: string;
  bytes: number;
  ok: boolean;
  timing: Timing;
}

async function worst(args: { name: string }): Promise<WorstValue> {
  const { parseArticle } = await import('../lambda/core/parse.ts');
  const html = worstPages()[args.name]!;
  const bytes = new TextEncoder().encode(html);
  const stop = startTiming();
  const result = parseArticle({ bytes, key: 'worst.html' }, { maxBytes: UPLOAD_LIMIT });
  return { name: args.name, bytes: bytes.length, ok: result.ok, timing: stop() };
}

export const tasks = { ours, worst, floor };

const PY_SCRIPT = `
import json, sys, time
from readability import Document
files = json.load(open(sys.argv[1]))
runs = int(sys.argv[2])
pages = [open(f, 'rb').read() for f in files]
for p in pages:
    d = Document(p); d.summary(); d.title()
cpu = []
for _ in range(runs):
    t = time.process_time()
    for p in pages:
        d = Document(p); d.summary(); d.title()
    cpu.append((time.process_time() - t) * 1000)
import readability
print(json.dumps({"cpuMs": cpu, "version": getattr(readability, "__version__", "?")}))
`;

function findPython(): string | null {
  for (const py of [process.env.BANTIN_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p)) {
    if (spawnSync(py, ['-c', 'import readability, lxml'], { encoding: 'utf8' }).status === 0) return py;
  }
  return null;
}

const ME = new URL(import.meta.url);

export async function run(): Promise<Outcome> {
  const runs = envInt('BANTIN_BENCH_RUNS', 3);
  const files = realPages();
  const rows: Row[] = [];
  const notes: string[] = [];
  const mine = await runInChild<OursValue>(ME, 'ours', { files, runs }, { oneCore: true });
  const oursCpu = median(mine.value.timings.map((t) => t.cpuMs));
  const oursRate = mine.value.pages / (oursCpu / 1000);
  rows.push({
    metric: `bantin parseArticle on ${mine.value.pages} real pages (${round(mine.value.bytes / 1e6, 1)} MB): pages/s`,
    value: oursRate,
    unit: '/s',
    digits: 1,
    alt: `${round(oursCpu / mine.value.pages, 2)} ms CPU/page`,
  });

  // The tokeniser floor right after bantin's passes, same pages and method, in the same run.
  const low = await runInChild<FloorValue>(ME, 'floor', { files, runs }, { oneCore: true });
  const floorCpu = median(low.value.timings.map((t) => t.cpuMs));
  const floorRatio = oursCpu / floorCpu;
  rows.push({
    metric: 'bantin parseArticle CPU / HTML tokeniser floor CPU (htmlparser2 Parser, same pages)',
    value: floorRatio,
    unit: '×',
    digits: 1,
    ratio: true,
  });
  rows.push({
    metric: `HTML tokeniser floor (htmlparser2 Parser, no tree) on the same ${low.value.pages} pages: pages/s`,
    value: low.value.pages / (floorCpu / 1000),
    unit: '/s',
    digits: 1,
    alt: `${round(floorCpu / low.value.pages, 2)} ms CPU/page`,
  });
  notes.push(
    `HTML tokeniser floor (bench/html.ts floor): TextDecoder UTF-8 decode + htmlparser2 Parser({onopentagname, ontext}, {decodeEntities: true}).end(page), no DOM; ` +
      `${low.value.tags.toLocaleString('en-US')} tags a pass; runs ${low.value.timings.map((t) => `${round(t.cpuMs)}/${round(t.wallMs)}`).join(', ')} ms CPU/wall (three warm-up passes first)`,
  );

  const python = findPython();
  if (!python) {
    rows.push({ metric: 'readability-lxml: pages/s', value: null, target: `bantin ≥ ${TARGET_RATIO}× faster`, pass: null });
    notes.push('readability-lxml not found (apt-get install -y python3-readability, or set BANTIN_PYTHON)');
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bantin-html-bench-'));
    try {
      const list = path.join(dir, 'files.json');
      const script = path.join(dir, 'peer.py');
      writeFileSync(list, JSON.stringify(files));
      writeFileSync(script, PY_SCRIPT);
      const [cmd, cmdArgs] = pinned(python, [script, list, String(runs)], true);
      const out = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (out.status !== 0) throw new Error(`readability-lxml failed: ${out.stderr.slice(-300)}`);
      const peer = JSON.parse(out.stdout.trim().split('\n').pop()!) as { cpuMs: number[]; version: string };
      const peerCpu = median(peer.cpuMs);
      const peerRate = files.length / (peerCpu / 1000);
      const ratio = peerCpu / oursCpu;
      rows.push({ metric: `readability-lxml ${peer.version} Document.summary() + title(): pages/s`, value: peerRate, unit: '/s', digits: 1, alt: `${round(peerCpu / files.length, 2)} ms CPU/page` });
      rows.push({ metric: 'bantin / readability-lxml speed (CPU)', value: ratio, unit: '×', digits: 1, ratio: true, target: `≥ ${TARGET_RATIO}×`, pass: ratio >= TARGET_RATIO });
      notes.push(
        `readability-lxml runs ${peer.cpuMs.map((c) => round(c)).join(', ')} ms CPU per pass (${python}, one warm-up pass first); bantin runs ${mine.value.timings.map((t) => `${round(t.cpuMs)}/${round(t.wallMs)}`).join(', ')} ms CPU/wall per pass (three warm-up passes first), ${mine.value.ok} of ${mine.value.pages} parsed; bantin does the whole parse (metadata, main text, facts), readability-lxml only the main text and the title`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const baseline = await runInChild<OursValue>(ME, 'ours', { files: [], runs: 1 }, { oneCore: true });
  let worstMs = 0;
  let worstMiB = 0;
  const details: string[] = [];
  for (const name of Object.keys(worstPages())) {
    const w = await runInChild<WorstValue>(ME, 'worst', { name }, { oneCore: true, timeoutMs: 120_000 });
    worstMs = Math.max(worstMs, w.value.timing.cpuMs);
    worstMiB = Math.max(worstMiB, w.maxRssMiB);
    details.push(`${name}: ${round(w.value.timing.cpuMs)} ms CPU, ${round(w.maxRssMiB)} MiB peak RSS${w.value.ok ? '' : ' (rejected)'}`);
  }
  rows.push({ metric: `worst-case pages of ${UPLOAD_LIMIT / 1024 / 1024} MiB: slowest parse`, value: worstMs, unit: 'ms', target: `≤ ${WORST_MS.toLocaleString('en-US')} ms`, pass: worstMs <= WORST_MS });
  rows.push({ metric: 'worst-case pages: largest peak RSS of the parsing process', value: worstMiB, unit: 'MiB', target: `≤ ${WORST_MIB} MiB`, pass: worstMiB <= WORST_MIB });
  notes.push(`worst cases (CPU of parseArticle, peak RSS of the whole child incl. Node + tsx + the page; an idle child peaks at ${round(baseline.maxRssMiB)} MiB): ${details.join('; ')}`);
  notes.push(`one core: ${oneCoreNote()}; pages: ${files.map((f) => path.relative(repoRoot, f)).join(', ').slice(0, 400)}…`);
  return { rows, notes };
}
