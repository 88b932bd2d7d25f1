/**
 * Runs one measurement in a fresh Node process so its peak memory (maxRSS) is its own.
 * The parent sends {module, task, args} over IPC; the child runs `tasks[task](args)` from that
 * module and answers with the value plus its resource usage.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { MiB } from './stats.ts';

const ENTRY = fileURLToPath(new URL('./child-entry.ts', import.meta.url));

export interface ChildOutcome<T> {
  value: T;
  /** Peak resident set size of the child, MiB. */
  maxRssMiB: number;
  /** Heap used when the task returned (before any forced GC), MiB. */
  heapUsedMiB: number;
}

export interface ChildOptions {
  /** Pin the child to one CPU with taskset (when available): "one core" measurements. */
  oneCore?: boolean;
  timeoutMs?: number;
  execArgv?: string[];
}

let tasksetAvailable: boolean | undefined;
function hasTaskset(): boolean {
  tasksetAvailable ??= spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  return tasksetAvailable;
}

/** The CPU the one-core measurements are pinned to (BANTIN_BENCH_CPU, default the last one). */
export function benchCpu(): string {
  return process.env.BANTIN_BENCH_CPU ?? '1';
}

export function oneCoreNote(): string {
  return hasTaskset()
    ? `pinned to CPU ${benchCpu()} with taskset (one core)`
    : 'taskset missing: not pinned to one core (single-threaded JavaScript, but GC helpers may use another core)';
}

/** Prefix a command with taskset when one-core pinning is asked for and possible. */
export function pinned(command: string, args: string[], oneCore: boolean): [string, string[]] {
  return oneCore && hasTaskset() ? ['taskset', ['-c', benchCpu(), command, ...args]] : [command, args];
}

export function runInChild<T>(
  modulePath: string | URL,
  task: string,
  args: unknown = {},
  options: ChildOptions = {},
): Promise<ChildOutcome<T>> {
  const module = modulePath instanceof URL ? fileURLToPath(modulePath) : path.resolve(modulePath);
  const nodeArgs = ['--import', 'tsx', ...(options.execArgv ?? []), ENTRY];
  const [command, commandArgs] = pinned(process.execPath, nodeArgs, options.oneCore ?? false);
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`${task}: child timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 600_000);
    // Resolve on exit, not on the message: files the child writes at exit (--cpu-prof) are then complete.
    let reply: { ok: boolean; value?: T; error?: string; maxRssKiB?: number; heapUsed?: number } | undefined;
    child.on('message', (message: typeof reply) => {
      reply = message;
    });
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!reply) return reject(new Error(`${task}: child exited (code ${code}, signal ${signal}) without a result`));
      if (!reply.ok) return reject(new Error(`${task}: ${reply.error}`));
      resolve({
        value: reply.value as T,
        maxRssMiB: ((reply.maxRssKiB ?? 0) * 1024) / MiB,
        heapUsedMiB: (reply.heapUsed ?? 0) / MiB,
      });
    });
    child.send({ module, task, args });
  });
}
