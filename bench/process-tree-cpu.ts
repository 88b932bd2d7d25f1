/**
 * CPU time of a whole process tree (Chromium is a browser process plus zygote, renderer, GPU and
 * utility processes). rusage from wait4 (GNU time) counts only the children a process reaped, which
 * for Chromium is about a third of the real figure, so the tree is put in its own cgroup and the
 * cgroup's CPU counter is read after it exits. Without a writable cgroup file system, /proc is polled
 * for descendants instead (misses processes that live less than one poll).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmdirSync } from 'node:fs';
import path from 'node:path';

export interface TreeRun {
  code: number | null;
  wallMs: number;
  /** User + system CPU of every process in the tree, ms. */
  cpuMs: number;
  stderr: string;
}

type Counter = { kind: 'cgroup v2' | 'cgroup v1 cpuacct'; dir: string } | { kind: 'proc polling' };

const CGROUP_ROOTS: { kind: 'cgroup v2' | 'cgroup v1 cpuacct'; dir: string; file: string }[] = [
  { kind: 'cgroup v2', dir: '/sys/fs/cgroup', file: 'cgroup.subtree_control' },
  { kind: 'cgroup v2', dir: '/sys/fs/cgroup/unified', file: 'cgroup.subtree_control' },
  { kind: 'cgroup v1 cpuacct', dir: '/sys/fs/cgroup/cpuacct', file: 'cpuacct.usage' },
];

let probed: Counter | undefined;

/** The first cgroup hierarchy where a child group can be made and entered, else /proc polling. */
export function treeCpuMethod(): Counter {
  if (probed) return probed;
  for (const root of CGROUP_ROOTS) {
    if (!existsSync(path.join(root.dir, root.file))) continue;
    const dir = path.join(root.dir, `bantin-bench-probe-${process.pid}`);
    try {
      mkdirSync(dir);
    } catch {
      continue;
    }
    // A short-lived shell enters the group: it is writable and the counter is readable.
    const entered = spawnSync('/bin/sh', ['-c', `echo $$ > '${dir}/cgroup.procs'`]).status === 0;
    let readable = false;
    try {
      readable = Number.isFinite(cgroupCpuMs(root.kind, dir));
    } catch {
      // no counter
    }
    removeGroup(dir);
    if (!entered || !readable) continue;
    probed = { kind: root.kind, dir: root.dir };
    return probed;
  }
  probed = { kind: 'proc polling' };
  return probed;
}

function cgroupCpuMs(kind: 'cgroup v2' | 'cgroup v1 cpuacct', dir: string): number {
  if (kind === 'cgroup v1 cpuacct') return Number(readFileSync(path.join(dir, 'cpuacct.usage'), 'utf8')) / 1e6;
  const line = readFileSync(path.join(dir, 'cpu.stat'), 'utf8').split('\n').find((l) => l.startsWith('usage_usec '));
  return Number(line?.split(' ')[1]) / 1000;
}

function removeGroup(dir: string): void {
  for (let i = 0; i < 50; i++) {
    try {
      rmdirSync(dir);
      return;
    } catch {
      // still has an exiting process: wait a moment (synchronously; probe and clean-up only)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime (ms) of every descendant of `root` now, by pid. */
function descendantsCpu(root: number): Map<number, number> {
  const children = new Map<number, { pid: number; cpu: number }[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const cpu = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    children.set(ppid, [...(children.get(ppid) ?? []), { pid: Number(entry), cpu }]);
  }
  const out = new Map<number, number>();
  const stack = [root];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      out.set(child.pid, child.cpu);
      stack.push(child.pid);
    }
  }
  return out;
}

/** Runs `command args` to exit and measures the CPU of it and everything it started. */
export function runTree(command: string, args: string[], timeoutMs = 600_000): Promise<TreeRun> {
  const method = treeCpuMethod();
  let group: string | undefined;
  let spawnCommand = command;
  let spawnArgs = args;
  if (method.kind !== 'proc polling') {
    group = path.join(method.dir, `bantin-bench-${process.pid}-${Date.now()}`);
    mkdirSync(group);
    // The shell enters the group, then execs the command: every process it starts is counted.
    spawnCommand = '/bin/sh';
    spawnArgs = ['-c', `echo $$ > '${group}/cgroup.procs' && exec "$@"`, 'sh', command, ...args];
  }
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(spawnCommand, spawnArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const seen = new Map<number, number>();
    const poll =
      method.kind === 'proc polling'
        ? setInterval(() => {
            for (const [pid, cpu] of descendantsCpu(child.pid!)) seen.set(pid, Math.max(seen.get(pid) ?? 0, cpu));
          }, 20)
        : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', async (code) => {
      const wallMs = performance.now() - start;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      try {
        let cpuMs: number;
        if (group) {
          // Stragglers (zygote, crashpad) may still be exiting: wait until the group is empty.
          for (let i = 0; i < 100 && readFileSync(path.join(group, 'cgroup.procs'), 'utf8').trim(); i++) {
            await new Promise((r) => setTimeout(r, 50));
          }
          cpuMs = cgroupCpuMs(method.kind as 'cgroup v2' | 'cgroup v1 cpuacct', group);
        } else {
          cpuMs = [...seen.values()].reduce((a, b) => a + b, 0);
        }
        resolve({ code, wallMs, cpuMs, stderr });
      } catch (error) {
        reject(error);
      } finally {
        if (group) removeGroup(group);
      }
    });
  });
}
