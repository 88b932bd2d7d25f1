/**
 * Snapshot of every parsed article (each field; rejections by reason) for every file we have: the corpus (../shared/corpus or
 * BANTIN_CORPUS, 8,027 files) and the gold sets in test/eval. Used to check that a refactor of the
 * extraction rules changes nothing: take a snapshot before, then compare after each step.
 *
 *   npx tsx scripts/extraction-snapshot.ts --out /tmp/before.json      write a snapshot
 *   npx tsx scripts/extraction-snapshot.ts --compare /tmp/before.json  list the files whose articles differ
 *   add --runs 3 to time the parse loop three times (the fastest run is printed)
 *
 * Files are read before the clock starts; the time printed is parsing only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { collectFiles } from '../bin/commands/parse.ts';
import { parseArticle } from '../lambda/core/parse.ts';
import { CORPUS, EVAL_DIR, REPO } from '../test/helpers/data.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    compare: { type: 'string' },
    runs: { type: 'string', default: '1' },
    /** How many differing files to print in full. */
    show: { type: 'string', default: '20' },
  },
});

const roots = [
  ...(existsSync(CORPUS) ? [CORPUS] : []),
  ...['seeds/articles', 'dev', 'party', 'portals'].map((d) => join(EVAL_DIR, d)).filter((d) => existsSync(d)),
];
if (!existsSync(CORPUS)) console.warn(`corpus absent: ${CORPUS}`);

const inputs = roots.flatMap((root) =>
  collectFiles([root]).map((file) => ({
    name: file.startsWith(CORPUS) ? `corpus/${relative(CORPUS, file)}` : relative(REPO, file),
    bytes: readFileSync(file),
  })),
);

type Snapshot = Record<string, unknown>;

function run(): { snapshot: Snapshot; ms: number } {
  const snapshot: Snapshot = {};
  const t0 = performance.now();
  for (const { name, bytes } of inputs) {
    const result = parseArticle({ bytes, key: name, uploadedAt: null });
    if (!result.ok) {
      snapshot[name] = { rejected: result.rejection.reason, message: result.rejection.message };
      continue;
    }
    // Every field of the article (a speed-up must change nothing a user sees); uploadedAt is null here.
    snapshot[name] = result.article;
  }
  return { snapshot, ms: performance.now() - t0 };
}

let best = Number.POSITIVE_INFINITY;
let snapshot: Snapshot = {};
for (let i = 0; i < Math.max(1, Number(values.runs)); i++) {
  const r = run();
  snapshot = r.snapshot;
  best = Math.min(best, r.ms);
}
console.log(`${inputs.length} files parsed in ${(best / 1000).toFixed(2)} s (${Math.round(inputs.length / (best / 1000))} files/s, fastest of ${values.runs})`);

if (values.out) {
  writeFileSync(values.out, `${JSON.stringify(snapshot, null, 1)}\n`);
  console.log(`snapshot written to ${values.out}`);
}

if (values.compare) {
  const before = JSON.parse(readFileSync(values.compare, 'utf8')) as Snapshot;
  const names = [...new Set([...Object.keys(before), ...Object.keys(snapshot)])].sort();
  const differing = names.filter((n) => JSON.stringify(before[n]) !== JSON.stringify(snapshot[n]));
  const shown = Number(values.show);
  for (const name of differing.slice(0, shown)) {
    const was = (before[name] ?? {}) as Record<string, unknown>;
    const now = (snapshot[name] ?? {}) as Record<string, unknown>;
    console.log(`\n${name}`);
    for (const field of new Set([...Object.keys(was), ...Object.keys(now)])) {
      const a = JSON.stringify(was[field]);
      const b = JSON.stringify(now[field]);
      if (a !== b) console.log(`  ${field}\n    before ${a}\n    after  ${b}`);
    }
  }
  console.log(`\n${differing.length} of ${names.length} files differ${differing.length > shown ? ` (first ${shown} shown)` : ''}`);
  process.exitCode = differing.length ? 1 : 0;
}
