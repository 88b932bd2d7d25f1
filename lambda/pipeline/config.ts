/**
 * Pipeline settings. The CDK stack turns `bantin:*` context values into these environment
 * variables; local mode reads cdk.json the same way.
 */
import { PERIOD_KINDS, type PeriodKind } from '../core/periods.ts';

/**
 * An upload notification received this many times without success is dead-lettered: the ingest
 * queue's redrive policy on AWS and `bantin local`'s delivery alike. Five receives ride out a
 * burst of throttling or a short S3 outage (each retry waits out the visibility timeout).
 */
export const MAX_RECEIVE_COUNT = 5;

export interface PipelineConfig {
  /** Uploads larger than this are rejected without being read. */
  maxUploadBytes: number;
  /** Which digests to render for every month touched. */
  periodKinds: PeriodKind[];
  language: 'vi' | 'en';
  /** IANA zone deciding when a period has ended. */
  timeZone: string;
  /** Longest name segment the store keeps (local mode on a file system); unset on S3. */
  maxKeySegmentBytes?: number | null;
  /** The report's issuing body and the place of its date line (`bantin:issuer`, `bantin:place`); unset: a neutral placeholder. */
  issuer?: string | null;
  place?: string | null;
  /**
   * A period with more meetings than this is rendered as a summary digest from the month summaries
   * (`BANTIN_SUMMARY_MEETINGS`; default DEFAULT_SUMMARY_MEETINGS). See docs/pipeline.md, "Summary digests".
   */
  summaryMeetings?: number;
}

/**
 * 2,000 meetings: about 2,100 articles in the simulated country data (1.0–1.3 articles a meeting),
 * which the render benchmark puts between its 1,000-article digest (1.2 s CPU, 275 MiB, 315 PDF pages)
 * and its 5,000 (4.1 s, 465 MiB, 1,353 pages): ~2 s, ~330 MiB and ~650 pages, already past what a
 * reader pages through. Above it a full digest only grows (27,000 articles exhausted the deployed
 * 1,536 MB Lambda); a summary digest stays at ~2 s and 200–425 MiB up to 500,000 articles a year
 * (docs/benchmarks.md, "Scale").
 */
export const DEFAULT_SUMMARY_MEETINGS = 2_000;

export const DEFAULT_CONFIG: PipelineConfig = {
  maxUploadBytes: 5 * 1024 * 1024,
  periodKinds: [...PERIOD_KINDS],
  language: 'vi',
  timeZone: 'Asia/Ho_Chi_Minh',
};

export function parsePeriodKinds(value: string): PeriodKind[] {
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) {
    if (!(PERIOD_KINDS as readonly string[]).includes(k)) throw new Error(`unknown period kind "${k}" (use ${PERIOD_KINDS.join(',')})`);
  }
  if (kinds.length === 0) throw new Error('no period kinds configured');
  return kinds as PeriodKind[];
}

export function parseLanguage(value: string): 'vi' | 'en' {
  if (value !== 'vi' && value !== 'en') throw new Error(`unsupported language "${value}" (use vi or en)`);
  return value;
}

export interface PipelineEnv {
  BANTIN_MAX_UPLOAD_BYTES?: string;
  BANTIN_PERIODS?: string;
  BANTIN_LANGUAGE?: string;
  BANTIN_TIME_ZONE?: string;
  BANTIN_ISSUER?: string;
  BANTIN_PLACE?: string;
  BANTIN_SUMMARY_MEETINGS?: string;
}

export function configFromEnv(env: PipelineEnv = process.env): PipelineConfig {
  const max = env.BANTIN_MAX_UPLOAD_BYTES ? Number(env.BANTIN_MAX_UPLOAD_BYTES) : DEFAULT_CONFIG.maxUploadBytes;
  if (!Number.isInteger(max) || max <= 0) throw new Error(`BANTIN_MAX_UPLOAD_BYTES must be a positive integer, got ${env.BANTIN_MAX_UPLOAD_BYTES}`);
  return {
    maxUploadBytes: max,
    periodKinds: env.BANTIN_PERIODS ? parsePeriodKinds(env.BANTIN_PERIODS) : DEFAULT_CONFIG.periodKinds,
    language: env.BANTIN_LANGUAGE ? parseLanguage(env.BANTIN_LANGUAGE) : DEFAULT_CONFIG.language,
    timeZone: env.BANTIN_TIME_ZONE ?? DEFAULT_CONFIG.timeZone,
    issuer: env.BANTIN_ISSUER?.trim() || null,
    place: env.BANTIN_PLACE?.trim() || null,
    ...(env.BANTIN_SUMMARY_MEETINGS ? { summaryMeetings: parseSummaryMeetings(env.BANTIN_SUMMARY_MEETINGS) } : {}),
  };
}

function parseSummaryMeetings(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`BANTIN_SUMMARY_MEETINGS must be a positive integer, got ${value}`);
  return n;
}

/** The meeting count above which a period is rendered as a summary digest. */
export const summaryMeetingsOf = (config: PipelineConfig): number => config.summaryMeetings ?? DEFAULT_SUMMARY_MEETINGS;

type OptionalEnv = 'BANTIN_ISSUER' | 'BANTIN_PLACE' | 'BANTIN_SUMMARY_MEETINGS';
type RequiredEnv = Required<Omit<PipelineEnv, OptionalEnv>>;

export function configToEnv(config: PipelineConfig): RequiredEnv & Pick<PipelineEnv, OptionalEnv> {
  return {
    BANTIN_MAX_UPLOAD_BYTES: String(config.maxUploadBytes),
    BANTIN_PERIODS: config.periodKinds.join(','),
    BANTIN_LANGUAGE: config.language,
    BANTIN_TIME_ZONE: config.timeZone,
    ...(config.issuer ? { BANTIN_ISSUER: config.issuer } : {}),
    ...(config.place ? { BANTIN_PLACE: config.place } : {}),
    ...(config.summaryMeetings ? { BANTIN_SUMMARY_MEETINGS: String(config.summaryMeetings) } : {}),
  };
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
