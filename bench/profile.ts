/**
 * `npx tsx bench/profile.ts <module> <task> '<json args>'`: runs one benchmark task in a child under
 * `node --cpu-prof` and prints the top self-time functions and files.
 * Example: npx tsx bench/profile.ts parse throughput '{"kind":"html","runs":1,"htmlPages":300}'
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInChild } from './child.ts';
import { formatHotSpots, topSelf, topTotal } from './cpuprofile.ts';

const [moduleName, task, json] = process.argv.slice(2);
if (!moduleName || !task) {
  console.error("usage: npx tsx bench/profile.ts <module> <task> '<json args>'");
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'bantin-prof-'));
await runInChild(new URL(`./${moduleName}.ts`, import.meta.url), task, json ? JSON.parse(json) : {}, {
  oneCore: true,
  execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
});
// The main thread's profile is the largest (tsx's loader thread writes a small one too).
const file = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
console.log(`profile: ${file}\n\nTop self time by function:\n${formatHotSpots(topSelf(file, 25))}`);
console.log(`\nTop self time by file:\n${formatHotSpots(topSelf(file, 12, 'file'))}`);
console.log(`\nTop inclusive time, project code (lambda/, bin/):\n${formatHotSpots(topTotal(file, 25, (w) => w.startsWith('lambda/') || w.startsWith('bin/')))}`);
