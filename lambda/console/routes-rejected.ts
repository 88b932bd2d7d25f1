/** Rejected uploads: their records under rejected/, the file itself for download, deletion of both. */
import { RejectionSchema, type Rejection } from '../core/model.ts';
import { REJECTED, rejectionKeyOf } from '../pipeline/keys.ts';
import { mapLimit } from '../pipeline/state.ts';
import { getJson } from '../storage/object-store.ts';
import type { DownloadLink, RejectedUpload } from './contract.ts';
import type { ConsoleDeps } from './deps.ts';
import { notFound } from './errors.ts';
import { fileNameOf, uploadKeyParam } from './params.ts';

const readRejection = (deps: ConsoleDeps, recordKey: string): Promise<Rejection | null> =>
  getJson(deps.store, recordKey, (v) => RejectionSchema.parse(v)).catch(() => null);

export async function listRejected(deps: ConsoleDeps): Promise<RejectedUpload[]> {
  const records = (await deps.store.list(REJECTED)).filter((o) => o.key.endsWith('.json'));
  const read = await mapLimit(records, 16, (o) => readRejection(deps, o.key));
  return read
    .filter((r): r is Rejection => r !== null)
    .map((r) => ({ key: r.key, reason: r.reason, message: r.message, at: r.rejectedAt, size: r.bytes }))
    .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || a.key.localeCompare(b.key));
}

async function rejectedUpload(deps: ConsoleDeps, query: Record<string, string>): Promise<string> {
  const key = uploadKeyParam(query, deps.config);
  if (!(await readRejection(deps, rejectionKeyOf(key)))) throw notFound(`${key} is not a rejected upload.`);
  return key;
}

export async function rejectedDownload(deps: ConsoleDeps, query: Record<string, string>): Promise<DownloadLink> {
  const key = await rejectedUpload(deps, query);
  if (!(await deps.store.head(key))) throw notFound(`The file of ${key} is no longer there.`);
  return { url: await deps.signer.download(key, fileNameOf(key), 'application/octet-stream'), expiresAt: null };
}

/** Deletes the upload (its removal event clears the records too) and its rejection record. */
export async function deleteRejected(deps: ConsoleDeps, query: Record<string, string>): Promise<{ deleted: string }> {
  const key = await rejectedUpload(deps, query);
  await deps.store.delete(key);
  await deps.store.delete(rejectionKeyOf(key));
  deps.log.info('console deleted a rejected upload', { uploadKey: key });
  return { deleted: key };
}
