/** Readable one-line logs for `bantin local` (the Lambdas log JSON instead). */
import type { LogFields, Logger } from '../pipeline/log.ts';

export function consoleLogger(options: { verbose?: boolean; write?: (line: string) => void } = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const line = (level: string, message: string, fields: LogFields = {}): void => {
    const time = new Date().toISOString().slice(11, 19);
    const details = Object.entries(fields)
      .filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(`${time} ${level.padEnd(5)} ${message}${details ? `  ${details}` : ''}`);
  };
  return {
    debug: (m, f) => options.verbose && line('DEBUG', m, f),
    info: (m, f) => line('INFO', m, f),
    warn: (m, f) => line('WARN', m, f),
    error: (m, f) => line('ERROR', m, f),
  };
}
