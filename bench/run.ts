/**
 * `npm run bench [-- parse render peer coldstart pipeline]`: runs the named benchmarks (all by
 * default), keeps each one's latest result in bench/results/<name>.json, prints the table of all
 * latest results and writes it to BENCHMARKS.md. A full run synthesises the CDK app again for the
 * cold start benchmark (BANTIN_BENCH_SYNTH=0 keeps an existing cdk.out). Notes: docs/benchmarks.md.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './corpus.ts';
import { machineInfo, describeMachine } from './machine.ts';
import { benchmarksDocument, tableMarkdown, targetSummary, type BenchResult } from './table.ts';
import type { Outcome } from './outcome.ts';

interface BenchmarkModule {
  title: string;
  run(): Promise<Outcome>;
}

const BENCHMARKS: Record<string, () => Promise<BenchmarkModule>> = {
  parse: () => import('./parse.ts'),
  render: () => import('./render.ts'),
  peer: () => import('./peer.ts'),
  html: () => import('./html.ts'),
  coldstart: () => import('./coldstart.ts'),
  pipeline: () => import('./pipeline.ts'),
  scale: () => import('./scale.ts'),
};

const RESULTS_DIR = path.join(repoRoot, 'bench', 'results');

async function runOne(name: string): Promise<BenchResult> {
  const started = performance.now();
  const machine = machineInfo();
  let title = name;
  try {
    const mod = await BENCHMARKS[name]!();
    title = mod.title;
    console.error(`\n=== ${title} (${name}) ===`);
    const outcome = await mod.run();
    return { name, title, machine, durationMs: performance.now() - started, ...outcome };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    console.error(`${name} failed:`, error);
    return { name, title, machine, durationMs: performance.now() - started, rows: [], notes: [], skipped: `failed: ${message}` };
  }
}

function loadSaved(name: string): BenchResult | undefined {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchResult) : undefined;
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((arg) => arg !== '--');
  const unknown = asked.filter((name) => !(name in BENCHMARKS));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  const names = asked.length ? asked : Object.keys(BENCHMARKS);
  // A full run measures the Lambda bundles of the code as it is now, not a cdk.out left from before.
  if (!asked.length) process.env.BANTIN_BENCH_SYNTH ??= '1';
  mkdirSync(RESULTS_DIR, { recursive: true });
  const machine = machineInfo();
  console.error(`Machine: ${describeMachine(machine)}`);
  const saved = () =>
    Object.keys(BENCHMARKS)
      .map(loadSaved)
      .filter((r): r is BenchResult => r !== undefined);
  for (const name of names) {
    const result = await runOne(name);
    writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    // After each benchmark, so an interrupted run still leaves what it measured.
    writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), benchmarksDocument(saved(), machine));
  }
  const all = saved();
  const fresh = all.filter((r) => names.includes(r.name));
  console.log(`\nMachine: ${describeMachine(machine)}\n`);
  console.log(tableMarkdown(fresh));
  const summary = targetSummary(fresh);
  console.log(`\nTargets: ${summary.pass} PASS, ${summary.miss} MISS${summary.unmeasured ? `, ${summary.unmeasured} not measured` : ''}.`);
  writeFileSync(path.join(repoRoot, 'BENCHMARKS.md'), benchmarksDocument(all, machine));
  console.log(`\nBENCHMARKS.md updated (${all.length} benchmark(s); latest result of each).`);
}

await main();
