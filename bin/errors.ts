/**
 * Exit statuses and the one-sentence error messages of the CLI.
 *
 *   0  success
 *   1  usage error: unknown command or option, a missing or invalid value
 *      (and `bantin reconcile` when the bucket does not balance)
 *   2  rejected input: a file or folder that cannot be read, a corrections file that is not valid,
 *      an article that `bantin parse` rejects, a port in use
 *   3  internal failure (a bug, or something unexpected): BANTIN_DEBUG=1 prints the stack
 *   130  interrupted (Ctrl-C)
 */
import { t, type MessageKey } from './i18n.ts';

export const EXIT = { ok: 0, usage: 1, input: 2, internal: 3, interrupted: 130 } as const;
export type ExitStatus = (typeof EXIT)[keyof typeof EXIT];

/** An error whose message is meant for the user, with its exit status. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitStatus: ExitStatus,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static of(key: MessageKey, params: Record<string, string | number>, exitStatus: ExitStatus): CliError {
    return new CliError(t(key, params), exitStatus);
  }
}

interface SystemError extends Error {
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
  port?: number;
}

const FS_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'ELOOP', 'ENOSPC', 'EROFS']);

/** The message and exit status for any error that reaches the top of the CLI. */
export function describeFailure(error: unknown): { message: string; exitStatus: ExitStatus } {
  if (error instanceof CliError) return { message: error.message, exitStatus: error.exitStatus };
  const e = error as SystemError;
  if (e && typeof e === 'object') {
    if (e.code === 'EADDRINUSE' && e.port !== undefined) return { message: t('local.portInUse', { port: e.port }), exitStatus: EXIT.input };
    if (e.code === 'EACCES' && e.syscall === 'listen' && e.port !== undefined) {
      return { message: t('local.portDenied', { port: e.port }), exitStatus: EXIT.input };
    }
    if (typeof e.code === 'string' && typeof e.path === 'string') {
      const key = (FS_CODES.has(e.code) ? `fs.${e.code}` : 'fs.other') as MessageKey;
      return { message: t(key, { path: e.path, code: e.code }), exitStatus: EXIT.input };
    }
    // Errors of known user-input kinds thrown by the core (corrections file, busy data folder).
    if (e.name === 'CorrectionsFileError' || e.name === 'DataFolderBusyError' || e.constructor?.name === 'CorrectionsFileError' || e.constructor?.name === 'DataFolderBusyError') {
      return { message: oneLine(e.message), exitStatus: EXIT.input };
    }
  }
  const message = e instanceof Error ? e.message : String(error);
  return { message: t('internal', { message: oneLine(message) }), exitStatus: EXIT.internal };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
