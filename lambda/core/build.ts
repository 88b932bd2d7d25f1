/**
 * `bantin build`: a folder of article files -> `OUT/<period>/digest.{html,pdf,docx,json}`,
 * `OUT/index.html` and `OUT/rejected.json`, on one machine. With a corrections file, the
 * corrections are applied to the parsed records before aggregation (never cached with them) and
 * what became of each is written to `OUT/corrections-report.json`.
 *
 * Reproducible by design:
 * - a digest's generatedAt ("Ngày lập") is when its content last changed: the clock (or
 *   SOURCE_DATE_EPOCH, see bin/commands/build.ts) when the digest is new or its content differs
 *   from the digest.json already in OUT, else the generatedAt of that file, so a re-run over
 *   unchanged input rewrites nothing;
 * - files whose bytes would not change are not rewritten;
 * - parsed records are cached in `OUT/.cache/parse/` keyed by file name + content hash + parser
 *   source fingerprint, and a period whose digest.json, language and templates are unchanged
 *   is not rendered again (`OUT/.cache/render/`), so a re-run on an unchanged folder is fast.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArticle } from './parse.ts';
import { ARTICLE_SCHEMA_VERSION, ArticleSchema, RejectionSchema, type Article, type ParseResult, type Rejection, type RejectionReason } from './model.ts';
import { buildDigests } from './aggregate.ts';
import { applyCorrections, parseCorrectionsFile, type CorrectionReport } from './corrections.ts';
import { DigestSchema, type Digest } from './digest-model.ts';
import { PERIOD_KINDS, type PeriodKind } from './periods.ts';
import { renderDigestHtml } from './render/html.ts';
import { renderDigestPdf } from './render/pdf.ts';
import { renderDigestDocx } from './render/docx.ts';
import { renderIndexHtml } from './render/index.ts';
import { templatesDir } from './assets.ts';
import type { Lang } from './render/labels.ts';
import { JsonCache, SIDECAR_SUFFIX, fileExists, listArticleFiles, removeFile, sha256, writeIfChanged, type SkipKind, type SkippedFile } from '../storage/local-folder.ts';
import { parseSidecar, type SidecarHints } from './sidecar.ts';
import { DEFAULT_TIME_ZONE } from './timezone.ts';

export interface BuildOptions {
  inputDir: string;
  outDir: string;
  kinds?: PeriodKind[];
  lang?: Lang;
  templateDir?: string;
  /** Ignore and do not fill the parse/render caches. */
  noCache?: boolean;
  /** A corrections file: one JSON object keyed by article source key (see core/corrections.ts). */
  correctionsFile?: string;
  /** The report's issuing body and place (DOCX header; all formats' report header). */
  issuer?: string;
  place?: string;
  /** IANA zone of local dates and times (periods, "Ngày lập", timestamps with a zone); default Asia/Ho_Chi_Minh. */
  timeZone?: string;
  /** The clock for "Ngày lập" of digests whose content changed (default: now). */
  now?: () => Date;
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent =
  | { phase: 'scan'; total: number }
  | { phase: 'parse'; done: number; total: number; key: string; cached: boolean }
  | { phase: 'render'; done: number; total: number; periodId: string; skipped: boolean };

export interface BuildSummary {
  files: number;
  parsed: number;
  fromCache: number;
  articles: number;
  duplicates: number;
  rejected: { key: string; reason: string; message: string }[];
  /** Files not read at all (Word, PDF, images, other types, links outside the folder, unreadable). */
  skipped: { key: string; reason: string; message: string }[];
  /** `<file>.meta.json` sidecars that were read, and the ones ignored with why. */
  sidecars: { used: number; ignored: { key: string; problem: string }[] };
  digests: { periodId: string; meetings: number; articles: number; written: string[]; unchanged: string[] }[];
  /** What became of each correction (empty without a corrections file). */
  corrections: CorrectionReport[];
  written: number;
  unchanged: number;
  ms: { parse: number; render: number; total: number };
}

const CORE_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Files whose change invalidates the rendered output but not the parse cache. */
const RENDER_SIDE = ['render', 'aggregate.ts', 'corrections.ts', 'report.ts', 'sections.ts', 'periods.ts', 'digest-model.ts', 'build.ts', 'assets.ts'];

function hashTree(root: string, include: (rel: string) => boolean): string {
  const parts: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs);
      if (statSync(abs).isDirectory()) walk(abs);
      else if (include(rel)) parts.push(`${rel}\u0000${sha256(readFileSync(abs))}`);
    }
  };
  walk(root);
  return sha256(parts.join('\n'));
}

let parserFingerprintCache: string | null = null;
/** Hash of the parser's source: a parser change invalidates cached parse results. */
function parserFingerprint(): string {
  parserFingerprintCache ??= hashTree(CORE_DIR, (rel) => rel.endsWith('.ts') && !RENDER_SIDE.some((r) => rel === r || rel.startsWith(`${r}${path.sep}`)));
  return parserFingerprintCache;
}

function renderFingerprint(templateDir: string | undefined): string {
  // timezone.ts serves both sides (local dates of periods and of "Ngày lập").
  const code = hashTree(CORE_DIR, (rel) => rel.endsWith('.ts') && (rel === 'timezone.ts' || RENDER_SIDE.some((r) => rel === r || rel.startsWith(`${r}${path.sep}`))));
  const builtIn = hashTree(templatesDir(), () => true);
  const user = templateDir ? hashTree(path.resolve(templateDir), () => true) : '';
  return sha256(`${code}\n${builtIn}\n${user}`);
}

type CachedParse = { ok: true; article: unknown } | { ok: false; rejection: unknown };

function revive(value: unknown): ParseResult | null {
  const v = value as CachedParse | undefined;
  if (!v || typeof v !== 'object') return null;
  if (v.ok === true) {
    const r = ArticleSchema.safeParse(v.article);
    return r.success ? { ok: true, article: r.data } : null;
  }
  if (v.ok === false) {
    const r = RejectionSchema.safeParse(v.rejection);
    return r.success ? { ok: false, rejection: r.data } : null;
  }
  return null;
}

const SKIP_REASONS: Record<SkipKind, RejectionReason> = {
  word: 'binary',
  pdf: 'binary',
  image: 'binary',
  'other-type': 'unsupported-type',
  'orphan-sidecar': 'unsupported-type',
  'symlink-outside': 'unreadable',
  'broken-symlink': 'unreadable',
  unreadable: 'unreadable',
};

/** A file the build does not read, as a rejection record (the S3 path's shape). */
export function rejectionOfSkipped(f: SkippedFile): Rejection {
  return { schemaVersion: ARTICLE_SCHEMA_VERSION, key: f.key, reason: SKIP_REASONS[f.kind], message: f.message, bytes: f.size, rejectedAt: f.mtime?.toISOString() ?? null };
}

/**
 * Parses every article file, using the cache where the same file name holds the same bytes.
 * `rejections` are the files read but unusable (they are listed in the digests, like the S3
 * path's); `skipped` are the files not read at all (Word, PDF, images, other types, links
 * outside the folder, unreadable files): only rejected.json and the summary name them.
 */
export async function parseFolder(
  opts: Pick<BuildOptions, 'inputDir' | 'outDir' | 'noCache' | 'onProgress' | 'timeZone'>,
): Promise<{ articles: Article[]; rejections: Rejection[]; skipped: Rejection[]; files: number; fromCache: number; sidecars: BuildSummary['sidecars'] }> {
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const sidecars: BuildSummary['sidecars'] = { used: 0, ignored: [] };
  const listing = await listArticleFiles(opts.inputDir, [opts.outDir]);
  const files = listing.files;
  const skipped = listing.skipped.map(rejectionOfSkipped);
  opts.onProgress?.({ phase: 'scan', total: files.length });
  const cache = new JsonCache(path.join(opts.outDir, '.cache', 'parse'));
  const fingerprint = parserFingerprint();
  const articles: Article[] = [];
  const rejections: Rejection[] = [];
  let fromCache = 0;
  let unreadable = 0;
  for (const [i, f] of files.entries()) {
    let bytes: Buffer;
    try {
      bytes = await readFile(f.absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      unreadable++;
      skipped.push(rejectionOfSkipped({ key: f.key, kind: 'unreadable', message: `file could not be read (${code})`, size: f.size, mtime: f.mtime }));
      opts.onProgress?.({ phase: 'parse', done: i + 1, total: files.length, key: f.key, cached: false });
      continue;
    }
    const uploadedAt = f.mtime.toISOString();
    let hints: SidecarHints = { sourceUrl: null, publishedAt: null };
    if (f.sidecar) {
      const sidecarKey = `${f.key}${SIDECAR_SUFFIX}`;
      let read: ReturnType<typeof parseSidecar>;
      try {
        read = parseSidecar(await readFile(f.sidecar), timeZone);
      } catch (error) {
        read = { ok: false, problem: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      if (read.ok) {
        hints = read.hints;
        sidecars.used++;
      } else sidecars.ignored.push({ key: sidecarKey, problem: read.problem });
    }
    // The parse depends on the bytes, the name, the sidecar's hints and the zone: all are in the key.
    const key = sha256(`${fingerprint}\u0000${f.key}\u0000${sha256(bytes)}\u0000${JSON.stringify(hints)}\u0000${timeZone}`);
    let result = opts.noCache ? null : revive(await cache.get(key));
    const cached = result !== null;
    if (result) fromCache++;
    else {
      result = parseArticle({ bytes, key: f.key, uploadedAt, sourceUrl: hints.sourceUrl, publishedAt: hints.publishedAt }, { timeZone });
      if (!opts.noCache) await cache.set(key, result);
    }
    // The cache is keyed by content; the upload time is the file's, now. Digests never read a
    // body, so none is kept: memory stays flat however long the articles are.
    if (result.ok) articles.push({ ...result.article, uploadedAt, body: '' });
    else rejections.push({ ...result.rejection, rejectedAt: uploadedAt });
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: files.length, key: f.key, cached });
  }
  skipped.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { articles, rejections, skipped, files: files.length - unreadable, fromCache, sidecars };
}

function digestJson(digest: Digest): string {
  return `${JSON.stringify(digest, null, 2)}\n`;
}

/** The generatedAt of the digest.json in OUT when its content is this digest's (only the date differs), else null. */
async function unchangedSince(file: string, digest: Digest): Promise<string | null> {
  try {
    const old = DigestSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!old.success) return null;
    return digestJson({ ...old.data, generatedAt: '' }) === digestJson({ ...digest, generatedAt: '' }) ? old.data.generatedAt : null;
  } catch {
    return null;
  }
}

export async function buildFolder(opts: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  const lang = opts.lang ?? 'vi';
  const kinds = opts.kinds ?? [...PERIOD_KINDS];
  // Read before parsing: an unusable file stops the build before any output changes.
  const corrections = opts.correctionsFile
    ? parseCorrectionsFile(await readFile(opts.correctionsFile, 'utf8'), path.basename(opts.correctionsFile))
    : null;
  const parsed = await parseFolder(opts);
  const tParse = performance.now();

  const corrected = corrections ? applyCorrections(parsed.articles, corrections, path.basename(opts.correctionsFile!)) : null;
  const articles = corrected?.articles ?? parsed.articles;
  const distinct = new Set(articles.map((a) => a.id)).size;
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const digests = buildDigests(articles, { kinds, rejections: parsed.rejections, timeZone });
  const renderCache = new JsonCache(path.join(opts.outDir, '.cache', 'render'));
  const fingerprint = renderFingerprint(opts.templateDir);

  const summary: BuildSummary = {
    files: parsed.files,
    parsed: parsed.files - parsed.fromCache,
    fromCache: parsed.fromCache,
    articles: distinct,
    duplicates: articles.length - distinct,
    rejected: parsed.rejections.map((r) => ({ key: r.key, reason: r.reason, message: r.message })),
    skipped: parsed.skipped.map((r) => ({ key: r.key, reason: r.reason, message: r.message })),
    sidecars: parsed.sidecars,
    digests: [],
    corrections: corrected?.reports ?? [],
    written: 0,
    unchanged: 0,
    ms: { parse: 0, render: 0, total: 0 },
  };

  // The zone is left out of the render key by default, so existing render caches stay valid.
  const report = { issuer: opts.issuer ?? null, place: opts.place ?? null, ...(timeZone !== DEFAULT_TIME_ZONE ? { timeZone } : {}) };
  for (const [i, computed] of digests.entries()) {
    const dir = path.join(opts.outDir, computed.periodId);
    // The render key leaves the date out: it changes only with the content (and the settings).
    const renderKey = sha256(`${fingerprint}\u0000${lang}\u0000${JSON.stringify(report)}\u0000${digestJson({ ...computed, generatedAt: '' })}`);
    const names = ['digest.json', 'digest.html', 'digest.pdf', 'digest.docx'];
    const cacheId = sha256(`period\u0000${computed.periodId}`);
    const previous = opts.noCache ? undefined : await renderCache.get(cacheId);
    const allExist = (await Promise.all(names.map((n) => fileExists(path.join(dir, n))))).every(Boolean);
    const entry = { periodId: computed.periodId, meetings: computed.counts.meetings, articles: computed.counts.articles, written: [] as string[], unchanged: [] as string[] };
    const skipped = allExist && (previous as { key?: string } | undefined)?.key === renderKey;
    if (skipped) entry.unchanged.push(...names);
    else {
      const generatedAt = (await unchangedSince(path.join(dir, 'digest.json'), computed)) ?? (opts.now?.() ?? new Date()).toISOString();
      const digest: Digest = { ...computed, generatedAt };
      const json = digestJson(digest);
      const html = renderDigestHtml(digest, { lang, ...report, ...(opts.templateDir ? { templateDir: opts.templateDir } : {}) });
      const pdf = await renderDigestPdf(digest, { lang, ...report });
      const docx = await renderDigestDocx(digest, { lang, ...report });
      for (const [name, data] of [['digest.json', json], ['digest.html', html], ['digest.pdf', pdf], ['digest.docx', docx]] as const) {
        const outcome = await writeIfChanged(path.join(dir, name), data);
        (outcome === 'written' ? entry.written : entry.unchanged).push(name);
      }
      if (!opts.noCache) await renderCache.set(cacheId, { key: renderKey });
    }
    summary.written += entry.written.length;
    summary.unchanged += entry.unchanged.length;
    summary.digests.push(entry);
    opts.onProgress?.({ phase: 'render', done: i + 1, total: digests.length, periodId: computed.periodId, skipped });
  }

  const index = renderIndexHtml(
    digests.map((d) => ({ periodId: d.periodId, meetings: d.counts.meetings, articles: d.counts.articles, href: `${d.periodId}/digest.html` })),
    { lang, ...(opts.templateDir ? { templateDir: opts.templateDir } : {}) },
  );
  const indexOutcome = await writeIfChanged(path.join(opts.outDir, 'index.html'), index);
  summary[indexOutcome === 'written' ? 'written' : 'unchanged']++;

  const rejectedFile = path.join(opts.outDir, 'rejected.json');
  const notUsed = [...parsed.rejections, ...parsed.skipped].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (notUsed.length > 0) {
    const outcome = await writeIfChanged(rejectedFile, `${JSON.stringify(notUsed, null, 2)}\n`);
    summary[outcome === 'written' ? 'written' : 'unchanged']++;
  } else await removeFile(rejectedFile);

  const reportFile = path.join(opts.outDir, 'corrections-report.json');
  if (corrected) {
    const outcome = await writeIfChanged(reportFile, `${JSON.stringify(corrected.reports, null, 2)}\n`);
    summary[outcome === 'written' ? 'written' : 'unchanged']++;
  } else await removeFile(reportFile);

  const tEnd = performance.now();
  summary.ms = { parse: Math.round(tParse - t0), render: Math.round(tEnd - tParse), total: Math.round(tEnd - t0) };
  return summary;
}
