/**
 * Cold start benchmark: every Lambda bundle in cdk.out (synthesised offline when missing), its
 * size (unzipped, zipped, and the code a cold start reads: index.mjs and the chunks it imports
 * statically), and how long a fresh Node process takes to load it. The bundle is copied out of
 * the repository first so nothing resolves from the repo's node_modules except the AWS SDK v3,
 * which the Lambda Node.js runtime provides (bantin bundles its own all the same).
 * Each bundle load alternates with a bare node start of the same method (the floor); the verdict
 * is on the difference, bundle CPU − bare node CPU (target ≤ 150 ms). Informative probes, built
 * with the Lambdas' own bundler and options, measure the shares of the S3 client and of zod alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESBUILD_OPTIONS, LAMBDA_BUNDLE_SCRIPT } from '../lib/bantin-function.ts';
import { repoRoot } from './corpus.ts';
import { pinned, oneCoreNote } from './child.ts';
import { median, envInt, round, MiB } from './stats.ts';
import type { Row } from './table.ts';
import { skipped, type Outcome } from './outcome.ts';

export const title = 'Cold start (Lambda bundles)';

const TARGET_ZIP_MB = 5;
const TARGET_LOAD_MS = 300;
/** Issue 14: each bundle within 150 ms (CPU) of a bare node start, measured in the same run. */
const TARGET_OVER_BARE_MS = 150;

interface LambdaAsset {
  /** Function logical id / construct path. */
  name: string;
  dir: string;
  handler: string;
  runtime: string;
  architecture: string;
  environment: Record<string, string>;
}

function displayPath(dir: string): string {
  const rel = path.relative(repoRoot, dir);
  return rel.startsWith('..') ? dir : rel;
}

function cdkOut(): string {
  return process.env.BANTIN_CDK_OUT ? path.resolve(process.env.BANTIN_CDK_OUT) : path.join(repoRoot, 'cdk.out');
}

function synth(out: string): string {
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  if (result.status !== 0) {
    const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('npm warn'))
      .slice(-4)
      .join(' | ');
    throw new Error(`cdk synth failed (exit ${result.status}): ${output.slice(-600)}`);
  }
  return `synthesised with \`npx cdk synth\` into ${displayPath(out)}`;
}

type CfnValue = string | number | boolean | null | CfnValue[] | { [key: string]: CfnValue };

/** Lambda functions of every template in cdk.out with the asset directory holding their code. */
function lambdaAssets(out: string): LambdaAsset[] {
  const assets: LambdaAsset[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(out).filter((f) => f.endsWith('.template.json'))) {
    const template = JSON.parse(readFileSync(path.join(out, file), 'utf8')) as {
      Resources?: Record<string, { Type: string; Properties?: Record<string, CfnValue>; Metadata?: Record<string, CfnValue> }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') continue;
      const dir = path.resolve(out, assetPath);
      if (!existsSync(dir) || !statSync(dir).isDirectory() || seen.has(dir)) continue;
      const props = resource.Properties ?? {};
      // Only bantin's Node.js bundles: CDK's own helpers (the Python BucketDeployment handler) are not ours to tune.
      if (typeof props.Runtime === 'string' && !props.Runtime.startsWith('nodejs')) continue;
      seen.add(dir);
      const envVars = ((props.Environment as { Variables?: Record<string, CfnValue> } | undefined)?.Variables ?? {});
      const environment: Record<string, string> = {};
      for (const [key, value] of Object.entries(envVars)) {
        environment[key] = typeof value === 'string' || typeof value === 'number' ? String(value) : `bench-${key.toLowerCase()}`;
      }
      const cdkPath = resource.Metadata?.['aws:cdk:path'];
      assets.push({
        name: typeof cdkPath === 'string' ? cdkPath.split('/').slice(1, -1).join('/') || logicalId : logicalId,
        dir,
        handler: typeof props.Handler === 'string' ? props.Handler : 'index.handler',
        runtime: typeof props.Runtime === 'string' ? props.Runtime : '?',
        architecture: Array.isArray(props.Architectures) ? String(props.Architectures[0]) : 'x86_64',
        environment,
      });
    }
  }
  return assets;
}

function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Zipped size as Lambda would receive it (zip -9, like the CDK asset packager's deflate). */
function zippedSize(dir: string, tmp: string): number {
  const zipFile = path.join(tmp, `${path.basename(dir)}.zip`);
  const result = spawnSync('zip', ['-r', '-q', '-9', '-X', zipFile, '.'], { cwd: dir });
  if (result.status !== 0) throw new Error(`zip failed for ${dir}: ${result.stderr}`);
  const size = statSync(zipFile).size;
  rmSync(zipFile, { force: true });
  return size;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs') && !f.split(path.sep).includes('node_modules'));
}

function entryFile(dir: string, handler: string): string {
  const base = handler.split('.').slice(0, -1).join('.') || 'index';
  for (const ext of ['.mjs', '.js', '.cjs']) {
    const file = path.join(dir, `${base}${ext}`);
    if (existsSync(file)) return file;
  }
  throw new Error(`no entry ${base}.{mjs,js,cjs} in ${dir}`);
}

/** A copy of the bundle outside the repo, with only the runtime-provided AWS SDK resolvable beside it. */
function isolatedCopy(asset: LambdaAsset, tmp: string): string {
  const root = mkdtempSync(path.join(tmp, 'fn-'));
  const taskDir = path.join(root, 'var', 'task');
  mkdirSync(path.dirname(taskDir), { recursive: true });
  cpSync(asset.dir, taskDir, { recursive: true });
  // ESM ignores NODE_PATH, so the SDK goes where the walk up from /var/task finds it.
  const runtimeModules = path.join(root, 'node_modules');
  mkdirSync(runtimeModules, { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules', '@aws-sdk'), path.join(runtimeModules, '@aws-sdk'));
  return taskDir;
}

/** Relative module specifiers a module imports statically (import/export … from, bare import); not import(). */
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^;()"'`]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;

/** The files a cold start reads: the entry and every relative module it imports statically, transitively. */
export function readAtImport(entry: string): { files: string[]; bytes: number } {
  const seen = new Set<string>();
  const stack = [entry];
  let bytes = 0;
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(code);
    for (const m of code.matchAll(STATIC_IMPORT)) stack.push(path.resolve(path.dirname(file), m[1]!));
  }
  return { files: [...seen], bytes };
}

/**
 * Probes: one library alone, bundled by lib/lambda-bundle.mjs with the Lambdas' options and loaded
 * like a bundle, so its share of a cold start is measured rather than guessed (issue 14 asks for
 * the AWS SDK client's share and the schema library's).
 */
const PROBES: { name: string; source: (root: string) => string }[] = [
  { name: 'S3 client alone (`@aws-sdk/client-s3` S3Client)', source: () => "export { S3Client } from '@aws-sdk/client-s3';" },
  { name: 'zod alone as bantin imports it (`import * as z`)', source: () => "import * as z from 'zod';\nexport const handler = z.object;" },
  { name: 'zod alone as `import { z }` (the whole library: bantin before 30 Nov)', source: () => "import { z } from 'zod';\nexport const handler = z.object;" },
  {
    name: "bantin's zod schemas (zod plus building the article, digest, state and S3 event schemas)",
    source: (root) =>
      ['lambda/core/model.ts', 'lambda/core/digest-model.ts', 'lambda/pipeline/state.ts', 'lambda/pipeline/s3-event.ts']
        .map((f) => `export * from ${JSON.stringify(path.join(root, f))};`)
        .join('\n'),
  },
];

function buildProbe(source: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'probe.ts');
  writeFileSync(entry, `${source}\n`);
  const out = path.join(dir, 'task');
  const options = { ...ESBUILD_OPTIONS, external: [], nodePaths: [path.join(repoRoot, 'node_modules')] };
  const result = spawnSync(process.execPath, [LAMBDA_BUNDLE_SCRIPT, entry, out, JSON.stringify(options)], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`probe bundle failed: ${result.stderr.trim().split('\n').slice(0, 4).join(' | ')}`);
  return path.join(out, 'index.mjs');
}

interface LoadRun {
  /** From process start (performance.timeOrigin) until the import resolved. */
  sinceStartMs: number;
  /** CPU time of the process (all threads) from its start until loaded. */
  cpuMs: number;
  /** The import() alone. */
  importMs: number;
  /** Spawn to exit, as seen by the parent. */
  wallMs: number;
  handlerType: string;
}

/**
 * One fresh pinned `node` process that imports the bundle's entry and reports when it got there;
 * with no entry, the same process without the import: the bare-node floor of the same method.
 */
function loadOnce(entry: string | null, asset: LambdaAsset): Promise<LoadRun> {
  const exported = JSON.stringify(asset.handler.split('.').pop());
  const script = entry
    ? `const t0 = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(entry).href)}); const t1 = performance.now();
const h = m[${exported}] ?? m.default?.[${exported}];
const u = process.cpuUsage();
process.stdout.write(JSON.stringify({ sinceStartMs: t1, cpuMs: (u.user + u.system) / 1000, importMs: t1 - t0, handlerType: typeof h }));`
    : `const t1 = performance.now(); const u = process.cpuUsage();
process.stdout.write(JSON.stringify({ sinceStartMs: t1, cpuMs: (u.user + u.system) / 1000, importMs: 0, handlerType: 'none' }));`;
  const cwd = entry ? path.dirname(entry) : os.tmpdir();
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const [command, args] = pinned(process.execPath, ['--input-type=module', '-e', script], true);
    const child = spawn(command, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_LAMBDA_FUNCTION_NAME: asset.name,
        LAMBDA_TASK_ROOT: cwd,
        ...asset.environment,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) return reject(new Error(`loading ${asset.name} failed (${code}): ${stderr.trim().split('\n').slice(0, 6).join(' | ')}`));
      try {
        resolve({ ...(JSON.parse(stdout) as Omit<LoadRun, 'wallMs'>), wallMs });
      } catch {
        reject(new Error(`loading ${asset.name}: unexpected output ${stdout.slice(0, 200)}`));
      }
    });
  });
}

export async function run(): Promise<Outcome> {
  const runs = envInt('BANTIN_BENCH_LOAD_RUNS', 7);
  const out = cdkOut();
  const notes: string[] = [];
  const hasAssets = existsSync(out) && lambdaAssets(out).length > 0;
  if (!hasAssets || process.env.BANTIN_BENCH_SYNTH === '1') {
    if (!existsSync(path.join(repoRoot, 'bin', 'app.ts'))) return skipped('no CDK app yet (bin/app.ts missing) and no cdk.out');
    try {
      notes.push(synth(out));
    } catch (error) {
      return skipped(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
  } else {
    notes.push(`existing ${displayPath(out)} used (set BANTIN_BENCH_SYNTH=1 to synthesise again)`);
  }
  const assets = lambdaAssets(out);
  if (assets.length === 0) return skipped(`no Lambda function assets in ${out}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bantin-coldstart-'));
  const rows: Row[] = [];
  try {
    /** Every bare-node run of the benchmark (each bundle's runs alternate with bare ones). */
    const bareAll: LoadRun[] = [];
    for (const asset of assets) {
      const zipped = zippedSize(asset.dir, tmp);
      const taskDir = isolatedCopy(asset, tmp);
      const entry = entryFile(taskDir, asset.handler);
      const loads: LoadRun[] = [];
      const bare: LoadRun[] = [];
      let loadError: string | null = null;
      for (let i = 0; i < runs && !loadError; i++) {
        try {
          // Alternate the bundle and a bare node (same script without the import, same env and pinning),
          // so both see the same machine: the difference is what the bundle costs.
          loads.push(await loadOnce(entry, asset));
          bare.push(await loadOnce(null, asset));
        } catch (error) {
          loadError = error instanceof Error ? error.message : String(error);
        }
      }
      bareAll.push(...bare);
      const zippedMB = zipped / 1e6;
      const unzipped = dirSize(asset.dir);
      const atImport = readAtImport(entry);
      rows.push({
        metric: `${asset.name}: bundle zipped`,
        value: zippedMB,
        unit: 'MB',
        digits: 2,
        alt: `${round(unzipped / 1e6, 2)} MB unzipped`,
        target: `< ${TARGET_ZIP_MB} MB`,
        pass: zippedMB < TARGET_ZIP_MB,
      });
      rows.push({
        metric: `${asset.name}: code read at import (index.mjs and the chunks it imports statically)`,
        value: atImport.bytes / 1e3,
        unit: 'kB',
        alt: `${atImport.files.length} file(s) of ${jsFiles(taskDir).length}; the rest loads on first use`,
      });
      if (loadError || loads.length === 0) {
        rows.push({ metric: `${asset.name}: load in a fresh Node process`, value: 'fails', target: `< ${TARGET_LOAD_MS} ms`, pass: false });
        notes.push(`${asset.name}: ${loadError}`);
        continue;
      }
      const sinceStart = median(loads.map((l) => l.sinceStartMs));
      const cpu = median(loads.map((l) => l.cpuMs));
      const bareCpu = median(bare.map((l) => l.cpuMs));
      const over = cpu - bareCpu;
      rows.push({
        metric: `${asset.name}: load over bare node (bundle CPU − bare \`node\` CPU, alternating runs)`,
        value: over,
        unit: 'ms',
        ratio: true,
        alt: `${round(cpu / bareCpu, 1)} × bare node; wall ${round(sinceStart - median(bare.map((l) => l.sinceStartMs)))} ms over`,
        target: `≤ ${TARGET_OVER_BARE_MS} ms over bare node`,
        pass: over <= TARGET_OVER_BARE_MS,
      });
      rows.push({
        metric: `${asset.name}: load (process start → handler imported)`,
        value: cpu,
        unit: 'ms',
        alt: `wall ${round(sinceStart)} ms`,
        target: `< ${TARGET_LOAD_MS} ms`,
        pass: cpu < TARGET_LOAD_MS,
      });
      notes.push(
        `${asset.name}: ${path.basename(asset.dir)}, ${asset.runtime} ${asset.architecture}, ${round(unzipped / MiB, 2)} MiB unzipped; ` +
          `load CPU runs ${loads.map((l) => round(l.cpuMs)).join(', ')} ms, bare node runs between them ${bare.map((l) => round(l.cpuMs)).join(', ')} ms; ` +
          `import() alone ${round(median(loads.map((l) => l.importMs)))} ms, spawn-to-exit ${round(median(loads.map((l) => l.wallMs)))} ms; ` +
          `exported ${asset.handler}: ${loads[0]!.handlerType}`,
      );
    }
    const probeBare: LoadRun[] = [];
    for (const [i, probe] of PROBES.entries()) {
      let entry: string;
      try {
        entry = buildProbe(probe.source(repoRoot), path.join(tmp, `probe-${i}`));
      } catch (error) {
        notes.push(`probe ${probe.name}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const asset: LambdaAsset = { name: `probe-${i}`, dir: path.dirname(entry), handler: 'index.handler', runtime: '', architecture: '', environment: {} };
      const loads: LoadRun[] = [];
      const bare: LoadRun[] = [];
      for (let r = 0; r < runs; r++) {
        loads.push(await loadOnce(entry, asset));
        bare.push(await loadOnce(null, asset));
      }
      probeBare.push(...bare);
      const over = median(loads.map((l) => l.cpuMs)) - median(bare.map((l) => l.cpuMs));
      rows.push({
        metric: `share: ${probe.name}, over bare node`,
        value: over,
        unit: 'ms',
        alt: `${round(readAtImport(entry).bytes / 1e3)} kB read at import`,
      });
    }
    if (probeBare.length) {
      notes.push(
        `shares: each probe is one library alone, bundled by lib/lambda-bundle.mjs with the Lambdas' options and loaded like a bundle (median of ${runs}, alternating with bare node); ` +
          'they overlap (node built-ins loaded by both, the schemas include zod), so they do not add up to a bundle',
      );
    }
    if (bareAll.length) {
      rows.push({
        metric: 'bare node start (fresh `node --input-type=module -e`, no import; the floor)',
        value: median(bareAll.map((l) => l.cpuMs)),
        unit: 'ms',
        alt: `wall ${round(median(bareAll.map((l) => l.sinceStartMs)))} ms; spawn-to-exit ${round(median(bareAll.map((l) => l.wallMs)))} ms`,
      });
    }
    notes.push(
      `median of ${runs} fresh \`node\` processes per bundle, ${oneCoreNote()} (${process.version} here; Lambda runs Node 22 arm64); ` +
        `the bare-node floor is the same measuring script without the import (as \`node -e 0\`, plus reading the CPU clock), run after each bundle load, same env, pinning and cwd rules`,
      'load time is the CPU the fresh process spent from its start until the handler module was imported (= wall time on an idle core; wall alongside)',
      'each bundle is loaded from a copy outside the repository (/var/task layout) with only @aws-sdk resolvable, as the Lambda runtime provides it',
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { rows, notes };
}
