/**
 * File-system side of `bantin build`: finding article files, the parse cache, and writes
 * that leave unchanged files untouched (same bytes -> no write, mtime kept).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, realpath, rename, stat, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';

export const ARTICLE_EXTENSIONS = ['.txt', '.html', '.htm'];
/** `<article file>.meta.json`: upload hints for the article beside it (see core/build.ts). */
export const SIDECAR_SUFFIX = '.meta.json';

export interface ArticleFile {
  /** Path relative to the input folder, with `/` separators: the article's source key. */
  key: string;
  absolute: string;
  mtime: Date;
  size: number;
  /** The article's `<file>.meta.json`, when there is one. */
  sidecar?: string;
}

/** Why a file under the input folder is not read as an article. */
export type SkipKind = 'word' | 'pdf' | 'image' | 'other-type' | 'symlink-outside' | 'broken-symlink' | 'orphan-sidecar' | 'unreadable';

export interface SkippedFile {
  key: string;
  kind: SkipKind;
  /** One English sentence: what the file is and what to do about it. */
  message: string;
  size: number;
  mtime: Date | null;
}

const WORD = ['.doc', '.docx', '.odt', '.rtf'];
const PDF = ['.pdf'];
const IMAGE = ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.bmp', '.tif', '.tiff', '.heic', '.svg'];

function skipOfExtension(name: string): { kind: SkipKind; message: string } {
  const ext = path.extname(name).toLowerCase();
  if (WORD.includes(ext)) return { kind: 'word', message: `Word document (${ext}): not read; open it and save the article as .txt or .html` };
  if (PDF.includes(ext)) return { kind: 'pdf', message: 'PDF file: not read; save the article page as .html or copy its text into a .txt file' };
  if (IMAGE.includes(ext)) return { kind: 'image', message: `image (${ext}): not read; only .txt, .html and .htm articles are` };
  return { kind: 'other-type', message: `${ext ? `"${ext}" file` : 'file without an extension'}: not read; only .txt, .html and .htm articles are` };
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Every .txt/.html/.htm file under `dir`, recursively, in key order, and every other file with the
 * reason it is not read (Word, PDF, images, other types, symbolic links leading outside `dir`,
 * unreadable entries). Hidden entries are skipped silently, and so are the `exclude` folders (a
 * build's own output folder inside its input: never read back). A symbolic link to a file inside
 * `dir` is read; one to a folder is not followed (its files are under `dir` already). An article's
 * `<file>.meta.json` sidecar is attached to it, not listed.
 */
export async function listArticleFiles(dir: string, exclude: string[] = []): Promise<{ files: ArticleFile[]; skipped: SkippedFile[] }> {
  const files: ArticleFile[] = [];
  const skipped: SkippedFile[] = [];
  const sidecars = new Map<string, string>();
  const skip = new Set(exclude.map((d) => path.resolve(d)));
  const root = await realpath(dir);
  const keyOf = (abs: string): string => path.relative(dir, abs).split(path.sep).join('/');
  async function walk(current: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if (current === dir) throw error;
      skipped.push({ key: keyOf(current), kind: 'unreadable', message: `folder could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, size: 0, mtime: null });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const abs = path.join(current, e.name);
      if (e.isDirectory() && skip.has(path.resolve(abs))) continue;
      if (e.isDirectory()) {
        await walk(abs);
        continue;
      }
      let s;
      if (e.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(abs);
          s = await stat(target);
        } catch {
          skipped.push({ key: keyOf(abs), kind: 'broken-symlink', message: 'symbolic link to nothing: not read', size: 0, mtime: null });
          continue;
        }
        if (!isInside(root, target)) {
          skipped.push({ key: keyOf(abs), kind: 'symlink-outside', message: 'symbolic link pointing outside the folder: not read', size: 0, mtime: null });
          continue;
        }
        if (s.isDirectory()) continue;
      } else if (e.isFile()) {
        try {
          s = await stat(abs);
        } catch (error) {
          skipped.push({ key: keyOf(abs), kind: 'unreadable', message: `file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, size: 0, mtime: null });
          continue;
        }
      } else continue; // sockets, FIFOs, devices: never articles
      if (!s.isFile()) continue;
      if (e.name.toLowerCase().endsWith(SIDECAR_SUFFIX)) {
        sidecars.set(keyOf(abs).slice(0, -SIDECAR_SUFFIX.length), abs);
        continue;
      }
      if (ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
        files.push({ key: keyOf(abs), absolute: abs, mtime: s.mtime, size: s.size });
      } else skipped.push({ key: keyOf(abs), ...skipOfExtension(e.name), size: s.size, mtime: s.mtime });
    }
  }
  await walk(dir);
  const articleKeys = new Set(files.map((f) => f.key));
  for (const f of files) {
    const sidecar = sidecars.get(f.key);
    if (sidecar) f.sidecar = sidecar;
  }
  for (const [key, abs] of sidecars) {
    if (articleKeys.has(key)) continue;
    const s = await stat(abs);
    skipped.push({ key: keyOf(abs), kind: 'orphan-sidecar', message: `metadata sidecar without its article (${path.posix.basename(key)}): not read`, size: s.size, mtime: s.mtime });
  }
  const byKey = <T extends { key: string }>(a: T, b: T): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return { files: files.sort(byKey), skipped: skipped.sort(byKey) };
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
