#!/usr/bin/env node
// Entry for `npx bantin`. Runs the compiled CLI (dist/cli/cli.mjs, built by `npm run build:cli`,
// which `npm ci` runs as `prepare`) when it exists and no source file is newer than it; otherwise
// registers tsx so the TypeScript CLI runs without a build step. BANTIN_TSX=1 forces tsx.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const bundle = new URL('dist/cli/cli.mjs', root);

function bundleIsFresh() {
  if (process.env.BANTIN_TSX === '1') return false;
  try {
    const { builtAt, inputs } = JSON.parse(readFileSync(new URL('dist/cli/inputs.json', root), 'utf8'));
    return inputs.every((file) => statSync(new URL(file, root)).mtimeMs <= builtAt);
  } catch {
    return false; // no bundle, or a source was removed
  }
}

if (bundleIsFresh()) {
  if (process.env.BANTIN_WHICH === '1') process.stderr.write('bantin: compiled CLI (dist/cli)\n');
  await import(bundle.href);
} else {
  if (process.env.BANTIN_WHICH === '1') process.stderr.write('bantin: TypeScript CLI through tsx\n');
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
}
