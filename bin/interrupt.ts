/**
 * Ctrl-C for commands that write files: restore the terminal (cli-progress hides the cursor and
 * turns line wrap off while it draws) and remove this process's temporary files, then exit 130.
 * Temporary files are those of lambda/storage/local-folder.ts's writeIfChanged: `<file>.<pid>.tmp`
 * next to the file being replaced. A run also removes the ones an earlier, killed run left behind
 * (its process is gone), and only inside its own output folder.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EXIT } from './errors.ts';
import { t } from './i18n.ts';

const TEMP_FILE = /\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Removes `<file>.<pid>.tmp` files under `dir` whose pid satisfies `whose`; returns how many. */
export function removeTempFiles(dir: string, whose: (pid: number) => boolean): number {
  let removed = 0;
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // missing or unreadable: nothing of ours there
    }
    for (const entry of entries) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const pid = TEMP_FILE.exec(entry.name)?.[1];
        if (pid && whose(Number(pid))) {
          rmSync(full, { force: true });
          removed++;
        }
      }
    }
  };
  walk(dir);
  return removed;
}

/** Temp files left in `outDir` by runs whose process no longer exists. */
export function removeStaleTempFiles(outDir: string): number {
  return removeTempFiles(outDir, (pid) => pid !== process.pid && !alive(pid));
}

/** Shows the cursor again and turns line wrap back on (no-op when stderr is not a terminal). */
export function restoreTerminal(): void {
  if (process.stderr.isTTY) process.stderr.write('\x1b[?25h\x1b[?7h\n');
}

/**
 * Until the returned function is called, SIGINT/SIGTERM run `cleanup`, restore the terminal,
 * remove this process's temp files under `outDir`, say so and exit with status 130.
 */
export function onInterrupt(outDir: string, cleanup: () => void): () => void {
  const handler = (): void => {
    try {
      cleanup();
    } finally {
      restoreTerminal();
      removeTempFiles(outDir, (pid) => pid === process.pid);
      process.stderr.write(`bantin: ${t('interrupted')}\n`);
      process.exit(EXIT.interrupted);
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
