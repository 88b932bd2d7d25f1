/**
 * Deployment settings from CDK context (`cdk.json` or `cdk deploy -c bantin:…=…`).
 * Documented in docs/pipeline.md.
 */
import type { Node } from 'constructs';
import { parseLanguage, parsePeriodKinds, type PipelineConfig } from '../lambda/pipeline/config.ts';

export interface BantinSettings extends PipelineConfig {
  /** Noncurrent object versions expire after this many days. */
  noncurrentVersionDays: number;
  /** The quiet window before a render (the render queue's delivery delay; SQS caps it at 900 s). */
  debounceSeconds: number;
  /** Fixed bucket name; unset lets CloudFormation name it. */
  bucketName?: string;
  /** Where alarms are e-mailed; unset creates the alarm topic without subscribers. */
  alarmEmail?: string;
}

function positiveInt(node: Node, key: string, fallback: number): number {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`context ${key} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

function optionalString(node: Node, key: string): string | undefined {
  const raw: unknown = node.tryGetContext(key);
  return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
}

export function readSettings(node: Node): BantinSettings {
  const periods: unknown = node.tryGetContext('bantin:periods');
  return {
    timeZone: optionalString(node, 'bantin:timeZone') ?? 'Asia/Ho_Chi_Minh',
    language: parseLanguage(optionalString(node, 'bantin:language') ?? 'vi'),
    periodKinds: parsePeriodKinds(Array.isArray(periods) ? periods.join(',') : typeof periods === 'string' ? periods : 'month,quarter,half,year'),
    noncurrentVersionDays: positiveInt(node, 'bantin:noncurrentVersionDays', 90),
    debounceSeconds: positiveInt(node, 'bantin:debounceSeconds', 60),
    maxUploadBytes: positiveInt(node, 'bantin:maxUploadBytes', 5 * 1024 * 1024),
    bucketName: optionalString(node, 'bantin:bucketName'),
    alarmEmail: optionalString(node, 'bantin:alarmEmail'),
    issuer: optionalString(node, 'bantin:issuer') ?? null,
    place: optionalString(node, 'bantin:place') ?? null,
    // A digest of more meetings than this is rendered as a summary (docs/pipeline.md, "Summary digests").
    ...(node.tryGetContext('bantin:summaryMeetings') !== undefined ? { summaryMeetings: positiveInt(node, 'bantin:summaryMeetings', 2000) } : {}),
  };
}
