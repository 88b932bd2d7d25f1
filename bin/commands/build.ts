import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import { buildFolder, type ProgressEvent } from '../../lambda/core/build.ts';
import { PERIOD_KINDS, type PeriodKind } from '../../lambda/core/periods.ts';
import { CorrectionsFileError } from '../../lambda/core/corrections.ts';
import { CliError, EXIT } from '../errors.ts';
import { onInterrupt, removeStaleTempFiles } from '../interrupt.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../lambda/core/timezone.ts';

function timeZoneOption(value: string): string {
  const zone = value.trim();
  if (!isValidTimeZone(zone)) throw new InvalidArgumentError(`"${value}" is not an IANA time zone such as Asia/Ho_Chi_Minh, Asia/Bangkok or UTC.`);
  return zone;
}

function collectKinds(value: string, previous: PeriodKind[] | undefined): PeriodKind[] {
  const out = [...(previous ?? [])];
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(PERIOD_KINDS as readonly string[]).includes(part)) {
      throw new InvalidArgumentError(`"${part}" is not one of ${PERIOD_KINDS.join(', ')}.`);
    }
    if (!out.includes(part as PeriodKind)) out.push(part as PeriodKind);
  }
  return out;
}

const EXAMPLES = `
Examples:
  $ npx bantin build ./bai-viet --out ./ban-tin
      every period (months, quarters, halves, years) touched by the articles in ./bai-viet
  $ npx bantin build ./bai-viet --out ./ban-tin --period half,year
      only "6 tháng đầu/cuối năm" and yearly digests
  $ npx bantin build ./bai-viet --out ./ban-tin --period quarter --lang en
      quarterly digests with English labels
  $ npx bantin build ./bai-viet --out ./ban-tin --issuer "Đảng ủy Sở Thông tin và Truyền thông" --place "Hà Tĩnh"
      the Word report's header: the issuing body (top left) and the place of the date line
  $ npx bantin build ./bai-viet --out ./ban-tin --templates ./my-templates
      your own layout.hbs, partials/*.hbs or style.css (missing files fall back to the built-in ones)
  $ npx bantin build ./bai-viet --out ./ban-tin --time-zone Asia/Bangkok
      dates in another zone (default Asia/Ho_Chi_Minh)
  $ npx bantin build ./bai-viet --out ./ban-tin --corrections ./hieu-chinh.json
      apply your corrections, e.g. {"002_467a0e42bdf0f961.txt": {"primaryEvent": {"date": "2023-02-17"}},
      "003_7b32a01fed08cab9.txt": {"exclude": true}} (keys: file paths under DIR; see the README)

Output:
  OUT/<period>/digest.html   self-contained HTML (inline CSS, printable, readable on a phone)
  OUT/<period>/digest.pdf    A4 PDF with Be Vietnam Pro, bookmarks and page numbers
  OUT/<period>/digest.docx   editable Word report in the Party's layout (Hướng dẫn 36-HD/VPTW)
  OUT/<period>/digest.json   the aggregated data (schemaVersion, generation 0 for local builds)
  OUT/index.html             links to every digest
  OUT/rejected.json          files that could not be used, and why (only when there are some), including
                             files not read: Word, PDF, images, other types, links leading outside DIR
  OUT/corrections-report.json  what became of each correction (only with --corrections)
  OUT/.cache/                parse and render caches (safe to delete)

A file's upload hints go in a sidecar beside it, <file>.meta.json, with the keys of the S3 path's
metadata: {"source-url": "https://…", "published-at": "2023-06-07T09:30+07:00"} (both optional; a
publication time printed in the article wins). A bad sidecar is reported and ignored. Copying
files resets their modification times, which stand in for the upload time: use cp -p to keep them.

Periods are ids like 2023-06 (month), 2023-Q2 (quarter), 2023-H1 (half), 2023 (year). An article
belongs to the periods of its meeting's date; without one, its publication date; without that,
the file's modification time stands in for the upload time: a meeting day printed without a year
("sáng 16/2") takes the latest such day on or before it, otherwise the day itself (both flagged in
the digest). Articles whose year cannot be known at all go to OUT/undated/. Re-running on the same folder reuses the cache and leaves unchanged files untouched:
the "generated" date (Ngày lập) of a digest is the day its content last changed, so an unchanged
period keeps identical bytes. SOURCE_DATE_EPOCH (seconds since 1970) stands in for the clock,
for reproducible builds.`;

function progressReporter(): { onProgress: (e: ProgressEvent) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: ' {phase} |{bar}| {value}/{total} {item}', hideCursor: true, clearOnComplete: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  return {
    onProgress: (e) => {
      if (e.phase === 'scan') return;
      if (phase !== e.phase) {
        if (phase) bar.stop();
        phase = e.phase;
        bar.start(e.total, 0, { phase: e.phase === 'parse' ? 'parsing  ' : 'rendering', item: '' });
      }
      const item = e.phase === 'parse' ? e.key : e.periodId;
      bar.update(e.done, { item: item.length > 40 ? `…${item.slice(-39)}` : item });
    },
    stop: () => {
      if (phase) bar.stop();
    },
  };
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .summary('turn a folder of articles into period digests (HTML, PDF, Word, JSON)')
    .description('Parse every .txt/.html/.htm article under DIR (recursively) and write one digest per period into --out.')
    .argument('<dir>', 'folder of article files (.txt, .html, .htm; any Vietnamese encoding)')
    .requiredOption('-o, --out <dir>', 'output folder')
    .addOption(
      new Option('-p, --period <kinds>', 'period kinds to build: month, quarter, half, year (repeat or comma-separate; default: all)')
        .argParser(collectKinds),
    )
    .addOption(new Option('-l, --lang <lang>', 'language of the digest labels').choices(['vi', 'en']).default('vi'))
    .option('-t, --templates <dir>', 'folder with your own Handlebars templates (layout.hbs, partials/*.hbs, style.css)')
    .option('-c, --corrections <file>', 'JSON file of corrections keyed by article file name (see the README)')
    .option('--issuer <name>', 'issuing body printed at the top left of the report, e.g. "Đảng ủy Sở Thông tin và Truyền thông"')
    .option('--place <name>', 'place printed in the report\'s date line, e.g. "Hà Tĩnh"')
    .addOption(
      new Option('--time-zone <zone>', 'IANA time zone of dates: periods, "Ngày lập", timestamps that carry a zone')
        .default(DEFAULT_TIME_ZONE)
        .argParser(timeZoneOption),
    )
    .option('--no-cache', 'parse and render everything again, ignoring OUT/.cache')
    .addHelpText('after', EXAMPLES)
    .action(async (dir: string, options: { out: string; period?: PeriodKind[]; lang: 'vi' | 'en'; templates?: string; corrections?: string; cache: boolean; issuer?: string; place?: string; timeZone: string }) => {
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`Not a folder: ${dir}`, EXIT.input);
      if (options.templates && !existsSync(options.templates)) throw new CliError(`Template folder not found: ${options.templates}`, EXIT.input);
      if (options.corrections && !(existsSync(options.corrections) && statSync(options.corrections).isFile())) {
        throw new CliError(`Corrections file not found: ${options.corrections}`, EXIT.input);
      }
      const epoch = process.env.SOURCE_DATE_EPOCH;
      if (epoch !== undefined && !/^\d{1,12}$/.test(epoch)) throw new CliError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${epoch}"`, EXIT.usage);
      // Ctrl-C: the terminal comes back as it was and no temp file stays; a killed run's are removed now.
      removeStaleTempFiles(path.resolve(options.out));
      const progress = progressReporter();
      const releaseInterrupt = onInterrupt(path.resolve(options.out), progress.stop);
      let summary;
      try {
        summary = await buildFolder({
          inputDir: path.resolve(dir),
          outDir: path.resolve(options.out),
          lang: options.lang,
          noCache: !options.cache,
          timeZone: options.timeZone,
          ...(epoch !== undefined ? { now: () => new Date(Number(epoch) * 1000) } : {}),
          ...(options.issuer?.trim() ? { issuer: options.issuer.trim() } : {}),
          ...(options.place?.trim() ? { place: options.place.trim() } : {}),
          onProgress: progress.onProgress,
          ...(options.period?.length ? { kinds: options.period } : {}),
          ...(options.templates ? { templateDir: path.resolve(options.templates) } : {}),
          ...(options.corrections ? { correctionsFile: path.resolve(options.corrections) } : {}),
        });
      } catch (error) {
        if (error instanceof CorrectionsFileError) throw new CliError(error.message, EXIT.input);
        throw error;
      } finally {
        progress.stop();
        releaseInterrupt();
      }
      const out = process.stdout;
      const digestsWritten = summary.digests.filter((d) => d.written.length > 0).length;
      out.write(
        `Files: ${summary.files} (${summary.parsed} parsed, ${summary.fromCache} from cache)\n` +
          `Articles: ${summary.articles}${summary.duplicates ? ` (+${summary.duplicates} duplicate upload${summary.duplicates === 1 ? '' : 's'} merged)` : ''}\n` +
          `Rejected: ${summary.rejected.length}\n`,
      );
      const reasons = new Map<string, number>();
      for (const r of summary.rejected) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      for (const [reason, n] of reasons) out.write(`  ${reason}: ${n}\n`);
      for (const r of summary.rejected.slice(0, 10)) out.write(`    ${r.key}: ${r.message}\n`);
      if (summary.rejected.length > 10) out.write(`    … see ${path.join(options.out, 'rejected.json')}\n`);
      if (summary.sidecars.used > 0 || summary.sidecars.ignored.length > 0) {
        out.write(`Sidecars (.meta.json): ${summary.sidecars.used} used, ${summary.sidecars.ignored.length} ignored\n`);
        for (const s of summary.sidecars.ignored.slice(0, 10)) out.write(`    ${s.key}: ignored: ${s.problem}\n`);
      }
      if (summary.skipped.length > 0) {
        out.write(`Skipped: ${summary.skipped.length} (not articles: only .txt, .html and .htm files are read)\n`);
        for (const r of summary.skipped.slice(0, 10)) out.write(`    ${r.key}: ${r.message}\n`);
        out.write(`    … listed in ${path.join(options.out, 'rejected.json')}\n`);
      }
      if (options.corrections) {
        const by = (status: string) => summary.corrections.filter((c) => c.status === status);
        const bad = summary.corrections.filter((c) => c.status === 'invalid' || c.status === 'no-article');
        out.write(`Corrections: ${summary.corrections.length} (${by('applied').length} applied, ${by('excluded').length} excluded, ${bad.length} not applied)\n`);
        for (const c of bad.slice(0, 10)) out.write(`  ${c.key}: not applied: ${c.problems.join('; ')}\n`);
        if (bad.length > 0) out.write(`  … see ${path.join(options.out, 'corrections-report.json')}\n`);
      }
      out.write(
        `Digests: ${summary.digests.length} (${digestsWritten} written, ${summary.digests.length - digestsWritten} unchanged)\n` +
          `Files written: ${summary.written}, unchanged: ${summary.unchanged}\n` +
          `Time: ${(summary.ms.total / 1000).toFixed(2)} s (parse ${(summary.ms.parse / 1000).toFixed(2)} s, aggregate+render ${(summary.ms.render / 1000).toFixed(2)} s)\n` +
          `Index: ${path.join(options.out, 'index.html')}\n`,
      );
      if (summary.files === 0 && summary.skipped.length > 0) {
        const n = summary.skipped.length;
        process.stderr.write(
          `No article was read from ${dir}: the ${n === 1 ? 'only file there is' : `${n} files there are`} not .txt, .html or .htm articles (see "Skipped" above). ` +
            'Save each article page as .html, or its text as .txt, and run build again.\n',
        );
        process.exitCode = 2;
      }
    });
}
