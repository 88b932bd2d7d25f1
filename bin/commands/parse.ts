/**
 * `bantin parse FILE|DIR… [--json] [--stats]`: runs the article parser on local files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { parseArticle } from '../../lambda/core/parse.ts';
import { ArticleSchema, MEETING_KINDS, RejectionSchema } from '../../lambda/core/model.ts';
import type { Article, ParseResult, Rejection } from '../../lambda/core/model.ts';
import { EXIT } from '../errors.ts';

const ARTICLE_EXTENSIONS = /\.(?:txt|html?)$/i;

/** Files named on the command line, and article files (.txt/.html/.htm) found recursively in folders. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && ARTICLE_EXTENSIONS.test(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
  return files;
}

function parseFile(path: string, maxBytes?: number): ParseResult {
  const bytes = readFileSync(path);
  return parseArticle({ bytes, key: path, uploadedAt: null }, { maxBytes });
}

function formatSummary(article: Article): string {
  const lines = [article.source.key];
  const row = (label: string, value: string | null | undefined) => lines.push(`  ${label.padEnd(12)} ${value ?? '—'}`);
  row('title:', article.title);
  row('published:', article.publishedAt);
  row('author:', article.author);
  row('source:', [article.source.outlet, article.source.url].filter(Boolean).join(' · ') || null);
  row('format:', `${article.format}, ${article.encoding}`);
  const event = article.primaryEvent;
  if (event) {
    row('meeting:', `${event.type} (${MEETING_KINDS[event.type]})${event.planned ? ', planned' : ''}`);
    row('  date:', event.date ? `${event.date}${event.dateInferred ? ' (year inferred)' : ''}` : null);
    row('  organiser:', event.organizer);
    row('  chair:', event.chair ? `${event.chair.name}${event.chair.position ? `, ${event.chair.position}` : ''}` : null);
  } else {
    row('meeting:', null);
  }
  row(
    'documents:',
    article.documents.length ? article.documents.map((d) => d.code ?? `${d.type ?? ''} ${d.number ?? ''}`.trim()).join('; ') : null,
  );
  row('people:', article.people.length ? article.people.map((p) => p.name).join(', ') : null);
  row('warnings:', article.warnings.length ? article.warnings.join('; ') : null);
  return lines.join('\n');
}

function reportRejection(rejection: Rejection): void {
  RejectionSchema.parse(rejection);
  process.stderr.write(`${rejection.key}: rejected (${rejection.reason}): ${rejection.message}\n`);
}

interface Stats {
  files: number;
  parsed: number;
  rejected: Record<string, number>;
  withTitle: number;
  withPublishedAt: number;
  withAuthor: number;
  withPrimaryEvent: number;
  withDocuments: number;
  html: number;
  seconds: number;
}

/** Parses every file and counts what was found. */
export function collectStats(files: string[], maxBytes?: number): Stats {
  const stats: Stats = {
    files: files.length, parsed: 0, rejected: {}, withTitle: 0, withPublishedAt: 0, withAuthor: 0,
    withPrimaryEvent: 0, withDocuments: 0, html: 0, seconds: 0,
  };
  const started = process.hrtime.bigint();
  for (const file of files) {
    const result = parseFile(file, maxBytes);
    if (!result.ok) {
      stats.rejected[result.rejection.reason] = (stats.rejected[result.rejection.reason] ?? 0) + 1;
      continue;
    }
    const a = result.article;
    stats.parsed++;
    if (a.title) stats.withTitle++;
    if (a.publishedAt) stats.withPublishedAt++;
    if (a.author) stats.withAuthor++;
    if (a.primaryEvent) stats.withPrimaryEvent++;
    if (a.documents.length > 0) stats.withDocuments++;
    if (a.format === 'html') stats.html++;
  }
  stats.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return stats;
}

function formatStats(s: Stats): string {
  const pct = (n: number) => (s.parsed ? `${((100 * n) / s.parsed).toFixed(1)}%` : '—');
  const rejected = Object.values(s.rejected).reduce((a, b) => a + b, 0);
  const lines = [
    `files:             ${s.files}`,
    `parsed:            ${s.parsed}`,
    `rejected:          ${rejected}${rejected ? ` (${Object.entries(s.rejected).map(([r, n]) => `${r}: ${n}`).join(', ')})` : ''}`,
    `with title:        ${s.withTitle} (${pct(s.withTitle)})`,
    `with publishedAt:  ${s.withPublishedAt} (${pct(s.withPublishedAt)})`,
    `with author:       ${s.withAuthor} (${pct(s.withAuthor)})`,
    `with primaryEvent: ${s.withPrimaryEvent} (${pct(s.withPrimaryEvent)})`,
    `with documents:    ${s.withDocuments} (${pct(s.withDocuments)})`,
    `html files:        ${s.html}`,
    `time:              ${s.seconds.toFixed(2)} s (${s.seconds > 0 ? Math.round(s.files / s.seconds) : '—'} files/s)`,
  ];
  return lines.join('\n');
}

interface ParseOptions {
  json?: boolean;
  stats?: boolean;
  maxBytes?: number;
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('Parse article files (.txt or .html, any Vietnamese encoding) and show what was found.')
    .argument('<paths...>', 'article files, or folders searched recursively for .txt/.html/.htm files')
    .option('--json', 'print validated article records as JSON (an array when several files are given)')
    .option('--stats', 'parse everything and print counts (parsed, rejected by reason, fields found, time)')
    .option('--max-bytes <n>', 'reject files larger than n bytes', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expects a positive integer, got ${v}`);
      return n;
    })
    .addHelpText(
      'after',
      `
Rejected files (empty, binary, undecodable, too large, no text) are reported on stderr with
their reason, and the command exits with status 2 (1: a usage error; 3: an internal failure).

Examples:
  $ npx bantin parse article.txt                 readable summary of one article
  $ npx bantin parse --json article.html         the validated record as JSON
  $ npx bantin parse --json a.txt b.html > out.json
  $ npx bantin parse --stats ../shared/corpus coverage counts over a folder tree`,
    )
    .action((paths: string[], options: ParseOptions) => {
      const files = collectFiles(paths);
      if (options.stats) {
        process.stdout.write(`${formatStats(collectStats(files, options.maxBytes))}\n`);
        return;
      }
      const articles: Article[] = [];
      let rejected = 0;
      for (const file of files) {
        const result = parseFile(file, options.maxBytes);
        if (!result.ok) {
          rejected++;
          reportRejection(result.rejection);
          continue;
        }
        const article = ArticleSchema.parse(result.article);
        if (options.json) articles.push(article);
        else process.stdout.write(`${formatSummary(article)}\n\n`);
      }
      if (options.json) {
        const out = files.length === 1 ? (articles[0] ?? null) : articles;
        if (out !== null) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      }
      if (rejected > 0) process.exitCode = EXIT.input;
    });
}
