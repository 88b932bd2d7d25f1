/** Top self-time functions (and their callers' files) of a V8 .cpuprofile, for the profiling notes. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './corpus.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  fn: string;
  where: string;
  selfMs: number;
  share: number;
}

function shortUrl(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  if (!file) return '(native)';
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel;
}

export function topSelf(profileFile: string, limit = 15, groupBy: 'function' | 'file' = 'function'): HotSpot[] {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totals = new Map<string, { fn: string; where: string; us: number }>();
  let all = 0;
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    all += us;
    const where = groupBy === 'file' ? shortUrl(frame.url) : `${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
    const fn = groupBy === 'file' ? '' : frame.functionName || '(anonymous)';
    const key = `${fn}@${where}`;
    const entry = totals.get(key) ?? { fn, where, us: 0 };
    entry.us += us;
    totals.set(key, entry);
  }
  return [...totals.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, limit)
    .map((e) => ({ fn: e.fn, where: e.where, selfMs: e.us / 1000, share: e.us / all }));
}

export function formatHotSpots(spots: HotSpot[]): string {
  return spots
    .map((s) => `${(s.share * 100).toFixed(1).padStart(5)}%  ${s.selfMs.toFixed(0).padStart(7)} ms  ${s.fn ? `${s.fn}  ` : ''}${s.where}`)
    .join('\n');
}

/** Inclusive (self + callees) time per function, recursion counted once; `filter` picks the frames by location. */
export function topTotal(profileFile: string, limit = 20, filter: (where: string) => boolean = () => true): HotSpot[] {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'}@${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  const totals = new Map<string, number>();
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    all += us;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id)!;
      const key = keyOf(node);
      if (seen.has(key) || !filter(shortUrl(node.callFrame.url))) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + us);
    }
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => {
      const at = key.indexOf('@');
      return { fn: key.slice(0, at), where: key.slice(at + 1), selfMs: us / 1000, share: us / all };
    });
}
