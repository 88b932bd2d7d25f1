/**
 * `bantin local`: the pipeline on one machine. s3rver on 127.0.0.1 plays the bucket; its events
 * drive the same handler code the Lambdas run (see lambda/local/server.ts).
 */
import { createServer } from 'node:net';
import path from 'node:path';
import type { Command } from 'commander';
import { configFromCdkJson } from '../../lambda/local/settings.ts';
import { consoleLogger } from '../../lambda/local/console-logger.ts';
import { CORRECTIONS, DIGESTS, INCOMING } from '../../lambda/pipeline/keys.ts';
import { CliError, EXIT } from '../errors.ts';
import { t } from '../i18n.ts';

/**
 * s3rver is a development dependency (nothing deployed uses it, and its old multipart parser carries
 * an advisory), so it is loaded only when `bantin local` runs.
 */
async function loadServer(): Promise<typeof import('../../lambda/local/server.ts')> {
  try {
    return await import('../../lambda/local/server.ts');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && /s3rver/.test(String(error))) {
      throw new CliError(t('local.needsDev'), EXIT.internal);
    }
    throw error;
  }
}

/**
 * Is the port free on 127.0.0.1? s3rver reports a busy port as an unhandled 'error' event (a crash
 * with a stack), so the CLI asks first.
 */
function probePort(port: number, which: 'port' | 'consolePort' = 'port'): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(CliError.of(which === 'port' ? 'local.portInUse' : 'local.consolePortInUse', { port }, EXIT.input));
      else if (error.code === 'EACCES') reject(CliError.of(which === 'port' ? 'local.portDenied' : 'local.consolePortDenied', { port }, EXIT.input));
      else reject(error);
    });
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

interface LocalCliOptions {
  port: string;
  bucket: string;
  data: string;
  debounce: string;
  consolePort: string;
  verbose?: boolean;
}

export function registerLocal(program: Command): void {
  program
    .command('local')
    .description('run the pipeline locally: an S3-compatible server (s3rver) driving the Lambda handlers')
    .option('--port <port>', 'port on 127.0.0.1', '4568')
    .option('--bucket <name>', 'bucket name', 'bantin')
    .option('--data <dir>', 'data folder (kept between runs)', '.bantin/s3')
    .option('--debounce <seconds>', 'render dirty digests every N seconds (the schedule on AWS)', '5')
    .option('--console-port <port>', 'port of the web console on 127.0.0.1 (0: no console)', '4580')
    .option('--verbose', 'debug logs')
    .action(async (opts: LocalCliOptions) => {
      const port = Number(opts.port);
      const debounceSeconds = Number(opts.debounce);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port: not a port: ${opts.port}`, EXIT.usage);
      if (!(debounceSeconds > 0)) throw new CliError(`--debounce: must be a positive number, got ${opts.debounce}`, EXIT.usage);
      const consolePort = Number(opts.consolePort);
      if (!Number.isInteger(consolePort) || consolePort < 0 || consolePort > 65535) throw new CliError(`--console-port: not a port: ${opts.consolePort}`, EXIT.usage);
      if (port !== 0) await probePort(port);
      if (consolePort !== 0) await probePort(consolePort, 'consolePort');
      const config = configFromCdkJson(path.resolve('cdk.json'));
      const log = consoleLogger({ verbose: opts.verbose });
      const { LOCAL_CREDENTIALS, LOCAL_REGION, startLocal } = await loadServer();
      const local = await startLocal({ port, bucket: opts.bucket, dataDir: path.resolve(opts.data), config, log, debounceSeconds, consolePort: consolePort || null }).catch((error: unknown) => {
        const e = error as { code?: string; syscall?: string; consolePort?: number };
        if (e?.code === 'EADDRINUSE' && e.consolePort) throw CliError.of('local.consolePortInUse', { port: e.consolePort }, EXIT.input);
        if (e?.code === 'EACCES' && e.consolePort) throw CliError.of('local.consolePortDenied', { port: e.consolePort }, EXIT.input);
        if (e?.code === 'EADDRINUSE') throw CliError.of('local.portInUse', { port }, EXIT.input);
        if (e?.code === 'EACCES' && e.syscall === 'listen') throw CliError.of('local.portDenied', { port }, EXIT.input);
        throw error;
      });

      const aws = `aws --endpoint-url ${local.endpoint}`;
      const s3 = `s3://${local.bucket}`;
      process.stdout.write(
        [
          `bantin local: S3 endpoint ${local.endpoint}  bucket ${local.bucket}  data ${path.resolve(opts.data)}`,
          ...(local.consoleUrl ? [`Web console: ${local.consoleUrl}  (no sign-in on this machine)`] : []),
          `Uploads under ${INCOMING} are parsed (corrections under ${CORRECTIONS}, see the README); digests are re-rendered every ${debounceSeconds}s when something changed.`,
          '',
          'In another shell:',
          `  export AWS_ACCESS_KEY_ID=${LOCAL_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${LOCAL_CREDENTIALS.secretAccessKey} AWS_DEFAULT_REGION=${LOCAL_REGION}`,
          '  export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required',
          `  ${aws} s3 cp examples/articles/000_4ebbb8be58c93479.txt "${s3}/${INCOMING}000_4ebbb8be58c93479.txt"`,
          `  ${aws} s3 ls --recursive ${s3}/${DIGESTS}`,
          `  ${aws} s3 cp ${s3}/${DIGESTS}index.html .`,
          `  ${aws} s3 cp ${s3}/${DIGESTS}2021-09/digest.pdf .`,
          '',
          'Ctrl-C to stop.',
          '',
        ].join('\n'),
      );

      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await local.close();
    });
}
