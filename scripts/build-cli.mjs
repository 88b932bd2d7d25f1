#!/usr/bin/env node
/**
 * Compiles the CLI (bin/cli.ts and the commands it imports lazily) into dist/cli/ with esbuild, so
 * `bantin` starts without tsx compiling TypeScript at every run. Runs at `npm ci` / `npm install`
 * (the `prepare` script). Packages stay external: pdfkit, s3rver, commander… load from node_modules
 * as they do under tsx. Each module's `import.meta.url` is rewritten to the URL of its source file,
 * so paths computed from it (templates, fonts, the parser fingerprint in lambda/core/build.ts)
 * resolve exactly as they do from the TypeScript. dist/cli/inputs.json lists the sources:
 * bin/bantin.js falls back to tsx when one of them is newer than the bundle.
 * Without esbuild (npm ci --omit=dev) it does nothing: bin/bantin.js then uses tsx.
 * It then builds the web console into dist/console/ (scripts/build-console.mjs).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'cli');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.log('build-cli: esbuild is not installed; bantin will run through tsx');
  process.exit(0);
}

const sourceUrl = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const rel = path.relative(OUT, args.path).split(path.sep).join('/');
      const contents = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
      return { contents, loader: 'ts' };
    });
  },
};

// Built beside dist/cli (same depth, so the rewritten relative URLs hold) and swapped in at the end,
// so a bantin running meanwhile sees the old bundle or the new one.
const STAGE = `${OUT}.${process.pid}.tmp`;
rmSync(STAGE, { recursive: true, force: true });
mkdirSync(STAGE, { recursive: true });
const started = Date.now();
const result = await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: { cli: 'bin/cli.ts' },
  outdir: STAGE,
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  keepNames: true,
  plugins: [sourceUrl],
});
const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
inputs.push('scripts/build-cli.mjs');
writeFileSync(path.join(STAGE, 'inputs.json'), `${JSON.stringify({ builtAt: Date.now(), inputs }, null, 1)}\n`);
rmSync(OUT, { recursive: true, force: true });
renameSync(STAGE, OUT);
console.log(`build-cli: dist/cli/cli.mjs from ${inputs.length} sources in ${Date.now() - started} ms`);

// The web console `bantin local` serves (and the AWS stack uploads): dist/console/.
const { buildConsole } = await import('./build-console.mjs');
await buildConsole();
