/**
 * Periods: every rendered period (its status under state/periods/) and every period waiting for a
 * render (a dirty marker under state/dirty/periods/), the meetings of one period as its last
 * digest.json tells them, and download links of its files.
 */
import { DigestSchema, type ArticleRef, type Digest } from '../core/digest-model.ts';
import { PERIOD_KINDS, periodEnd, periodKindOf, periodLabel, UNDATED } from '../core/periods.ts';
import { digestKeys, DIRTY_PERIODS, isUploadKey } from '../pipeline/keys.ts';
import { listDirty, listPeriodStatuses, readPeriodStatus, type PeriodStatus } from '../pipeline/state.ts';
import { getJson } from '../storage/object-store.ts';
import type { ArticleFact, DownloadLink, MeetingFact, PeriodDetail, PeriodSummary } from './contract.ts';
import type { ConsoleDeps } from './deps.ts';
import { notFound } from './errors.ts';
import { formatParam, periodParam, type DigestFormat } from './params.ts';

const FORMATS: PeriodSummary['formats'] = ['pdf', 'docx', 'html', 'json'];
const CONTENT_TYPES: Record<DigestFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function summaryOf(id: string, status: PeriodStatus | null, dirty: boolean, lang: 'vi' | 'en'): PeriodSummary {
  return {
    period: id,
    label: status?.label ?? periodLabel(id, lang),
    kind: id === UNDATED ? 'undated' : periodKindOf(id),
    meetings: status?.meetings ?? 0,
    articles: status?.articles ?? 0,
    renderedAt: status?.renderedAt ?? null,
    rendering: dirty,
    formats: status ? FORMATS : [],
  };
}

/**
 * The order office staff look for: the most recent first (by the day a period ends), the shorter
 * period first where two end together (month, quarter, half, year), undated work last.
 */
function newestFirst(a: string, b: string): number {
  if (a === UNDATED || b === UNDATED) return (a === UNDATED ? 1 : 0) - (b === UNDATED ? 1 : 0);
  const byEnd = periodEnd(b).localeCompare(periodEnd(a));
  return byEnd || PERIOD_KINDS.indexOf(periodKindOf(a)) - PERIOD_KINDS.indexOf(periodKindOf(b));
}

export async function listPeriods(deps: ConsoleDeps): Promise<PeriodSummary[]> {
  const [statuses, dirty] = await Promise.all([listPeriodStatuses(deps.store), listDirty(deps.store, DIRTY_PERIODS)]);
  const dirtyIds = new Set(dirty.map((d) => d.id));
  const byId = new Map(statuses.map((s) => [s.periodId, s]));
  const ids = [...new Set([...byId.keys(), ...dirtyIds])].sort(newestFirst);
  return ids.map((id) => summaryOf(id, byId.get(id) ?? null, dirtyIds.has(id), deps.config.language));
}

function articleFact(a: ArticleRef): ArticleFact {
  return {
    id: a.id,
    title: a.title,
    publishedAt: a.publishedAt,
    sources: a.sources.map((s) => ({ key: s.key, outlet: s.outlet, url: s.url, upload: isUploadKey(s.key) })),
    corrections: (a.corrections ?? []).map((c) => ({ field: c.field, original: c.original, corrected: c.corrected })),
  };
}

function meetingsOf(digest: Digest): { meetings: MeetingFact[]; otherArticles: ArticleFact[] } {
  const articles = new Map(digest.articles.map((a) => [a.id, a]));
  const documents = new Map(digest.documents.map((d) => [d.key, d]));
  const meetings = digest.meetings.map((m): MeetingFact => ({
    key: m.key,
    kind: m.type,
    date: m.date,
    dateInferred: m.dateInferred,
    planned: m.planned,
    organizer: m.organizer,
    chair: m.chair,
    format: m.format,
    attendance: m.attendance,
    documents: m.documents.map((k) => {
      const d = documents.get(k);
      return { key: k, code: d?.code ?? null, type: d?.type ?? null, subject: d?.subject ?? null };
    }),
    articles: m.articleIds.flatMap((id) => {
      const a = articles.get(id);
      return a ? [articleFact(a)] : [];
    }),
  }));
  return { meetings, otherArticles: digest.articles.filter((a) => a.meetingKey === null).map(articleFact) };
}

export async function periodDetail(deps: ConsoleDeps, rawPeriod: string): Promise<PeriodDetail> {
  const id = periodParam(rawPeriod);
  const [status, dirty] = await Promise.all([readPeriodStatus(deps.store, id), deps.store.head(`${DIRTY_PERIODS}${id}`)]);
  if (!status && !dirty) throw notFound(`There is no period ${id} yet: nothing uploaded falls in it.`);
  const summary = summaryOf(id, status, dirty !== null, deps.config.language);
  const digest = status ? await getJson(deps.store, digestKeys(id).json, (v) => DigestSchema.parse(v)) : null;
  if (!digest) return { summary, meetings: null, otherArticles: [] };
  return { summary, ...meetingsOf(digest) };
}

export async function periodDownload(deps: ConsoleDeps, rawPeriod: string, rawFormat: string): Promise<DownloadLink> {
  const id = periodParam(rawPeriod);
  const format = formatParam(rawFormat);
  const key = digestKeys(id)[format];
  if (!(await deps.store.head(key))) throw notFound(`The ${format.toUpperCase()} of period ${id} has not been rendered yet.`);
  return { url: await deps.signer.download(key, `bantin-${id}.${format}`, CONTENT_TYPES[format]), expiresAt: null };
}
