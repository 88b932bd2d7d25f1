/**
 * Uploads: tickets for the browser to send files straight to the bucket (through the UrlSigner),
 * then each upload's outcome as soon as the pipeline knows it (its record under articles/ or rejected/).
 */
import { z } from 'zod';
import { ArticleSchema, RejectionSchema } from '../core/model.ts';
import { articleKeyOf, rejectionKeyOf } from '../pipeline/keys.ts';
import { mapLimit } from '../pipeline/state.ts';
import { getJson } from '../storage/object-store.ts';
import type { DownloadLink, UploadOutcome, UploadTicket } from './contract.ts';
import type { ConsoleDeps } from './deps.ts';
import { ApiError, badRequest } from './errors.ts';
import { checkUploadKey, fileNameOf, uploadKeyParam } from './params.ts';
import { isArticleName, uploadKeysFor } from './upload-names.ts';

const MAX_FILES = 100;
const TEXT_TYPES = /^text\/(plain|html)(\s*;.*)?$/i;

const UploadFileSchema = z.object({
  name: z.string().min(1).max(1000),
  type: z.string().max(200),
  size: z.number().int().nonnegative(),
  // Stored as S3 metadata, which must be ASCII: the address is kept in its encoded form (punycode, %XX).
  sourceUrl: z
    .string()
    .max(2000)
    .regex(/^https?:\/\/\S+$/i, 'must be an http(s) address')
    .transform((v, ctx) => {
      try {
        return new URL(v).href;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an http(s) address' });
        return z.NEVER;
      }
    })
    .optional(),
  publishedAt: z.string().max(40).regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be a date or time like 2023-06-07T09:30').optional(),
});
const UploadRequestSchema = z.object({ files: z.array(UploadFileSchema).min(1).max(MAX_FILES) }).strict();

export async function createUploads(deps: ConsoleDeps, body: unknown): Promise<UploadTicket[]> {
  const parsed = UploadRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw badRequest(`The upload request is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}.`);
  }
  const { files } = parsed.data;
  for (const f of files) {
    // Browsers report an empty type for extensions they do not know; the extension decides then.
    if (!isArticleName(f.name) || (f.type !== '' && !TEXT_TYPES.test(f.type))) {
      throw new ApiError(415, 'unsupported-type', `"${f.name.slice(0, 100)}" is not a .txt or .html file; save the article as text or as a web page and upload that.`);
    }
    if (f.size > deps.maxUploadBytes) {
      throw new ApiError(413, 'too-large', `"${f.name.slice(0, 100)}" is ${f.size} bytes; the limit is ${deps.maxUploadBytes} bytes.`);
    }
  }
  const keys = await uploadKeysFor(files.map((f) => f.name), deps.store, deps.config, deps.now?.() ?? new Date());
  return Promise.all(files.map(async (file, i) => ({ name: file.name, key: keys[i]!, upload: await deps.signer.upload(keys[i]!, file, deps.maxUploadBytes) })));
}

export async function uploadOutcomes(deps: ConsoleDeps, query: Record<string, string>): Promise<UploadOutcome[]> {
  const raw = (query.keys ?? '').split(',').filter(Boolean);
  if (raw.length === 0) throw badRequest('The request needs ?keys= with one or more upload keys separated by commas.');
  if (raw.length > MAX_FILES) throw badRequest(`At most ${MAX_FILES} keys at once.`);
  const keys = raw.map((k) => checkUploadKey(k, deps.config));
  return mapLimit(keys, 16, (key) => outcomeOf(deps, key));
}

async function outcomeOf(deps: ConsoleDeps, key: string): Promise<UploadOutcome> {
  const article = await getJson(deps.store, articleKeyOf(key), (v) => ArticleSchema.parse(v));
  if (article) {
    const e = article.primaryEvent;
    return { key, state: 'parsed', title: article.title, kind: e?.type ?? null, date: e?.date ?? null, yearInferred: e?.dateInferred ?? false };
  }
  const rejection = await getJson(deps.store, rejectionKeyOf(key), (v) => RejectionSchema.parse(v));
  if (rejection) return { key, state: 'rejected', reason: rejection.reason, message: rejection.message };
  return { key, state: 'pending' };
}

export async function uploadDownload(deps: ConsoleDeps, query: Record<string, string>): Promise<DownloadLink> {
  const key = uploadKeyParam(query, deps.config);
  const head = await deps.store.head(key);
  if (!head) throw new ApiError(404, 'not-found', `There is no upload ${key}.`);
  return { url: await deps.signer.download(key, fileNameOf(key), 'application/octet-stream'), expiresAt: null };
}
