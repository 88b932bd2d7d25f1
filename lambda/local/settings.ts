/** Local mode reads the same `bantin:*` settings as the stack, from cdk.json's context. */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, parseLanguage, parsePeriodKinds, type PipelineConfig } from '../pipeline/config.ts';

export function configFromCdkJson(file: string): PipelineConfig {
  if (!existsSync(file)) return { ...DEFAULT_CONFIG };
  const context = (JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
  const periods = context['bantin:periods'];
  const max = Number(context['bantin:maxUploadBytes'] ?? DEFAULT_CONFIG.maxUploadBytes);
  return {
    maxUploadBytes: Number.isInteger(max) && max > 0 ? max : DEFAULT_CONFIG.maxUploadBytes,
    periodKinds: typeof periods === 'string' ? parsePeriodKinds(periods) : DEFAULT_CONFIG.periodKinds,
    language: typeof context['bantin:language'] === 'string' ? parseLanguage(context['bantin:language']) : DEFAULT_CONFIG.language,
    timeZone: typeof context['bantin:timeZone'] === 'string' ? context['bantin:timeZone'] : DEFAULT_CONFIG.timeZone,
    issuer: typeof context['bantin:issuer'] === 'string' && context['bantin:issuer'].trim() ? context['bantin:issuer'].trim() : null,
    place: typeof context['bantin:place'] === 'string' && context['bantin:place'].trim() ? context['bantin:place'].trim() : null,
  };
}
