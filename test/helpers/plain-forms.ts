/**
 * The plain forms that the fast paths of the parse are compared with (issue 14: speed without
 * changing output), shared by the fast-path tests.
 */
import { splitTokens } from '../../lambda/core/clean.ts';

/** Every match of a global pattern, as exec() in a loop finds it, as `index:text`. */
export function execAll(pattern: RegExp, text: string): string[] {
  const found: string[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push(`${m.index}:${m[0]}`);
  return found;
}

/** Every match of `pattern` (sticky or not) as a global copy of it finds them scanning the whole text. */
export function globalMatches(pattern: RegExp, text: string): string[] {
  return execAll(new RegExp(pattern.source, pattern.flags.replace('y', '') + 'g'), text);
}

/** Matches as `index:text`, to compare with `execAll`. */
export const shown = (matches: RegExpExecArray[]): string[] => matches.map((m) => `${m.index}:${m[0]}`);

/** The near-duplicate rule of clean.ts on the token strings, as written before the hashes. */
export function plainNearDuplicate(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length > 2000 || b.length > 2000) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const shortTokens = splitTokens(short);
  if (shortTokens.length < 4) return false;
  const longTokens = splitTokens(long);
  const longSet = new Set(longTokens);
  const shared = shortTokens.filter((t) => longSet.has(t)).length;
  if (shared / shortTokens.length < 0.75) return false;
  if (shortTokens.length >= longSet.size * 0.5) return true;
  return shortTokens.slice(0, 6).every((t, i) => longTokens[i] === t);
}

/**
 * `count` texts joined from random `parts` (`min` to `min + spread - 1` pieces each), the same on
 * every run: a seeded linear congruential generator. The random inputs fast paths are compared on.
 */
export function randomTexts(parts: readonly string[], count: number, pieces: { min?: number; spread: number }, seed: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () =>
    Array.from({ length: (pieces.min ?? 0) + Math.floor(next() * pieces.spread) }, () => parts[Math.floor(next() * parts.length)]!).join(''),
  );
}
