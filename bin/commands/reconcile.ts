/**
 * `bantin reconcile [--repair]`: is every upload accounted for? Lists incoming/, articles/ and
 * rejected/ of a bucket (AWS with the default credential chain, or a local S3 server via
 * --endpoint) and reports every difference by key. Exits 1 when something is unaccounted for.
 * With --repair, every such upload goes through the ingest again (the same code the queue feeds),
 * and the report is taken again afterwards.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { parseArticle } from '../../lambda/core/parse.ts';
import { configFromCdkJson } from '../../lambda/local/settings.ts';
import { LOCAL_MAX_SEGMENT_BYTES } from '../../lambda/pipeline/key-safety.ts';
import { silentLogger } from '../../lambda/pipeline/log.ts';
import { formatReconcileReport, reconcile } from '../../lambda/pipeline/reconcile.ts';
import { redrive } from '../../lambda/pipeline/redrive.ts';
import { createS3Client, S3ObjectStore } from '../../lambda/storage/s3.ts';

interface ReconcileOptions {
  endpoint?: string;
  bucket: string;
  json?: boolean;
  repair?: boolean;
  limit: string;
}

export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('check that every upload under incoming/ has exactly one record (articles/ or rejected/); exit 1 if not')
    .option('--endpoint <url>', 'S3-compatible endpoint, e.g. http://127.0.0.1:4568 for `bantin local` (default: AWS)')
    .option('--bucket <name>', 'bucket name', process.env.BANTIN_BUCKET ?? 'bantin')
    .option('--repair', 'ingest again every upload that has no record, two records, or changed after its record; remove records whose upload is gone')
    .option('--json', 'print the full report as JSON')
    .option('--limit <n>', 'keys listed per difference in the text report', '50')
    .addHelpText(
      'after',
      `
When to use --repair: after a crash or an outage left uploads without records (dead-lettered
messages, a Lambda that failed for a while, \`bantin local\` killed while busy). It parses on this
machine with the same code and settings (cdk.json) as the ingest Lambda; the next render picks
the changes up. Safe to run at any time: uploads already accounted for are not touched.`,
    )
    .action(async (opts: ReconcileOptions) => {
      if (opts.endpoint) {
        // s3rver checks signatures against its built-in S3RVER key pair.
        process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
        process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
      }
      const client = createS3Client({ BANTIN_S3_ENDPOINT: opts.endpoint, AWS_REGION: process.env.AWS_REGION });
      try {
        const store = new S3ObjectStore(client, opts.bucket);
        // A local endpoint is `bantin local`, whose file-system store limits name lengths (key-safety.ts).
        const limits = opts.endpoint ? { maxKeySegmentBytes: LOCAL_MAX_SEGMENT_BYTES } : {};
        if (opts.repair) {
          const config = { ...configFromCdkJson(path.resolve('cdk.json')), ...limits };
          const result = await redrive({ store, config, log: silentLogger, parse: parseArticle }, limits);
          if (!opts.json) {
            const by = (s: string) => result.outcomes.filter((o) => o.status === s).length;
            console.log(
              `repair: ${result.outcomes.length} upload(s) ingested again (${by('ingested')} article(s), ${by('rejected')} rejection(s), ${by('removed')} removal(s))` +
                (result.failed.length ? `; ${result.failed.length} failed: ${result.failed.map((f) => `${f.key} (${f.error})`).join(', ')}` : ''),
            );
          }
        }
        const report = await reconcile(store, limits);
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatReconcileReport(report, Number(opts.limit) || 50));
        if (!report.balanced) process.exitCode = 1;
      } finally {
        client.destroy();
      }
    });
}
