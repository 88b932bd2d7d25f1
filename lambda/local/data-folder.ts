/**
 * The data folder of `bantin local`: one server at a time, and no file left broken by a crash.
 *
 * - A lock file (`.bantin-local.lock`, holding the server's pid) refuses a second server on the same
 *   folder; a lock whose process is gone (a crash, SIGKILL) is taken over.
 * - s3rver writes an object's data and its `._S3rver_metadata.json` side by side; a process killed
 *   mid-upload can leave the metadata empty or cut, after which every listing of that prefix
 *   answers 500. At start such objects (never acknowledged to the client) are set aside: their
 *   files are renamed with a `.bantin-set-aside` ending, which s3rver does not list, and the keys
 *   are named in the log.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = '.bantin-local.lock';
export const SET_ASIDE_SUFFIX = '.bantin-set-aside';
const METADATA_SUFFIX = '._S3rver_metadata.json';
const OBJECT_SUFFIX = '._S3rver_object';
const MD5_SUFFIX = '._S3rver_object.md5';

export class DataFolderBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`another bantin local (process ${pid}) is using ${dir}; stop it first, or pass another --data folder`);
    this.name = 'DataFolderBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder for this process; returns the release function. */
export function lockDataFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataFolderBusyError(dir, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function validJson(file: string): boolean {
  try {
    JSON.parse(readFileSync(file, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Sets aside every object whose stored metadata is unreadable (renamed in place, so s3rver no
 * longer sees it). Returns the keys set aside, as `<bucket>/<key>`.
 */
export function setAsideBrokenObjects(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const broken: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(METADATA_SUFFIX) && !validJson(full)) broken.push(full.slice(0, -METADATA_SUFFIX.length));
    }
  };
  walk(dir);
  for (const base of broken) {
    for (const suffix of [METADATA_SUFFIX, OBJECT_SUFFIX, MD5_SUFFIX]) {
      if (existsSync(base + suffix)) renameSync(base + suffix, base + suffix + SET_ASIDE_SUFFIX);
    }
  }
  return broken.map((b) => path.relative(dir, b).split(path.sep).join('/'));
}
