/**
 * Validation of what a request names: upload keys and period ids (zod, like the rest of the code).
 * A key is accepted only when the pipeline itself could derive its records (key-safety.ts rules).
 */
import { z } from 'zod';
import { DigestPeriodIdSchema } from '../core/digest-model.ts';
import type { PipelineConfig } from '../pipeline/config.ts';
import { uploadKeyProblem } from '../pipeline/key-safety.ts';
import { isUploadKey, relativeUploadKey } from '../pipeline/keys.ts';
import { badRequest } from './errors.ts';

export function uploadKeyParam(query: Record<string, string>, config: PipelineConfig, name = 'key'): string {
  const key = query[name];
  if (!key) throw badRequest(`The request needs ?${name}= with an upload key such as incoming/2023-06-07/bai.txt.`);
  return checkUploadKey(key, config);
}

export function checkUploadKey(key: string, config: PipelineConfig): string {
  if (!isUploadKey(key)) throw badRequest(`"${key.slice(0, 200)}" is not an upload key (they start with incoming/).`);
  const problem = uploadKeyProblem(key, relativeUploadKey(key), config);
  if (problem) throw badRequest(`"${key.slice(0, 200)}" cannot be used: ${problem}.`);
  return key;
}

export function periodParam(value: string): string {
  const parsed = DigestPeriodIdSchema.safeParse(value);
  if (!parsed.success) throw badRequest(`"${value.slice(0, 60)}" is not a period such as 2023, 2023-H1, 2023-Q2, 2023-06 or undated.`);
  return parsed.data;
}

export const FormatSchema = z.enum(['pdf', 'docx', 'html', 'json']);
export type DigestFormat = z.infer<typeof FormatSchema>;

export function formatParam(value: string): DigestFormat {
  const parsed = FormatSchema.safeParse(value);
  if (!parsed.success) throw badRequest(`"${value.slice(0, 20)}" is not a digest format (pdf, docx, html or json).`);
  return parsed.data;
}

/** The last segment of a key: the file name a download is saved as. */
export const fileNameOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1);
