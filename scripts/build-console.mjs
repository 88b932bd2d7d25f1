#!/usr/bin/env node
/**
 * Builds the web console (console/) into dist/console/: console/src/main.ts bundled by esbuild into
 * app.js (everything bundled: the app makes no request outside its own server), with index.html and
 * style.css copied beside it. Called by scripts/build-cli.mjs (the `prepare` script, so `npm ci`
 * leaves a built console) and runnable on its own. Without esbuild it says so and does nothing.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'console');

export async function buildConsole() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.log('build-console: esbuild is not installed; the web console is not built');
    return;
  }
  const stage = `${OUT}.${process.pid}.tmp`;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const started = Date.now();
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { app: 'console/src/main.ts' },
    outdir: stage,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'style.css']) copyFileSync(path.join(ROOT, 'console', file), path.join(stage, file));
  rmSync(OUT, { recursive: true, force: true });
  renameSync(stage, OUT);
  console.log(`build-console: dist/console/ in ${Date.now() - started} ms`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildConsole();
