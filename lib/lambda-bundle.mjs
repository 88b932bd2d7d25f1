#!/usr/bin/env node
/**
 * Bundles one Lambda handler so that a cold start loads only what the first event needs (issue 14).
 * lib/bantin-function.ts runs it as the first afterBundling hook of each function: NodejsFunction's
 * own esbuild step can only write one file (it passes --outfile), so this replaces that index.mjs
 * with a code-split build of the same entry and the same options (ESM, node22, minified, names
 * kept, `module` before `main`, the createRequire banner):
 *
 * - splitting: every `await import()` (Powertools metrics, the SQS client on the first render
 *   request, the AWS SDK's credential providers other than the environment's, the renderers'
 *   DOCX/PDF code) becomes a chunk under chunks/ that Node reads only when the import runs; in
 *   one file it was parsed at every cold start all the same;
 * - `entities` marked free of side effects: htmlparser2's index pulls dom-serializer and an older
 *   `entities` whose generated tables (70 kB) stayed in the bundle though nothing uses them;
 * - iconv-lite's CJK code page tables (`encodings/tables/*.json`, 400 kB) left out: bantin decodes
 *   Windows-1258, TCVN3 and VNI (single-byte code pages) only; a table asked for anyway throws.
 *
 * Usage: node lib/lambda-bundle.mjs ENTRY OUTDIR OPTIONS_JSON [METAFILE]
 * OPTIONS_JSON: { target, minify, keepNames, mainFields, banner, external } as NodejsFunction got them
 * (plus nodePaths, for entries outside the project: the cold start benchmark's probes).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

/** Packages whose modules esbuild may drop when nothing uses their exports. */
const SIDE_EFFECT_FREE = /^entities(?:\/|$)/;

const sideEffectFree = {
  name: 'bantin-side-effect-free',
  setup(build) {
    build.onResolve({ filter: SIDE_EFFECT_FREE }, async (args) => {
      if (args.pluginData === 'bantin-resolving') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'bantin-resolving' });
      if (resolved.errors.length) return { errors: resolved.errors };
      return { ...resolved, sideEffects: false };
    });
  },
};

const omittedIconvTables = {
  name: 'bantin-omit-iconv-cjk-tables',
  setup(build) {
    build.onResolve({ filter: /^\.\/tables\/.+\.json$/ }, (args) => {
      if (!/[\\/]iconv-lite[\\/]encodings[\\/]/.test(args.importer)) return undefined;
      return { path: args.path, namespace: 'bantin-omitted' };
    });
    build.onLoad({ filter: /.*/, namespace: 'bantin-omitted' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`iconv-lite code page table ${args.path} is not in the Lambda bundle (lib/lambda-bundle.mjs)`)});`,
      loader: 'js',
    }));
  },
};

/** Builds ENTRY into OUTDIR/index.mjs plus OUTDIR/chunks/; returns esbuild's metafile. */
export async function bundleLambda({ entry, outdir, options, metafile }) {
  rmSync(path.join(outdir, 'index.mjs'), { force: true });
  rmSync(path.join(outdir, 'chunks'), { recursive: true, force: true });
  const { target, minify, keepNames, mainFields, banner, external = [], nodePaths = [] } = options;
  const result = await esbuild.build({
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target,
    minify,
    keepNames,
    mainFields,
    banner: banner ? { js: banner } : undefined,
    external,
    nodePaths,
    metafile: true,
    logLevel: 'warning',
    plugins: [sideEffectFree, omittedIconvTables],
  });
  if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
  return result.metafile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, outdir, options, metafile, ...rest] = process.argv.slice(2);
  if (!entry || !outdir || !options || rest.length) {
    console.error('usage: node lib/lambda-bundle.mjs ENTRY OUTDIR OPTIONS_JSON [METAFILE]');
    process.exit(2);
  }
  await bundleLambda({ entry, outdir, options: JSON.parse(options), metafile });
}
