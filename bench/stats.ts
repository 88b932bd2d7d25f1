/** Small timing and statistics helpers shared by the benchmarks. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function nowMs(): number {
  return performance.now();
}

/** Runs `fn` `runs` times and returns every duration in milliseconds. */
export async function timeRuns(runs: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    await fn();
    times.push(nowMs() - start);
  }
  return times;
}

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export const MiB = 1024 * 1024;

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Wall time and the process's CPU time (user + system, all threads) of one measured region. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

export function cpuNowMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Starts a region; calling the returned function ends it. */
export function startTiming(): () => Timing {
  const wall = performance.now();
  const cpu = cpuNowMs();
  return () => ({ wallMs: performance.now() - wall, cpuMs: cpuNowMs() - cpu });
}

export function medianTiming(timings: readonly Timing[]): Timing {
  return { wallMs: median(timings.map((t) => t.wallMs)), cpuMs: median(timings.map((t) => t.cpuMs)) };
}
