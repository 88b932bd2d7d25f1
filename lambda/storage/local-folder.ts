/**
 * File-system side of `bantin build`: finding article files, the parse cache, and writes
 * that leave unchanged files untouched (same bytes -> no write, mtime kept).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const ARTICLE_EXTENSIONS = ['.txt', '.html', '.htm'];

export interface ArticleFile {
  /** Path relative to the input folder, with `/` separators: the article's source key. */
  key: string;
  absolute: string;
  mtime: Date;
  size: number;
}

/**
 * Every .txt/.html/.htm file under `dir`, recursively, in key order. Hidden entries are skipped, and
 * so are the `exclude` folders (a build's own output folder inside its input: never read back).
 */
export async function listArticleFiles(dir: string, exclude: string[] = []): Promise<ArticleFile[]> {
  const out: ArticleFile[] = [];
  const skip = new Set(exclude.map((d) => path.resolve(d)));
  async function walk(current: string): Promise<void> {
    const entries = await readdir(current, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(current, e.name);
      if (e.isDirectory() && skip.has(path.resolve(abs))) continue;
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile() && ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
        const s = await stat(abs);
        out.push({ key: path.relative(dir, abs).split(path.sep).join('/'), absolute: abs, mtime: s.mtime, size: s.size });
      }
    }
  }
  await walk(dir);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes `data` unless the file already holds exactly these bytes. Atomic (temp file + rename). */
export async function writeIfChanged(file: string, data: Uint8Array | string): Promise<'written' | 'unchanged'> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  try {
    const existing = await readFile(file);
    if (existing.equals(bytes)) return 'unchanged';
  } catch {
    // missing: write it
  }
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
  return 'written';
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export async function removeFile(file: string): Promise<boolean> {
  if (!(await fileExists(file))) return false;
  await rm(file, { force: true });
  return true;
}

/** A JSON cache in one folder: `get`/`set` by key (a hex hash). Corrupt entries read as misses. */
export class JsonCache {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }
  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }
  async get(key: string): Promise<unknown | undefined> {
    try {
      return JSON.parse(await readFile(this.file(key), 'utf8'));
    } catch {
      return undefined;
    }
  }
  async set(key: string, value: unknown): Promise<void> {
    await writeIfChanged(this.file(key), JSON.stringify(value));
  }
}
