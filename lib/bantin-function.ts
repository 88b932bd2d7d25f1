/**
 * A bantin Lambda: Node.js 22 on arm64, JSON logs into its own log group, bundled by the local
 * esbuild (no Docker) as ESM: index.mjs plus chunks/ for what is imported lazily, so a cold start
 * parses only what the first event needs (lib/lambda-bundle.mjs, run as the first afterBundling
 * hook, replaces the single file NodejsFunction's esbuild step writes). The AWS SDK is bundled
 * rather than taken from the runtime, so the code runs against the SDK version it was tested
 * with, and the bundle runs anywhere Node runs (the asset test loads it outside Lambda).
 * Renderers add pdfkit as an installed module (a bundled pdfkit breaks on its
 * `new URL('./data/…')`) plus the templates and fonts.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FONT_FILE_NAMES } from '../lambda/core/assets.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where the bundled templates and fonts sit inside the Lambda (the bundle's own folder). */
export const LAMBDA_TASK_ROOT = '/var/task';

const FONT_PACKAGE = 'node_modules/@expo-google-fonts/be-vietnam-pro';

/** Project-relative paths of the Be Vietnam Pro faces the renderers embed. */
export function fontSources(root = PROJECT_ROOT): string[] {
  const pkg = path.join(root, FONT_PACKAGE);
  const dirs = existsSync(pkg) ? readdirSync(pkg, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  return FONT_FILE_NAMES.map((name) => {
    const dir = dirs.find((d) => existsSync(path.join(pkg, d.name, name)));
    if (!dir) throw new Error(`font ${name} not found under ${FONT_PACKAGE} (run npm ci)`);
    return `${FONT_PACKAGE}/${dir.name}/${name}`;
  });
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Shell commands pruning files of the installed pdfkit tree that Node never loads (source maps,
 * browser builds, type declarations, pdfkit's vendored yarn), keeping the zip well under 5 MB.
 * Each hook command runs in its own `bash -c` from the project root, so every command here
 * names the output folder absolutely and stops if it is missing.
 */
function pruneInstalledModules(outputDir: string): string {
  const nm = path.join(outputDir, 'node_modules');
  if (!path.isAbsolute(outputDir) || path.resolve(outputDir) === PROJECT_ROOT) throw new Error(`refusing to prune ${nm}`);
  return [
    `test -d ${q(nm)}`,
    `find ${q(nm)} \\( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.md' \\) -type f -delete`,
    `rm -rf ${q(nm)}/pdfkit/.yarn ${q(nm)}/pdfkit/js/pdfkit.browser.* ${q(nm)}/pdfkit/js/pdfkit.standalone.js ${q(nm)}/pdfkit/js/*.old.*`,
    `rm -rf ${q(nm)}/fontkit/src ${q(nm)}/fontkit/dist/browser* ${q(nm)}/@swc/helpers/src`,
    `rm -f ${q(path.join(outputDir, 'package.json'))} ${q(path.join(outputDir, 'package-lock.json'))}`,
  ].join(' && ');
}

/** esbuild's ESM output still meets CommonJS dependencies that call require() on Node built-ins. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __bantinCreateRequire } from 'node:module'; const require = __bantinCreateRequire(import.meta.url);";

/** The esbuild options of every bantin Lambda (NodejsFunction's step and lib/lambda-bundle.mjs). */
export const ESBUILD_OPTIONS = {
  target: 'node22',
  minify: true,
  keepNames: true,
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
};

/** `node lib/lambda-bundle.mjs ENTRY OUTDIR OPTIONS_JSON`: the code-split build of a handler. */
export const LAMBDA_BUNDLE_SCRIPT = path.join(PROJECT_ROOT, 'lib', 'lambda-bundle.mjs');

/**
 * The code-split build of the handler into the output folder (lib/lambda-bundle.mjs, same options),
 * replacing the single index.mjs NodejsFunction's esbuild step wrote.
 */
function splitBundle(entry: string, outputDir: string, external: string[]): string {
  return [process.execPath, LAMBDA_BUNDLE_SCRIPT, entry, outputDir, JSON.stringify({ ...ESBUILD_OPTIONS, external })].map(q).join(' ');
}

export interface BantinFunctionProps {
  /** Handler file under lambda/handlers/, e.g. `ingest.ts`. */
  handlerFile: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /** Copies templates and fonts into the bundle and installs pdfkit. */
  renders?: boolean;
  reservedConcurrentExecutions?: number;
}

export class BantinFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: BantinFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    const fonts = props.renders ? fontSources() : [];
    const entry = path.join(PROJECT_ROOT, 'lambda/handlers', props.handlerFile);
    const nodeModules = props.renders ? ['pdfkit'] : [];
    this.fn = new NodejsFunction(this, 'Function', {
      entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup,
      environment: {
        ...props.environment,
        ...(props.renders ? { BANTIN_ASSETS_DIR: LAMBDA_TASK_ROOT } : {}),
      },
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        ...ESBUILD_OPTIONS,
        externalModules: [],
        bundleAwsSDK: true,
        nodeModules: nodeModules.length ? nodeModules : undefined,
        // The pdfkit install for the renderer: use npm's cache first, skip audit/fund/update checks,
        // so `cdk synth` on a machine without network does not wait minutes for timeouts.
        environment: { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            splitBundle(entry, outputDir, nodeModules),
            ...(props.renders
              ? [
                  `mkdir -p ${q(path.join(outputDir, 'templates'))} ${q(path.join(outputDir, 'fonts'))}`,
                  `cp -R ${q(path.join(inputDir, 'templates'))}/. ${q(path.join(outputDir, 'templates'))}/`,
                  ...fonts.map((f) => `cp ${q(path.join(inputDir, f))} ${q(path.join(outputDir, 'fonts'))}/`),
                  pruneInstalledModules(outputDir),
                ]
              : []),
          ],
        },
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime bantin is built and tested for (esbuild target node22); move with a tested upgrade, not automatically.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'AWSLambdaBasicExecutionRole only allows writing CloudWatch Logs, which every function needs; no data access comes from it.',
    });
  }
}
