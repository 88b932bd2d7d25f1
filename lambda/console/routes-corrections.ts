/**
 * Corrections through the console: the same `corrections/<path>.json` objects people may write by
 * hand (lambda/core/corrections.ts), checked against the article before they are stored, so an
 * editor learns at once what is wrong. Storing one notifies the ingest, which re-renders the periods.
 */
import { applyCorrection } from '../core/corrections.ts';
import { ArticleSchema } from '../core/model.ts';
import { readCorrection } from '../pipeline/corrections.ts';
import { articleKeyOf, correctionKeyOf } from '../pipeline/keys.ts';
import { getJson, putJson } from '../storage/object-store.ts';
import type { ConsoleDeps } from './deps.ts';
import { ApiError, badRequest } from './errors.ts';
import { uploadKeyParam } from './params.ts';

export async function getCorrection(deps: ConsoleDeps, query: Record<string, string>): Promise<unknown> {
  const key = uploadKeyParam(query, deps.config);
  const stored = await readCorrection(deps.store, key);
  if (!stored) return null;
  if (stored.problem) throw new ApiError(409, 'unreadable', `The stored correction of ${key} is not JSON; save a new one to replace it.`);
  return stored.raw;
}

export async function putCorrection(deps: ConsoleDeps, query: Record<string, string>, body: unknown): Promise<{ key: string; applied: string[] }> {
  const key = uploadKeyParam(query, deps.config);
  const article = await getJson(deps.store, articleKeyOf(key), (v) => ArticleSchema.parse(v));
  if (!article) throw new ApiError(404, 'not-found', `There is no parsed article for ${key}: it is not uploaded, still being read, or was rejected.`);
  const result = applyCorrection(article, body);
  if (result.problems.length > 0) throw badRequest('The correction was not saved: it has problems.', result.problems);
  await putJson(deps.store, correctionKeyOf(key), body);
  deps.log.info('console correction saved', { uploadKey: key, applied: result.applied });
  return { key: correctionKeyOf(key), applied: result.applied };
}

export async function deleteCorrection(deps: ConsoleDeps, query: Record<string, string>): Promise<{ deleted: boolean }> {
  const key = uploadKeyParam(query, deps.config);
  const correction = correctionKeyOf(key);
  const existed = (await deps.store.head(correction)) !== null;
  if (existed) await deps.store.delete(correction);
  return { deleted: existed };
}
