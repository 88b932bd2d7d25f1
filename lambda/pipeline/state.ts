/**
 * Internal state under `state/`: which month each upload sits in, per-month membership, the
 * dirty markers that drive the debounced render, and the status of each rendered period.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { comparePeriodIds, monthsOf, periodEnd, periodOfKind, UNDATED, type PeriodKind } from '../core/periods.ts';
import { getJson, type ObjectInfo, type ObjectStore } from '../storage/object-store.ts';
import { localDate } from './config.ts';
import { dirtyMonthKey, dirtyPeriodKey, lastSegment, periodStatusKey, PERIODS, STATE, uploadHash } from './keys.ts';

/** Where an upload's record lives and which month it was counted in. */
export const MembershipSchema = z.object({
  uploadKey: z.string(),
  /** `articles/<…>.json` or `rejected/<…>.json`. */
  recordKey: z.string(),
  kind: z.enum(['article', 'rejection']),
  articleId: z.string().nullable(),
  /** `YYYY-MM` or `undated`: articles by their period date, rejections by the month they were rejected. */
  month: z.string(),
});
export type Membership = z.infer<typeof MembershipSchema>;

/** `state/uploads/<hash>.json`: the month an upload was last counted in (to undo it later). */
export const uploadStateKey = (uploadKey: string): string => `${STATE}uploads/${uploadHash(uploadKey)}.json`;

export const PeriodStatusSchema = z.object({
  periodId: z.string(),
  label: z.string(),
  generation: z.number().int().positive(),
  /** True once the period had ended (in the configured time zone) when it was rendered. */
  final: z.boolean(),
  renderedAt: z.string(),
  articles: z.number().int().nonnegative(),
  meetings: z.number().int().nonnegative(),
  /**
   * The committed generation's folder under `digests/` (`<period>/generations/<n>-<id>`), which the
   * index links. Absent in statuses written before generation folders (the index then links the stable keys).
   */
  folder: z.string().optional(),
  /** The generation before it, kept for readers holding an older index. */
  previousFolder: z.string().optional(),
});
export type PeriodStatus = z.infer<typeof PeriodStatusSchema>;

/** Every digest period a month contributes to, for the configured kinds. */
export function periodsOfMonth(month: string, kinds: readonly PeriodKind[]): string[] {
  if (month === UNDATED) return [UNDATED];
  return kinds.map((kind) => periodOfKind(month, kind));
}

/** Months a digest period is combined from. */
export function monthsOfPeriod(period: string): string[] {
  return period === UNDATED ? [UNDATED] : monthsOf(period);
}

/**
 * Marks a month for re-aggregation and its periods for re-rendering. Each write has a fresh body,
 * hence a fresh ETag, so the renderer can tell a marker rewritten while it worked.
 */
export async function markDirty(store: ObjectStore, month: string, kinds: readonly PeriodKind[], now: Date): Promise<string[]> {
  const body = JSON.stringify({ at: now.toISOString(), nonce: randomUUID() });
  const periods = periodsOfMonth(month, kinds);
  await Promise.all([
    store.put(dirtyMonthKey(month), body),
    ...periods.map((p) => store.put(dirtyPeriodKey(p), body)),
  ]);
  return periods;
}

export interface DirtyMarker {
  key: string;
  id: string;
  etag: string | null;
  /** When the marker was last written (the last upload that touched it), as the store reports it. */
  lastModified?: Date | null;
}

export async function listDirty(store: ObjectStore, prefix: string): Promise<DirtyMarker[]> {
  return (await store.list(prefix)).map((o) => ({ key: o.key, id: lastSegment(o.key), etag: o.etag, lastModified: o.lastModified }));
}

/**
 * Clears a marker unless it was rewritten since it was listed (then the next run picks it up).
 * S3 has no conditional delete; the remaining window is one HEAD round-trip.
 */
export async function clearDirty(store: ObjectStore, marker: DirtyMarker): Promise<boolean> {
  const now = await store.head(marker.key);
  if (!now) return true;
  if (marker.etag !== null && now.etag !== marker.etag) return false;
  await store.delete(marker.key);
  return true;
}

/** Runs `fn` over items with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

/** True once the whole period lies before today in the configured zone. `undated` never ends. */
export function isEnded(periodId: string, now: Date, timeZone: string): boolean {
  return periodId !== UNDATED && periodEnd(periodId) < localDate(now, timeZone);
}

export async function listPeriodStatuses(store: ObjectStore): Promise<PeriodStatus[]> {
  return (await readPeriodStatuses(store)).statuses;
}

/** Every period status, with the listing it was read from (to tell later whether any changed). */
export async function readPeriodStatuses(store: ObjectStore): Promise<{ statuses: PeriodStatus[]; listing: ObjectInfo[] }> {
  const listing = await listStatusObjects(store);
  const statuses = await mapLimit(listing, 16, (o) => getJson(store, o.key, (v) => PeriodStatusSchema.parse(v)));
  return { statuses: statuses.filter((s): s is PeriodStatus => s !== null).sort((a, b) => comparePeriodIds(a.periodId, b.periodId)), listing };
}

export async function listStatusObjects(store: ObjectStore): Promise<ObjectInfo[]> {
  return (await store.list(PERIODS)).filter((o) => o.key.endsWith('.json'));
}

export const readPeriodStatus = (store: ObjectStore, periodId: string): Promise<PeriodStatus | null> =>
  getJson(store, periodStatusKey(periodId), (v) => PeriodStatusSchema.parse(v));

/** True when two listings name the same objects with the same ETags (nothing was written in between). */
export function sameListing(a: readonly ObjectInfo[], b: readonly ObjectInfo[]): boolean {
  return a.length === b.length && a.every((o, i) => o.key === b[i]!.key && o.etag === b[i]!.etag);
}

