/**
 * `bantin reconcile`: is every upload accounted for? Lists incoming/, articles/ and rejected/ of a
 * bucket (AWS with the default credential chain, or a local S3 server via --endpoint) and reports
 * `incoming = articles + rejected` with every difference. Exits 1 when they differ.
 */
import type { Command } from 'commander';
import { formatReconcileReport, reconcile } from '../../lambda/pipeline/reconcile.ts';
import { createS3Client, S3ObjectStore } from '../../lambda/storage/s3.ts';
import { LOCAL_MAX_SEGMENT_BYTES } from '../../lambda/pipeline/key-safety.ts';

interface ReconcileOptions {
  endpoint?: string;
  bucket: string;
  json?: boolean;
  limit: string;
}

export function registerReconcile(program: Command): void {
  program
    .command('reconcile')
    .description('check that every upload under incoming/ has exactly one record (articles/ or rejected/); exit 1 if not')
    .option('--endpoint <url>', 'S3-compatible endpoint, e.g. http://127.0.0.1:4568 for `bantin local` (default: AWS)')
    .option('--bucket <name>', 'bucket name', process.env.BANTIN_BUCKET ?? 'bantin')
    .option('--json', 'print the full report as JSON')
    .option('--limit <n>', 'keys listed per difference in the text report', '50')
    .action(async (opts: ReconcileOptions) => {
      if (opts.endpoint) {
        // s3rver checks signatures against its built-in S3RVER key pair.
        process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
        process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
      }
      const client = createS3Client({ BANTIN_S3_ENDPOINT: opts.endpoint, AWS_REGION: process.env.AWS_REGION });
      try {
        // A local endpoint is `bantin local`, whose file-system store limits name lengths (key-safety.ts).
        const limits = opts.endpoint ? { maxKeySegmentBytes: LOCAL_MAX_SEGMENT_BYTES } : {};
        const report = await reconcile(new S3ObjectStore(client, opts.bucket), limits);
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatReconcileReport(report, Number(opts.limit) || 50));
        if (!report.balanced) process.exitCode = 1;
      } finally {
        client.destroy();
      }
    });
}
