/**
 * Structured JSON logs, one object per line, in the manner of Powertools for AWS Lambda: level,
 * message, timestamp, service, the correlation fields (the request id; in the ingest, the SQS
 * message id and the S3 object key being handled), then fields. Written through a private Console so
 * the Lambda runtime passes each line through unchanged (the functions use loggingFormat JSON).
 */
import { Console } from 'node:console';
import type { LogFields, Logger } from '../pipeline/log.ts';

type Level = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
const ORDER: Record<Level, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export class JsonLogger implements Logger {
  private readonly out: Console;
  private readonly minLevel: number;
  private context: LogFields = {};

  constructor(
    private readonly service: string,
    options: { level?: string; stdout?: NodeJS.WritableStream; stderr?: NodeJS.WritableStream } = {},
  ) {
    this.out = new Console({ stdout: options.stdout ?? process.stdout, stderr: options.stderr ?? process.stderr });
    const level = (options.level ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'INFO').toUpperCase() as Level;
    this.minLevel = ORDER[level] ?? ORDER.INFO;
  }

  /** Fields added to every line until the next call (e.g. the invocation's request id). */
  setContext(fields: LogFields): void {
    this.context = fields;
  }

  debug(message: string, fields?: LogFields): void {
    this.write('DEBUG', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.write('INFO', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.write('WARN', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.write('ERROR', message, fields);
  }

  private write(level: Level, message: string, fields: LogFields = {}): void {
    if (ORDER[level] < this.minLevel) return;
    const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: this.service, ...this.context, ...fields });
    if (level === 'ERROR' || level === 'WARN') this.out.error(line);
    else this.out.log(line);
  }
}
