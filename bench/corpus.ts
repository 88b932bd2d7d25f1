/** The real corpus in ../shared/corpus (override with BANTIN_CORPUS), read into memory. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function corpusDir(): string {
  return process.env.BANTIN_CORPUS ? path.resolve(process.env.BANTIN_CORPUS) : path.resolve(repoRoot, '../shared/corpus');
}

export interface CorpusFile {
  /** Path relative to the corpus root, e.g. `baomoi-2017-magizbox/general/123.txt`. */
  key: string;
  bytes: Uint8Array;
}

export interface IndexRow {
  url: string | null;
  publishedAt: string | null;
  author: string | null;
  title: string | null;
}

/** Source folders of the corpus (each has general/ and party/). */
export function corpusSources(dir = corpusDir()): string[] {
  if (!existsSync(dir)) throw new Error(`corpus not found at ${dir} (set BANTIN_CORPUS)`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every article file of the given sets (`general` holds all 7,929; `party` the 98 meeting reports). */
export function loadCorpus(sets: readonly string[] = ['general'], dir = corpusDir()): CorpusFile[] {
  return [...corpusFiles(sets, dir)];
}

/** `loadCorpus`'s files in the same order, read one at a time: for callers that keep only some. */
export function* corpusFiles(sets: readonly string[] = ['general'], dir = corpusDir()): Generator<CorpusFile> {
  for (const source of corpusSources(dir)) {
    for (const set of sets) {
      const folder = path.join(dir, source, set);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).sort()) {
        yield { key: `${source}/${set}/${name}`, bytes: readFileSync(path.join(folder, name)) };
      }
    }
  }
}

/** Per-file metadata from a source's index.tsv (only baomoi-2025 has url, time and author). */
export function loadIndex(source: string, dir = corpusDir()): Map<string, IndexRow> {
  const file = path.join(dir, source, 'index.tsv');
  const rows = new Map<string, IndexRow>();
  if (!existsSync(file)) return rows;
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
  const columns = (header ?? '').split('\t');
  const col = (cells: string[], name: string) => {
    const i = columns.indexOf(name);
    const value = i >= 0 ? cells[i]?.trim() : undefined;
    return value ? value : null;
  };
  for (const line of lines) {
    if (!line.trim()) continue;
    const cells = line.split('\t');
    const id = col(cells, 'id');
    if (!id) continue;
    rows.set(id, {
      url: col(cells, 'url'),
      publishedAt: col(cells, 'published_time') ?? col(cells, 'date'),
      author: col(cells, 'author'),
      title: col(cells, 'title'),
    });
  }
  return rows;
}

export function totalBytes(files: readonly { bytes: Uint8Array }[]): number {
  return files.reduce((sum, file) => sum + file.bytes.byteLength, 0);
}
